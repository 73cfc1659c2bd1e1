"""Pages of the declarations of interest: declare one's own, record, list and review.

The public side (experts' and staff's current declarations) is on the portal's public
integrity page, fed by ``integrity.declarations.public_declarations``.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_safe

from minipublic.integrity import declarations as actions
from minipublic.integrity.declaration_forms import (
    DeclareInterestForm,
    RecordDeclarationForm,
    ReviewDeclarationForm,
    role_label,
)
from minipublic.integrity.models import PUBLIC_DECLARANT_ROLES, Declaration
from minipublic.lifecycle import Action, LifecycleError, Role
from minipublic.processes.access import access_process_for_user, can, roles_in
from minipublic.processes.error_text import describe
from minipublic.processes.models import Process


def _labelled(declarations: Iterable[Declaration]) -> list[Declaration]:
    # Give each declaration its role's translated name and (if corrected) the declaration
    # that corrects it, for the templates; corrections are always in the same list.
    rows = list(declarations)
    corrections = {row.supersedes_id: row for row in rows if row.supersedes_id is not None}
    for row in rows:
        row.role_label = role_label(row.role)  # type: ignore[attr-defined]
        row.corrected_by = corrections.get(row.pk)  # type: ignore[attr-defined]
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def declare(request: HttpRequest, slug: str) -> HttpResponse:
    """Declare one's own interests in the process, or correct an earlier declaration."""
    process = access_process_for_user(request.user, slug, Action.DECLARE_INTEREST)
    held = roles_in(request.user, process)
    roles = [role for role in Role if role in held]
    mine = actions.own_declarations(request.user, process)  # type: ignore[arg-type]
    current = mine.filter(superseded_by__isnull=True)
    posted = request.POST if request.method == "POST" else None
    form = DeclareInterestForm(posted, roles=roles, current=current)
    if posted is not None and form.is_valid():
        data = form.cleaned_data
        try:
            actions.do_declare_interest(
                request.user,
                process,
                kind=data["kind"],
                details=data["details"],
                role=data.get("role") or None,
                supersedes=data.get("supersedes"),
            )
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            messages.success(request, gettext("Thank you. Your declaration has been recorded."))
            return redirect("integrity:declare", process.slug)
    rows = _labelled(mine)
    context = {
        "process": process,
        "form": form,
        "declarations": rows,
        "private_roles": [role_label(r) for r in roles if r not in PUBLIC_DECLARANT_ROLES],
        "public_roles": [role_label(r) for r in roles if r in PUBLIC_DECLARANT_ROLES],
    }
    status = 400 if form.errors else 200
    return render(request, "integrity/declare.html", context, status=status)


def _record_form(process: Process, data: QueryDict | None = None) -> RecordDeclarationForm:
    current = actions.current_declarations(process).filter(declarant__isnull=True)
    return RecordDeclarationForm(data, current=current)


@login_required
@require_safe
def declaration_list(request: HttpRequest, slug: str) -> HttpResponse:
    """Every declaration of the process (corrected ones marked), with its review."""
    process = access_process_for_user(request.user, slug, Action.VIEW_DECLARATIONS)
    rows = _labelled(process.declarations.select_related("supersedes").order_by("-pk"))
    may_record = can(request.user, Action.RECORD_DECLARATION, process)
    context = {
        "process": process,
        "declarations": rows,
        "pending": actions.pending_declarations(process).count(),
        "may_record": may_record,
        "form": _record_form(process) if may_record else None,
    }
    return render(request, "integrity/declarations.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def record_declaration(request: HttpRequest, slug: str) -> HttpResponse:
    """Record the declaration of an expert or witness who has no account."""
    process = access_process_for_user(request.user, slug, Action.RECORD_DECLARATION)
    posted = request.POST if request.method == "POST" else None
    form = _record_form(process, posted)
    if posted is not None and form.is_valid():
        data = form.cleaned_data
        try:
            declaration = actions.do_record_declaration(
                request.user,
                process,
                name=data["name"],
                kind=data["kind"],
                details=data["details"],
                role=data["role"],
                supersedes=data.get("supersedes"),
            )
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            messages.success(request, gettext("The declaration has been recorded."))
            if can(request.user, Action.VIEW_DECLARATIONS, process):
                return redirect("integrity:declaration", process.slug, declaration.pk)
            return redirect("integrity:record_declaration", process.slug)
    status = 400 if form.errors else 200
    context = {
        "process": process,
        "form": form,
        "may_view": can(request.user, Action.VIEW_DECLARATIONS, process),
    }
    return render(request, "integrity/record_declaration.html", context, status=status)


def _render_declaration(
    request: HttpRequest,
    process: Process,
    declaration: Declaration,
    review_form: ReviewDeclarationForm | None = None,
    status: int = 200,
) -> HttpResponse:
    declaration.role_label = role_label(declaration.role)  # type: ignore[attr-defined]
    corrected_by = Declaration.objects.filter(supersedes=declaration).first()
    context = {
        "process": process,
        "declaration": declaration,
        "corrected_by": corrected_by,
        "may_review": can(request.user, Action.REVIEW_DECLARATION, process),
        "review_form": review_form
        or ReviewDeclarationForm(
            initial={"review": declaration.review, "note": declaration.review_note}
        ),
    }
    return render(request, "integrity/declaration.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def declaration_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """One declaration in full; POST records oversight's review of it."""
    action = Action.REVIEW_DECLARATION if request.method == "POST" else Action.VIEW_DECLARATIONS
    process = access_process_for_user(request.user, slug, action)
    declaration = get_object_or_404(
        Declaration.objects.select_related("supersedes"), process=process, pk=pk
    )
    if request.method != "POST":
        return _render_declaration(request, process, declaration)
    form = ReviewDeclarationForm(request.POST)
    if form.is_valid():
        try:
            actions.do_review_declaration(
                request.user,
                process,
                declaration,
                review=form.cleaned_data["review"],
                note=form.cleaned_data["note"],
            )
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            messages.success(request, gettext("The review has been recorded."))
            return redirect("integrity:declaration", process.slug, declaration.pk)
    declaration.refresh_from_db()
    return _render_declaration(request, process, declaration, form, status=400)
