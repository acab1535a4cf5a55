"""Where an uncached public page's time goes, in one process: CPU, queries, database and template.

Each URL is requested through Django's WSGI handler with production settings and the public-page
cache off, first a few times to warm the process (prepared statements, compiled templates), then
--requests times. For each it prints the CPU time per request (`time.process_time`: Python's share
only; PostgreSQL's own work is the database column), the queries and their time as Django logs it,
and the time spent rendering Jinja2 templates. The bench table (`bench/run.py`) says how fast;
this says why.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pledgebook_perf_10k .venv/bin/python bench/profile_pages.py
"""

import argparse
import os
import secrets
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.update(
    DJANGO_SETTINGS_MODULE="config.settings.production",
    SECRET_KEY=os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
    ALLOWED_HOSTS="testserver",
    PLEDGEBOOK_PUBLIC_CACHE_SECONDS="0",
    LOG_LEVEL=os.environ.get("LOG_LEVEL", "WARNING"),
)

import django

django.setup()

from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.template.backends.jinja2 import Template
from django.test import RequestFactory

from factcheck.models import Statement

_render = Template.render
rendering = [0.0]


def timed_render(self, *args, **kwargs):
    started = time.process_time()
    try:
        return _render(self, *args, **kwargs)
    finally:
        rendering[0] += time.process_time() - started


Template.render = timed_render
handler = WSGIHandler()
factory = RequestFactory()


def fetch(path: str) -> None:
    statuses = []
    environ = factory.get(path, HTTP_X_FORWARDED_PROTO="https").environ
    body = handler(environ, lambda status, headers: statuses.append(status))
    b"".join(body)
    body.close()
    if not statuses[0].startswith("200"):
        raise SystemExit(f"{path} answered {statuses[0]}")


def profile(path: str, requests: int) -> str:
    for _ in range(10):
        fetch(path)
    connection.force_debug_cursor = True
    fetch(path)  # Django empties connection.queries when a request starts
    queries = list(connection.queries)
    connection.force_debug_cursor = False
    rendering[0] = 0.0
    started = time.process_time()
    for _ in range(requests):
        fetch(path)
    cpu = (time.process_time() - started) / requests * 1000
    database = sum(float(query["time"]) for query in queries) * 1000
    templates = rendering[0] / requests * 1000
    return f"| {path[:60]:<60} | {cpu:>7.2f} | {templates:>8.2f} | {len(queries):>7} | {database:>6.1f} |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=200, help="Timed requests per URL.")
    parser.add_argument("--q", default="nurses", help="The search term.")
    parser.add_argument("paths", nargs="*", help="URLs to profile (default: the benchmark's pages).")
    args = parser.parse_args()
    public = Statement.objects.public().order_by("pk")
    total = public.count()
    if not total:
        raise SystemExit("No public statement in the database: run manage.py generate_newsroom first.")
    slug = public.values_list("slug", flat=True)[total // 2]
    paths = args.paths or [
        "/healthz",
        "/",
        "/statements/?kind=pledge&rating=kept",
        "/statements/?kind=pledge&rating=kept&page=50",
        f"/statements/{slug}/",
        f"/statements/?q={args.q}",
    ]
    print(f"Database: {Statement.objects.count():,} statements, {total:,} public; {args.requests} requests per URL.")
    print(f"| {'URL':<60} | {'CPU ms':>7} | {'Jinja ms':>8} | {'queries':>7} | {'DB ms':>6} |")
    print(f"|{'-' * 62}|{'-' * 9}|{'-' * 10}|{'-' * 9}|{'-' * 8}|")
    for path in paths:
        print(profile(path, args.requests), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
