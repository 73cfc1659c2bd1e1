"""The responses to the recommendations, their implementation and the participants'
ratings and e-mail updates. ``/p/<slug>/responses/`` is a contract address."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from minipublic.accountability import progress_views, updates_views, views

app_name = "accountability"
_R = "p/<slug:slug>/responses/"
urlpatterns: list[URLPattern | URLResolver] = [
    path(_R, views.responses, name="responses"),
    path(f"{_R}<int:number>/respond/", views.respond, name="respond"),
    path(f"{_R}<int:number>/progress/", progress_views.progress, name="progress"),
    path(f"{_R}<int:number>/rate/", views.rate, name="rate"),
    path(f"{_R}updates/", updates_views.updates, name="updates"),
    path(f"{_R}updates/stop/<str:token>/", updates_views.stop_updates, name="stop_updates"),
]
