"""Addresses of the message part (docs/participants.md): ``/p/<slug>/messages/`` (the log),
``…/new/`` (compose) and ``…/<id>/`` (one message and its deliveries). Contracts: keep them."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from minipublic.participants import message_views as views

_BASE = "p/<slug:slug>/messages/"
urlpatterns: list[URLPattern | URLResolver] = [
    path(_BASE, views.message_log, name="message_log"),
    path(f"{_BASE}new/", views.message_compose, name="message_compose"),
    path(f"{_BASE}<int:pk>/", views.message_detail, name="message_detail"),
]
