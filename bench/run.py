"""The benchmark: each public page beside the static-file ceiling, through gunicorn with production settings.

For each cache mode (warm: PLEDGEBOOK_PUBLIC_CACHE_SECONDS=300; off: 0) it starts gunicorn on a
free loopback port against DATABASE_URL, then runs wrk with the same threads, connections and
duration against:
  1. a static file served by whitenoise through the same gunicorn (the ceiling on this stack),
     and /healthz, one "SELECT 1" through Django's whole middleware stack with no template (the
     floor under any uncached page: no page can cost less than it; never cached),
  2. the tracker /,
  3. /statements/?kind=pledge&rating=kept, page 1 and page 50,
  4. a statement page,
  5. a search, /statements/?q=...
and prints requests/s, p50 and p99 latency, errors (non-2xx answers and socket errors) and the
throughput as a ratio of the static file's. A page that answers 404 shows up as errors; one that
gives no answer within the run as "no answer". Each target gets a freshly started gunicorn.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pledgebook_prod_bench .venv/bin/python bench/run.py

Fill the database first with `manage.py generate_newsroom --articles 1000` (10,000 statements)
or `--articles 100000` (1,000,000). Needs wrk (`apt-get install wrk`). REDIS_URL, if set, is
passed on, so the warm cache is Redis as in production; unset, each worker caches in memory.
With the cache warm, each target is requested once before wrk starts (so every worker with a
shared Redis cache, or the one that answered with a per-process cache, has the page). In both
modes each fresh server then takes --settle seconds (default 2) of the same load, not counted.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.server import ROOT, Gunicorn, collectstatic, production_env

LUA = Path(__file__).resolve().parent / "wrk_report.lua"
MODES = {"warm": "300", "off": "0"}


@dataclass
class Result:
    name: str
    path: str
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    requests: int


def targets(database_url: str, q: str) -> dict[str, str]:
    """The URLs to measure: the static file's hashed name and a public statement come from the app itself."""
    code = (
        "import django, json; django.setup()\n"
        "from django.contrib.staticfiles.storage import staticfiles_storage\n"
        "from factcheck.models import Statement\n"
        "public = Statement.objects.public().order_by('pk')\n"
        "total = public.count()\n"
        "slug = public.values_list('slug', flat=True)[total // 2] if total else ''\n"
        "print(json.dumps({'static': staticfiles_storage.url('factcheck/site.css'), 'slug': slug, "
        "'statements': Statement.objects.count(), 'public': total}))"
    )
    env = production_env(database_url)
    found = json.loads(
        subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
        ).stdout
    )
    if not found["slug"]:
        raise SystemExit("No public statement in the database: run manage.py generate_newsroom first.")
    print(f"Database: {found['statements']:,} statements, {found['public']:,} public.")
    return {
        "static file (ceiling)": found["static"],
        "/healthz (Django's floor)": "/healthz",
        "tracker /": "/",
        "list kind+rating, page 1": "/statements/?kind=pledge&rating=kept",
        "list kind+rating, page 50": "/statements/?kind=pledge&rating=kept&page=50",
        "statement page": f"/statements/{found['slug']}/",
        "search": f"/statements/?{urllib.parse.urlencode({'q': q})}",
    }


def wrk(url: str, *, threads: int, connections: int, duration: int) -> dict:
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "-s", str(LUA), url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("JSON "))
    return json.loads(line[5:])


def warm_up(url: str) -> None:
    """One request before measuring, so "cache warm" means the page is in the cache (Redis, or this
    worker's memory) rather than the first seconds of the run computing it."""
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
    with urllib.request.urlopen(request, timeout=120) as response:
        response.read()


def measure(base: str, name: str, path: str, args, *, warm: bool) -> Result:
    if warm:
        warm_up(base + path)
    # Not counted: a short run first, so every worker has opened its database connection, prepared
    # its statements and compiled its templates; otherwise each fresh worker's first request lands
    # in the measured run's p99.
    wrk(base + path, threads=args.threads, connections=args.connections, duration=args.settle)
    figures = wrk(base + path, threads=args.threads, connections=args.connections, duration=args.duration)
    errors = figures["non2xx"] + figures["connect"] + figures["read"] + figures["write"] + figures["timeout"]
    return Result(
        name=name,
        path=path,
        rps=figures["requests"] / (figures["duration_us"] / 1e6),
        p50_ms=figures["p50_us"] / 1000,
        p99_ms=figures["p99_us"] / 1000,
        errors=errors,
        requests=figures["requests"],
    )


def print_table(mode: str, results: list[Result]) -> None:
    ceiling = results[0].rps or 1
    print(f"\nCache {mode}:")
    print(f"| {'target':<27} | {'req/s':>8} | {'p50 ms':>8} | {'p99 ms':>8} | {'errors':>13} | {'vs static':>9} |")
    print(f"|{'-' * 29}|{'-' * 10}|{'-' * 10}|{'-' * 10}|{'-' * 15}|{'-' * 11}|")
    for r in results:
        errors = f"{r.errors:,}/{r.requests:,}" if r.requests else "no answer"
        figures = f"{r.rps:>8,.0f} | {r.p50_ms:>8.1f} | {r.p99_ms:>8.1f} | {errors:>13} | {r.rps / ceiling:>9.2f}"
        print(f"| {r.name:<27} | {figures} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""), help="Default: $DATABASE_URL.")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections, the same for every target.")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads.")
    parser.add_argument("--duration", type=int, default=15, help="Seconds per target.")
    parser.add_argument(
        "--settle", type=int, default=2, help="Seconds of uncounted load on each fresh server before measuring."
    )
    parser.add_argument(
        "--workers", type=int, help="gunicorn workers (default: config/gunicorn.conf.py's 2 x cores + 1)."
    )
    parser.add_argument("--modes", default="warm,off", help="Cache modes to run: warm, off or both.")
    parser.add_argument("--q", default="nurses", help="The search term.")
    args = parser.parse_args()
    if not args.database_url.startswith("postgres"):
        parser.error("give a PostgreSQL --database-url (or set DATABASE_URL)")
    if not shutil.which("wrk"):
        parser.error("wrk is not installed: apt-get install wrk")
    env = production_env(args.database_url)
    collectstatic(env)
    urls = targets(args.database_url, args.q)
    print(
        f"wrk: {args.threads} threads, {args.connections} connections, {args.duration} s per target; "
        f"gunicorn workers: {args.workers or 'default (2 x cores + 1)'}; cpu cores: {os.cpu_count()}."
    )
    failed = False
    for mode in args.modes.split(","):
        server_env = production_env(args.database_url, PLEDGEBOOK_PUBLIC_CACHE_SECONDS=MODES[mode])
        results = []
        for name, path in urls.items():
            # A fresh server per target: requests a slow page left queued cannot slow the next one.
            with Gunicorn(server_env, workers=args.workers, log=ROOT / "bench" / f"gunicorn-{mode}.log") as base:
                results.append(measure(base, name, path, args, warm=mode == "warm"))
        print_table(mode, results)
        failed |= any(result.errors or not result.requests for result in results)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
