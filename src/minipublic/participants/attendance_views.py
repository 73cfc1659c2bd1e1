"""Pages of attendance: the overview of every meeting and person, a meeting's check-in
sheet with its code, the participants' own check-in by code, and the follow-up list.

Names (the short names of ``deliberation.roster``) are shown only to the team that records
attendance; the follow-up notes only to those who handle support (VIEW_SUPPORT).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from minipublic.deliberation.models import Session
from minipublic.deliberation.roster import roster
from minipublic.lifecycle import Action, LifecycleError
from minipublic.participants import attendance, attendance_codes
from minipublic.participants.attendance_models import (
    Attendance,
    AttendanceStatus,
    CheckInCode,
    FollowUpTask,
)
from minipublic.participants.attendance_queries import follow_up_team, overview, sheet_rows
from minipublic.processes.access import access_process_for_user, can, require_any, roles_in
from minipublic.processes.error_text import describe
from minipublic.processes.models import Process

_TEAM = (Action.RECORD_ATTENDANCE, Action.VIEW_SUPPORT)


def _session(process: Process, number: int) -> Session:
    session = Session.objects.filter(process=process, number=number).first()
    if session is None:
        raise Http404(number)
    return session


def _team_process(request: HttpRequest, slug: str) -> Process:
    process = access_process_for_user(request.user, slug)
    require_any(request.user, _TEAM, process)
    return process


@login_required
@require_http_methods(["GET", "HEAD"])
def attendance_overview(request: HttpRequest, slug: str) -> HttpResponse:
    """Every meeting with its counts, every person with their attendance (the team only)."""
    process = _team_process(request, slug)
    context = {
        "process": process,
        **overview(process),
        "may_record": can(request.user, Action.RECORD_ATTENDANCE, process),
        "open_tasks": FollowUpTask.objects.filter(process=process, done_at__isnull=True).count(),
    }
    return render(request, "participants/attendance_overview.html", context)


class CodeForm(forms.Form):
    """The code shown in the room."""

    code = forms.CharField(
        label=_("Check-in code"),
        max_length=20,
        help_text=_("The six letters and digits shown in the room. Upper or lower case."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def attendance_sheet(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """One meeting's check-in sheet: everyone in the room with present / absent / excused,
    saved in one go; and the meeting's check-in code (show, open, close, renew)."""
    process = access_process_for_user(request.user, slug, Action.RECORD_ATTENDANCE)
    session = _session(process, number)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        step = request.POST.get("step", "sheet")
        try:
            _post_sheet(request, process, session, step)
        except LifecycleError as error:
            errors.append(describe(error))
            status = 400
        else:
            return redirect("participants:attendance_sheet", process.slug, session.number)
    context: dict[str, Any] = {
        "process": process,
        "session": session,
        "rows": sheet_rows(process, session, request.POST if status == 400 else None),
        "statuses": AttendanceStatus.choices,
        "counts": attendance.counts(session),
        "code": CheckInCode.objects.filter(session=session).first(),
        "errors": errors,
    }
    return render(request, "participants/attendance_sheet.html", context, status=status)


def _post_sheet(request: HttpRequest, process: Process, session: Session, step: str) -> None:
    user: Any = request.user
    if step == "sheet":
        valid = {value for value, _label in AttendanceStatus.choices}
        statuses = {}
        for attendee in roster(process):
            value = request.POST.get(f"status-{attendee.key}", "")
            if value in valid:
                statuses[attendee.key] = value
        changed = attendance.do_record_attendance(user, process, session, statuses)
        messages.success(
            request,
            gettext("Attendance saved (%(count)s changed).") % {"count": changed},
        )
    elif step in ("open", "new"):
        code = attendance_codes.do_open_check_in(user, process, session, new=step == "new")
        messages.success(
            request, gettext("Check-in by code is open: %(code)s") % {"code": code.code}
        )
    elif step == "close":
        attendance_codes.do_close_check_in(user, process, session)
        messages.success(request, gettext("Check-in by code is closed."))
    else:
        raise LifecycleError(
            "attendance_step_unknown", "That button is not known; reload the page."
        )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def attendance_check_in(request: HttpRequest, slug: str) -> HttpResponse:
    """A participant checks themselves in with the code shown in the room."""
    process = access_process_for_user(request.user, slug, Action.CHECK_IN)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            session = attendance_codes.check_in_with_code(
                request.user, process, form.cleaned_data["code"]
            )
        except LifecycleError as error:
            form.add_error("code", describe(error))
        else:
            messages.success(
                request,
                gettext("You are checked in to session %(number)s: %(title)s. Welcome!")
                % {"number": session.number, "title": session.title},
            )
            return redirect("participants:attendance_check_in", process.slug)
    status = 400 if form.errors else 200
    return render(
        request,
        "participants/attendance_check_in.html",
        {"process": process, "form": form},
        status=status,
    )


class DoneForm(forms.Form):
    """Marking a follow-up done."""

    note = forms.CharField(
        label=_("How did the follow-up go?"),
        max_length=attendance.NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Kept encrypted; only the lead practitioner and recruiters can read it. "
            "Write only what the team needs to support the person."
        ),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def attendance_follow_up(request: HttpRequest, slug: str) -> HttpResponse:
    """People at risk of dropping out (two or more unexcused absences): open follow-ups,
    who has each, and marking one done with a note."""
    process = _team_process(request, slug)
    roles = roles_in(request.user, process)
    failed: dict[int, Any] = {}
    if request.method == "POST":
        result = _post_follow_up(request, process, failed)
        if result:
            return result
    names = {attendee.key: attendee.name for attendee in roster(process)}
    tasks = FollowUpTask.objects.filter(process=process).select_related("assigned_to", "done_by")
    ordered = list(tasks.order_by("done_at", "-created_at"))
    rows: list[dict[str, Any]] = [
        {
            "task": task,
            "name": names.get(task.attendee_key, gettext("someone no longer in the room")),
            "form": failed.get(task.pk) or DoneForm(prefix=f"t{task.pk}"),
        }
        for task in ordered
    ]
    context = {
        "process": process,
        "open_rows": [row for row, task in zip(rows, ordered, strict=True) if task.done_at is None],
        "done_rows": [row for row, task in zip(rows, ordered, strict=True) if task.done_at],
        "team": follow_up_team(process),
        "may_record": can(request.user, Action.RECORD_ATTENDANCE, process, roles=roles),
        "may_read_notes": can(request.user, Action.VIEW_SUPPORT, process, roles=roles),
        "threshold": attendance.DROPOUT_ABSENCES,
    }
    return render(
        request, "participants/attendance_follow_up.html", context, status=400 if failed else 200
    )


def _post_follow_up(
    request: HttpRequest, process: Process, failed: dict[int, Any]
) -> HttpResponse | None:
    user: Any = request.user
    pk = request.POST.get("task", "")
    task = FollowUpTask.objects.filter(process=process, pk=int(pk) if pk.isdigit() else 0).first()
    if task is None:
        raise Http404(pk)
    step = request.POST.get("step", "")
    if step == "assign":
        chosen = request.POST.get("assignee", "")
        team = {str(member.pk): member for member in follow_up_team(process)}
        if chosen and chosen not in team:
            return HttpResponse(status=400)
        try:
            attendance.do_assign_follow_up(user, process, task, team.get(chosen))
        except LifecycleError as error:
            messages.error(request, describe(error))
            return redirect("participants:attendance_follow_up", process.slug)
        messages.success(request, gettext("Follow-up assigned."))
        return redirect("participants:attendance_follow_up", process.slug)
    if step != "done":
        return HttpResponse(status=400)
    form = DoneForm(request.POST, prefix=f"t{task.pk}")
    if form.is_valid():
        try:
            attendance.do_complete_follow_up(user, process, task, note=form.cleaned_data["note"])
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            messages.success(request, gettext("Follow-up marked done."))
            return redirect("participants:attendance_follow_up", process.slug)
    failed[task.pk] = form
    return None


__all__ = [
    "Attendance",
    "attendance_check_in",
    "attendance_follow_up",
    "attendance_overview",
    "attendance_sheet",
]
