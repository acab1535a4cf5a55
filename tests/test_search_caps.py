"""A search matching very many statements counts and ranks a bounded number of them.

The cap is patched down to 5 (the list's page size to 2) so a handful of statements exceed it.
"""

import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from factcheck import paging
from factcheck.models import Statement
from factcheck.public import public_statements
from factcheck.search import search_statements
from tests.factories import PublishedVerdictFactory, StatementFactory, VerdictFactory
from tests.public_data import public_statement

pytestmark = pytest.mark.django_db

# Each database runs the tests of its own search (CI fails on skipped tests, so none are skipped).
ON_POSTGRES = connection.vendor == "postgresql"


@pytest.fixture(autouse=True)
def small_cap(monkeypatch):
    monkeypatch.setattr(paging, "SEARCH_CAP", 5)
    monkeypatch.setattr("factcheck.views.statements.PAGE_SIZE", 2)
    cache.clear()


def masters(count: int) -> list:
    return [public_statement(title=f"Masters degree number {n}") for n in range(count)]


def test_more_matches_than_the_cap_say_more_than_and_stop_paging_at_the_cap(client):
    masters(7)
    response = client.get("/statements/?q=masters&page=99")
    content = response.content.decode()
    assert "More than 5 statements" in content
    assert "Download up to 5,000 matches:" in content
    page = response.context_data["page_obj"]
    assert (page.paginator.count, page.paginator.num_pages, page.number) == (5, 3, 3)
    assert len(response.context_data["statements"]) == 1


def test_the_last_page_of_a_capped_search_stops_at_the_cap(client):
    masters(7)
    response = client.get("/statements/?q=masters&page=3")
    assert response.context_data["page_obj"].number == 3
    assert len(response.context_data["statements"]) == 1


@pytest.mark.parametrize("matches", [3, 7])
def test_a_search_reads_its_page_and_its_count_in_one_query(matches):
    masters(matches)
    keys = search_statements(public_statements(), "masters", limit=6).order_by("-pk").values_list("pk", flat=True)
    expected = list(keys.all())  # a copy: evaluating `keys` itself would let the paginator slice its cache
    with CaptureQueriesContext(connection) as queries:
        paginator = paging.CappedPaginator(keys, 2, cap=5)
        page = paginator.get_page("2")
        shown, count, capped = list(page.object_list), paginator.count, paginator.capped
    assert len(queries) == 1
    assert shown == expected[2:4]
    assert (count, capped) == (min(matches, 5), matches > 5)


@pytest.mark.parametrize(
    ("asked", "served", "shown"),
    [("0", 3, [4]), ("-1", 3, [4]), ("abc", 1, [0, 1]), ("2", 2, [2, 3]), ("3", 3, [4]), ("4", 3, [4])],
)
def test_a_capped_search_serves_the_page_django_would_with_its_rows(asked, served, shown):
    """Seven matches, a cap of 5, two a page: pages 1–3, the last holding the cap's fifth match
    only; numbers out of range get the last page and words the first, as Django's get_page does."""
    masters(7)
    keys = search_statements(public_statements(), "masters", limit=6).order_by("pk").values_list("pk", flat=True)
    expected = list(keys.all())
    page = paging.CappedPaginator(keys, 2, cap=5).get_page(asked)
    assert page.number == served
    assert list(page.object_list) == [expected[n] for n in shown]


def test_a_search_with_no_match_takes_one_query():
    masters(2)
    keys = search_statements(public_statements(), "zebra", limit=6).values_list("pk", flat=True)
    with CaptureQueriesContext(connection) as queries:
        paginator = paging.CappedPaginator(keys, 2, cap=5)
        page = paginator.get_page("1")
        assert (list(page.object_list), paginator.count, paginator.num_pages) == ([], 0, 1)
    assert len(queries) == 1


def test_exports_of_a_capped_search_hold_every_match_up_to_their_own_limit(client):
    masters(7)
    data = json.loads(client.get("/statements.json?q=masters").content)
    assert (data["count"], data["truncated"]) == (7, False)


def test_fewer_matches_than_the_cap_are_counted_exactly(client):
    masters(3)
    public_statement(title="Doctorate")
    response = client.get("/statements/?q=masters")
    content = response.content.decode()
    assert "3 statements" in content
    assert "Download these 3 statements:" in content
    assert not response.context_data["page_obj"].paginator.capped


def test_the_list_without_a_search_is_counted_exactly(client):
    masters(7)
    response = client.get("/statements/")
    assert "7 statements" in response.content.decode()
    assert response.context_data["page_obj"].paginator.num_pages == 4


def test_draft_words_are_not_counted(client):
    for statement in masters(3):
        VerdictFactory(statement=statement, explanation="A secret zanzibarquux draft.")
    response = client.get("/statements/?q=zanzibarquux")
    assert "0 statements" in response.content.decode()
    assert response.context_data["statements"] == []


def test_statements_with_no_published_verdict_stay_out_of_a_limited_search(client):
    """A limited search's matches are looked up by key, not through the public gate again: the
    candidates must already have passed it, and the count must not include the others."""
    masters(2)
    for n in range(3):
        VerdictFactory(statement=StatementFactory(title=f"Masters degree draft {n}"))
    response = client.get("/statements/?q=masters")
    assert response.context_data["page_obj"].paginator.count == 2
    assert set(search_statements(public_statements(), "masters", limit=6)) <= set(Statement.objects.public())


def test_a_capped_search_makes_no_more_queries_than_a_small_one(client):
    masters(7)
    public_statement(title="Doctorate")
    with CaptureQueriesContext(connection) as small:
        client.get("/statements/?q=doctorate")
    with CaptureQueriesContext(connection) as capped:
        client.get("/statements/?q=masters")
    assert len(capped) <= len(small)


def test_search_below_its_limit_gives_the_same_statements_in_the_same_order():
    statements = masters(3)
    PublishedVerdictFactory(statement=public_statement(title="Training places"), explanation="A masters course.")
    PublishedVerdictFactory(statement=statements[0], explanation="Masters places filled.")
    order = ["-last_update_at", "-pk"]
    if ON_POSTGRES:
        order = ["-rank", *order]
    unlimited = list(search_statements(public_statements(), "masters").order_by(*order))
    limited = list(search_statements(public_statements(), "masters", limit=6).order_by(*order))
    assert len(unlimited) == 4
    assert limited == unlimited


if ON_POSTGRES:

    def test_over_its_limit_the_search_ranks_only_its_first_matches_by_any_field():
        masters(5)
        for n in range(4):
            by_verdict = public_statement(title=f"Training places {n}")
            PublishedVerdictFactory(statement=by_verdict, explanation="A masters course opened.")
        found = list(search_statements(public_statements(), "masters", limit=3).order_by("-rank"))
        assert len(found) == 3
        assert all(statement.rank > 0 for statement in found)

    def test_the_apps_connections_never_start_a_scan_where_another_one_is():
        """A common word's candidates are the first matches a scan of the statement table finds: a
        scan joining one already running (synchronize_seqscans) would list other statements for
        the same search, or give its page 2 from other candidates than its page 1."""
        with connection.cursor() as cursor:
            cursor.execute("SHOW synchronize_seqscans")
            assert cursor.fetchone() == ("off",)

    def test_a_limited_search_takes_its_candidates_after_the_other_filters():
        masters(5)
        kept = public_statement(title="Masters degree kept", rating="kept")
        found = search_statements(public_statements().filter(current_rating="kept"), "masters", limit=2)
        assert list(found) == [kept]

else:

    def test_sqlite_substring_search_lists_every_match_whatever_the_limit():
        masters(5)
        assert search_statements(public_statements(), "masters", limit=2).count() == 5
