"""Pages of the selection runs: the list, one run with its live progress, its status JSON.

Everything shown comes from the run row, so the progress survives reloads and restarts;
the page follows the run while it is waiting or running (a small script polls the
status JSON; without JavaScript the page reloads itself).
"""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from minipublic import clock
from minipublic.lifecycle import Action, LifecycleError
from minipublic.processes.access import (
    Actor,
    SystemActor,
    access_process_for_user,
    can,
    refusal,
    require_any,
    roles_in,
)
from minipublic.processes.actions import _actor_role, _person
from minipublic.processes.error_text import describe
from minipublic.processes.models import Process
from minipublic.recruitment.models import PersonalDataExport
from minipublic.selection import runs as actions
from minipublic.selection.commit import run_directory
from minipublic.selection.models import SelectionRun


class StartRunForm(forms.Form):
    """Why the run is made (public) and which algorithm."""

    reason = forms.CharField(
        label=gettext_lazy("Why this run (shown publicly)"),
        max_length=actions.REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    algorithm = forms.ChoiceField(
        label=gettext_lazy("Algorithm"),
        choices=[
            ("leximin", gettext_lazy("LEXIMIN (fairest; recommended)")),
            ("maximin", gettext_lazy("MAXIMIN")),
            ("nash", gettext_lazy("Nash welfare")),
            ("legacy", gettext_lazy("Legacy greedy method (for comparison)")),
        ],
        initial="leximin",
    )


#: The actions that let someone download a committed run's inputs.json, in order.
INPUTS_READERS = (Action.RUN_SELECTION, Action.VIEW_REGISTRANTS, Action.VIEW_OVERSIGHT)


def inputs_reader_action(user: Actor, process: Process) -> Action | None:
    """The first of ``INPUTS_READERS`` that ``user`` may perform on ``process`` (None if
    none); their roles are read once for all three."""
    if isinstance(user, SystemActor):
        return INPUTS_READERS[0]
    if not user.is_authenticated:
        return None
    roles = roles_in(user, process)
    return next((a for a in INPUTS_READERS if can(user, a, process, roles=roles)), None)


def may_read_inputs(user: Actor, process: Process) -> bool:
    """Whether ``user`` may download a run's inputs.json: selection staff and oversight."""
    return inputs_reader_action(user, process) is not None


def _process(request: HttpRequest, slug: str) -> Process:
    """The process if the user may run selections or view registrants."""
    process = access_process_for_user(request.user, slug)
    require_any(request.user, (Action.RUN_SELECTION, Action.VIEW_REGISTRANTS), process)
    return process


@login_required
@require_http_methods(["GET", "POST"])
def run_list(request: HttpRequest, slug: str) -> HttpResponse:
    """Every run of the process; POST starts a new run."""
    process = _process(request, slug)
    actions.fail_stale_runs(process)
    form = StartRunForm()
    if request.method == "POST":
        access_process_for_user(request.user, slug, Action.RUN_SELECTION)
        form = StartRunForm(request.POST)
        if form.is_valid():
            try:
                run = actions.do_start_run(
                    request.user,
                    process,
                    reason=form.cleaned_data["reason"],
                    algorithm=form.cleaned_data["algorithm"],
                )
            except LifecycleError as error:
                form.add_error(None, describe(error))
            else:
                messages.success(request, gettext("The run is queued."))
                return redirect("selection:run", process.slug, run.number)
    context = {
        "process": process,
        "runs": SelectionRun.objects.filter(process=process).order_by("-number"),
        "may_run": can(request.user, Action.RUN_SELECTION, process),
        "form": form,
    }
    return render(request, "selection/runs.html", context, status=400 if form.errors else 200)


@login_required
@require_safe
def run_page(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """One run: status, progress, reason, inputs hash, and its summary or error."""
    process = _process(request, slug)
    actions.fail_stale_runs(process)
    run = get_object_or_404(SelectionRun, process=process, number=number)
    context = {
        "process": process,
        "run": run,
        "active": run.status in actions.ACTIVE,
        "may_run": can(request.user, Action.RUN_SELECTION, process),
        "percent": round((run.progress_fraction or 0) * 100),
    }
    return render(request, "selection/run.html", context)


@login_required
@require_POST
def cancel_run(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """Ask the run to stop."""
    process = access_process_for_user(request.user, slug, Action.RUN_SELECTION)
    run = get_object_or_404(SelectionRun, process=process, number=number)
    try:
        actions.do_cancel_run(request.user, process, run)
    except LifecycleError as error:
        messages.error(request, describe(error))
    else:
        messages.success(request, gettext("Cancellation requested."))
    return redirect("selection:run", process.slug, number)


@login_required
@require_safe
def run_status(request: HttpRequest, slug: str, number: int) -> JsonResponse:
    """The run's progress as JSON, for scripts."""
    process = _process(request, slug)
    actions.fail_stale_runs(process)
    run = get_object_or_404(SelectionRun, process=process, number=number)
    return JsonResponse(
        {
            "run": run.number,
            "status": run.status,
            "stage": run.progress_stage,
            "fraction": run.progress_fraction,
            "message": run.progress_message,
            "cancel_requested": run.cancel_requested,
            "inputs_sha256": run.inputs_sha256,
            "commitment_sha256": run.commitment_sha256 or None,
            "error_code": run.error_code or None,
            "error_message": run.error_message or None,
            "summary": run.summary,
        }
    )


@login_required
@require_safe
def run_inputs(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """A committed run's inputs.json (pseudonymous answers), for staff and the oversight
    body to run ``minipublic verify``/``certify`` in full; every download is logged."""
    process = access_process_for_user(request.user, slug)
    action = inputs_reader_action(request.user, process)
    if action is None:
        raise refusal(request.user, INPUTS_READERS, process)
    # Only what a commitment fixed is offered (an uncommitted run may be re-rolled).
    run = get_object_or_404(
        SelectionRun, process=process, number=number, committed_at__isnull=False
    )
    path = run_directory(run) / "inputs.json"
    if not run.output_dir or not path.is_file():
        raise Http404(str(number))
    data = path.read_bytes()
    try:
        rows = len(json.loads(data)["people"])
    except (KeyError, TypeError, ValueError):
        raise Http404(str(number)) from None
    PersonalDataExport.objects.create(
        process=process,
        exported_by=_person(request.user),
        exported_by_role=_actor_role(request.user, process, action),
        what=f"selection inputs of run {run.number} (pseudonymous answers)",
        rows=rows,
        exported_at=clock.now(),
    )
    response = HttpResponse(data, content_type="application/json")
    response["Content-Disposition"] = (
        f'attachment; filename="{process.slug}-run-{run.number}-inputs.json"'
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
