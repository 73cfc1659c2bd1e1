"""The address a request really comes from, for login rate limiting.

Behind N trusted reverse proxies, each proxy appends the address it saw to
X-Forwarded-For, so the N-th entry from the right is the one the outermost trusted proxy
saw: the client. Entries further left were written by the client and can be forged.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client's address, trusting only ``TRUSTED_PROXY_COUNT`` proxies."""
    remote = str(request.META.get("REMOTE_ADDR", ""))
    count: int = settings.TRUSTED_PROXY_COUNT
    if count == 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    return forwarded[-count] if len(forwarded) >= count else remote
