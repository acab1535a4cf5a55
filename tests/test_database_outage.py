"""While the database cannot be reached, cached public pages are still served, and everything else answers a
503 page with Retry-After: never a traceback, never a 500.

The outage is made by an execute wrapper that fails every query the way a lost connection does.
"""

import contextlib

import pytest
from django.core.cache import cache
from django.db import OperationalError, connection
from django.urls import reverse

from factcheck.caching import STAMP_KEY
from factcheck.publishing import correct_verdict, unpublish_verdict
from tests.factories import PublishedVerdictFactory
from tests.public_data import public_statement

pytestmark = pytest.mark.django_db

UNAVAILABLE = "temporarily unavailable"


@contextlib.contextmanager
def database_down():
    """Every query fails as it does while PostgreSQL restarts; yields the number of queries tried."""
    tried = []

    def fail(execute, sql, params, many, context):
        tried.append(sql)
        raise OperationalError("terminating connection due to administrator command")

    with connection.execute_wrapper(fail):
        yield tried


def stamp_expires():
    """The stamp's few seconds in the cache are over: the next reader must ask the database."""
    cache.delete(STAMP_KEY)


def assert_unavailable(response, url=""):
    assert response.status_code == 503, url
    assert response["Retry-After"] == "10", url
    assert "no-store" in response["Cache-Control"], url
    assert UNAVAILABLE in response.text, url
    assert "Traceback" not in response.text and "OperationalError" not in response.text, url


@pytest.fixture
def statement():
    return public_statement(title="Hire 20,000 nurses")


def test_a_cached_page_is_served_while_the_stamp_is_still_cached(client, statement):
    page = client.get(statement.get_absolute_url())
    with database_down():
        during = client.get(statement.get_absolute_url())
    assert during.status_code == 200
    assert during.content == page.content


def test_a_cached_page_is_served_for_as_long_as_the_outage_lasts(client, statement):
    page = client.get(statement.get_absolute_url())
    with database_down() as tried:
        for _ in range(3):
            stamp_expires()
            during = client.get(statement.get_absolute_url())
            assert during.status_code == 200
            assert during.content == page.content
    assert tried, "the database was asked, and could not answer"


def test_a_page_cached_before_a_newer_publication_is_still_served(client, statement):
    """The copy may lack what was published since (an addition), which is better than no page."""
    page = client.get(statement.get_absolute_url())
    PublishedVerdictFactory(statement=statement, headline="Newer update")
    with database_down():
        stamp_expires()
        during = client.get(statement.get_absolute_url())
    assert during.status_code == 200
    assert during.content == page.content


def test_every_cached_public_page_is_served_during_an_outage(client, statement):
    urls = [
        "/",
        "/statements/",
        "/statements/?kind=pledge",
        statement.get_absolute_url(),
        statement.article.get_absolute_url(),
        statement.speaker.get_absolute_url(),
        reverse("factcheck:corrections"),
        reverse("factcheck:feed"),
        reverse("factcheck:statements_csv"),
        reverse("factcheck:statements_json"),
        reverse("factcheck:claimreview_feed"),
        reverse("factcheck:sitemap"),
    ]
    pages = {url: client.get(url).content for url in urls}
    with database_down():
        stamp_expires()
        for url in urls:
            during = client.get(url)
            assert during.status_code == 200, url
            assert during.content == pages[url], url


def test_an_unpublished_verdicts_old_page_is_not_served_during_an_outage(client, statement, editor):
    """Nothing unpublished leaks: a withdrawal retires the copies kept for outages."""
    client.get(statement.get_absolute_url())
    unpublish_verdict(verdict=statement.verdicts.get(), editor=editor, note="The source was withdrawn.")
    with database_down():
        stamp_expires()
        assert_unavailable(client.get(statement.get_absolute_url()))


def test_a_corrected_verdicts_old_page_is_not_served_during_an_outage(client, statement, editor):
    client.get(statement.get_absolute_url())
    correct_verdict(verdict=statement.verdicts.get(), editor=editor, note="Wrong figure.", headline="Corrected")
    with database_down():
        stamp_expires()
        assert_unavailable(client.get(statement.get_absolute_url()))


def test_a_renamed_speakers_old_pages_are_not_served_during_an_outage(client, statement):
    client.get(statement.speaker.get_absolute_url())
    statement.speaker.name = "Renamed"
    statement.speaker.save()
    with database_down():
        stamp_expires()
        assert_unavailable(client.get(statement.speaker.get_absolute_url()))


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/statements/",
        "/statements/?q=nurses",
        "/statements/hire-20000-nurses/",
        "/articles/some-article/",
        "/speakers/someone/",
        "/corrections/",
        "/feeds/verdicts/",
        "/statements.csv",
        "/statements.json",
        "/claimreview.json",
        "/sitemap.xml",
        "/sitemap-statements.xml",
        "/robots.txt",
        "/methodology/",
    ],
)
def test_a_public_page_that_is_not_cached_answers_503_with_retry_after(client, url):
    with database_down():
        response = client.get(url)
    if response.status_code == 200:  # pages that need no database (the rating scales, robots.txt)
        assert url in ("/methodology/", "/robots.txt")
        return
    assert_unavailable(response, url)


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/login/",
        "/admin/factcheck/statement/",
        "/admin/factcheck/verdict/1/change/",
        "/admin/factcheck/article/import/",
        "/preview/statements/1/",
    ],
)
def test_the_admin_answers_503_to_an_editor(client, editor, url):
    client.force_login(editor)
    with database_down():
        assert_unavailable(client.get(url), url)


def test_the_login_page_still_shows_and_logging_in_answers_503(client, editor):
    with database_down():
        assert client.get("/admin/login/").status_code == 200  # needs no database without a session
        response = client.post("/admin/login/", {"username": "eddie", "password": "whatever"})
    assert_unavailable(response)


def test_an_admin_form_post_answers_503(client, editor):
    client.force_login(editor)
    with database_down():
        response = client.post("/admin/factcheck/statement/add/", {"title": "x"})
    assert_unavailable(response)


def test_the_503_page_is_shown_with_debug_on_too(client, settings):
    settings.DEBUG = True
    with database_down():
        assert_unavailable(client.get("/statements/"))


def test_pages_are_fresh_again_once_the_database_is_back(client, statement):
    client.get(statement.get_absolute_url())
    with database_down():
        stamp_expires()
        client.get(statement.get_absolute_url())
    statement.speaker.name = "Back Online"
    statement.speaker.save()
    assert "Back Online" in client.get(statement.get_absolute_url()).text


def test_while_the_database_is_known_to_be_down_it_is_not_asked_again_at_once(client, statement, settings):
    """One failure is remembered for PLEDGEBOOK_OUTAGE_RETRY_SECONDS, so an unreachable server (which takes
    connect_timeout to fail) does not hold every request."""
    settings.PLEDGEBOOK_OUTAGE_RETRY_SECONDS = 60
    other = public_statement()
    client.get(statement.get_absolute_url())
    with database_down() as tried:
        stamp_expires()
        assert client.get(statement.get_absolute_url()).status_code == 200
        asked = len(tried)
        stamp_expires()
        assert client.get(statement.get_absolute_url()).status_code == 200
        assert_unavailable(client.get(other.get_absolute_url()))
        assert len(tried) == asked
    settings.PLEDGEBOOK_OUTAGE_RETRY_SECONDS = 0
    assert client.get(other.get_absolute_url()).status_code == 200
