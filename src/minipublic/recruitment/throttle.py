"""Rate limiting of the public registration form, with no third-party service.

Attempts are counted per client address and clock hour in Django's cache, under a key
that is an HMAC of the address (the address itself is never stored).
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from minipublic import clock
from minipublic.accounts.client_ip import client_ip

HONEYPOT_FIELD = "website"


def _key(request: HttpRequest) -> str:
    digest = hmac.new(
        settings.SECRET_KEY.encode(), client_ip(request).encode(), hashlib.sha256
    ).hexdigest()
    return f"registration:{clock.now():%Y%m%d%H}:{digest}"


def allow_registration_attempt(request: HttpRequest) -> bool:
    """Count one attempt from this client; False once it exceeds REGISTRATION_RATE_LIMIT."""
    key = _key(request)
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        count = 1
    return count <= settings.REGISTRATION_RATE_LIMIT


def is_bot(request: HttpRequest) -> bool:
    """True when the honeypot field (hidden from people) was filled in."""
    return bool(request.POST.get(HONEYPOT_FIELD, "").strip())
