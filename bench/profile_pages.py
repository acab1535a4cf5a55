"""Where an uncached public page's time goes, in one process: CPU, SQL and template.

Each URL is requested through Django's WSGI handler with production settings and the public-page
cache off, first a few times to warm the process (prepared statements, compiled templates), then
--requests times. Per request it prints:
- wall ms: the whole request;
- CPU ms: this process's CPU (`time.process_time`; PostgreSQL's own work is not in it);
- SQL ms: time inside the database driver's execute (round trip and PostgreSQL's work), and queries;
- template ms: rendering Jinja2 templates, less the SQL that rendering itself ran (the filter
  form's choices are read as the form is written out).
The bench table (`bench/run.py`) says how fast; this says why.

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
clock = {"sql": 0.0, "queries": 0, "render": 0.0, "sql_in_render": 0.0}


def timed_render(self, *args, **kwargs):
    started, sql_before = time.perf_counter(), clock["sql"]
    try:
        return _render(self, *args, **kwargs)
    finally:
        clock["render"] += time.perf_counter() - started
        clock["sql_in_render"] += clock["sql"] - sql_before


def timed_sql(execute, sql, params, many, context):
    started = time.perf_counter()
    try:
        return execute(sql, params, many, context)
    finally:
        clock["sql"] += time.perf_counter() - started
        clock["queries"] += 1


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
    clock.update(sql=0.0, queries=0, render=0.0, sql_in_render=0.0)
    cpu_started, wall_started = time.process_time(), time.perf_counter()
    with connection.execute_wrapper(timed_sql):
        for _ in range(requests):
            fetch(path)
    cpu = (time.process_time() - cpu_started) / requests * 1000
    wall = (time.perf_counter() - wall_started) / requests * 1000
    sql = clock["sql"] / requests * 1000
    template = (clock["render"] - clock["sql_in_render"]) / requests * 1000
    queries = clock["queries"] / requests
    return f"| {path[:56]:<56} | {wall:>7.2f} | {cpu:>6.2f} | {sql:>6.2f} | {queries:>7.0f} | {template:>11.2f} |"


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
    print(f"| {'URL':<56} | {'wall ms':>7} | {'CPU ms':>6} | {'SQL ms':>6} | {'queries':>7} | {'template ms':>11} |")
    print(f"|{'-' * 58}|{'-' * 9}|{'-' * 8}|{'-' * 8}|{'-' * 9}|{'-' * 13}|")
    for path in paths:
        print(profile(path, args.requests), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
