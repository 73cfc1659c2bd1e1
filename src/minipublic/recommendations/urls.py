"""Addresses of drafting, votes and minority reports (included from config/urls.py).

``/p/<slug>/recommendations/`` is public once the participants' report is frozen.
"""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from minipublic.recommendations import drafting_views, minority_views, vote_views

app_name = "recommendations"
_BASE = "p/<slug:slug>/recommendations/"
urlpatterns: list[URLPattern | URLResolver] = [
    path(_BASE, drafting_views.recommendation_list, name="list"),
    path(f"{_BASE}new/", drafting_views.recommendation_new, name="new"),
    path(f"{_BASE}<int:number>/", drafting_views.recommendation_detail, name="detail"),
    path(f"{_BASE}<int:number>/edit/", drafting_views.recommendation_edit, name="edit"),
    path(f"{_BASE}<int:number>/amend/", drafting_views.amendment_new, name="amend"),
    path(
        f"{_BASE}<int:number>/amendments/<int:amendment>/",
        drafting_views.amendment_detail,
        name="amendment",
    ),
    path(f"{_BASE}votes/", vote_views.vote_list, name="votes"),
    path(f"{_BASE}votes/<int:number>/", vote_views.vote_detail, name="vote"),
    path(f"{_BASE}rules/", vote_views.rules, name="rules"),
    path(f"{_BASE}minority/", minority_views.minority_list, name="minority"),
    path(f"{_BASE}minority/<int:number>/", minority_views.minority_detail, name="minority_detail"),
]
