"""What the attendance pages show: the sheet of one meeting, the overview of all meetings
and people, and who may take a follow-up."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from minipublic.accounts.models import User
from minipublic.deliberation.models import Session
from minipublic.deliberation.roster import roster
from minipublic.lifecycle import Role
from minipublic.participants.attendance import counts
from minipublic.participants.attendance_models import Attendance, AttendanceStatus
from minipublic.processes.models import Process


def follow_up_team(process: Process) -> list[User]:
    """Who may be given a follow-up: the lead practitioners and recruiters of ``process``."""
    return list(
        User.objects.filter(
            memberships__process=process,
            memberships__role__in=[Role.LEAD_PRACTITIONER.value, Role.RECRUITER.value],
            is_active=True,
        )
        .distinct()
        .order_by("username")
    )


def sheet_rows(
    process: Process, session: Session, posted: Mapping[str, str] | None = None
) -> list[dict[str, Any]]:
    """Everyone in the room with their recorded status at ``session`` (or, after a refused
    save, what was ticked, so nothing is lost)."""
    recorded = dict(
        Attendance.objects.filter(session=session).values_list("attendee_key", "status")
    )
    methods = dict(Attendance.objects.filter(session=session).values_list("attendee_key", "method"))
    rows = []
    for index, attendee in enumerate(roster(process)):
        field = f"status-{attendee.key}"
        current = posted.get(field, "") if posted is not None else recorded.get(attendee.key, "")
        rows.append(
            {
                "index": index,
                "key": attendee.key,
                "field": field,
                "name": attendee.name,
                "status": current,
                "by_code": methods.get(attendee.key) == "code",
            }
        )
    return rows


def overview(process: Process) -> dict[str, Any]:
    """Each meeting's counts, and each person's status at each meeting with their number
    of unexcused absences."""
    sessions = list(Session.objects.filter(process=process).order_by("number"))
    people = roster(process)
    marks: dict[tuple[str, int], str] = {
        (key, session_id): status
        for key, session_id, status in Attendance.objects.filter(
            session__process=process
        ).values_list("attendee_key", "session_id", "status")
    }
    labels = dict(AttendanceStatus.choices)
    meetings = []
    for session in sessions:
        tally = counts(session)
        tally["unrecorded"] = max(len(people) - sum(tally.values()), 0)
        meetings.append({"session": session, "counts": tally})
    persons = []
    for attendee in people:
        cells = [
            {
                "status": marks.get((attendee.key, s.pk), ""),
                "label": labels.get(marks.get((attendee.key, s.pk), ""), ""),
            }
            for s in sessions
        ]
        absences = sum(1 for cell in cells if cell["status"] == AttendanceStatus.ABSENT)
        persons.append({"name": attendee.name, "cells": cells, "absences": absences})
    return {"meetings": meetings, "sessions": sessions, "persons": persons}
