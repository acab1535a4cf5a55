"""Benchmark: what the evidence finder costs (not part of the tests).

Two measurements, each printed with the command's settings, the load average and the figures:

  import   On a fresh database, generate a newsroom of --statements statements (generate_newsroom,
           about ten an article), write --count generated plain-text articles to a temporary folder
           and time the real `import_articles` command on them: every imported article is matched
           against the open statements (factcheck.evidence) inside the import; one in --reports
           (10) restates an open statement, as a later report on it would, so candidates are
           written too. Prints articles/s, with the same run's figure when matching is switched
           off, for comparison.

  match    On the database in DATABASE_URL as it is (e.g. the generator's million statements),
           time matching one article against every open statement and writing its candidates,
           each in a transaction rolled back: --sample of the newsroom's own articles (which share
           the generator's vocabulary with every statement) and the real BBC politics articles in
           ../shared/bbc-politics/. Prints the median, 95th percentile and slowest per article.

    .venv/bin/python bench/evidence.py import                     # SQLite, a temporary file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pledgebook_evidence .venv/bin/python bench/evidence.py import
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pledgebook_1m .venv/bin/python bench/evidence.py match

`import` drops and recreates the database named in DATABASE_URL. DEBUG is off, as in production.
"""

import argparse
import io
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

STARTED = time.perf_counter()
ROOT = Path(__file__).resolve().parent.parent
BBC = ROOT.parent / "shared" / "bbc-politics" / "articles"


def _setup(fresh: bool) -> None:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("FACTCHECK_LOG_LEVEL", "WARNING")  # one log line per imported article otherwise
    if fresh:
        from import_articles import fresh_database

        fresh_database(os.environ.get("DATABASE_URL", ""))
    import django

    django.setup()


def _load() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def _vendor() -> str:
    from django.db import connection

    if connection.vendor == "postgresql":
        return f"PostgreSQL {connection.pg_version // 10000}.{connection.pg_version % 10000}"
    return f"SQLite {connection.Database.sqlite_version}"


def bench_import(args) -> None:
    _setup(fresh=True)
    from django.core.management import call_command
    from django.db import connection
    from import_articles import article_text

    from factcheck import importing
    from factcheck.evidence import OPEN
    from factcheck.models import Article, EvidenceCandidate, Statement
    from factcheck.synthetic import generate_newsroom

    with tempfile.TemporaryDirectory(prefix="pledgebook-evidence-") as folder:
        for label, matching in (("with matching", True), ("matching off", False)):
            call_command("flush", interactive=False, verbosity=0)
            call_command("migrate", verbosity=0)
            generate_newsroom(articles=max(1, args.statements // 10), seed=3)
            statements = Statement.objects.count()
            # Every --reports-th article follows up an open statement of the newsroom, as a later report
            # would: it restates the pledge, so matching finds it and writes candidates. The same files both times.
            rng = random.Random(2010)
            quotes = list(Statement.objects.filter(OPEN).order_by("pk").values_list("quote", flat=True))
            for number in range(args.count):
                text = article_text(number, rng)
                if args.reports and number % args.reports == 0 and quotes:
                    text += f"\n\nA year on, officials were asked about the promise: {rng.choice(quotes)}\n"
                Path(folder, f"article-{number:04d}.txt").write_text(text, encoding="utf-8")
            original = importing.find_evidence_on_import
            if not matching:
                importing.find_evidence_on_import = lambda *, articles: 0
            load = _load()
            started = time.perf_counter()
            call_command("import_articles", folder, stdout=io.StringIO())
            elapsed = time.perf_counter() - started
            importing.find_evidence_on_import = original
            imported = Article.objects.count() - max(1, args.statements // 10)
            candidates = EvidenceCandidate.objects.count()
            print(
                f"{label}: {imported} articles imported in {elapsed:.2f} s: {imported / elapsed:.0f} articles/s "
                f"against {statements:,} statements; {candidates:,} candidates; load before {load}"
            )
    print(f"database: {_vendor()}; DEBUG off; setup not timed; load after: {_load()} on {os.cpu_count()} CPUs")
    connection.close()


def bench_match(args) -> None:
    _setup(fresh=False)
    from django.db import transaction

    from factcheck.evidence import OPEN, match_articles, record_matches
    from factcheck.htmlpage import parse_html  # noqa: F401  (the importer's parsers are loaded as at import)
    from factcheck.models import Article, EvidenceCandidate, Statement
    from factcheck.plaintext import parse_plain_text

    statements = Statement.objects.count()
    open_statements = Statement.objects.filter(OPEN).count()
    newest = Article.objects.order_by("-pk").values_list("pk", flat=True)[: args.sample * 20]
    sample = random.Random(1).sample(list(newest), min(args.sample, len(newest)))
    own = list(Article.objects.filter(pk__in=sample))
    real = []
    if BBC.is_dir():
        for path in sorted(BBC.glob("*.txt")):
            parsed = parse_plain_text(path.read_text(encoding="utf-8", errors="replace"))
            real.append(Article(pk=-(len(real) + 1), title=parsed.title, body=parsed.body, published_at=None))
    print(f"database: {_vendor()}; {statements:,} statements, {open_statements:,} open; load before {_load()}")

    def timed(articles: list[Article], label: str, write: bool) -> None:
        if not articles:
            print(f"{label}: no articles")
            return
        times, offered = [], 0
        for article in articles:
            with transaction.atomic():
                started = time.perf_counter()
                matches = match_articles(articles=[article])
                if write:
                    offered += record_matches(matches=matches, origin=EvidenceCandidate.Origin.IMPORT)
                else:
                    offered += len(matches)
                times.append((time.perf_counter() - started) * 1000)
                transaction.set_rollback(True)
        times.sort()
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
        print(
            f"{label}: {len(times)} articles, per article median {statistics.median(times):.1f} ms, "
            f"95th percentile {p95:.1f} ms, slowest {times[-1]:.1f} ms; {offered} candidates offered"
        )

    timed(own, "the newsroom's own articles (matched and written, rolled back)", write=True)
    timed(real, "real BBC politics articles (matched only: they are not in the database)", write=False)
    print(f"load after: {_load()} on {os.cpu_count()} CPUs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    importing = sub.add_parser("import", help="import speed with matching, on a fresh database")
    importing.add_argument("--count", type=int, default=1000, help="articles to import (default 1000)")
    importing.add_argument("--statements", type=int, default=10_000, help="statements beforehand (default 10,000)")
    importing.add_argument(
        "--reports", type=int, default=10, help="one article in this many reports on an open statement (default 10)"
    )
    matching = sub.add_parser("match", help="time to match one article, on the database as it is")
    matching.add_argument("--sample", type=int, default=100, help="the newsroom's own articles to match (100)")
    args = parser.parse_args()
    if args.what == "import":
        bench_import(args)
    else:
        bench_match(args)


if __name__ == "__main__":
    main()
