"""Benchmark: how many articles per second `import_articles` imports (not part of the tests).

Generates distinct article files in a temporary folder, then times the real
`import_articles` command on them against a fresh, migrated database:

    .venv/bin/python bench/import_articles.py                     # SQLite, in a temp file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pledgebook_bench .venv/bin/python bench/import_articles.py

On PostgreSQL the database named in DATABASE_URL is dropped and created afresh.
--html N makes N of the files saved web pages instead of plain text.
"""

import argparse
import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path

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


def fresh_database() -> None:
    """Point Django at an empty database: a temp SQLite file, or PostgreSQL's DATABASE_URL recreated."""
    url = os.environ.get("DATABASE_URL", "")
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
    parser.add_argument("--profile", action="store_true", help="Print the 25 most expensive functions.")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    fresh_database()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from factcheck.models import Article

    call_command("migrate", verbosity=0)
    rng = random.Random(2010)
    with tempfile.TemporaryDirectory(prefix="pledgebook-articles-") as folder:
        for number in range(args.count):
            if number < args.html:
                Path(folder, f"article-{number:04d}.html").write_text(article_html(number, rng), encoding="utf-8")
            else:
                Path(folder, f"article-{number:04d}.txt").write_text(article_text(number, rng), encoding="utf-8")
        out = io.StringIO()
        profiler = None
        if args.profile:
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        started, cpu_started = time.perf_counter(), time.process_time()
        call_command("import_articles", folder, stdout=out)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        if profiler:
            import pstats

            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    imported = Article.objects.count()
    summary = out.getvalue().strip().splitlines()[-1]
    sys.stdout.write(f"database: {connection.vendor}; files: {args.count} ({args.html} HTML); {summary}\n")
    sys.stdout.write(f"imported {imported} articles in {elapsed:.2f} s: {imported / elapsed:.0f} articles per second\n")
    # The machine is shared: the CPU time this process used, and the load, say how much of it was ours.
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    sys.stdout.write(
        f"process CPU time {cpu:.2f} s ({imported / cpu:.0f} articles per CPU-second); load average {load}\n"
    )


if __name__ == "__main__":
    main()
