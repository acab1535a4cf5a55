"""CSV and JSON exports (same filters as the list), the Atom feed and the sitemap."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
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


def test_exports_hold_at_most_the_limit_and_say_when_there_were_more(client, monkeypatch):
    monkeypatch.setattr("factcheck.views.exports.EXPORT_LIMIT", 2)
    monkeypatch.setattr("factcheck.views.statements.EXPORT_LIMIT", 2)
    for n in range(3):
        public_statement(title=f"Pledge {n}")
    response = client.get(reverse("factcheck:statements_csv"))
    assert 'filename="statements-first-2.csv"' in response["Content-Disposition"]
    assert len(list(csv.DictReader(io.StringIO(response.content.decode())))) == 2
    data = json.loads(client.get(reverse("factcheck:statements_json")).content)
    assert (data["count"], data["truncated"], data["limit"]) == (2, True, 2)
    feed = json.loads(client.get(reverse("factcheck:claimreview_feed")).content)
    assert len(feed["dataFeedElement"]) == 2
    assert "Download the first 2 matches:" in client.get(reverse("factcheck:statement_list")).content.decode()


def test_exports_within_the_limit_are_whole(client):
    public_statement()
    data = json.loads(client.get(reverse("factcheck:statements_json")).content)
    assert (data["count"], data["truncated"]) == (1, False)
    assert "Download this statement:" in client.get(reverse("factcheck:statement_list")).content.decode()


@pytest.mark.parametrize("query", [{}, {"q": "nurses"}, {"q": "nurses", "kind": "pledge"}])
def test_exports_make_as_many_queries_for_many_rows_as_for_few(client, query):
    def queries() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("factcheck:statements_json"), query)
        return len(captured)

    public_statement(title="Hire nurses")
    few = queries()
    for n in range(5):
        public_statement(title=f"Hire nurses {n}")
    assert queries() == few


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
