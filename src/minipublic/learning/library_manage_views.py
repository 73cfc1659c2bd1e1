"""The author's and staff's pages of the case library: one's own entries, sharing and
removing materials, withdrawing an entry. Refusals show the page again (status 400)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from minipublic.learning import library_actions as actions
from minipublic.learning.library_forms import MaterialForm, WithdrawForm
from minipublic.learning.library_models import LibraryEntry, LibraryMaterial
from minipublic.lifecycle import Action, LifecycleError
from minipublic.processes.access import can
from minipublic.processes.error_text import attempt, describe


@login_required
@require_safe
def mine(request: HttpRequest) -> HttpResponse:
    """The entries the signed-in person published, withdrawn ones included."""
    entries = LibraryEntry.objects.filter(author_id=request.user.pk).prefetch_related("materials")
    return render(request, "learning/library_mine.html", {"entries": entries})


def _open_entry(public_id: str) -> LibraryEntry:
    entry = get_object_or_404(LibraryEntry, public_id=public_id)
    if entry.is_withdrawn:
        raise PermissionDenied("withdrawn")
    return entry


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def add_material(request: HttpRequest, public_id: str) -> HttpResponse:
    """Share a material with an entry (its author or staff)."""
    entry = _open_entry(public_id)
    if not actions.may_share(request.user, entry):
        raise PermissionDenied(Action.SHARE_LIBRARY_MATERIAL.value)
    form = MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = gettext("“{title}” is shared with the entry under {licence}.").format(
            title=data["title"], licence=data["licence"]
        )
        if attempt(
            request,
            form,
            done,
            lambda: actions.do_add_library_material(
                request.user,
                entry,
                title=data["title"],
                kind=data["kind"],
                licence=data["licence"],
                file=data["file"],
            ),
        ):
            return redirect("learning:library_entry", entry.public_id)
    status = 400 if form.errors else 200
    context = {"entry": entry, "form": form}
    return render(request, "learning/library_add_material.html", context, status=status)


@login_required
@require_POST
def remove_material(request: HttpRequest, public_id: str, material_id: int) -> HttpResponse:
    """Stop sharing one material (its author or staff)."""
    entry = _open_entry(public_id)
    shared = get_object_or_404(LibraryMaterial, pk=material_id, entry=entry)
    if not actions.may_share(request.user, entry):
        raise PermissionDenied(Action.SHARE_LIBRARY_MATERIAL.value)
    try:
        actions.do_remove_library_material(request.user, shared)
    except LifecycleError as error:
        messages.error(request, describe(error))
    else:
        messages.success(
            request, gettext("“{title}” is no longer shared.").format(title=shared.title)
        )
    return redirect("learning:library_entry", entry.public_id)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def withdraw(request: HttpRequest, public_id: str) -> HttpResponse:
    """Withdraw an entry with a public reason: its author, or site staff moderating."""
    entry = _open_entry(public_id)
    own = actions.is_author(request.user, entry)
    if not own and not can(request.user, Action.MODERATE_LIBRARY):
        raise PermissionDenied(Action.MODERATE_LIBRARY.value)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        act = actions.do_withdraw_own_library_entry if own else actions.do_withdraw_library_entry
        done = gettext("“{title}” is withdrawn from the library.").format(title=entry.title)
        if attempt(request, form, done, lambda: act(request.user, entry, reason=reason)):
            return redirect("learning:library_mine" if own else "learning:library")
    status = 400 if form.errors else 200
    context = {"entry": entry, "form": form, "own": own}
    return render(request, "learning/library_withdraw.html", context, status=status)
