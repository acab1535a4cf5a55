"""The verdict workflow: write a draft with its sources, then publish it.

Only `publish_verdict` turns a draft public, so the rules that guard readers
(sources required, a second pair of eyes, the publish permission) live here once.
"""

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from .models import Article, Source, Statement, Verdict
from .scales import Rating

logger = logging.getLogger(__name__)


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


def publish_verdict(*, verdict: Verdict, publisher: AbstractBaseUser | None) -> Verdict:
    """Make a draft public. `publisher` None means a trusted system action (the demo loader)."""
    with transaction.atomic():
        verdict = Verdict.objects.select_for_update().get(pk=verdict.pk)
        check_can_publish(verdict=verdict, publisher=publisher)
        verdict.status = Verdict.Status.PUBLISHED
        verdict.publisher = publisher
        verdict.published_at = timezone.now()
        verdict.version += 1
        verdict.save()
    logger.info("verdict published", extra={"verdict_id": verdict.pk, "statement_id": verdict.statement_id})
    return verdict
