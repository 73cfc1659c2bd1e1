"""Pages of drafting: the list of recommendations, a new draft, one recommendation
(its text, drafting group, revisions, amendments, comments and vote), editing it, and
proposing and deciding amendments. See ``view_support`` for who reads what."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from minipublic.lifecycle import Action
from minipublic.processes.access import access_process_for_user, can, require
from minipublic.processes.error_text import attempt
from minipublic.processes.models import Process
from minipublic.recommendations import drafting, votes
from minipublic.recommendations.drafting_forms import (
    AmendmentForm,
    CommentForm,
    NoteForm,
    RecommendationForm,
    ReviseForm,
    WithdrawForm,
)
from minipublic.recommendations.drafting_models import Amendment, AmendmentStatus
from minipublic.recommendations.models import Recommendation, RecommendationStatus
from minipublic.recommendations.results import minority_reports, vote_summary
from minipublic.recommendations.view_support import (
    DECIDED,
    name_of,
    recommendation_for,
    report_frozen,
    sees_drafts,
)
from minipublic.room.textdiff import changed_words, word_diff


def _themes(process: Process) -> list[str]:
    rows = Recommendation.objects.filter(process=process).exclude(theme="")
    return sorted(set(rows.values_list("theme", flat=True)))


def _grouped(rows: list[Recommendation]) -> list[dict[str, Any]]:
    groups: dict[str, list[Recommendation]] = {}
    for row in rows:
        groups.setdefault(row.theme, []).append(row)
    return [{"theme": theme, "rows": items} for theme, items in groups.items()]


@require_http_methods(["GET", "HEAD"])
def recommendation_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The recommendations by theme: the whole workspace for members with VIEW_DRAFTS;
    for everyone else the decided ones with their votes, once the report is frozen."""
    process = access_process_for_user(request.user, slug)
    workspace = sees_drafts(request, process)
    frozen = report_frozen(process)
    rows = Recommendation.objects.filter(process=process).order_by("theme", "number")
    if not workspace:
        rows = rows.filter(status__in=DECIDED) if frozen else rows.none()
    listed = list(rows)
    for row in listed:
        row.summary = vote_summary(row) if row.status in DECIDED else None  # type: ignore[attr-defined]
    open_votes = process.recommendation_votes.filter(closed_at__isnull=True) if workspace else None
    context = {
        "process": process,
        "workspace": workspace,
        "frozen": frozen,
        "groups": _grouped(listed),
        "rules": votes.current_rules(process),
        "open_votes": open_votes,
        "may_draft": can(request.user, Action.DRAFT_RECOMMENDATION, process),
        "may_run": can(request.user, Action.RUN_RECOMMENDATION_VOTE, process),
        "minority": minority_reports(process) if workspace or frozen else [],
        "decided": DECIDED,
    }
    return render(request, "recommendations/list.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def recommendation_new(request: HttpRequest, slug: str) -> HttpResponse:
    """Write a new recommendation (participants); its writer forms its drafting group."""
    process = access_process_for_user(request.user, slug, Action.DRAFT_RECOMMENDATION)
    themes = _themes(process)
    form = RecommendationForm(request.POST if request.method == "POST" else None, themes=themes)
    if request.method == "POST" and form.is_valid():
        made: dict[str, Recommendation] = {}

        def run() -> None:
            made["it"] = drafting.do_draft_recommendation(
                request.user, process, **form.cleaned_data
            )

        if attempt(request, form, gettext("Your recommendation has been saved."), run):
            return redirect("recommendations:detail", process.slug, made["it"].number)
    context = {
        "process": process,
        "form": form,
        "heading": gettext("Write a recommendation"),
        "button": gettext("Save the recommendation"),
        "intro": gettext(
            "You form its drafting group: you and anyone who joins may edit it; the others "
            "propose amendments. Drafts are seen only by the participants, the team and "
            "oversight."
        ),
    }
    return render(
        request, "recommendations/form_page.html", context, status=400 if form.errors else 200
    )


_STEPS: dict[str, Action] = {
    "join": Action.DRAFT_RECOMMENDATION,
    "leave": Action.DRAFT_RECOMMENDATION,
    "comment": Action.DRAFT_RECOMMENDATION,
    "withdraw": Action.DRAFT_RECOMMENDATION,
    "open_vote": Action.RUN_RECOMMENDATION_VOTE,
}


@require_http_methods(["GET", "HEAD", "POST"])
def recommendation_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """One recommendation; members' buttons (join, leave, comment, withdraw, open the
    vote) post here."""
    step = request.POST.get("step", "") if request.method == "POST" else ""
    if request.method == "POST" and step not in _STEPS:
        return HttpResponse(status=400)
    process = access_process_for_user(request.user, slug)
    if step:
        require(request.user, _STEPS[step], process)
    recommendation = recommendation_for(request, process, number)
    forms: dict[str, Any] = {}
    if step:
        if _post(request, process, recommendation, step, forms):
            return redirect("recommendations:detail", process.slug, recommendation.number)
        recommendation.refresh_from_db()
    return _render_detail(request, process, recommendation, forms, 400 if step else 200)


def _post(
    request: HttpRequest,
    process: Process,
    recommendation: Recommendation,
    step: str,
    forms: dict[str, Any],
) -> bool:
    user: Any = request.user
    if step == "comment":
        form: Any = forms.setdefault("comment_form", CommentForm(request.POST))
        if not form.is_valid():
            return False
        return attempt(
            request,
            form,
            gettext("Your comment has been added."),
            lambda: drafting.do_comment(
                user, process, recommendation, text=form.cleaned_data["text"]
            ),
        )
    if step == "withdraw":
        form = forms.setdefault("withdraw_form", WithdrawForm(request.POST))
        if not form.is_valid():
            return False
        return attempt(
            request,
            form,
            gettext("The recommendation has been withdrawn."),
            lambda: drafting.do_withdraw_recommendation(
                user, process, recommendation, reason=form.cleaned_data["reason"]
            ),
        )
    form = forms.setdefault("action_form", Form({}))
    form.is_valid()
    if step == "join":
        done = gettext("You have joined the drafting group.")
        return attempt(
            request,
            form,
            done,
            lambda: drafting.do_join_drafting_group(user, process, recommendation),
        )
    if step == "leave":
        done = gettext("You have left the drafting group.")
        return attempt(
            request,
            form,
            done,
            lambda: drafting.do_leave_drafting_group(user, process, recommendation),
        )
    done = gettext("The vote is open: the participants may vote now.")
    return attempt(request, form, done, lambda: votes.do_open_vote(user, process, recommendation))


def _revisions(recommendation: Recommendation, workspace: bool) -> list[dict[str, Any]]:
    rows = list(recommendation.revisions.select_related("edited_by", "amendment"))
    shown = []
    for previous, revision in zip([None, *rows], rows, strict=False):
        diff = word_diff(previous.text, revision.text) if previous is not None else []
        shown.append(
            {
                "revision": revision,
                "diff": diff,
                "changed": changed_words(diff) if diff else (0, 0),
                "by": name_of(revision.edited_by) if workspace else "",
            }
        )
    return shown[::-1]


def _render_detail(
    request: HttpRequest,
    process: Process,
    recommendation: Recommendation,
    forms: dict[str, Any],
    status: int,
) -> HttpResponse:
    user: Any = request.user
    workspace = sees_drafts(request, process)
    draft = recommendation.status == RecommendationStatus.DRAFT
    member = drafting.is_drafter(user, recommendation)
    may_draft = can(user, Action.DRAFT_RECOMMENDATION, process)
    amendments = list(recommendation.amendments.select_related("proposed_by"))
    undecided = [a for a in amendments if a.undecided]
    context = {
        "process": process,
        "recommendation": recommendation,
        "workspace": workspace,
        "summary": vote_summary(recommendation),
        "is_drafter": member,
        "drafters": [name_of(d.member) for d in recommendation.drafters.select_related("member")]
        if workspace
        else [],
        "may_join": draft and may_draft and not member,
        "may_edit": draft and may_draft and member,
        "may_amend": draft and may_draft,
        "may_comment": may_draft
        and recommendation.status in (RecommendationStatus.DRAFT, RecommendationStatus.VOTING),
        "may_open": draft and can(user, Action.RUN_RECOMMENDATION_VOTE, process) and not undecided,
        "undecided": undecided,
        "amendments": amendments if workspace else [],
        "comments": list(recommendation.comments.select_related("author")) if workspace else [],
        "revisions": _revisions(recommendation, workspace),
        "votes": list(recommendation.votes.order_by("number")) if workspace else [],
        "comment_form": forms.get("comment_form") or CommentForm(),
        "withdraw_form": forms.get("withdraw_form") or WithdrawForm(),
        "refusals": list(forms["action_form"].non_field_errors()) if "action_form" in forms else [],
        "rules": votes.current_rules(process),
    }
    return render(request, "recommendations/detail.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def recommendation_edit(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """The drafting group edits the wording directly; each save is a kept revision."""
    process = access_process_for_user(request.user, slug, Action.DRAFT_RECOMMENDATION)
    recommendation = recommendation_for(request, process, number)
    themes = _themes(process)
    if request.method == "POST":
        form = ReviseForm(request.POST, themes=themes)
    else:
        fields = ("theme", "title", "text", "rationale")
        form = ReviseForm(
            initial={name: getattr(recommendation, name) for name in fields}, themes=themes
        )
    if request.method == "POST" and form.is_valid():

        def run() -> None:
            drafting.do_revise_recommendation(
                request.user, process, recommendation, **form.cleaned_data
            )

        if attempt(request, form, gettext("The new wording has been saved."), run):
            return redirect("recommendations:detail", process.slug, recommendation.number)
    context = {
        "process": process,
        "form": form,
        "recommendation": recommendation,
        "heading": gettext("Edit recommendation %(number)s") % {"number": recommendation.number},
        "button": gettext("Save the new wording"),
        "intro": gettext(
            "You are editing as a member of its drafting group. Every save is kept as a "
            "revision, with what changed word by word."
        ),
    }
    return render(
        request, "recommendations/form_page.html", context, status=400 if form.errors else 200
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def amendment_new(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """Propose an amendment to a draft: the new text and the reason (any participant)."""
    process = access_process_for_user(request.user, slug, Action.DRAFT_RECOMMENDATION)
    recommendation = recommendation_for(request, process, number)
    if request.method == "POST":
        form = AmendmentForm(request.POST)
    else:
        form = AmendmentForm(initial={"text": recommendation.text})
    if request.method == "POST" and form.is_valid():
        made: dict[str, Amendment] = {}

        def run() -> None:
            made["it"] = drafting.do_propose_amendment(
                request.user, process, recommendation, **form.cleaned_data
            )

        if attempt(request, form, gettext("Your amendment has been proposed."), run):
            return redirect("recommendations:amendment", process.slug, number, made["it"].number)
    context = {
        "process": process,
        "form": form,
        "recommendation": recommendation,
        "heading": gettext("Propose an amendment to recommendation %(number)s")
        % {"number": recommendation.number},
        "button": gettext("Propose the amendment"),
        "intro": gettext(
            "Change the text below as you would have it. The drafting group either accepts "
            "your amendment or puts it to a vote of all the participants; it is never "
            "dropped without a decision, and you may withdraw it until then."
        ),
    }
    return render(
        request, "recommendations/form_page.html", context, status=400 if form.errors else 200
    )


_AMENDMENT_STEPS: dict[str, Action] = {
    "accept": Action.DECIDE_AMENDMENT,
    "to_vote": Action.DECIDE_AMENDMENT,
    "withdraw": Action.DRAFT_RECOMMENDATION,
    "open_vote": Action.RUN_RECOMMENDATION_VOTE,
}


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def amendment_detail(request: HttpRequest, slug: str, number: int, amendment: int) -> HttpResponse:
    """One amendment: what it changes, its reason, the group's decision or its vote."""
    step = request.POST.get("step", "") if request.method == "POST" else ""
    if request.method == "POST" and step not in _AMENDMENT_STEPS:
        return HttpResponse(status=400)
    process = access_process_for_user(
        request.user, slug, _AMENDMENT_STEPS.get(step, Action.VIEW_DRAFTS)
    )
    recommendation = recommendation_for(request, process, number)
    found = recommendation.amendments.filter(number=amendment).first()
    if found is None:
        raise Http404(amendment)
    form = NoteForm(request.POST if step else None)
    if step and form.is_valid() and _amendment_step(request, process, found, step, form):
        return redirect("recommendations:amendment", process.slug, number, amendment)
    found.refresh_from_db()
    recommendation.refresh_from_db()
    user: Any = request.user
    is_open = found.status == AmendmentStatus.OPEN
    member = drafting.is_drafter(user, recommendation)
    against = recommendation.text if found.undecided else found.base_text
    context = {
        "process": process,
        "recommendation": recommendation,
        "amendment": found,
        "proposer": name_of(found.proposed_by),
        "diff": word_diff(against, found.text),
        "against_current": found.undecided,
        "form": form,
        "may_decide": is_open
        and member
        and can(user, Action.DECIDE_AMENDMENT, process)
        and recommendation.status == RecommendationStatus.DRAFT,
        "may_withdraw": is_open and found.proposed_by_id == user.pk,
        "may_open": found.status == AmendmentStatus.VOTING
        and not found.votes.exists()
        and can(user, Action.RUN_RECOMMENDATION_VOTE, process),
        "votes": list(found.votes.order_by("number")),
        "is_drafter": member,
    }
    return render(request, "recommendations/amendment.html", context, status=400 if step else 200)


def _amendment_step(
    request: HttpRequest, process: Process, amendment: Amendment, step: str, form: NoteForm
) -> bool:
    user: Any = request.user
    note = form.cleaned_data["note"]
    if step == "accept":
        done = gettext("The amendment has been accepted: the text now reads as it proposed.")
        return attempt(
            request,
            form,
            done,
            lambda: drafting.do_accept_amendment(user, process, amendment, note=note),
        )
    if step == "to_vote":
        done = gettext("The amendment goes to a vote of all the participants.")
        return attempt(
            request,
            form,
            done,
            lambda: drafting.do_put_amendment_to_vote(user, process, amendment, note=note),
        )
    if step == "withdraw":
        done = gettext("Your amendment has been withdrawn.")
        return attempt(
            request, form, done, lambda: drafting.do_withdraw_amendment(user, process, amendment)
        )
    done = gettext("The vote on the amendment is open.")
    return attempt(
        request,
        form,
        done,
        lambda: votes.do_open_vote(user, process, amendment.recommendation, amendment),
    )
