"""Statements: tag a passage of an article (finding the quote's exact offsets), change it, delete a mis-tag.

The rules for changing a statement readers have seen are factcheck.public_record's.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from .concurrency import check_version, locked
from .evidence import index_statement
from .followup import fill_follow_up
from .models import Article, Speaker, Statement, Suggestion, Topic
from .people import speaker_for_name
from .public_record import check_public_change, record_correction
from .publishing import refresh_current_verdict
from .scales import Kind, Rating
from .slugs import unique_slug
from .standings import change_standing
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


def place_quote(
    body: str, *, quote: str = "", start: int | None = None, end: int | None = None, occurrence: int | None = None
) -> tuple[int, int]:
    """Where a statement stands in the body: a mouse selection's offsets, else the pasted quote found.

    A selection wins when there is no quote or the quote is the selected words (spacing and quote
    marks aside); otherwise the quote is located, and must stand once or be told which occurrence.
    Errors are keyed "quote", the field an editor fixes.
    """
    try:
        if start is not None and end is not None:
            if not 0 <= start < end <= len(body):
                raise ValidationError("The selection is not within the article's text. Select the passage again.")
            if not quote.strip() or quote_matches(body[start:end], quote):
                return trim_selection(body, start, end)
        if quote.strip():
            return locate_quote(body, quote, occurrence=occurrence)
        raise ValidationError("Paste the statement's words, or select them in the article.")
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            raise
        raise ValidationError({"quote": error.messages}) from None


def _retire_overlapping_suggestions(statement: Statement, accepted: Suggestion | None) -> None:
    """A tagged passage's suggestions of the same kind are done with: marked accepted, off the desk's list."""
    overlapping = Suggestion.objects.filter(
        article_id=statement.article_id,
        kind=statement.kind,
        status=Suggestion.Status.PENDING,
        start__lt=statement.end,
        end__gt=statement.start,
    )
    if accepted is not None:
        overlapping = overlapping | Suggestion.objects.filter(pk=accepted.pk, status=Suggestion.Status.PENDING)
    overlapping.update(status=Suggestion.Status.ACCEPTED)


def tag_statement(
    *,
    article: Article,
    speaker: Speaker | None,
    kind: str,
    title: str,
    quote: str = "",
    start: int | None = None,
    end: int | None = None,
    occurrence: int | None = None,
    topics: Iterable[Topic] = (),
    suggestion: Suggestion | None = None,
    new_speaker_name: str = "",
    user: AbstractBaseUser | None = None,
    deadline: str = "",
    success_criteria: str = "",
) -> Statement:
    """Create a statement from a mouse selection (exact offsets) or a pasted quote located in the body.

    The speaker is one the desk knows, or a new name (added in the same transaction, unless a
    speaker of that name exists). When it comes from an importer's suggestion, that suggestion and
    any other pending one of the same kind overlapping the passage are marked accepted. A pledge's
    `deadline` (in words) and `success_criteria` are read and checked by factcheck.followup.
    """
    if suggestion is not None and suggestion.article_id != article.pk:
        raise ValidationError("The suggestion belongs to another article.")
    if speaker is None and not new_speaker_name.strip():
        raise ValidationError(
            {"speaker": "Choose who said it, or type a new name and choose “Add”."}, code="speaker_required"
        )
    start, end = place_quote(article.body, quote=quote, start=start, end=end, occurrence=occurrence)
    with transaction.atomic():
        if speaker is None:
            speaker = speaker_for_name(name=new_speaker_name, user=user)
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
        statement._history_user = user
        fill_follow_up(statement=statement, deadline_text=deadline, success_criteria=success_criteria)
        statement.full_clean()
        statement.save()
        statement.topics.set(topics)
        index_statement(statement=statement)  # the evidence finder's index (factcheck.evidence)
        _retire_overlapping_suggestions(statement, suggestion)
    return statement


def title_from_quote(quote: str, *, words: int = 8) -> str:
    """A short working title from a quote, for the desk to change: its first words, capitalised."""
    text = " ".join(quote.strip(" \"'“”‘’").split())
    clause = re.split(r"[.;:!?]\s", text, maxsplit=1)[0].rstrip(".,;:!? ")
    chosen = clause.split()[:words]
    title = " ".join(chosen) + ("…" if len(clause.split()) > words else "")
    return title[:1].upper() + title[1:]


@dataclass(frozen=True)
class SuggestionOutcome:
    """What became of one suggestion in a bulk accept: its statement, or why it was left for the desk."""

    suggestion: Suggestion
    statement: Statement | None = None
    problem: str = ""


def accept_suggestions(*, suggestions: Iterable[Suggestion], user: AbstractBaseUser | None) -> list[SuggestionOutcome]:
    """Tag each pending suggestion as suggested (its kind, speaker and title), each on its own.

    A suggestion with no speaker, or that cannot be tagged as it stands (a passage already tagged
    that way), is left pending with the reason; the others are tagged.
    """
    outcomes = []
    for suggestion in suggestions:
        if suggestion.status != Suggestion.Status.PENDING:
            outcomes.append(SuggestionOutcome(suggestion, problem="it was already accepted or dismissed"))
            continue
        if not suggestion.speaker_name.strip():
            outcomes.append(SuggestionOutcome(suggestion, problem="it names no speaker: accept it on its own"))
            continue
        try:
            statement = tag_statement(
                article=suggestion.article,
                speaker=None,
                new_speaker_name=suggestion.speaker_name,
                kind=suggestion.kind,
                title=suggestion.title or title_from_quote(suggestion.quote),
                start=suggestion.start,
                end=suggestion.end,
                suggestion=suggestion,
                user=user,
            )
        except ValidationError as error:
            outcomes.append(SuggestionOutcome(suggestion, problem=" ".join(error.messages)))
            continue
        outcomes.append(SuggestionOutcome(suggestion, statement=statement))
    return outcomes


# What readers see of a statement, for the rules on changing it once public (factcheck.public_record).
PUBLIC_FIELDS = {"title": "title", "quote": "quote", "kind": "kind", "speaker": "speaker", "topics": "topics"}
# Changes of meaning: readers get a correction note.
MEANING_FIELDS = ("quote", "kind", "speaker")


def update_statement(
    *,
    statement: Statement,
    user: AbstractBaseUser | None,
    title: str,
    speaker: Speaker,
    kind: str,
    topics: Iterable[Topic],
    quote: str = "",
    start: int | None = None,
    end: int | None = None,
    occurrence: int | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> Statement:
    """Save a change to a statement: its title, speaker, topics, kind and passage (re-located in the article).

    Before readers have seen it, the desk may change anything. Afterwards only an editor may, and
    a change of quote, kind or speaker needs a correction note, shown to readers. The kind must
    suit every verdict it already has. A public statement moves between speakers' and topics'
    tallies and kinds' running totals.
    """
    topics = list(topics)
    with transaction.atomic():
        current = locked(statement)
        check_version(current, expected_version)
        old_topic_ids = set(current.topics.values_list("pk", flat=True))
        before = {
            "title": current.title,
            "quote": current.quote,
            "kind": current.kind,
            "speaker": current.speaker,
            "start": current.start,
            "end": current.end,
        }
        if start is None and end is None and (not quote.strip() or quote_matches(current.quote, quote)):
            new_start, new_end = current.start, current.end
        else:
            new_start, new_end = place_quote(
                current.article.body, quote=quote, start=start, end=end, occurrence=occurrence
            )
        current.title, current.speaker, current.kind = title, speaker, kind
        current.start, current.end, current.quote = new_start, new_end, current.article.body[new_start:new_end]
        changed = [name for name in ("title", "kind", "speaker") if getattr(current, name) != before[name]]
        if (current.start, current.end) != (before["start"], before["end"]):
            changed.append("quote")
        if {topic.pk for topic in topics} != old_topic_ids:
            changed.append("topics")
        if not changed:
            if note.strip():
                raise ValidationError(
                    {"correction_note": "Nothing was changed, so there is nothing to correct."}, code="nothing_changed"
                )
            return current
        seen = current.has_been_public()
        if seen:
            check_public_change(
                user=user,
                thing="statement",
                changed=changed,
                labels=PUBLIC_FIELDS,
                needs_note=MEANING_FIELDS,
                note=note,
            )
        if "kind" in changed:
            _check_kind_suits_verdicts(current)
        current.version += 1
        current._history_user = user
        current.full_clean()
        current.save()
        current.topics.set(topics)
        index_statement(statement=current)  # the evidence finder's index (factcheck.evidence)
        if seen and note.strip():
            record_correction(
                editor=user,
                note=note,
                changes=_described_changes(before, current, changed),
                statement=current,
            )
        if current.current_verdict_id is not None:
            add_to_counts(speaker_id=before["speaker"].pk, topic_ids=old_topic_ids, delta=-1)
            add_to_counts(speaker_id=current.speaker_id, topic_ids=[topic.pk for topic in topics], delta=1)
            if "kind" in changed:
                change_standing(before["kind"], current.standing, [])
                change_standing(current.kind, [], current.standing)
        if seen:
            refresh_current_verdict(current)
    return current


def _check_kind_suits_verdicts(statement: Statement) -> None:
    if statement.kind != Kind.PLEDGE and (statement.due_precision or statement.success_criteria):
        raise ValidationError(
            {
                "kind": "It has a deadline or success criteria, which only pledges have: clear them on its "
                "deadline page first."
            },
            code="kind_has_follow_up",
        )
    ratings = set(statement.verdicts.values_list("rating", flat=True))
    misfits = [Rating(rating).label for rating in sorted(ratings) if rating not in statement.scale]
    if misfits:
        allowed = ", ".join(label for _, label in statement.scale.choices)
        raise ValidationError(
            {
                "kind": f"Its verdicts are rated {', '.join(misfits)}, which is not a rating for a "
                f"{statement.get_kind_display().lower()} ({allowed}). Change or delete those verdicts first, "
                "or tag the passage again as a new statement."
            },
            code="kind_misfits_verdicts",
        )


def _described_changes(before: dict, statement: Statement, changed: list[str]) -> dict[str, list[str]]:
    """The correction's record of what changed, [before, after]: speakers by name, kinds and quotes as stored."""
    described = {}
    for name in changed:
        if name == "speaker":
            described[name] = [before["speaker"].name, statement.speaker.name]
        elif name != "topics":
            described[name] = [before[name], getattr(statement, name)]
    return described


def deletion_refusal(statement: Statement) -> str:
    """Why a statement may not be deleted, or "" if it may (a mis-tag readers never saw)."""
    if statement.has_been_public():
        return (
            f"Readers have seen “{statement}”, so it cannot be deleted. An editor can unpublish its verdicts "
            "with a public note; the statement stays on the record."
        )
    return ""


def delete_statement(*, statement: Statement, user: AbstractBaseUser | None) -> None:
    """Delete a statement tagged by mistake, with its draft verdicts: only while readers have never seen it.

    Once a verdict on it has been published the statement is on the public record for good: an
    editor can unpublish its verdicts with a public note, and it stays.
    """
    with transaction.atomic():
        current = locked(statement)
        if refusal := deletion_refusal(current):
            raise ValidationError(refusal, code="public")
        for verdict in current.verdicts.all():
            verdict._history_user = user
            verdict.delete()
        current._history_user = user
        current.delete()


def dismiss_suggestions(*, suggestions: Iterable[Suggestion]) -> int:
    """Mark importer's suggestions as not worth tagging (they stay on record); how many were still pending."""
    pks = [suggestion.pk for suggestion in suggestions]
    return Suggestion.objects.filter(pk__in=pks, status=Suggestion.Status.PENDING).update(
        status=Suggestion.Status.DISMISSED
    )
