"""Addresses of the speaking-time pages and the facilitator console (included by
``deliberation.urls``)."""

from django.urls import path

from minipublic.deliberation import console_views, equity_views

_ROOM = "p/<slug:slug>/room/"
_CONSOLE = f"{_ROOM}sessions/<int:session>/tables/<int:table>/console/"
speaking_urlpatterns = [
    path(f"{_ROOM}speaking/", equity_views.speaking_overview, name="speaking_overview"),
    path(
        f"{_ROOM}sessions/<int:number>/speaking/",
        equity_views.speaking_session,
        name="speaking_session",
    ),
    path(_CONSOLE, console_views.console, name="speaking_console"),
    path(f"{_CONSOLE}start/", console_views.console_start, name="speaking_console_start"),
    path(f"{_CONSOLE}stop/", console_views.console_stop, name="speaking_console_stop"),
    path(f"{_CONSOLE}finish/", console_views.console_finish, name="speaking_console_finish"),
    path(f"{_CONSOLE}events/", console_views.console_events, name="speaking_console_events"),
    path(f"{_CONSOLE}state/", console_views.console_state_json, name="speaking_console_state"),
]
urlpatterns = speaking_urlpatterns
