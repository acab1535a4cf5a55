import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from factcheck.concurrency import StaleVersionError
from factcheck.models import Correction, Verdict
from factcheck.publishing import (
    PublishingError,
    SourceData,
    correct_verdict,
    draft_verdict,
    publish_verdict,
    unpublish_verdict,
    update_draft,
)
from factcheck.scales import Rating
from tests.factories import PublishedVerdictFactory, SourceFactory, StatementFactory, VerdictFactory

pytestmark = pytest.mark.django_db


def test_draft_verdict_saves_sources_in_order(fact_checker):
    verdict = draft_verdict(
        statement=StatementFactory(),
        rating=Rating.IN_THE_WORKS,
        headline="Hiring has started",
        explanation="Figures show it.",
        checked_on="2010-03-17",
        sources=[
            SourceData(title="First", url="https://example.org/1"),
            SourceData(title="Second", url="https://example.org/2"),
        ],
        author=fact_checker,
    )
    assert verdict.status == Verdict.Status.DRAFT
    assert list(verdict.sources.values_list("order", "title")) == [(1, "First"), (2, "Second")]


def test_draft_with_a_bad_source_writes_nothing(fact_checker):
    with pytest.raises(Exception, match="either a web address or an article"):
        draft_verdict(
            statement=StatementFactory(),
            rating=Rating.KEPT,
            headline="Done",
            explanation="Done.",
            checked_on="2010-03-17",
            sources=[SourceData(title="No link at all")],
            author=fact_checker,
        )
    assert not Verdict.objects.exists()


def test_editor_publishes_a_sourced_verdict_written_by_someone_else(editor, fact_checker):
    verdict = SourceFactory(verdict__author=fact_checker).verdict
    publish_verdict(verdict=verdict, publisher=editor)
    verdict.refresh_from_db()
    assert verdict.is_published and verdict.publisher == editor and verdict.published_at


def test_fact_checker_cannot_publish(fact_checker):
    verdict = SourceFactory().verdict
    with pytest.raises(PermissionDenied):
        publish_verdict(verdict=verdict, publisher=fact_checker)
    verdict.refresh_from_db()
    assert not verdict.is_published


def test_rated_verdict_without_sources_is_not_published(editor):
    verdict = VerdictFactory(rating=Rating.KEPT)
    with pytest.raises(PublishingError, match="at least one source"):
        publish_verdict(verdict=verdict, publisher=editor)
    verdict.refresh_from_db()
    assert not verdict.is_published


def test_not_yet_rated_may_be_published_without_sources(editor):
    verdict = VerdictFactory(rating=Rating.NOT_YET_RATED)
    publish_verdict(verdict=verdict, publisher=editor)
    verdict.refresh_from_db()
    assert verdict.is_published


def test_editor_cannot_publish_their_own_verdict_by_default(editor):
    verdict = SourceFactory(verdict__author=editor).verdict
    with pytest.raises(PublishingError, match="another editor"):
        publish_verdict(verdict=verdict, publisher=editor)


@override_settings(PLEDGEBOOK_ALLOW_SELF_PUBLISH=True)
def test_small_desks_may_allow_self_publishing(editor):
    verdict = SourceFactory(verdict__author=editor).verdict
    publish_verdict(verdict=verdict, publisher=editor)
    verdict.refresh_from_db()
    assert verdict.is_published


def test_correcting_a_published_verdict_records_before_and_after_atomically(editor):
    verdict = PublishedVerdictFactory(headline="Old headline")
    correct_verdict(verdict=verdict, editor=editor, note="Headline overstated it.", headline="New headline")
    verdict.refresh_from_db()
    correction = Correction.objects.get()
    assert verdict.headline == "New headline" and verdict.version == 2
    assert correction.changes == {"headline": ["Old headline", "New headline"]}
    assert (correction.editor, correction.note) == (editor, "Headline overstated it.")


@pytest.mark.parametrize(
    ("changes", "note", "message"),
    [
        ({"headline": "New"}, " ", "write a correction note"),
        ({}, "A note", "Nothing was changed"),
        ({"rating": Rating.BORNE_OUT}, "Wrong scale", "Borne out is a criticism rating; a pledge is rated"),
    ],
)
def test_refused_corrections_change_nothing(editor, changes, note, message):
    verdict = PublishedVerdictFactory()
    before = Verdict.objects.values().get(pk=verdict.pk)
    with pytest.raises(ValidationError, match=message):
        correct_verdict(verdict=verdict, editor=editor, note=note, **changes)
    assert Verdict.objects.values().get(pk=verdict.pk) == before
    assert not Correction.objects.exists()


def test_fact_checker_cannot_correct_or_unpublish(fact_checker):
    verdict = PublishedVerdictFactory()
    with pytest.raises(PermissionDenied):
        correct_verdict(verdict=verdict, editor=fact_checker, note="n", headline="x")
    with pytest.raises(PermissionDenied):
        unpublish_verdict(verdict=verdict, editor=fact_checker, note="n")
    verdict.refresh_from_db()
    assert verdict.is_published


def test_stale_version_is_refused(editor):
    verdict = PublishedVerdictFactory()
    with pytest.raises(StaleVersionError, match="since you opened it"):
        correct_verdict(verdict=verdict, editor=editor, note="n", headline="x", expected_version=0)
    with pytest.raises(StaleVersionError):
        unpublish_verdict(verdict=verdict, editor=editor, note="n", expected_version=7)


def test_unpublishing_makes_a_draft_and_records_the_note(editor):
    verdict = PublishedVerdictFactory()
    unpublish_verdict(verdict=verdict, editor=editor, note="Source withdrawn.")
    verdict.refresh_from_db()
    assert not verdict.is_published and verdict.version == 2
    assert Correction.objects.get().note == "Source withdrawn."


@pytest.mark.parametrize("write", ["draft", "update", "correct"])
def test_every_way_of_writing_a_verdict_refuses_html(editor, fact_checker, write):
    """The plain-text rule lives in the service, so a script is held to it as the admin is."""
    html = "Figures <a href='https://example.org'>here</a>."
    with pytest.raises(ValidationError, match="Write plain text, not HTML"):
        if write == "draft":
            draft_verdict(
                statement=StatementFactory(),
                rating=Rating.NOT_YET_RATED,
                headline="H",
                explanation=html,
                checked_on="2010-03-17",
                author=fact_checker,
            )
        elif write == "update":
            verdict = VerdictFactory()
            update_draft(
                verdict=verdict,
                editor=fact_checker,
                rating=verdict.rating,
                headline=verdict.headline,
                explanation=html,
                checked_on=verdict.checked_on,
            )
        else:
            correct_verdict(verdict=PublishedVerdictFactory(), editor=editor, note="Linked it.", explanation=html)
    assert not Verdict.objects.filter(explanation=html).exists()


def test_a_stale_draft_save_is_refused_for_every_caller(fact_checker):
    verdict = VerdictFactory()
    values = {"rating": verdict.rating, "explanation": verdict.explanation, "checked_on": verdict.checked_on}
    update_draft(verdict=verdict, editor=fact_checker, headline="First", expected_version=1, **values)
    with pytest.raises(StaleVersionError):
        update_draft(verdict=verdict, editor=fact_checker, headline="Second", expected_version=1, **values)
    assert Verdict.objects.get(pk=verdict.pk).headline == "First"
