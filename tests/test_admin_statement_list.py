"""The statement list: filters built on the publication gate, current rating and date, constant queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from factcheck.scales import Kind, Rating
from tests.factories import PublishedVerdictFactory, StatementFactory, VerdictFactory

pytestmark = pytest.mark.django_db

LIST = reverse("admin:factcheck_statement_changelist")


def titles(response) -> set[str]:
    return {statement.title for statement in response.context["cl"].result_list}


@pytest.fixture
def statements():
    kept = PublishedVerdictFactory(
        rating=Rating.KEPT, checked_on=datetime.date(2011, 5, 4), statement__title="Kept one"
    ).statement
    # A newer draft does not change the current (published) rating.
    VerdictFactory(statement=kept, rating=Rating.BROKEN, checked_on=datetime.date(2012, 1, 1))
    drafted = VerdictFactory(statement__title="Only a draft").statement
    criticism = StatementFactory(kind=Kind.CRITICISM, title="Critic, untouched")
    return kept, drafted, criticism


def test_columns_show_the_current_published_rating_and_its_date(client, fact_checker, statements):
    client.force_login(fact_checker)
    html = client.get(LIST).content.decode()
    assert '<td class="field-current_rating_display">Kept</td>' in html
    assert '<td class="field-last_checked nowrap">4 May 2011</td>' in html
    assert '<td class="field-current_rating_display">Broken</td>' not in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "criticism"}, {"Critic, untouched"}),
        ({"current_rating": "kept"}, {"Kept one"}),
        ({"current_rating": "broken"}, set()),
        ({"current_rating": "none"}, {"Only a draft", "Critic, untouched"}),
        ({"published": "yes"}, {"Kept one"}),
        ({"published": "no"}, {"Only a draft", "Critic, untouched"}),
        ({"q": "untouched"}, {"Critic, untouched"}),
    ],
)
def test_filters_and_search(client, fact_checker, statements, query, expected):
    client.force_login(fact_checker)
    assert titles(client.get(LIST, query)) == expected


def test_filters_by_speaker_and_outlet(client, fact_checker, statements):
    kept, _, _ = statements
    client.force_login(fact_checker)
    assert titles(client.get(LIST, {"speaker__id__exact": kept.speaker_id})) == {"Kept one"}
    assert titles(client.get(LIST, {"article__outlet__id__exact": kept.article.outlet_id})) == {"Kept one"}


def test_search_covers_the_quote(client, fact_checker):
    StatementFactory(title="Nurses")
    client.force_login(fact_checker)
    assert titles(client.get(LIST, {"q": "new nurses will be hired"})) == {"Nurses"}


def test_the_list_makes_the_same_number_of_queries_for_more_statements(client, fact_checker):
    client.force_login(fact_checker)
    PublishedVerdictFactory()
    client.get(LIST)  # warm the session and content types
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    for _ in range(5):
        PublishedVerdictFactory()
        VerdictFactory()
    with CaptureQueriesContext(connection) as many:
        client.get(LIST)
    assert len(many) == len(few)
