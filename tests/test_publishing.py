import pytest
from django.core.exceptions import PermissionDenied
from django.test import override_settings

from factcheck.models import Verdict
from factcheck.publishing import PublishingError, SourceData, draft_verdict, publish_verdict
from factcheck.scales import Rating
from tests.factories import SourceFactory, StatementFactory, VerdictFactory

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
