"""Addresses of the attendance part (docs/participants.md): ``/p/<slug>/attendance/`` (the
overview), ``…/<number>/`` (a meeting's sheet and code), ``…/check-in/`` (participants)
and ``…/follow-up/``. These are contracts: keep them."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from minipublic.participants import attendance_views as views

_BASE = "p/<slug:slug>/attendance/"
urlpatterns: list[URLPattern | URLResolver] = [
    path(_BASE, views.attendance_overview, name="attendance_overview"),
    path(f"{_BASE}check-in/", views.attendance_check_in, name="attendance_check_in"),
    path(f"{_BASE}follow-up/", views.attendance_follow_up, name="attendance_follow_up"),
    path(f"{_BASE}<int:number>/", views.attendance_sheet, name="attendance_sheet"),
]
