"""Addresses of table allocation: the team's pages and a participant's own tables."""

from django.urls import URLPattern, URLResolver, path

from minipublic.deliberation import allocation_views

_TABLES = "p/<slug:slug>/manage/tables/"
allocation_urlpatterns: list[URLPattern | URLResolver] = [
    path(_TABLES, allocation_views.tables, name="tables"),
    path(f"{_TABLES}run/", allocation_views.run, name="run_allocation"),
    path(f"{_TABLES}runs/<int:number>/", allocation_views.allocation, name="allocation"),
    path(f"{_TABLES}runs/<int:number>/apply/", allocation_views.apply, name="apply_allocation"),
    path(f"{_TABLES}pins/", allocation_views.pin, name="pin"),
    path(f"{_TABLES}pins/remove/", allocation_views.unpin, name="unpin"),
    path(f"{_TABLES}groups/", allocation_views.add_group, name="add_group"),
    path(f"{_TABLES}groups/<int:pk>/remove/", allocation_views.remove_group, name="remove_group"),
    path("p/<slug:slug>/room/my-tables/", allocation_views.my_tables, name="my_tables"),
]
