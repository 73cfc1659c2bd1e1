"""The lead practitioner's funding page: funders, amounts, and who pays the practitioners."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from minipublic.lifecycle import Action, LifecycleError
from minipublic.processes.access import access_process_for_user
from minipublic.processes.error_text import describe
from minipublic.processes.funding import do_set_funding, funding_of
from minipublic.processes.funding_forms import FunderFormSet, FundingStatementForm, funding_from


@login_required
@require_http_methods(["GET", "POST"])
def funding(request: HttpRequest, slug: str) -> HttpResponse:
    """Show and replace the funding statement (lead practitioner, design to selection)."""
    process = access_process_for_user(request.user, slug, Action.EDIT_DESIGN)
    current = funding_of(process).funding
    if request.method == "POST":
        formset = FunderFormSet(request.POST, prefix="funders")
        statement = FundingStatementForm(request.POST)
    else:
        formset = FunderFormSet(
            prefix="funders",
            initial=[
                {
                    "funder": line.funder,
                    "kind": line.kind,
                    "amount": line.amount,
                    "currency": line.currency,
                    "pays_for": line.pays_for,
                }
                for line in current.sources
            ],
        )
        statement = FundingStatementForm(
            initial={
                "practitioners_paid_by": current.practitioners_paid_by,
                "participants_paid": current.participants_paid,
                "notes": current.notes,
            }
        )
    problem = ""
    if request.method == "POST" and formset.is_valid() and statement.is_valid():
        try:
            do_set_funding(request.user, process, funding_from(formset, statement))
        except LifecycleError as error:
            problem = describe(error)
        else:
            messages.success(
                request, _("The funding has been saved and added to the public record.")
            )
            return redirect("portal:process", process.slug)
    invalid = bool(problem or formset.total_error_count() or statement.errors)
    context = {
        "process": process,
        "formset": formset,
        "statement": statement,
        "problem": problem,
    }
    return render(request, "processes/funding.html", context, status=400 if invalid else 200)
