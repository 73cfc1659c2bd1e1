"""Pages for running a process: create it, change its settings, phase and members.

Views stay thin: they read a form, call one named action, and show the outcome.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from minipublic.deliberation.parking import open_concerns_block_report
from minipublic.lifecycle import Action, LifecycleError, Phase, ProcessModel, Role, Visibility
from minipublic.lifecycle.phases import next_phase
from minipublic.processes import actions
from minipublic.processes.access import access_process_for_user, can, require_any, roles_in
from minipublic.processes.design import PLANNED_FIELDS
from minipublic.processes.error_text import describe
from minipublic.processes.forms import (
    AddMemberForm,
    PhaseForm,
    PlannedDesignForm,
    ProcessCreateForm,
    ProcessDetailsForm,
    RemoveMemberForm,
    TemplateChoiceForm,
    VisibilityForm,
)
from minipublic.processes.labels import PHASE_LABELS, ROLE_LABELS
from minipublic.processes.models import Process
from minipublic.processes.template_views import template_options

_SETTINGS_ACTIONS = (
    Action.EDIT_PROCESS,
    Action.EDIT_DESIGN,
    Action.CHANGE_PHASE,
    Action.SET_VISIBILITY,
)


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    """Start a new process; its creator becomes its lead practitioner."""
    if not can(request.user, Action.CREATE_PROCESS):
        raise PermissionDenied(Action.CREATE_PROCESS.value)
    form = ProcessCreateForm(request.POST or None)
    choice = TemplateChoiceForm(request.POST or None)
    if request.method == "POST" and all([form.is_valid(), choice.is_valid()]):
        data = form.cleaned_data
        try:
            process = actions.do_create_process(
                request.user,
                slug=data["slug"],
                title=data["title"],
                question=data["question"],
                description=data["description"],
                commissioning_body=data["commissioning_body"],
                model=ProcessModel(data["model"]),
                visibility=Visibility(data["visibility"]),
                template=choice.cleaned_data["template"],
            )
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            messages.success(request, _("The process has been created in the design phase."))
            return redirect("portal:process", process.slug)
    context = {"form": form, "choice": choice, "options": template_options(choice["template"])}
    status = 400 if form.errors or choice.errors else 200
    return render(request, "processes/create.html", context, status=status)


def _render_manage(
    request: HttpRequest, process: Process, status: int = 200, **forms: BaseForm
) -> HttpResponse:
    require_any(request.user, _SETTINGS_ACTIONS, process)
    roles = roles_in(request.user, process)
    may = {
        action.value: can(request.user, action, process, roles=roles)
        for action in _SETTINGS_ACTIONS
    }
    following = next_phase(process.current_phase)
    context: dict[str, Any] = {
        "process": process,
        "may": may,
        "parking_block": open_concerns_block_report(process)
        if process.current_phase in (Phase.DELIBERATION, Phase.RECOMMENDATIONS)
        else None,
        "next_phase": PHASE_LABELS[following] if following else None,
        "details_form": forms.get("details")
        or ProcessDetailsForm(instance=Process.objects.get(pk=process.pk)),
        "phase_form": forms.get("phase") or PhaseForm(initial={"to_phase": following}),
        "visibility_form": forms.get("visibility")
        or VisibilityForm(initial={"visibility": process.visibility}),
        "design_form": forms.get("design")
        or PlannedDesignForm(initial={name: getattr(process, name) for name in PLANNED_FIELDS}),
    }
    return render(request, "processes/manage.html", context, status=status)


@login_required
@require_safe
def manage(request: HttpRequest, slug: str) -> HttpResponse:
    """The settings page: details, phase and visibility, each shown if the person may change it."""
    process = access_process_for_user(request.user, slug)
    return _render_manage(request, process)


@login_required
@require_POST
def update_details(request: HttpRequest, slug: str) -> HttpResponse:
    """Save the descriptive fields."""
    process = access_process_for_user(request.user, slug, Action.EDIT_PROCESS)
    form = ProcessDetailsForm(request.POST, instance=Process.objects.get(pk=process.pk))
    if not form.is_valid():
        return _render_manage(request, process, 400, details=form)
    data = form.cleaned_data
    actions.do_update_process(
        request.user,
        process,
        title=data["title"],
        question=data["question"],
        description=data["description"],
        commissioning_body=data["commissioning_body"],
        model=ProcessModel(data["model"]),
    )
    messages.success(request, _("The details have been saved."))
    return redirect("processes:manage", process.slug)


@login_required
@require_POST
def update_design(request: HttpRequest, slug: str) -> HttpResponse:
    """Save the planned design: days, hours, meetings, panel size and days to respond."""
    process = access_process_for_user(request.user, slug, Action.EDIT_DESIGN)
    form = PlannedDesignForm(request.POST)
    if not form.is_valid():
        return _render_manage(request, process, 400, design=form)
    try:
        # Re-evaluates the label too: a change is recorded now, not at the nightly run.
        actions.do_update_design(request.user, process, form.design())
    except LifecycleError as error:
        form.add_error(None, describe(error))
        return _render_manage(request, process, 400, design=form)
    messages.success(request, _("The planned design has been saved."))
    return redirect("processes:manage", process.slug)


@login_required
@require_POST
def change_phase(request: HttpRequest, slug: str) -> HttpResponse:
    """Move the process to another phase."""
    process = access_process_for_user(request.user, slug, Action.CHANGE_PHASE)
    form = PhaseForm(request.POST)
    if form.is_valid():
        try:
            actions.do_change_phase(
                request.user, process, form.target(), form.cleaned_data["reason"]
            )
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            label = PHASE_LABELS[Phase(process.phase)]
            messages.success(
                request, _("The process is now in the %(phase)s phase.") % {"phase": label}
            )
            return redirect("processes:manage", process.slug)
    return _render_manage(request, process, 400, phase=form)


@login_required
@require_POST
def set_visibility(request: HttpRequest, slug: str) -> HttpResponse:
    """Publish the process or make it private."""
    process = access_process_for_user(request.user, slug, Action.SET_VISIBILITY)
    form = VisibilityForm(request.POST)
    if not form.is_valid():
        return _render_manage(request, process, 400, visibility=form)
    try:
        actions.do_set_visibility(
            request.user, process, Visibility(form.cleaned_data["visibility"])
        )
    except LifecycleError as error:
        form.add_error(None, describe(error))
        return _render_manage(request, process, 400, visibility=form)
    if process.is_public:
        messages.success(request, _("The process is public: anyone can read its page."))
    else:
        messages.success(request, _("The process is private: only its members can see it."))
    return redirect("processes:manage", process.slug)


def _render_members(
    request: HttpRequest, process: Process, add_form: AddMemberForm | None = None, status: int = 200
) -> HttpResponse:
    people: dict[int, dict[str, Any]] = {}
    for membership in process.memberships.select_related("user").order_by("user__username"):
        row = people.setdefault(
            membership.user_id, {"user": membership.user, "roles": [], "since": membership.added_at}
        )
        row["roles"].append((membership.role, ROLE_LABELS[membership.role_enum]))
        row["since"] = min(row["since"], membership.added_at)
    context = {
        "process": process,
        "people": sorted(people.values(), key=lambda row: str(row["user"]).lower()),
        "may_manage": can(request.user, Action.MANAGE_MEMBERS, process),
        "add_form": add_form or AddMemberForm(),
    }
    return render(request, "processes/members.html", context, status=status)


@login_required
@require_safe
def members(request: HttpRequest, slug: str) -> HttpResponse:
    """Who holds which role (visible to those who run or oversee the process)."""
    process = access_process_for_user(request.user, slug, Action.VIEW_MEMBERS)
    return _render_members(request, process)


@login_required
@require_POST
def add_member(request: HttpRequest, slug: str) -> HttpResponse:
    """Give an existing account a role."""
    process = access_process_for_user(request.user, slug, Action.MANAGE_MEMBERS)
    form = AddMemberForm(request.POST)
    if form.is_valid():
        person, role = form.cleaned_data["person"], form.chosen_role()
        try:
            actions.do_add_member(request.user, process, person, role)
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            messages.success(
                request,
                _("%(person)s is now %(role)s.") % {"person": person, "role": ROLE_LABELS[role]},
            )
            return redirect("processes:members", process.slug)
    return _render_members(request, process, form, status=400)


@login_required
@require_POST
def remove_member(request: HttpRequest, slug: str) -> HttpResponse:
    """Take one role away from a member."""
    process = access_process_for_user(request.user, slug, Action.MANAGE_MEMBERS)
    form = RemoveMemberForm(request.POST)
    member = None
    if form.is_valid():
        member = get_user_model().objects.filter(pk=form.cleaned_data["user_id"]).first()
    if member is None:
        messages.error(request, _("That member could not be found; nothing was changed."))
        return redirect("processes:members", process.slug)
    role = Role(form.cleaned_data["role"])
    try:
        actions.do_remove_member(request.user, process, member, role)
    except LifecycleError as error:
        messages.error(request, describe(error))
    else:
        messages.success(
            request,
            _("%(person)s is no longer %(role)s.") % {"person": member, "role": ROLE_LABELS[role]},
        )
    return redirect("processes:members", process.slug)
