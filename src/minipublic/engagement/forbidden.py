"""The 403 page: points a member whose terms are pending to the terms to accept."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import requires_csrf_token

from minipublic.processes.access import TermsPending


@requires_csrf_token
def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The site's 403 page; when only unaccepted terms stand in the way, it says so and
    links to them."""
    process = exception.process if isinstance(exception, TermsPending) else None
    return render(request, "403.html", {"terms_process": process}, status=403)
