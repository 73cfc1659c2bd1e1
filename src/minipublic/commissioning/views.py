"""Pages of the commission appraisal: the list of appraisals and one appraisal.

Those who may view an appraisal (lead practitioner, oversight) read every page; only
those who may appraise (the lead practitioner) start, answer, negotiate and finalise.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from minipublic import clock
from minipublic.commissioning import actions
from minipublic.commissioning.error_text import PROBLEM_TEXTS
from minipublic.commissioning.forms import (
    AnswersForm,
    FinaliseForm,
    NegotiationForm,
    UpdateNegotiationForm,
    field_name,
)
from minipublic.commissioning.models import Appraisal, AppraisalStatus
from minipublic.lifecycle import Action, LifecycleError
from minipublic.processes.access import access_process_for_user, can
from minipublic.processes.error_text import describe
from minipublic.processes.models import Process
from minipublic.standards import appraisal as core


def _process(request: HttpRequest, slug: str) -> Process:
    action = Action.APPRAISE if request.method == "POST" else Action.VIEW_APPRAISAL
    return access_process_for_user(request.user, slug, action)


def problem_text(problem: core.AnswerProblem) -> str:
    """One answer problem in the reader's language."""
    text = PROBLEM_TEXTS.get(problem.code)
    if text is None:
        return problem.code
    return gettext(str(text)) % dict(problem.params)


@login_required
@require_http_methods(["GET", "POST"])
def appraisal_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The process's appraisals; POST starts a new draft (or revisits the last one)."""
    process = _process(request, slug)
    if request.method == "POST":
        try:
            appraisal = actions.do_start_appraisal(request.user, process)
        except LifecycleError as error:
            messages.error(request, describe(error))
            return redirect("commissioning:list", process.slug)
        return redirect("commissioning:appraisal", process.slug, appraisal.number)
    appraisals = list(process.appraisals.order_by("-number"))
    context = {
        "process": process,
        "appraisals": appraisals,
        "may_appraise": can(request.user, Action.APPRAISE, process),
        "has_draft": any(a.status == AppraisalStatus.DRAFT for a in appraisals),
    }
    return render(request, "commissioning/list.html", context)


#: The order findings are shown in: red lines, then red flags, then notes.
SEVERITY_ORDER = ("red_line", "red_flag", "note")


def appraisal_summary_of(process: Process, appraisal: Appraisal) -> dict[str, Any]:
    """What the page shows of ``appraisal``: a final one's summary as frozen when it was
    finalised (never recomputed), a draft's computed once, now, on the answers as agreed."""
    if appraisal.status == AppraisalStatus.FINAL:
        return dict(appraisal.summary)
    return core.appraisal_summary(
        appraisal.answers,
        actions.items_of(appraisal),
        template_id=process.template or None,
        today=clock.now().date(),
    )


def _red_line(summary: dict[str, Any]) -> bool:
    return any(f["severity"] == "red_line" for f in summary.get("findings", []))


def _context(
    request: HttpRequest,
    process: Process,
    appraisal: Appraisal,
    answers_form: AnswersForm | None = None,
    negotiation_form: NegotiationForm | None = None,
    finalise_form: FinaliseForm | None = None,
    update_form: UpdateNegotiationForm | None = None,
    summary: dict[str, Any] | None = None,
) -> dict[str, Any]:
    if summary is None:
        summary = appraisal_summary_of(process, appraisal)
    draft = appraisal.status == AppraisalStatus.DRAFT
    may_appraise = draft and can(request.user, Action.APPRAISE, process)
    may_publish = (
        not draft and appraisal.published_at is None and can(request.user, Action.APPRAISE, process)
    )
    red_line = _red_line(summary)
    findings = sorted(
        summary.get("findings", []),
        key=lambda f: SEVERITY_ORDER.index(f["severity"]) if f["severity"] in SEVERITY_ORDER else 3,
    )
    missing = [q for q in summary.get("missing", []) if q in core.QUESTIONS]
    return {
        "process": process,
        "appraisal": appraisal,
        "draft": draft,
        "may_appraise": may_appraise,
        "may_publish": may_publish,
        "verdict": summary.get("verdict", ""),
        "findings": findings,
        "missing": [core.QUESTIONS[q] for q in missing],
        "missing_ids": {q: field_name(q) for q in missing},
        "negotiation": summary.get("negotiation", []),
        "override_reason": summary.get("override_reason", ""),
        "answers_form": answers_form or AnswersForm(answers=appraisal.answers),
        "negotiation_form": negotiation_form or NegotiationForm(),
        "finalise_form": finalise_form or FinaliseForm(red_line=red_line),
        "update_form": update_form or UpdateNegotiationForm(items=_item_choices(appraisal)),
        "red_line": red_line,
    }


def _item_choices(appraisal: Appraisal) -> list[tuple[int, str]]:
    return [
        (item.pk, f"{core.rule(item.rule_id).title}: {item.asked[:80]}")
        for item in appraisal.negotiation_items.order_by("pk")
    ]


def _appraisal(process: Process, number: int) -> Appraisal:
    appraisal = process.appraisals.filter(number=number).first()
    if appraisal is None:
        raise Http404(number)
    return appraisal


@login_required
@require_http_methods(["GET", "POST"])
def appraisal_page(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """One appraisal: the questionnaire, the findings, the negotiation record, finalising."""
    process = _process(request, slug)
    appraisal = _appraisal(process, number)
    if request.method != "POST":
        return render(
            request, "commissioning/appraisal.html", _context(request, process, appraisal)
        )
    step = _STEPS.get(request.POST.get("step", ""), _save_answers)
    return step(request, process, appraisal)


def _save_answers(request: HttpRequest, process: Process, appraisal: Appraisal) -> HttpResponse:
    form = AnswersForm(request.POST, answers=appraisal.answers)
    if form.is_valid():
        try:
            actions.do_save_answers(request.user, process, appraisal, form.answers())
        except LifecycleError as error:
            for problem in error.params.get("problems", ()):
                name = field_name(problem.question) if problem.question else None
                form.add_error(name if name in form.fields else None, problem_text(problem))
            if not form.errors:
                form.add_error(None, describe(error))
        else:
            messages.success(request, gettext("Your answers are saved; continue later."))
            return redirect("commissioning:appraisal", process.slug, appraisal.number)
    context = _context(request, process, appraisal, answers_form=form)
    return render(request, "commissioning/appraisal.html", context, status=400)


def _negotiate(request: HttpRequest, process: Process, appraisal: Appraisal) -> HttpResponse:
    form = NegotiationForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.do_record_negotiation(
                request.user,
                process,
                appraisal,
                rule_id=data["rule_id"],
                asked=data["asked"],
                status=data["status"],
                conceded=data["conceded"],
                final_condition=data["final_condition"],
                changes=form.changes(),
            )
        except LifecycleError as error:
            problems = error.params.get("problems", ())
            for problem in problems:
                form.add_error("change_value", problem_text(problem))
            if not problems:
                form.add_error(None, describe(error))
        else:
            messages.success(request, gettext("The negotiation item is recorded."))
            return redirect("commissioning:appraisal", process.slug, appraisal.number)
    context = _context(request, process, appraisal, negotiation_form=form)
    return render(request, "commissioning/appraisal.html", context, status=400)


def _update(request: HttpRequest, process: Process, appraisal: Appraisal) -> HttpResponse:
    form = UpdateNegotiationForm(request.POST, items=_item_choices(appraisal))
    if form.is_valid():
        data = form.cleaned_data
        item = appraisal.negotiation_items.get(pk=data["item"])
        try:
            actions.do_update_negotiation(
                request.user,
                process,
                item,
                status=data["status"],
                conceded=data["conceded"],
                final_condition=data["final_condition"],
                changes=form.agreed_changes(item.changes),
            )
        except LifecycleError as error:
            problems = error.params.get("problems", ())
            for problem in problems:
                form.add_error("change_value", problem_text(problem))
            if not problems:
                form.add_error(None, describe(error))
        else:
            messages.success(request, gettext("The negotiation item is updated."))
            return redirect("commissioning:appraisal", process.slug, appraisal.number)
    context = _context(request, process, appraisal, update_form=form)
    return render(request, "commissioning/appraisal.html", context, status=400)


def _publish(request: HttpRequest, process: Process, appraisal: Appraisal) -> HttpResponse:
    try:
        actions.do_publish_appraisal(request.user, process, appraisal)
    except LifecycleError as error:
        messages.error(request, describe(error))
    else:
        messages.success(request, gettext("The appraisal is published as it was finalised."))
    return redirect("commissioning:appraisal", process.slug, appraisal.number)


def _finalise(request: HttpRequest, process: Process, appraisal: Appraisal) -> HttpResponse:
    summary = appraisal_summary_of(process, appraisal)
    form = FinaliseForm(request.POST, red_line=_red_line(summary))
    if form.is_valid():
        try:
            actions.do_finalise_appraisal(
                request.user,
                process,
                appraisal,
                publish=form.cleaned_data["publish"],
                override_reason=form.cleaned_data.get("override_reason", ""),
            )
        except LifecycleError as error:
            field = "override_reason" if error.code == "appraisal_red_line_remains" else None
            form.add_error(field if field in form.fields else None, describe(error))
        else:
            messages.success(request, gettext("The appraisal is final and recorded in the ledger."))
            return redirect("commissioning:appraisal", process.slug, appraisal.number)
    context = _context(request, process, appraisal, finalise_form=form, summary=summary)
    return render(request, "commissioning/appraisal.html", context, status=400)


#: What each ``step`` of a POST to the appraisal page does (the answers otherwise).
_STEPS = {
    "negotiation": _negotiate,
    "update": _update,
    "finalise": _finalise,
    "publish": _publish,
}
