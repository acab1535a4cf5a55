import datetime
import itertools

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from factcheck import synthetic
from factcheck.caching import current_stamp
from factcheck.models import Article, Correction, Source, Speaker, StandingChange, Statement, Topic, Verdict
from factcheck.publishing import refresh_current_verdict
from factcheck.scales import Rating, scale_for
from factcheck.search import search_statements
from factcheck.synthetic import generate_newsroom
from tests.factories import StatementFactory

pytestmark = pytest.mark.django_db

# Each database runs the tests of its own writing path (CI fails on skipped tests, so none are skipped).
ON_POSTGRES = connection.vendor == "postgresql"


def test_generated_quotes_stand_in_the_article_body_at_their_offsets():
    generate_newsroom(articles=5, seed=7)
    statements = list(Statement.objects.select_related("article"))
    assert 40 <= len(statements) <= 60
    for statement in statements:
        assert statement.article.body[statement.start : statement.end] == statement.quote
        statement.full_clean()


def test_generated_timelines_have_one_to_four_verdicts_on_the_statements_scale():
    generate_newsroom(articles=5, seed=7)
    for statement in Statement.objects.prefetch_related("verdicts"):
        verdicts = list(statement.verdicts.all())
        assert 1 <= len(verdicts) <= 4
        for verdict in verdicts:
            assert verdict.rating in scale_for(statement.kind)
            verdict.full_clean()


def test_every_rated_published_verdict_has_a_source():
    generate_newsroom(articles=5, seed=7)
    rated = Verdict.objects.published().exclude(rating=Rating.NOT_YET_RATED)
    assert rated.exists()
    assert not rated.filter(sources__isnull=True).exists()
    for source in Source.objects.all():
        source.full_clean()


def test_drafts_are_mixed_in_and_draft_only_statements_stay_private():
    generate_newsroom(articles=10, seed=7, drafts_ratio=0.3)
    public = Statement.objects.public()
    assert 0 < public.count() < Statement.objects.count()
    assert Verdict.objects.drafts().exists()
    private = Statement.objects.exclude(pk__in=public.values("pk"))
    assert not Verdict.objects.published().filter(statement__in=private).exists()


def test_generating_twice_adds_a_second_newsroom_without_clashes():
    generate_newsroom(articles=3, seed=1)
    generate_newsroom(articles=3, seed=1)
    assert Article.objects.count() == 6
    assert Article.objects.values("content_hash").distinct().count() == 6
    assert Speaker.objects.values("slug").distinct().count() == Speaker.objects.count()


def test_a_larger_newsroom_has_corrections_and_speakers_shared_across_articles():
    report = generate_newsroom(articles=30, seed=3)
    assert report.corrections == Correction.objects.count() > 0
    assert report.statements == Statement.objects.count()
    assert Speaker.objects.filter(statements__isnull=False).distinct().count() == report.speakers


def test_corrections_record_what_changed_as_a_mapping_on_every_database():
    generate_newsroom(articles=30, seed=3)
    changes = list(Correction.objects.values_list("changes", flat=True))
    assert changes
    for change in changes:
        before, after = change["checked_on"]
        assert before < after


def test_command_prints_a_summary(capsys):
    call_command("generate_newsroom", articles=2, seed=5)
    output = capsys.readouterr().out
    assert "Generated 2 articles" in output
    assert f"{Statement.objects.count():,} statements" in output


def test_command_dry_run_generates_and_keeps_nothing(capsys):
    call_command("generate_newsroom", articles=2, seed=5, dry_run=True)
    assert "Generated and rolled back (dry run) 2 articles" in capsys.readouterr().out
    assert not Article.objects.exists()
    assert not Speaker.objects.exists()
    assert not StandingChange.objects.exists()


def test_command_refuses_a_batch_of_no_articles():
    with pytest.raises(CommandError, match="A batch holds at least one article"):
        call_command("generate_newsroom", articles=3, batch_size=0)
    assert not Article.objects.exists()


def test_command_refuses_a_newsroom_of_no_articles():
    with pytest.raises(CommandError, match="at least one article"):
        call_command("generate_newsroom", articles=0)
    assert not Article.objects.exists()


def assert_a_row_may_point_at_one_written_later():
    """The references are deferred, as declared: a source may name a verdict not written yet."""
    statement = StatementFactory()
    Source.objects.create(verdict_id=10_000, order=1, title="Figures", url="https://example.org/figures")
    Verdict.objects.create(
        pk=10_000,
        statement=statement,
        rating=Rating.NOT_YET_RATED,
        headline="Too early to judge",
        explanation="Checked.",
        checked_on=datetime.date(2024, 1, 10),
    )
    assert Source.objects.get(verdict_id=10_000).verdict.statement == statement


def test_a_run_that_fails_writes_nothing_and_leaves_the_checks_as_declared(monkeypatch):
    """Failing at the very end (the totals), the whole run is undone, and a row may still point at
    one written later in the transaction."""

    def fail(moves):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(synthetic, "_add_moves", fail)
    with pytest.raises(RuntimeError):
        generate_newsroom(articles=3, seed=2)
    assert not Article.objects.exists()
    assert not Statement.objects.exists()
    assert not Verdict.objects.exists()
    assert_a_row_may_point_at_one_written_later()


def test_a_run_that_fails_while_its_checks_are_immediate_leaves_them_as_declared(monkeypatch):
    """Failing inside the checked block (after a batch's statements and verdicts), the run is
    undone and the references are deferred again, as declared."""

    def fail(database):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(synthetic._Database, "check_batch", fail)
    with pytest.raises(RuntimeError):
        generate_newsroom(articles=3, seed=2)
    assert not Statement.objects.exists()
    assert not Verdict.objects.exists()
    assert_a_row_may_point_at_one_written_later()


def test_a_failure_while_drawing_a_later_batch_reaches_the_caller_and_undoes_the_run(monkeypatch):
    """Batches are drawn in a thread while the one before is written: its error must not be lost."""
    draw = synthetic._Newsroom.draw

    def draw_then_fail(newsroom, numbers):
        if numbers.start > newsroom.run:
            raise RuntimeError("drawing failed")
        return draw(newsroom, numbers)

    monkeypatch.setattr(synthetic._Newsroom, "draw", draw_then_fail)
    with pytest.raises(RuntimeError, match="drawing failed"):
        generate_newsroom(articles=3, seed=2, batch_size=1)
    assert not Article.objects.exists()
    assert not Speaker.objects.exists()


def test_what_follows_a_run_in_the_same_transaction_is_checked_at_commit_again():
    """The run checks its references as it writes them; afterwards they are deferred as declared,
    so a row may point at one written later in the transaction."""
    generate_newsroom(articles=1, seed=2)
    later = Verdict.objects.order_by("-pk").values_list("pk", flat=True)[0] + 100
    Source.objects.create(verdict_id=later, order=1, title="Figures", url="https://example.org/figures")
    Verdict.objects.create(
        pk=later,
        statement=Statement.objects.first(),
        rating=Rating.NOT_YET_RATED,
        headline="Too early to judge",
        explanation="Checked.",
        checked_on=datetime.date(2024, 1, 10),
    )
    assert Source.objects.get(verdict_id=later).verdict.pk == later


if ON_POSTGRES:

    def test_ids_with_gaps_from_other_sessions_still_tie_every_row_to_its_parent():
        """Ids taken by someone else between ours leave gaps: each row must get the ids it was given."""
        with connection.cursor() as cursor:
            for model in (Article, Statement, Verdict):
                cursor.execute(f"ALTER SEQUENCE {model._meta.db_table}_id_seq INCREMENT BY 3")
        generate_newsroom(articles=3, seed=2)
        verdict_ids = list(Verdict.objects.order_by("pk").values_list("pk", flat=True))
        assert {later - earlier for earlier, later in itertools.pairwise(verdict_ids)} == {3}
        statements = list(Statement.objects.select_related("article", "current_verdict"))
        for statement in statements:
            assert statement.article.body[statement.start : statement.end] == statement.quote
            assert statement.current_verdict is None or statement.current_verdict.statement_id == statement.pk
        for source in Source.objects.filter(article__isnull=True):
            assert source.url.endswith(f"/{source.verdict_id}/{source.order}")
        generated = {
            s.pk: (s.current_verdict_id, s.first_published_at, s.last_update_at, s.standing) for s in statements
        }
        for pk in generated:
            refresh_current_verdict(pk)
        refreshed = Statement.objects.values_list(
            "pk", "current_verdict_id", "first_published_at", "last_update_at", "standing"
        )
        assert {pk: tuple(columns) for pk, *columns in refreshed} == generated

    def test_generated_statements_hold_their_published_verdicts_words_written_once():
        """Verdicts go in before their statements, so each statement's search document is complete
        as it is written, and the verdicts' trigger has nothing to rewrite."""

        def statement_updates() -> int:
            with connection.cursor() as cursor:
                cursor.execute("SELECT n_tup_upd FROM pg_stat_xact_user_tables WHERE relname = 'factcheck_statement'")
                return cursor.fetchone()[0]

        before = statement_updates()
        generate_newsroom(articles=3, seed=2)
        assert statement_updates() == before
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*), count(*) FILTER (WHERE search_document IS DISTINCT FROM "
                "factcheck_statement_document(id, title, quote)) FROM factcheck_statement"
            )
            statements, stale = cursor.fetchone()
        assert statements > 20
        assert stale == 0
        verdict = Verdict.objects.published().exclude(explanation="").first()
        word = verdict.explanation.split()[-1].strip(".")
        assert verdict.statement in search_statements(Statement.objects.all(), word)


def test_speakers_and_topics_tally_the_generated_public_statements():
    generate_newsroom(articles=12, seed=4)
    for speaker in Speaker.objects.all():
        assert speaker.public_statements == Statement.objects.public().filter(speaker=speaker).count()
    for topic in Topic.objects.all():
        assert topic.public_statements == Statement.objects.public().filter(topics=topic).count()
    assert sum(Speaker.objects.values_list("public_statements", flat=True)) == Statement.objects.public().count()


def test_a_generated_newsroom_drops_cached_pages_once_committed(client, django_capture_on_commit_callbacks):
    generate_newsroom(articles=2, seed=5)
    client.get("/")
    stamp = current_stamp()
    with django_capture_on_commit_callbacks(execute=True):
        generate_newsroom(articles=2, seed=6)
    assert current_stamp() != stamp
