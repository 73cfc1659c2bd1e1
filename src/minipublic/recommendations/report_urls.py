"""The participants' report's pages (included from config/urls.py)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

app_name = "report"
urlpatterns: list[URLPattern | URLResolver] = []
