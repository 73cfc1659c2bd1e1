"""Pages of a permanent citizens' council: the public overview, topics, experts,
follow-ups, and the lead practitioner's page for the schedule and rotation draws.

Views are thin: access through ``access_process_for_user``, the change through a
``do_*`` action, its ``LifecycleError`` shown as a form error (status 400).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from minipublic import clock
from minipublic.council import actions
from minipublic.council.forms import (
    DecisionForm,
    ExpertForm,
    FollowUpForm,
    RotationForm,
    ScheduleForm,
    SeatForm,
    TopicForm,
)
from minipublic.council.models import FollowUp, Rotation, RotationSchedule, Term, Topic
from minipublic.council.schedule import (
    current_follow_ups,
    is_council,
    next_due,
    open_rotation,
    rotation_dates,
    sitting_terms,
    unseated_run,
)
from minipublic.lifecycle import Action, LifecycleError, ProcessModel
from minipublic.processes.access import access_process_for_user, can, visible_processes
from minipublic.processes.error_text import describe
from minipublic.processes.models import Process
from minipublic.selection.commit import public_draw_record


def _council(request: HttpRequest, slug: str, action: Action = Action.VIEW_PROCESS) -> Process:
    process = access_process_for_user(request.user, slug, action)
    if not is_council(process):
        raise Http404(slug)
    return process


def _assemblies(request: HttpRequest) -> QuerySet[Process]:
    return visible_processes(request.user).exclude(model=ProcessModel.PERMANENT_COUNCIL.value)


def _terms(process: Process, show_names: bool) -> list[Term]:
    rows = list(sitting_terms(process).select_related("user", "run"))
    for row in rows:
        row.shown_name = (  # type: ignore[attr-defined]
            row.user.display_name or row.user.get_username() if show_names and row.user else ""
        )
    return rows


def _rotations(process: Process) -> list[dict[str, Any]]:
    rows = []
    for rotation in Rotation.objects.filter(process=process).select_related("run"):
        run = rotation.run
        draw = getattr(run, "draw", None)
        rows.append(
            {
                "rotation": rotation,
                "run": run,
                "draw": draw,
                "announced": public_draw_record(run).get("announced_for"),
            }
        )
    return rows


def _marked(rows: Iterable[FollowUp], today: date) -> list[FollowUp]:
    # Mark the follow-ups whose next check is overdue, for the templates.
    marked = list(rows)
    for row in marked:
        row.is_overdue = row.overdue_on(today)  # type: ignore[attr-defined]
    return marked


@require_safe
def overview(request: HttpRequest, slug: str) -> HttpResponse:
    """The council at a glance: members by seat, the schedule, draws, topics, follow-ups."""
    process = _council(request, slug)
    today = clock.now().date()
    schedule = RotationSchedule.objects.filter(process=process).first()
    follow_ups = _marked(current_follow_ups(process), today)
    context = {
        "process": process,
        "terms": _terms(process, can(request.user, Action.VIEW_MEMBERS, process)),
        "show_names": can(request.user, Action.VIEW_MEMBERS, process),
        "schedule": schedule,
        "upcoming": rotation_dates(schedule, after=today) if schedule else [],
        "due": next_due(process),
        "rotations": _rotations(process),
        "topics": Topic.objects.filter(process=process).select_related("assembly"),
        "follow_ups": follow_ups,
        "overdue": [row for row in follow_ups if row.overdue_on(today)],
        "today": today,
        "may_act": can(request.user, Action.COUNCIL_ACT, process),
        "may_manage": can(request.user, Action.MANAGE_COUNCIL, process),
    }
    return render(request, "council/overview.html", context)


@require_safe
def topics(request: HttpRequest, slug: str) -> HttpResponse:
    """Every topic the council proposed, with what it decided."""
    process = _council(request, slug)
    context = {
        "process": process,
        "topics": Topic.objects.filter(process=process).select_related("assembly"),
        "may_act": can(request.user, Action.COUNCIL_ACT, process),
    }
    return render(request, "council/topics.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def propose_topic(request: HttpRequest, slug: str) -> HttpResponse:
    """Propose a topic for the council's agenda."""
    process = _council(request, slug, Action.COUNCIL_ACT)
    form = TopicForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            topic = actions.do_propose_topic(request.user, process, **form.cleaned_data)
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            messages.success(request, gettext("The topic is on the council's agenda."))
            return redirect("council:topic", process.slug, topic.pk)
    status = 400 if form.errors else 200
    return render(
        request, "council/propose.html", {"process": process, "form": form}, status=status
    )


def _topic_page(
    request: HttpRequest,
    process: Process,
    topic: Topic,
    *,
    decision: DecisionForm | None = None,
    expert: ExpertForm | None = None,
) -> HttpResponse:
    may_act = can(request.user, Action.COUNCIL_ACT, process)
    if may_act:
        decision = decision or DecisionForm(assemblies=_assemblies(request))
        expert = expert or ExpertForm()
    context = {
        "process": process,
        "topic": topic,
        "experts": topic.experts.all(),
        "may_act": may_act,
        "decision_form": decision,
        "expert_form": expert,
        "assembly_visible": topic.assembly is not None
        and can(request.user, Action.VIEW_PROCESS, topic.assembly),
    }
    errors = bool((decision and decision.errors) or (expert and expert.errors))
    return render(request, "council/topic.html", context, status=400 if errors else 200)


@require_safe
def topic(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """One topic: why it was proposed, the decision and vote, the experts chosen."""
    process = _council(request, slug)
    item = get_object_or_404(Topic.objects.select_related("assembly"), process=process, pk=pk)
    return _topic_page(request, process, item)


@login_required
@require_POST
def decide_topic(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Record the council's decision on a topic."""
    process = _council(request, slug, Action.COUNCIL_ACT)
    item = get_object_or_404(Topic, process=process, pk=pk)
    form = DecisionForm(request.POST, assemblies=_assemblies(request))
    if form.is_valid():
        try:
            actions.do_decide_topic(request.user, process, item, **form.cleaned_data)
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            messages.success(request, gettext("The council's decision is recorded."))
            return redirect("council:topic", process.slug, item.pk)
    return _topic_page(request, process, item, decision=form)


@login_required
@require_POST
def choose_expert(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Record an expert the council chose for a topic."""
    process = _council(request, slug, Action.COUNCIL_ACT)
    item = get_object_or_404(Topic, process=process, pk=pk)
    form = ExpertForm(request.POST)
    if form.is_valid():
        try:
            actions.do_choose_expert(request.user, process, item, **form.cleaned_data)
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            messages.success(request, gettext("The expert is recorded."))
            return redirect("council:topic", process.slug, item.pk)
    return _topic_page(request, process, item, expert=form)


@require_safe
def follow_ups(request: HttpRequest, slug: str) -> HttpResponse:
    """How the responses to earlier assemblies are followed up; overdue checks first."""
    process = _council(request, slug)
    today = clock.now().date()
    current = _marked(current_follow_ups(process), today)
    context = {
        "process": process,
        "overdue": [row for row in current if row.overdue_on(today)],
        "current": [row for row in current if not row.overdue_on(today)],
        "history": _marked(process.council_follow_ups.select_related("assembly"), today),
        "may_act": can(request.user, Action.COUNCIL_ACT, process),
    }
    return render(request, "council/follow_ups.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def new_follow_up(request: HttpRequest, slug: str) -> HttpResponse:
    """Record where the response to an earlier assembly stands."""
    process = _council(request, slug, Action.COUNCIL_ACT)
    form = FollowUpForm(
        request.POST if request.method == "POST" else None, assemblies=_assemblies(request)
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_record_follow_up(request.user, process, **form.cleaned_data)
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            messages.success(request, gettext("The follow-up is recorded."))
            return redirect("council:follow_ups", process.slug)
    status = 400 if form.errors else 200
    context = {"process": process, "form": form}
    return render(request, "council/new_follow_up.html", context, status=status)


def _manage_page(request: HttpRequest, process: Process, **forms: Any) -> HttpResponse:
    schedule = RotationSchedule.objects.filter(process=process).first()
    initial = (
        {
            "seats": schedule.seats,
            "term_months": schedule.term_months,
            "seats_per_rotation": schedule.seats_per_rotation,
            "first_rotation": schedule.first_rotation,
        }
        if schedule
        else {"seats": 24, "term_months": 18, "seats_per_rotation": 8}
    )
    today = clock.now().date()
    context = {
        "process": process,
        "schedule": schedule,
        "upcoming": rotation_dates(schedule, after=today) if schedule else [],
        "due": next_due(process),
        "open_rotation": open_rotation(process),
        "unseated": unseated_run(process),
        "seated": sitting_terms(process).exists(),
        "schedule_form": forms.get("schedule") or ScheduleForm(initial=initial),
        "rotation_form": forms.get("rotation") or RotationForm(),
        "seat_form": forms.get("seat") or SeatForm(),
    }
    errors = any(form.errors for form in forms.values())
    return render(request, "council/manage.html", context, status=400 if errors else 200)


@login_required
@require_safe
def manage(request: HttpRequest, slug: str) -> HttpResponse:
    """The schedule, the next rotation and its draw, for the lead practitioner."""
    return _manage_page(request, _council(request, slug, Action.MANAGE_COUNCIL))


@login_required
@require_POST
def set_schedule(request: HttpRequest, slug: str) -> HttpResponse:
    """Set the rotation schedule."""
    process = _council(request, slug, Action.MANAGE_COUNCIL)
    form = ScheduleForm(request.POST)
    if form.is_valid():
        try:
            actions.do_set_schedule(request.user, process, **form.cleaned_data)
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            messages.success(request, gettext("The rotation schedule is set."))
            return redirect("council:manage", process.slug)
    return _manage_page(request, process, schedule=form)


@login_required
@require_POST
def start_rotation(request: HttpRequest, slug: str) -> HttpResponse:
    """Start the rotation draw for the seats due."""
    process = _council(request, slug, Action.MANAGE_COUNCIL)
    form = RotationForm(request.POST)
    if form.is_valid():
        try:
            rotation = actions.do_start_rotation(request.user, process, **form.cleaned_data)
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            messages.success(request, gettext("The rotation run is queued."))
            return redirect("selection:run", process.slug, rotation.run.number)
    return _manage_page(request, process, rotation=form)


@login_required
@require_POST
def seat_members(request: HttpRequest, slug: str) -> HttpResponse:
    """Seat the members of the latest public draw."""
    process = _council(request, slug, Action.MANAGE_COUNCIL)
    form = SeatForm(request.POST)
    if form.is_valid():
        try:
            actions.do_seat_members(request.user, process, **form.cleaned_data)
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            messages.success(request, gettext("The drawn members have their seats."))
            return redirect("council:overview", process.slug)
    return _manage_page(request, process, seat=form)
