"""Pages of participant support under /p/<slug>/support/: the settings, the list of plans,
one plan with its items, the totals and the payment list. Each item's own pages (the item
form, receipts, approving and paying) are in ``support_item_views.py``.

Every page needs ``Action.VIEW_SUPPORT`` (the lead practitioner and the recruiters);
changes need ``Action.MANAGE_SUPPORT``. Anyone else gets the refusal of docs/access.md.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from minipublic.deliberation.roster import roster
from minipublic.integrity.uploads import download
from minipublic.lifecycle import Action, LifecycleError
from minipublic.participants import support
from minipublic.participants.support_forms import (
    PaidForm,
    PlanFilterForm,
    PlanForm,
    ReceiptForm,
    SettingsForm,
)
from minipublic.participants.support_models import (
    PAYABLE_KINDS,
    ItemKind,
    ItemStatus,
    SupportItem,
    SupportPlan,
)
from minipublic.participants.support_totals import (
    do_export_payments,
    payment_exports,
    totals,
    totals_csv,
)
from minipublic.processes.access import access_process_for_user, can, roles_in
from minipublic.processes.error_text import attempt, describe
from minipublic.processes.models import Process


def roster_names(process: Process) -> dict[str, str]:
    """Each attendee key of the roster with the person's name."""
    return {attendee.key: attendee.name for attendee in roster(process)}


@login_required
@require_http_methods(["GET", "HEAD"])
def support_home(request: HttpRequest, slug: str) -> HttpResponse:
    """The list of plans with their open items, filters, and the process's settings."""
    process = access_process_for_user(request.user, slug, Action.VIEW_SUPPORT)
    form = PlanFilterForm(process, request.GET or None)
    plans = SupportPlan.objects.filter(process=process).annotate(
        open_items=Count("items", filter=Q(items__status__in=support.OPEN_STATUSES)),
        all_items=Count("items"),
    )
    filtered = bool(request.GET)
    problems = _filter_problems(form) if filtered and not form.is_valid() else []
    if filtered and not problems:
        data = form.cleaned_data
        matching = SupportItem.objects.filter(plan__process=process)
        if data["kind"]:
            matching = matching.filter(kind=data["kind"])
        if data["status"]:
            matching = matching.filter(status=data["status"])
        if data["owner"]:
            matching = matching.filter(owner_id=data["owner"])
        plans = plans.filter(pk__in=matching.values("plan_id"))
    names = roster_names(process)
    started = SupportPlan.objects.filter(process=process).values_list("attendee_key", flat=True)
    rows = sorted(
        ((names.get(plan.attendee_key, plan.attendee_key), plan) for plan in plans),
        key=lambda row: (row[0].casefold(), row[1].attendee_key),
    )
    context = {
        "process": process,
        "settings": support.settings_of(process),
        "methods": support.PAYMENT_METHODS,
        "rows": rows,
        "filter_form": form,
        "filtered": filtered,
        "filter_problems": problems,
        "without_plan": len(set(names) - set(started)),
        "may_manage": can(
            request.user, Action.MANAGE_SUPPORT, process, roles=roles_in(request.user, process)
        ),
    }
    status = 400 if problems else 200
    return render(request, "participants/support_home.html", context, status=status)


def _filter_problems(form: PlanFilterForm) -> list[str]:
    # A filter value from an old bookmark or a hand-edited address: say which, and that
    # the list shows everyone, rather than quietly showing a list that looks filtered.
    problems = []
    for name in form.errors:
        field = form.fields.get(name)
        given = form.data.get(name, "")
        problems.append(
            gettext("%(field)s: “%(value)s” is not one of the choices.")
            % {"field": field.label if field else name, "value": given}
        )
    return problems


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def support_settings(request: HttpRequest, slug: str) -> HttpResponse:
    """The stipend and payment methods of the process."""
    action = Action.MANAGE_SUPPORT if request.method == "POST" else Action.VIEW_SUPPORT
    process = access_process_for_user(request.user, slug, action)
    current = support.settings_of(process)
    initial: dict[str, Any] = {"currency": "GBP", "basis": "per_meeting"}
    if current is not None:
        initial = {
            "stipend_amount": current.stipend_amount or "",
            "currency": current.currency,
            "basis": current.basis,
            "payment_methods": current.payment_methods,
        }
    form = SettingsForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = attempt(
            request,
            form,
            gettext("The support settings are saved."),
            lambda: support.do_save_support_settings(
                request.user,
                process,
                stipend_amount=data["stipend_amount"],
                currency=data["currency"],
                basis=data["basis"],
                payment_methods=data["payment_methods"],
            ),
        )
        if done:
            return redirect("participants:support_home", process.slug)
    status = 400 if form.errors else 200
    context = {"process": process, "form": form}
    return render(request, "participants/support_settings.html", context, status=status)


@login_required
@require_POST
def support_start_plans(request: HttpRequest, slug: str) -> HttpResponse:
    """Start the missing plans from the registrations' access needs."""
    process = access_process_for_user(request.user, slug, Action.MANAGE_SUPPORT)
    try:
        plans, items = support.do_start_plans(request.user, process)
    except LifecycleError as error:
        messages.error(request, describe(error))
    else:
        messages.success(
            request,
            gettext("Started %(plans)s plans with %(items)s items from the registrations.")
            % {"plans": plans, "items": items},
        )
    return redirect("participants:support_home", process.slug)


def plan_or_404(process: Process, plan_id: int) -> SupportPlan:
    """The plan ``plan_id`` of ``process``, or 404."""
    plan = SupportPlan.objects.filter(process=process, pk=plan_id).first()
    if plan is None:
        raise Http404(plan_id)
    return plan


def item_or_404(plan: SupportPlan, item_id: int) -> SupportItem:
    """The item ``item_id`` of ``plan``, or 404."""
    item = SupportItem.objects.filter(plan=plan, pk=item_id).select_related("plan").first()
    if item is None:
        raise Http404(item_id)
    return item


def _methods(process: Process) -> list[str]:
    current = support.settings_of(process)
    return list(current.payment_methods) if current else []


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def support_plan(request: HttpRequest, slug: str, plan_id: int) -> HttpResponse:
    """One person's plan: needs, payment method and details, items with their buttons."""
    action = Action.MANAGE_SUPPORT if request.method == "POST" else Action.VIEW_SUPPORT
    process = access_process_for_user(request.user, slug, action)
    plan = plan_or_404(process, plan_id)
    initial = {
        "needs": plan.needs,
        "payment_method": plan.payment_method,
        "payment_details": plan.payment_details,
    }
    post = request.POST if request.method == "POST" else None
    form = PlanForm(_methods(process), post, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if attempt(
            request,
            form,
            gettext("The plan is saved."),
            lambda: support.do_save_plan(request.user, process, plan, **data),
        ):
            return redirect("participants:support_plan", process.slug, plan.pk)
    return _render_plan(request, process, plan, form, status=400 if form.errors else 200)


def _render_plan(
    request: HttpRequest, process: Process, plan: SupportPlan, form: PlanForm, *, status: int
) -> HttpResponse:
    items = list(plan.items.select_related("owner", "session"))
    context = {
        "process": process,
        "plan": plan,
        "name": roster_names(process).get(plan.attendee_key, plan.attendee_key),
        "form": form,
        "items": items,
        "payable": {kind.value for kind in PAYABLE_KINDS},
        "stipend": ItemKind.STIPEND.value,
        "statuses": ItemStatus,
        "paid_form": PaidForm(),
        "receipt_form": ReceiptForm(),
        "method": support.PAYMENT_METHODS.get(plan.payment_method, plan.payment_method),
        "may_manage": can(
            request.user, Action.MANAGE_SUPPORT, process, roles=roles_in(request.user, process)
        ),
    }
    return render(request, "participants/support_plan.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD"])
def support_totals(request: HttpRequest, slug: str) -> HttpResponse:
    """The budget: totals by kind and currency, people supported, and the export log."""
    process = access_process_for_user(request.user, slug, Action.VIEW_SUPPORT)
    context = {"process": process, "totals": totals(process), "exports": payment_exports(process)}
    return render(request, "participants/support_totals.html", context)


@login_required
@require_http_methods(["GET", "HEAD"])
def support_totals_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """The totals as CSV (aggregates only)."""
    process = access_process_for_user(request.user, slug, Action.VIEW_SUPPORT)
    name = f"{process.slug}-support-totals.csv"
    return download(name, "text/csv; charset=utf-8", totals_csv(process), private=True)


@login_required
@require_POST
def support_payments_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """The payment list as CSV (personal data): every export is logged."""
    process = access_process_for_user(request.user, slug, Action.VIEW_SUPPORT)
    content = do_export_payments(request.user, process)
    name = f"{process.slug}-support-payments.csv"
    return download(name, "text/csv; charset=utf-8", content, private=True)
