"""The data behind the statement list, for data journalists: CSV, JSON, and every ClaimReview.

CSV and JSON honour the same filters as /statements/ (a bad value is left out, as there).
"""

import csv
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, JsonResponse
from django.utils import timezone

from ..caching import cache_public_page
from ..claimreview import absolute, claim_review
from ..filters import StatementFilter
from ..public import public_statements

COLUMNS = [
    "url",
    "title",
    "kind",
    "speaker",
    "speaker_slug",
    "quote",
    "said_on",
    "outlet",
    "article_title",
    "article_url",
    "topics",
    "rating",
    "rating_label",
    "rating_meaning",
    "verdict_headline",
    "checked_on",
    "first_published_at",
    "last_updated_at",
]
# Spreadsheets run cells that start with these as formulas; prefix them with ' (OWASP's advice).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _filtered(request) -> tuple[StatementFilter, list]:
    filterset = StatementFilter(request.GET, queryset=public_statements())
    return filterset, list(filterset.qs.prefetch_related("topics"))


def _row(statement) -> dict:
    step = statement.scale.step(statement.current_rating)
    return {
        "url": absolute(statement.get_absolute_url()),
        "title": statement.title,
        "kind": statement.kind,
        "speaker": statement.speaker.name,
        "speaker_slug": statement.speaker.slug,
        "quote": statement.quote,
        "said_on": timezone.localdate(statement.article.published_at) if statement.article.published_at else None,
        "outlet": statement.article.outlet.name if statement.article.outlet else "",
        "article_title": statement.article.title,
        "article_url": absolute(statement.article.get_absolute_url()),
        "topics": [topic.name for topic in statement.topics.all()],
        "rating": statement.current_rating,
        "rating_label": step.label,
        "rating_meaning": step.meaning,
        "verdict_headline": statement.current_headline,
        "checked_on": statement.current_checked_on,
        "first_published_at": statement.first_published_at,
        "last_updated_at": statement.last_update_at,
    }


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(value)
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


@cache_public_page(reads=StatementFilter.base_filters)
def statements_csv(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="statements.csv"'
    writer = csv.writer(response)
    writer.writerow(COLUMNS)
    _, statements = _filtered(request)
    for statement in statements:
        row = _row(statement)
        writer.writerow([_cell(row[column]) for column in COLUMNS])
    return response


@cache_public_page(reads=StatementFilter.base_filters)
def statements_json(request):
    filterset, statements = _filtered(request)
    filters = {name: str(getattr(value, "slug", value)) for name, value in filterset.cleaned().items()}
    rows = [_row(statement) for statement in statements]
    data = {"count": len(rows), "filters": filters, "problems": filterset.problems(), "statements": rows}
    return JsonResponse(data, encoder=DjangoJSONEncoder, json_dumps_params={"ensure_ascii": False, "indent": 1})


@cache_public_page
def claimreview_feed(request):
    """Every current ClaimReview as a schema.org DataFeed, the form fact-check aggregators take."""
    statements = list(public_statements().order_by("-last_update_at", "-pk"))
    reviews = [claim_review(statement) for statement in statements]
    for review in reviews:
        review.pop("@context")
    feed = {"@context": "https://schema.org", "@type": "DataFeed", "dataFeedElement": reviews}
    if statements:
        feed["dateModified"] = statements[0].last_update_at
    body = json.dumps(feed, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
    return HttpResponse(body, content_type="application/ld+json; charset=utf-8")
