"""The statement list with its filters, a statement's page, and the staff's draft preview."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache

from .. import paging
from ..caching import cache_public_page
from ..claimreview import absolute, claim_review
from ..filters import SORT_CHOICES, SORT_RELEVANCE, StatementFilter
from ..models import Statement, Verdict
from ..public import (
    in_order,
    last_corrected_at,
    listed_statements,
    public_statements,
    record_corrections,
    with_timeline,
)
from ..rendering import quote_in_context, statement_anchor
from ..search import uses_full_text_search
from .exports import EXPORT_LIMIT
from .querystrings import active_filters, query_without

PAGE_SIZE = 20


@cache_public_page(reads=(*StatementFilter.base_filters, "page"))
def statement_list(request):
    filterset = StatementFilter(request.GET, queryset=public_statements(), search_limit=paging.SEARCH_CAP + 1)
    # A search matching more than the cap lists and ranks cap + 1 of them, says "More
    # than …", and stops paging at the cap: bounded work for any word. Browsing without a search
    # counts exactly (an index-only count, 29 ms at a million statements).
    cap = paging.SEARCH_CAP if filterset.cleaned().get("q") else None
    # Filter, rank and page on the statement table alone, then fetch the page's rows with their
    # speaker, article and verdict: joining those for every match before sorting cost seconds
    # for a common search word at a million statements.
    paginator = paging.CappedPaginator(
        filterset.qs.values_list("pk", flat=True), PAGE_SIZE, cap=cap, known_count=filterset.count_from_totals()
    )
    page = paginator.get_page(request.GET.get("page"))
    description = filterset.describe()
    context = {
        "filterset": filterset,
        "page_obj": page,
        "count_text": paginator.count_text(),
        "export_limit": EXPORT_LIMIT,
        "statements": in_order(listed_statements(), list(page.object_list)),
        "description": description,
        "problems": filterset.problems(),
        "active": active_filters(request.GET, filterset),
        "sort": filterset.sort_choice(),
        "sort_links": [
            (value, label, query_without(request.GET, "page", "sort", sort=value))
            for value, label in SORT_CHOICES
            if value != SORT_RELEVANCE or (filterset.cleaned().get("q") and uses_full_text_search())
        ],
        "page_query": query_without(request.GET, "page"),
        "export_query": query_without(request.GET, "page", "sort"),
        "canonical_url": absolute(f"{request.path}?{request.GET.urlencode()}" if request.GET else request.path),
    }
    return TemplateResponse(request, "factcheck/statement_list.html", context)


def _statement_context(statement: Statement, verdicts: list[Verdict]) -> dict:
    article = statement.article
    return {
        "statement": statement,
        "verdicts": verdicts,
        "step": statement.scale.step(statement.current_rating),
        "scale": statement.scale,
        "excerpt": quote_in_context(article.body, statement.start, statement.end),
        "place_in_article": f"{article.get_absolute_url()}#{statement_anchor(statement)}",
        "canonical_url": absolute(statement.get_absolute_url()),
    }


@cache_public_page
def statement_detail(request, slug: str):
    statement = get_object_or_404(with_timeline(public_statements()), slug=slug)
    corrections = record_corrections(statement)
    statement.last_corrected_at = last_corrected_at(statement.published_verdicts, corrections)
    context = _statement_context(statement, statement.published_verdicts)
    context["record_corrections"] = corrections
    context["claim_review"] = claim_review(statement)
    return TemplateResponse(request, "factcheck/statement_detail.html", context)


@never_cache
@login_required
def statement_preview(request, pk: int):
    """A statement with its drafts, for staff to check a verdict before publishing. Never cached."""
    if not (request.user.is_staff and request.user.has_perm("factcheck.view_verdict")):
        raise Http404("No such statement.")
    statement = get_object_or_404(
        Statement.objects.select_related("speaker", "article__outlet").prefetch_related("topics"), pk=pk
    )
    verdicts = list(statement.verdicts.latest_first().prefetch_related("sources__article", "corrections"))
    context = {
        "statement": statement,
        "verdicts": verdicts,
        "excerpt": quote_in_context(statement.article.body, statement.start, statement.end),
        "is_public": Statement.objects.public().filter(pk=pk).exists(),
    }
    response = TemplateResponse(request, "factcheck/statement_preview.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
