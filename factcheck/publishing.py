"""The verdict workflow: write a draft with its sources, then publish it.

Only `publish_verdict` turns a draft public, so the rules that guard readers
(sources required, a second pair of eyes, the publish permission) live here once.
Every service here that changes what is published ends with `refresh_current_verdict`,
in the same transaction, so the statement's copy of its current verdict is never stale.
"""

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone

from .concurrency import changed_since_message
from .models import Article, Correction, Source, Statement, Verdict
from .scales import Rating
from .standings import change_standing, standing_of
from .tallies import add_to_counts

logger = logging.getLogger(__name__)


def refresh_current_verdict(statement: Statement | int) -> None:
    """Copy a statement's current verdict, its rating and the public dates onto the statement.

    The only code that writes Statement.current_verdict, current_rating, first_published_at,
    last_update_at and standing, and the StandingChange totals (see factcheck.standings); it
    also counts the statement in or out of its speaker's and topics' tallies (factcheck.tallies).
    The current verdict is the latest published one (checked_on, then published_at, then id);
    the last update is the latest publication of a verdict or of a correction to a published
    one. The statement row is locked first, so two editors publishing on one statement at once
    each recompute after the other's commit and neither leaves it stale. A queryset update: no
    history record, no version bump, `updated_at` untouched (nothing an editor wrote changed).
    Call it inside the transaction that changed what is published.
    """
    pk = getattr(statement, "pk", statement)
    with transaction.atomic():
        kind, before, was_public, speaker_id = (
            Statement.objects.select_for_update()
            .values_list("kind", "standing", "current_verdict_id", "speaker_id")
            .get(pk=pk)
        )
        published = Verdict.objects.published().filter(statement_id=pk)
        current = published.latest_first().values_list("pk", "rating").first()
        standing = standing_of(
            published.order_by("checked_on", "published_at", "pk").values_list("checked_on", "rating")
        )
        change_standing(kind, before, standing)
        dates = published.aggregate(first=Min("published_at"), last=Max("published_at"))
        corrected = Correction.objects.filter(verdict__in=published).aggregate(last=Max("created_at"))["last"]
        values = {
            "current_verdict_id": current[0] if current else None,
            "current_rating": current[1] if current else "",
            "first_published_at": dates["first"],
            "last_update_at": max((date for date in (dates["last"], corrected) if date), default=None),
            "standing": standing,
        }
        Statement.objects.filter(pk=pk).update(**values)
        if (was_public is None) != (current is None):
            topic_ids = Statement.topics.through.objects.filter(statement_id=pk).values_list("topic_id", flat=True)
            add_to_counts(speaker_id=speaker_id, topic_ids=topic_ids, delta=1 if current else -1)
    if isinstance(statement, Statement):
        for field, value in values.items():
            setattr(statement, field, value)


class PublishingError(Exception):
    """A verdict cannot be published; the message says why, for an editor."""


@dataclass(frozen=True)
class SourceData:
    """A source as an editor gives it: a title and either a web address or an imported article."""

    title: str
    url: str = ""
    article: Article | None = None
    quote: str = ""
    accessed_on: date | None = None


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
    with transaction.atomic():
        verdict.full_clean()
        verdict.save()
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
            source.full_clean()
            source.save()
    return verdict


def check_can_publish(*, verdict: Verdict, publisher: AbstractBaseUser | None) -> None:
    """Raise PublishingError if this publisher may not publish this verdict now."""
    if verdict.is_published:
        raise PublishingError("This verdict is already published.")
    if publisher is not None:
        if not publisher.has_perm("factcheck.publish_verdict"):
            raise PermissionDenied("Only editors can publish verdicts.")
        if (
            not settings.PLEDGEBOOK_ALLOW_SELF_PUBLISH
            and verdict.author_id is not None
            and verdict.author_id == publisher.pk
        ):
            raise PublishingError("You wrote this verdict: another editor must check and publish it.")
    if verdict.rating != Rating.NOT_YET_RATED and not verdict.sources.exists():
        raise PublishingError("A verdict needs at least one source before it can be published.")
    try:
        verdict.full_clean()
    except ValidationError as error:
        raise PublishingError(" ".join(error.messages)) from error


def publish_verdict(
    *, verdict: Verdict, publisher: AbstractBaseUser | None, expected_version: int | None = None
) -> Verdict:
    """Make a draft public. `publisher` None means a trusted system action (the demo loader).

    `expected_version` is the version the editor reviewed: if the draft changed since, nothing is published.
    """
    with transaction.atomic():
        verdict = Verdict.objects.select_for_update().get(pk=verdict.pk)
        check_can_publish(verdict=verdict, publisher=publisher)
        _check_version(verdict, expected_version)
        verdict.status = Verdict.Status.PUBLISHED
        verdict.publisher = publisher
        verdict.published_at = timezone.now()
        verdict.version += 1
        verdict.save()
        refresh_current_verdict(verdict.statement_id)
    logger.info("verdict published", extra={"verdict_id": verdict.pk, "statement_id": verdict.statement_id})
    return verdict


class StaleVersionError(PublishingError):
    """Someone else saved the verdict after the editor opened it."""


# What a correction may change on a published verdict, and must then explain.
CORRECTABLE_FIELDS = ("rating", "headline", "explanation", "checked_on")


def _check_editor(editor: AbstractBaseUser) -> None:
    if not editor.has_perm("factcheck.publish_verdict"):
        raise PermissionDenied("Only editors can change what readers see.")


def _check_version(verdict: Verdict, expected_version: int | None) -> None:
    if expected_version is not None and verdict.version != expected_version:
        raise StaleVersionError(changed_since_message(verdict))


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
        verdict = Verdict.objects.select_for_update().get(pk=verdict.pk)
        if not verdict.is_published:
            raise PublishingError("This verdict is not published: edit the draft instead.")
        _check_version(verdict, expected_version)
        before = {field: getattr(verdict, field) for field in CORRECTABLE_FIELDS}
        for field, value in changes.items():
            setattr(verdict, field, value)
        try:
            verdict.full_clean()
        except ValidationError as error:
            raise PublishingError(" ".join(error.messages)) from error
        diff = {
            field: [str(before[field]), str(getattr(verdict, field))]
            for field in CORRECTABLE_FIELDS
            if before[field] != getattr(verdict, field)
        }
        if not diff:
            raise PublishingError("Nothing was changed, so there is nothing to correct.")
        if not note.strip():
            raise PublishingError("This verdict is published: write a correction note telling readers what changed.")
        verdict.version += 1
        verdict.save()
        correction = Correction(verdict=verdict, note=note.strip(), changes=diff, editor=editor)
        correction.full_clean()
        correction.save()
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
        verdict = Verdict.objects.select_for_update().get(pk=verdict.pk)
        if not verdict.is_published:
            raise PublishingError("This verdict is not published.")
        _check_version(verdict, expected_version)
        verdict.status = Verdict.Status.DRAFT
        verdict.version += 1
        verdict.save()
        correction = Correction(
            verdict=verdict,
            note=note.strip(),
            changes={"status": [Verdict.Status.PUBLISHED.value, Verdict.Status.DRAFT.value]},
            editor=editor,
        )
        correction.full_clean()
        correction.save()
        refresh_current_verdict(verdict.statement_id)
    logger.info("verdict unpublished", extra={"verdict_id": verdict.pk})
    return verdict
