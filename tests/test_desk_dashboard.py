"""The desk dashboard: what is waiting for whom."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from factcheck.admin.dashboard import months_before
from tests.factories import (
    FactCheckerFactory,
    PublishedVerdictFactory,
    SourceFactory,
    StatementFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("admin:desk")


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2026, 8, 31), 6, datetime.date(2026, 2, 28)),
        (datetime.date(2026, 3, 15), 3, datetime.date(2025, 12, 15)),
        (datetime.date(2026, 1, 31), 1, datetime.date(2025, 12, 31)),
        (datetime.date(2024, 8, 29), 6, datetime.date(2024, 2, 29)),
    ],
)
def test_months_before_counts_calendar_months(day, months, expected):
    assert months_before(day, months) == expected


def test_admin_index_links_to_the_dashboard(client, fact_checker):
    client.force_login(fact_checker)
    assert DASHBOARD in client.get(reverse("admin:index")).content.decode()


@time_machine.travel("2026-09-01 12:00 +00:00", tick=False)
@override_settings(PLEDGEBOOK_FOLLOW_UP_MONTHS=6)
def test_dashboard_lists_untouched_statements_drafts_and_follow_ups(client, editor):
    StatementFactory(title="Nobody has looked")
    SourceFactory(verdict__headline="Draft waiting")
    PublishedVerdictFactory(statement__title="Checked long ago", checked_on=datetime.date(2026, 2, 28))
    PublishedVerdictFactory(statement__title="Checked recently", checked_on=datetime.date(2026, 3, 2))
    busy = PublishedVerdictFactory(statement__title="Old but being updated", checked_on=datetime.date(2025, 1, 1))
    VerdictFactory(statement=busy.statement, headline="Update in progress")
    client.force_login(editor)
    response = client.get(DASHBOARD)
    context = response.context
    assert [s.title for s in context["without_verdict"]] == ["Nobody has looked"]
    assert {v.headline for v in context["drafts"]} == {"Draft waiting", "Update in progress"}
    assert [s.title for s in context["follow_ups"]] == ["Checked long ago"]
    html = response.content.decode()
    assert html.count("Review and publish…") == 1  # the sourced draft; the other says what it lacks
    assert "It needs at least one source: a verdict rated In the works must show readers" in html


def test_fact_checkers_are_not_offered_to_publish(client, fact_checker):
    VerdictFactory()
    client.force_login(fact_checker)
    assert "Review and publish" not in client.get(DASHBOARD).content.decode()


def add_one_of_each():
    StatementFactory()
    VerdictFactory(author=FactCheckerFactory())
    PublishedVerdictFactory(checked_on=datetime.date(2000, 1, 1))


def test_dashboard_makes_a_constant_number_of_queries(client, editor):
    add_one_of_each()
    client.force_login(editor)
    client.get(DASHBOARD)
    with CaptureQueriesContext(connection) as few:
        client.get(DASHBOARD)
    for _ in range(4):
        add_one_of_each()
    with CaptureQueriesContext(connection) as many:
        client.get(DASHBOARD)
    assert len(many) == len(few)
