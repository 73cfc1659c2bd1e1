"""Template context shared by every page."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from minipublic import __version__


def site(request: HttpRequest) -> dict[str, str]:
    """Site name, version and source address for the page frame."""
    return {
        "site_name": settings.SITE_NAME,
        "version": __version__,
        "source_url": settings.SOURCE_URL,
    }
