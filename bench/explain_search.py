"""EXPLAIN ANALYZE the list's search queries (page 1, page 2) for a few kinds of search.

Each URL is requested through Django's test client (public-page cache off) as bench/explain.py
does; printed: the milliseconds of the ranked query that picks the page's statements and counts
the matches (COUNT(*) OVER (), see factcheck.paging), of a separate count if one ran (a page past
the end), of the query that then reads the page's rows if there are any, and any sequential scan.
Does not write to the database (no ANALYZE).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pledgebook_perf_1m .venv/bin/python bench/explain_search.py
"""

import sys

from explain import explain, page_queries

SEARCHES = ["q=nurses", "q=said", "q=zebra", "q=nurses+pay", "q=nurses&kind=pledge&rating=kept"]


ROWS = 'SELECT "factcheck_statement"."id", "factcheck_statement"."article_id"'
COUNT = "SELECT COUNT(*)"


def main() -> int:
    print(f"{'search':<40} {'page':>4} {'ranked ms':>9} {'count ms':>8} {'rows ms':>8}  sequential scans")
    for search in SEARCHES:
        for page in (1, 2):
            _, queries = page_queries(f"/statements/?{search}&page={page}")
            ranked = explain("ranked", *queries[0])
            count, rows = (
                next((explain(label, sql, params) for sql, params in queries[1:] if sql.startswith(start)), None)
                for label, start in (("count", COUNT), ("rows", ROWS))
            )
            ran = [r for r in (ranked, count, rows) if r]
            scans = ", ".join(f"{table} ({int(read):,} rows)" for r in ran for table, read in r.seq_scans)
            count_ms, rows_ms = (f"{r.milliseconds:.1f}" if r else "-" for r in (count, rows))
            print(f"{search:<40} {page:>4} {ranked.milliseconds:>9.1f} {count_ms:>8} {rows_ms:>8}  {scans or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
