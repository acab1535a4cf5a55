"""Addresses stored in the database become links only when they are web addresses (http, https) or the site's own.

The forms refuse anything else, but rows can be written around them (raw SQL, a restored dump, an
import of old data), so the pages check again where they render a link.
"""

import json
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from factcheck.models import Article, Source
from tests.factories import PublishedVerdictFactory, SourceFactory
from tests.public_data import public_statement

pytestmark = pytest.mark.django_db

HOSTILE = [
    "javascript:alert(document.cookie)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\x01javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//evil.example/steal",
    "/\\evil.example/steal",
]


class Addresses(HTMLParser):
    """Every address a browser would follow or cite on the page: href, src, cite."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.found += [value for name, value in attrs if name in {"href", "src", "cite", "action"} and value]


def addresses(html: str) -> list[str]:
    parser = Addresses()
    parser.feed(html)
    return parser.found


def unsafe(html: str) -> list[str]:
    """Addresses that are neither http(s) with a host nor a path on this site, read as a browser reads them."""
    bad = []
    for address in addresses(html):
        parts = urlsplit(address)  # strips leading controls and tabs and newlines inside, as browsers do
        web = parts.scheme in {"http", "https"} and parts.netloc
        own = not parts.scheme and not parts.netloc and not address.lstrip().startswith(("//", "/\\"))
        if not (web or own):
            bad.append(address)
    return bad


def with_source_url(url: str):
    statement = public_statement()
    verdict = statement.verdicts.get()
    Source.objects.filter(verdict=verdict).update(url=url, title="Press release from the minister")  # no validation
    return statement


@pytest.mark.parametrize("url", HOSTILE)
def test_a_source_with_a_hostile_address_is_not_a_link_on_the_statement_page(client, url):
    statement = with_source_url(url)
    html = client.get(statement.get_absolute_url()).text
    assert unsafe(html) == []
    assert "Press release from the minister" in html


@pytest.mark.parametrize("url", HOSTILE)
def test_an_article_with_a_hostile_source_address_is_not_a_link_anywhere(client, url):
    statement = public_statement()
    Article.objects.filter(pk=statement.article_id).update(source_url=url)
    for page in (statement.get_absolute_url(), statement.article.get_absolute_url()):
        html = client.get(page).text
        assert unsafe(html) == [], page
    feed = json.loads(client.get(reverse("factcheck:claimreview_feed")).content)
    assert {urlsplit(url).scheme for url in urls_in(feed)} <= {"http", "https"}


def urls_in(data) -> list[str]:
    """Every "url" value in a JSON-LD document."""
    if isinstance(data, dict):
        return [value for key, value in data.items() if key == "url"] + [
            url for value in data.values() for url in urls_in(value)
        ]
    if isinstance(data, list):
        return [url for value in data for url in urls_in(value)]
    return []


@pytest.mark.parametrize("url", HOSTILE[:3])
def test_the_admins_unpublish_preview_does_not_link_a_hostile_source(client, editor, url):
    verdict = PublishedVerdictFactory()
    SourceFactory(verdict=verdict, title="Press release from the minister")
    Source.objects.filter(verdict=verdict).update(url=url)
    client.force_login(editor)
    html = client.get(reverse("admin:factcheck_verdict_unpublish", args=[verdict.pk])).text
    assert "Press release from the minister" in html
    assert not [a for a in addresses(html) if "script" in a.lower()]


def test_web_addresses_and_the_sites_own_articles_are_still_links(client):
    statement = with_source_url("https://www.gov.uk/government/news/social-work-reform")
    cited = public_statement()
    SourceFactory(verdict=statement.verdicts.get(), url="", article=cited.article, title="Our own copy")
    Article.objects.filter(pk=statement.article_id).update(source_url="http://news.bbc.co.uk/1/hi/politics/1.stm")
    html = client.get(statement.get_absolute_url()).text
    found = addresses(html)
    assert "https://www.gov.uk/government/news/social-work-reform" in found
    assert cited.article.get_absolute_url() in found
    assert "http://news.bbc.co.uk/1/hi/politics/1.stm" in found
    article_html = client.get(statement.article.get_absolute_url()).text
    assert "http://news.bbc.co.uk/1/hi/politics/1.stm" in addresses(article_html)
