"""Addresses of the research part (docs/learning.md)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from minipublic.learning import research_source_views as sources
from minipublic.learning import research_views as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("research/", views.projects, name="research_projects"),
    path("research/<int:project_id>/", views.project, name="research_project"),
    path("research/<int:project_id>/codes/", views.add_code, name="research_add_code"),
    path("research/<int:project_id>/members/", views.invite, name="research_invite"),
    path("research/<int:project_id>/upload/", sources.upload, name="research_upload"),
    path(
        "research/<int:project_id>/reflections/",
        views.import_reflections,
        name="research_import",
    ),
    path(
        "research/<int:project_id>/sources/<int:source_id>/",
        sources.source_page,
        name="research_source",
    ),
    path(
        "research/<int:project_id>/sources/<int:source_id>/review/",
        sources.review,
        name="research_review",
    ),
    path(
        "research/<int:project_id>/excerpts/<int:excerpt_id>/delete/",
        sources.uncode,
        name="research_uncode",
    ),
    path("research/<int:project_id>/report/", views.report, name="research_report"),
    path("research/<int:project_id>/report.csv", views.report_download, name="research_report_csv"),
    path(
        "research/<int:project_id>/cooccurrence.csv",
        views.cooccurrence_download,
        name="research_cooccurrence_csv",
    ),
    path("research/<int:project_id>/project.qdpx", views.qdpx_download, name="research_qdpx"),
]
