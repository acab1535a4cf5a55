"""Derived data is checked against its source rows, drift is reported and repaired, and PostgreSQL
refuses a current verdict that is not one of the statement's own published verdicts."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.db.models import F

from factcheck.derived import find_drift
from factcheck.models import Speaker, StandingChange, Statement, Topic, Verdict
from factcheck.publishing import SourceData, draft_verdict, publish_verdict, unpublish_verdict
from factcheck.scales import Rating
from tests.public_data import public_statement

pytestmark = pytest.mark.django_db
ON_POSTGRES = connection.vendor == "postgresql"


def check(*args) -> str:
    out = io.StringIO()
    call_command("check_derived_data", *args, stdout=out)
    return out.getvalue()


def test_a_clean_demo_reports_nothing(demo):
    assert "Every derived store matches its source rows." in check()


def test_drift_written_with_raw_sql_is_reported_then_repaired():
    statement = public_statement(rating=Rating.IN_THE_WORKS)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE factcheck_statement SET current_rating = 'kept' WHERE id = %s", [statement.pk])
    Speaker.objects.update(public_statements=F("public_statements") + 3)
    StandingChange.objects.update(arrived=F("arrived") + 1)
    with pytest.raises(CommandError) as refused:
        check()
    assert refused.value.returncode == 1
    assert "3 differences found" in str(refused.value)
    output = check("--repair")
    assert "Repaired 3 differences." in output
    assert Statement.objects.get(pk=statement.pk).current_rating == Rating.IN_THE_WORKS
    assert not find_drift()


def test_each_difference_is_named_with_what_it_is_and_should_be(demo):
    statement = Statement.objects.public().first()
    Statement.objects.filter(pk=statement.pk).update(current_rating="broken")
    with pytest.raises(CommandError):
        call_command("check_derived_data", stdout=(out := io.StringIO()))
    assert f"statement: statement {statement.pk} “{statement.title}” current_rating is 'broken', should be" in (
        out.getvalue()
    )


def test_a_published_verdict_deleted_in_a_shell_is_caught(demo):
    statement = Statement.objects.public().filter(verdicts__corrections__isnull=True).first()
    Verdict.objects.filter(pk=statement.current_verdict_id).delete()  # sources go with it; nothing else follows
    drift = find_drift()
    assert any(d.store == "statement" and f"statement {statement.pk} " in d.what for d in drift.differences)
    check("--repair")
    assert not find_drift()


def test_tallies_drifted_for_topics_are_recounted():
    statement = public_statement(topics=[])
    topic = Topic.objects.create(name="Housing", slug="housing")
    Statement.topics.through.objects.create(statement=statement, topic=topic)  # around the service
    assert [d.what for d in find_drift().differences] == [f"topic {topic.pk} “Housing”"]
    check("--repair")
    assert Topic.objects.get(pk=topic.pk).public_statements == 1


def test_a_dry_run_repairs_nothing():
    statement = public_statement()
    Statement.objects.filter(pk=statement.pk).update(last_update_at=None)
    assert "Dry run: 1 difference would be repaired; nothing was written." in check("--repair", "--dry-run")
    assert Statement.objects.get(pk=statement.pk).last_update_at is None


if ON_POSTGRES:

    def test_a_stale_search_document_is_reported_and_recomputed():
        statement = public_statement(title="Free school meals")
        with connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = replica")  # triggers off: a write around them
            cursor.execute("UPDATE factcheck_statement SET search_document = NULL WHERE id = %s", [statement.pk])
            cursor.execute("SET session_replication_role = DEFAULT")
        assert [d.store for d in find_drift().differences] == ["search document"]
        check("--repair")
        assert not find_drift()

    def test_postgresql_refuses_a_current_verdict_of_another_statement():
        first, second = public_statement(), public_statement()
        with pytest.raises(IntegrityError, match="not one of its published verdicts"), transaction.atomic():
            Statement.objects.filter(pk=first.pk).update(current_verdict=second.current_verdict_id)
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    def test_postgresql_refuses_a_draft_as_a_current_verdict():
        statement = public_statement()
        with pytest.raises(IntegrityError, match="not one of its published verdicts"), transaction.atomic():
            Verdict.objects.filter(pk=statement.current_verdict_id).update(status=Verdict.Status.DRAFT)
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    def test_the_guard_lets_the_services_publish_and_unpublish(editor, fact_checker):
        statement = public_statement()
        verdict = draft_verdict(
            statement=statement,
            rating=Rating.KEPT,
            headline="Delivered",
            explanation="The places were filled.",
            checked_on=statement.current_checked_on,
            sources=[SourceData(title="Report", url="https://example.org/report")],
            author=fact_checker,
        )
        publish_verdict(verdict=verdict, publisher=editor)
        unpublish_verdict(verdict=statement.current_verdict, editor=editor, note="Withdrawn while we recheck.")
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the deferred checks run now, and pass
        assert not find_drift()
