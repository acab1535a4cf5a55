"""The quote in its context, on the statement page and the staff preview: no space added or lost around it."""

import html
import re

import pytest
from django.urls import reverse

from factcheck.rendering import quote_in_context
from factcheck.suggesting.sentences import BULLET
from tests.factories import ArticleFactory, PublishedVerdictFactory, StatementFactory

pytestmark = pytest.mark.django_db

# (body, quote): each quote stands once in its body; the cases are the ways text meets a quote.
CASES = {
    "followed by a full stop": (
        "The force said it had seen a rise in phone calls to police. Officers were stretched.",
        "phone calls to police",
    ),
    "followed by a comma and more words": (
        "Mr Smith promised 500 new homes, the council said on Monday.",
        "promised 500 new homes",
    ),
    "inside straight quote marks": (
        'Critics said the visits were "little more than a taxpayer-funded PR exercise" ahead of the election.',
        "little more than a taxpayer-funded PR exercise",
    ),
    "inside curly quote marks, then a comma": (
        "She called the plan “a disgrace”, and walked out.",
        "a disgrace",
    ),
    "followed by a closing quote mark": (
        "He said: “We will cut waiting lists by half.” The opposition laughed.",
        "We will cut waiting lists by half.",
    ),
    "at the start of a paragraph": (
        "A first paragraph.\n\nWe will build ten schools by 2012, the minister said. Nobody believed her.",
        "We will build ten schools by 2012",
    ),
    "at the end of a paragraph": (
        "The mayor spoke first. Then came the promise to freeze fares until 2030.\n\nA second paragraph.",
        "freeze fares until 2030.",
    ),
    "a whole paragraph": (
        "Before.\n\nTaxes will not rise.\n\nAfter.",
        "Taxes will not rise.",
    ),
    "a list item, its marker left out": (
        "Under the proposals:\n\n* A new degree will start in early 2011.\n\n* Fees will fall.",
        "A new degree will start in early 2011.",
    ),
    "a numbered list item": (
        "The plan has two parts.\n\n1. Fees will fall by 2012.\n\n2. Ten schools will open.",
        "Fees will fall by 2012.",
    ),
    "after a minus sign, which is no list marker": (
        "The forecast was gloomy.\n\n-5% is the growth the Treasury expects this year.",
        "5% is the growth the Treasury expects this year.",
    ),
    "between a dash and an apostrophe": (
        "It was, he said—a promise—that the party's plans would stand.",
        "a promise",
    ),
}


def statement_for(body: str, quote: str, **kwargs):
    article = ArticleFactory(body=body, original_text=body)
    start = body.index(quote)
    return StatementFactory(article=article, start=start, end=start + len(quote), quote=quote, **kwargs)


def context_paragraph(page: str) -> str:
    """The paragraph of the quote-in-context figure, as HTML."""
    match = re.search(r'<figure class="quote-context">\s*<blockquote[^>]*>\s*<p>(.*?)</p>', page, re.DOTALL)
    assert match, "no quote in context on the page"
    return match.group(1)


def shown_around_the_quote(paragraph: str) -> tuple[str, str, str]:
    """(text before, quote, text after) as a reader sees them: tags removed, entities decoded."""
    before, quote, after = re.fullmatch(r'(.*)<mark class="quote">(.*)</mark>(.*)', paragraph, re.DOTALL).groups()
    return html.unescape(before), html.unescape(quote), html.unescape(after)


def assert_article_text_stands_around_the_quote(body: str, quote: str, shown: tuple[str, str, str]) -> None:
    """What is shown next to the quote is exactly what stands next to it in its paragraph."""
    before, shown_quote, after = shown
    start = body.index(quote)
    end = start + len(quote)
    paragraph_start = body.rfind("\n\n", 0, start) + 1
    paragraph_end = body.find("\n\n", end) % (len(body) + 1)
    assert shown_quote == quote
    before_text = before.removeprefix("… ").removeprefix("…")
    after_text = after.removesuffix(" …").removesuffix("…")
    # A suffix of the text before the quote, and a prefix of the text after it: nothing added ...
    assert body[:start].endswith(before_text), (before_text, body[:start])
    assert body[end:].startswith(after_text), (after_text, body[end:])
    # ... and nothing lost: if the paragraph has text on a side, that side shows the character next to the quote.
    assert bool(before_text) == bool(BULLET.sub("", body[paragraph_start:start]).strip())
    assert bool(after_text) == bool(body[end:paragraph_end].strip())


@pytest.mark.parametrize("case", CASES)
def test_the_service_keeps_the_articles_own_characters_either_side_of_the_quote(case):
    body, quote = CASES[case]
    start = body.index(quote)
    excerpt = quote_in_context(body, start, start + len(quote))
    assert_article_text_stands_around_the_quote(body, quote, (excerpt.before, excerpt.quote, excerpt.after))


@pytest.mark.parametrize("case", CASES)
def test_the_public_statement_page_adds_no_space_around_the_quote(client, case):
    body, quote = CASES[case]
    statement = statement_for(body, quote)
    PublishedVerdictFactory(statement=statement)
    paragraph = context_paragraph(client.get(statement.get_absolute_url()).text)
    assert_article_text_stands_around_the_quote(body, quote, shown_around_the_quote(paragraph))


@pytest.mark.parametrize("case", CASES)
def test_the_staff_preview_adds_no_space_around_the_quote(client, editor, case):
    body, quote = CASES[case]
    statement = statement_for(body, quote)
    client.force_login(editor)
    paragraph = context_paragraph(client.get(reverse("factcheck:statement_preview", args=[statement.pk])).text)
    assert_article_text_stands_around_the_quote(body, quote, shown_around_the_quote(paragraph))


def test_the_reported_cases_read_as_in_the_article(client):
    police = statement_for(*CASES["followed by a full stop"])
    PublishedVerdictFactory(statement=police)
    paragraph = context_paragraph(client.get(police.get_absolute_url()).text)
    assert paragraph == (
        'The force said it had seen a rise in <mark class="quote">phone calls to police</mark>.'
        " Officers were stretched."
    )
    exercise = statement_for(*CASES["inside straight quote marks"])
    PublishedVerdictFactory(statement=exercise)
    paragraph = context_paragraph(client.get(exercise.get_absolute_url()).text)
    assert 'were "<mark class="quote">little more than a taxpayer-funded PR exercise</mark>" ahead' in (
        html.unescape(paragraph)
    )


def test_a_left_out_part_of_the_paragraph_is_marked_with_an_ellipsis_and_no_half_word():
    body = "First sentence here. Second sentence here. The promise is made. Third sentence. Fourth one. Fifth."
    quote = "The promise is made."
    start = body.index(quote)
    excerpt = quote_in_context(body, start, start + len(quote))
    assert excerpt.before == "… Second sentence here. "
    assert excerpt.after == " Third sentence. …"

    long_body = "word " * 200 + "The pledge stands." + " more" * 200
    start = long_body.index("The pledge")
    excerpt = quote_in_context(long_body, start, start + len("The pledge stands."))
    assert excerpt.before.startswith("… word ") and excerpt.before.endswith("word ")
    assert excerpt.after.startswith(" more") and excerpt.after.endswith("more …")
    assert len(excerpt.before) < 410 and len(excerpt.after) < 410


def test_a_quote_alone_in_its_paragraph_has_no_ellipsis():
    body, quote = CASES["a whole paragraph"]
    start = body.index(quote)
    excerpt = quote_in_context(body, start, start + len(quote))
    assert (excerpt.before, excerpt.after) == ("", "")


def test_the_context_and_the_quote_are_escaped(client):
    body = "<b>Bold</b> claim: we will <i>act</i> now. <script>x</script>"
    statement = statement_for(body, "we will <i>act</i> now.")
    PublishedVerdictFactory(statement=statement)
    paragraph = context_paragraph(client.get(statement.get_absolute_url()).text)
    assert paragraph == (
        "&lt;b&gt;Bold&lt;/b&gt; claim: "
        '<mark class="quote">we will &lt;i&gt;act&lt;/i&gt; now.</mark> &lt;script&gt;x&lt;/script&gt;'
    )


def test_an_item_of_a_list_on_consecutive_lines_is_shown_without_the_other_items():
    body = (
        "Other plans include:\n\n"
        "- Parenting plans to give advice on access \n"
        " - Extending in-court conciliation before contested cases \n"
        " - Legal aid changes to give incentives."
    )
    middle = quote_in_context(body, *_span(body, "Extending in-court conciliation before contested cases"))
    assert (middle.before, middle.after) == ("… ", " …")
    first = quote_in_context(body, *_span(body, "Parenting plans to give advice on access"))
    assert (first.before, first.after) == ("", " …")


def _span(body, quote):
    start = body.index(quote)
    return start, start + len(quote)
