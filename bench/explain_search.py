"""EXPLAIN ANALYZE the list's search queries (count, page 1, page 2) for a few kinds of search.

Each URL is requested through Django's test client (public-page cache off) as bench/explain.py
does; printed: the milliseconds of the COUNT and of the ranked page query, and any sequential
scan. Does not write to the database (no ANALYZE).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pledgebook_perf_1m .venv/bin/python bench/explain_search.py
"""

import sys

from explain import explain, page_queries

SEARCHES = ["q=nurses", "q=said", "q=zebra", "q=nurses+pay", "q=nurses&kind=pledge&rating=kept"]


def main() -> int:
    print(f"{'search':<40} {'page':>4} {'count ms':>9} {'page ms':>8}  sequential scans")
    for search in SEARCHES:
        for page in (1, 2):
            _, queries = page_queries(f"/statements/?{search}&page={page}")
            count, ranked = (explain(str(n), sql, params) for n, (sql, params) in enumerate(queries[:2]))
            scans = ", ".join(f"{table} ({int(read):,} rows)" for r in (count, ranked) for table, read in r.seq_scans)
            print(f"{search:<40} {page:>4} {count.milliseconds:>9.1f} {ranked.milliseconds:>8.1f}  {scans or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
