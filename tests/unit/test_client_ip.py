"""Which address counts as the client's for login rate limiting."""

from __future__ import annotations

import pytest
from django.test import RequestFactory, override_settings

from minipublic.accounts.client_ip import client_ip


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "6.6.6.6", "10.0.0.1"),  # no proxy: the header is the client's own claim
        (1, "203.0.113.5", "203.0.113.5"),  # nginx appended what it saw
        (1, "6.6.6.6, 203.0.113.5", "203.0.113.5"),  # a forged entry on the left is ignored
        (2, "6.6.6.6, 203.0.113.5, 10.0.0.9", "203.0.113.5"),
        (1, "", "10.0.0.1"),  # missing header: fall back to the direct peer
        (2, "203.0.113.5", "10.0.0.1"),  # fewer entries than proxies: do not guess
    ],
)
def test_client_ip(proxies: int, forwarded: str, expected: str) -> None:
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    with override_settings(TRUSTED_PROXY_COUNT=proxies):
        assert client_ip(request) == expected
