import pytest
from django.core.exceptions import ValidationError

from factcheck.scales import Kind
from factcheck.tagging import locate_quote, tag_statement
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
