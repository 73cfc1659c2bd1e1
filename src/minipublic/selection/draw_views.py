"""Pages of the public draw (commit, enter the randomness) and of the drawn panel.

The draw page is the lead practitioner's; the panel page shows personal data (contact
details of the drawn people) and is only for the roles that may view registrants.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from minipublic import clock
from minipublic.integrity.uploads import spreadsheet_safe
from minipublic.lifecycle import Action, LifecycleError
from minipublic.processes.access import access_process_for_user, can, require, roles_in
from minipublic.processes.actions import _actor_role, _person
from minipublic.processes.error_text import describe
from minipublic.processes.models import Process
from minipublic.recruitment.models import PersonalDataExport, Registrant, RegistrantStatus
from minipublic.selection.commit import (
    SOURCE_MAX,
    answer_privacy,
    committed_selection,
    do_commit_run,
    public_draw_record,
)
from minipublic.selection.draw import (
    MEMBER_STATUSES,
    RANDOMNESS_MAX,
    REASON_MAX,
    current_panel,
    do_draw_panel,
    do_replace_dropouts,
    do_set_member_status,
    dropouts,
    pending_run,
)
from minipublic.selection.models import RunKind, RunStatus, SelectionRun
from minipublic.selection.public import SMALL_CELL, quota_rows


class CommitForm(forms.Form):
    """Commit to a finished run and announce when and how the randomness will be drawn."""

    announced_for = forms.DateTimeField(
        label=gettext_lazy("Announced time of the draw"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=gettext_lazy("The randomness can be entered from this time on, not before."),
    )
    randomness_source = forms.CharField(
        label=gettext_lazy("Where the public randomness will come from"),
        max_length=SOURCE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Say exactly how it will be written down, e.g. “three ten-sided dice, red for "
            "hundreds, white for tens, blue for units, rolled at the public meeting”."
        ),
    )
    publish_answers = forms.BooleanField(
        label=gettext_lazy("Also publish the pool's answers (inputs.json)"),
        required=False,
        help_text=gettext_lazy(
            "With them, anyone can check that every panel of the lottery meets the quotas. "
            "Without them, only the hash is published: anyone can still check the draw, and "
            "the oversight body can check the quotas."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["announced_for"].help_text = _(
            "Time zone: {zone}. The randomness can be entered from this time on, not before."
        ).format(zone=timezone.get_current_timezone_name())


class DrawForm(forms.Form):
    """Enter the public randomness, exactly as announced."""

    randomness = forms.CharField(
        label=gettext_lazy("Public randomness"),
        max_length=RANDOMNESS_MAX,
        help_text=gettext_lazy("Type it exactly as announced: every character counts."),
    )


class MemberStatusForm(forms.Form):
    """A panel member's confirmation status."""

    registrant = forms.CharField(widget=forms.HiddenInput)
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        choices=[(status.value, status.label) for status in MEMBER_STATUSES],
    )


class ReplaceForm(forms.Form):
    """Why dropouts are replaced now (shown on the public page with the run)."""

    reason = forms.CharField(
        label=gettext_lazy("Why this replacement run is made"),
        max_length=REASON_MAX,
        help_text=gettext_lazy(
            "Shown on the public selection page with the run: do not name anyone."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


# ---------------------------------------------------------------- the draw


def _draw_context(
    process: Process,
    *,
    commit_form: CommitForm | None = None,
    commit_number: int | None = None,
    draw_form: DrawForm | None = None,
) -> dict[str, Any]:
    pending = pending_run(process)
    committed = committed_selection(process)
    _selection, panel = current_panel(process)
    if committed is None:
        candidates = SelectionRun.objects.filter(
            process=process, kind=RunKind.SELECTION, status=RunStatus.DONE
        )
    elif panel and pending is None:
        candidates = SelectionRun.objects.filter(
            process=process,
            kind=RunKind.REPLACEMENT,
            status=RunStatus.DONE,
            committed_at__isnull=True,
        )
    else:
        candidates = SelectionRun.objects.none()
    commits = [
        (
            run,
            commit_form
            if commit_form is not None and commit_number == run.number
            else CommitForm(prefix=f"run{run.number}"),
            answer_privacy(run, SMALL_CELL),
        )
        for run in candidates.order_by("number")
    ]
    announced = None
    if pending is not None:
        value = public_draw_record(pending).get("announced_for")
        announced = datetime.fromisoformat(value) if value else None
    return {
        "process": process,
        "pending": pending,
        "pending_record": public_draw_record(pending) if pending else {},
        "announced_for": announced,
        "too_early": announced is not None and clock.now() < announced,
        "draw_form": draw_form or DrawForm(),
        "commits": commits,
        "committed": committed,
        "panel_size": len(panel),
    }


@login_required
@require_http_methods(["GET", "POST"])
def draw(request: HttpRequest, slug: str) -> HttpResponse:
    """Commit to a finished run, then enter the public randomness at the announced time."""
    process = access_process_for_user(request.user, slug, Action.DRAW_PANEL)
    form = DrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        pending = pending_run(process)
        if pending is None:
            form.add_error(None, _("There is no committed run waiting for its draw."))
        elif form.is_valid():
            try:
                result = do_draw_panel(
                    request.user, process, pending, randomness=form.cleaned_data["randomness"]
                )
            except LifecycleError as error:
                form.add_error(None, describe(error))
            else:
                messages.success(
                    request,
                    _("Panel {number} was drawn. The draw is now in the public record.").format(
                        number=result.panel_number
                    ),
                )
                return redirect("selection:panel", process.slug)
    status = 400 if form.errors else 200
    return render(
        request,
        "selection/draw.html",
        _draw_context(process, draw_form=form if request.method == "POST" else None),
        status=status,
    )


@login_required
@require_POST
def commit(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """Commit to run ``number``: its commitment files are published before the draw."""
    process = access_process_for_user(request.user, slug, Action.DRAW_PANEL)
    run = SelectionRun.objects.filter(process=process, number=number).first()
    if run is None:
        raise Http404(str(number))
    form = CommitForm(request.POST, prefix=f"run{number}")
    if form.is_valid():
        try:
            do_commit_run(
                request.user,
                process,
                run,
                announced_for=form.cleaned_data["announced_for"],
                randomness_source=form.cleaned_data["randomness_source"],
                publish_answers=form.cleaned_data["publish_answers"],
            )
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            messages.success(
                request,
                _("Run {number} is committed and its files are published.").format(number=number),
            )
            return redirect("selection:draw", process.slug)
    context = _draw_context(process, commit_form=form, commit_number=number)
    if not any(run.number == number for run, _form, _privacy in context["commits"]):
        context["commit_errors"] = [str(e) for e in form.non_field_errors()]
    return render(request, "selection/draw.html", context, status=400)


# ---------------------------------------------------------------- the panel


def _panel_process(request: HttpRequest, slug: str) -> tuple[Process, bool]:
    """The process if the user may see the panel's personal data; and whether they may change it."""
    process = access_process_for_user(request.user, slug, Action.VIEW_PROCESS)
    require(request.user, Action.VIEW_REGISTRANTS, process)
    roles = roles_in(request.user, process)
    return process, can(request.user, Action.MANAGE_PANEL, process, roles=roles)


def panel_members(process: Process) -> list[Registrant]:
    """The current panel's registrants, in the order of the draw."""
    _selection, panel = current_panel(process)
    found = {
        r.pseudonym: r for r in Registrant.objects.filter(process=process, pseudonym__in=panel)
    }
    return [found[pseudonym] for pseudonym in panel if pseudonym in found]


def _panel_context(process: Process, may_manage: bool, **extra: Any) -> dict[str, Any]:
    selection, panel = current_panel(process)
    members = panel_members(process)
    for member in members:
        form = MemberStatusForm(
            initial={"registrant": member.pseudonym, "status": member.status},
            auto_id=f"m-{member.pseudonym}-%s",
        )
        form.fields["status"].label = _("New status of {pseudonym}").format(
            pseudonym=member.pseudonym
        )
        member.status_form = form  # type: ignore[attr-defined]
    counts = dict.fromkeys(RegistrantStatus, 0)
    for member in members:
        counts[RegistrantStatus(member.status)] += 1
    return {
        "process": process,
        "may_manage": may_manage,
        "may_replace": False,
        "members": members,
        "status_counts": [
            (status.label, counts[status]) for status in RegistrantStatus if counts[status]
        ],
        "quotas": (
            quota_rows(process, selection, panel, suppress=False) if selection and panel else []
        ),
        "dropouts": dropouts(process) if panel else [],
        "replace_form": extra.pop("replace_form", None) or ReplaceForm(),
        "replacement_runs": SelectionRun.objects.filter(
            process=process, kind=RunKind.REPLACEMENT
        ).order_by("number"),
        **extra,
    }


@login_required
@require_http_methods(["GET", "POST"])
def panel(request: HttpRequest, slug: str) -> HttpResponse:
    """The drawn panel with contact details and confirmation status; set a member's status."""
    process, may_manage = _panel_process(request, slug)
    errors: list[str] = []
    if request.method == "POST":
        if not may_manage:
            require(request.user, Action.MANAGE_PANEL, process)
        pseudonym = request.POST.get("registrant", "")
        form = MemberStatusForm(request.POST)
        registrant = Registrant.objects.filter(process=process, pseudonym=pseudonym).first()
        if registrant is None or not form.is_valid():
            errors.append(_("Choose a panel member and one of the statuses offered."))
        else:
            try:
                do_set_member_status(request.user, process, registrant, form.cleaned_data["status"])
            except LifecycleError as error:
                errors.append(describe(error))
            else:
                messages.success(
                    request,
                    _("The status of {pseudonym} is now: {status}.").format(
                        pseudonym=pseudonym,
                        status=RegistrantStatus(form.cleaned_data["status"]).label,
                    ),
                )
                return redirect("selection:panel", process.slug)
    context = _panel_context(process, may_manage, errors=errors)
    context["may_replace"] = can(request.user, Action.RUN_SELECTION, process)
    return render(request, "selection/panel.html", context, status=400 if errors else 200)


@login_required
@require_POST
def replace(request: HttpRequest, slug: str) -> HttpResponse:
    """Queue a replacement run for the members who declined or dropped out."""
    process, may_manage = _panel_process(request, slug)
    require(request.user, Action.RUN_SELECTION, process)
    form = ReplaceForm(request.POST)
    if form.is_valid():
        try:
            run = do_replace_dropouts(request.user, process, reason=form.cleaned_data["reason"])
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            messages.success(
                request,
                _(
                    "Replacement run {number} is queued: the worker computes it in the "
                    "background. When it has finished, commit it, then draw it in public."
                ).format(number=run.number),
            )
            return redirect("selection:panel", process.slug)
    errors = [str(error) for error in form.non_field_errors()]
    context = _panel_context(process, may_manage, replace_form=form, errors=errors)
    context["may_replace"] = True
    return render(request, "selection/panel.html", context, status=400)


@login_required
@require_safe
def panel_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """The panel's contact list as CSV for recruiters; every download is logged."""
    process, _may_manage = _panel_process(request, slug)
    members = panel_members(process)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        [
            "pseudonym",
            "status",
            "first_name",
            "last_name",
            "email",
            "phone",
            "address",
            "postcode",
            "access_needs",
            "access_details",
        ]
    )
    for m in members:
        writer.writerow(
            [
                spreadsheet_safe(str(value))
                for value in (
                    m.pseudonym,
                    m.status,
                    m.first_name,
                    m.last_name,
                    m.email,
                    m.phone,
                    m.address,
                    m.postcode,
                    "; ".join(str(n) for n in m.access_needs or []),
                    m.access_details,
                )
            ]
        )
    PersonalDataExport.objects.create(
        process=process,
        exported_by=_person(request.user),
        exported_by_role=_actor_role(request.user, process, Action.VIEW_REGISTRANTS),
        what="panel contact list",
        rows=len(members),
        exported_at=clock.now(),
    )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{process.slug}-panel.csv"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
