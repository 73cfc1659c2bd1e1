"""Pages of minority reports: the list with their support against the threshold and a
form to write one; one report, supported or not with a button. Part of the drafting
workspace (``VIEW_DRAFTS``); those that reach the threshold are public with the
recommendations once the report is frozen."""

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
from minipublic.recommendations import minority
from minipublic.recommendations.acting import participant_count
from minipublic.recommendations.drafting_forms import MinorityForm
from minipublic.recommendations.view_support import name_of
from minipublic.recommendations.vote_models import MinorityReport
from minipublic.recommendations.votes import current_rules


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def minority_list(request: HttpRequest, slug: str) -> HttpResponse:
    """Every minority report with its support; participants write new ones here."""
    posting = request.method == "POST"
    process = access_process_for_user(
        request.user, slug, Action.DRAFT_RECOMMENDATION if posting else Action.VIEW_DRAFTS
    )
    form = MinorityForm(request.POST if posting else None, process=process)
    if posting and form.is_valid():
        made: dict[str, MinorityReport] = {}

        def run() -> None:
            made["it"] = minority.do_write_minority_report(
                request.user, process, **form.cleaned_data
            )

        if attempt(request, form, gettext("Your minority report has been saved."), run):
            return redirect("recommendations:minority_detail", process.slug, made["it"].number)
    participants = participant_count(process)
    rows = [
        {"report": report, "standing": minority.standing(report, participants)}
        for report in MinorityReport.objects.filter(process=process).select_related(
            "recommendation", "process"
        )
    ]
    context = {
        "process": process,
        "rows": rows,
        "form": form,
        "rules": current_rules(process),
        "participants": participants,
        "needed": minority.needed_supporters(participants, current_rules(process).minority_percent),
        "may_write": can(request.user, Action.DRAFT_RECOMMENDATION, process),
    }
    return render(
        request, "recommendations/minority.html", context, status=400 if form.errors else 200
    )


_STEPS = ("support", "unsupport", "withdraw")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def minority_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """One minority report: its text, its support, and the buttons to support it,
    withdraw one's support or (its author) withdraw it."""
    step = request.POST.get("step", "") if request.method == "POST" else ""
    if request.method == "POST" and step not in _STEPS:
        return HttpResponse(status=400)
    process = access_process_for_user(
        request.user, slug, Action.DRAFT_RECOMMENDATION if step else Action.VIEW_DRAFTS
    )
    report = (
        MinorityReport.objects.filter(process=process, number=number)
        .select_related("recommendation", "author", "process")
        .first()
    )
    if report is None:
        raise Http404(number)
    user: Any = request.user
    form = Form({})
    form.is_valid()
    if step == "withdraw":
        done = gettext("Your minority report has been withdrawn.")
        if attempt(
            request,
            form,
            done,
            lambda: minority.do_withdraw_minority_report(user, process, report),
        ):
            return redirect("recommendations:minority_detail", process.slug, number)
    elif step:
        support = step == "support"
        done = (
            gettext("Your support has been recorded.")
            if support
            else gettext("Your support has been withdrawn.")
        )
        if attempt(
            request,
            form,
            done,
            lambda: minority.do_support_minority_report(user, process, report, support=support),
        ):
            return redirect("recommendations:minority_detail", process.slug, number)
    report.refresh_from_db()
    may_act = report.withdrawn_at is None and can(user, Action.DRAFT_RECOMMENDATION, process)
    supporting = report.supports.filter(supporter_id=user.pk).exists()
    context = {
        "process": process,
        "report": report,
        "author": name_of(report.author),
        "standing": minority.standing(report),
        "supporting": supporting,
        "may_support": may_act and not supporting,
        "may_unsupport": may_act and supporting and report.author_id != user.pk,
        "may_withdraw": may_act and report.author_id == user.pk,
        "refusals": form.non_field_errors(),
    }
    return render(
        request, "recommendations/minority_detail.html", context, status=400 if step else 200
    )
