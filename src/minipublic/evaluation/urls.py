"""Addresses of the member questionnaire (docs/evaluation.md)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from minipublic.evaluation import views

app_name = "evaluation"
_BASE = "p/<slug:slug>/evaluation/"
urlpatterns: list[URLPattern | URLResolver] = [
    path(_BASE, views.results, name="results"),
    path(f"{_BASE}results.csv", views.results_download, name="results_csv"),
    path(f"{_BASE}manage/", views.manage, name="manage"),
    path(f"{_BASE}<str:kind>/answer/", views.answer, name="answer"),
    path(f"{_BASE}<str:kind>/paper/", views.paper, name="paper"),
]
