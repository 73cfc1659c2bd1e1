"""Pages of the terms of engagement: read and accept them, their history, and a new version.

The charters of a public process are public; who accepted them by name is shown only to
those who may see the members (the lead practitioner and oversight), everyone else sees
counts. Acceptance itself is enforced in ``processes.access``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_safe

from minipublic.engagement import queries
from minipublic.engagement.actions import current_charters, do_accept_terms, do_publish_charter
from minipublic.engagement.error_text import TEXTS
from minipublic.engagement.forms import CharterForm, ChooseCharterForm
from minipublic.engagement.models import Charter, CharterOrigin
from minipublic.lifecycle import Action, LifecycleError, Role
from minipublic.processes.access import (
    access_process_for_user,
    can,
    held_roles,
    roles_awaiting_terms,
)
from minipublic.processes.error_text import describe
from minipublic.processes.labels import ROLE_LABELS
from minipublic.processes.models import Process


def _role(value: str) -> Role:
    try:
        return Role(value)
    except ValueError:
        raise Http404(value) from None


def _labelled(charter: Charter) -> Charter:
    # The role's translated name and the text split into paragraphs and lists.
    charter.role_label = ROLE_LABELS[Role(charter.role)]  # type: ignore[attr-defined]
    charter.blocks = queries.body_blocks(charter.body)  # type: ignore[attr-defined]
    return charter


def _locked(process: Process) -> bool:
    # Once the participants adopt their own code, only their vote changes their charter.
    return Charter.objects.filter(
        process=process, role=Role.PARTICIPANT.value, origin=CharterOrigin.PARTICIPANTS
    ).exists()


@require_http_methods(["GET", "POST"])
def terms(request: HttpRequest, slug: str) -> HttpResponse:
    """Every role's current charter; a member's pending ones to accept (POST accepts)."""
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('accounts:login')}?next={request.path}")
        process = access_process_for_user(request.user, slug, Action.ACCEPT_TERMS)
        accepted = do_accept_terms(request.user, process)
        if accepted:
            messages.success(
                request,
                gettext("Thank you. You have accepted your terms and can now take part."),
            )
        return redirect("engagement:terms", process.slug)
    process = access_process_for_user(request.user, slug, Action.VIEW_PROCESS)
    held = held_roles(request.user, process)
    pending = roles_awaiting_terms(request.user, process, held)
    charters = current_charters(process)
    with_names = can(request.user, Action.VIEW_MEMBERS, process)
    context: dict[str, Any] = {
        "process": process,
        "charters": [_labelled(charters[role]) for role in Role if role in charters],
        "is_member": bool(held),
        "pending": [
            _pending_row(row) for row in queries.pending_for(request.user, process, pending)
        ],
        "accepted": (
            [
                {"acceptance": row, "role_label": ROLE_LABELS[Role(row.charter.role)]}
                for row in queries.my_acceptances(request.user, process)
            ]
            if held
            else []
        ),
        "status": queries.acceptance_status(process, with_names=with_names),
        "with_names": with_names,
        "may_edit": can(request.user, Action.EDIT_TERMS, process),
        "may_accept": bool(pending) and can(request.user, Action.ACCEPT_TERMS, process),
    }
    return render(request, "engagement/terms.html", context)


def _pending_row(row: queries.Pending) -> queries.Pending:
    _labelled(row.charter)
    return row


@require_safe
def charter_history(request: HttpRequest, slug: str, role: str) -> HttpResponse:
    """Every version of one role's charter, newest first, each with its changes."""
    process = access_process_for_user(request.user, slug, Action.VIEW_PROCESS)
    which = _role(role)
    versions = queries.history(process, which)
    if not versions:
        raise Http404(role)
    rows = []
    for index, charter in enumerate(versions):
        previous = versions[index + 1] if index + 1 < len(versions) else None
        diff = (
            queries.line_diff(queries.charter_text(previous), queries.charter_text(charter))
            if previous is not None
            else []
        )
        rows.append({"charter": _labelled(charter), "previous": previous, "diff": diff})
    context = {
        "process": process,
        "role_label": ROLE_LABELS[which],
        "rows": rows,
        "with_names": can(request.user, Action.VIEW_MEMBERS, process),
    }
    return render(request, "engagement/charter_history.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def edit_terms(request: HttpRequest, slug: str) -> HttpResponse:
    """Write a new version of a role's charter (the lead practitioner); every holder of
    the role must accept it again before acting."""
    process = access_process_for_user(request.user, slug, Action.EDIT_TERMS)
    locked = _locked(process)
    chooser = ChooseCharterForm(request.GET if "role" in request.GET else None)
    if request.method == "GET" and "role" not in request.GET:
        return _render_edit(request, process, chooser, None, None, locked)
    if not chooser.is_valid():
        return _render_edit(request, process, chooser, None, None, locked, status=400)
    role = Role(chooser.cleaned_data["role"])
    current = current_charters(process).get(role)
    if request.method == "GET":
        initial = {} if current is None else {"title": current.title, "body": current.body}
        form = CharterForm(initial=initial)
        return _render_edit(request, process, chooser, role, form, locked)
    form = CharterForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            charter = do_publish_charter(
                request.user,
                process,
                role,
                title=data["title"],
                body=data["body"],
                change_note=data["change_note"],
            )
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            messages.success(
                request,
                gettext(
                    "Version %(version)s of the charter of the role %(role)s is published. "
                    "Every member of the role must accept it before acting again."
                )
                % {"version": charter.version, "role": ROLE_LABELS[role]},
            )
            return redirect("engagement:charter_history", process.slug, role.value)
    return _render_edit(request, process, chooser, role, form, locked, status=400)


def _render_edit(
    request: HttpRequest,
    process: Process,
    chooser: ChooseCharterForm,
    role: Role | None,
    form: CharterForm | None,
    locked: bool,
    status: int = 200,
) -> HttpResponse:
    current = None if role is None else current_charters(process).get(role)
    holders = 0 if role is None else process.memberships.filter(role=role.value).count()
    context = {
        "process": process,
        "chooser": chooser,
        "role": role,
        "role_label": None if role is None else ROLE_LABELS[role],
        "current": current,
        "form": form,
        "holders": holders,
        "locked": locked and role is Role.PARTICIPANT,
        "participants_locked": locked,
        "locked_text": TEXTS["charter_owned_by_participants"],
    }
    return render(request, "engagement/edit_terms.html", context, status=status)
