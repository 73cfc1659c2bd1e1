"""Pages of the register of steering attempts: report one, list them, review and publish.

The public side (``/p/<slug>/integrity/``) is in the portal app.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from minipublic.integrity import actions
from minipublic.integrity.forms import PublishIncidentForm, ReportIncidentForm, ReviewIncidentForm
from minipublic.integrity.models import Incident
from minipublic.lifecycle import Action, LifecycleError, Role
from minipublic.processes.access import access_process_for_user, can, roles_in
from minipublic.processes.error_text import describe
from minipublic.processes.models import Process


@login_required
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, slug: str) -> HttpResponse:
    """Report an attempt to steer the process (participants may do so anonymously)."""
    process = access_process_for_user(request.user, slug, Action.REPORT_INCIDENT)
    allow_anonymous = Role.PARTICIPANT in roles_in(request.user, process)
    form = ReportIncidentForm(request.POST or None, allow_anonymous=allow_anonymous)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.do_report_incident(
                request.user,
                process,
                what_happened=data["what_happened"],
                pressure_source=data["pressure_source"],
                target=data["target"],
                severity=data["severity"],
                anonymous=bool(data.get("anonymous")),
            )
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            messages.success(request, _("Thank you. The oversight group has received your report."))
            return redirect("portal:process", process.slug)
    context = {"process": process, "form": form, "allow_anonymous": allow_anonymous}
    status = 400 if form.errors else 200
    return render(request, "integrity/report.html", context, status=status)


@login_required
@require_safe
def incident_list(request: HttpRequest, slug: str) -> HttpResponse:
    """Every incident of the process, for oversight and the lead practitioner."""
    process = access_process_for_user(request.user, slug, Action.VIEW_INCIDENTS)
    incidents = process.incidents.select_related("reporter").order_by("-pk")
    return render(request, "integrity/incidents.html", {"process": process, "incidents": incidents})


def _render_incident(
    request: HttpRequest,
    process: Process,
    incident: Incident,
    review_form: ReviewIncidentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    roles = roles_in(request.user, process)
    context = {
        "process": process,
        "incident": incident,
        "may_review": can(request.user, Action.REVIEW_INCIDENT, process, roles=roles),
        "may_publish": can(request.user, Action.PUBLISH_INCIDENT, process, roles=roles),
        "review_form": review_form
        or ReviewIncidentForm(
            initial={
                "status": incident.status,
                "response": incident.response,
                "red_line_decision": incident.red_line_decision,
            }
        ),
    }
    return render(request, "integrity/incident.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def incident_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """One incident in full; POST reviews it (status, response, red line decision)."""
    action = Action.REVIEW_INCIDENT if request.method == "POST" else Action.VIEW_INCIDENTS
    process = access_process_for_user(request.user, slug, action)
    incident = get_object_or_404(Incident, process=process, pk=pk)
    if request.method != "POST":
        return _render_incident(request, process, incident)
    form = ReviewIncidentForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.do_review_incident(
                request.user,
                process,
                incident,
                status=data["status"],
                response=data["response"],
                red_line_decision=data["red_line_decision"] or None,
            )
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            messages.success(request, _("The review has been recorded."))
            return redirect("integrity:incident", process.slug, incident.pk)
    incident.refresh_from_db()
    return _render_incident(request, process, incident, form, status=400)


@login_required
@require_POST
def publish(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Show the incident on the public integrity page, or take it off (oversight only)."""
    process = access_process_for_user(request.user, slug, Action.PUBLISH_INCIDENT)
    incident = get_object_or_404(Incident, process=process, pk=pk)
    form = PublishIncidentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was changed."))
        return redirect("integrity:incident", process.slug, incident.pk)
    published = bool(form.cleaned_data["published"])
    actions.do_publish_incident(request.user, process, incident, published=published)
    if published:
        messages.success(request, _("The incident is now shown on the public integrity page."))
    else:
        messages.success(request, _("The incident is no longer shown on the public page."))
    return redirect("integrity:incident", process.slug, incident.pk)
