"""Importing from a web address cannot reach the newsroom's own network (server-side request forgery).

Every test talks only to servers it starts on loopback; addresses it expects refused are refused
before any connection is made (the servers record every request they get).
"""

import logging
import socket
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from ipaddress import ip_address, ip_network

import pytest
import trustme
from django.test import override_settings
from django.urls import reverse

from factcheck import fetching
from factcheck.fetching import FETCH_FAILED, FetchError, fetch_page
from factcheck.importing import ArticleImportError, import_url
from factcheck.models import Article

PAGE = (
    b"<!doctype html><html><head><meta charset='utf-8'><title>Council pledges new library</title></head>"
    b"<body><article><h1>Council pledges new library</h1><p>The council leader promised that a new library "
    b"will open in the town centre by the spring, paid for from the reserves.</p></article></body></html>"
)
LOOPBACK_ONLY = [ip_network("127.0.0.1/32")]


class Site:
    """A threaded HTTP server on 127.0.0.1 whose answers each test chooses, recording every request."""

    def __init__(self, tls: ssl.SSLContext | None = None):
        self.routes: dict[str, object] = {}
        self.requests: list[tuple[str, str]] = []  # (path, Host header)
        self.stop = threading.Event()
        self.dripped = 0
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                site.requests.append((self.path, self.headers.get("Host", "")))
                answer = site.routes.get(self.path.split("?")[0], (404, "text/plain", b"not found"))
                if callable(answer):
                    answer(self)
                    return
                status, content_type, body = answer
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        if tls is not None:
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
        self.port = self.server.server_port
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def url(self, path: str = "/", host: str = "127.0.0.1", scheme: str = "http") -> str:
        return f"{scheme}://{host}:{self.port}{path}"

    def page(self, path: str, body: bytes = PAGE, content_type: str = "text/html; charset=utf-8") -> str:
        self.routes[path] = (200, content_type, body)
        return self.url(path)

    def redirect(self, path: str, location: str, status: int = 302) -> str:
        def answer(handler):
            handler.send_response(status)
            handler.send_header("Location", location)
            handler.send_header("Content-Length", "0")
            handler.end_headers()

        self.routes[path] = answer
        return self.url(path)

    def drip(self, path: str, *, in_headers: bool = False, every: float = 0.5, chunks: int = 40) -> str:
        """16 bytes every `every` seconds for `chunks` times (20 s by default) unless the client hangs up."""

        def answer(handler):
            handler.send_response(200)
            handler.send_header("Content-Type", "text/html")
            if in_headers:
                handler.flush_headers()  # the status line and first header; then a header that never ends
                handler.wfile.write(b"X-Slow: ")
            else:
                handler.end_headers()
                handler.wfile.write(b"<html><body><p>")
            handler.wfile.flush()
            for _ in range(chunks):
                if self.stop.wait(every):
                    return
                try:
                    handler.wfile.write(b"x" * 16)
                    handler.wfile.flush()
                except OSError:
                    return
                self.dripped += 1

        self.routes[path] = answer
        return self.url(path)

    def __enter__(self) -> "Site":
        self.thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch):
    """A guard for the tests themselves: a fetcher that tried to connect anywhere but loopback fails
    the test at once (pytest.fail is not an OSError the fetcher could swallow) instead of sending traffic."""
    connect = socket.socket.connect

    def guarded(sock, address):
        host = address[0] if isinstance(address, tuple) else address
        if not ip_address(str(host).split("%")[0]).is_loopback:
            pytest.fail(f"the fetcher tried to connect to {host}")
        return connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture
def site():
    with Site() as running:
        yield running


@pytest.fixture
def fake_dns(monkeypatch):
    """Names the tests make up, answered from a table (each answer list is used in turn; an empty one is
    "no such host"); others as usual."""
    table: dict[str, list[list[str]]] = {}
    asked: list[str] = []
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host in table:
            asked.append(host)
            answers = table[host]
            addresses = answers.pop(0) if len(answers) > 1 else answers[0]
            if not addresses:
                raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
            return [
                (socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port))
                for a in addresses
            ]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return table, asked


def refusal_reason(caplog) -> str:
    records = [r for r in caplog.records if r.name == "factcheck.fetching"]
    assert records, "the refusal is logged"
    return records[-1].reason


# The address rules ------------------------------------------------------------------------------------


FORBIDDEN = [
    "http://127.0.0.1:{port}/page",
    "http://localhost:{port}/page",
    "http://[::1]:{port}/page",
    "http://127.1:{port}/page",
    "http://2130706433:{port}/page",
    "http://0x7f000001:{port}/page",
    "http://0177.0.0.1:{port}/page",
    "http://0.0.0.0:{port}/page",
    "http://[::]:{port}/page",
    "http://[::ffff:127.0.0.1]:{port}/page",
    "http://[::ffff:7f00:1]:{port}/page",
    "http://[::127.0.0.1]:{port}/page",
    "http://[64:ff9b::7f00:1]:{port}/page",
    "http://[2002:7f00:1::]:{port}/page",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::ffff:169.254.169.254]/latest/meta-data/",
    "http://[fe80::1]/",
    "http://10.0.0.1/",
    "http://172.16.5.4/",
    "http://192.168.1.1/",
    "http://[::ffff:192.168.1.1]/",
    "http://[fc00::1]/",
    "http://[fd12:3456::1]/",
    "http://100.64.0.1/",
    "http://224.0.0.1/",
    "http://[ff02::1]/",
    "http://240.0.0.1/",
    "http://255.255.255.255/",
    "http://198.18.0.1/",
    "http://192.0.0.8/",
    "http://[fec0::1]/",
]


@pytest.mark.parametrize("address", FORBIDDEN)
def test_addresses_that_are_not_public_are_refused_before_connecting(address, site, caplog):
    site.page("/page")
    with caplog.at_level(logging.WARNING, logger="factcheck.fetching"), pytest.raises(FetchError) as refused:
        fetch_page(address.format(port=site.port))
    assert str(refused.value) == FETCH_FAILED
    assert "not a public address" in refusal_reason(caplog)
    assert site.requests == []


@pytest.mark.parametrize(
    ("address", "allowed"),
    [
        ("8.8.8.8", True),
        ("2606:4700::1111", True),
        ("::ffff:8.8.8.8", True),
        ("64:ff9b::808:808", True),  # 8.8.8.8 through NAT64
        ("2002:808:808::1", True),  # 8.8.8.8 through 6to4
        ("2002:a00:1::1", False),  # 10.0.0.1 through 6to4
        ("64:ff9b::a9fe:a9fe", False),  # 169.254.169.254 through NAT64
        ("192.0.2.1", False),  # documentation
        ("0.1.2.3", False),
    ],
)
def test_address_classes(address, allowed):
    assert fetching.is_allowed_address(ip_address(address)) is allowed


def test_a_name_that_resolves_to_a_private_address_is_refused(site, fake_dns, caplog):
    table, _ = fake_dns
    table["intranet.example"] = [["10.1.2.3"]]
    with caplog.at_level(logging.WARNING, logger="factcheck.fetching"), pytest.raises(FetchError, match=FETCH_FAILED):
        fetch_page("http://intranet.example/archive")
    assert "10.1.2.3, which is not a public address" in refusal_reason(caplog)


def test_a_name_with_one_public_and_one_private_address_is_refused(fake_dns):
    table, _ = fake_dns
    table["mixed.example"] = [["93.184.215.14", "127.0.0.1"]]
    with pytest.raises(FetchError, match=FETCH_FAILED):
        fetch_page("http://mixed.example/")


# The allow-list -------------------------------------------------------------------------------------


def test_a_loopback_server_is_refused_by_default(site):
    url = site.page("/news")
    with pytest.raises(FetchError, match=FETCH_FAILED):
        fetch_page(url)
    assert site.requests == []


def test_the_allowed_networks_setting_is_empty_by_default(settings):
    assert settings.PLEDGEBOOK_IMPORT_URL_ALLOWED_NETWORKS == []


@override_settings(PLEDGEBOOK_IMPORT_URL_ALLOWED_NETWORKS=LOOPBACK_ONLY)
def test_a_server_in_an_allowed_network_is_fetched(site):
    url = site.page("/news")
    page = fetch_page(url)
    assert page.data == PAGE
    assert page.url == url
    assert site.requests == [("/news", f"127.0.0.1:{site.port}")]


@override_settings(PLEDGEBOOK_IMPORT_URL_ALLOWED_NETWORKS=LOOPBACK_ONLY)
def test_a_redirect_from_an_allowed_host_to_a_forbidden_one_is_refused(site, caplog):
    start = site.redirect("/moved", f"http://127.0.0.2:{site.port}/news")
    with caplog.at_level(logging.WARNING, logger="factcheck.fetching"), pytest.raises(FetchError, match=FETCH_FAILED):
        fetch_page(start)
    assert "127.0.0.2, which is not a public address" in refusal_reason(caplog)
    assert site.requests == [("/moved", f"127.0.0.1:{site.port}")]


@override_settings(PLEDGEBOOK_IMPORT_URL_ALLOWED_NETWORKS=LOOPBACK_ONLY)
@pytest.mark.parametrize(
    "location", ["http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://10.0.0.1/admin"]
)
def test_a_redirect_to_an_internal_address_is_refused(site, location):
    with pytest.raises(FetchError, match=FETCH_FAILED):
        fetch_page(site.redirect("/moved", location))
    assert len(site.requests) == 1


@override_settings(PLEDGEBOOK_IMPORT_URL_ALLOWED_NETWORKS=LOOPBACK_ONLY)
@pytest.mark.parametrize("location", ["ftp://127.0.0.1/pub/file.html", "file:///etc/passwd", "gopher://127.0.0.1/"])
def test_a_redirect_to_another_scheme_is_refused(site, location, caplog):
    with caplog.at_level(logging.WARNING, logger="factcheck.fetching"), pytest.raises(FetchError, match=FETCH_FAILED):
        fetch_page(site.redirect("/moved", location))
    assert "is not http or https" in refusal_reason(caplog)


@override_settings(PLEDGEBOOK_IMPORT_URL_ALLOWED_NETWORKS=LOOPBACK_ONLY)
def test_five_redirects_are_followed(site):
    site.page("/hop5")
    for hop in range(5):
        site.redirect(f"/hop{hop}", f"/hop{hop + 1}", status=(301, 302, 303, 307, 308)[hop])
    page = fetch_page(site.url("/hop0"))
    assert page.data == PAGE
    assert page.url == site.url("/hop5")


@override_settings(PLEDGEBOOK_IMPORT_URL_ALLOWED_NETWORKS=LOOPBACK_ONLY)
def test_a_sixth_redirect_is_refused(site, caplog):
    site.page("/hop6")
    for hop in range(6):
        site.redirect(f"/hop{hop}", f"/hop{hop + 1}")
    with caplog.at_level(logging.WARNING, logger="factcheck.fetching"), pytest.raises(FetchError, match=FETCH_FAILED):
        fetch_page(site.url("/hop0"))
    assert "more than 5 redirects" in refusal_reason(caplog)
    assert "/hop6" not in [path for path, _ in site.requests]


# DNS rebinding and TLS ------------------------------------------------------------------------------------


@override_settings(PLEDGEBOOK_IMPORT_URL_ALLOWED_NETWORKS=LOOPBACK_ONLY)
def test_the_connection_goes_to_the_address_that_was_checked(site, fake_dns):
    """A rebinding DNS server answers an allowed address, then another: only the first lookup is used."""
    table, asked = fake_dns
    table["news.example"] = [["127.0.0.1"], ["127.0.0.2"]]  # nothing listens on 127.0.0.2
    site.page("/story")
    page = fetch_page(f"http://news.example:{site.port}/story")
    assert page.data == PAGE
    assert asked == ["news.example"]
    assert site.requests == [("/story", f"news.example:{site.port}")]


@pytest.fixture
def certificate_authority(monkeypatch):
    """A CA of the test's own, trusted by the importer instead of the system's."""
    ca = trustme.CA()

    def trusting_context():
        context = ssl.create_default_context()
        ca.configure_trust(context)
        return context

    monkeypatch.setattr(fetching, "tls_context", trusting_context)
    return ca


def tls_site(ca: trustme.CA, name: str) -> tuple[Site, list]:
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(name).configure_cert(server_context)
    names: list = []
    server_context.sni_callback = lambda sock, server_name, context: names.append(server_name)
    return Site(tls=server_context), names


@override_settings(PLEDGEBOOK_IMPORT_URL_ALLOWED_NETWORKS=LOOPBACK_ONLY)
def test_https_sends_the_host_name_and_checks_the_certificate_against_it(certificate_authority, fake_dns):
    table, _ = fake_dns
    table["news.example"] = [["127.0.0.1"]]
    server, names = tls_site(certificate_authority, "news.example")
    with server:
        server.page("/story")
        page = fetch_page(server.url("/story", host="news.example", scheme="https"))
    assert page.data == PAGE
    assert names == ["news.example"]
    assert server.requests == [("/story", f"news.example:{server.port}")]


@override_settings(PLEDGEBOOK_IMPORT_URL_ALLOWED_NETWORKS=LOOPBACK_ONLY)
def test_https_with_a_certificate_for_another_name_is_refused(certificate_authority, fake_dns, caplog):
    table, _ = fake_dns
    table["news.example"] = [["127.0.0.1"]]
    server, _ = tls_site(certificate_authority, "other.example")
    with (
        server,
        caplog.at_level(logging.WARNING, logger="factcheck.fetching"),
        pytest.raises(FetchError, match=FETCH_FAILED),
    ):
        server.page("/story")
        fetch_page(server.url("/story", host="news.example", scheme="https"))
    assert "CERTIFICATE_VERIFY_FAILED" in refusal_reason(caplog)
    assert server.requests == []


# One deadline, one message ---------------------------------------------------------------------------------


@override_settings(PLEDGEBOOK_IMPORT_URL_ALLOWED_NETWORKS=LOOPBACK_ONLY, PLEDGEBOOK_IMPORT_URL_TIMEOUT=1.5)
@pytest.mark.parametrize("in_headers", [False, True], ids=["body", "headers"])
def test_a_server_that_drips_bytes_is_cut_off_at_the_deadline(site, in_headers, caplog):
    """16 bytes every half second for 20 s: the fetch gives up at its deadline and hangs up."""
    url = site.drip("/drip", in_headers=in_headers)
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="factcheck.fetching"), pytest.raises(FetchError, match=FETCH_FAILED):
        fetch_page(url)
    assert time.monotonic() - started < 15  # far below the 20 s the drip would last
    assert "deadline" in refusal_reason(caplog)
    # The connection is closed: the server's next writes fail, so it stops dripping.
    before = site.dripped
    time.sleep(1.5)
    assert site.dripped <= before + 1
    assert site.dripped < 10


@override_settings(PLEDGEBOOK_IMPORT_URL_ALLOWED_NETWORKS=LOOPBACK_ONLY, PLEDGEBOOK_IMPORT_URL_TIMEOUT=1)
@pytest.mark.parametrize("scheme", ["http", "https"])
def test_a_server_that_never_answers_is_given_up_at_the_deadline(scheme, caplog):
    """The connection is accepted (by the kernel's backlog) but no TLS handshake or HTTP answer ever comes."""
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    try:
        with (
            caplog.at_level(logging.WARNING, logger="factcheck.fetching"),
            pytest.raises(FetchError, match=FETCH_FAILED),
        ):
            fetch_page(f"{scheme}://127.0.0.1:{silent.getsockname()[1]}/")
    finally:
        silent.close()
    assert "deadline" in refusal_reason(caplog)


@override_settings(PLEDGEBOOK_IMPORT_URL_ALLOWED_NETWORKS=LOOPBACK_ONLY)
def test_every_network_failure_gives_the_same_message(site, fake_dns):
    """Closed port, HTTP error, a site that is not there: the editor reads one sentence; the log says why."""
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    closed_port = closed.getsockname()[1]
    closed.close()
    site.routes["/error"] = (500, "text/html", b"internal error")
    site.routes["/forbidden"] = (403, "text/html", b"no")
    table, _ = fake_dns
    table["no-such-host.example"] = [[]]
    messages = set()
    for url in [
        f"http://127.0.0.1:{closed_port}/",
        site.url("/missing"),
        site.url("/error"),
        site.url("/forbidden"),
        "http://no-such-host.example/",
    ]:
        with pytest.raises(FetchError) as refused:
            fetch_page(url)
        messages.add(str(refused.value))
    assert messages == {FETCH_FAILED}


@override_settings(PLEDGEBOOK_IMPORT_URL_ALLOWED_NETWORKS=LOOPBACK_ONLY)
def test_a_page_that_is_not_html_is_still_named_for_what_it_is(site):
    site.routes["/report.pdf"] = (200, "application/pdf", b"%PDF-1.4")
    with pytest.raises(FetchError, match="application/pdf, not a web page"):
        fetch_page(site.url("/report.pdf"))


@pytest.mark.parametrize(
    "address", ["file:///etc/passwd", "ftp://example.org/a.html", "javascript:alert(1)", "http://"]
)
def test_only_web_addresses_are_fetched(address):
    with pytest.raises(FetchError, match=r"http:// or https://"):
        fetch_page(address)


# Nothing is saved -------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_refused_address_saves_nothing(site):
    site.page("/news")
    with pytest.raises(ArticleImportError, match=FETCH_FAILED):
        import_url(url=site.url("/news"))
    assert not Article.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::ffff:127.0.0.1]"])
def test_the_import_page_refuses_internal_addresses_with_one_message(client, fact_checker, site, host):
    site.page("/admin-panel")
    client.force_login(fact_checker)
    response = client.post(
        reverse("admin:factcheck_article_import"), {"url": site.url("/admin-panel", host=host)}, follow=True
    )
    assert response.status_code == 200
    assert FETCH_FAILED in response.text
    assert not Article.objects.exists()
    assert site.requests == []
