"""Full-text search on PostgreSQL uses its GIN indexes; SQLite falls back to a substring match."""

import datetime

import pytest
from django.db import connection, transaction
from django.utils import timezone

from factcheck.models import Statement, Verdict
from factcheck.public import public_statements
from factcheck.publishing import refresh_current_verdict
from factcheck.scales import Rating
from factcheck.search import search_statements
from tests.factories import PublishedVerdictFactory
from tests.public_data import public_statement

pytestmark = pytest.mark.django_db

# Each database runs the tests of its own search (CI fails on skipped tests, so none are skipped).
ON_POSTGRES = connection.vendor == "postgresql"


def explain(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


if ON_POSTGRES:

    def test_search_uses_the_gin_indexes():
        """With enough rows for the planner to care (3,000 verdicts, analysed), both GIN indexes are used."""
        statement = public_statement(title="Masters degree")
        Verdict.objects.bulk_create(
            Verdict(
                statement=statement,
                rating=Rating.IN_THE_WORKS,
                headline=f"Update number {n}",
                explanation=f"Routine progress report {n} on recruitment and training.",
                checked_on=datetime.date(2011, 1, 1),
                status=Verdict.Status.PUBLISHED,
                published_at=timezone.now(),
            )
            for n in range(3000)
        )
        refresh_current_verdict(statement)
        with connection.cursor() as cursor:
            # Rows just inserted wait in the GIN index's pending list, which the planner prices as a
            # scan; autovacuum merges it on a running server, as this does here.
            cursor.execute("SELECT gin_clean_pending_list('verdict_search_gin'::regclass)")
            cursor.execute("SELECT gin_clean_pending_list('statement_search_gin'::regclass)")
            cursor.execute("ANALYZE factcheck_verdict")
            cursor.execute("ANALYZE factcheck_statement")
        plan = explain(search_statements(public_statements(), "masters"))
        assert "statement_search_gin" in plan
        assert "verdict_search_gin" in plan, plan

    def test_title_outranks_verdict_text():
        by_verdict = public_statement(title="Training places")
        PublishedVerdictFactory(statement=by_verdict, explanation="A masters course opened.")
        by_title = public_statement(title="Masters degree by 2011")
        ranked = list(search_statements(public_statements(), "masters").order_by("-rank"))
        assert ranked == [by_title, by_verdict]

    def test_search_understands_word_forms():
        statement = public_statement(title="Recruiting social workers")
        assert list(search_statements(public_statements(), "recruit worker")) == [statement]

    def test_an_edited_title_is_searchable_at_once():
        statement = public_statement(title="Masters degree")
        statement.title = "Doctorate programme"
        statement.save()
        assert list(search_statements(public_statements(), "doctorate")) == [statement]
        assert list(search_statements(public_statements(), "masters")) == []

    def test_rows_written_without_the_orm_are_searchable():
        statement = public_statement(title="Something else")
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE factcheck_verdict SET explanation = %s WHERE statement_id = %s",
                ["The apprenticeship levy paid for it.", statement.pk],
            )
        assert list(search_statements(public_statements(), "apprenticeship")) == [statement]

else:

    def test_sqlite_search_is_a_case_insensitive_substring_match():
        statement = public_statement(title="Masters degree")
        assert list(search_statements(public_statements(), "MASTERS")) == [statement]
        assert list(search_statements(public_statements(), "doctorate")) == []


def test_blank_search_changes_nothing():
    public_statement()
    assert search_statements(Statement.objects.all(), "  ").count() == 1
