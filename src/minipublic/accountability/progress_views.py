"""The page where the commissioner (or the lead practitioner, on the responsible body's
behalf) tracks the implementation of one accepted recommendation: the responsible body
and next review, milestones, and progress updates."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from minipublic.accountability import progress_actions as actions
from minipublic.accountability import standing
from minipublic.accountability.common import acting_role
from minipublic.accountability.forms import (
    ImplementationForm,
    MilestoneChangeForm,
    MilestoneForm,
    ProgressForm,
)
from minipublic.accountability.models import Implementation, Milestone
from minipublic.accountability.views import adopted_recommendation, anchor
from minipublic.lifecycle import Action, LifecycleError, Role
from minipublic.processes.access import access_process_for_user
from minipublic.processes.error_text import describe
from minipublic.processes.models import Process
from minipublic.recommendations.models import Recommendation


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def progress(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """Track one accepted recommendation; by POST (``step``), save the implementation,
    add a milestone, change milestone ``milestone-<n>``, or publish a progress update."""
    process = access_process_for_user(request.user, slug, Action.REPORT_PROGRESS)
    recommendation = adopted_recommendation(process, number)
    step = request.POST.get("step", "") if request.method == "POST" else ""
    milestones = list(Milestone.objects.filter(recommendation=recommendation))
    forms = _forms(recommendation, milestones, step, request.POST if step else None)
    if step and step not in forms:
        return HttpResponse(status=400)
    if step:
        form = forms[step]
        if form.is_valid():
            try:
                done = _run(step, request, process, recommendation, milestones, form.cleaned_data)
            except LifecycleError as error:
                form.add_error(None, describe(error))
            else:
                messages.success(request, done)
                return redirect(anchor(process, number))
    current = standing.current_responses(process).get(recommendation.pk)
    role = acting_role(request.user, process, (Role.COMMISSIONER, Role.LEAD_PRACTITIONER))
    context = {
        "process": process,
        "recommendation": recommendation,
        "current": current,
        "on_behalf": role == Role.LEAD_PRACTITIONER.value,
        "implementation": Implementation.objects.filter(recommendation=recommendation).first(),
        "milestone_forms": [(m, forms[f"milestone-{m.number}"]) for m in milestones],
        "implementation_form": forms["implementation"],
        "milestone_form": forms["milestone"],
        "progress_form": forms["progress"],
    }
    status = 400 if step else 200
    return render(request, "accountability/progress.html", context, status=status)


def _forms(
    recommendation: Recommendation, milestones: list[Milestone], step: str, data: Any
) -> dict[str, Form]:
    def bound(name: str) -> Any:
        return data if step == name else None

    found = Implementation.objects.filter(recommendation=recommendation).first()
    initial = {}
    if found is not None:
        initial = {
            "responsible_body": found.responsible_body,
            "next_review_on": found.next_review_on,
        }
    forms: dict[str, Form] = {
        "implementation": ImplementationForm(bound("implementation"), initial=initial),
        "milestone": MilestoneForm(bound("milestone"), prefix="new"),
        "progress": ProgressForm(bound("progress")),
    }
    for milestone in milestones:
        name = f"milestone-{milestone.number}"
        forms[name] = MilestoneChangeForm(
            bound(name),
            prefix=f"m{milestone.number}",
            initial={"due_on": milestone.due_on, "done_on": milestone.done_on},
        )
    return forms


def _run(
    step: str,
    request: HttpRequest,
    process: Process,
    recommendation: Recommendation,
    milestones: list[Milestone],
    data: dict[str, Any],
) -> str:
    user: Any = request.user
    if step.startswith("milestone-"):
        changed = next(m for m in milestones if f"milestone-{m.number}" == step)
        actions.do_update_milestone(
            user, process, changed, due_on=data["due_on"], done_on=data["done_on"]
        )
        return gettext("The milestone is updated; its earlier dates stay in its history.")

    def implementation() -> str:
        actions.do_set_implementation(
            user,
            process,
            recommendation,
            responsible_body=data["responsible_body"],
            next_review_on=data["next_review_on"],
        )
        return gettext("The responsible body and the next review are saved.")

    def milestone() -> str:
        actions.do_add_milestone(
            user,
            process,
            recommendation,
            title=data["title"],
            due_on=data["due_on"],
            done_on=data["done_on"],
        )
        return gettext("The milestone is added.")

    def report() -> str:
        actions.do_report_progress(
            user,
            process,
            recommendation,
            status=data["status"],
            text=data["text"],
            as_of=data["as_of"],
        )
        return gettext("The progress update is published; the participants are being e-mailed.")

    steps: dict[str, Callable[[], str]] = {
        "implementation": implementation,
        "milestone": milestone,
        "progress": report,
    }
    return steps[step]()
