"""Speaking-time equity pages: aggregates for every member, per person for the team.

``speaking_overview`` shows each session's and table's aggregates (the Gini coefficient
of speaking time, the share of members who spoke, the total time) to every member of
the process (VIEW_EQUITY), so the participants can hold the facilitation to account;
never a person's figure, never a ranking. ``speaking_session`` shows the team that runs
the room (VIEW_ROOM) each person's time and share against the fair share, and who has
not spoken yet, to invite them in; rows are in name order, never ranked. Neither page
is public (docs/speaking-time.md says why).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from minipublic import clock
from minipublic.deliberation.models import Seat, Session
from minipublic.deliberation.roster import attendee_key_of
from minipublic.deliberation.speaking_figures import (
    SessionFigures,
    TableFigures,
    names,
    process_figures,
)
from minipublic.deliberation.speaking_text import (
    duration_text,
    gini_text,
    percent_text,
    ratio_text,
)
from minipublic.lifecycle import Action
from minipublic.processes.access import access_process_for_user, can, require_any
from minipublic.room.equity import Equity


def _aggregate(figures: Equity) -> dict[str, Any]:
    """The figures anyone in the process may read: nothing about any one person."""
    return {
        "recorded": figures.total_seconds > 0,
        "total": duration_text(figures.total_seconds),
        "gini": gini_text(figures.gini),
        "spoke": figures.spoke_count,
        "size": figures.size,
        "spoke_share": percent_text(figures.spoke_share),
    }


def _table_row(part: TableFigures) -> dict[str, Any]:
    return {"number": part.table.number, "turns": part.turns, **_aggregate(part.equity)}


def _session_row(figures: SessionFigures) -> dict[str, Any]:
    return {
        "session": figures.session,
        "turns": figures.turns,
        "tables": [_table_row(part) for part in figures.tables],
        **_aggregate(figures.equity),
    }


@require_http_methods(["GET", "HEAD"])
def speaking_overview(request: HttpRequest, slug: str) -> HttpResponse:
    """Each session's and table's speaking-time aggregates, for every member."""
    process = access_process_for_user(request.user, slug)
    require_any(request.user, (Action.VIEW_EQUITY, Action.VIEW_ROOM), process)
    sessions = [_session_row(figures) for figures in process_figures(process, clock.now())]
    # A participant's own tables are marked, so they can compare the one they sat at.
    me = attendee_key_of(request.user, process) if request.user.is_authenticated else None
    if me is not None:
        mine = set(
            Seat.objects.filter(attendee=me, session__process=process).values_list(
                "session__number", "table__number"
            )
        )
        for row in sessions:
            for table in row["tables"]:
                table["mine"] = (row["session"].number, table["number"]) in mine
    context = {
        "process": process,
        "sessions": sessions,
        "recorded": any(row["recorded"] for row in sessions),
        "is_team": can(request.user, Action.VIEW_ROOM, process),
    }
    return render(request, "deliberation/speaking/overview.html", context)


def _person_rows(part: TableFigures, known: dict[str, str]) -> list[dict[str, Any]]:
    rows = [
        {
            "name": known.get(member.person, member.person),
            "total": duration_text(member.seconds),
            "share": percent_text(member.share),
            "to_fair": ratio_text(member.to_fair_share),
            "silent": not member.spoke,
            "above_fair": member.to_fair_share is not None and member.to_fair_share >= 2,
        }
        for member in part.equity.members
    ]
    # Name order, so that the list reads as a table plan and never as a ranking.
    return sorted(rows, key=lambda row: str(row["name"]).casefold())


@require_http_methods(["GET", "HEAD"])
def speaking_session(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """One session's tables, person by person, for the team that runs the room."""
    process = access_process_for_user(request.user, slug, Action.VIEW_ROOM)
    session = Session.objects.filter(process=process, number=number).first()
    if session is None:
        raise Http404(number)
    figures = next(
        (f for f in process_figures(process, clock.now()) if f.session.pk == session.pk), None
    )
    known = names(process)
    tables = [
        {
            **_table_row(part),
            "fair_share": percent_text(part.equity.fair_share),
            "largest": ratio_text(part.equity.largest_to_fair_share),
            "recorders": part.recorders,
            "adjusted": part.adjusted,
            "people": _person_rows(part, known),
            "silent_names": sorted(
                (known.get(key, key) for key in part.equity.silent), key=str.casefold
            ),
        }
        for part in (figures.tables if figures else ())
    ]
    context = {
        "process": process,
        "session": session,
        "summary": _aggregate(figures.equity) if figures else None,
        "tables": tables,
        "may_record": can(request.user, Action.RECORD_SPEAKING, process),
        "previous": Session.objects.filter(process=process, number=number - 1).first(),
        "next": Session.objects.filter(process=process, number=number + 1).first(),
    }
    return render(request, "deliberation/speaking/session.html", context)
