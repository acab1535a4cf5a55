"""Saved web pages and fetched URLs: trafilatura finds the text and metadata; hostile markup stays text."""

import threading
import time
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from ipaddress import ip_network
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings

from factcheck.fetching import FETCH_FAILED
from factcheck.importing import ArticleImportError, import_article, import_url
from factcheck.models import Article

pytestmark = pytest.mark.django_db

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Minister pledges £40m for libraries | The Daily Example</title>
<meta property="og:title" content="Minister pledges £40m for libraries">
<meta property="og:site_name" content="The Daily Example">
<meta name="author" content="Jane Smith">
<meta property="article:published_time" content="2011-05-04T09:30:00+01:00">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Minister pledges £40m for libraries</h1>
<p>The culture minister has promised that £40m will be spent on public libraries over the next three years.</p>
<p>Speaking in Leeds, Ms Jones said: “Every town will keep its library. That is my promise to readers.”</p>
<p>But the shadow culture secretary Tom Brown said: “This is too little, too late for the hundreds of libraries
already closed.”</p>
<script>document.cookie = "stolen";</script>
<p>Readers wrote <a href="javascript:alert(1)">in protest</a> <img src=x onerror="alert(1)">
quoting &lt;script&gt;alert(2)&lt;/script&gt; in their letters.</p>
</article>
<footer>Copyright 2011 The Daily Example. Share this article.</footer></body></html>"""


def test_saved_page_gives_title_metadata_and_main_text():
    article = import_article(data=PAGE.encode("utf-8"), filename="libraries.html").article
    assert article.title == "Minister pledges £40m for libraries"
    assert article.outlet.name == "The Daily Example"
    assert article.byline == "Jane Smith"
    assert article.published_at == datetime(2011, 5, 4, 9, 30, tzinfo=ZoneInfo("Europe/London"))
    assert "£40m will be spent on public libraries" in article.body
    assert "“Every town will keep its library. That is my promise to readers.”" in article.body
    assert "Sport" not in article.body
    assert "document.cookie" not in article.body
    assert "<script>alert(2)</script>" in article.body
    assert article.original_text.startswith("<!doctype html>")


def test_saved_page_gets_suggestions_from_its_main_text():
    article = import_article(data=PAGE.encode("utf-8"), filename="libraries.htm").article
    suggestions = list(article.suggestions.all())
    assert ("pledge", "Ms Jones") in {(s.kind, s.speaker_name) for s in suggestions}
    assert all(article.body[s.start : s.end] == s.quote for s in suggestions)


def test_saved_page_in_windows_1252_is_read():
    page = PAGE.replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    article = import_article(data=page.encode("cp1252"), filename="libraries.html").article
    assert article.title == "Minister pledges £40m for libraries"


class Handler(BaseHTTPRequestHandler):
    routes: dict[str, tuple[str, bytes, float]] = {}

    def do_GET(self):
        content_type, body, delay = self.routes.get(self.path, ("text/plain", b"not found", 0))
        if delay:
            time.sleep(delay)
        self.send_response(404 if body == b"not found" else 200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def web(settings):
    """A local HTTP server in a thread: the tests never reach the internet. Loopback is refused unless
    allowed (tests/test_import_url_safety.py), so these tests allow it as a newsroom allows its intranet."""
    settings.PLEDGEBOOK_IMPORT_URL_ALLOWED_NETWORKS = [ip_network("127.0.0.1/32")]
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def route(path, content_type, body, delay=0.0):
    Handler.routes[path] = (content_type, body, delay)


def test_url_is_fetched_and_imported_with_its_address(web):
    route("/news/libraries", "text/html; charset=utf-8", PAGE.encode("utf-8"))
    article = import_url(url=f"{web}/news/libraries").article
    assert article.title == "Minister pledges £40m for libraries"
    assert article.source_url == f"{web}/news/libraries"


@override_settings(PLEDGEBOOK_IMPORT_URL_TIMEOUT=0.3)
def test_url_that_times_out_is_refused(web):
    route("/slow", "text/html", PAGE.encode("utf-8"), delay=1.0)
    with pytest.raises(ArticleImportError, match=FETCH_FAILED):
        import_url(url=f"{web}/slow")
    assert not Article.objects.exists()


def test_url_that_is_not_html_is_refused(web):
    route("/report.pdf", "application/pdf", b"%PDF-1.4 ...")
    with pytest.raises(ArticleImportError, match="application/pdf, not a web page"):
        import_url(url=f"{web}/report.pdf")
    assert not Article.objects.exists()


@override_settings(PLEDGEBOOK_IMPORT_MAX_BYTES=2048)
def test_url_that_is_too_large_is_refused(web):
    route("/huge", "text/html", PAGE.encode("utf-8") * 10)
    with pytest.raises(ArticleImportError, match="larger than"):
        import_url(url=f"{web}/huge")
    assert not Article.objects.exists()


def test_url_that_answers_with_an_error_is_refused(web):
    with pytest.raises(ArticleImportError, match=FETCH_FAILED):
        import_url(url=f"{web}/missing")


def test_only_web_addresses_are_fetched():
    with pytest.raises(ArticleImportError, match="http:// or https://"):
        import_url(url="file:///etc/passwd")
