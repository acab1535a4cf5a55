import pytest
from django.core.exceptions import ValidationError

from factcheck.models import Statement, Suggestion
from factcheck.scales import Kind
from factcheck.tagging import locate_quote, occurrences_in_context, tag_statement
from tests.factories import ArticleFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

BODY = "Mr Balls said: “We will hire 200 social workers.”\n\nHe added that\nthe plan   is “fully funded”."


def test_exact_quote_is_found_at_its_offsets():
    start, end = locate_quote(BODY, "We will hire 200 social workers.")
    assert BODY[start:end] == "We will hire 200 social workers."


def test_quote_with_straight_quotes_and_other_spacing_is_found():
    start, end = locate_quote(BODY, 'He added that the plan is "fully funded".')
    assert BODY[start:end] == "He added that\nthe plan   is “fully funded”."


def test_quote_not_in_article_is_refused():
    with pytest.raises(ValidationError, match="not in the article"):
        locate_quote(BODY, "We will hire 300 social workers.")


def test_ambiguous_quote_is_refused_unless_occurrence_chosen():
    body = "It will be done. It will be done."
    with pytest.raises(ValidationError, match="occurs 2 times"):
        locate_quote(body, "It will be done.")
    assert locate_quote(body, "It will be done.", occurrence=2) == (17, 33)


def test_tagging_stores_the_article_text_not_the_pasted_variant():
    article = ArticleFactory(body=BODY)
    statement = tag_statement(
        article=article,
        speaker=SpeakerFactory(),
        kind=Kind.PLEDGE,
        title="Fully funded",
        quote='the plan is "fully funded"',
    )
    assert statement.quote == "the plan   is “fully funded”"
    assert article.body[statement.start : statement.end] == statement.quote


def test_selection_offsets_are_trimmed_of_white_space_and_kept_exact():
    article = ArticleFactory(body=BODY)
    start = BODY.index("He added")
    statement = tag_statement(
        article=article, speaker=SpeakerFactory(), kind=Kind.PLEDGE, title="Added", start=start - 2, end=start + 8
    )
    assert (statement.start, statement.end, statement.quote) == (start, start + 8, "He added")


@pytest.mark.parametrize(("start", "end"), [(5, 5), (10, 5), (0, 10_000), (BODY.index("\n\n"), BODY.index("\n\n") + 2)])
def test_empty_reversed_out_of_range_or_blank_selections_are_refused(start, end):
    article = ArticleFactory(body=BODY)
    with pytest.raises(ValidationError):
        tag_statement(article=article, speaker=SpeakerFactory(), kind=Kind.PLEDGE, title="X", start=start, end=end)
    assert not Statement.objects.exists()


def test_tagging_from_a_suggestion_marks_it_accepted():
    article = ArticleFactory(body=BODY)
    suggestion = Suggestion.objects.create(article=article, kind=Kind.PLEDGE, quote="Mr Balls", start=0, end=8)
    tag_statement(
        article=article, speaker=SpeakerFactory(), kind=Kind.PLEDGE, title="S", start=0, end=8, suggestion=suggestion
    )
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.ACCEPTED


def test_occurrences_are_numbered_with_context():
    assert occurrences_in_context("Yes. It will be done. No. It will be done.", "It will be done.", width=5) == [
        (1, "…Yes. [It will be done.] No.…"),
        (2, "…No. [It will be done.]…"),
    ]
