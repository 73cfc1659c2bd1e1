"""Pages of the votes: every vote (open ones first), one vote with the ballot and its
result, and the thresholds. Votes belong to the drafting workspace (``VIEW_DRAFTS``);
the public reads the results on the recommendations once the report is frozen."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from minipublic.lifecycle import Action
from minipublic.processes.access import access_process_for_user, can
from minipublic.processes.error_text import attempt
from minipublic.processes.models import Process
from minipublic.recommendations import votes
from minipublic.recommendations.drafting_forms import BallotForm, CloseVoteForm, RulesForm
from minipublic.recommendations.results import summarise
from minipublic.recommendations.vote_models import RecommendationVote, SupportLevel


@login_required
@require_http_methods(["GET", "HEAD"])
def vote_list(request: HttpRequest, slug: str) -> HttpResponse:
    """Every vote of the process, open ones first, with the visitor's own ballots."""
    process = access_process_for_user(request.user, slug, Action.VIEW_DRAFTS)
    rows = RecommendationVote.objects.filter(process=process).select_related(
        "recommendation", "amendment"
    )
    may_vote = can(request.user, Action.VOTE_RECOMMENDATION, process)
    open_rows = []
    for vote in rows.filter(closed_at__isnull=True).order_by("number"):
        mine = votes.own_ballot(vote, request.user) if may_vote else ""
        open_rows.append(
            {
                "vote": vote,
                "mine": SupportLevel(mine).label if mine else "",
                "cast": votes.ballots_cast(vote),
            }
        )
    closed = [
        {"vote": vote, "result": votes.tally(vote.counts, vote.adoption_percent)}
        for vote in rows.filter(closed_at__isnull=False).order_by("-closed_at", "-number")
    ]
    context = {
        "process": process,
        "open_rows": open_rows,
        "closed": closed,
        "may_vote": may_vote,
        "may_run": can(request.user, Action.RUN_RECOMMENDATION_VOTE, process),
        "rules": votes.current_rules(process),
    }
    return render(request, "recommendations/votes.html", context)


def _vote(process: Process, number: int) -> RecommendationVote:
    vote = (
        RecommendationVote.objects.filter(process=process, number=number)
        .select_related("recommendation", "amendment")
        .first()
    )
    if vote is None:
        raise Http404(number)
    return vote


_STEPS = {"cast": Action.VOTE_RECOMMENDATION, "close": Action.RUN_RECOMMENDATION_VOTE}


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def vote_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """One vote: the text voted on, the rule, the ballot (participants), closing it
    (the team) and, once closed, the distribution of support."""
    step = request.POST.get("step", "") if request.method == "POST" else ""
    if request.method == "POST" and step not in _STEPS:
        return HttpResponse(status=400)
    process = access_process_for_user(request.user, slug, _STEPS.get(step, Action.VIEW_DRAFTS))
    vote = _vote(process, number)
    user: Any = request.user
    ballot_form = BallotForm(request.POST if step == "cast" else None)
    close_form = CloseVoteForm(request.POST if step == "close" else None)
    refusals = Form({})
    refusals.is_valid()
    if step == "cast" and ballot_form.is_valid():
        level = ballot_form.cleaned_data["level"]
        done = gettext("Your ballot has been recorded. You may change it until the vote closes.")
        if attempt(
            request, refusals, done, lambda: votes.do_cast_ballot(user, process, vote, level)
        ):
            return redirect("recommendations:vote", process.slug, vote.number)
    if step == "close" and close_form.is_valid():
        paper = close_form.paper_counts()
        done = gettext("The vote is closed and counted.")
        if attempt(
            request, refusals, done, lambda: votes.do_close_vote(user, process, vote, paper)
        ):
            return redirect("recommendations:vote", process.slug, vote.number)
    vote.refresh_from_db()
    may_vote = vote.is_open and can(user, Action.VOTE_RECOMMENDATION, process)
    mine = votes.own_ballot(vote, user) if may_vote else ""
    if not step:
        ballot_form = BallotForm(initial={"level": mine or None})
    context = {
        "process": process,
        "vote": vote,
        "recommendation": vote.recommendation,
        "amendment": vote.amendment,
        "rules": votes.current_rules(process),
        "cast": votes.ballots_cast(vote),
        "may_vote": may_vote,
        "mine": SupportLevel(mine).label if mine else "",
        "ballot_form": ballot_form,
        "may_close": vote.is_open and can(user, Action.RUN_RECOMMENDATION_VOTE, process),
        "close_form": close_form,
        "refusals": refusals.non_field_errors(),
        "summary": None if vote.is_open else summarise(vote),
    }
    return render(request, "recommendations/vote.html", context, status=400 if step else 200)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def rules(request: HttpRequest, slug: str) -> HttpResponse:
    """The thresholds: shown to the workspace, set by the team before the first vote."""
    process = access_process_for_user(
        request.user,
        slug,
        Action.RUN_RECOMMENDATION_VOTE if request.method == "POST" else Action.VIEW_DRAFTS,
    )
    current = votes.current_rules(process)
    fixed = votes.rules_fixed(process)
    if request.method == "POST":
        form = RulesForm(request.POST)
    else:
        form = RulesForm(
            initial={
                "adoption_percent": current.adoption_percent,
                "minority_percent": current.minority_percent,
                "sign_off_percent": current.sign_off_percent,
            }
        )
    if request.method == "POST" and form.is_valid():

        def run() -> None:
            votes.do_set_rules(request.user, process, **form.values())

        if attempt(request, form, gettext("The thresholds have been set."), run):
            return redirect("recommendations:rules", process.slug)
    context = {
        "process": process,
        "rules": current,
        "form": form,
        "fixed": fixed,
        "may_set": not fixed and can(request.user, Action.RUN_RECOMMENDATION_VOTE, process),
    }
    return render(
        request, "recommendations/rules.html", context, status=400 if form.errors else 200
    )
