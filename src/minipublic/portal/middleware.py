"""Show the friendly 404 page even when DEBUG is on.

With DEBUG on, Django answers unknown addresses with its technical page, listing every
URL pattern. ``make run`` serves the demo with DEBUG on to people trying the product,
not debugging it, so we swap in the page a visitor would see in production.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpRequest, HttpResponse

from minipublic.portal.views import FRIENDLY, not_found


class FriendlyNotFoundInDebug:
    """Replace Django's technical 404 page with ours while DEBUG is on."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        if not settings.DEBUG:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code == 404
            and response.get("Content-Type", "").startswith("text/html")
            and not getattr(response, FRIENDLY, False)
        ):
            return not_found(request)
        return response
