"""The reader's text search over public statements.

On PostgreSQL: full-text search, weighted title (A), quote (B) and published verdict
text (C), ranked, over the `search_document` columns that triggers keep and GIN indexes
serve (migration 0008_search_documents).
Elsewhere (SQLite in development): a case-insensitive substring match on the same fields.

Only published verdicts are searched: a draft's words never find a statement.

A search may be given a `limit` (the statement list gives factcheck.paging.SEARCH_CAP): it then
keeps only the first `limit` matches of each kind (by title/quote, by verdict text) that the
database finds, which bounds the work for a word in tens of thousands of statements. Below the
limit nothing changes; above it, which matches remain is the database's choice (in practice, the
order rows sit in the table), so the list says "More than …" and ranks those candidates only.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, Exists, F, FloatField, Max, OuterRef, Q, QuerySet, Subquery, Value, When

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
    """Matches from both GIN indexes, as one UNION the planner joins by primary key (an OR of two
    IN subqueries made it test every public statement); verdict text ranked only for statements
    it matched. The documents are stored columns (migration 0008), so ranking reads them rather
    than computing a vector from the text of every match.

    With a `limit`, each side of the UNION is the filtered statements' first `limit` matches,
    unordered so that PostgreSQL stops reading once it has them (ordering them by date first
    read every match: 5.5 s for "nurses" at a million statements)."""
    query = SearchQuery(text, config=CONFIG, search_type="websearch")
    matching_verdicts = Verdict.objects.published().filter(search_document=query).order_by()
    by_verdict = matching_verdicts.values("statement_id")
    if limit is None:
        by_statement = Statement.objects.filter(search_document=query).order_by().values("pk")
        verdict_matched = Q(pk__in=by_verdict)
    else:
        unordered = statements.order_by()
        by_statement = unordered.filter(search_document=query).values("pk")[:limit]
        by_verdict = unordered.filter(pk__in=by_verdict).values("pk")[:limit]
        # Asked of each candidate: a second run of the limited subquery could pick other rows.
        verdict_matched = Exists(matching_verdicts.filter(statement=OuterRef("pk")))
    verdict_rank = (
        Verdict.objects.published()
        .filter(statement=OuterRef("pk"))
        .values("statement")
        .annotate(best=Max(SearchRank(F("search_document"), query)))
        .values("best")
    )
    # With a limit, every candidate already passed `statements`' filters (the gate included), so
    # the rows are looked up by key: filtering the whole table again made PostgreSQL hash-join the
    # candidates with every public statement (390 ms for "nurses" at a million; 54 ms by key).
    found = statements if limit is None else statements.model.objects.all()
    return found.filter(pk__in=by_statement.union(by_verdict)).annotate(
        rank=SearchRank(F("search_document"), query)
        + Case(
            When(verdict_matched, then=Subquery(verdict_rank, output_field=FloatField())),
            default=Value(0.0),
            output_field=FloatField(),
        )
    )


def _substring(statements: QuerySet[Statement], text: str) -> QuerySet[Statement]:
    by_verdict = (
        Verdict.objects.published()
        .filter(Q(headline__icontains=text) | Q(explanation__icontains=text))
        .values("statement_id")
    )
    return statements.filter(Q(title__icontains=text) | Q(quote__icontains=text) | Q(pk__in=by_verdict))
