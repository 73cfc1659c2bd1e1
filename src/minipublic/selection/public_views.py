"""The public selection page: how the panel was chosen, and how to check it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from minipublic.integrity.document_views import bundle_name
from minipublic.lifecycle import Action
from minipublic.processes.access import access_process_for_user
from minipublic.selection.charts import chance_summary, probability_chart
from minipublic.selection.public import selection_page_data
from minipublic.selection.run_views import may_read_inputs


@require_safe
def selection_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Method, quotas and composition, chances, certificate, commitment, draw and runs."""
    process = access_process_for_user(request.user, slug, Action.VIEW_PROCESS)
    context = {"process": process, **selection_page_data(process, bundle_name(process))}
    # Staff and the oversight body may fetch the unpublished inputs.json (logged); asked
    # once per request (the template reads the flag for every run).
    context["may_read_inputs"] = may_read_inputs(request.user, process)
    if context["committed"] is not None:
        context["chart"] = probability_chart(context["chances"], context["panel_size"])
        context["chance_rows"] = chance_summary(context["chances"])
    return render(request, "selection/public.html", context)
