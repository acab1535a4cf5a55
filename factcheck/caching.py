"""Cache public pages, and drop them the moment anything public may have changed.

Nothing in the publishing service has to remember to clear a cache: every cached page is
keyed on a stamp of the data, read in one cheap query. Publishing, correcting or
unpublishing a verdict writes a row (a history row, a correction), so the stamp, and with
it every key, changes and the next reader gets a fresh page.

The stamp reads maxima of primary keys, which the database answers from its indexes:
- history rows of statements, verdicts and sources (django-simple-history writes one on
  every save and delete made through the ORM);
- statements, verdicts, corrections, articles, speakers, outlets and topics (new rows).
Corrections are never deleted (the admin refuses, Correction.verdict is PROTECT), so no count
of them is needed: counting them cost a scan of the table on every request (8 ms at a million
statements), where each maximum is one step down an index.
Edits that leave no trace there (renaming a speaker or outlet, changing a statement's
topics) show after at most PLEDGEBOOK_PUBLIC_CACHE_SECONDS (ten minutes by default).
"""

import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse

from .models import Article, Correction, Outlet, Source, Speaker, Statement, Topic, Verdict

DEFAULT_SECONDS = 600
KEPT_HEADERS = {"content-type", "content-disposition", "content-language"}


@functools.cache
def _stamp_sql(vendor: str) -> str:
    """The stamp's SQL, built once: reaching a history model through `Model.history` builds a
    manager class each time (a millisecond of introspection per request)."""

    def max_of(model, column: str) -> str:
        return f"(SELECT MAX({column}) FROM {connection.ops.quote_name(model._meta.db_table)})"

    parts = [
        max_of(Statement.history.model, "history_id"),
        max_of(Verdict.history.model, "history_id"),
        max_of(Source.history.model, "history_id"),
        *(max_of(model, "id") for model in (Statement, Verdict, Correction, Article, Speaker, Outlet, Topic)),
    ]
    return "SELECT " + ", ".join(parts)


def public_data_stamp() -> str:
    """A short string that changes whenever public data may have changed. One query.

    On PostgreSQL it is a prepared statement: planning its ten subqueries cost more than running
    them (about 5 ms a request); prepared once per connection (CONN_MAX_AGE keeps connections), it
    runs in well under a millisecond. A new connection, after a database restart, prepares it again.
    """
    sql = _stamp_sql(connection.vendor)
    with _stamp_cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    return "-".join(str(value) for value in row)


@functools.cache
def _prepared_cursor_class():
    import psycopg  # only with PostgreSQL

    class PreparedCursor(psycopg.Cursor):
        """Server-side binding (Django's default cursor binds on the client and cannot prepare)."""

        def execute(self, query, params=None, **kwargs):
            return super().execute(query, params, prepare=True)

    return PreparedCursor


def _stamp_cursor():
    if connection.vendor != "postgresql":
        return connection.cursor()
    connection.ensure_connection()
    raw = _prepared_cursor_class()(connection.connection)
    # Django's wrappers, so the query is counted and logged like any other.
    return connection.make_debug_cursor(raw) if connection.queries_logged else connection.make_cursor(raw)


def cache_public_page(view):
    """Serve a public GET view from the cache, keyed on the data stamp and the full URL.

    Only successful, anonymous-safe responses are stored; the view must not vary by user.
    """

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        seconds = getattr(settings, "PLEDGEBOOK_PUBLIC_CACHE_SECONDS", DEFAULT_SECONDS)
        if request.method not in ("GET", "HEAD") or seconds == 0:
            # 0 turns the cache off: neither read nor written (a page stored earlier, by a server
            # with the cache on and the same Redis, must not be served either).
            return view(request, *args, **kwargs)
        url = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"pledgebook:public:{public_data_stamp()}:{url}"
        cached = cache.get(key)
        if cached is not None:
            content, headers = cached
            return HttpResponse(content, headers=headers)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if response.status_code == 200 and not response.streaming:
            headers = {name: value for name, value in response.headers.items() if name.lower() in KEPT_HEADERS}
            cache.set(key, (response.content, headers), seconds)
        return response

    return wrapper
