"""Full-text search on PostgreSQL uses one GIN index over documents its triggers keep current;
SQLite falls back to a substring match."""

import datetime
import importlib

import pytest
from django.db import connection, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from factcheck.models import Statement, Verdict
from factcheck.public import public_statements
from factcheck.publishing import publish_verdict, refresh_current_verdict, unpublish_verdict
from factcheck.search import search_statements
from tests.factories import (
    ArticleFactory,
    EditorFactory,
    PublishedVerdictFactory,
    SourceFactory,
    SpeakerFactory,
    StatementFactory,
    VerdictFactory,
)
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

    def found(text: str) -> list:
        return list(search_statements(public_statements(), text))

    def row_version(statement) -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT xmin::text::bigint FROM factcheck_statement WHERE id = %s", [statement.pk])
            return cursor.fetchone()[0]

    def test_search_reads_the_statements_gin_index_and_no_verdict_text():
        """With enough public statements for the planner to care (3,000, analysed), a search finds a
        verdict's words through its statement's document: no verdict row is read but the current one."""
        article, speaker = ArticleFactory(body="Routine words. " * 300), SpeakerFactory()
        built = [
            StatementFactory.build(
                article=article, speaker=speaker, start=n, end=n + 1, quote=article.body[n], title=f"Routine pledge {n}"
            )
            for n in range(3000)
        ]
        # In batches: PostgreSQL takes at most 65,535 parameters in one statement.
        others = Statement.objects.bulk_create(built, batch_size=1000)
        Verdict.objects.bulk_create(
            PublishedVerdictFactory.build(statement=other, headline="Progress", explanation="Routine report.")
            for other in others
        )
        Statement.objects.filter(article=article).update(
            current_verdict=Subquery(Verdict.objects.filter(statement=OuterRef("pk")).values("pk")[:1])
        )
        statement = public_statement(title="Masters degree")
        PublishedVerdictFactory(statement=statement, explanation="Recruitment for the course began.")
        with connection.cursor() as cursor:
            # Rows just written wait in the GIN index's pending list, which the planner prices as a
            # scan; autovacuum merges it on a running server, as this does here.
            cursor.execute("SELECT gin_clean_pending_list('statement_search_gin'::regclass)")
            cursor.execute("ANALYZE factcheck_statement")
        for limit in (None, 1001):
            searched = search_statements(public_statements(), "recruitment", limit=limit)
            plan = explain(searched)
            assert "statement_search_gin" in plan, plan
            verdict_reads = [line for line in plan.splitlines() if " on factcheck_verdict" in line]
            assert all("factcheck_verdict_pkey" in line for line in verdict_reads), plan
            assert list(searched) == [statement]

    def test_title_outranks_verdict_text():
        by_verdict = public_statement(title="Training places")
        PublishedVerdictFactory(statement=by_verdict, explanation="A masters course opened.")
        by_title = public_statement(title="Masters degree by 2011")
        ranked = list(search_statements(public_statements(), "masters").order_by("-rank"))
        assert ranked == [by_title, by_verdict]

    def test_search_understands_word_forms():
        statement = public_statement(title="Recruiting social workers")
        assert found("recruit worker") == [statement]

    def test_an_edited_title_is_searchable_at_once():
        statement = public_statement(title="Masters degree")
        statement.title = "Doctorate programme"
        statement.save()
        assert found("doctorate") == [statement]
        assert found("masters") == []

    def test_rows_written_without_the_orm_are_searchable():
        statement = public_statement(title="Something else")
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE factcheck_verdict SET explanation = %s WHERE statement_id = %s",
                ["The apprenticeship levy paid for it.", statement.pk],
            )
        assert found("apprenticeship") == [statement]

    def test_a_published_headlines_words_find_its_statement():
        statement = public_statement(title="Something else")
        PublishedVerdictFactory(statement=statement, headline="Apprenticeship levy pays", explanation="Done.")
        assert found("apprenticeship") == [statement]

    def test_the_migration_computes_every_existing_document_again():
        statement = public_statement(title="Something else")
        PublishedVerdictFactory(statement=statement, explanation="The apprenticeship levy paid for it.")
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # ALTER TABLE refuses pending checks
            cursor.execute("ALTER TABLE factcheck_statement DISABLE TRIGGER factcheck_statement_search_document")
            cursor.execute("UPDATE factcheck_statement SET search_document = to_tsvector('simple', 'stale')")
            cursor.execute("ALTER TABLE factcheck_statement ENABLE TRIGGER factcheck_statement_search_document")
        assert found("apprenticeship") == []
        migration = importlib.import_module("factcheck.migrations.0010_statement_document_holds_verdicts")
        with connection.schema_editor() as editor:
            migration.fill_documents(None, editor)
        assert found("apprenticeship") == [statement]
        assert found("something") == [statement]

    def test_a_drafts_words_are_found_only_once_it_is_published():
        statement = public_statement(title="Something else")
        draft = VerdictFactory(statement=statement, explanation="The apprenticeship levy paid for it.")
        SourceFactory(verdict=draft)
        assert found("apprenticeship") == []
        publish_verdict(verdict=draft, publisher=None)
        assert found("apprenticeship") == [statement]

    def test_an_unpublished_verdicts_words_no_longer_find_its_statement():
        statement = public_statement(title="Something else")
        verdict = PublishedVerdictFactory(statement=statement, explanation="The apprenticeship levy paid for it.")
        unpublish_verdict(verdict=verdict, editor=EditorFactory(), note="Published too soon.")
        assert found("apprenticeship") == []
        assert found("something") == [statement]

    def test_a_deleted_verdicts_words_no_longer_find_its_statement():
        statement = public_statement(title="Something else")
        older = PublishedVerdictFactory(
            statement=statement,
            explanation="The apprenticeship levy paid for it.",
            checked_on=datetime.date(2009, 1, 1),
        )
        assert found("apprenticeship") == [statement]
        older.delete()
        assert found("apprenticeship") == []
        assert found("something") == [statement]

    def test_a_verdict_moved_to_another_statement_takes_its_words_along():
        first, second = public_statement(title="First thing"), public_statement(title="Second thing")
        verdict = PublishedVerdictFactory(statement=first, explanation="The apprenticeship levy paid for it.")
        Verdict.objects.filter(pk=verdict.pk).update(statement=second)
        # Both statements' copies of their current verdict follow, as the guard (migration 0012) requires.
        refresh_current_verdict(first)
        refresh_current_verdict(second)
        assert found("apprenticeship") == [second]

    def test_writing_a_verdicts_other_columns_leaves_its_statement_row_alone():
        statement = public_statement(title="Something else")
        before = row_version(statement)
        Verdict.objects.filter(statement=statement).update(published_at=timezone.now())
        assert row_version(statement) == before
        Verdict.objects.filter(statement=statement).update(headline="A new headline")
        assert row_version(statement) != before

else:

    def test_sqlite_search_is_a_case_insensitive_substring_match():
        statement = public_statement(title="Masters degree")
        assert list(search_statements(public_statements(), "MASTERS")) == [statement]
        assert list(search_statements(public_statements(), "doctorate")) == []


def test_blank_search_changes_nothing():
    public_statement()
    assert search_statements(Statement.objects.all(), "  ").count() == 1
