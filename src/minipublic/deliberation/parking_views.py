"""Pages of the parking lot: the public list with its counts and filter, a concern with
its history, and the forms to raise, resolve, reopen and ask for a reopening.

Anyone who may see the process reads the list and every concern, resolutions and
answers included; nobody sees who raised a concern or asked for a reopening, except the
person themselves ("raised by you").
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q, QuerySet
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from minipublic.deliberation import parking
from minipublic.deliberation.models import (
    Concern,
    ConcernKind,
    ConcernStatus,
    ReopenRequest,
    ReopenStatus,
    Resolution,
)
from minipublic.deliberation.parking_forms import (
    AnswerRequestForm,
    FilterForm,
    RaiseConcernForm,
    ReasonForm,
    ResolveForm,
    chosen_session,
)
from minipublic.lifecycle import Action, LifecycleError, Role
from minipublic.processes.access import access_process_for_user, can, roles_in
from minipublic.processes.error_text import attempt as _attempt
from minipublic.processes.error_text import describe
from minipublic.processes.models import Process

_BY_PARTICIPANT = _("a participant")
_BY_TEAM = _("the facilitation team")


def raised_by(role: str) -> str:
    """Who raised a concern, as the public reads it: a participant or the team."""
    return str(_BY_PARTICIPANT if role == Role.PARTICIPANT.value else _BY_TEAM)


def _listed(process: Process) -> QuerySet[Concern]:
    pending = Count("reopen_requests", filter=Q(reopen_requests__status=ReopenStatus.PENDING))
    return (
        Concern.objects.filter(process=process)
        .select_related("session", "resolution_session")
        .annotate(pending_requests=pending)
        .order_by("number")
    )


def _filtered(rows: QuerySet[Concern], data: dict[str, str], process: Process) -> QuerySet[Concern]:
    if data.get("status"):
        rows = rows.filter(status=data["status"])
    if data.get("kind"):
        rows = rows.filter(kind=data["kind"])
    if data.get("resolution"):
        rows = rows.filter(resolution=data["resolution"])
    if data.get("session"):
        rows = rows.filter(session=chosen_session(process, data["session"]))
    return rows


def _counts(process: Process) -> dict[str, Any]:
    everything = Concern.objects.filter(process=process)
    grouped = everything.values("kind", "status").annotate(n=Count("pk"))
    by_kind = {(kind, status): n for kind, status, n in grouped.values_list("kind", "status", "n")}
    kinds = [
        {
            "label": label,
            "open": by_kind.get((value, ConcernStatus.OPEN), 0),
            "resolved": by_kind.get((value, ConcernStatus.RESOLVED), 0),
        }
        for value, label in ConcernKind.choices
    ]
    resolved = dict(
        everything.filter(status=ConcernStatus.RESOLVED)
        .values("resolution")
        .annotate(n=Count("pk"))
        .values_list("resolution", "n")
    )
    return {
        "kinds": kinds,
        "open": sum(row["open"] for row in kinds),
        "resolved": sum(row["resolved"] for row in kinds),
        "resolutions": [(label, resolved.get(value, 0)) for value, label in Resolution.choices],
    }


def _mine(request: HttpRequest, process: Process) -> set[int]:
    if not request.user.is_authenticated:
        return set()
    own = Concern.objects.filter(process=process, raised_by=request.user)
    return set(own.values_list("pk", flat=True))


@require_http_methods(["GET", "HEAD"])
def parking_lot(request: HttpRequest, slug: str) -> HttpResponse:
    """The public parking lot: every concern with how it was resolved, counts of open and
    resolved by kind, and a filter."""
    process = access_process_for_user(request.user, slug)
    form = FilterForm(process, request.GET or None)
    rows = _listed(process)
    filtered = bool(request.GET)
    if filtered and form.is_valid():
        rows = _filtered(rows, form.cleaned_data, process)
    roles = roles_in(request.user, process)
    context = {
        "process": process,
        "concerns": [(concern, raised_by(concern.raised_by_role)) for concern in rows],
        "filter_form": form,
        "filtered": filtered,
        "counts": _counts(process),
        "parking_block": parking.open_concerns_block_report(process),
        "mine": _mine(request, process),
        "may_raise": can(request.user, Action.RAISE_CONCERN, process, roles=roles),
        "may_resolve": can(request.user, Action.RESOLVE_CONCERN, process, roles=roles),
    }
    status = 400 if filtered and form.errors else 200
    return render(request, "deliberation/parking/list.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def concern_new(request: HttpRequest, slug: str) -> HttpResponse:
    """Park a concern (participants and the team)."""
    process = access_process_for_user(request.user, slug, Action.RAISE_CONCERN)
    form = RaiseConcernForm(process, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            concern = parking.do_raise_concern(
                request.user,
                process,
                text=data["text"],
                kind=data["kind"],
                session=chosen_session(process, data["session"]),
            )
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            messages.success(
                request,
                gettext("Concern #%(number)s is in the parking lot.") % {"number": concern.number},
            )
            return redirect("deliberation:concern", process.slug, concern.number)
    status = 400 if form.errors else 200
    context = {"process": process, "form": form}
    return render(request, "deliberation/parking/new.html", context, status=status)


# What each button of the concern page does, and the rule it needs.
_STEPS: dict[str, Action] = {
    "resolve": Action.RESOLVE_CONCERN,
    "reopen": Action.RESOLVE_CONCERN,
    "answer": Action.RESOLVE_CONCERN,
    "request": Action.RAISE_CONCERN,
}


def _concern(process: Process, number: int) -> Concern:
    concern = _listed(process).filter(number=number).first()
    if concern is None:
        raise Http404(number)
    return concern


@require_http_methods(["GET", "HEAD", "POST"])
def concern_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """One concern: its text, where it stands, its history; and (by POST) resolving,
    reopening, asking for a reopening or answering such a request."""
    step = request.POST.get("step", "") if request.method == "POST" else ""
    if request.method == "POST" and step not in _STEPS:
        return HttpResponse(status=400)
    process = access_process_for_user(request.user, slug, _STEPS.get(step, Action.VIEW_PROCESS))
    concern = _concern(process, number)
    forms: dict[str, Any] = {}
    if step and _post(request, process, concern, step, forms):
        return redirect("deliberation:concern", process.slug, concern.number)
    if step:
        concern = _concern(process, number)
    return _render_detail(request, process, concern, forms, status=400 if step else 200)


def _post(
    request: HttpRequest, process: Process, concern: Concern, step: str, forms: dict[str, Any]
) -> bool:
    """Run one button of the concern page; False (the form keeps its errors) if refused."""
    user: Any = request.user
    form: Form
    if step == "resolve":
        form = forms["resolve_form"] = ResolveForm(process, request.POST)
        if not form.is_valid():
            return False
        data = form.cleaned_data
        return _attempt(
            request,
            form,
            gettext("Concern #%(number)s is resolved.") % {"number": concern.number},
            lambda: parking.do_resolve_concern(
                user,
                process,
                concern,
                resolution=data["resolution"],
                text=data["text"],
                session=chosen_session(process, data["session"]),
            ),
        )
    if step in ("reopen", "request"):
        form = forms[f"{step}_form"] = ReasonForm(request.POST, prefix=step)
        if not form.is_valid():
            return False
        reason = form.cleaned_data["reason"]
        if step == "reopen":
            done = gettext("Concern #%(number)s is open again.") % {"number": concern.number}
            return _attempt(
                request,
                form,
                done,
                lambda: parking.do_reopen_concern(user, process, concern, reason=reason),
            )
        done = gettext("Your request has been sent to the team, who must answer it.")
        return _attempt(
            request,
            form,
            done,
            lambda: parking.do_request_reopening(user, process, concern, reason=reason),
        )
    number = request.POST.get("request", "")
    pending = concern.reopen_requests.filter(number=int(number) if number.isdigit() else 0).first()
    if pending is None:
        raise Http404("request")
    form = AnswerRequestForm(request.POST, prefix=f"answer-{pending.number}")
    forms["answer_forms"] = {pending.number: form}
    if not form.is_valid():
        return False
    data = form.cleaned_data
    return _attempt(
        request,
        form,
        gettext("Your answer is published."),
        lambda: parking.do_answer_reopen_request(
            user, process, pending, accept=data["decision"] == "accept", answer=data["answer"]
        ),
    )


def _history(concern: Concern) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = [
        {"at": step.at, "step": step, "kind": step.kind} for step in concern.steps.all()
    ]
    for request in concern.reopen_requests.all():
        events.append({"at": request.made_at, "request": request, "kind": "requested"})
        if request.answered_at is not None:
            events.append({"at": request.answered_at, "request": request, "kind": "answered"})
    order = {"requested": 0, "answered": 1, "reopened": 2, "resolved": 3}
    return sorted(events, key=lambda event: (event["at"], order[event["kind"]]))


def _render_detail(
    request: HttpRequest, process: Process, concern: Concern, forms: dict[str, Any], status: int
) -> HttpResponse:
    user: Any = request.user
    roles = roles_in(user, process)
    may_resolve = can(user, Action.RESOLVE_CONCERN, process, roles=roles)
    resolved = concern.status == ConcernStatus.RESOLVED
    is_participant = Role.PARTICIPANT in roles and can(
        user, Action.RAISE_CONCERN, process, roles=roles
    )
    pending = list(concern.reopen_requests.filter(status=ReopenStatus.PENDING))
    mine_pending = [r for r in pending if user.is_authenticated and r.requested_by_id == user.pk]
    answer_forms = forms.get("answer_forms", {})
    context = {
        "process": process,
        "concern": concern,
        "raised_by": raised_by(concern.raised_by_role),
        "mine": user.is_authenticated and concern.raised_by_id == user.pk,
        "my_requests": set(
            ReopenRequest.objects.filter(concern=concern, requested_by=user.pk).values_list(
                "number", flat=True
            )
        )
        if user.is_authenticated
        else set(),
        "history": _history(concern),
        "may_resolve": may_resolve and not resolved,
        "resolve_form": forms.get("resolve_form") or ResolveForm(process),
        "may_reopen": may_resolve and resolved,
        "reopen_form": forms.get("reopen_form") or ReasonForm(prefix="reopen"),
        "may_request": is_participant and resolved and not mine_pending,
        "request_pending": bool(mine_pending),
        "request_form": forms.get("request_form") or ReasonForm(prefix="request"),
        "answering": [
            (
                request_,
                answer_forms.get(request_.number)
                or AnswerRequestForm(prefix=f"answer-{request_.number}"),
            )
            for request_ in pending
        ]
        if may_resolve
        else [],
    }
    context["refusals"] = _refusals(forms, context, {r.number for r in pending})
    return render(request, "deliberation/parking/detail.html", context, status=status)


def _refusals(forms: dict[str, Any], context: dict[str, Any], pending: set[int]) -> list[str]:
    # A refused form whose section is no longer shown (the concern changed meanwhile, or
    # another member of the team answered first) reports at the top of the page.
    refusals: list[str] = []
    for name, shown in (
        ("resolve_form", "may_resolve"),
        ("reopen_form", "may_reopen"),
        ("request_form", "may_request"),
    ):
        if name in forms and not context[shown]:
            refusals += forms[name].non_field_errors()
    for number, form in forms.get("answer_forms", {}).items():
        if number not in pending or not context["answering"]:
            refusals += form.non_field_errors()
    return refusals
