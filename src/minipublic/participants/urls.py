"""Addresses of participant support, under /p/<slug>/support/, /p/<slug>/attendance/,
/p/<slug>/messages/, /p/<slug>/me/ and /p/<slug>/contact/ (docs/participants.md)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

from minipublic.participants import attendance_urls, message_urls, portal_urls, support_urls

app_name = "participants"
urlpatterns: list[URLPattern | URLResolver] = [
    *support_urls.urlpatterns,
    *attendance_urls.urlpatterns,
    *message_urls.urlpatterns,
    *portal_urls.urlpatterns,
]
