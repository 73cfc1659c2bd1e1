"""Pages of the witness register: the public register with its balance, the list of
proposals for those who propose or manage witnesses, proposing one, and the team's page
for each witness (details, decision, declaration of interest, demographics).

Views are thin: access through ``access_process_for_user``, the change through one
``do_*`` action, its ``LifecycleError`` shown as a form error (status 400).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_safe

from minipublic.evidence import witness_actions as actions
from minipublic.evidence.common import is_team
from minipublic.evidence.models import ProposerKind, RequestStatus, Witness, WitnessRequest
from minipublic.evidence.register import (
    BALANCE_STATUSES,
    MIN_AGGREGATE,
    demographics,
    open_requests,
    perspective_balance,
    proposer_balance,
    witness_list,
)
from minipublic.evidence.witness_forms import (
    DecisionForm,
    DeclarationForm,
    EditWitnessForm,
    LinkDeclarationForm,
    ProfileForm,
    ProposeWitnessForm,
    witness_initial,
)
from minipublic.lifecycle import Action, LifecycleError, Role
from minipublic.processes.access import access_process_for_user, can, require_any, roles_in
from minipublic.processes.error_text import describe
from minipublic.processes.models import Process


@require_safe
def register(request: HttpRequest, slug: str) -> HttpResponse:
    """The public register: every proposal, who proposed it, the decision and its reasons,
    the balance of perspectives and proposers, and the participants' requests."""
    process = access_process_for_user(request.user, slug)
    witnesses = list(witness_list(process))
    context = {
        "process": process,
        "witnesses": witnesses,
        "proposers": proposer_balance(witnesses),
        "perspectives": perspective_balance(witnesses),
        "statuses": [status.label for status in BALANCE_STATUSES],
        "demographics": demographics(witnesses),
        "min_aggregate": MIN_AGGREGATE,
        "requests": list(open_requests(process).select_related("answer_witness")),
        "awaiting_vote": WitnessRequest.objects.filter(
            process=process, status=RequestStatus.PROPOSED
        ).count(),
        "may_manage": can(request.user, Action.PROPOSE_WITNESS, process)
        or can(request.user, Action.MANAGE_WITNESSES, process),
        "may_request": can(request.user, Action.REQUEST_WITNESS, process),
    }
    return render(request, "evidence/witnesses.html", context)


@login_required
@require_safe
def manage(request: HttpRequest, slug: str) -> HttpResponse:
    """The proposals: all of them with what awaits the team (for the team), or one's own
    (for the commissioner, experts and oversight)."""
    process = access_process_for_user(request.user, slug)
    require_any(request.user, (Action.MANAGE_WITNESSES, Action.PROPOSE_WITNESS), process)
    team = can(request.user, Action.MANAGE_WITNESSES, process)
    witnesses = Witness.objects.filter(process=process).order_by("number")
    if not team:
        witnesses = witnesses.filter(proposed_by_id=request.user.pk)
    context = {
        "process": process,
        "team": team,
        "witnesses": witnesses,
        "may_propose": can(request.user, Action.PROPOSE_WITNESS, process),
        "awaiting_answer": list(
            WitnessRequest.objects.filter(
                process=process, status=RequestStatus.SUPPORTED, answered_at__isnull=True
            ).order_by("number")
        )
        if team
        else [],
        "awaiting_vote": WitnessRequest.objects.filter(
            process=process, status=RequestStatus.PROPOSED
        ).order_by("number")
        if can(request.user, Action.RUN_WITNESS_VOTE, process)
        else [],
    }
    return render(request, "evidence/manage_witnesses.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def propose(request: HttpRequest, slug: str) -> HttpResponse:
    """Propose a witness; the team also records others' proposals under their proposer."""
    process = access_process_for_user(request.user, slug, Action.PROPOSE_WITNESS)
    team = is_team(request.user, process)
    commissioner = Role.COMMISSIONER in roles_in(request.user, process)
    data = request.POST if request.method == "POST" else None
    initial: dict[str, Any] = {}
    answering = request.GET.get("request", "")
    if team and answering.isdigit():
        found = WitnessRequest.objects.filter(process=process, number=int(answering)).first()
        if found is not None:
            initial = {"request": found.pk, "proposer_kind": ProposerKind.PARTICIPANTS.value}
    form = ProposeWitnessForm(data, process=process, team=team, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        try:
            witness = actions.do_propose_witness(
                request.user,
                process,
                name=values["name"],
                role_organisation=values["role_organisation"],
                expertise=values["expertise"],
                perspectives=actions.split_tags(values["perspectives"]),
                proposer_kind=values.get("proposer_kind"),
                proposer_name=values.get("proposer_name", ""),
                request=values.get("request"),
                name_withheld=bool(values.get("name_withheld")),
            )
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            messages.success(
                request,
                gettext("Witness #{number} is in the register.").format(number=witness.number),
            )
            if team:
                return redirect("evidence:manage_witness", process.slug, witness.number)
            return redirect("evidence:manage_witnesses", process.slug)
    context = {"process": process, "form": form, "team": team, "commissioner": commissioner}
    status = 400 if form.errors else 200
    return render(request, "evidence/propose_witness.html", context, status=status)


def _witness(process: Process, number: int) -> Witness:
    witness = Witness.objects.filter(process=process, number=number).first()
    if witness is None:
        raise Http404(number)
    return witness


_STEPS = ("details", "decide", "declaration", "link", "profile")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def manage_witness(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """The team's page for one witness; by POST (``step``) it saves the details, records
    a decision, a declaration of interest or the demographic information given."""
    process = access_process_for_user(request.user, slug, Action.MANAGE_WITNESSES)
    witness = _witness(process, number)
    step = request.POST.get("step", "") if request.method == "POST" else ""
    if request.method == "POST" and step not in _STEPS:
        return HttpResponse(status=400)
    forms = _forms(process, witness, step, request.POST if step else None)
    if step and forms[step].is_valid():
        try:
            done = _run(step, request, process, witness, forms[step].cleaned_data)
        except LifecycleError as error:
            forms[step].add_error(None, describe(error))
        else:
            messages.success(request, done)
            return redirect("evidence:manage_witness", process.slug, witness.number)
    witness = _witness(process, number)
    profile = getattr(witness, "profile", None)
    context = {
        "process": process,
        "witness": witness,
        "decisions": witness.decisions.order_by("decided_at", "pk"),
        "profile": profile,
        "declaration": witness.current_declaration,
        "answers": witness.answers.order_by("number"),
        **{f"{name}_form": form for name, form in forms.items()},
    }
    return render(request, "evidence/manage_witness.html", context, status=400 if step else 200)


def _forms(process: Process, witness: Witness, step: str, data: Any) -> dict[str, Form]:
    profile = getattr(witness, "profile", None)
    profile_initial = (
        {
            "gender": profile.gender,
            "age_band": profile.age_band,
            "minority_ethnic": profile.minority_ethnic,
            "disabled": profile.disabled,
            "consent_to_publish": profile.consent_to_publish,
        }
        if profile is not None
        else {}
    )
    declared = witness.current_declaration

    def bound(name: str) -> Any:
        return data if step == name else None

    return {
        "details": EditWitnessForm(
            bound("details"), process=process, witness=witness, initial=witness_initial(witness)
        ),
        "decide": DecisionForm(bound("decide"), witness=witness),
        "declaration": DeclarationForm(
            bound("declaration"),
            initial={"kind": declared.kind, "details": declared.details} if declared else {},
        ),
        "link": LinkDeclarationForm(bound("link"), process=process),
        "profile": ProfileForm(bound("profile"), initial=profile_initial),
    }


def _run(
    step: str, request: HttpRequest, process: Process, witness: Witness, data: dict[str, Any]
) -> str:
    user: Any = request.user
    steps: dict[str, Callable[[], str]] = {
        "details": lambda: _save_details(user, process, witness, data),
        "decide": lambda: _decide(user, process, witness, data),
        "declaration": lambda: _declare(user, process, witness, data),
        "link": lambda: _link(user, process, witness, data),
        "profile": lambda: _profile(user, process, witness, data),
    }
    return steps[step]()


def _save_details(user: Any, process: Process, witness: Witness, data: dict[str, Any]) -> str:
    actions.do_update_witness(
        user,
        process,
        witness,
        name=data["name"],
        role_organisation=data["role_organisation"],
        expertise=data["expertise"],
        perspectives=actions.split_tags(data["perspectives"]),
        proposer_name=data.get("proposer_name", ""),
        name_withheld=bool(data.get("name_withheld")),
    )
    return gettext("The details have been saved.")


def _decide(user: Any, process: Process, witness: Witness, data: dict[str, Any]) -> str:
    actions.do_decide_witness(
        user, process, witness, status=data["status"], reasons=data["reasons"]
    )
    return gettext("The decision is recorded and published with its reasons.")


def _declare(user: Any, process: Process, witness: Witness, data: dict[str, Any]) -> str:
    actions.do_record_witness_declaration(
        user, process, witness, kind=data["kind"], details=data["details"]
    )
    return gettext("The declaration of interest is recorded; the oversight group reviews it.")


def _link(user: Any, process: Process, witness: Witness, data: dict[str, Any]) -> str:
    actions.do_link_witness_declaration(user, process, witness, data["declaration"])
    return gettext("The declaration is linked to the witness.")


def _profile(user: Any, process: Process, witness: Witness, data: dict[str, Any]) -> str:
    kept = actions.do_record_witness_profile(
        user,
        process,
        witness,
        gender=data["gender"],
        age_band=data["age_band"],
        minority_ethnic=data["minority_ethnic"],
        disabled=data["disabled"],
        consent_to_publish=data["consent_to_publish"],
    )
    if kept is None:
        return gettext("The demographic information has been erased.")
    return gettext("The demographic information is saved.")
