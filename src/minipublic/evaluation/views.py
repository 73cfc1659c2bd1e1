"""Pages of the member questionnaire: the public results, answering, and managing rounds.

Read rule: the results page shows aggregates only, and only for closed rounds with
enough answers (``results.MIN_ANSWERS``); nobody — the lead practitioner and staff
included — can see an individual questionnaire through any page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from minipublic.evaluation import actions
from minipublic.evaluation.forms import OpenRoundForm, QuestionnaireForm
from minipublic.evaluation.models import EvaluationRound, RoundKind, RoundStatus
from minipublic.evaluation.results import (
    MIN_ANSWERS,
    MIN_ITEM_ANSWERS,
    SMALL_GROUP,
    compare,
    counts,
    process_results,
    results_csv,
)
from minipublic.lifecycle import Action, LifecycleError
from minipublic.processes.access import access_process_for_user, can
from minipublic.processes.error_text import attempt as _attempt
from minipublic.processes.error_text import describe
from minipublic.processes.models import Process
from minipublic.standards.member_questionnaire import instruments


def _round(process: Process, kind: str) -> EvaluationRound:
    found = process.evaluation_rounds.filter(kind=kind).first()
    if found is None or kind not in RoundKind.values:
        raise Http404(kind)
    return found


@require_http_methods(["GET", "HEAD"])
def results(request: HttpRequest, slug: str) -> HttpResponse:
    """The rounds of the questionnaire and their published aggregate results."""
    process = access_process_for_user(request.user, slug)
    by_kind = process_results(process.evaluation_rounds.all())
    user: Any = request.user
    current = actions.open_round(process)
    may_answer = (
        current is not None
        and can(user, Action.ANSWER_EVALUATION, process)
        and not actions.has_answered(current, user)
    )
    context = {
        "process": process,
        "rounds": list(by_kind.values()),
        "comparison": compare(by_kind.get("start"), by_kind.get("end")),
        "open_round": current,
        "may_answer": may_answer,
        "answered": current is not None
        and user.is_authenticated
        and actions.has_answered(current, user),
        "may_manage": can(user, Action.MANAGE_EVALUATION, process),
        "min_answers": MIN_ANSWERS,
        "min_item_answers": MIN_ITEM_ANSWERS,
        "small_group": SMALL_GROUP,
    }
    return render(request, "evaluation/results.html", context)


@require_http_methods(["GET", "HEAD"])
def results_download(request: HttpRequest, slug: str) -> HttpResponse:
    """The published aggregates as CSV."""
    process = access_process_for_user(request.user, slug)
    body = results_csv(process_results(process.evaluation_rounds.all()).values())
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{process.slug}-evaluation.csv"'
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def answer(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    """The questionnaire on one page (participants, once per round)."""
    process = access_process_for_user(request.user, slug, Action.ANSWER_EVALUATION)
    round_ = _round(process, kind)
    user: Any = request.user
    if round_.status != RoundStatus.OPEN or actions.has_answered(round_, user):
        return redirect("evaluation:results", process.slug)
    items = actions.round_items(round_)
    seed = actions.answer_seed(round_, user)
    form = QuestionnaireForm(items, seed, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_answer(user, process, round_, form.answers())
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            messages.success(request, gettext("Thank you: your answers have been recorded."))
            return redirect("evaluation:results", process.slug)
    context = {"process": process, "round": round_, "form": form, "paper": False}
    status = 400 if form.errors else 200
    return render(request, "evaluation/answer.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def paper(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    """Type in one questionnaire answered on paper (lead practitioner, oversight)."""
    process = access_process_for_user(request.user, slug, Action.MANAGE_EVALUATION)
    round_ = _round(process, kind)
    if round_.status != RoundStatus.OPEN:
        return redirect("evaluation:manage", process.slug)
    items = actions.round_items(round_)
    form = QuestionnaireForm(items, None, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_enter_paper(request.user, process, round_, form.answers())
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            messages.success(request, gettext("The paper questionnaire has been added."))
            return redirect("evaluation:paper", process.slug, round_.kind)
    online, paper_count = counts(round_)
    context = {
        "process": process,
        "round": round_,
        "form": form,
        "paper": True,
        "received": online + paper_count,
    }
    status = 400 if form.errors else 200
    return render(request, "evaluation/answer.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request: HttpRequest, slug: str) -> HttpResponse:
    """Open and close the rounds; see how many have answered (never what)."""
    process = access_process_for_user(request.user, slug, Action.MANAGE_EVALUATION)
    shipped = list(instruments().values())
    open_form = OpenRoundForm(shipped, initial={"eligible": actions.participants(process)})
    refusal = Form({})
    refusal.is_valid()
    step = request.POST.get("step", "") if request.method == "POST" else ""
    if step == "open":
        open_form = OpenRoundForm(shipped, request.POST)
        if open_form.is_valid():
            data = open_form.cleaned_data
            if _attempt(
                request,
                open_form,
                gettext("The round is open: participants can answer now."),
                lambda: actions.do_open_round(
                    request.user,
                    process,
                    kind=data["kind"],
                    instrument_key=data["instrument"],
                    eligible=data["eligible"],
                ),
            ):
                return redirect("evaluation:manage", process.slug)
    elif step == "close":
        round_ = _round(process, request.POST.get("kind", ""))
        if _attempt(
            request,
            refusal,
            gettext("The round is closed and counted."),
            lambda: actions.do_close_round(request.user, process, round_),
        ):
            return redirect("evaluation:manage", process.slug)
    elif step:
        return HttpResponse(status=400)
    rounds = []
    for row in process.evaluation_rounds.all():
        online, paper_count = counts(row)
        rounds.append({"round": row, "online": online, "paper": paper_count})
    context = {
        "process": process,
        "rounds": rounds,
        "open_form": open_form,
        "may_open": len(rounds) < len(RoundKind.values),
        "refusals": refusal.non_field_errors(),
        "instruments": shipped,
        "min_answers": MIN_ANSWERS,
    }
    failed = bool(open_form.errors or refusal.errors)
    return render(request, "evaluation/manage.html", context, status=400 if failed else 200)
