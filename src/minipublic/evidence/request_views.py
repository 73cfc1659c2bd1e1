"""Pages of the participants' requests for witnesses: the list, asking, and one request
with its vote and the team's answer.

Read rule: members of the process see every request (the participants' shared work);
everyone else who may see the process sees a request once it has been put to a vote.
Nobody sees who asked, except the participant who did; nobody's vote is shown to anyone
but themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from minipublic import clock
from minipublic.engagement.code_forms import OpenVoteForm
from minipublic.evidence import request_actions as actions
from minipublic.evidence.models import RequestStatus, WitnessRequest
from minipublic.evidence.witness_forms import AnswerForm, RequestForm, SupportForm
from minipublic.lifecycle import Action, LifecycleError
from minipublic.processes.access import access_process_for_user, can, held_roles
from minipublic.processes.error_text import describe
from minipublic.processes.models import Process


def visible_requests(request: HttpRequest, process: Process) -> QuerySet[WitnessRequest]:
    """The requests the visitor may read: all for members, else those put to a vote."""
    rows = WitnessRequest.objects.filter(process=process).select_related("answer_witness")
    if not held_roles(request.user, process):
        rows = rows.filter(vote_opened_at__isnull=False)
    return rows.order_by("-number")


def _request(request: HttpRequest, process: Process, number: int) -> WitnessRequest:
    found = visible_requests(request, process).filter(number=number).first()
    if found is None:
        raise Http404(number)
    return found


@require_http_methods(["GET", "HEAD"])
def request_list(request: HttpRequest, slug: str) -> HttpResponse:
    """Every request the visitor may read, with its vote and the team's answer."""
    process = access_process_for_user(request.user, slug)
    user: Any = request.user
    rows = list(visible_requests(request, process))
    for row in rows:
        row.mine = user.is_authenticated and row.requested_by_id == user.pk  # type: ignore[attr-defined]
        row.cast = actions.votes_cast(row)  # type: ignore[attr-defined]
    context = {
        "process": process,
        "requests": rows,
        "is_member": bool(held_roles(request.user, process)),
        "may_request": can(request.user, Action.REQUEST_WITNESS, process),
    }
    return render(request, "evidence/requests.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def request_new(request: HttpRequest, slug: str) -> HttpResponse:
    """Ask for a witness (participants)."""
    process = access_process_for_user(request.user, slug, Action.REQUEST_WITNESS)
    form = RequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = actions.do_request_witness(
                request.user,
                process,
                kind=data["kind"],
                person_name=data["person"],
                perspective=data["perspective"],
                reason=data["reason"],
            )
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            messages.success(
                request,
                gettext(
                    "Your request is saved as request #{number}. A facilitator puts it to the "
                    "participants' vote."
                ).format(number=made.number),
            )
            return redirect("evidence:request", process.slug, made.number)
    status = 400 if form.errors else 200
    context = {"process": process, "form": form}
    return render(request, "evidence/request_new.html", context, status=status)


# What each button on the request page does, and the rule it needs.
_STEPS: dict[str, Action] = {
    "vote": Action.VOTE_WITNESS,
    "open": Action.RUN_WITNESS_VOTE,
    "close": Action.RUN_WITNESS_VOTE,
    "answer": Action.MANAGE_WITNESSES,
    "withdraw": Action.REQUEST_WITNESS,
}


@require_http_methods(["GET", "HEAD", "POST"])
def request_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """One request: its text, its vote and the answer; by POST, voting, opening or
    closing the vote, answering it, or withdrawing it."""
    step = request.POST.get("step", "") if request.method == "POST" else ""
    if request.method == "POST" and step not in _STEPS:
        return HttpResponse(status=400)
    process = access_process_for_user(request.user, slug, _STEPS.get(step, Action.VIEW_PROCESS))
    found = _request(request, process, number)
    forms = _forms(process, step, request.POST if step else None)
    if step:
        form = forms[step]
        if form.is_valid():
            try:
                done = _run(step, request, process, found, form.cleaned_data)
            except LifecycleError as error:
                form.add_error(None, describe(error))
            else:
                messages.success(request, done)
                return redirect("evidence:request", process.slug, found.number)
        found = _request(request, process, number)
    return _render(request, process, found, forms, step)


def _forms(process: Process, step: str, data: Any) -> dict[str, Form]:
    def bound(name: str) -> Any:
        return data if step == name else None

    return {
        "vote": SupportForm(bound("vote")),
        "open": OpenVoteForm(bound("open")),
        "close": Form(bound("close")),
        "answer": AnswerForm(bound("answer"), process=process),
        "withdraw": Form(bound("withdraw")),
    }


def _run(
    step: str, request: HttpRequest, process: Process, found: WitnessRequest, data: dict[str, Any]
) -> str:
    user: Any = request.user

    def vote() -> str:
        actions.do_cast_request_vote(user, process, found, supports=data["choice"] == "support")
        return gettext("Your vote has been recorded. You may change it until the vote closes.")

    def open_vote() -> str:
        actions.do_open_request_vote(user, process, found, closes_at=data["closes_at"])
        return gettext("The vote is open; the request is now public.")

    def close() -> str:
        actions.do_close_request_vote(user, process, found)
        return gettext("The vote is closed and counted.")

    def answer() -> str:
        actions.do_answer_request(
            user, process, found, witness=data["witness"], reasons=data["reasons"]
        )
        return gettext("Your answer is published.")

    def withdraw() -> str:
        actions.do_withdraw_request(user, process, found)
        return gettext("Your request has been withdrawn.")

    steps: dict[str, Callable[[], str]] = {
        "vote": vote,
        "open": open_vote,
        "close": close,
        "answer": answer,
        "withdraw": withdraw,
    }
    return steps[step]()


def _render(
    request: HttpRequest,
    process: Process,
    found: WitnessRequest,
    forms: dict[str, Form],
    step: str,
) -> HttpResponse:
    user: Any = request.user
    voting = found.status == RequestStatus.VOTING
    ended = voting and found.vote_closes_at is not None and found.vote_closes_at <= clock.now()
    may_vote = voting and not ended and can(user, Action.VOTE_WITNESS, process)
    mine = actions.own_vote(found, user) if may_vote else None
    if not step and mine is not None:
        forms["vote"] = SupportForm(initial={"choice": "support" if mine else "oppose"})
    is_requester = user.is_authenticated and found.requested_by_id == user.pk
    proposed = found.status == RequestStatus.PROPOSED
    context = {
        "process": process,
        "item": found,
        "cast": actions.votes_cast(found),
        "is_requester": is_requester,
        "may_vote": may_vote,
        "voted": mine is not None,
        "vote_ended": ended,
        "may_open": proposed and can(user, Action.RUN_WITNESS_VOTE, process),
        "may_close": voting and can(user, Action.RUN_WITNESS_VOTE, process),
        "may_answer": found.is_supported and can(user, Action.MANAGE_WITNESSES, process),
        "may_withdraw": proposed and is_requester and can(user, Action.REQUEST_WITNESS, process),
        "proposals": found.proposals.order_by("number"),
        **{f"{name}_form": form for name, form in forms.items()},
    }
    # Refusals of buttons without fields (close, withdraw), and of forms whose section is
    # no longer shown (the voting time is over), go to the top of the page.
    refusals = [*forms["close"].non_field_errors(), *forms["withdraw"].non_field_errors()]
    for name, shown in (("vote", "may_vote"), ("open", "may_open"), ("answer", "may_answer")):
        if not context[shown]:
            refusals += forms[name].non_field_errors()
    context["refusals"] = refusals
    status = 400 if step else 200
    return render(request, "evidence/request_detail.html", context, status=status)
