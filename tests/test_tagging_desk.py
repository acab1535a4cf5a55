"""The tagging desk's server side: new speakers by name, suggestions one by one or in bulk, previews."""

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse

from factcheck.models import Speaker, Statement, Suggestion
from factcheck.scales import Kind
from factcheck.tagging import tag_statement, title_from_quote
from tests.factories import ArticleFactory, EditorFactory, SpeakerFactory, StatementFactory
from tests.public_data import public_statement

pytestmark = pytest.mark.django_db

BODY = "Mr Balls said: “We will hire 200 social workers.” Critics called it a stunt. It is a stunt."


@pytest.fixture
def article():
    return ArticleFactory(body=BODY)


def suggestion(article, quote, kind=Kind.PLEDGE, speaker="Ed Balls", title=""):
    start = article.body.index(quote)
    return Suggestion.objects.create(
        article=article, kind=kind, quote=quote, start=start, end=start + len(quote), speaker_name=speaker, title=title
    )


def tag_data(article, quote, **overrides):
    start = article.body.index(quote)
    return {
        "article": article.pk,
        "start": start,
        "end": start + len(quote),
        "kind": Kind.PLEDGE,
        "title": "Hire 200 social workers",
        **overrides,
    }


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_a_new_speaker_is_added_by_name_with_the_statement(client, fact_checker, article):
    client.force_login(fact_checker)
    quote = "We will hire 200 social workers."
    response = client.post(
        reverse("admin:factcheck_statement_add"), tag_data(article, quote, new_speaker=" Ed  Balls ")
    )
    assert response.status_code == 302
    statement = Statement.objects.get()
    assert statement.speaker.name == "Ed Balls" and statement.speaker.slug == "ed-balls"
    assert statement.speaker.history.first().history_user == fact_checker


def test_a_new_name_the_desk_already_knows_is_not_added_twice(fact_checker, article):
    known = SpeakerFactory(name="Ed Balls")
    statement = tag_statement(
        article=article,
        speaker=None,
        new_speaker_name="ed balls",
        kind=Kind.PLEDGE,
        title="T",
        quote="We will hire 200 social workers.",
        user=fact_checker,
    )
    assert statement.speaker == known and Speaker.objects.count() == 1


def test_no_speaker_is_refused_in_words_on_the_speaker_field(client, fact_checker, article):
    client.force_login(fact_checker)
    response = client.post(reverse("admin:factcheck_statement_add"), tag_data(article, "Critics called it a stunt."))
    assert response.status_code == 200
    assert "Choose who said it, or type a new name and choose “Add”." in response.content.decode()
    assert not Statement.objects.exists() and not Speaker.objects.exists()


def test_a_refused_tag_adds_no_speaker(client, fact_checker, article):
    client.force_login(fact_checker)
    data = tag_data(article, "It is a stunt.", new_speaker="Tim Loughton", start=999, end=1000)
    response = client.post(reverse("admin:factcheck_statement_add"), data)
    assert "The selection is not within the article&#x27;s text" in response.content.decode()
    assert not Speaker.objects.exists()


def test_tagging_a_passage_retires_its_suggestions_of_that_kind_only(fact_checker, article):
    pledge = suggestion(article, "We will hire 200 social workers.")
    criticism = suggestion(article, "We will hire 200 social workers.", kind=Kind.CRITICISM)
    tag_statement(
        article=article,
        speaker=SpeakerFactory(),
        kind=Kind.PLEDGE,
        title="T",
        quote="We will hire 200",
        user=fact_checker,
    )
    pledge.refresh_from_db()
    criticism.refresh_from_db()
    assert (pledge.status, criticism.status) == (Suggestion.Status.ACCEPTED, Suggestion.Status.PENDING)


def test_accepting_one_suggestion_prefills_its_title_and_new_speaker(client, fact_checker, article):
    item = suggestion(article, "We will hire 200 social workers.", title="200 social workers")
    client.force_login(fact_checker)
    form = client.get(reverse("admin:factcheck_statement_add"), {"suggestion": item.pk}).context["adminform"].form
    assert form.initial["title"] == "200 social workers"
    assert form.initial["new_speaker"] == "Ed Balls"


def test_a_suggestion_without_a_title_gets_a_working_one():
    assert title_from_quote("“we will hire 200 social workers by 2012, the minister said.”") == (
        "We will hire 200 social workers by 2012,…"
    )
    assert title_from_quote("Cut taxes.") == "Cut taxes"


def test_ticked_suggestions_are_accepted_in_one_go(client, fact_checker, article):
    first = suggestion(article, "We will hire 200 social workers.", title="200 social workers")
    second = suggestion(article, "Critics called it a stunt.", kind=Kind.CRITICISM, speaker="Tim Loughton")
    nameless = suggestion(article, "It is a stunt.", kind=Kind.CRITICISM, speaker="")
    client.force_login(fact_checker)
    response = client.post(
        reverse("admin:factcheck_suggestion_bulk"),
        {"article": article.pk, "action": "accept", "suggestion": [first.pk, second.pk, nameless.pk]},
    )
    assert response.status_code == 302 and response["Location"].endswith("#desk-suggestions")
    assert sorted(Statement.objects.values_list("title", "speaker__name")) == [
        ("200 social workers", "Ed Balls"),
        ("Critics called it a stunt", "Tim Loughton"),
    ]
    nameless.refresh_from_db()
    assert nameless.status == Suggestion.Status.PENDING
    shown = messages_of(response)
    assert shown[0].startswith("Tagged 2 statements:")
    assert "it names no speaker: accept it on its own" in shown[1]


def test_ticked_suggestions_are_dismissed_in_one_go(client, fact_checker, article):
    items = [suggestion(article, quote) for quote in ("Critics called it a stunt.", "It is a stunt.")]
    client.force_login(fact_checker)
    response = client.post(
        reverse("admin:factcheck_suggestion_bulk"),
        {"article": article.pk, "action": "dismiss", "suggestion": [item.pk for item in items]},
    )
    assert messages_of(response) == ["Dismissed 2 suggestions."]
    assert set(Suggestion.objects.values_list("status", flat=True)) == {Suggestion.Status.DISMISSED}


def test_another_articles_suggestions_cannot_be_ticked_in(client, fact_checker, article):
    elsewhere = suggestion(ArticleFactory(body=BODY + " Again."), "It is a stunt.")
    client.force_login(fact_checker)
    client.post(
        reverse("admin:factcheck_suggestion_bulk"),
        {"article": article.pk, "action": "dismiss", "suggestion": [elsewhere.pk]},
    )
    elsewhere.refresh_from_db()
    assert elsewhere.status == Suggestion.Status.PENDING


def test_view_on_site_is_the_preview_until_readers_can_see_the_statement(client, fact_checker):
    draft_only, public = StatementFactory(), public_statement()
    client.force_login(fact_checker)
    for statement, target in (
        (draft_only, reverse("factcheck:statement_preview", args=[draft_only.pk])),
        (public, public.get_absolute_url()),
    ):
        page = client.get(reverse("admin:factcheck_statement_change", args=[statement.pk]))
        assert page.context["absolute_url"] == target


def _change_form_as_opened(statement):
    """The statement's change form as an editor opens it, before typing anything."""
    return {
        "kind": statement.kind,
        "quote": statement.quote,
        "speaker": statement.speaker_id,
        "title": statement.title,
        "opened_version": statement.version,
    }


@time_machine.travel("2026-03-02 14:05 +00:00", tick=False)
def test_an_edit_conflict_shows_their_changes_and_keeps_this_editors_typing(client, fact_checker):
    statement = StatementFactory(title="Hire nurses")
    url = reverse("admin:factcheck_statement_change", args=[statement.pk])
    opened = _change_form_as_opened(statement)
    olga = EditorFactory(username="olga", first_name="Olga", last_name="Ivanova")
    client.force_login(olga)
    client.post(url, {**opened, "title": "Hire 1,000 nurses"})

    client.force_login(fact_checker)
    response = client.post(url, {**opened, "title": "Hire nurses by 2030"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Changed by Olga Ivanova at 14:05 since you opened it" in html
    assert "<td>Hire nurses</td>" in html and "<td>Hire 1,000 nurses</td>" in html
    form = response.context["adminform"].form
    assert form["title"].value() == "Hire nurses by 2030"  # what this editor typed is kept
    assert form["opened_version"].value() == 2  # now on top of Olga's version
    assert response.context["subtitle"] == "Hire 1,000 nurses"  # the heading shows what is saved
    response = client.post(url, {**opened, "title": "Hire nurses by 2030", "opened_version": 2})
    assert response.status_code == 302
    assert Statement.objects.get(pk=statement.pk).title == "Hire nurses by 2030"


def test_saving_again_after_a_conflict_keeps_the_other_editors_changes(client, fact_checker):
    """Found in review: the reapplied form wrote back every field as this editor first saw it."""
    statement = StatementFactory(title="Hire nurses")
    url = reverse("admin:factcheck_statement_change", args=[statement.pk])
    opened = _change_form_as_opened(statement)
    ed_balls = SpeakerFactory(name="Ed Balls")
    client.force_login(EditorFactory(username="olga"))
    client.post(url, {**opened, "speaker": ed_balls.pk})

    client.force_login(fact_checker)
    response = client.post(url, {**opened, "title": "Hire nurses by 2030"})
    assert "Their changes to speaker are in the form with yours." in response.content.decode()
    form = response.context["adminform"].form
    assert str(form["speaker"].value()) == str(ed_balls.pk) and form["title"].value() == "Hire nurses by 2030"
    resent = {**opened, "title": "Hire nurses by 2030", "speaker": form["speaker"].value(), "opened_version": 2}
    assert client.post(url, resent).status_code == 302
    statement.refresh_from_db()
    assert (statement.title, statement.speaker) == ("Hire nurses by 2030", ed_balls)
