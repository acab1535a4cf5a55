"""Cache public pages, and drop them the moment anything public may have changed.

A cached page is served by `PublicPageCacheMiddleware`, which sits right after WhiteNoise: a
reader's hit costs one read of the small stamp from the shared cache, plus the page itself
unless this process served it lately (`_RecentPages`), and skips sessions, CSRF, auth, history
and the view. Views opt in with
`@cache_public_page`; only their successful responses are stored, under the stamp read before
the view ran (so a page is never stored under a newer stamp than the data it shows).

Every key carries a stamp: a generation counter and a stamp of the database (`public_data_stamp`,
one cheap query), kept together in the cache and rebuilt when missing. Saving or deleting anything
a public page shows (`_public_data_changed`, connected in apps.py) moves the counter on and drops
the stamp at once, then does both again when the transaction commits, replacing any stamp a reader
put back meanwhile from the old data: cache bookkeeping only, no business rule lives there. Writes
that send no signal (the generator's COPY, raw SQL) call `forget_public_pages()`. With Redis the
counter is shared, so a change shows at once on every server; with the per-process memory cache a
worker sees another's changes once its stamp expires (PLEDGEBOOK_PUBLIC_STAMP_SECONDS).

While the database cannot be reached, each public URL's last stored copy is served (`_outage_copy`),
for as long as the outage lasts, unless something was withdrawn or changed since it was stored: a
second counter, the withdrawal epoch, moves on with every change that is not only an addition (an
edit, a correction, an unpublication, a deletion; `_withdraws`), and a copy is served only under the
epoch it was stored with. A copy may lack a verdict published since; it never shows one that was
taken back. A page with no such copy answers the 503 page (factcheck/outage.py).

The database stamp reads maxima of primary keys, which the database answers from its indexes:
- history rows of statements, verdicts and sources (django-simple-history writes one on
  every save and delete made through the ORM);
- statements, verdicts, corrections, articles, speakers, outlets and topics (new rows).
Corrections are never deleted (the admin refuses, Correction.verdict is PROTECT), so no count
of them is needed.
"""

import functools
import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import signals
from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import Resolver404, resolve

from .models import Article, Correction, Outlet, Source, Speaker, Statement, Topic, Verdict
from .outage import DATABASE_DOWN, database_known_down, note_database_down, service_unavailable

DEFAULT_SECONDS = 600
DEFAULT_STAMP_SECONDS = 5
STAMP_KEY = "pledgebook:public:stamp"
# How long a process trusts the stamp it last read; a change made by another process (or server)
# reaches this one's readers within this many seconds, one made here at once.
DEFAULT_STAMP_MEMORY_SECONDS = 1.0
_remembered_stamp: list = [None]  # [(stamp, monotonic deadline)] or [None]; one item, swapped whole
# Pages each process keeps in its own memory besides the shared cache (about 30 KB each).
RECENT_PAGES = 200
GENERATION_KEY = "pledgebook:public:generation"
# Moved on by changes that may take something back from a page (see the module's docstring).
EPOCH_KEY = "pledgebook:public:epoch"
# Headers a cached copy answers with; X-Robots-Tag keeps sitemaps out of search results.
KEPT_HEADERS = {"content-type", "content-disposition", "content-language", "last-modified", "x-robots-tag"}


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


def cache_seconds() -> int:
    return getattr(settings, "PLEDGEBOOK_PUBLIC_CACHE_SECONDS", DEFAULT_SECONDS)


def stamp_seconds() -> int:
    return getattr(settings, "PLEDGEBOOK_PUBLIC_STAMP_SECONDS", DEFAULT_STAMP_SECONDS)


def current_stamp(*, ask_database: bool = True) -> str | None:
    """The stamp every page key carries: from this process's memory for up to
    PLEDGEBOOK_PUBLIC_STAMP_MEMORY_SECONDS, else from the shared cache, else rebuilt (one query;
    None instead when `ask_database` is false). Raises the database's error if it cannot answer."""
    now = time.monotonic()
    memory = getattr(settings, "PLEDGEBOOK_PUBLIC_STAMP_MEMORY_SECONDS", DEFAULT_STAMP_MEMORY_SECONDS)
    remembered = _remembered_stamp[0]
    if memory > 0 and remembered is not None and now < remembered[1]:
        return remembered[0]
    stamp = cache.get(STAMP_KEY)
    if stamp is None:
        if not ask_database:
            return None
        stamp = _fresh_stamp()
        # add, not set: a writer's fresher stamp, set meanwhile, wins.
        cache.add(STAMP_KEY, stamp, stamp_seconds())
    _remembered_stamp[0] = (stamp, now + memory) if memory > 0 else None
    return stamp


def forget_public_pages(*, withdrawn: bool = True) -> None:
    """Public data changed: every page stored so far is dropped, for readers on every server.

    `withdrawn` (the default, for writes outside the ORM) also retires the copies kept for outages.
    """
    _next(GENERATION_KEY)
    if withdrawn:
        _next(EPOCH_KEY)
    cache.delete(STAMP_KEY)
    _remembered_stamp[0] = None


def _fresh_stamp() -> str:
    return f"{_counter(GENERATION_KEY)}.{_counter(EPOCH_KEY)}.{public_data_stamp()}"


def _epoch_of(stamp: str) -> int | None:
    try:
        return int(stamp.split(".", 2)[1])
    except (IndexError, ValueError):
        return None


def _counter(key: str) -> int:
    """A counter in the shared cache that changes move on, so edits the database stamp cannot see (a
    renamed speaker) still change every key. Started from the clock, so a lost counter never restarts
    at a number old pages were stored under."""
    value = cache.get(key)
    if value is None:
        cache.add(key, time.time_ns(), timeout=None)
        value = cache.get(key)
    return value


def _next(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # no counter yet (or it was evicted): start one
        cache.add(key, time.time_ns(), timeout=None)


def _after_commit(withdrawn: bool) -> None:
    """Replace whatever stamp readers put back while the transaction was open: they read the old data."""
    _next(GENERATION_KEY)
    if withdrawn:
        _next(EPOCH_KEY)
    cache.set(STAMP_KEY, _fresh_stamp(), stamp_seconds())
    _remembered_stamp[0] = None


def _public_data_changed(sender, instance=None, created=False, raw=False, signal=None, **kwargs) -> None:
    """A row public pages may show was saved or deleted: drop the stamp now, restamp on commit.

    Dropping it at once makes this transaction's own reads (and tests, which never commit) see
    the change; restamping after the commit replaces a stale stamp that a reader may have put
    back in between. New articles and statements are not public yet, so an import triggers nothing.
    """
    if created and sender in (Article, Statement) and getattr(instance, "current_verdict_id", None) is None:
        return
    withdrawn = _withdraws(sender, instance, created=created, signal=signal)
    forget_public_pages(withdrawn=withdrawn)
    transaction.on_commit(functools.partial(_after_commit, withdrawn))


def _withdraws(sender, instance, *, created: bool, signal) -> bool:
    """Whether a change may take back or alter something a page showed, rather than only add to it.

    Only new rows and a verdict saved as published (publishing a draft) add; a correction (which
    also records every unpublication), any other edit, a deletion or a change of topics may not.
    """
    if signal is not signals.post_save or sender is Correction:
        return True
    if created:
        return False
    return not (sender is Verdict and instance.status == Verdict.Status.PUBLISHED)


def connect_public_page_invalidation() -> None:
    """Called from the app's ready(): every ORM save or delete of public data drops the stamp."""
    for model in (Article, Statement, Verdict, Source, Correction, Speaker, Outlet, Topic):
        signals.post_save.connect(_public_data_changed, sender=model, dispatch_uid=f"public-pages-{model.__name__}")
        signals.post_delete.connect(_public_data_changed, sender=model, dispatch_uid=f"public-pages-{model.__name__}")
    signals.m2m_changed.connect(
        _public_data_changed, sender=Statement.topics.through, dispatch_uid="public-pages-statement-topics"
    )


def _url_digest(path: str, query: QueryDict) -> str:
    return hashlib.sha256(f"{path}?{query.urlencode()}".encode()).hexdigest()


def _page_key(stamp: str, digest: str) -> str:
    return f"pledgebook:public:{stamp}:{digest}"


def _copy_key(digest: str) -> str:
    """The URL's last stored copy, kept for outages (no expiry: Redis's LRU policy evicts it)."""
    return f"pledgebook:public:last:{digest}"


def _outage_copy(digest: str) -> HttpResponse | None:
    """The URL's last copy, if nothing was withdrawn since it was stored; read from the cache alone."""
    found = cache.get_many([_copy_key(digest), EPOCH_KEY])
    copy, epoch = found.get(_copy_key(digest)), found.get(EPOCH_KEY)
    if copy is None or epoch is None or copy[0] != epoch:
        return None
    content, headers = copy[1]
    return HttpResponse(content, headers={**headers, "Content-Length": str(len(content))})


def only_reads(query: QueryDict, reads: frozenset[str]) -> QueryDict:
    """The query parameters a view reads, in name order, without empty values."""
    kept = QueryDict(mutable=True)
    for name in sorted(reads.intersection(query)):
        values = [value for value in query.getlist(name) if value]
        if values:
            kept.setlist(name, values)
    kept._mutable = False
    return kept


def cache_public_page(view=None, *, reads: Iterable[str] = ()):
    """Mark a GET view whose responses are the same for every reader, so the middleware caches them.

    `reads` names the query parameters the view uses. The view sees only those (request.GET is
    narrowed), and the page's cache key holds only those: a link shared with utm_source or fbclid,
    or a form sent with empty fields, is the page already cached, and made-up parameters cannot
    fill the cache with copies of one page.
    """
    if view is None:
        return functools.partial(cache_public_page, reads=reads)
    view_reads = frozenset(reads)

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        request.GET = only_reads(request.GET, view_reads)
        key = getattr(request, "public_page_key", None)
        try:
            response = view(request, *args, **kwargs)
            if key is not None and hasattr(response, "render") and callable(response.render):
                response = response.render()
        except DATABASE_DOWN as error:
            copy = _outage_copy(request.public_page_digest) if key is not None else None
            if copy is None:
                raise  # the 503 page (outage.DatabaseOutageMiddleware)
            note_database_down(error)
            return copy
        if key is None:
            return response
        if response.status_code == 200 and not response.streaming and not response.cookies:
            headers = {name: value for name, value in response.headers.items() if name.lower() in KEPT_HEADERS}
            page = (response.content, headers)
            cache.set(key, page, cache_seconds())
            if request.public_page_epoch is not None:
                cache.set(_copy_key(request.public_page_digest), (request.public_page_epoch, page), timeout=None)
            _recent_pages.put(key, page)
        return response

    wrapper.public_page = True
    wrapper.public_page_reads = view_reads
    return wrapper


class _RecentPages:
    """The pages this process served last, kept in its memory: a hit then reads only the small
    stamp from the shared cache, not the page. Safe because a key names the stamp it was stored
    under: once the data changes, no request asks for the old keys again, and they age out."""

    def __init__(self, size: int):
        self.size = size
        self.pages: OrderedDict[str, tuple] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> tuple | None:
        with self.lock:
            page = self.pages.get(key)
            if page is not None:
                self.pages.move_to_end(key)
            return page

    def put(self, key: str, page: tuple) -> None:
        with self.lock:
            self.pages[key] = page
            self.pages.move_to_end(key)
            while len(self.pages) > self.size:
                self.pages.popitem(last=False)


_recent_pages = _RecentPages(size=RECENT_PAGES)


class PublicPageCacheMiddleware:
    """Answer a cached public page before sessions, CSRF, auth and the view run.

    Only URLs whose view is marked with @cache_public_page are looked up; PLEDGEBOOK_PUBLIC_CACHE_SECONDS
    = 0 turns the cache off (neither read nor written: a page stored earlier by a server with the
    cache on and the same Redis must not be served either).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD") or cache_seconds() == 0:
            return self.get_response(request)
        view = _public_page_view(request.path_info)
        if view is None:
            return self.get_response(request)
        request.get_host()  # ALLOWED_HOSTS holds for hits too (CommonMiddleware, which checks it, comes later)
        digest = _url_digest(request.path, only_reads(request.GET, view.public_page_reads))
        known_down = database_known_down()
        try:
            stamp = current_stamp(ask_database=not known_down)
        except DATABASE_DOWN as error:
            note_database_down(error)
            stamp = None
        if stamp is None:  # the database cannot be asked: the last copy, or the 503 page
            return _outage_copy(digest) or service_unavailable(request)
        key = _page_key(stamp, digest)
        cached = _recent_pages.get(key)
        if cached is None:
            cached = cache.get(key)
            if cached is not None:
                _recent_pages.put(key, cached)
        if cached is not None:
            content, headers = cached
            return HttpResponse(content, headers={**headers, "Content-Length": str(len(content))})
        if known_down:
            return _outage_copy(digest) or service_unavailable(request)
        request.public_page_key = key
        request.public_page_digest = digest
        request.public_page_epoch = _epoch_of(stamp)
        return self.get_response(request)


def _public_page_view(path: str):
    """The view of `path` if it is marked with @cache_public_page, else None."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.func if getattr(match.func, "public_page", False) else None
