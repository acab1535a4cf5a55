"""Load test: public readers and an editor publishing at the same time, optionally through a PostgreSQL restart.

Starts gunicorn with production settings on a free loopback port against DATABASE_URL, then for
--duration seconds keeps --connections concurrent readers on a mix of public URLs while an editor
publishes a new verdict every --publish-every seconds (drafted by a fact-checker, published by an
editor, through factcheck.publishing as the admin's publish action does). Afterwards it checks
that every verdict it published is on its statement's page.

With --restart-postgres-at S it restarts PostgreSQL S seconds in (pg_ctlcluster, --pg-cluster)
and reports the window in which requests failed; gunicorn is not restarted. Pages the readers had
been answered before the restart began were cached, so they must be served throughout it: a 5xx
or socket error on one of them fails the run, as does any 500 (an outage answers 503), a failure
outside the restart's window, any other non-2xx answer, or a published verdict missing from its page.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pledgebook_prod_load .venv/bin/python loadtest/run.py
    ... loadtest/run.py --restart-postgres-at 20 --pg-cluster "15 main"
    ... loadtest/run.py --restart-postgres-at 20 --down-for 20 --pg-cluster "15 main"   # a 20 s outage

Loopback only; bounded by --duration and a 10 s timeout per request.
"""

import argparse
import html
import http.client
import os
import random
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.server import ROOT, Gunicorn, collectstatic, production_env


@dataclass
class Outcome:
    at: float  # seconds since the start
    path: str
    status: int  # 0 for a socket error or timeout
    error: str = ""


@dataclass
class Published:
    slug: str
    headline: str


@dataclass
class Run:
    started: float = field(default_factory=time.monotonic)
    outcomes: list[Outcome] = field(default_factory=list)
    published: list[Published] = field(default_factory=list)
    publish_errors: list[tuple[float, str]] = field(default_factory=list)
    restart: tuple[float, float] | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def now(self) -> float:
        return time.monotonic() - self.started


def setup_django(database_url: str) -> None:
    os.environ.update(production_env(database_url))
    import django

    django.setup()


def url_mix() -> tuple[list[str], list]:
    """Public URLs readers ask for, weighted like real traffic, and the statements to follow up."""
    from factcheck.models import Article, Speaker, Statement

    statements = list(Statement.objects.public().order_by("?").select_related("speaker")[:300])
    if not statements:
        raise SystemExit("No public statement: run manage.py generate_newsroom first.")
    articles = Article.objects.public().order_by("?").values_list("slug", flat=True)[:50]
    speakers = Speaker.objects.filter(statements__in=[s.pk for s in statements]).values_list("slug", flat=True)[:50]
    paths = ["/"] * 10 + [
        "/statements/?kind=pledge&rating=kept",
        "/statements/?kind=criticism&rating=borne-out&page=2",
        "/statements/?q=" + urllib.parse.quote("nurses"),
    ] * 3
    paths += [statement.get_absolute_url() for statement in statements]
    paths += [f"/articles/{slug}/" for slug in articles] + [f"/speakers/{slug}/" for slug in speakers]
    return paths, statements


def reader(base: str, paths: list[str], run: Run, deadline: float) -> None:
    host, port = urllib.parse.urlsplit(base).netloc.split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    chooser = random.Random()
    while time.monotonic() < deadline:
        path = chooser.choice(paths)
        try:
            connection.request("GET", path, headers={"X-Forwarded-Proto": "https"})
            response = connection.getresponse()
            response.read()
            outcome = Outcome(run.now(), path, response.status)
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
        except (OSError, http.client.HTTPException) as error:
            connection.close()
            outcome = Outcome(run.now(), path, 0, type(error).__name__)
        with run.lock:
            run.outcomes.append(outcome)


def editor(statements: list, run: Run, deadline: float, every: float) -> None:
    from django.contrib.auth.models import Group
    from django.db import connection

    from factcheck.models import Verdict
    from factcheck.publishing import SourceData, draft_verdict, publish_verdict
    from factcheck.roles import EDITOR, FACT_CHECKER

    checker, editor_user = (
        _user("loadtest-fact-checker", Group.objects.get(name=FACT_CHECKER)),
        _user("loadtest-editor", Group.objects.get(name=EDITOR)),
    )
    number = 0
    while time.monotonic() < deadline:
        time.sleep(every)
        number += 1
        statement = random.choice(statements)
        headline = f"Load test follow-up {number} at {run.now():.1f} s <&>"
        try:
            latest = Verdict.objects.published().filter(statement=statement).latest_first().first()
            verdict = draft_verdict(
                statement=statement,
                rating=random.choice(statement.scale.ratings[1:]),
                headline=headline,
                explanation="Checked again during the load test.",
                checked_on=max(latest.checked_on, time_today()) if latest else time_today(),
                sources=[SourceData(title="Load test source", url=f"https://example.org/load/{number}")],
                author=checker,
            )
            publish_verdict(verdict=verdict, publisher=editor_user)
        except Exception as error:  # any failure is reported, then the editor tries again
            connection.close()
            with run.lock:
                run.publish_errors.append((run.now(), f"{type(error).__name__}: {error}"[:200]))
            continue
        with run.lock:
            run.published.append(Published(statement.slug, headline))


def time_today():
    from django.utils import timezone

    return timezone.localdate()


def _user(username: str, group):
    from django.contrib.auth import get_user_model

    user, _ = get_user_model().objects.get_or_create(username=username, defaults={"is_staff": True})
    user.groups.add(group)
    return get_user_model().objects.get(pk=user.pk)  # fresh, so its permission cache sees the group


def restart_postgres(cluster: str, at: float, down_for: float, run: Run) -> None:
    """Restart the cluster at `at` seconds; with `down_for`, stop it and start it again that much later."""
    time.sleep(max(0.0, at - run.now()))
    version, name = cluster.split()
    began = run.now()
    command = ["pg_ctlcluster", "--skip-systemctl-redirect", version, name]
    if down_for:
        subprocess.run([*command, "stop"], check=True)
        time.sleep(down_for)
        subprocess.run([*command, "start"], check=True)
    else:
        subprocess.run([*command, "restart"], check=True)
    run.restart = (began, run.now())


def visible(base: str, published: list[Published]) -> list[Published]:
    """The published verdicts whose headline is missing from their statement's public page."""
    host, port = urllib.parse.urlsplit(base).netloc.split(":")
    missing = []
    for item in published:
        connection = http.client.HTTPConnection(host, int(port), timeout=10)
        connection.request("GET", f"/statements/{item.slug}/", headers={"X-Forwarded-Proto": "https"})
        response = connection.getresponse()
        body = response.read().decode()
        connection.close()
        if response.status != 200 or html.escape(item.headline) not in body:
            missing.append(item)
    return missing


def report(run: Run, args, missing: list[Published]) -> int:
    outcomes = run.outcomes
    bad = [o for o in outcomes if not 200 <= o.status < 300]
    duration = max(o.at for o in outcomes) if outcomes else 0
    print(
        f"{len(outcomes):,} requests in {duration:.0f} s ({len(outcomes) / max(duration, 1):,.0f}/s), "
        f"{args.connections} connections"
    )
    statuses = Counter(o.status for o in outcomes)
    print(
        "answers: " + ", ".join(f"{status or 'socket error'}: {count:,}" for status, count in sorted(statuses.items()))
    )
    by_path = Counter(
        (o.path.split("?")[0].rsplit("/", 2)[0] + "/…" if o.path.count("/") > 2 else o.path.split("?")[0], o.status)
        for o in bad
    )
    for (path, status), count in by_path.most_common(10):
        print(f"  failed: {count:,} × {status or 'socket error'} on {path}")
    print(f"verdicts published during the load: {len(run.published)}; publish failures: {len(run.publish_errors)}")
    for at, error in run.publish_errors[:5]:
        print(f"  at {at:.1f} s: {error}")
    print(f"published verdicts missing from their public page afterwards: {len(missing)}")
    # A 5xx or a socket error means the app could not answer (the database was away); any other
    # non-2xx (a 404 for a page that does not exist) is a failure wherever it happens.
    unavailable = [o for o in bad if o.status == 0 or o.status >= 500]
    wrong = [o for o in bad if o not in unavailable]
    print(f"non-2xx other than 5xx (always a failure): {len(wrong):,}")
    failed = bool(missing or wrong)
    if run.restart:
        began, ended = run.restart
        print(f"PostgreSQL restart: from {began:.1f} s to {ended:.1f} s ({ended - began:.1f} s)")
        if unavailable:
            first, last = min(o.at for o in unavailable), max(o.at for o in unavailable)
            print(
                f"failure window (5xx and socket errors): {first:.1f} s to {last:.1f} s ({last - first:.1f} s), "
                f"{len(unavailable):,} requests"
            )
        else:
            print("failure window: none, no request failed")
        cached = {o.path for o in outcomes if o.at < began and 200 <= o.status < 300}
        during = [o for o in outcomes if began <= o.at <= ended + args.grace]
        on_cached = [o for o in during if o.path in cached]
        print(
            f"during the restart (+{args.grace:.0f} s grace): {len(during):,} requests; on pages cached before it "
            f"({len(cached):,} addresses): {len(on_cached):,}, of which 5xx or socket errors: "
            f"{sum(o in unavailable for o in on_cached):,}; on other pages: {len(during) - len(on_cached):,}, "
            f"of which 503: {sum(o.status == 503 for o in during if o.path not in cached):,}, other 5xx or socket "
            f"errors: {sum(o in unavailable and o.status != 503 for o in during if o.path not in cached):,}"
        )
        errors_500 = sum(o.status == 500 for o in outcomes)
        print(f"500 answers (never expected; an outage answers 503): {errors_500:,}")
        outside = [o for o in unavailable if not began - 1 <= o.at <= ended + args.grace]
        late = [at for at, _ in run.publish_errors if not began - 1 <= at <= ended + args.grace]
        print(
            f"failures outside the restart (+{args.grace:.0f} s grace): "
            f"{len(outside):,} requests, {len(late)} publications"
        )
        after = [o for o in outcomes if o.at > ended + args.grace]
        print(
            f"requests after recovery: {len(after):,}, of which 5xx or socket errors: "
            f"{sum(o in unavailable for o in after):,}"
        )
        failed |= bool(outside or late or errors_500) or not after
        failed |= any(o in unavailable for o in on_cached)
    else:
        failed |= bool(unavailable or run.publish_errors)
    print("RESULT: " + ("FAIL" if failed else "PASS"))
    return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""), help="Default: $DATABASE_URL.")
    parser.add_argument("--duration", type=int, default=60, help="Seconds of load (default 60).")
    parser.add_argument("--connections", type=int, default=64, help="Concurrent readers (default 64).")
    parser.add_argument("--publish-every", type=float, default=1.0, help="Seconds between publications.")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default 2 x cores + 1).")
    parser.add_argument("--restart-postgres-at", type=float, help="Restart PostgreSQL this many seconds in.")
    parser.add_argument(
        "--down-for", type=float, default=0.0, help="With --restart-postgres-at: stop it for this many seconds."
    )
    parser.add_argument("--pg-cluster", default="15 main", help='pg_ctlcluster version and name (default "15 main").')
    parser.add_argument("--grace", type=float, default=2.0, help="Seconds after the restart failures are tolerated.")
    args = parser.parse_args()
    if not args.database_url.startswith("postgres"):
        parser.error("give a PostgreSQL --database-url (or set DATABASE_URL)")
    env = production_env(args.database_url)
    collectstatic(env)
    setup_django(args.database_url)
    paths, statements = url_mix()
    with Gunicorn(env, workers=args.workers, log=ROOT / "loadtest" / "gunicorn.log") as base:
        run = Run()
        deadline = time.monotonic() + args.duration
        threads = [threading.Thread(target=reader, args=(base, paths, run, deadline)) for _ in range(args.connections)]
        threads.append(threading.Thread(target=editor, args=(statements, run, deadline, args.publish_every)))
        if args.restart_postgres_at is not None:
            outage = (args.pg_cluster, args.restart_postgres_at, args.down_for, run)
            threads.append(threading.Thread(target=restart_postgres, args=outage))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        missing = visible(base, run.published)
    return report(run, args, missing)


if __name__ == "__main__":
    sys.exit(main())
