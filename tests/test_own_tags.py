"""Before publication, fact-checkers own their tags: they may move, re-kind, re-attribute or delete them."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from factcheck.models import Source, Statement, Verdict
from factcheck.publishing import publish_verdict, unpublish_verdict
from factcheck.scales import Kind, Rating
from factcheck.tagging import delete_statement, update_statement
from tests.factories import ArticleFactory, SourceFactory, SpeakerFactory, StatementFactory, VerdictFactory

pytestmark = pytest.mark.django_db

BODY = "Mr Balls said: “We will hire 200 social workers.”\n\nIt will be done. It will be done. Critics scoffed."


@pytest.fixture
def statement():
    article = ArticleFactory(body=BODY)
    quote = "We will hire 200 social workers."
    start = BODY.index(quote)
    return StatementFactory(article=article, start=start, end=start + len(quote), quote=quote)


def change_url(statement):
    return reverse("admin:factcheck_statement_change", args=[statement.pk])


def form_data(statement, **overrides):
    return {
        "kind": statement.kind,
        "quote": statement.quote,
        "speaker": statement.speaker_id,
        "title": statement.title,
        "opened_version": statement.version,
        **overrides,
    }


def test_a_fact_checker_moves_kind_and_speaker_of_an_unpublished_tag(client, fact_checker, statement):
    other = SpeakerFactory(name="Michael Gove")
    client.force_login(fact_checker)
    response = client.post(
        change_url(statement), form_data(statement, kind=Kind.CRITICISM, quote="Critics scoffed.", speaker=other.pk)
    )
    assert response.status_code == 302
    statement.refresh_from_db()
    assert (statement.kind, statement.quote, statement.speaker) == (Kind.CRITICISM, "Critics scoffed.", other)
    assert BODY[statement.start : statement.end] == "Critics scoffed."
    assert not statement.corrections.exists()


def test_a_moved_quote_is_located_with_the_same_checks_as_tagging(client, fact_checker, statement):
    client.force_login(fact_checker)
    response = client.post(change_url(statement), form_data(statement, quote="Nobody said this."))
    assert "This quote is not in the article" in response.content.decode()
    response = client.post(change_url(statement), form_data(statement, quote="It will be done."))
    assert "occurs 2 times in the article. Choose which one you mean." in response.content.decode()
    response = client.post(change_url(statement), form_data(statement, quote="It will be done.", occurrence=2))
    assert response.status_code == 302
    statement.refresh_from_db()
    assert statement.start == BODY.rindex("It will be done.")


def test_moving_onto_a_passage_already_tagged_the_same_way_is_refused(fact_checker, statement):
    StatementFactory(article=statement.article, start=BODY.index("Critics"), end=len(BODY), quote="Critics scoffed.")
    with pytest.raises(ValidationError, match="already tagged as a statement of this kind"):
        update_statement(
            statement=statement,
            user=fact_checker,
            title=statement.title,
            speaker=statement.speaker,
            kind=statement.kind,
            topics=[],
            quote="Critics scoffed.",
        )


def test_a_fact_checker_deletes_a_mis_tag_with_its_drafts(client, fact_checker, statement):
    SourceFactory(verdict=VerdictFactory(statement=statement))
    client.force_login(fact_checker)
    url = reverse("admin:factcheck_statement_delete", args=[statement.pk])
    page = client.get(url).content.decode()
    assert "Draft verdict:" in page and "Are you sure" in page
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Statement.objects.exists() and not Verdict.objects.exists() and not Source.objects.exists()


def test_a_tag_readers_have_seen_cannot_be_deleted_even_once_withdrawn(editor, fact_checker, statement):
    verdict = SourceFactory(verdict=VerdictFactory(statement=statement, author=fact_checker)).verdict
    publish_verdict(verdict=verdict, publisher=editor)
    unpublish_verdict(verdict=verdict, editor=editor, note="Withdrawn.")
    for user in (fact_checker, editor):
        with pytest.raises(ValidationError, match="Readers have seen"):
            delete_statement(statement=statement, user=user)
    assert Statement.objects.filter(pk=statement.pk).exists()


def test_the_delete_button_says_why_a_seen_tag_stays(client, editor, fact_checker, statement):
    verdict = SourceFactory(verdict=VerdictFactory(statement=statement, author=fact_checker)).verdict
    publish_verdict(verdict=verdict, publisher=editor)
    client.force_login(editor)
    response = client.post(reverse("admin:factcheck_statement_delete", args=[statement.pk]), {"post": "yes"})
    assert any("cannot be deleted" in str(m) for m in get_messages(response.wsgi_request))


def test_a_kind_change_keeps_ratings_on_the_right_scale(fact_checker, statement):
    VerdictFactory(statement=statement, rating=Rating.IN_THE_WORKS)
    with pytest.raises(ValidationError, match="not a rating for a criticism"):
        update_statement(
            statement=statement,
            user=fact_checker,
            title=statement.title,
            speaker=statement.speaker,
            kind=Kind.CRITICISM,
            topics=[],
        )
    assert Statement.objects.get(pk=statement.pk).kind == Kind.PLEDGE


def test_a_stale_save_is_refused_for_every_caller_not_only_the_admin(fact_checker, statement):
    values = {"title": "First", "speaker": statement.speaker, "kind": statement.kind, "topics": []}
    update_statement(statement=statement, user=fact_checker, expected_version=1, **values)
    with pytest.raises(ValidationError, match="since you opened it"):
        update_statement(statement=statement, user=fact_checker, expected_version=1, **{**values, "title": "Second"})
    assert Statement.objects.get(pk=statement.pk).title == "First"
