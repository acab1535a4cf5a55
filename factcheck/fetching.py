"""Fetch a web page for the importer: a short timeout, a size cap, HTML only."""

import http.client
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_USER_AGENT = "Pledgebook article importer"
_CHUNK = 64 * 1024


class FetchError(Exception):
    """The page could not be fetched; the message is written for an editor."""


@dataclass(frozen=True)
class FetchedPage:
    url: str
    data: bytes


def fetch_page(url: str, *, timeout: float | None = None, max_bytes: int | None = None) -> FetchedPage:
    """GET an http(s) URL and return its HTML bytes; FetchError for anything else."""
    timeout = settings.PLEDGEBOOK_IMPORT_URL_TIMEOUT if timeout is None else timeout
    max_bytes = settings.PLEDGEBOOK_IMPORT_MAX_BYTES if max_bytes is None else max_bytes
    if urlsplit(url).scheme not in {"http", "https"}:
        raise FetchError("Only web addresses starting with http:// or https:// can be imported.")
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT, "Accept": "text/html"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            content_type = response.headers.get_content_type()
            if content_type not in _HTML_TYPES:
                raise FetchError(f"The address gives {content_type}, not a web page (HTML).")
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(f"The page is larger than the {_megabytes(max_bytes)} limit.")
            data = _read_capped(response, max_bytes=max_bytes, deadline=time.monotonic() + timeout)
            return FetchedPage(url=response.geturl(), data=data)
    except urllib.error.HTTPError as error:
        raise FetchError(f"The site answered “{error.code} {error.reason}”.") from error
    except TimeoutError as error:
        raise FetchError(f"The site did not answer within {timeout:g} seconds.") from error
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise FetchError(f"The site did not answer within {timeout:g} seconds.") from error
        raise FetchError(f"The page could not be fetched ({error.reason}).") from error
    except (OSError, ValueError, http.client.HTTPException) as error:
        raise FetchError(f"The page could not be fetched ({error}).") from error


def _read_capped(response, *, max_bytes: int, deadline: float) -> bytes:
    """Read at most max_bytes, within the same time limit as the connection (a slow drip is a timeout)."""
    chunks, size = [], 0
    while chunk := response.read(_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"The page is larger than the {_megabytes(max_bytes)} limit.")
        if time.monotonic() > deadline:
            raise TimeoutError
        chunks.append(chunk)
    return b"".join(chunks)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"
