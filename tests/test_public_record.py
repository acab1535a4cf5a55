"""What readers have seen changes only through an editor; a change of meaning carries a public note.

Every field on the list in the README's "Roles" is tried by a fact-checker (refused), by an editor
without a note, and by an editor with one.
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from factcheck.importing import update_article
from factcheck.models import Correction, Statement
from factcheck.people import update_speaker, update_topic
from factcheck.publishing import unpublish_verdict
from factcheck.scales import Kind, Rating
from factcheck.tagging import update_statement
from tests.factories import OutletFactory, SpeakerFactory, TopicFactory
from tests.public_data import public_statement

pytestmark = pytest.mark.django_db

BODY = "The minister said 1,000 new nurses will be hired by 2030. Critics doubted it. It is a plan."


@pytest.fixture
def statement():
    """A public pledge rated "Not yet rated" (a rating on both scales, so its kind may change)."""
    statement = public_statement(rating=Rating.NOT_YET_RATED, article__body=BODY, topics=[TopicFactory()])
    statement.refresh_from_db()
    return statement


def statement_change(statement, field):
    """The keyword arguments of update_statement with one public field changed."""
    values = {
        "title": statement.title,
        "speaker": statement.speaker,
        "kind": statement.kind,
        "topics": list(statement.topics.all()),
    }
    changed = {
        "title": lambda: {"title": "Hire 1,000 nurses by 2030"},
        "topics": lambda: {"topics": [TopicFactory(name="Health")]},
        "quote": lambda: {"quote": "Critics doubted it."},
        "kind": lambda: {"kind": Kind.CRITICISM},
        "speaker": lambda: {"speaker": SpeakerFactory(name="Ed Miliband")},
    }[field]
    return values | changed()


STATEMENT_NO_NOTE = ["title", "topics"]
STATEMENT_NOTE = ["quote", "kind", "speaker"]


@pytest.mark.parametrize("field", STATEMENT_NO_NOTE + STATEMENT_NOTE)
def test_a_fact_checker_changes_nothing_readers_see_of_a_statement(statement, fact_checker, field):
    before = Statement.objects.values().get(pk=statement.pk)
    with pytest.raises(PermissionDenied, match="only an editor can change"):
        update_statement(statement=statement, user=fact_checker, **statement_change(statement, field))
    assert Statement.objects.values().get(pk=statement.pk) == before


@pytest.mark.parametrize("field", STATEMENT_NO_NOTE)
def test_an_editor_fixes_a_statements_title_or_topics_without_a_note(statement, editor, field):
    update_statement(statement=statement, user=editor, **statement_change(statement, field))
    statement.refresh_from_db()
    assert statement.version == 2
    assert not Correction.objects.filter(statement=statement).exists()
    assert statement.history.first().history_user == editor


@pytest.mark.parametrize("field", STATEMENT_NOTE)
def test_a_change_of_meaning_to_a_statement_needs_a_public_note(statement, editor, field):
    change = statement_change(statement, field)
    with pytest.raises(ValidationError, match="needs a correction note"):
        update_statement(statement=statement, user=editor, **change)
    assert Statement.objects.get(pk=statement.pk).version == 1
    update_statement(statement=statement, user=editor, note="We quoted the wrong sentence.", **change)
    correction = Correction.objects.get(statement=statement)
    assert field in correction.changes and correction.editor == editor


def test_readers_see_a_corrected_quote_with_what_it_said_before(client, statement, editor):
    old_quote = statement.quote
    update_statement(
        statement=statement,
        user=editor,
        note="We quoted the wrong sentence.",
        **statement_change(statement, "quote"),
    )
    page = client.get(statement.get_absolute_url()).content.decode()
    assert "We quoted the wrong sentence." in page
    assert f"The quote previously read: “{old_quote}”." in page
    corrections = client.get(reverse("factcheck:corrections")).content.decode()
    assert "We quoted the wrong sentence." in corrections and statement.title in corrections


def test_readers_see_a_new_attribution_with_the_old_one(client, statement, editor):
    old = statement.speaker.name
    update_statement(statement=statement, user=editor, note="Misattributed.", **statement_change(statement, "speaker"))
    page = client.get(statement.get_absolute_url()).content.decode()
    assert f"Now attributed to Ed Miliband; it was attributed to {old}." in page


def test_a_statement_withdrawn_from_readers_stays_under_the_rules(statement, editor, fact_checker):
    unpublish_verdict(verdict=statement.verdicts.get(), editor=editor, note="Withdrawn while we recheck.")
    with pytest.raises(PermissionDenied):
        update_statement(statement=statement, user=fact_checker, **statement_change(statement, "quote"))


def test_a_kind_that_does_not_suit_its_verdicts_is_refused(editor):
    statement = public_statement(rating=Rating.KEPT)
    with pytest.raises(ValidationError, match="rated Kept, which is not a rating for a criticism"):
        update_statement(
            statement=statement,
            user=editor,
            note="It was a criticism.",
            **statement_change(statement, "kind"),
        )


# Articles --------------------------------------------------------------------------------------


def article_change(article, field):
    values = {
        "title": article.title,
        "slug": article.slug,
        "outlet": article.outlet,
        "byline": article.byline,
        "published_at": article.published_at,
        "source_url": article.source_url,
    }
    changed = {
        "title": {"title": "Minister's nurses pledge"},
        "byline": {"byline": "By Nick Triggle"},
        "outlet": {"outlet": OutletFactory(name="The Guardian")},
        "published_at": {"published_at": timezone.make_aware(datetime.datetime(2009, 11, 2, 9, 0))},
        "source_url": {"source_url": "https://news.example.org/nurses"},
        "slug": {"slug": "another-address"},
    }[field]
    return values | changed


ARTICLE_NO_NOTE = ["title", "byline"]
ARTICLE_NOTE = ["outlet", "published_at", "source_url"]


@pytest.mark.parametrize("field", [*ARTICLE_NO_NOTE, *ARTICLE_NOTE])
def test_a_fact_checker_changes_nothing_readers_see_of_an_article(statement, fact_checker, field):
    article = statement.article
    with pytest.raises(PermissionDenied):
        update_article(article=article, user=fact_checker, **article_change(article, field))
    assert article.__class__.objects.get(pk=article.pk).version == 1


@pytest.mark.parametrize("field", ARTICLE_NO_NOTE)
def test_an_editor_fixes_an_articles_headline_or_byline_on_the_record_without_a_note(statement, editor, field):
    article = update_article(article=statement.article, user=editor, **article_change(statement.article, field))
    assert getattr(article, field) == article_change(statement.article, field)[field]
    assert not Correction.objects.exists()
    record = article.history.first()
    assert record.history_user == editor and getattr(record, field) == getattr(article, field)


@pytest.mark.parametrize("field", ARTICLE_NOTE)
def test_where_and_when_an_article_was_published_changes_with_a_public_note(client, statement, editor, field):
    article = statement.article
    with pytest.raises(ValidationError, match="needs a correction note"):
        update_article(article=article, user=editor, **article_change(article, field))
    update_article(article=article, user=editor, note="We had the wrong source.", **article_change(article, field))
    assert list(Correction.objects.values_list("article", flat=True)) == [article.pk]
    assert "We had the wrong source." in client.get(statement.get_absolute_url()).content.decode()
    assert "We had the wrong source." in client.get(article.get_absolute_url()).content.decode()


@pytest.mark.parametrize("user", ["fact_checker", "editor"])
def test_nobody_moves_a_public_articles_address(request, statement, user):
    article = statement.article
    with pytest.raises(ValidationError, match="address cannot change"):
        update_article(article=article, user=request.getfixturevalue(user), **article_change(article, "slug"))


# Speakers and topics ---------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["name", "role", "party"])
def test_only_an_editor_renames_a_public_speaker_and_it_stays_in_the_history(statement, fact_checker, editor, field):
    speaker = statement.speaker
    values = {"name": speaker.name, "slug": speaker.slug, "role": speaker.role, "party": speaker.party}
    values[field] = "Corrected"
    with pytest.raises(PermissionDenied):
        update_speaker(speaker=speaker, user=fact_checker, **values)
    update_speaker(speaker=speaker, user=editor, **values)
    speaker.refresh_from_db()
    assert getattr(speaker, field) == "Corrected"
    assert speaker.history.first().history_user == editor


def test_a_fact_checker_may_fix_a_speaker_readers_have_not_seen(fact_checker):
    speaker = SpeakerFactory(name="Ed Ball")
    update_speaker(speaker=speaker, user=fact_checker, name="Ed Balls", slug="ed-balls", role="", party="")
    speaker.refresh_from_db()
    assert (speaker.name, speaker.slug) == ("Ed Balls", "ed-balls")


def test_a_public_speakers_and_topics_addresses_never_change(statement, editor):
    speaker, topic = statement.speaker, statement.topics.get()
    with pytest.raises(ValidationError, match="address cannot change"):
        update_speaker(speaker=speaker, user=editor, name=speaker.name, slug="new", role="", party="")
    with pytest.raises(ValidationError, match="address cannot change"):
        update_topic(topic=topic, user=editor, name=topic.name, slug="new")


def test_only_an_editor_renames_a_public_topic(statement, fact_checker, editor):
    topic = statement.topics.get()
    with pytest.raises(PermissionDenied):
        update_topic(topic=topic, user=fact_checker, name="Health and care", slug=topic.slug)
    update_topic(topic=topic, user=editor, name="Health and care", slug=topic.slug)
    assert topic.history.first().history_user == editor


# The desk ------------------------------------------------------------------------------------


def test_a_fact_checker_sees_a_public_statement_read_only_and_cannot_post_to_it(client, statement, fact_checker):
    client.force_login(fact_checker)
    url = reverse("admin:factcheck_statement_change", args=[statement.pk])
    page = client.get(url).content.decode()
    assert 'name="_save"' not in page
    response = client.post(url, {"title": "Changed", "kind": statement.kind, "speaker": statement.speaker_id})
    assert response.status_code == 403
    assert Statement.objects.get(pk=statement.pk).title == statement.title


def test_an_editors_change_of_meaning_without_a_note_is_refused_on_the_form(client, statement, editor):
    client.force_login(editor)
    url = reverse("admin:factcheck_statement_change", args=[statement.pk])
    data = {
        "kind": statement.kind,
        "quote": "Critics doubted it.",
        "speaker": statement.speaker_id,
        "title": statement.title,
        "topics": [topic.pk for topic in statement.topics.all()],
        "opened_version": statement.version,
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "changing its quote needs a correction note" in response.content.decode()
    assert Statement.objects.get(pk=statement.pk).quote == statement.quote
    response = client.post(url, {**data, "correction_note": "We quoted the wrong sentence."})
    assert response.status_code == 302
    assert Statement.objects.get(pk=statement.pk).quote == "Critics doubted it."
