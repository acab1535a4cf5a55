"""The public page cache: hits answered before the rest of the stack, and dropped the moment
anything a page shows changes, whichever way it changed."""

import pytest
from django.core.cache import cache
from django.db import transaction

from factcheck.caching import STAMP_KEY, current_stamp, forget_public_pages
from factcheck.importing import import_article
from factcheck.models import Statement, Verdict
from tests.public_data import public_statement

pytestmark = pytest.mark.django_db

ARTICLE = b"Council promises more buses\n\nThe council will add 40 buses next year, its leader said.\n"


def test_a_hit_carries_every_security_header(client):
    statement = public_statement()
    fresh = client.get(statement.get_absolute_url())
    hit = client.get(statement.get_absolute_url())
    assert hit.content == fresh.content
    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy"):
        assert hit[header] == fresh[header], header
    assert hit["Content-Length"] == str(len(hit.content))


def test_a_hit_sets_no_cookie_and_needs_no_session(client, django_assert_num_queries):
    statement = public_statement()
    client.get(statement.get_absolute_url())
    with django_assert_num_queries(0):
        hit = client.get(statement.get_absolute_url())
    assert not hit.cookies


def test_pages_not_marked_public_are_never_stored(client, editor):
    client.force_login(editor)
    client.get("/admin/")
    assert not [key for key in cache._cache if ":public:" in key and STAMP_KEY not in key]


def test_renaming_a_speaker_shows_at_once(client):
    statement = public_statement()
    assert statement.speaker.name in client.get(statement.get_absolute_url()).content.decode()
    statement.speaker.name = "Renamed Speaker"
    statement.speaker.save()
    assert "Renamed Speaker" in client.get(statement.get_absolute_url()).content.decode()


def test_changing_a_statements_topics_shows_at_once(client):
    statement = public_statement()
    client.get(statement.get_absolute_url())
    statement.topics.create(name="Housing", slug="housing")
    assert "Housing" in client.get(statement.get_absolute_url()).content.decode()


def test_importing_an_article_leaves_cached_pages_alone(client):
    public_statement()
    client.get("/")
    stamp = cache.get(STAMP_KEY)
    import_article(data=ARTICLE, filename="buses.txt")
    assert cache.get(STAMP_KEY) == stamp


def test_a_write_outside_the_orm_shows_once_the_stamp_is_forgotten(client):
    statement = public_statement()
    client.get(statement.get_absolute_url())
    Verdict.objects.filter(statement=statement).update(headline="Changed with a bulk update")
    assert "Changed with a bulk update" not in client.get(statement.get_absolute_url()).content.decode()
    forget_public_pages()
    assert "Changed with a bulk update" in client.get(statement.get_absolute_url()).content.decode()


def test_a_stale_stamp_put_back_during_a_write_is_replaced_on_commit(django_capture_on_commit_callbacks):
    statement = public_statement()
    stale = current_stamp()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        Statement.objects.get(pk=statement.pk).verdicts.get().corrections.create(note="Date fixed.")
        # A reader on another server read the stamp before this commit and stores it again.
        cache.set(STAMP_KEY, stale)
    assert cache.get(STAMP_KEY) not in (None, stale)


def test_with_the_cache_off_the_stamp_is_not_even_read(client, settings):
    settings.PLEDGEBOOK_PUBLIC_CACHE_SECONDS = 0
    statement = public_statement()
    client.get(statement.get_absolute_url())
    assert cache.get(STAMP_KEY) is None


def test_a_hit_still_refuses_a_host_the_site_does_not_serve(client):
    statement = public_statement()
    client.get(statement.get_absolute_url())
    assert client.get(statement.get_absolute_url(), headers={"host": "evil.example"}).status_code == 400


def test_a_page_this_process_served_lately_needs_only_the_stamp(client, django_assert_num_queries):
    statement = public_statement()
    first = client.get(statement.get_absolute_url())
    for key in [key for key in cache._cache if ":public:" in key and "stamp" not in key and "generation" not in key]:
        del cache._cache[key]  # the shared cache lost the page; this process still has it
    with django_assert_num_queries(0):
        assert client.get(statement.get_absolute_url()).content == first.content


def test_a_process_trusts_its_stamp_briefly_but_sees_its_own_changes_at_once(client, settings):
    settings.PLEDGEBOOK_PUBLIC_STAMP_MEMORY_SECONDS = 60
    statement = public_statement()
    url = statement.get_absolute_url()
    client.get(url)
    # Another server's change: the shared stamp moves on, this process keeps its own for a while.
    cache.set(STAMP_KEY, "changed-elsewhere")
    Verdict.objects.filter(statement=statement).update(headline="Changed on another server")
    assert "Changed on another server" not in client.get(url).content.decode()
    # A change saved here drops the remembered stamp at once.
    statement.speaker.name = "Renamed Here"
    statement.speaker.save()
    page = client.get(url).content.decode()
    assert "Renamed Here" in page and "Changed on another server" in page
    forget_public_pages()


def test_a_link_shared_with_tracking_parameters_is_the_page_already_cached(client, django_assert_num_queries):
    statement = public_statement()
    client.get(statement.get_absolute_url())
    with django_assert_num_queries(0):
        shared = client.get(statement.get_absolute_url(), {"utm_source": "twitter", "fbclid": "IwAR0abc"})
    assert shared.status_code == 200
    assert "fbclid" not in shared.content.decode()


def test_the_list_never_repeats_parameters_it_does_not_read(client, settings):
    settings.PLEDGEBOOK_SITE_URL = "https://pledges.example"
    for _ in range(25):
        public_statement()
    content = client.get("/statements/", {"kind": "pledge", "fbclid": "IwAR0abc", "utm_source": "x"}).content.decode()
    assert "fbclid" not in content and "utm_source" not in content
    assert '<link rel="canonical" href="https://pledges.example/statements/?kind=pledge">' in content
    assert "?kind=pledge&amp;page=2" in content  # the reader's filter is kept in the links


def test_parameter_order_and_a_form_sent_with_empty_fields_share_one_cached_page(client, django_assert_num_queries):
    public_statement()
    first = client.get("/statements/?kind=pledge&rating=in-the-works")
    with django_assert_num_queries(0):
        again = client.get("/statements/?rating=in-the-works&q=&kind=pledge&outlet=&year=")
    assert again.content == first.content
