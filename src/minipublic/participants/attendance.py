"""Attendance at each meeting, recorded by the team on a check-in sheet (or by the
participants themselves with the meeting's code, see ``attendance_codes``), and the
follow-up of people at risk of dropping out.

Every change does three things after saving: the stipends of the meeting are brought in
line (``stipends.sync_stipends_for_session``); anyone with two or more *unexcused*
absences gets one open follow-up task (an excused absence was agreed beforehand, so it
is no sign of drifting away); and the public ledger records the meeting's counts, never
who came.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.db.models import Count

from minipublic import clock
from minipublic.deliberation.models import Session
from minipublic.deliberation.roster import roster
from minipublic.integrity.record import append
from minipublic.lifecycle import Action, LifecycleError
from minipublic.participants import stipends
from minipublic.participants.attendance_models import (
    Attendance,
    AttendanceStatus,
    CheckInMethod,
    FollowUpTask,
)
from minipublic.processes.access import Actor, performs
from minipublic.processes.actions import _actor_role, _person
from minipublic.processes.models import Process

if TYPE_CHECKING:
    from minipublic.accounts.models import User

#: Unexcused absences that make someone a dropout risk (a follow-up task).
DROPOUT_ABSENCES = 2
#: The longest note on a follow-up task, in characters.
NOTE_MAX = 4000


def own_session(process: Process, session: Session) -> None:
    """Refuse a meeting of another process."""
    if session.process_id != process.pk:
        raise LifecycleError("session_elsewhere", "That session belongs to another process.")


def counts(session: Session) -> dict[str, int]:
    """How many were present, absent and excused at ``session`` (recorded so far)."""
    rows = Attendance.objects.filter(session=session).values("status").annotate(n=Count("pk"))
    found = {row["status"]: row["n"] for row in rows}
    return {status.value: found.get(status.value, 0) for status in AttendanceStatus}


def after_change(actor_role: str, process: Process, session: Session, changed: int) -> int:
    """What follows every change of ``session``'s attendance: stipends, dropout risk, the
    ledger's counts. Returns how many follow-up tasks were opened."""
    stipends.sync_stipends_for_session(session)
    opened = review_dropout_risk(process)
    append(
        process,
        actor_role,
        "attendance.recorded",
        {
            "session": session.number,
            **counts(session),
            "changed": changed,
            "follow_ups_opened": opened,
        },
    )
    return opened


@performs(Action.RECORD_ATTENDANCE)
def do_record_attendance(
    actor: Actor, process: Process, session: Session, statuses: Mapping[str, str]
) -> int:
    """Record the check-in sheet of ``session``: each attendee key of ``statuses`` present,
    absent or excused (people left out keep what they had). Returns how many changed."""
    own_session(process, session)
    known = {attendee.key for attendee in roster(process)}
    strangers = sorted(set(statuses) - known)
    if strangers:
        raise LifecycleError(
            "attendance_not_in_room",
            "{count} of the people on the sheet are not in the room (were they removed from "
            "the panel?). Reload the sheet and record it again.",
            count=len(strangers),
        )
    valid = {status.value for status in AttendanceStatus}
    wrong = sorted(value for value in statuses.values() if value not in valid)
    if wrong:
        raise LifecycleError(
            "attendance_status_unknown",
            "Choose present, absent or excused for everyone (not {value}).",
            value=wrong[0],
        )
    existing = {row.attendee_key: row for row in Attendance.objects.filter(session=session)}
    user = _person(actor)
    now = clock.now()
    changed = 0
    for key, status in statuses.items():
        row = existing.get(key)
        if row is not None and row.status == status:
            continue
        Attendance.objects.update_or_create(
            session=session,
            attendee_key=key,
            defaults={
                "status": status,
                "method": CheckInMethod.FACILITATOR,
                "recorded_by": user,
                "recorded_at": now,
            },
        )
        changed += 1
    if changed:
        after_change(
            _actor_role(actor, process, Action.RECORD_ATTENDANCE), process, session, changed
        )
    return changed


def unexcused_absences(process: Process) -> dict[str, list[int]]:
    """The meetings (by number) of ``process`` each attendee missed without an excuse."""
    rows = (
        Attendance.objects.filter(session__process=process, status=AttendanceStatus.ABSENT)
        .order_by("session__number")
        .values_list("attendee_key", "session__number")
    )
    missed: dict[str, list[int]] = {}
    for key, number in rows:
        missed.setdefault(key, []).append(number)
    return missed


def review_dropout_risk(process: Process) -> int:
    """Open a follow-up task for everyone with ``DROPOUT_ABSENCES`` or more unexcused
    absences who has no open task, unless a finished task already covered as many
    absences. Returns how many were opened."""
    missed = unexcused_absences(process)
    tasks = FollowUpTask.objects.filter(process=process)
    open_keys = set(tasks.filter(done_at__isnull=True).values_list("attendee_key", flat=True))
    covered: dict[str, int] = {}
    for key, absences in tasks.filter(done_at__isnull=False).values_list(
        "attendee_key", "absences"
    ):
        covered[key] = max(covered.get(key, 0), absences)
    opened = 0
    now = clock.now()
    for key, sessions in sorted(missed.items()):
        absences = len(sessions)
        if absences < DROPOUT_ABSENCES or key in open_keys or covered.get(key, 0) >= absences:
            continue
        FollowUpTask.objects.create(
            process=process,
            attendee_key=key,
            reason="sessions " + ", ".join(str(number) for number in sessions),
            absences=absences,
            created_at=now,
        )
        opened += 1
    return opened


def _task(process: Process, task: FollowUpTask) -> None:
    if task.process_id != process.pk:
        raise LifecycleError("follow_up_elsewhere", "That follow-up belongs to another process.")


@performs(Action.RECORD_ATTENDANCE)
def do_assign_follow_up(
    actor: Actor, process: Process, task: FollowUpTask, assignee: User | None
) -> FollowUpTask:
    """Give the follow-up ``task`` to ``assignee`` (a lead practitioner or recruiter of
    the process), or to nobody."""
    _task(process, task)
    if assignee is not None:
        from minipublic.participants.attendance_queries import follow_up_team

        if assignee not in follow_up_team(process):
            raise LifecycleError(
                "follow_up_assignee",
                "Give the follow-up to a lead practitioner or a recruiter of this process.",
            )
    task.assigned_to = assignee
    task.save(update_fields=["assigned_to"])
    return task


@performs(Action.RECORD_ATTENDANCE)
def do_complete_follow_up(
    actor: Actor, process: Process, task: FollowUpTask, *, note: str
) -> FollowUpTask:
    """Mark the follow-up ``task`` done, with a note of how it went (kept encrypted, read
    only by those who handle support)."""
    _task(process, task)
    if task.done_at is not None:
        raise LifecycleError("follow_up_done_already", "This follow-up is already done.")
    words = note.strip()
    if not words:
        raise LifecycleError("follow_up_needs_note", "Say in a few words how the follow-up went.")
    if len(words) > NOTE_MAX:
        raise LifecycleError(
            "follow_up_note_too_long",
            "Keep the note to {limit} characters (it has {length}).",
            limit=NOTE_MAX,
            length=len(words),
        )
    task.done_at = clock.now()
    task.done_by = _person(actor)
    task.note = words
    task.save(update_fields=["done_at", "done_by", "note"])
    append(
        process,
        _actor_role(actor, process, Action.RECORD_ATTENDANCE),
        "attendance.follow_up_done",
        {"absences": task.absences},
    )
    return task
