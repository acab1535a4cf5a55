"""The reader's text search over public statements.

On PostgreSQL: full-text search, ranked, over each statement's `search_document`: its title
(weight A), quote (B) and published verdicts' headlines and explanations (C), which triggers
keep and a GIN index serves (migration 0010_statement_document_holds_verdicts).
Elsewhere (SQLite in development): a case-insensitive substring match on the same fields.

Only published verdicts are searched: a draft's words never find a statement.

A search may be given a `limit` (the statement list gives factcheck.paging.SEARCH_CAP): it then
keeps only the first `limit` matches the database finds, which bounds the work for a word in
tens of thousands of statements. Below the limit nothing changes; above it, which matches remain
is the database's choice (in practice, the order rows sit in the table), so the list says "More
than …" and ranks those candidates only.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q, QuerySet

from .models import Statement, Verdict

CONFIG = "english"


def uses_full_text_search() -> bool:
    return connection.vendor == "postgresql"


def search_statements(statements: QuerySet[Statement], text: str, *, limit: int | None = None) -> QuerySet[Statement]:
    """Narrow `statements` to those matching `text`; on PostgreSQL also annotate `rank`.

    Apply the other filters first: with a `limit`, the candidates are taken from `statements`.
    """
    text = text.strip()
    if not text:
        return statements
    if uses_full_text_search():
        return _full_text(statements, text, limit)
    return _substring(statements, text)


def _full_text(statements: QuerySet[Statement], text: str, limit: int | None) -> QuerySet[Statement]:
    """Matches of one stored document per statement, ranked from the same column.

    With a `limit`, the candidates are the filtered statements' first `limit` matches, unordered
    so that PostgreSQL stops reading once it has them (ordering them by date first read every
    match: 5.5 s for "nurses" at a million statements). Every candidate has passed `statements`'
    filters (the gate included), so the ranked rows are looked up by key: filtering the whole
    table again made PostgreSQL hash-join the candidates with every public statement."""
    query = SearchQuery(text, config=CONFIG, search_type="websearch")
    rank = SearchRank(F("search_document"), query)
    if limit is None:
        return statements.filter(search_document=query).annotate(rank=rank)
    candidates = statements.order_by().filter(search_document=query).values("pk")[:limit]
    return statements.model.objects.filter(pk__in=candidates).annotate(rank=rank)


def _substring(statements: QuerySet[Statement], text: str) -> QuerySet[Statement]:
    by_verdict = (
        Verdict.objects.published()
        .filter(Q(headline__icontains=text) | Q(explanation__icontains=text))
        .values("statement_id")
    )
    return statements.filter(Q(title__icontains=text) | Q(quote__icontains=text) | Q(pk__in=by_verdict))
