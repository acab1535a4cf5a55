"""Fetch a web page for the importer without letting an address reach the newsroom's own network.

A web address typed into the import form is hostile input: it could point the server at itself
(127.0.0.1, [::1]), the office network (10.x, 192.168.x), the cloud's metadata service
(169.254.169.254), or scan the ports of any of them. So, for the first address and for every
redirect (at most MAX_REDIRECTS):

- only http and https;
- the host is resolved once, and every address it resolves to must be public (Python's `ipaddress`
  decides; IPv4 addresses written inside IPv6 ones are judged as the IPv4 address) or inside a
  network the newsroom allows on purpose (PLEDGEBOOK_IMPORT_URL_ALLOWED_NETWORKS);
- the connection goes to the address that was checked, never to a second lookup a rebinding DNS
  server could answer differently; TLS still sends the host name (SNI) and checks the certificate
  against it;
- one wall-clock deadline (PLEDGEBOOK_IMPORT_URL_TIMEOUT) covers the lookups, the connections, the
  headers and the body: a watchdog shuts the socket when it passes, so a server that drips bytes
  is cut off.

Every network failure gives the editor the same sentence (FETCH_FAILED); the reason goes to the log
only, so the form cannot tell an open port from a closed one. No HTTP proxy is used: a proxy would
resolve the names itself.
"""

import contextlib
import http.client
import ipaddress
import logging
import socket
import ssl
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

from django.conf import settings

logger = logging.getLogger(__name__)

FETCH_FAILED = "The page could not be fetched from that address."
ONLY_WEB_ADDRESSES = "Only web addresses starting with http:// or https:// can be imported."
MAX_REDIRECTS = 5

_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_USER_AGENT = "Pledgebook article importer"
_CHUNK = 64 * 1024
_REDIRECT_STATUSES = {301, 302, 303, 307, 308}
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Characters a request path may hold as they are; anything else (spaces, non-ASCII) is percent-encoded.
_PATH_SAFE = "/%:@!$&'()*+,;=-._~?"
# Name lookups run here, so the deadline holds even when a DNS server never answers.
_resolver = ThreadPoolExecutor(max_workers=4, thread_name_prefix="import-dns")

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
# IPv6 ranges that carry an IPv4 address in their last 32 bits.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
# Not globally reachable, though the standard library of some Python 3.11 releases says otherwise:
# IETF protocol assignments (RFC 6890; only the two anycast addresses in it are global) and IPv6's
# deprecated site-local addresses (RFC 3879).
_NOT_GLOBAL = [ipaddress.ip_network("192.0.0.0/24"), ipaddress.ip_network("fec0::/10")]
_GLOBAL_EXCEPTIONS = [ipaddress.ip_address("192.0.0.9"), ipaddress.ip_address("192.0.0.10")]


class FetchError(Exception):
    """The page could not be fetched; the message is written for an editor."""


class _Refused(Exception):
    """Why a fetch failed, for the log only."""


@dataclass(frozen=True)
class FetchedPage:
    url: str
    data: bytes


@dataclass(frozen=True)
class _Target:
    """One address to GET: the URL as given, and what the connection needs from it."""

    url: str
    scheme: str
    host: str  # ASCII (IDNA), without brackets
    port: int
    path: str  # path and query, percent-encoded


def fetch_page(url: str, *, timeout: float | None = None, max_bytes: int | None = None) -> FetchedPage:
    """GET an http(s) URL and return its HTML bytes; FetchError (with an editor's message) for anything else."""
    timeout = settings.PLEDGEBOOK_IMPORT_URL_TIMEOUT if timeout is None else timeout
    max_bytes = settings.PLEDGEBOOK_IMPORT_MAX_BYTES if max_bytes is None else max_bytes
    try:
        target = _target(url)
    except _Refused as error:
        raise FetchError(ONLY_WEB_ADDRESSES) from error
    deadline = _Deadline(timeout)
    try:
        for _hop in range(MAX_REDIRECTS + 1):
            location, data = _get(target, deadline=deadline, max_bytes=max_bytes)
            if location is None:
                return FetchedPage(url=target.url, data=data)
            target = _target(urljoin(target.url, location))
        raise _Refused(f"more than {MAX_REDIRECTS} redirects")
    except (_Refused, OSError, http.client.HTTPException, ValueError) as error:
        # OSError covers refused and reset connections, timeouts, DNS and TLS (ssl.SSLError) failures.
        logger.warning(
            "a web page could not be fetched for import",
            extra={"url": url, "failed_at": target.url, "reason": f"{type(error).__name__}: {error}"},
        )
        raise FetchError(FETCH_FAILED) from error


def _target(url: str) -> _Target:
    parts = urlsplit(url.strip())
    if parts.scheme not in _DEFAULT_PORTS:
        raise _Refused(f"the scheme {parts.scheme!r} is not http or https")
    if not parts.hostname:
        raise _Refused("the address has no host")
    try:
        host = parts.hostname.encode("idna").decode("ascii")
        port = parts.port or _DEFAULT_PORTS[parts.scheme]
    except (UnicodeError, ValueError) as error:
        raise _Refused(f"the host or port is not valid ({error})") from error
    path = quote(parts.path or "/", safe=_PATH_SAFE) + (
        f"?{quote(parts.query, safe=_PATH_SAFE)}" if parts.query else ""
    )
    return _Target(url=url, scheme=parts.scheme, host=host, port=port, path=path)


def _get(target: _Target, *, deadline: "_Deadline", max_bytes: int) -> tuple[str | None, bytes]:
    """One GET: (the redirect's Location, b"") or (None, the HTML). Raises _Refused and network errors."""
    addresses = _checked_addresses(target, deadline)
    with _Watchdog(deadline) as watchdog:
        try:
            connection = _connect(target, addresses, deadline, watchdog)
            return _answer(connection, target, deadline=deadline, max_bytes=max_bytes, watchdog=watchdog)
        except OSError as error:
            if watchdog.fired.is_set() or deadline.passed():
                raise _Refused(f"the deadline passed while the site was answering ({error})") from error
            raise


def _connect(
    target: _Target, addresses: list[Address], deadline: "_Deadline", watchdog: "_Watchdog"
) -> http.client.HTTPConnection:
    """A connection to the first checked address that answers, in the resolver's order."""
    failure: OSError | None = None
    for address in addresses:
        connection = watchdog.watch(_connection(target, address, timeout=deadline.remaining()))
        try:
            connection.connect()
        except OSError as error:
            connection.close()
            failure = error
            continue
        return connection
    raise failure


def _answer(connection, target: _Target, *, deadline: "_Deadline", max_bytes: int, watchdog: "_Watchdog"):
    connection.request("GET", target.path, headers={"User-Agent": _USER_AGENT, "Accept": "text/html"})
    response = connection.getresponse()
    if response.status in _REDIRECT_STATUSES:
        location = response.getheader("Location")
        if not location:
            raise _Refused(f"a {response.status} redirect without a Location")
        return location, b""
    if response.status != 200:
        raise _Refused(f"the site answered {response.status} {response.reason}")
    content_type = response.msg.get_content_type()
    if content_type not in _HTML_TYPES:
        raise FetchError(f"The address gives {content_type}, not a web page (HTML).")
    declared = response.getheader("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"The page is larger than the {_megabytes(max_bytes)} limit.")
    data = _read_capped(response, connection, max_bytes=max_bytes, deadline=deadline)
    watchdog.raise_if_fired()  # a socket cut at the deadline ends like a finished page: it was not one
    return None, data


def _checked_addresses(target: _Target, deadline: "_Deadline") -> list[Address]:
    """Resolve the host once; refuse it unless every address is public or in an allowed network."""
    lookup = _resolver.submit(socket.getaddrinfo, target.host, target.port, type=socket.SOCK_STREAM)
    infos = lookup.result(timeout=deadline.remaining())
    addresses = list(dict.fromkeys(_unmapped(ipaddress.ip_address(info[4][0].split("%")[0])) for info in infos))
    if not addresses:
        raise _Refused(f"{target.host} has no address")
    for address in addresses:
        if not is_allowed_address(address):
            raise _Refused(f"{target.host} resolves to {address}, which is not a public address")
    return addresses


def is_allowed_address(address: Address) -> bool:
    """Public (globally reachable, not multicast or reserved), or inside a network the newsroom allows."""
    address = _unmapped(address)
    if any(address in network for network in allowed_networks()):
        return True
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded and not _is_public(embedded):
            return False
        if address in _NAT64:  # an IPv4 site reached through the network's NAT64: judge the IPv4 address
            return _is_public(embedded)
    return _is_public(address)


def _is_public(address: Address) -> bool:
    if address not in _GLOBAL_EXCEPTIONS and any(address in network for network in _NOT_GLOBAL):
        return False
    return address.is_global and not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


def _unmapped(address: Address) -> Address:
    """::ffff:127.0.0.1 is 127.0.0.1 on the wire."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address a tunnelling IPv6 address carries (6to4, Teredo, NAT64, IPv4-compatible)."""
    if address.sixtofour:
        return address.sixtofour
    if address.teredo:
        return address.teredo[1]  # the client behind the Teredo server
    if address in _NAT64 or address in _IPV4_COMPATIBLE:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def allowed_networks() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    """PLEDGEBOOK_IMPORT_URL_ALLOWED_NETWORKS (parsed by the settings; strings accepted too)."""
    return [
        ipaddress.ip_network(str(network), strict=False) for network in settings.PLEDGEBOOK_IMPORT_URL_ALLOWED_NETWORKS
    ]


def tls_context() -> ssl.SSLContext:
    """Certificates checked against the system's CAs and the host name (tests trust their own CA here)."""
    return ssl.create_default_context()


def _connection(target: _Target, address: Address, *, timeout: float) -> http.client.HTTPConnection:
    if target.scheme == "https":
        return _PinnedHTTPSConnection(target.host, target.port, address=str(address), timeout=timeout)
    return _PinnedHTTPConnection(target.host, target.port, address=str(address), timeout=timeout)


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Speaks to `host` (the Host header) at the address already checked: no lookup of its own."""

    def __init__(self, host: str, port: int, *, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        self.sock = self.pinned = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """As _PinnedHTTPConnection, with TLS for the host name: SNI and the certificate check use `host`."""

    def __init__(self, host: str, port: int, *, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout, context=tls_context())
        self.address = address

    def connect(self) -> None:
        raw = socket.create_connection((self.address, self.port), self.timeout)
        # The handshake runs after self.sock is set, so the watchdog can cut a server that stalls it.
        self.sock = self.pinned = self._context.wrap_socket(
            raw, server_hostname=self.host, do_handshake_on_connect=False
        )
        self.sock.do_handshake()


class _Deadline:
    def __init__(self, seconds: float):
        self.at = time.monotonic() + seconds

    def passed(self) -> bool:
        return time.monotonic() >= self.at

    def remaining(self) -> float:
        left = self.at - time.monotonic()
        if left <= 0:
            raise _Refused("the deadline passed")
        return left


class _Watchdog:
    """Shuts the watched connection's socket when the deadline passes, whatever it is waiting for
    (a TLS handshake, the headers, the body)."""

    def __init__(self, deadline: _Deadline):
        self.connection: http.client.HTTPConnection | None = None
        self.fired = threading.Event()
        self.timer = threading.Timer(max(0.0, deadline.at - time.monotonic()), self._cut)
        self.timer.daemon = True

    def watch(self, connection: http.client.HTTPConnection) -> http.client.HTTPConnection:
        self.connection = connection
        return connection

    def __enter__(self) -> "_Watchdog":
        self.timer.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.timer.cancel()
        if self.connection is not None:
            self.connection.close()

    def _cut(self) -> None:
        self.fired.set()
        # `pinned`, not `sock`: http.client lets go of `sock` once a response is read until the close.
        sock = getattr(self.connection, "pinned", None)
        if sock is not None:
            # The plain socket's shutdown: it wakes a read blocked in another thread (TLS included).
            with contextlib.suppress(OSError):
                socket.socket.shutdown(sock, socket.SHUT_RDWR)

    def raise_if_fired(self) -> None:
        if self.fired.is_set():
            raise _Refused("the deadline passed while the site was answering")


def _read_capped(response, connection, *, max_bytes: int, deadline: _Deadline) -> bytes:
    """Read at most max_bytes before the deadline; each read waits no longer than the time left."""
    chunks, size = [], 0
    while True:
        connection.pinned.settimeout(deadline.remaining())
        chunk = response.read1(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"The page is larger than the {_megabytes(max_bytes)} limit.")
        chunks.append(chunk)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"
