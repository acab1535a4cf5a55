"""Tag a passage of an article as a statement, finding the quote's exact offsets."""

import re
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from .evidence import index_statement
from .followup import FollowUp, fill_follow_up
from .models import Article, Speaker, Statement, Suggestion, Topic
from .slugs import unique_slug
from .tallies import add_to_counts

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


def quote_matches(text: str, quote: str) -> bool:
    """Whether a pasted quote is the same words as `text`, tolerating white space and quote styles."""
    return _folded(text.strip())[0] == _folded(quote.strip())[0]


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


def occurrences_in_context(body: str, quote: str, *, width: int = 40) -> list[tuple[int, str]]:
    """Each place a quote stands, numbered from 1, with a little text either side to tell them apart."""
    numbered = []
    for number, (start, end) in enumerate(find_quote(body, quote), start=1):
        before = " ".join(body[max(0, start - width) : start].split())
        after = " ".join(body[end : end + width].split())
        passage = f"[{' '.join(body[start:end].split())}]"
        numbered.append((number, "…" + " ".join(part for part in (before, passage, after) if part) + "…"))
    return numbered


def trim_selection(body: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of a mouse selection without the white space a selection often catches at either end."""
    if not 0 <= start < end <= len(body):
        raise ValidationError("The selection is not within the article's text. Select the passage again.")
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if start == end:
        raise ValidationError("The selection is only white space. Select the words of the statement.")
    return start, end


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
    suggestion: Suggestion | None = None,
    follow_up: FollowUp | None = None,
) -> Statement:
    """Create a statement from a quote (located in the body) or from exact offsets (a selection).

    When it comes from an importer's suggestion, the suggestion is marked accepted in the same transaction.
    `follow_up` is a pledge's deadline and success criteria as the editor confirmed them (issue 17).
    """
    if start is None or end is None:
        start, end = locate_quote(article.body, quote, occurrence=occurrence)
    else:
        start, end = trim_selection(article.body, start, end)
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
    if follow_up is not None:  # issue 17: factcheck.followup checks and sets the deadline and criteria
        fill_follow_up(statement=statement, follow_up=follow_up)
    with transaction.atomic():
        statement.full_clean()
        statement.save()
        statement.topics.set(topics)
        index_statement(statement=statement)  # issue 17: the evidence finder's index (factcheck.evidence)
        if suggestion is not None:
            if suggestion.article_id != article.pk:
                raise ValidationError("The suggestion belongs to another article.")
            suggestion.status = Suggestion.Status.ACCEPTED
            suggestion.save(update_fields=["status"])
    return statement


def update_statement(*, statement: Statement, topics: Iterable[Topic]) -> Statement:
    """Save an editor's change to a statement's speaker, title or topics (its passage and kind are fixed).

    A public statement moves from its old speaker's and topics' tallies to the new ones.
    """
    topics = list(topics)
    with transaction.atomic():
        old_speaker_id, current_verdict_id = (
            Statement.objects.select_for_update().values_list("speaker_id", "current_verdict_id").get(pk=statement.pk)
        )
        old_topic_ids = list(
            Statement.topics.through.objects.filter(statement=statement).values_list("topic_id", flat=True)
        )
        statement.full_clean()
        statement.save()
        statement.topics.set(topics)
        index_statement(statement=statement)  # issue 17: the title is indexed for the evidence finder
        if current_verdict_id is not None:
            add_to_counts(speaker_id=old_speaker_id, topic_ids=old_topic_ids, delta=-1)
            add_to_counts(speaker_id=statement.speaker_id, topic_ids=[topic.pk for topic in topics], delta=1)
    return statement


def dismiss_suggestion(*, suggestion: Suggestion) -> Suggestion:
    """Mark an importer's suggestion as not worth tagging; it stays on record."""
    suggestion.status = Suggestion.Status.DISMISSED
    suggestion.save(update_fields=["status"])
    return suggestion
