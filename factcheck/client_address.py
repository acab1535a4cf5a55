"""The address a request came from, for throttling logins: right behind trusted proxies, unspoofable without them.

Without a proxy (PLEDGEBOOK_TRUSTED_PROXY_COUNT = 0, the default) it is the socket's peer,
REMOTE_ADDR: X-Forwarded-For is whatever the client chose to send and is ignored. Behind N
proxies (the load balancer the README describes is one), each proxy appends the address it saw to
X-Forwarded-For, so the client is the Nth entry from the right; anything to its left was written by
the client and is ignored.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.PLEDGEBOOK_TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if entry.strip()]
    if len(forwarded) < proxies:  # the request did not come through every proxy: keep the peer
        return remote
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
