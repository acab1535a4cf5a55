"""The data behind the statement list, for data journalists: CSV, JSON, and every ClaimReview.

CSV and JSON honour the same filters as /statements/ (a bad value is left out, as there). Each
holds at most EXPORT_LIMIT statements, in the list's order, and the ClaimReview feed the
EXPORT_LIMIT latest: a whole archive of a million statements in one response would outlast the
server's request timeout, and any reader can ask for one. The full archive is a database dump.
"""

import csv
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, JsonResponse
from django.utils import timezone

from ..caching import cache_public_page
from ..claimreview import absolute, claim_review
from ..filters import StatementFilter
from ..public import in_order, listed_statements, public_statements

EXPORT_LIMIT = 5_000
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
    "due",
    "due_by",
    "due_status",
    "success_criteria",
]
# Spreadsheets run cells that start with these as formulas; prefix them with ' (OWASP's advice).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _filtered(request) -> tuple[StatementFilter, list, bool]:
    """The filter, the first EXPORT_LIMIT matching statements, and whether there were more.

    A search is bounded as on the list (factcheck.paging), but by the export's own limit, so that
    "truncated" stays true: ranking every match of a common word took minutes at a million
    statements."""
    filterset = StatementFilter(request.GET, queryset=public_statements(), search_limit=EXPORT_LIMIT + 1)
    # As the list does: filter and rank on the statement table, then fetch the rows with their joins.
    pks = list(filterset.qs.values_list("pk", flat=True)[: EXPORT_LIMIT + 1])
    statements = in_order(listed_statements().prefetch_related("topics"), pks[:EXPORT_LIMIT])
    return filterset, statements, len(pks) > EXPORT_LIMIT


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
        "due": statement.deadline.reader_text if statement.due_precision else "",
        "due_by": statement.due_by,
        "due_status": statement.due_status,
        "success_criteria": statement.success_criteria,
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
    _, statements, truncated = _filtered(request)
    name = f"statements-first-{EXPORT_LIMIT}.csv" if truncated else "statements.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    writer = csv.writer(response)
    writer.writerow(COLUMNS)
    for statement in statements:
        row = _row(statement)
        writer.writerow([_cell(row[column]) for column in COLUMNS])
    return response


@cache_public_page(reads=StatementFilter.base_filters)
def statements_json(request):
    filterset, statements, truncated = _filtered(request)
    filters = {name: str(getattr(value, "slug", value)) for name, value in filterset.cleaned().items()}
    rows = [_row(statement) for statement in statements]
    data = {
        "count": len(rows),
        "truncated": truncated,
        "limit": EXPORT_LIMIT,
        "filters": filters,
        "problems": filterset.problems(),
        "statements": rows,
    }
    return JsonResponse(data, encoder=DjangoJSONEncoder, json_dumps_params={"ensure_ascii": False, "indent": 1})


@cache_public_page
def claimreview_feed(request):
    """The EXPORT_LIMIT most recently updated ClaimReviews as a schema.org DataFeed, the form
    fact-check aggregators take (they read it again for what changes)."""
    statements = list(public_statements().order_by("-last_update_at", "-pk")[:EXPORT_LIMIT])
    reviews = [claim_review(statement) for statement in statements]
    for review in reviews:
        review.pop("@context")
    feed = {"@context": "https://schema.org", "@type": "DataFeed", "dataFeedElement": reviews}
    if statements:
        feed["dateModified"] = statements[0].last_update_at
    body = json.dumps(feed, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
    return HttpResponse(body, content_type="application/ld+json; charset=utf-8")
