"""Requests for more time: the participants' page to ask (REQUEST_TIME) and the team's
page to decide (DECIDE_TIME). Who asked is shown to the team only."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from minipublic import clock
from minipublic.deliberation.agenda_forms import DecisionForm, TimeRequestForm, attach_error
from minipublic.deliberation.agenda_report import pending_requests, plan_of
from minipublic.deliberation.models import AgendaItem, RequestStatus, Session, TimeRequest
from minipublic.deliberation.roster import roster
from minipublic.deliberation.time_requests import (
    current_item,
    do_decide_time_request,
    do_request_time,
)
from minipublic.lifecycle import Action, LifecycleError
from minipublic.processes.access import access_process_for_user, can
from minipublic.processes.models import Process
from minipublic.room.timing import item_use


def _open_items(process: Process) -> list[AgendaItem]:
    return list(
        AgendaItem.objects.filter(session__process=process, finished_at__isnull=True)
        .select_related("session")
        .order_by("session__number", "position")
    )


def _default_item(process: Process) -> AgendaItem | None:
    today = timezone.localdate(clock.now())
    session = Session.objects.filter(process=process, date=today).order_by("number").first()
    return current_item(session) if session is not None else None


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def request_time(request: HttpRequest, slug: str) -> HttpResponse:
    """A participant asks for more time on an item (the current one by default) and sees
    their own requests with the team's decisions."""
    process = access_process_for_user(request.user, slug, Action.REQUEST_TIME)
    items = _open_items(process)
    default = _default_item(process)
    if request.method == "POST":
        form = TimeRequestForm(request.POST, items=items)
    else:
        form = TimeRequestForm(items=items, initial={"item": default.pk if default else None})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        item = get_object_or_404(AgendaItem, pk=data["item"], session__process=process)
        try:
            made = do_request_time(
                request.user, process, item, minutes=data["minutes"], reason=data["reason"]
            )
        except LifecycleError as error:
            attach_error(form, error)
        else:
            messages.success(
                request,
                gettext(
                    "Your request number %(number)s has been sent to the team. "
                    "Its decision will show here."
                )
                % {"number": made.number},
            )
            return redirect("deliberation:request_time", process.slug)
    mine = (
        TimeRequest.objects.filter(process=process, requested_by=request.user.pk)
        .select_related("item__session")
        .order_by("-number")
    )
    context = {"process": process, "form": form, "mine": mine, "current": default}
    status = 400 if form.errors else 200
    return render(request, "deliberation/agenda/request_time.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def time_requests(request: HttpRequest, slug: str) -> HttpResponse:
    """The team decides on the requests waiting (POST ``request`` = its number) and sees
    every decision made; with the requester's short name, for the team only."""
    process = access_process_for_user(request.user, slug, Action.DECIDE_TIME)
    failed: dict[int, DecisionForm] = {}
    if request.method == "POST":
        try:
            number = int(request.POST.get("request", ""))
        except ValueError:
            return HttpResponse(status=400)
        chosen = get_object_or_404(TimeRequest, process=process, number=number)
        form = DecisionForm(request.POST, prefix=f"r{number}")
        if form.is_valid() and _decide(request, process, chosen, form):
            return redirect("deliberation:time_requests", process.slug)
        failed[number] = form
    now = clock.now()
    names = _names(request, process)
    pending: list[dict[str, Any]] = []
    waiting: set[int] = set()
    for row in pending_requests(process).prefetch_related("item__intervals"):
        form = failed.get(row.number) or DecisionForm(
            prefix=f"r{row.number}", initial={"minutes": row.minutes}
        )
        use = item_use(plan_of(row.item), now)
        pending.append({"request": row, "form": form, "use": use, "name": _name(row, names)})
        waiting.add(row.number)
    decided = [
        {"request": row, "name": _name(row, names)}
        for row in TimeRequest.objects.filter(process=process)
        .exclude(status=RequestStatus.PENDING)
        .select_related("item__session")
        .order_by("-number")
    ]
    # A refusal for a request no longer waiting (decided meanwhile) goes to the top.
    refusals = [
        str(error)
        for number, form in failed.items()
        if number not in waiting
        for error in form.non_field_errors()
    ]
    context: dict[str, Any] = {
        "process": process,
        "pending": pending,
        "decided": decided,
        "show_names": bool(names),
        "refusals": refusals,
    }
    status = 400 if failed else 200
    return render(request, "deliberation/agenda/time_requests.html", context, status=status)


def _decide(
    request: HttpRequest, process: Process, chosen: TimeRequest, form: DecisionForm
) -> bool:
    data = form.cleaned_data
    grant = data["decision"] == "grant"
    try:
        do_decide_time_request(
            request.user,
            process,
            chosen,
            grant=grant,
            minutes=(data["minutes"] or 0) if grant else 0,
            reason=data["reason"],
        )
    except LifecycleError as error:
        attach_error(form, error)
        return False
    if grant:
        text = gettext("Request %(number)s: %(minutes)s minutes granted.") % {
            "number": chosen.number,
            "minutes": chosen.granted_minutes,
        }
    else:
        text = gettext("Request %(number)s has been declined.") % {"number": chosen.number}
    messages.success(request, text)
    return True


def _name(row: TimeRequest, names: dict[int, str]) -> str:
    if row.requested_by_id is None:
        return ""
    return names.get(row.requested_by_id, "")


def _names(request: HttpRequest, process: Process) -> dict[int, str]:
    """Participant accounts' short names ("First L."), for those who may see the room."""
    if not can(request.user, Action.VIEW_ROOM, process):
        return {}
    return {
        attendee.user_id: attendee.name
        for attendee in roster(process)
        if attendee.user_id is not None
    }
