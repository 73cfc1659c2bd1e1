"""Addresses of the agenda and time pages (included by ``deliberation.urls``)."""

from django.urls import URLPattern, path

from minipublic.deliberation import (
    agenda_public_views,
    agenda_views,
    time_request_views,
    timer_correction_views,
    timer_views,
)

_MANAGE = "p/<slug:slug>/manage/agenda/"
_SESSION = f"{_MANAGE}<int:number>/"
_TIMER = "p/<slug:slug>/manage/timer/"
agenda_urlpatterns: list[URLPattern] = [
    path("p/<slug:slug>/agenda/", agenda_public_views.agenda, name="agenda"),
    path(
        "p/<slug:slug>/agenda/more-time/",
        time_request_views.request_time,
        name="request_time",
    ),
    path(_MANAGE, agenda_views.manage_agenda, name="manage_agenda"),
    path(_SESSION, agenda_views.session_manage, name="session_manage"),
    path(f"{_SESSION}edit/", agenda_views.session_edit, name="session_edit"),
    path(f"{_SESSION}items/<int:item_id>/", agenda_views.item_edit, name="item_edit"),
    path(f"{_SESSION}items/<int:item_id>/remove/", agenda_views.item_remove, name="item_remove"),
    path(_TIMER, timer_views.timer_sessions, name="timer_sessions"),
    path(f"{_TIMER}<int:number>/", timer_views.timer_page, name="timer"),
    path(f"{_TIMER}<int:number>/state.json", timer_views.timer_state, name="timer_state"),
    path(
        f"{_TIMER}<int:number>/items/<int:item_id>/times/",
        timer_correction_views.timer_times,
        name="timer_times",
    ),
    path(
        "p/<slug:slug>/manage/time-requests/",
        time_request_views.time_requests,
        name="time_requests",
    ),
]
