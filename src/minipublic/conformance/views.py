"""Pages of conformance: the public report and label, its JSON, and the attestations form."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from minipublic import clock
from minipublic.conformance.actions import do_attest_many
from minipublic.conformance.facts import ATTESTED_FACT, facts_for, latest_attestations
from minipublic.conformance.forms import AttestationsForm, fact_label
from minipublic.conformance.models import Attestation
from minipublic.integrity.declaration_forms import role_label
from minipublic.lifecycle import Action, LifecycleError
from minipublic.processes.access import access_process_for_user, can
from minipublic.processes.error_text import describe
from minipublic.processes.models import Process
from minipublic.standards import (
    ConformanceReport,
    Criterion,
    Finding,
    Kind,
    Outcome,
    criterion,
    evaluate,
)

OUTCOME_LABELS: dict[Outcome, Promise] = {
    Outcome.MET: _("Met"),
    Outcome.NOT_MET: _("Not met"),
    Outcome.UNKNOWN: _("Unknown"),
    Outcome.PENDING: _("Not due yet"),
    Outcome.NOT_APPLICABLE: _("Does not apply"),
}
KIND_HEADINGS: dict[Kind, Promise] = {
    Kind.GATE: _("Gates: required to carry the model's name"),
    Kind.STANDARD: _("Standards expected of every good process"),
    Kind.ADVISORY: _("Good practice to consider"),
}


@dataclass(frozen=True)
class Row:
    """One criterion as the page shows it."""

    criterion: Criterion
    finding: Finding
    outcome_label: str
    attested_by: str = ""
    attested_on: date | None = None


def report_for(process: Process) -> ConformanceReport:
    """The process's conformance report, evaluated now from its current evidence."""
    return evaluate(facts_for(process))


def _rows(report: ConformanceReport, attestations: dict[str, Attestation]) -> list[Row]:
    rows = []
    for finding in report.findings:
        row = attestations.get(ATTESTED_FACT.get(finding.criterion_id, ""))
        by, on = "", None
        if finding.attested and row is not None:
            by, on = role_label(row.attested_by_role), row.attested_at.date()
        rows.append(
            Row(
                criterion(finding.criterion_id),
                finding,
                str(OUTCOME_LABELS[finding.outcome]),
                by,
                on,
            )
        )
    return rows


def page_context(process: Process) -> dict[str, Any]:
    """What the conformance page shows: the label, the blocking gates, criteria by kind."""
    report = report_for(process)
    rows = _rows(report, latest_attestations(process))
    blocking = [row for row in rows if row.finding.blocks_label]
    groups = [
        {"kind": kind.value, "heading": KIND_HEADINGS[kind], "rows": members}
        for kind in Kind
        if (members := [row for row in rows if row.finding.kind is kind])
    ]
    return {"process": process, "report": report, "blocking": blocking, "groups": groups}


@require_safe
def conformance_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The public conformance report: the label, then every criterion with its evidence."""
    process = access_process_for_user(request.user, slug, Action.VIEW_PROCESS)
    context = page_context(process)
    context["may_attest"] = can(request.user, Action.ATTEST, process)
    return render(request, "conformance/report.html", context)


@require_safe
def conformance_json(request: HttpRequest, slug: str) -> JsonResponse:
    """The same report as JSON: ``report.as_dict()`` with the process and evaluation time."""
    process = access_process_for_user(request.user, slug, Action.VIEW_PROCESS)
    data = report_for(process).as_dict()
    data["process"] = process.slug
    data["evaluated_at"] = clock.now().isoformat(timespec="seconds")
    return JsonResponse(data, json_dumps_params={"indent": 2, "sort_keys": True})


@login_required
@require_http_methods(["GET", "POST"])
def attestations(request: HttpRequest, slug: str) -> HttpResponse:
    """The lead practitioner states the facts only a person can know."""
    process = access_process_for_user(request.user, slug, Action.ATTEST)
    current = latest_attestations(process)
    posted = request.POST if request.method == "POST" else None
    form = AttestationsForm(posted, current=current)
    if posted is not None and form.is_valid():
        changes = form.changes()
        note = form.cleaned_data["note"]
        try:  # all statements, or none; the label is re-evaluated once
            do_attest_many(
                request.user, process, {fact: (value, note) for fact, value in changes.items()}
            )
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            if changes:
                messages.success(request, gettext("Your statements have been recorded."))
            else:
                messages.info(request, gettext("Nothing changed."))
            return redirect("conformance:attestations", process.slug)
    history = [
        {"row": row, "label": fact_label(row.fact), "role": role_label(row.attested_by_role)}
        for row in process.attestations.order_by("-pk")
    ]
    context = {"process": process, "form": form, "history": history}
    return render(
        request, "conformance/attestations.html", context, status=400 if form.errors else 200
    )
