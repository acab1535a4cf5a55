"""Tagging statements on the article's admin page: highlighted body, selection offsets, pasted quotes."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from factcheck.admin.highlighting import highlighted_body
from factcheck.models import Statement, Suggestion
from factcheck.scales import Kind
from tests.factories import ArticleFactory, SpeakerFactory, StatementFactory

pytestmark = pytest.mark.django_db

BODY = (
    "Mr Balls said: “We will hire 200 social workers.”\n\n"
    "He added that\nthe plan   is “fully funded”. <b>Not bold</b> & done.\n\n"
    "It will be done. It will be done."
)


class _Runs(HTMLParser):
    """Collect (data-offset, text) for every span run."""

    def __init__(self):
        super().__init__()
        self.runs, self._offset = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "span" and "data-offset" in dict(attrs):
            self._offset = int(dict(attrs)["data-offset"])

    def handle_endtag(self, tag):
        if tag == "span":
            self._offset = None

    def handle_data(self, data):
        if self._offset is not None:
            self.runs.append((self._offset, data))


def runs_of(html: str) -> list[tuple[int, str]]:
    parser = _Runs()
    parser.feed(html)
    return parser.runs


def add_url():
    return reverse("admin:factcheck_statement_add")


def article_url(article):
    return reverse("admin:factcheck_article_change", args=[article.pk])


def test_every_rendered_run_sits_at_its_offset_in_the_body():
    article = ArticleFactory(body=BODY)
    quote = "He added that\nthe plan   is “fully funded”."
    start = BODY.index(quote)
    statements = [
        StatementFactory(article=article, start=start, end=start + len(quote)),
        StatementFactory(article=article, kind=Kind.CRITICISM, start=start + 14, end=start + len(quote)),
    ]
    runs = runs_of(highlighted_body(BODY, statements))
    assert runs, "the body renders as offset runs"
    for offset, text in runs:
        assert BODY[offset : offset + len(text)] == text
    # Every character outside paragraph breaks is rendered exactly once.
    assert "".join(text for _, text in runs).replace(" ", "") == BODY.replace("\n\n", "").replace(" ", "")


def test_article_page_shows_the_body_escaped_with_statements_linked_and_labelled(client, fact_checker):
    article = ArticleFactory(body=BODY)
    pledge = StatementFactory(article=article, start=15, end=50, quote=BODY[15:50])
    client.force_login(fact_checker)
    response = client.get(article_url(article))
    html = response.content.decode()
    assert response.status_code == 200
    assert "&lt;b&gt;Not bold&lt;/b&gt; &amp; done." in html
    assert "<b>Not bold</b>" not in html
    change = reverse("admin:factcheck_statement_change", args=[pledge.pk])
    assert f'class="desk-stmt desk-stmt-pledge desk-stmt-start" href="{change}"' in html
    assert 'data-kind-label="Pledge"' in html
    assert 'id="desk-tag-form"' in html
    assert "factcheck/desk.js" in html


def test_body_is_read_only_once_statements_point_into_it(client, editor):
    article = ArticleFactory(body=BODY)
    client.force_login(editor)
    assert 'name="body"' in client.get(article_url(article)).content.decode()
    StatementFactory(article=article)
    assert 'name="body"' not in client.get(article_url(article)).content.decode()


def test_a_selection_is_tagged_at_its_exact_offsets_and_the_editor_returns_to_the_article(client, fact_checker):
    article = ArticleFactory(body=BODY)
    speaker = SpeakerFactory()
    start = BODY.index("We will hire")
    end = BODY.index("workers.") + len("workers.")
    client.force_login(fact_checker)
    response = client.post(
        add_url(),
        {
            "article": article.pk,
            "start": start - 1,  # a selection often catches a space or quote mark: spaces are trimmed
            "end": end,
            "quote": BODY[start - 1 : end],
            "kind": Kind.PLEDGE,
            "speaker": speaker.pk,
            "title": "200 social workers",
            "return_to_article": "True",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == article_url(article) + "#desk-tagging"
    statement = Statement.objects.get()
    assert (statement.start, statement.end) == (start - 1, end)
    assert statement.quote == "“We will hire 200 social workers."
    assert statement.slug == "200-social-workers"


def test_selection_with_white_space_at_the_edges_is_trimmed(client, fact_checker):
    article = ArticleFactory(body=BODY)
    start = BODY.index("It will be done.") - 2
    client.force_login(fact_checker)
    client.post(
        add_url(),
        {
            "article": article.pk,
            "start": start,
            "end": start + 18,
            "kind": Kind.PLEDGE,
            "speaker": SpeakerFactory().pk,
            "title": "Done",
        },
    )
    statement = Statement.objects.get()
    assert statement.quote == "It will be done."
    assert statement.start == start + 2


def test_selection_outside_the_body_is_refused(client, fact_checker):
    article = ArticleFactory(body=BODY)
    client.force_login(fact_checker)
    response = client.post(
        add_url(),
        {
            "article": article.pk,
            "start": 5,
            "end": 5000,
            "kind": Kind.PLEDGE,
            "speaker": SpeakerFactory().pk,
            "title": "X",
        },
    )
    assert "not within the article" in response.content.decode()
    assert not Statement.objects.exists()


def test_pasted_quote_is_found_despite_spacing_and_straight_quotes(client, fact_checker):
    article = ArticleFactory(body=BODY)
    client.force_login(fact_checker)
    response = client.post(
        add_url(),
        {
            "article": article.pk,
            "quote": 'He added that the plan is "fully funded".',
            "kind": Kind.PLEDGE,
            "speaker": SpeakerFactory().pk,
            "title": "Fully funded",
        },
    )
    assert response.status_code == 302
    statement = Statement.objects.get()
    assert statement.quote == "He added that\nthe plan   is “fully funded”."
    assert BODY[statement.start : statement.end] == statement.quote


def test_pasted_quote_not_in_the_article_is_refused_and_nothing_is_written(client, fact_checker):
    article = ArticleFactory(body=BODY)
    client.force_login(fact_checker)
    response = client.post(
        add_url(),
        {
            "article": article.pk,
            "quote": "We will hire 300 social workers.",
            "kind": Kind.PLEDGE,
            "speaker": SpeakerFactory().pk,
            "title": "300",
        },
    )
    assert response.status_code == 200
    assert "This quote is not in the article" in response.content.decode()
    assert not Statement.objects.exists()


def test_quote_found_twice_is_refused_until_the_editor_chooses_the_occurrence(client, fact_checker):
    article = ArticleFactory(body=BODY)
    data = {
        "article": article.pk,
        "quote": "It will be done.",
        "kind": Kind.PLEDGE,
        "speaker": SpeakerFactory().pk,
        "title": "Done",
    }
    client.force_login(fact_checker)
    response = client.post(add_url(), data)
    html = response.content.decode()
    assert "occurs 2 times" in html
    assert '<select name="occurrence"' in html
    assert "[It will be done.] It will be done.…" in html  # each occurrence shown in context
    assert not Statement.objects.exists()

    response = client.post(add_url(), {**data, "occurrence": "2"})
    assert response.status_code == 302
    statement = Statement.objects.get()
    assert statement.start == BODY.rindex("It will be done.")


def test_same_passage_tagged_twice_with_the_same_kind_is_refused(client, fact_checker):
    article = ArticleFactory(body=BODY)
    data = {
        "article": article.pk,
        "quote": "We will hire 200 social workers.",
        "kind": Kind.PLEDGE,
        "speaker": SpeakerFactory().pk,
        "title": "Hire",
    }
    client.force_login(fact_checker)
    assert client.post(add_url(), data).status_code == 302
    response = client.post(add_url(), {**data, "title": "Hire again"})
    assert "already tagged as a statement of this kind" in response.content.decode()
    assert Statement.objects.count() == 1
    # The same words may also be tagged as the other kind.
    assert client.post(add_url(), {**data, "kind": Kind.CRITICISM, "title": "Critic"}).status_code == 302


def test_pending_suggestions_are_listed_with_accept_and_dismiss(client, fact_checker):
    article = ArticleFactory(body=BODY)
    Suggestion.objects.create(
        article=article,
        kind=Kind.PLEDGE,
        quote="We will hire 200 social workers.",
        start=16,
        end=48,
        speaker_name="Ed Balls",
        reason="“will” + number",
    )
    Suggestion.objects.create(
        article=article, kind=Kind.PLEDGE, quote="It will be done.", start=1, end=3, status=Suggestion.Status.DISMISSED
    )
    client.force_login(fact_checker)
    html = client.get(article_url(article)).content.decode()
    assert "Suggested by the importer" in html
    assert "We will hire 200 social workers." in html
    assert "“will” + number" in html
    assert html.count(">Dismiss</button>") == 1
    assert "Accept…" in html


def test_accepting_a_suggestion_opens_the_tagging_form_prefilled(client, fact_checker):
    article = ArticleFactory(body=BODY)
    speaker = SpeakerFactory(name="Ed Balls")
    start = BODY.index("We will")
    suggestion = Suggestion.objects.create(
        article=article,
        kind=Kind.CRITICISM,
        quote=BODY[start : start + 32],
        start=start,
        end=start + 32,
        speaker_name="ed balls",
    )
    client.force_login(fact_checker)
    response = client.get(add_url() + f"?suggestion={suggestion.pk}")
    form = response.context["adminform"].form
    assert form.initial["article"] == article.pk
    assert form.initial["kind"] == Kind.CRITICISM
    assert form.initial["speaker"] == speaker.pk
    assert (form.initial["start"], form.initial["end"]) == (start, start + 32)

    response = client.post(
        add_url(),
        {
            "article": article.pk,
            "quote": suggestion.quote,
            "start": start,
            "end": start + 32,
            "kind": Kind.CRITICISM,
            "speaker": speaker.pk,
            "title": "Hire",
            "suggestion": suggestion.pk,
            "return_to_article": "True",
        },
    )
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.ACCEPTED
    assert Statement.objects.get().start == start


def test_dismissing_a_suggestion_keeps_it_on_record_as_dismissed(client, fact_checker):
    article = ArticleFactory(body=BODY)
    suggestion = Suggestion.objects.create(article=article, kind=Kind.PLEDGE, quote="It", start=0, end=2)
    client.force_login(fact_checker)
    response = client.post(reverse("admin:factcheck_suggestion_dismiss", args=[suggestion.pk]), follow=True)
    assert "Suggestion dismissed." in response.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.DISMISSED
