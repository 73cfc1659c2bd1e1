"""Pages of one support item under /p/<slug>/support/<plan>/items/: add or change an
item, upload or download an expense's receipt, approve a payment and mark it paid.

Like every support page they need ``Action.VIEW_SUPPORT`` to read and
``Action.MANAGE_SUPPORT`` to change (the lead practitioner and the recruiters).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from minipublic.integrity.uploads import download
from minipublic.lifecycle import Action, LifecycleError
from minipublic.participants import support
from minipublic.participants.support_forms import ItemForm, PaidForm, ReceiptForm
from minipublic.participants.support_models import ItemStatus
from minipublic.participants.support_views import item_or_404, plan_or_404, roster_names
from minipublic.processes.access import access_process_for_user
from minipublic.processes.error_text import attempt, describe


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def support_item(
    request: HttpRequest, slug: str, plan_id: int, item_id: int | None = None
) -> HttpResponse:
    """Add an item to a plan, or change one."""
    process = access_process_for_user(request.user, slug, Action.MANAGE_SUPPORT)
    plan = plan_or_404(process, plan_id)
    item = None if item_id is None else item_or_404(plan, item_id)
    initial: dict[str, Any] = {"status": ItemStatus.NEEDED}
    current = support.settings_of(process)
    initial["currency"] = current.currency if current else ""
    if item is not None:
        initial = {
            "kind": item.kind,
            "details": item.details,
            "owner": str(item.owner_id or ""),
            "status": item.status,
            "amount": item.amount or "",
            "currency": item.currency,
            "session": str(item.session_id or ""),
        }
    form = ItemForm(process, request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if attempt(
            request,
            form,
            gettext("The item is saved."),
            lambda: support.do_save_item(
                request.user,
                process,
                plan,
                item,
                kind=data["kind"],
                details=data["details"],
                owner=form.owners.get(data["owner"]),
                status=data["status"],
                amount=data["amount"],
                currency=data["currency"],
                session=form.sessions.get(data["session"]),
            ),
        ):
            return redirect("participants:support_plan", process.slug, plan.pk)
    context = {
        "process": process,
        "plan": plan,
        "item": item,
        "name": roster_names(process).get(plan.attendee_key, plan.attendee_key),
        "form": form,
    }
    status = 400 if form.errors else 200
    return render(request, "participants/support_item.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def support_receipt(request: HttpRequest, slug: str, plan_id: int, item_id: int) -> HttpResponse:
    """Download an expense's receipt (GET), or upload one (POST)."""
    action = Action.MANAGE_SUPPORT if request.method == "POST" else Action.VIEW_SUPPORT
    process = access_process_for_user(request.user, slug, action)
    plan = plan_or_404(process, plan_id)
    item = item_or_404(plan, item_id)
    if request.method != "POST":
        if not item.receipt:
            raise Http404(item_id)
        return download(item.receipt_name, item.receipt_type, bytes(item.receipt), private=True)
    form = ReceiptForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["receipt"]
        upload.seek(0)
        content = upload.read(support_upload_limit() + 1)
        if attempt(
            request,
            form,
            gettext("The receipt is stored."),
            lambda: support.do_attach_receipt(
                request.user, process, item, name=upload.name or "receipt", content=content
            ),
        ):
            return redirect("participants:support_plan", process.slug, plan.pk)
    for error in [*form.errors.get("__all__", []), *form.errors.get("receipt", [])]:
        messages.error(request, str(error))
    return redirect("participants:support_plan", process.slug, plan.pk)


def support_upload_limit() -> int:
    """The upload size limit in bytes (``settings.UPLOAD_MAX_BYTES``)."""
    return int(settings.UPLOAD_MAX_BYTES)


@login_required
@require_POST
def support_payment(
    request: HttpRequest, slug: str, plan_id: int, item_id: int, step: str
) -> HttpResponse:
    """Approve a payment, or mark it paid (each its own button)."""
    process = access_process_for_user(request.user, slug, Action.MANAGE_SUPPORT)
    plan = plan_or_404(process, plan_id)
    item = item_or_404(plan, item_id)
    try:
        if step == "approve":
            support.do_approve_item(request.user, process, item)
            messages.success(request, gettext("The payment is approved."))
        else:
            form = PaidForm(request.POST)
            reference = form.cleaned_data["reference"] if form.is_valid() else ""
            support.do_mark_paid(request.user, process, item, reference=reference)
            messages.success(request, gettext("The payment is marked paid."))
    except LifecycleError as error:
        messages.error(request, describe(error))
        return redirect("participants:support_plan", process.slug, plan.pk)
    return redirect("participants:support_plan", process.slug, plan.pk)
