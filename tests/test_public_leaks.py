"""Nothing unpublished reaches a reader: crawl every public URL looking for a planted draft.

The staff preview is the one place drafts show, and it is never cached.
"""

import datetime
import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import reverse

from factcheck.models import Correction
from factcheck.scales import Rating
from tests.factories import SourceFactory, UserFactory, VerdictFactory
from tests.public_data import newsroom, public_statement

pytestmark = pytest.mark.django_db

MARKER = "QX7ZEBRAMARKER"
DRAFT_WORD = "zanzibarquux"
FIXED_URLS = [
    "/",
    "/statements/",
    "/methodology/",
    "/corrections/",
    "/feeds/verdicts/",
    "/sitemap.xml",
    "/robots.txt",
    "/statements.csv",
    "/statements.json",
    "/claimreview.json",
    "/statements/?rating=kept",
    "/statements/?sort=said",
    f"/statements/?q={DRAFT_WORD}",
    f"/statements.csv?q={DRAFT_WORD}",
    f"/statements.json?q={DRAFT_WORD}",
]
HREF = re.compile(r'(?:href|src)="([^"#]*)')
LOC = re.compile(r"<loc>([^<]*)</loc>")


@pytest.fixture
def planted(settings):
    """A public statement with a newer draft (marker everywhere, a better rating), and a draft-only statement."""
    settings.PLEDGEBOOK_SITE_URL = "http://testserver"
    newsroom(4)
    public = public_statement(rating=Rating.BROKEN, title="A public pledge")
    draft = VerdictFactory(
        statement=public,
        rating=Rating.KEPT,
        headline=f"Headline {MARKER}",
        explanation=f"Explanation {MARKER} {DRAFT_WORD}",
        checked_on=datetime.date(2030, 1, 1),
    )
    SourceFactory(verdict=draft, title=f"Source {MARKER}", url=f"https://example.org/{MARKER}")
    Correction.objects.create(verdict=draft, note=f"Correction to a draft {MARKER}")
    hidden = VerdictFactory(
        statement__title=f"Draft-only statement {MARKER}", statement__slug="draft-only", headline=f"Only {MARKER}"
    )
    return public, hidden.statement


def crawl(client) -> dict[str, str]:
    """Fetch the fixed URLs and every same-site link found in pages and the sitemap."""
    seen: dict[str, str] = {}
    queue = list(FIXED_URLS)
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        response = client.get(url)
        assert response.status_code == 200, url
        content = response.content.decode()
        seen[url] = content
        for link in HREF.findall(content) + LOC.findall(content):
            parts = urlsplit(urljoin("http://testserver" + url, link.replace("&amp;", "&")))
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if parts.netloc == "testserver" and not path.startswith(("/static/", "/admin/")) and path not in seen:
                queue.append(path)
    return seen


def test_no_public_url_shows_a_draft(client, planted):
    public, hidden = planted
    pages = crawl(client)
    assert public.get_absolute_url() in pages
    assert public.article.get_absolute_url() in pages
    assert len(pages) > 25
    for url, content in pages.items():
        assert MARKER not in content, url
        assert hidden.get_absolute_url() not in content, url


def test_search_and_rating_filter_ignore_drafts(client, planted):
    public, _ = planted
    assert client.get("/statements/", {"q": DRAFT_WORD}).context_data["page_obj"].paginator.count == 0
    kept = [s.pk for s in client.get("/statements/", {"rating": "kept"}).context_data["statements"]]
    assert public.pk not in kept
    assert public.get_absolute_url() not in client.get("/statements.csv", {"q": DRAFT_WORD}).content.decode()


def test_statement_with_only_drafts_is_not_found(client, planted):
    _, hidden = planted
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(hidden.article.get_absolute_url()).status_code == 404
    assert client.get(hidden.speaker.get_absolute_url()).status_code == 404


def test_staff_preview_shows_drafts_and_is_never_cached(client, planted, fact_checker):
    public, hidden = planted
    client.force_login(fact_checker)
    for statement in (public, hidden):
        response = client.get(reverse("factcheck:statement_preview", args=[statement.pk]))
        assert response.status_code == 200
        assert MARKER in response.content.decode()
        cache_control = response["Cache-Control"]
        for directive in ("no-cache", "no-store", "must-revalidate", "private"):
            assert directive in cache_control
        assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_preview_is_closed_to_readers(client, planted):
    public, _ = planted
    url = reverse("factcheck:statement_preview", args=[public.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    client.force_login(UserFactory(is_staff=False))
    assert client.get(url).status_code == 404
