"""CSV and JSON exports (same filters as the list), the Atom feed and the sitemap."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from factcheck.models import Correction
from factcheck.scales import Kind, Rating
from tests.public_data import public_statement

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.PLEDGEBOOK_SITE_URL = "https://pledges.example"


def test_csv_export_honours_the_filters_and_defuses_formulas(client):
    public_statement(title="=HYPERLINK(evil)", rating=Rating.KEPT)
    public_statement(title="A criticism", kind=Kind.CRITICISM)
    response = client.get(reverse("factcheck:statements_csv"), {"kind": "pledge"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="statements.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["title"] for row in rows] == ["'=HYPERLINK(evil)"]
    assert rows[0]["rating_label"] == "Kept"
    assert rows[0]["said_on"] == "2010-06-15"
    assert rows[0]["url"].startswith("https://pledges.example/statements/")


def test_csv_headers_survive_the_cache(client):
    public_statement()
    url = reverse("factcheck:statements_csv")
    client.get(url)
    assert 'filename="statements.csv"' in client.get(url)["Content-Disposition"]


def test_json_export_honours_the_filters_and_reports_bad_ones(client):
    public_statement(title="Kept", rating=Rating.KEPT)
    public_statement(title="Broken", rating=Rating.BROKEN)
    data = json.loads(client.get(reverse("factcheck:statements_json"), {"rating": "kept", "kind": "x"}).content)
    assert data["count"] == 1
    assert data["statements"][0]["title"] == "Kept"
    assert data["filters"] == {"rating": "kept"}
    assert data["problems"] == ["There is no kind of statement called “x”, so pledges and criticisms are both shown."]


def test_atom_feed_has_verdict_updates_and_corrections_with_absolute_links(client):
    statement = public_statement(title="Hire nurses", rating=Rating.STALLED)
    Correction.objects.create(verdict=statement.verdicts.get(), note="We fixed a date.")
    response = client.get(reverse("factcheck:feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]
    assert titles == ["Correction: Hire nurses", "Hire nurses: Stalled"]
    links = [entry.find(f"{ATOM}link").get("href") for entry in feed.iter(f"{ATOM}entry")]
    assert all(link.startswith("https://pledges.example/statements/") for link in links)


def test_sitemap_lists_public_statements_articles_and_speakers(client):
    statement = public_statement()
    response = client.get(reverse("factcheck:sitemap"))
    locations = {loc.text for loc in ET.fromstring(response.content).iter(f"{SITEMAP}loc")}
    for path in (
        statement.get_absolute_url(),
        statement.article.get_absolute_url(),
        statement.speaker.get_absolute_url(),
        "/methodology/",
    ):
        assert f"https://pledges.example{path}" in locations
