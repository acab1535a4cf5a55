"""Tag a passage of an article as a statement, finding the quote's exact offsets."""

import re
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Article, Speaker, Statement, Topic
from .slugs import unique_slug

# Typographic variants a pasted quote may differ by.
_EQUIVALENT = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})


def _folded(text: str) -> tuple[str, list[int]]:
    """Fold quotes and runs of white space; return the folded text and each folded char's original index."""
    chars: list[str] = []
    positions: list[int] = []
    for index, char in enumerate(text.translate(_EQUIVALENT)):
        if char.isspace():
            if chars and chars[-1] == " ":
                continue
            char = " "
        chars.append(char)
        positions.append(index)
    return "".join(chars), positions


def find_quote(body: str, quote: str) -> list[tuple[int, int]]:
    """Every (start, end) where `quote` stands in `body`, tolerating white space and quote styles."""
    needle, _ = _folded(quote.strip())
    if not needle:
        return []
    haystack, positions = _folded(body)
    spans = []
    for match in re.finditer(re.escape(needle), haystack):
        start = positions[match.start()]
        end = positions[match.end() - 1] + 1
        spans.append((start, end))
    return spans


def locate_quote(body: str, quote: str, *, occurrence: int | None = None) -> tuple[int, int]:
    """The single place a quote stands in the body; ValidationError if none, or several and no choice."""
    spans = find_quote(body, quote)
    if not spans:
        raise ValidationError({"quote": "This quote is not in the article. Copy it exactly from the article's text."})
    if occurrence is not None:
        if not 1 <= occurrence <= len(spans):
            raise ValidationError(
                {"quote": f"The quote occurs {len(spans)} time(s); there is no occurrence {occurrence}."}
            )
        return spans[occurrence - 1]
    if len(spans) > 1:
        raise ValidationError(
            {"quote": f"This quote occurs {len(spans)} times in the article. Choose which one you mean."}
        )
    return spans[0]


def tag_statement(
    *,
    article: Article,
    speaker: Speaker,
    kind: str,
    title: str,
    quote: str = "",
    start: int | None = None,
    end: int | None = None,
    occurrence: int | None = None,
    topics: Iterable[Topic] = (),
) -> Statement:
    """Create a statement from a quote (located in the body) or from exact offsets (a selection)."""
    if start is None or end is None:
        start, end = locate_quote(article.body, quote, occurrence=occurrence)
    statement = Statement(
        article=article,
        speaker=speaker,
        kind=kind,
        title=title,
        quote=article.body[start:end],
        start=start,
        end=end,
        slug=unique_slug(Statement, title),
    )
    with transaction.atomic():
        statement.full_clean()
        statement.save()
        statement.topics.set(topics)
    return statement
