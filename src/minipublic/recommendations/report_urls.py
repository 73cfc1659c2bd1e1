"""The participants' report's pages (included from config/urls.py).

``/p/<slug>/report/`` is a contract address (issue 8): keep it exactly.
"""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from minipublic.recommendations import report_views

app_name = "report"
_REPORT = "p/<slug:slug>/report/"
urlpatterns: list[URLPattern | URLResolver] = [
    path(_REPORT, report_views.report_page, name="page"),
    path(f"{_REPORT}edit/", report_views.report_edit, name="edit"),
    path(f"{_REPORT}change/", report_views.report_change, name="change"),
    path(f"{_REPORT}<int:number>/", report_views.report_version, name="version"),
]
