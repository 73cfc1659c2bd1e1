"""The quotas page: panel size, tolerance, population shares, derived quotas, warnings."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_http_methods

from minipublic.lifecycle import Action, LifecycleError
from minipublic.processes.access import access_process_for_user, can, require_any
from minipublic.processes.error_text import describe
from minipublic.processes.models import Process
from minipublic.recruitment.models import FeatureValue
from minipublic.selection import quotas as actions
from minipublic.selection.instance import features_of
from minipublic.selection.models import Quota, QuotaSettings
from minipublic.selection.run_views import StartRunForm


class SettingsForm(forms.Form):
    """Panel size and tolerance."""

    panel_size = forms.IntegerField(label=gettext_lazy("Panel size"), min_value=1)
    tolerance = forms.IntegerField(
        label=gettext_lazy("Tolerance (seats either side of the target)"), min_value=0
    )


class SharesForm(forms.Form):
    """One population-share field per feature value."""

    def __init__(self, *args: Any, values: list[FeatureValue], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for value in values:
            self.fields[f"share_{value.pk}"] = forms.DecimalField(
                label=f"{value.feature.name}: {value.label}",
                required=False,
                min_value=Decimal(0),
                max_value=Decimal(100),
                max_digits=5,
                decimal_places=2,
                initial=value.population_share,
            )


class OverrideForm(forms.Form):
    """Set one value's minimum and maximum by hand."""

    value = forms.IntegerField(widget=forms.HiddenInput)
    min = forms.IntegerField(label=gettext_lazy("Minimum"), min_value=0)
    max = forms.IntegerField(label=gettext_lazy("Maximum"), min_value=0)


def _values(process: Process) -> list[FeatureValue]:
    return list(
        FeatureValue.objects.filter(feature__process=process)
        .select_related("feature")
        .order_by("feature__order", "feature__pk", "order", "pk")
    )


def _tables(process: Process, shares: SharesForm) -> list[dict[str, Any]]:
    counts = actions.pool_counts(process)
    quotas = {q.value_id: q for q in Quota.objects.filter(value__feature__process=process)}
    tables = []
    for feature in features_of(process):
        rows = []
        for value in feature.values.order_by("order", "pk"):
            rows.append(
                {
                    "value": value,
                    "field": shares[f"share_{value.pk}"],
                    "quota": quotas.get(value.pk),
                    "pool": counts.get((feature.name, value.value), 0),
                }
            )
        tables.append({"feature": feature, "rows": rows})
    return tables


def _apply(request: HttpRequest, process: Process, what: str, form: forms.Form) -> None:
    data = form.cleaned_data
    if what == "settings":
        actions.do_save_quota_settings(
            request.user, process, panel_size=data["panel_size"], tolerance=data["tolerance"]
        )
    elif what == "shares":
        shares = {int(name[6:]): share for name, share in data.items()}
        actions.do_save_population_shares(request.user, process, shares)
    else:
        value = FeatureValue.objects.filter(pk=data["value"], feature__process=process).first()
        if value is None:
            raise LifecycleError("value_elsewhere", "That value belongs to another process.")
        actions.do_override_quota(request.user, process, value, min=data["min"], max=data["max"])


@login_required
@require_http_methods(["GET", "POST"])
def quotas(request: HttpRequest, slug: str) -> HttpResponse:
    """Show the quotas (VIEW_REGISTRANTS or MANAGE_QUOTAS) and change them (MANAGE_QUOTAS)."""
    process = access_process_for_user(request.user, slug)
    require_any(request.user, (Action.MANAGE_QUOTAS, Action.VIEW_REGISTRANTS), process)
    may_manage = can(request.user, Action.MANAGE_QUOTAS, process)
    values = _values(process)
    current = QuotaSettings.objects.filter(process=process).first()
    initial = {"panel_size": current.panel_size, "tolerance": current.tolerance} if current else {}
    settings_form = SettingsForm(initial=initial or {"tolerance": 1})
    shares_form = SharesForm(values=values)
    override_form = OverrideForm()
    failed: forms.Form | None = None
    if request.method == "POST":
        access_process_for_user(request.user, slug, Action.MANAGE_QUOTAS)
        what = request.POST.get("what", "")
        form: forms.Form
        if what == "settings":
            form = settings_form = SettingsForm(request.POST)
        elif what == "shares":
            form = shares_form = SharesForm(request.POST, values=values)
        else:
            form = override_form = OverrideForm(request.POST)
        if form.is_valid():
            try:
                _apply(request, process, what, form)
            except LifecycleError as error:
                form.add_error(None, describe(error))
            else:
                messages.success(request, gettext("The quotas have been saved."))
                return redirect("selection:quotas", process.slug)
        failed = form
    context = {
        "process": process,
        "may_manage": may_manage,
        "may_run": can(request.user, Action.RUN_SELECTION, process),
        "settings_form": settings_form,
        "shares_form": shares_form,
        "override_form": override_form,
        "tables": _tables(process, shares_form),
        "warnings": actions.check_quotas(process),
        "run_form": StartRunForm(),
        "quota_settings": current,
    }
    status = 400 if failed is not None and failed.errors else 200
    return render(request, "selection/quotas.html", context, status=status)
