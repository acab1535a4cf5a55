"""EXPLAIN ANALYZE the list's search queries (page 1, page 2) for a few kinds of search.

Each URL is requested through Django's test client (public-page cache off) as bench/explain.py
does; printed: the milliseconds of the ranked query that picks the page's statements and counts
the matches (COUNT(*) OVER (), see factcheck.paging), of the query that then reads those twenty
rows, and any sequential scan. Does not write to the database (no ANALYZE).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pledgebook_perf_1m .venv/bin/python bench/explain_search.py
"""

import sys

from explain import explain, page_queries

SEARCHES = ["q=nurses", "q=said", "q=zebra", "q=nurses+pay", "q=nurses&kind=pledge&rating=kept"]


def main() -> int:
    print(f"{'search':<40} {'page':>4} {'ranked ms':>9} {'rows ms':>8}  sequential scans")
    for search in SEARCHES:
        for page in (1, 2):
            _, queries = page_queries(f"/statements/?{search}&page={page}")
            ranked, rows = (explain(str(n), sql, params) for n, (sql, params) in enumerate(queries[:2]))
            scans = ", ".join(f"{table} ({int(read):,} rows)" for r in (ranked, rows) for table, read in r.seq_scans)
            print(f"{search:<40} {page:>4} {ranked.milliseconds:>9.1f} {rows.milliseconds:>8.1f}  {scans or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
