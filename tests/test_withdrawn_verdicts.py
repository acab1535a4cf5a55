"""A verdict readers saw and that was then withdrawn stays on the record: changed only by an editor,
with a note, and the withdrawal itself is shown while its statement is public."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from factcheck.models import Correction
from factcheck.publishing import publish_verdict, unpublish_verdict, update_draft
from factcheck.scales import Rating
from tests.factories import EditorFactory, PublishedVerdictFactory, SourceFactory
from tests.public_data import public_statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def withdrawn(editor):
    statement = public_statement(rating=Rating.IN_THE_WORKS)
    verdict = PublishedVerdictFactory(statement=statement, rating=Rating.STALLED, headline="Work has stopped")
    SourceFactory(verdict=verdict)
    return unpublish_verdict(verdict=verdict, editor=editor, note="Withdrawn: we misread the figures.")


def rewrite(verdict, user, **extra):
    return update_draft(
        verdict=verdict,
        editor=user,
        rating=Rating.BROKEN,
        headline="Abandoned",
        explanation=verdict.explanation,
        checked_on=verdict.checked_on,
        **extra,
    )


def test_a_fact_checker_cannot_rewrite_a_withdrawn_verdict(withdrawn, fact_checker):
    with pytest.raises(PermissionDenied):
        rewrite(withdrawn, fact_checker)
    withdrawn.refresh_from_db()
    assert withdrawn.rating == Rating.STALLED


def test_an_editor_rewrites_it_only_with_a_note_readers_see_once_republished(client, withdrawn, editor):
    with pytest.raises(ValidationError, match="needs a correction note"):
        rewrite(withdrawn, editor)
    rewrite(withdrawn, editor, note="The programme was abandoned in May.")
    correction = Correction.objects.get(verdict=withdrawn, note="The programme was abandoned in May.")
    assert correction.changes["rating"] == ["stalled", "broken"]
    publish_verdict(verdict=withdrawn, publisher=EditorFactory(username="olga"))
    page = client.get(withdrawn.statement.get_absolute_url()).content.decode()
    assert "The programme was abandoned in May." in page
    assert "Rating changed from Stalled to Broken." in page


def test_the_withdrawal_is_shown_while_the_statement_is_public(client, withdrawn):
    page = client.get(withdrawn.statement.get_absolute_url()).content.decode()
    assert "Withdrawn: we misread the figures." in page and "The verdict was withdrawn." in page
    assert "Work has stopped" not in page  # the withdrawn verdict itself is not shown
    assert "Withdrawn: we misread the figures." in client.get(reverse("factcheck:corrections")).content.decode()
