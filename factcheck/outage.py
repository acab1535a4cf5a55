"""When the database cannot be reached: a 503 page with Retry-After instead of a traceback or a 500.

`DatabaseOutageMiddleware` turns a lost connection raised anywhere in a view (public pages, the
admin, its login) into that page; public pages first try their last cached copy
(factcheck.caching). After a failure each process remembers for PLEDGEBOOK_OUTAGE_RETRY_SECONDS that
the database is away and answers public pages from their copies without asking it again: a server
that does not answer at all takes the connect timeout to fail, which would hold every worker.
"""

import logging
import time

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

# What a database that went away raises: the connection was refused, dropped or closed.
DATABASE_DOWN = (OperationalError, InterfaceError)

_down_until: list[float] = [0.0]  # monotonic time; one item, swapped whole


def database_known_down() -> bool:
    """True while a recent failure is remembered (never when PLEDGEBOOK_OUTAGE_RETRY_SECONDS is 0)."""
    return settings.PLEDGEBOOK_OUTAGE_RETRY_SECONDS > 0 and time.monotonic() < _down_until[0]


def note_database_down(error: Exception) -> None:
    """Remember the failure; log it once per retry window, not once per request."""
    if not database_known_down():
        logger.error("database unavailable: answering from cached copies or 503", exc_info=error)
    _down_until[0] = time.monotonic() + settings.PLEDGEBOOK_OUTAGE_RETRY_SECONDS


def service_unavailable(request: HttpRequest) -> HttpResponse:
    """The 503 page: rendered without the database, never cached, with Retry-After."""
    retry_after = settings.PLEDGEBOOK_OUTAGE_RETRY_AFTER
    try:
        content = render_to_string("503.html", {"retry_after": retry_after}, request=request, using="jinja2")
    except Exception:  # the page must not fail in its turn; plain text says the same
        logger.exception("the 503 page could not be rendered")
        content = f"This page is temporarily unavailable. Please try again in {retry_after} seconds."
    response = HttpResponse(content, status=503)
    response["Retry-After"] = str(retry_after)
    add_never_cache_headers(response)
    return response


class DatabaseOutageMiddleware:
    """A view that lost its database connection answers the 503 page, with DEBUG on or off."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DATABASE_DOWN):
            return None
        note_database_down(exception)
        return service_unavailable(request)
