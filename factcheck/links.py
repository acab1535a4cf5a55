"""Which stored addresses may become links: web addresses (http, https) and paths on this site, nothing else.

Forms only accept web addresses, but a row written around them (raw SQL, a restored dump, old
data) could hold `javascript:` or `data:` and turn a source into a script. Every page that links
to a stored address passes it through `safe_href` (the Jinja2 filter of the same name); structured
data takes `web_address`.

Addresses are read as browsers read them: urlsplit drops leading control characters and spaces,
and tabs and line breaks anywhere, as the WHATWG URL parser does, so "java\\tscript:" is caught too.
"""

from urllib.parse import urlsplit


def web_address(address: str | None) -> str:
    """The address if it is an absolute http(s) address, else ""."""
    if not address:
        return ""
    parts = urlsplit(address)
    return address if parts.scheme in {"http", "https"} and parts.netloc else ""


def safe_href(address: str | None) -> str:
    """The address if a link to it only ever leads to a web page or this site, else "" (show plain text)."""
    if web_address(address):
        return address
    if not address or not address.startswith("/") or address.startswith(("//", "/\\")):
        return ""
    parts = urlsplit(address)
    return address if not parts.scheme and not parts.netloc else ""
