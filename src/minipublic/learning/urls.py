"""Addresses of practitioner learning: case records under /p/<slug>/learning/, the site's
library under /library/, research projects under /research/ (docs/learning.md)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

from minipublic.learning import case_urls, library_urls, research_urls

app_name = "learning"
urlpatterns: list[URLPattern | URLResolver] = [
    *case_urls.urlpatterns,
    *library_urls.urlpatterns,
    *research_urls.urlpatterns,
]
