"""Benchmark: how many articles per second `import_articles` imports (not part of the tests).

Generates distinct article files in a temporary folder, then times the real
`import_articles` command on them (through call_command, output and all) against a
fresh, migrated database, --runs times (3 by default), and prints each run, the median
and the range. Process start, Django setup, migrations and writing the files are not
timed; they are reported separately. DEBUG is off, as in production (with DEBUG on,
Django keeps every query in memory); --debug turns it on.

    .venv/bin/python bench/import_articles.py                     # SQLite, in a temp file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pledgebook_bench .venv/bin/python bench/import_articles.py

On PostgreSQL the database named in DATABASE_URL is dropped and created afresh for each run.
--html N makes N of the files saved web pages instead of plain text; --workers 1 spots the
suggestions in the command's own process (the default is the command's: one worker a CPU, at most four).
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
WORDS = [
    "council",
    "minister",
    "funding",
    "hospital",
    "schools",
    "police",
    "budget",
    "housing",
    "transport",
    "report",
    "review",
    "plan",
    "families",
    "children",
    "services",
    "workers",
    "rail",
    "bus",
    "roads",
    "nurses",
    "teachers",
    "doctors",
    "homes",
    "jobs",
    "rates",
    "taxes",
    "water",
    "energy",
]
NAMES = ["Priya Shah", "Mark Evans", "Ruth Ellis", "Tom Brown", "Ann Lee", "Sam Cole", "Joe Hart", "Ella Moss"]


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    return " ".join(words).capitalize() + "."


def article_text(number: int, rng: random.Random) -> str:
    minister, critic = rng.sample(NAMES, 2)
    paragraphs = [
        f"Minister promises {number} new {rng.choice(WORDS)} for the region",
        f"By {rng.choice(NAMES)}",
        f"An extra £{number % 90 + 10}m will be spent on {rng.choice(WORDS)}, Secretary {minister} has announced.",
        *[" ".join(sentence(rng) for _ in range(3)) for _ in range(6)],
        "Under the proposals:",
        *[f"* {rng.randint(10, 900)} new {rng.choice(WORDS)} will be created by 2030." for _ in range(3)],
        f'The shadow secretary {critic} said: "This plan is far too little and far too late for {number} towns."',
        *[" ".join(sentence(rng) for _ in range(3)) for _ in range(4)],
    ]
    return "\n\n".join(paragraphs) + "\n"


def article_html(number: int, rng: random.Random) -> str:
    text = article_text(number, rng).split("\n\n")
    paragraphs = "".join(f"<p>{paragraph}</p>" for paragraph in text[2:])
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{text[0]} | The Bench Times</title>"
        f"<meta property='og:site_name' content='The Bench Times'><meta name='author' content='{text[1][3:]}'>"
        "<meta property='article:published_time' content='2024-05-04T09:30:00+01:00'></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{text[0]}</h1>{paragraphs}</article><footer>Copyright The Bench Times</footer></body></html>"
    )


def fresh_database(url: str) -> None:
    """Point Django at an empty database: a temp SQLite file, or PostgreSQL's DATABASE_URL recreated."""
    if not url.startswith("postgres"):
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='pledgebook-bench-')}/bench.sqlite3"
        return
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000, help="How many articles (default 1000).")
    parser.add_argument("--html", type=int, default=0, help="How many of them are saved web pages (default 0).")
    parser.add_argument("--runs", type=int, default=3, help="Timed runs, each on a fresh database (default 3).")
    parser.add_argument("--debug", action="store_true", help="Run with DEBUG on (Django then logs every query).")
    parser.add_argument("--profile", action="store_true", help="Profile one run; print the most expensive functions.")
    parser.add_argument(
        "--workers", type=int, default=None, help="The command's --workers (default: the command's own)."
    )
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ["DEBUG"] = "1" if args.debug else "0"
    url = os.environ.get("DATABASE_URL", "")
    fresh_database(url)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from factcheck.models import Article

    setup = time.perf_counter() - STARTED
    rng = random.Random(2010)
    rates = []
    with tempfile.TemporaryDirectory(prefix="pledgebook-articles-") as folder:
        for number in range(args.count):
            if number < args.html:
                Path(folder, f"article-{number:04d}.html").write_text(article_html(number, rng), encoding="utf-8")
            else:
                Path(folder, f"article-{number:04d}.txt").write_text(article_text(number, rng), encoding="utf-8")
        for run in range(1, (1 if args.profile else args.runs) + 1):
            if run > 1:
                connection.close()
                if connection.vendor == "sqlite":
                    Path(connection.settings_dict["NAME"]).unlink()  # recreated, empty, on the next query
                else:
                    fresh_database(url)
            call_command("migrate", verbosity=0)
            out = io.StringIO()
            load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
            profiler = _profiler() if args.profile else None
            started, cpu_started = time.perf_counter(), time.process_time()
            options = {} if args.workers is None else {"workers": args.workers}
            call_command("import_articles", folder, stdout=out, **options)
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
            if profiler:
                _print_profile(profiler)
            imported = Article.objects.count()
            summary = out.getvalue().strip().splitlines()[-1]
            rates.append(imported / elapsed)
            sys.stdout.write(
                f"run {run}: {summary} {imported} articles in {elapsed:.2f} s: {imported / elapsed:.0f} articles/s, "
                f"{elapsed / imported * 1000:.2f} ms an article; "
                f"this process's CPU {cpu:.2f} s (workers' not counted); load before: {load}\n"
            )
    if connection.vendor == "postgresql":
        vendor = f"PostgreSQL {connection.pg_version // 10000}.{connection.pg_version % 10000}"
    else:
        vendor = f"SQLite {connection.Database.sqlite_version} (a file in {tempfile.gettempdir()})"
    sys.stdout.write(
        f"database: {vendor}; files: {args.count} ({args.html} HTML); workers: {args.workers or 'default'}; "
        f"DEBUG {'on' if args.debug else 'off'}; "
        f"{len(rates)} runs: median {statistics.median(rates):.0f} articles/s, "
        f"range {min(rates):.0f}–{max(rates):.0f}; "
        f"not timed: process start and Django setup {setup:.2f} s, migrations and writing the files\n"
    )
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    sys.stdout.write(f"load average after (1, 5, 15 min): {load} on {os.cpu_count()} CPUs\n")


def _profiler():
    import cProfile

    profiler = cProfile.Profile()
    profiler.enable()
    return profiler


def _print_profile(profiler) -> None:
    import pstats

    profiler.disable()
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats("cumulative").print_stats(r"factcheck|bulk_create|base.py.*\(save\)|transaction", 40)
    stats.sort_stats("tottime").print_stats(20)


if __name__ == "__main__":
    main()
