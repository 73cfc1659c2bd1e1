"""Addresses of the case part (docs/learning.md): a process's case record under
``/p/<slug>/learning/case/``. They are contracts: keep them."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from minipublic.learning import case_views

_CASE = "p/<slug:slug>/learning/case/"
urlpatterns: list[URLPattern | URLResolver] = [
    path(_CASE, case_views.case_record, name="case_record"),
    path(f"{_CASE}edit/", case_views.case_edit, name="case_edit"),
    path(f"{_CASE}review/", case_views.case_review, name="case_review"),
    path(f"{_CASE}publish/", case_views.case_publish, name="case_publish"),
    path(f"{_CASE}draft.json", case_views.case_json, name="case_json"),
]
