"""EXPLAIN ANALYZE the queries behind the public list, a statement page and a search, on PostgreSQL.

Two views of the same questions:
- pages: each URL is requested through Django's test client (public-page cache off), every SQL
  query it runs is captured and explained, so this follows the views as they are, whatever they do;
- model: the model-layer querysets those pages are built on (the publication gate and the
  current verdict's columns).

Any Seq Scan that reads more than --small rows of a table larger than that is reported as a
problem (exit status 1). Listed for information: scans of small lookup tables (outlets, topics),
and scans of large tables under a LIMIT that stopped after at most --small rows (the planner's
choice when most rows match: "is there one?" answered from the first few).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pledgebook_prod_bench .venv/bin/python bench/explain.py
"""

import argparse
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ["DEBUG"] = "0"
os.environ["PLEDGEBOOK_PUBLIC_CACHE_SECONDS"] = "0"
os.environ.setdefault("LOG_LEVEL", "ERROR")

import django

django.setup()

from django.db import connection
from django.db.models import Q
from django.test import Client

from factcheck.models import Statement
from factcheck.public import public_statements


@dataclass
class Explained:
    label: str
    sql: str
    milliseconds: float
    seq_scans: list[tuple[str, float]] = field(default_factory=list)  # (table, estimated rows)
    plan: str = ""


def explain(label: str, sql: str, params) -> Explained:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {sql}", params)
        (document,) = cursor.fetchone()
        cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) {sql}", params)
        text = "\n".join(row[0] for row in cursor.fetchall())
    if isinstance(document, str):
        document = json.loads(document)
    top = document[0]
    scans = []

    def walk(node):
        if node["Node Type"] == "Seq Scan":
            # Rows the scan actually read: a scan under a LIMIT that stops at its first match reads a few.
            read = (node.get("Actual Rows", 0) + node.get("Rows Removed by Filter", 0)) * node.get("Actual Loops", 1)
            scans.append((node["Relation Name"], read))
        for child in node.get("Plans", []):
            walk(child)

    walk(top["Plan"])
    return Explained(label, sql, top["Execution Time"], scans, text)


def captured(run) -> list[tuple[str, object]]:
    """The SELECT statements (with parameters) that `run()` sends to the database."""
    queries = []

    def capture(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("SELECT"):
            queries.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        run()
    return queries


def page_queries(url: str) -> tuple[int, list[tuple[str, object]]]:
    client = Client(HTTP_HOST="localhost")
    status = {}

    def run():
        status["code"] = client.get(url).status_code

    queries = captured(run)
    return status["code"], queries


def model_queries(slug: str, q: str) -> dict[str, object]:
    listing = public_statements().filter(kind="pledge", current_rating="kept").order_by("-last_update_at", "-pk")
    return {
        "model: list kind=pledge rating=kept, latest update first, page 1": listing[:20],
        "model: the same list, page 50": listing[980:1000],
        "model: statement page lookup by slug": public_statements().filter(slug=slug),
        "model: search title/quote contains q": public_statements()
        .filter(Q(title__icontains=q) | Q(quote__icontains=q))
        .order_by("-last_update_at", "-pk")[:20],
    }


def table_sizes() -> dict[str, float]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname, reltuples FROM pg_class WHERE relkind = 'r' AND relname LIKE 'factcheck_%%'")
        return dict(cursor.fetchall())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--q", default="nurses", help="The search term (default: nurses).")
    parser.add_argument("--small", type=int, default=10_000, help="Tables with fewer rows may be scanned.")
    parser.add_argument("--plans", action="store_true", help="Print every plan, not only the problem ones.")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        print("bench/explain.py needs PostgreSQL: set DATABASE_URL.", file=sys.stderr)
        return 2
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    sizes = table_sizes()
    public = Statement.objects.public().order_by("pk")
    total = public.count()
    if not total:
        print("No public statements: run manage.py generate_newsroom first.", file=sys.stderr)
        return 2
    slug = public.values_list("slug", flat=True)[total // 2]
    print(f"{int(sizes.get('factcheck_statement', 0)):,} statements ({total:,} public); search term {args.q!r}\n")

    results: list[Explained] = []
    pages = {
        "page: public list /statements/?kind=pledge&rating=kept": "/statements/?kind=pledge&rating=kept",
        "page: public list, page 50": "/statements/?kind=pledge&rating=kept&page=50",
        "page: tracker /": "/",
        "page: statement page": f"/statements/{slug}/",
        "page: search /statements/?q=": f"/statements/?q={args.q}",
    }
    for label, url in pages.items():
        status, queries = page_queries(url)
        print(f"{label}: GET {url} -> {status}, {len(queries)} SELECT queries")
        if status != 200:
            print(f"  NOT AVAILABLE: the page answered {status}; only the model-layer queries below cover it.")
        for number, (sql, params) in enumerate(queries, 1):
            results.append(explain(f"{label} [query {number}]", sql, params))
    for label, queryset in model_queries(slug, args.q).items():
        sql, params = queryset.query.sql_with_params()
        results.append(explain(label, sql, params))

    problems = 0
    print(f"\n{'query':<78} {'ms':>9}  sequential scans")
    for result in results:
        big = [
            (table, read) for table, read in result.seq_scans if sizes.get(table, 0) > args.small and read > args.small
        ]
        stopped = [
            (table, read) for table, read in result.seq_scans if sizes.get(table, 0) > args.small and read <= args.small
        ]
        small = [table for table, _ in result.seq_scans if sizes.get(table, 0) <= args.small]
        problems += bool(big)
        notes = ", ".join(
            [f"SEQ SCAN {table} (read {int(read):,} of {int(sizes[table]):,} rows)" for table, read in big]
            + [f"{table} (stopped after {int(read):,} rows)" for table, read in stopped]
            + small
        )
        print(f"{result.label[:78]:<78} {result.milliseconds:>9.1f}  {notes or '-'}")
        if big or args.plans:
            print("    " + result.plan.replace("\n", "\n    "))
    print(f"\n{problems} quer{'y' if problems == 1 else 'ies'} with a sequential scan of a large table.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
