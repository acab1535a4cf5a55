"""Readers see a pledge's deadline and what would count as kept once it is public, and nothing of the
desk's evidence candidates."""

import json

import pytest
import time_machine
from django.core.cache import cache

from factcheck.evidence import Match, record_matches
from factcheck.followup import set_follow_up
from factcheck.models import EvidenceCandidate, Statement
from factcheck.scales import Rating
from tests.factories import ArticleFactory, StatementFactory, VerdictFactory
from tests.public_data import public_statement, said_on

pytestmark = pytest.mark.django_db

CRITERIA = "Two hundred conversion places funded and filled by September 2010."
SECRET = "Unpublished criteria: four hundred places."


def _with_terms(statement, text: str, user, *, note: str = "Added."):
    set_follow_up(
        statement=statement,
        deadline_text=text,
        success_criteria=CRITERIA,
        user=user,
        note=note,
    )
    cache.clear()
    return Statement.objects.get(pk=statement.pk)


@pytest.fixture
def overdue(editor):
    return _with_terms(public_statement(title="Masters degree", year=2009), "early 2011", editor)


@pytest.fixture
def upcoming(editor):
    return _with_terms(public_statement(title="Far-off pledge", year=2009), "2099", editor)


@pytest.fixture
def unpublished(fact_checker):
    statement = StatementFactory(title="Draft pledge", article=ArticleFactory(published_at=said_on(2009)))
    VerdictFactory(statement=statement)  # a draft: the statement is not public
    set_follow_up(statement=statement, deadline_text="", success_criteria=SECRET, user=fact_checker)
    return statement


@time_machine.travel("2026-12-01 12:00 +00:00", tick=False)
def test_the_statement_page_shows_criteria_above_the_timeline_and_the_deadline_overdue(client, overdue):
    page = client.get(overdue.get_absolute_url()).content.decode()
    assert CRITERIA in page
    assert "Due: early 2011" in page
    assert "overdue" in page
    assert page.index(CRITERIA) < page.index('id="verdicts"')


@time_machine.travel("2026-12-01 12:00 +00:00", tick=False)
def test_lists_show_the_deadline(client, overdue):
    assert "Due: early 2011" in client.get("/statements/").content.decode()


@time_machine.travel("2026-12-01 12:00 +00:00", tick=False)
def test_due_filters_list_overdue_and_upcoming_pledges(client, overdue, upcoming):
    listed = client.get("/statements/?due=overdue").context_data["statements"]
    assert [s.title for s in listed] == ["Masters degree"]
    listed = client.get("/statements/?due=upcoming").context_data["statements"]
    assert [s.title for s in listed] == ["Far-off pledge"]
    assert "past their deadline" in client.get("/statements/?due=overdue").content.decode()


@time_machine.travel("2026-12-01 12:00 +00:00", tick=False)
def test_a_kept_pledge_is_not_overdue(client, overdue):
    from factcheck.publishing import refresh_current_verdict
    from tests.factories import PublishedVerdictFactory, SourceFactory

    SourceFactory(verdict=PublishedVerdictFactory(statement=overdue, rating=Rating.KEPT))
    refresh_current_verdict(overdue)
    cache.clear()
    assert not client.get("/statements/?due=overdue").context_data["statements"]


def test_an_unknown_due_value_is_reported_not_failed(client, overdue):
    response = client.get("/statements/?due=someday")
    assert response.status_code == 200
    assert "We cannot list deadlines" in response.content.decode()


@time_machine.travel("2026-12-01 12:00 +00:00", tick=False)
def test_the_tracker_counts_overdue_pledges(client, overdue, upcoming):
    page = client.get("/").content.decode()
    assert "1 pledge past its deadline" in page
    assert "?due=overdue" in page


def test_claimreview_and_exports_carry_the_deadline(client, overdue):
    page = client.get(overdue.get_absolute_url()).content.decode()
    assert '"temporalCoverage": "2011-01-01/2011-04-30"' in page
    data = json.loads(client.get("/statements.json").content)
    (row,) = [row for row in data["statements"] if row["title"] == "Masters degree"]
    assert (row["due"], row["due_by"], row["success_criteria"]) == ("Due: early 2011", "2011-04-30", CRITERIA)
    csv = client.get("/statements.csv").content.decode()
    assert "due,due_by,due_status,success_criteria" in csv.splitlines()[0]


def test_the_methodology_explains_criteria_and_deadlines(client):
    page = client.get("/methodology/").content.decode()
    assert "what would count as kept" in page
    assert "overdue" in page


def test_criteria_of_an_unpublished_statement_appear_nowhere(client, unpublished, overdue):
    pages = ["/", "/statements/", "/statements.json", "/statements.csv", "/claimreview.json", "/feeds/verdicts/"]
    for url in [*pages, "/sitemap-statements.xml", "/statements/?q=conversion", overdue.article.get_absolute_url()]:
        assert SECRET not in client.get(url).content.decode(), url
    assert client.get(unpublished.get_absolute_url()).status_code == 404


def test_evidence_candidates_never_reach_readers(client, overdue):
    later = ArticleFactory(body="A desk-only passage about the degree: ZANZIBAR-MARKER.")
    record_matches(
        matches=[Match(overdue.pk, later.pk, 0, len(later.body), 9.0, {"words": ["ZANZIBAR-MARKER"]})],
        origin=EvidenceCandidate.Origin.IMPORT,
    )
    cache.clear()
    for url in ["/", "/statements/", overdue.get_absolute_url(), "/statements.json", "/claimreview.json"]:
        page = client.get(url).content.decode()
        assert "ZANZIBAR-MARKER" not in page and "Use as source" not in page, url


@time_machine.travel("2026-12-01 12:00 +00:00", tick=False)
def test_a_statement_page_with_criteria_and_deadline_makes_the_same_queries(client, overdue, django_assert_num_queries):
    with django_assert_num_queries(7):  # as test_public_queries counts the statement page
        assert client.get(overdue.get_absolute_url()).status_code == 200


@time_machine.travel("2026-12-01 12:00 +00:00", tick=False)
def test_the_overdue_list_makes_the_same_queries_whatever_its_length(client, editor, django_assert_num_queries):
    _with_terms(public_statement(year=2009), "early 2011", editor)
    with django_assert_num_queries(8):
        assert len(client.get("/statements/?due=overdue").context_data["statements"]) == 1
    for _ in range(3):
        _with_terms(public_statement(year=2009), "2010", editor)
    with django_assert_num_queries(8):
        assert len(client.get("/statements/?due=overdue").context_data["statements"]) == 4
