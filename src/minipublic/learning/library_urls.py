"""Addresses of the library part (docs/learning.md). They are public contracts: the list,
an entry and its materials, and the exports keep these addresses."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from minipublic.learning import library_manage_views as manage
from minipublic.learning import library_views as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("library/", views.library, name="library"),
    path("library/export.csv", views.export_csv, name="library_export_csv"),
    path("library/export.json", views.export_json, name="library_export_json"),
    path("library/mine/", manage.mine, name="library_mine"),
    path("library/<slug:public_id>/", views.entry, name="library_entry"),
    path("library/<slug:public_id>.json", views.entry_json, name="library_entry_json"),
    path(
        "library/<slug:public_id>/materials/<int:material_id>/",
        views.material,
        name="library_material",
    ),
    path(
        "library/<slug:public_id>/materials/add/",
        manage.add_material,
        name="library_add_material",
    ),
    path(
        "library/<slug:public_id>/materials/<int:material_id>/remove/",
        manage.remove_material,
        name="library_remove_material",
    ),
    path("library/<slug:public_id>/withdraw/", manage.withdraw, name="library_withdraw"),
]
