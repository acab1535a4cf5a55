"""The verdict workflow: write a draft with its sources, edit it, then publish it.

Only `publish_verdict` turns a draft public, so the rules that guard readers (sources required,
a second pair of eyes on everything readers will see, the publish permission) live here once,
as do the rules for what a verdict may say (plain text) and for correcting a published one.
Every service here that changes what is published ends with `refresh_current_verdict`, in the
same transaction, so the statement's copy of its current verdict is never stale. Each write
names its user for the history, which is where "who wrote what" is read from.
"""

import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from .concurrency import check_version, locked, person
from .models import Article, Correction, Source, Statement, Verdict
from .public_record import EDITOR_PERMISSION, check_public_change, record_correction
from .scales import Rating
from .standings import change_standing, standing_of
from .tallies import add_to_counts

logger = logging.getLogger(__name__)


def copied_values(published: Iterable[tuple[int, str, date, datetime]], last_corrected: datetime | None) -> dict:
    """What a statement keeps of its published verdicts: the current one, its rating, the public dates, the standing.

    `published` are the statement's published verdicts as (id, rating, checked_on, published_at),
    in any order; `last_corrected` is its latest public correction. The current verdict is the
    latest by checked_on, then published_at, then id; the last update is the latest publication
    or correction. Shared by `refresh_current_verdict` and the drift check (factcheck.derived).
    """
    oldest_first = sorted(published, key=lambda row: (row[2], row[3], row[0]))
    if not oldest_first:
        return {
            "current_verdict_id": None,
            "current_rating": "",
            "first_published_at": None,
            "last_update_at": None,
            "standing": [],
        }
    current = oldest_first[-1]
    last_published = max(row[3] for row in oldest_first)
    return {
        "current_verdict_id": current[0],
        "current_rating": current[1],
        "first_published_at": min(row[3] for row in oldest_first),
        "last_update_at": max(last_published, last_corrected) if last_corrected else last_published,
        "standing": standing_of((checked_on, rating) for _, rating, checked_on, _ in oldest_first),
    }


def statement_corrections(statement_ids: Iterable[int]) -> Q:
    """Corrections that count as updates to these statements: to their verdicts, themselves or their articles."""
    ids = list(statement_ids)
    return Q(verdict__statement__in=ids) | Q(statement__in=ids) | Q(article__statements__in=ids)


def refresh_current_verdict(statement: Statement | int) -> None:
    """Copy a statement's current verdict, its rating and the public dates onto the statement.

    The only code that writes Statement.current_verdict, current_rating, first_published_at,
    last_update_at and standing, and the StandingChange totals (see factcheck.standings); it
    also counts the statement in or out of its speaker's and topics' tallies (factcheck.tallies).
    What is copied is computed by `copied_values`. The statement row is locked first, so two
    editors publishing on one statement at once each recompute after the other's commit and
    neither leaves it stale. A queryset update: no history record, no version bump, `updated_at`
    untouched (nothing an editor wrote changed). Call it inside the transaction that changed
    what is published.
    """
    pk = getattr(statement, "pk", statement)
    with transaction.atomic():
        kind, before, was_public, speaker_id = (
            Statement.objects.select_for_update()
            .values_list("kind", "standing", "current_verdict_id", "speaker_id")
            .get(pk=pk)
        )
        published = list(
            Verdict.objects.published()
            .filter(statement_id=pk)
            .values_list("pk", "rating", "checked_on", "published_at")
        )
        last_corrected = (
            Correction.objects.filter(
                Q(verdict__status=Verdict.Status.PUBLISHED) | Q(verdict__isnull=True),
                statement_corrections([pk]),
            ).aggregate(last=Max("created_at"))["last"]
            if published
            else None
        )
        values = copied_values(published, last_corrected)
        change_standing(kind, before, values["standing"])
        Statement.objects.filter(pk=pk).update(**values)
        if (was_public is None) != (values["current_verdict_id"] is None):
            topic_ids = Statement.topics.through.objects.filter(statement_id=pk).values_list("topic_id", flat=True)
            add_to_counts(speaker_id=speaker_id, topic_ids=topic_ids, delta=1 if published else -1)
    if isinstance(statement, Statement):
        for name, value in values.items():
            setattr(statement, name, value)


class PublishingError(ValidationError):
    """A verdict cannot be published, corrected or withdrawn; the message says why, for an editor."""


@dataclass(frozen=True)
class SourceData:
    """A source as an editor gives it: a title and either a web address or an imported article."""

    title: str
    url: str = ""
    article: Article | None = None
    quote: str = ""
    accessed_on: date | None = None

    @classmethod
    def of(cls, source: Source) -> "SourceData":
        return cls(source.title, source.url, source.article, source.quote, source.accessed_on)


# What readers see of a verdict: what its writers are answerable for, and a correction may change.
CONTENT_FIELDS = ("rating", "headline", "explanation", "checked_on")
CORRECTABLE_FIELDS = CONTENT_FIELDS
FIELD_LABELS = {
    "rating": "rating",
    "headline": "headline",
    "explanation": "explanation",
    "checked_on": "checked-on date",
    "sources": "sources",
    "statement title": "statement's title",
    "quote": "quote",
    "kind": "kind",
    "speaker": "speaker",
    "success criteria": "success criteria",
    "deadline": "deadline",
}
_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>")


def check_plain_text(explanation: str) -> None:
    """Explanations are plain text: readers would see tags as typed (the page escapes everything)."""
    if _HTML_TAG.search(explanation):
        raise ValidationError(
            {
                "explanation": "Write plain text, not HTML: readers would see the tags as typed. "
                "Separate paragraphs with a blank line; web addresses become links by themselves."
            },
            code="html",
        )


def _validated(verdict: Verdict) -> None:
    check_plain_text(verdict.explanation)
    verdict.full_clean()


def _write_sources(verdict: Verdict, sources: Sequence[SourceData], user: AbstractBaseUser | None) -> None:
    for order, data in enumerate(sources, start=1):
        source = Source(
            verdict=verdict,
            order=order,
            title=data.title,
            url=data.url,
            article=data.article,
            quote=data.quote,
            accessed_on=data.accessed_on,
        )
        source._history_user = user
        try:
            source.full_clean(exclude=["verdict"])
        except ValidationError as error:
            raise ValidationError(
                {"sources": [f"Source {order} (“{data.title or 'untitled'}”): {message}" for message in error.messages]}
            ) from error
        source.save()


def draft_verdict(
    *,
    statement: Statement,
    rating: str,
    headline: str,
    explanation: str,
    checked_on: date,
    sources: Sequence[SourceData] = (),
    author: AbstractBaseUser | None = None,
) -> Verdict:
    """Save a new draft verdict and its ordered sources, all or nothing."""
    verdict = Verdict(
        statement=statement,
        rating=rating,
        headline=headline,
        explanation=explanation,
        checked_on=checked_on,
        author=author,
    )
    verdict._history_user = author
    with transaction.atomic():
        _validated(verdict)
        verdict.save()
        _write_sources(verdict, sources, author)
    return verdict


def update_draft(
    *,
    verdict: Verdict,
    editor: AbstractBaseUser | None,
    rating: str,
    headline: str,
    explanation: str,
    checked_on: date,
    sources: Sequence[SourceData] | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> Verdict:
    """Save changes to a draft and, if given, its sources (the whole ordered list). Nothing unchanged is written.

    Whoever changes what readers will see becomes one of the draft's writers, so they cannot
    then be the second editor who publishes it (`writers_of`). A verdict readers saw before it was
    withdrawn is on the record: only an editor may change it, with a correction note readers see
    once it is published again (factcheck.public_record).
    """
    with transaction.atomic():
        current = locked(verdict)
        if current.is_published:
            raise PublishingError("This verdict is published: change it with a correction instead.")
        check_version(current, expected_version)
        before = {name: getattr(current, name) for name in CONTENT_FIELDS}
        current.rating, current.headline, current.explanation, current.checked_on = (
            rating,
            headline,
            explanation,
            checked_on,
        )
        _validated(current)
        changed = [name for name in CONTENT_FIELDS if getattr(current, name) != before[name]]
        sources_changed = sources is not None and list(sources) != [SourceData.of(s) for s in current.sources.all()]
        if not changed and not sources_changed:
            return current
        withdrawn = current.published_at is not None
        if withdrawn:
            written = [*changed, *(["sources"] if sources_changed else [])]
            check_public_change(
                user=editor, thing="verdict", changed=written, labels=FIELD_LABELS, needs_note=written, note=note
            )
        current.version += 1
        current._history_user = editor
        current.save()
        if sources_changed:
            for source in current.sources.all():
                source._history_user = editor
                source.delete()
            _write_sources(current, sources, editor)
        if withdrawn:
            diff = {name: [str(before[name]), str(getattr(current, name))] for name in changed}
            if sources_changed:
                diff["sources"] = ["", "changed"]
            record_correction(editor=editor, note=note, changes=diff, verdict=current)
    return current


@dataclass
class Contribution:
    """What one person wrote or changed of a verdict's content, from the history."""

    user_id: int | None
    name: str
    fields: list[str] = field(default_factory=list)
    last_at: datetime | None = None

    @property
    def described(self) -> str:
        """“rating, headline and sources”."""
        labels = [FIELD_LABELS[name] for name in FIELD_LABELS if name in self.fields]
        return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} and {labels[-1]}"


# What readers first see of a statement with its first published verdict: its writers count too.
STATEMENT_CONTENT = {
    "statement title": ("title",),
    "quote": ("quote",),
    "kind": ("kind",),
    "speaker": ("speaker_id",),
    "success criteria": ("success_criteria",),
    "deadline": ("due_precision", "due_year", "due_month", "due_day", "due_period", "due_every", "due_phrase"),
}


def writers_of(verdicts: Iterable[Verdict]) -> dict[int, list[Contribution]]:
    """Who wrote what readers will see with each verdict, by verdict id.

    Read from the history: a verdict's creation counts as writing every field, a later save as
    writing the fields it changed (publishing or withdrawing it changes none), and any save or
    deletion of one of its sources as writing the sources. The author always counts (rows made
    without history, such as generated ones). While the verdict's statement has never been public,
    whoever tagged or changed what the first publication makes public of the statement (its title,
    quote, kind, speaker, deadline and success criteria) counts as a writer of it too. At most five
    queries whatever the number of verdicts.
    """
    verdicts = list(verdicts)
    found: dict[int, dict[int | None, Contribution]] = {verdict.pk: {} for verdict in verdicts}
    users: dict[int, AbstractBaseUser] = {}

    def note(verdict_id: int, user, fields: Iterable[str], at: datetime | None) -> None:
        fields = list(fields)
        if user is None or not fields:
            return
        users[user.pk] = user
        entry = found[verdict_id].setdefault(user.pk, Contribution(user.pk, person(user)))
        entry.fields.extend(name for name in fields if name not in entry.fields)
        if at is not None and (entry.last_at is None or at > entry.last_at):
            entry.last_at = at

    for record, changed in _changes(Verdict.history.filter(id__in=found), {name: (name,) for name in CONTENT_FIELDS}):
        note(record.id, record.history_user, changed, record.history_date)
    for record in Source.history.filter(verdict_id__in=found).select_related("history_user").order_by("history_date"):
        note(record.verdict_id, record.history_user, ["sources"], record.history_date)
    unseen = set(
        Statement.objects.filter(pk__in={verdict.statement_id for verdict in verdicts})
        .exclude(pk__in=Statement.objects.ever_public().values("pk"))
        .values_list("pk", flat=True)
    )
    verdicts_of: dict[int, list[int]] = defaultdict(list)
    for verdict in verdicts:
        if verdict.statement_id in unseen:
            verdicts_of[verdict.statement_id].append(verdict.pk)
    for record, changed in _changes(Statement.history.filter(id__in=unseen), STATEMENT_CONTENT):
        for verdict_id in verdicts_of[record.id]:
            note(verdict_id, record.history_user, changed, record.history_date)
    authors = get_user_model().objects.in_bulk(
        {verdict.author_id for verdict in verdicts if verdict.author_id and verdict.author_id not in users}
    )
    for verdict in verdicts:
        if verdict.author_id and verdict.author_id not in found[verdict.pk]:
            author = users.get(verdict.author_id) or authors.get(verdict.author_id)
            note(verdict.pk, author, (*CONTENT_FIELDS, "sources"), None)
    return {pk: list(by_user.values()) for pk, by_user in found.items()}


def _changes(records, fields: dict[str, tuple[str, ...]]):
    """(history record, the named fields it wrote) for each record but deletions: all of them when the
    row was created, else those whose columns differ from the row's previous record."""
    previous = None
    for record in records.select_related("history_user").order_by("id", "history_date", "history_id"):
        if record.history_type == "+" or previous is None or previous.id != record.id:
            changed = list(fields)
        else:
            changed = [
                name
                for name, columns in fields.items()
                if any(getattr(record, column) != getattr(previous, column) for column in columns)
            ]
        if record.history_type != "-":
            yield record, changed
        previous = record


def publish_blockers(
    *,
    verdict: Verdict,
    publisher: AbstractBaseUser | None,
    writers: list[Contribution] | None = None,
    has_sources: bool | None = None,
    validate: bool = True,
) -> list[str]:
    """Everything that stands between this draft and publication by this publisher, in words.

    The one statement of the publication rules: `check_can_publish` refuses on the first of them,
    and the desk shows them all before anyone clicks. A list of drafts passes what it read in bulk
    (`writers` from `writers_of`, `has_sources`) and may leave out the field-by-field validation.
    """
    if verdict.is_published:
        return ["This verdict is already published."]
    blockers = []
    if publisher is not None:
        if not publisher.has_perm(EDITOR_PERMISSION):
            return ["Only editors can publish verdicts."]
        if not settings.PLEDGEBOOK_ALLOW_SELF_PUBLISH:
            if writers is None:
                writers = writers_of([verdict])[verdict.pk]
            own = next((entry for entry in writers if entry.user_id == publisher.pk), None)
            if own is not None:
                blockers.append(f"You wrote or changed its {own.described}: another editor must check and publish it.")
    if has_sources is None:
        has_sources = verdict.sources.exists()
    if verdict.rating != Rating.NOT_YET_RATED and not has_sources:
        blockers.append(
            f"It needs at least one source: a verdict rated {verdict.get_rating_display()} must show readers "
            "what we checked. Only “Not yet rated” may be published without one."
        )
    if validate:
        try:
            _validated(verdict)
        except ValidationError as error:
            blockers.extend(error.messages)
    return blockers


def check_can_publish(*, verdict: Verdict, publisher: AbstractBaseUser | None) -> None:
    """Raise PermissionDenied or PublishingError if this publisher may not publish this verdict now."""
    if publisher is not None and not publisher.has_perm(EDITOR_PERMISSION) and not verdict.is_published:
        raise PermissionDenied("Only editors can publish verdicts.")
    blockers = publish_blockers(verdict=verdict, publisher=publisher)
    if blockers:
        raise PublishingError(" ".join(blockers))


def publish_verdict(
    *, verdict: Verdict, publisher: AbstractBaseUser | None, expected_version: int | None = None
) -> Verdict:
    """Make a draft public. `publisher` None means a trusted system action (the demo loader).

    `expected_version` is the version the editor reviewed: if the draft changed since, nothing is published.
    """
    with transaction.atomic():
        verdict = locked(verdict)
        check_can_publish(verdict=verdict, publisher=publisher)
        check_version(verdict, expected_version)
        verdict.status = Verdict.Status.PUBLISHED
        verdict.publisher = publisher
        verdict.published_at = timezone.now()
        verdict.version += 1
        verdict._history_user = publisher
        verdict.save()
        refresh_current_verdict(verdict.statement_id)
    logger.info("verdict published", extra={"verdict_id": verdict.pk, "statement_id": verdict.statement_id})
    return verdict


def deletion_refusal(verdict: Verdict) -> str:
    """Why a verdict may not be deleted, or "" if it may: readers' record is never deleted."""
    if verdict.is_published:
        return f"“{verdict}” is published, so it cannot be deleted. An editor can unpublish it with a public note."
    if verdict.corrections.exists():
        return f"“{verdict}” has public corrections, so it cannot be deleted."
    return ""


def delete_draft(*, verdict: Verdict, user: AbstractBaseUser | None) -> None:
    """Delete a draft verdict and its sources; refused for anything readers have seen."""
    with transaction.atomic():
        current = locked(verdict)
        if refusal := deletion_refusal(current):
            raise ValidationError(refusal, code="public")
        current._history_user = user
        current.delete()


def _check_editor(editor: AbstractBaseUser) -> None:
    if not editor.has_perm(EDITOR_PERMISSION):
        raise PermissionDenied("Only editors can change what readers see.")


def correct_verdict(
    *,
    verdict: Verdict,
    editor: AbstractBaseUser,
    note: str,
    expected_version: int | None = None,
    **changes,
) -> Verdict:
    """Change a published verdict's rating, headline, explanation or date, recording a public correction.

    Nothing is written unless something changed and the note says why; the verdict and its
    Correction are saved together.
    """
    unknown = set(changes) - set(CORRECTABLE_FIELDS)
    if unknown:
        raise ValueError(f"Cannot correct {sorted(unknown)}")
    _check_editor(editor)
    with transaction.atomic():
        verdict = locked(verdict)
        if not verdict.is_published:
            raise PublishingError("This verdict is not published: edit the draft instead.")
        check_version(verdict, expected_version)
        before = {name: getattr(verdict, name) for name in CORRECTABLE_FIELDS}
        for name, value in changes.items():
            setattr(verdict, name, value)
        _validated(verdict)
        diff = {
            name: [str(before[name]), str(getattr(verdict, name))]
            for name in CORRECTABLE_FIELDS
            if before[name] != getattr(verdict, name)
        }
        if not diff:
            raise ValidationError(
                {"correction_note": "Nothing was changed, so there is nothing to correct."}, code="nothing_changed"
            )
        if not note.strip():
            raise ValidationError(
                {
                    "correction_note": "This verdict is published: write a correction note telling readers what "
                    "changed and why."
                },
                code="correction_note_required",
            )
        verdict.version += 1
        verdict._history_user = editor
        verdict.save()
        record_correction(editor=editor, note=note, changes=diff, verdict=verdict)
        refresh_current_verdict(verdict.statement_id)
    logger.info("verdict corrected", extra={"verdict_id": verdict.pk, "fields": sorted(diff)})
    return verdict


def unpublish_verdict(
    *, verdict: Verdict, editor: AbstractBaseUser, note: str, expected_version: int | None = None
) -> Verdict:
    """Take a published verdict off the public site, keeping it as a draft and recording why."""
    _check_editor(editor)
    if not note.strip():
        raise PublishingError("Write a note saying why the verdict is withdrawn.")
    with transaction.atomic():
        verdict = locked(verdict)
        if not verdict.is_published:
            raise PublishingError("This verdict is not published.")
        check_version(verdict, expected_version)
        verdict.status = Verdict.Status.DRAFT
        verdict.version += 1
        verdict._history_user = editor
        verdict.save()
        record_correction(
            editor=editor,
            note=note,
            changes={"status": [Verdict.Status.PUBLISHED.value, Verdict.Status.DRAFT.value]},
            verdict=verdict,
        )
        refresh_current_verdict(verdict.statement_id)
    logger.info("verdict unpublished", extra={"verdict_id": verdict.pk})
    return verdict
