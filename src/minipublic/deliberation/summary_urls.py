"""Addresses of the table summaries (included by ``deliberation.urls``)."""

from django.urls import URLPattern, path

from minipublic.deliberation import summary_views

_SUMMARIES = "p/<slug:slug>/summaries/"
_TABLE = f"{_SUMMARIES}<int:session>/tables/<int:table>/"
summary_urlpatterns: list[URLPattern] = [
    path(_SUMMARIES, summary_views.summaries_index, name="summaries"),
    path(f"{_SUMMARIES}<int:session>/", summary_views.session_summaries, name="session_summaries"),
    path(_TABLE, summary_views.table_summary, name="table_summary"),
    path(f"{_TABLE}write/", summary_views.write_summary, name="write_summary"),
    path(
        "p/<slug:slug>/manage/summaries/", summary_views.manage_summaries, name="manage_summaries"
    ),
    path("p/<slug:slug>/room/my-summaries/", summary_views.my_summaries, name="my_summaries"),
]
