"""Addresses of the parking lot (included by ``deliberation.urls``).

``/p/<slug>/parking-lot/`` is a contract (the issue names it): keep it exactly.
"""

from django.urls import URLPattern, path

from minipublic.deliberation import parking_views

_LOT = "p/<slug:slug>/parking-lot/"
parking_urlpatterns: list[URLPattern] = [
    path(_LOT, parking_views.parking_lot, name="parking_lot"),
    path(f"{_LOT}new/", parking_views.concern_new, name="concern_new"),
    path(f"{_LOT}<int:number>/", parking_views.concern_detail, name="concern"),
]
