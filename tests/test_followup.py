"""A pledge's deadline and success criteria: who may set them, when, and what readers are told (factcheck.followup)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from factcheck.concurrency import StaleVersionError
from factcheck.deadlines import DuePrecision
from factcheck.followup import set_follow_up
from factcheck.models import Correction, Statement
from factcheck.scales import Kind
from factcheck.tagging import tag_statement
from tests.factories import ArticleFactory, SpeakerFactory, StatementFactory
from tests.public_data import public_statement, said_on

pytestmark = pytest.mark.django_db


def test_a_fact_checker_sets_a_draft_pledges_deadline_and_criteria(fact_checker):
    statement = StatementFactory(article=ArticleFactory(published_at=said_on(2009)))
    set_follow_up(
        statement=statement,
        deadline_text="early 2011",
        success_criteria="The first students enrolled.",
        user=fact_checker,
    )
    statement.refresh_from_db()
    assert statement.deadline.label == "early 2011"
    assert statement.due_by == datetime.date(2011, 4, 30)
    assert statement.success_criteria == "The first students enrolled."
    assert not Correction.objects.exists()


def test_criteria_on_a_criticism_are_refused_and_nothing_is_written(fact_checker):
    statement = StatementFactory(kind=Kind.CRITICISM)
    with pytest.raises(ValidationError, match="Only pledges"):
        set_follow_up(statement=statement, deadline_text="", success_criteria="Borne out if…", user=fact_checker)
    statement.refresh_from_db()
    assert statement.success_criteria == ""


def test_a_deadline_before_the_pledge_was_made_is_refused(fact_checker):
    statement = StatementFactory(article=ArticleFactory(published_at=said_on(2012)))
    with pytest.raises(ValidationError) as refused:
        set_follow_up(statement=statement, deadline_text="early 2011", success_criteria="", user=fact_checker)
    assert "ends before the pledge was made (15 June 2012)" in str(refused.value)
    statement.refresh_from_db()
    assert statement.due_precision == ""


def test_on_a_public_statement_only_an_editor_may_change_them(fact_checker):
    statement = public_statement()
    with pytest.raises(PermissionDenied):
        set_follow_up(statement=statement, deadline_text="", success_criteria="New.", user=fact_checker, note="Why")
    statement.refresh_from_db()
    assert statement.success_criteria == ""


def test_on_a_public_statement_an_editor_must_give_a_note(editor):
    statement = public_statement()
    with pytest.raises(ValidationError, match="correction note"):
        set_follow_up(statement=statement, deadline_text="", success_criteria="New.", user=editor)
    assert not Correction.objects.exists()


def test_a_public_change_is_a_correction_to_the_statement(editor):
    statement = public_statement()
    before = Statement.objects.get(pk=statement.pk).last_update_at
    set_follow_up(
        statement=statement,
        deadline_text="early 2011",
        success_criteria="Places filled.",
        user=editor,
        note="We added the deadline the pledge gave.",
    )
    correction = Correction.objects.get()
    assert correction.statement_id == statement.pk
    assert correction.note == "We added the deadline the pledge gave."
    assert correction.changes["deadline"] == ["none", "Due: early 2011"]
    assert correction.changes["success criteria"] == ["none", "Places filled."]
    assert Statement.objects.get(pk=statement.pk).last_update_at > before


def test_nothing_changed_is_refused(fact_checker):
    statement = StatementFactory()
    with pytest.raises(ValidationError, match="Nothing was changed"):
        set_follow_up(statement=statement, deadline_text="", success_criteria="", user=fact_checker)


def test_a_stale_form_is_refused(fact_checker):
    statement = StatementFactory()
    with pytest.raises(StaleVersionError, match="since you opened it"):
        set_follow_up(
            statement=statement, deadline_text="", success_criteria="X", user=fact_checker, expected_version=99
        )


def test_a_deleted_statement_is_reported(fact_checker):
    statement = StatementFactory()
    Statement.objects.filter(pk=statement.pk).delete()
    with pytest.raises(ValidationError, match="deleted"):
        set_follow_up(statement=statement, deadline_text="", success_criteria="X", user=fact_checker)


def test_tagging_sets_the_confirmed_deadline_in_the_same_save():
    article = ArticleFactory(body="He said a new degree will start in early 2011 for all.", published_at=said_on(2009))
    statement = tag_statement(
        article=article,
        speaker=SpeakerFactory(),
        kind=Kind.PLEDGE,
        title="Degree",
        quote="a new degree will start in early 2011",
        deadline="early 2011",
        success_criteria="Students enrolled.",
    )
    statement.refresh_from_db()
    assert statement.due_precision == DuePrecision.PERIOD
    assert statement.success_criteria == "Students enrolled."


def test_tagging_a_criticism_with_criteria_writes_nothing():
    article = ArticleFactory(body="Critics said the plan will fail.")
    with pytest.raises(ValidationError):
        tag_statement(
            article=article,
            speaker=SpeakerFactory(),
            kind=Kind.CRITICISM,
            title="Fail",
            quote="the plan will fail",
            success_criteria="Borne out if it fails.",
        )
    assert not Statement.objects.exists()


def test_the_database_refuses_a_deadline_whose_parts_do_not_fit_its_precision():
    from django.db import IntegrityError, transaction

    statement = StatementFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Statement.objects.filter(pk=statement.pk).update(due_precision=DuePrecision.MONTH, due_year=2011)
