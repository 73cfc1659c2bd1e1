"""Pages of the participants' own code of conduct: the proposals, a draft, the vote.

Read rule: members of the process see every proposal (drafts are the participants'
shared workspace); everyone else who may see the process sees a proposal only once a
vote has opened on it. Nobody's individual vote is shown to anyone but themselves.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, QuerySet
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from minipublic import clock
from minipublic.engagement import code_actions as actions
from minipublic.engagement.code_forms import CodeForm, OpenVoteForm, VoteForm
from minipublic.engagement.models import Charter, CharterOrigin, CodeProposal, CodeStatus
from minipublic.engagement.queries import body_blocks
from minipublic.lifecycle import Action, LifecycleError, Role
from minipublic.processes.access import access_process_for_user, can, held_roles
from minipublic.processes.error_text import attempt as _attempt
from minipublic.processes.error_text import describe
from minipublic.processes.models import Process


def visible_proposals(request: HttpRequest, process: Process) -> QuerySet[CodeProposal]:
    """The proposals the visitor may read: all for members, else those put to a vote."""
    rows = CodeProposal.objects.filter(process=process)
    if not held_roles(request.user, process):
        rows = rows.filter(vote_opened_at__isnull=False)
    return rows.annotate(open_votes=Count("votes")).order_by("-number")


def _proposal(request: HttpRequest, process: Process, number: int) -> CodeProposal:
    proposal = visible_proposals(request, process).filter(number=number).first()
    if proposal is None:
        raise Http404(number)
    return proposal


@require_http_methods(["GET", "HEAD"])
def code_list(request: HttpRequest, slug: str) -> HttpResponse:
    """Every proposal the visitor may read, with its status and count, and the current
    participant charter."""
    process = access_process_for_user(request.user, slug)
    charter = Charter.objects.filter(
        process=process, role=Role.PARTICIPANT.value, is_current=True
    ).first()
    context = {
        "process": process,
        "proposals": visible_proposals(request, process),
        "charter": charter,
        "from_vote": charter is not None and charter.origin == CharterOrigin.PARTICIPANTS,
        "is_member": bool(held_roles(request.user, process)),
        "may_propose": can(request.user, Action.PROPOSE_CODE, process),
        "voting": CodeStatus.VOTING,
        "closed": (CodeStatus.ADOPTED, CodeStatus.REJECTED),
    }
    return render(request, "engagement/code_list.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def code_new(request: HttpRequest, slug: str) -> HttpResponse:
    """Start a draft code of conduct (participants)."""
    process = access_process_for_user(request.user, slug, Action.PROPOSE_CODE)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            data = form.cleaned_data
            proposal = actions.do_propose_code(
                request.user, process, title=data["title"], body=data["body"]
            )
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            messages.success(request, gettext("Your draft has been saved."))
            return redirect("engagement:code_detail", process.slug, proposal.number)
    status = 400 if form.errors else 200
    return render(
        request, "engagement/code_new.html", {"process": process, "form": form}, status=status
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def code_edit(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """Improve a draft (any participant, until a vote opens on it)."""
    process = access_process_for_user(request.user, slug, Action.PROPOSE_CODE)
    proposal = _proposal(request, process, number)
    if proposal.status != CodeStatus.DRAFT:
        messages.info(request, gettext("This proposal is no longer a draft."))
        return redirect("engagement:code_detail", process.slug, proposal.number)
    if request.method == "POST":
        form = CodeForm(request.POST)
    else:
        form = CodeForm(initial={"title": proposal.title, "body": proposal.body})
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_edit_code(
                request.user,
                process,
                proposal,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
            )
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            messages.success(request, gettext("The draft has been saved."))
            return redirect("engagement:code_detail", process.slug, proposal.number)
    status = 400 if form.errors else 200
    context = {"process": process, "proposal": proposal, "form": form}
    return render(request, "engagement/code_edit.html", context, status=status)


# What each button on the proposal page does, and the rule it needs.
_STEPS: dict[str, Action] = {
    "vote": Action.VOTE_CODE,
    "open": Action.RUN_CODE_VOTE,
    "close": Action.RUN_CODE_VOTE,
    "withdraw": Action.VIEW_PROCESS,  # the proposer or a facilitator: checked by the action
}


@require_http_methods(["GET", "HEAD", "POST"])
def code_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """One proposal: its text, its vote, and (by POST) voting, opening, closing or
    withdrawing it."""
    step = request.POST.get("step", "") if request.method == "POST" else ""
    if request.method == "POST" and step not in _STEPS:
        return HttpResponse(status=400)
    process = access_process_for_user(request.user, slug, _STEPS.get(step, Action.VIEW_PROCESS))
    proposal = _proposal(request, process, number)
    forms: dict[str, Any] = {}
    if step:
        done = _post(request, process, proposal, step, forms)
        if done:
            return redirect("engagement:code_detail", process.slug, proposal.number)
        proposal = _proposal(request, process, number)
    return _render_detail(request, process, proposal, forms, status=400 if step else 200)


def _post(
    request: HttpRequest, process: Process, proposal: CodeProposal, step: str, forms: dict[str, Any]
) -> bool:
    """Run one button of the proposal page; False (with the form and its errors) if refused."""
    user: Any = request.user
    if step == "vote":
        form: Any = VoteForm(request.POST)
        forms["vote_form"] = form
        done = gettext("Your vote has been recorded. You may change it until the vote closes.")
        if form.is_valid():
            return _attempt(
                request,
                form,
                done,
                lambda: actions.do_cast_code_vote(
                    user, process, proposal, form.cleaned_data["choice"]
                ),
            )
        return False
    if step == "open":
        form = OpenVoteForm(request.POST)
        forms["open_form"] = form
        done = gettext("The vote is open: the text can no longer be changed.")
        if form.is_valid():
            return _attempt(
                request,
                form,
                done,
                lambda: actions.do_open_code_vote(
                    user, process, proposal, closes_at=form.cleaned_data["closes_at"]
                ),
            )
        return False
    form = forms.setdefault("action_form", Form({}))  # carries the refusal, if any
    form.is_valid()
    if step == "close":
        done = gettext("The vote is closed and counted.")
        return _attempt(
            request, form, done, lambda: actions.do_close_code_vote(user, process, proposal)
        )
    done = gettext("The draft has been withdrawn.")
    return _attempt(request, form, done, lambda: actions.do_withdraw_code(user, process, proposal))


def _render_detail(
    request: HttpRequest,
    process: Process,
    proposal: CodeProposal,
    forms: dict[str, Any],
    status: int,
) -> HttpResponse:
    user: Any = request.user
    voting = proposal.status == CodeStatus.VOTING
    draft = proposal.status == CodeStatus.DRAFT
    may_vote = voting and can(user, Action.VOTE_CODE, process)
    may_run = can(user, Action.RUN_CODE_VOTE, process)
    mine = actions.own_vote(proposal, user) if may_vote else ""
    is_proposer = user.is_authenticated and proposal.proposed_by_id == user.pk
    charter = Charter.objects.filter(adopted_code=proposal).first()
    ended = (
        voting and proposal.vote_closes_at is not None and proposal.vote_closes_at <= clock.now()
    )
    other_vote = (
        CodeProposal.objects.filter(process=process, status=CodeStatus.VOTING)
        .exclude(pk=proposal.pk)
        .first()
    )
    context = {
        "process": process,
        "proposal": proposal,
        "cast": actions.votes_cast(proposal),
        "may_edit": draft and can(user, Action.PROPOSE_CODE, process),
        "text": {"blocks": body_blocks(proposal.body)},
        "may_vote": may_vote and not ended,
        "vote_ended": ended,
        "my_vote": mine,
        "vote_form": forms.get("vote_form") or VoteForm(initial={"choice": mine or None}),
        "may_open": draft and may_run and other_vote is None,
        "blocked_by": other_vote if draft and may_run else None,
        "open_form": forms.get("open_form") or OpenVoteForm(),
        "may_close": voting and may_run,
        "may_withdraw": draft
        and (may_run or (is_proposer and can(user, Action.PROPOSE_CODE, process))),
        "charter": charter,
        "closed": proposal.status in (CodeStatus.ADOPTED, CodeStatus.REJECTED),
    }
    # Refusals of a form whose section is no longer shown (e.g. the voting time is over)
    # go to the top of the page, with those of the close and withdraw buttons.
    refusals = list(forms["action_form"].non_field_errors()) if "action_form" in forms else []
    for name, shown in (("vote_form", "may_vote"), ("open_form", "may_open")):
        if name in forms and not context[shown]:
            refusals += forms[name].non_field_errors()
    context["refusals"] = refusals
    return render(request, "engagement/code_detail.html", context, status=status)
