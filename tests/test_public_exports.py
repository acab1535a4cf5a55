"""CSV and JSON exports (same filters as the list), the Atom feed and the sitemap."""

import csv
import datetime
import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from factcheck.models import Correction, Statement
from factcheck.scales import Kind, Rating
from factcheck.sitemaps import PublicSitemap
from tests.factories import VerdictFactory
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
    assert "Download up to 2 matches:" in client.get(reverse("factcheck:statement_list")).content.decode()


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


def sitemap_locations(client, path: str) -> list[str]:
    """The addresses a sitemap lists, checking that its copy from the page cache is still noindex."""
    first, cached = client.get(path), client.get(path)
    for response in (first, cached):
        assert response.status_code == 200, path
        assert response["X-Robots-Tag"].startswith("noindex"), path
    assert cached.content == first.content
    return [loc.text for loc in ET.fromstring(first.content).iter(f"{SITEMAP}loc")]


def site_path(url: str) -> str:
    assert url.startswith("https://pledges.example/"), url
    return url.removeprefix("https://pledges.example")


def test_sitemap_index_leads_to_every_public_statement_article_and_speaker(client, monkeypatch):
    monkeypatch.setattr(PublicSitemap, "limit", 2)
    statements = [public_statement() for _ in range(5)]
    draft_only = VerdictFactory(statement__slug="draft-only").statement

    sections = sitemap_locations(client, reverse("factcheck:sitemap"))
    statement_pages = [url for url in sections if "/sitemap-statements.xml" in url]
    assert statement_pages == [
        "https://pledges.example/sitemap-statements.xml",
        "https://pledges.example/sitemap-statements.xml?p=2",
        "https://pledges.example/sitemap-statements.xml?p=3",
    ]
    listed = {url for section in sections for url in sitemap_locations(client, site_path(section))}
    for statement in statements:
        for path in (
            statement.get_absolute_url(),
            statement.article.get_absolute_url(),
            statement.speaker.get_absolute_url(),
        ):
            assert f"https://pledges.example{path}" in listed
    assert "https://pledges.example/methodology/" in listed
    hidden = (draft_only.slug, draft_only.article.slug, draft_only.speaker.slug)
    assert not any(slug in url for slug in hidden for url in listed)


def test_sitemap_index_dates_statements_by_their_latest_published_update(client):
    older, newer = public_statement(), public_statement()
    Statement.objects.filter(pk=older.pk).update(last_update_at=datetime.datetime(2011, 5, 1, tzinfo=datetime.UTC))
    Statement.objects.filter(pk=newer.pk).update(last_update_at=datetime.datetime(2012, 6, 2, tzinfo=datetime.UTC))
    # A statement that is not public yet, however recent its date, does not date the sitemap.
    draft_only = VerdictFactory(statement__slug="draft-only").statement
    Statement.objects.filter(pk=draft_only.pk).update(last_update_at=datetime.datetime(2013, 1, 1, tzinfo=datetime.UTC))
    cache.clear()

    index = ET.fromstring(client.get(reverse("factcheck:sitemap")).content)
    dates = {
        entry.findtext(f"{SITEMAP}loc"): entry.findtext(f"{SITEMAP}lastmod")
        for entry in index.iter(f"{SITEMAP}sitemap")
    }
    assert dates["https://pledges.example/sitemap-statements.xml"].startswith("2012-06-02")


def test_unknown_sitemap_section_or_page_is_not_found(client):
    public_statement()
    assert client.get("/sitemap-statements.xml", {"p": 1}).status_code == 200
    assert client.get("/sitemap-drafts.xml").status_code == 404
    assert client.get("/sitemap-statements.xml", {"p": 9}).status_code == 404
    assert client.get("/sitemap-statements.xml", {"p": "abc"}).status_code == 404


def test_robots_txt_points_to_the_sitemap_index_and_keeps_crawlers_out_of_the_desk(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: https://pledges.example/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /preview/" in lines
