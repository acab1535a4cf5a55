"""schema.org ClaimReview for a statement's current verdict, as search engines read it.

The statement page embeds it as JSON-LD and /claimreview.json lists every one, both
built here from the same fields the page shows.

Ratings that judge nothing ("Not yet rated", "Unverifiable (opinion)") have no place on
the numeric scale (their `value` in scales.py is None). For them the review keeps the
rating's name (`alternateName`) and leaves out `ratingValue`, `bestRating` and
`worstRating`: a number would claim a judgement the desk has not made.
"""

from django.conf import settings
from django.utils import timezone

from .links import web_address
from .models import Statement


def absolute(path: str) -> str:
    return settings.PLEDGEBOOK_SITE_URL.rstrip("/") + path


def newsroom() -> dict:
    return {
        "@type": "Organization",
        "name": settings.PLEDGEBOOK_NEWSROOM_NAME,
        "url": settings.PLEDGEBOOK_NEWSROOM_URL,
    }


def _date(value) -> str | None:
    if value is None:
        return None
    return timezone.localtime(value).date().isoformat()


def review_rating(statement: Statement) -> dict:
    scale = statement.scale
    step = scale.step(statement.current_rating)
    rating = {"@type": "Rating", "alternateName": step.label}
    if step.value is not None:
        rating |= {"ratingValue": step.value, "bestRating": scale.best_value, "worstRating": scale.worst_value}
    return rating


def appearance(statement: Statement) -> dict:
    """Where the claim was made: the original article, or our copy if we have no address for it."""
    article = statement.article
    work = {
        "@type": "NewsArticle",
        "url": web_address(article.source_url) or absolute(article.get_absolute_url()),
        "headline": article.title,
    }
    if article.published_at:
        work["datePublished"] = _date(article.published_at)
    if article.outlet:
        work["publisher"] = {"@type": "Organization", "name": article.outlet.name}
    return work


def claim_review(statement: Statement) -> dict:
    """The ClaimReview of a statement from `public.public_statements()` (needs its annotations)."""
    speaker = {"@type": "Person", "name": statement.speaker.name}
    if statement.speaker.role:
        speaker["jobTitle"] = statement.speaker.role
    claim = {"@type": "Claim", "author": speaker, "appearance": appearance(statement)}
    claim["firstAppearance"] = claim["appearance"]
    deadline = statement.deadline
    if deadline is not None and deadline.due_by is not None:
        # The period the pledge is about, as an ISO 8601 interval: the closest schema.org field to a deadline.
        claim["temporalCoverage"] = f"{deadline.starts.isoformat()}/{deadline.due_by.isoformat()}"
    if statement.article.published_at:
        claim["datePublished"] = _date(statement.article.published_at)
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": absolute(statement.get_absolute_url()),
        "name": statement.title,
        "headline": statement.current_headline,
        "claimReviewed": statement.quote,
        "itemReviewed": claim,
        "author": newsroom(),
        "reviewRating": review_rating(statement),
        "datePublished": _date(statement.first_published_at),
        "dateModified": _date(statement.last_update_at),
    }
    return review
