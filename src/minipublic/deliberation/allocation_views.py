"""Pages of table allocation: the team's page to run, pin, group and apply
(``/p/<slug>/manage/tables/``), one run with its score and seating, and a participant's
own tables (``/p/<slug>/room/my-tables/``).

Views are thin: access through ``access_process_for_user``, the change through one
``do_*`` action, its ``LifecycleError`` shown as a form error (status 400).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST, require_safe

from minipublic import clock
from minipublic.deliberation import allocation as actions
from minipublic.deliberation import allocation_display as display
from minipublic.deliberation.allocation_forms import (
    GroupForm,
    PinForm,
    RunForm,
    UnpinForm,
    session_choices,
)
from minipublic.deliberation.models import AllocationRun, Session, TableGroup
from minipublic.deliberation.roster import attendee_key_of, roster
from minipublic.lifecycle import Action, LifecycleError, Role
from minipublic.processes.access import access_process_for_user, can
from minipublic.processes.error_text import describe
from minipublic.processes.labels import ROLE_LABELS
from minipublic.processes.models import Process


def _role_label(value: str) -> str:
    try:
        return str(ROLE_LABELS[Role(value)])
    except ValueError:
        return value


def _team(request: HttpRequest, slug: str) -> Process:
    return access_process_for_user(request.user, slug, Action.ALLOCATE_TABLES)


class _Room:
    """The room as the forms need it: sessions, people's names, features."""

    def __init__(self, process: Process, with_names: bool) -> None:
        self.process = process
        self.attendees = roster(process)
        self.names = {a.key: a.name for a in self.attendees} if with_names else {}
        self.sessions = list(Session.objects.filter(process=process).order_by("number"))
        self.features = actions.available_features(process, self.attendees)

    def run_form(self, data: Any = None) -> RunForm:
        today = clock.now().date()
        upcoming = [s for s in self.sessions if s.date >= today] or self.sessions
        counts = Counter(s.tables.count() for s in self.sessions if s.tables.exists())
        tables = counts.most_common(1)[0][0] if counts else max(1, -(-len(self.attendees) // 8))
        return RunForm(
            data,
            sessions=session_choices(self.sessions),
            features=list(self.features.items()),
            initial={
                "sessions": [str(s.number) for s in upcoming],
                "features": list(self.features),
                "tables": tables,
                "slack": 0,
            },
        )

    def pin_form(self, data: Any = None) -> PinForm:
        return PinForm(data, sessions=session_choices(self.sessions), people=self.names)

    def group_form(self, data: Any = None) -> GroupForm:
        return GroupForm(data, people=self.names, initial={"kind": "together"})


def _page(request: HttpRequest, process: Process, **forms: Any) -> HttpResponse:
    room = _Room(process, can(request.user, Action.VIEW_ROOM, process))
    runs = list(AllocationRun.objects.filter(process=process)[:20])
    seated = display.seated_counts(process.pk)
    context = {
        "process": process,
        "room": room,
        "sessions": [
            {"session": s, "tables": s.tables.count(), "seated": seated.get(s.number, 0)}
            for s in room.sessions
        ],
        "runs": runs,
        "pins": display.shown_pins(process.pk, room.names),
        "groups": display.shown_groups(process.pk, room.names),
        "run_form": forms.get("run_form") or room.run_form(),
        "pin_form": forms.get("pin_form") or room.pin_form(),
        "group_form": forms.get("group_form") or room.group_form(),
    }
    errors = any(form.errors for form in forms.values())
    return render(request, "deliberation/tables.html", context, status=400 if errors else 200)


@login_required
@require_safe
def tables(request: HttpRequest, slug: str) -> HttpResponse:
    """The team's page: run the allocation, pins, groups, and the runs so far."""
    return _page(request, _team(request, slug))


@login_required
@require_POST
def run(request: HttpRequest, slug: str) -> HttpResponse:
    """Run the allocation with the pins and groups in force; show the result."""
    process = _team(request, slug)
    room = _Room(process, can(request.user, Action.VIEW_ROOM, process))
    form = room.run_form(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        asked = actions.RunRequest(
            sessions=tuple(int(n) for n in data["sessions"]),
            features=tuple(data["features"]),
            tables=data["tables"],
            capacities=data["capacities"],
            seed=data["seed"],
            slack=data["slack"],
        )
        try:
            made = actions.run_allocation(request.user, process, asked)
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            return redirect("deliberation:allocation", process.slug, made.number)
    return _page(request, process, run_form=form)


@login_required
@require_safe
def allocation(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """One run: its score, what was asked, and who sits where (names for the team)."""
    process = _team(request, slug)
    made = get_object_or_404(AllocationRun, process=process, number=number)
    with_names = can(request.user, Action.VIEW_ROOM, process)
    room = _Room(process, with_names)
    context = {
        "process": process,
        "run": made,
        "report": made.report,
        "features": display.shown_features(made, room.features),
        "sessions": display.shown_run(made, room.attendees if with_names else [], room.features),
        "latest": AllocationRun.objects.filter(process=process).first() == made,
        "pin_form": room.pin_form(),
        "made_by": _role_label(made.made_by_role),
    }
    return render(request, "deliberation/allocation.html", context)


@login_required
@require_POST
def apply(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """Seat the run's sessions as it proposes."""
    process = _team(request, slug)
    made = get_object_or_404(AllocationRun, process=process, number=number)
    try:
        actions.do_apply_allocation(request.user, process, made)
    except LifecycleError as error:
        messages.error(request, describe(error))
    else:
        messages.success(request, gettext("The allocation is applied: everyone has a seat."))
    return redirect("deliberation:allocation", process.slug, made.number)


@login_required
@require_POST
def pin(request: HttpRequest, slug: str) -> HttpResponse:
    """Keep one person at one table in one session."""
    process = _team(request, slug)
    room = _Room(process, can(request.user, Action.VIEW_ROOM, process))
    form = room.pin_form(request.POST)
    if form.is_valid():
        session = get_object_or_404(Session, process=process, number=form.cleaned_data["session"])
        try:
            actions.do_pin(
                request.user,
                process,
                session,
                form.cleaned_data["attendee"],
                form.cleaned_data["table"],
            )
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            messages.success(request, gettext("The pin is kept for the next run."))
            return redirect("deliberation:tables", process.slug)
    return _page(request, process, pin_form=form)


@login_required
@require_POST
def unpin(request: HttpRequest, slug: str) -> HttpResponse:
    """Release one pin."""
    process = _team(request, slug)
    form = UnpinForm(request.POST)
    if form.is_valid():
        session = get_object_or_404(Session, process=process, number=form.cleaned_data["session"])
        actions.do_unpin(request.user, process, session, form.cleaned_data["attendee"])
        messages.success(request, gettext("The pin is released."))
    return redirect("deliberation:tables", process.slug)


@login_required
@require_POST
def add_group(request: HttpRequest, slug: str) -> HttpResponse:
    """Add a group that sits together, or apart."""
    process = _team(request, slug)
    room = _Room(process, can(request.user, Action.VIEW_ROOM, process))
    form = room.group_form(request.POST)
    if form.is_valid():
        try:
            actions.do_add_group(request.user, process, **form.cleaned_data)
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            messages.success(request, gettext("The group is kept for the next run."))
            return redirect("deliberation:tables", process.slug)
    return _page(request, process, group_form=form)


@login_required
@require_POST
def remove_group(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Forget a group."""
    process = _team(request, slug)
    group = get_object_or_404(TableGroup, process=process, pk=pk)
    actions.do_remove_group(request.user, process, group)
    messages.success(request, gettext("The group is removed."))
    return redirect("deliberation:tables", process.slug)


@login_required
@require_safe
def my_tables(request: HttpRequest, slug: str) -> HttpResponse:
    """A participant's own table in each session, and no one else's."""
    process = access_process_for_user(request.user, slug, Action.VIEW_OWN_TABLES)
    key = attendee_key_of(request.user, process)  # type: ignore[arg-type]
    context = {
        "process": process,
        "in_room": key is not None,
        "rows": display.own_tables(process.pk, key),
    }
    return render(request, "deliberation/my_tables.html", context)
