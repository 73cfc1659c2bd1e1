"""Pages of the register of steering attempts: report one, list them, review and publish.

The public side (``/p/<slug>/integrity/``) is in the portal app.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from minipublic.integrity import actions
from minipublic.integrity.forms import (
    AttachmentForm,
    PublishIncidentForm,
    ReportIncidentForm,
    ReviewIncidentForm,
)
from minipublic.integrity.models import Attachment, Incident
from minipublic.integrity.release import release_held_reports
from minipublic.integrity.uploads import CheckedFile, UploadError, check_upload, download
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
    form = ReportIncidentForm(
        request.POST or None, request.FILES or None, allow_anonymous=allow_anonymous
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        files = _checked_files(form, data["evidence"])
        anonymous = bool(data.get("anonymous"))
        if files is not None:
            try:
                actions.do_report_incident(
                    request.user,
                    process,
                    what_happened=data["what_happened"],
                    pressure_source=data["pressure_source"],
                    target=data["target"],
                    severity=data["severity"],
                    anonymous=anonymous,
                    attachments=files,
                )
            except LifecycleError as error:
                form.add_error(None, describe(error))
            else:
                messages.success(request, _thanks(anonymous))
                return redirect("portal:process", process.slug)
    context = {"process": process, "form": form, "allow_anonymous": allow_anonymous}
    status = 400 if form.errors else 200
    return render(request, "integrity/report.html", context, status=status)


def _thanks(anonymous: bool) -> str:
    if anonymous:
        return _(
            "Thank you. Your report reaches the oversight group tomorrow, together with any "
            "others made today, so that the time you sent it cannot point to you."
        )
    return _("Thank you. The oversight group has received your report.")


def _checked_files(
    form: ReportIncidentForm | AttachmentForm, uploads: list[UploadedFile[bytes]]
) -> list[CheckedFile] | None:
    """Every upload checked, or None (with the refusals as errors on the field)."""
    checked: list[CheckedFile] = []
    refused = False
    for upload in uploads:
        try:
            checked.append(check_upload(upload))
        except UploadError as error:
            form.add_error("evidence", str(error))
            refused = True
    return None if refused else checked


def _incident(process: Process, number: int) -> Incident:
    return get_object_or_404(Incident, process=process, number=number, held=False)


@login_required
@require_safe
def incident_list(request: HttpRequest, slug: str) -> HttpResponse:
    """Every incident of the process, for oversight and the lead practitioner."""
    process = access_process_for_user(request.user, slug, Action.VIEW_INCIDENTS)
    release_held_reports(process)
    incidents = process.incidents.filter(held=False).select_related("reporter").order_by("-number")
    return render(request, "integrity/incidents.html", {"process": process, "incidents": incidents})


def _render_incident(
    request: HttpRequest,
    process: Process,
    incident: Incident,
    review_form: ReviewIncidentForm | None = None,
    status: int = 200,
    *,
    attachment_form: AttachmentForm | None = None,
    publish_form: PublishIncidentForm | None = None,
) -> HttpResponse:
    roles = roles_in(request.user, process)
    context = {
        "process": process,
        "incident": incident,
        "attachments": incident.attachments.defer("content"),
        "may_review": can(request.user, Action.REVIEW_INCIDENT, process, roles=roles),
        "may_publish": can(request.user, Action.PUBLISH_INCIDENT, process, roles=roles),
        "attachment_form": attachment_form or AttachmentForm(),
        "publish_form": publish_form
        or PublishIncidentForm(
            initial={
                "public_summary": incident.public_summary,
                **({"parts": incident.published_parts} if incident.published_parts else {}),
            }
        ),
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
def incident_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """One incident in full; POST reviews it (status, response, red line decision)."""
    action = Action.REVIEW_INCIDENT if request.method == "POST" else Action.VIEW_INCIDENTS
    process = access_process_for_user(request.user, slug, action)
    release_held_reports(process)
    incident = _incident(process, number)
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
            return redirect("integrity:incident", process.slug, incident.number)
    incident.refresh_from_db()
    return _render_incident(request, process, incident, form, status=400)


@login_required
@require_POST
def add_attachments(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """Add files of evidence to an incident (those who review it)."""
    process = access_process_for_user(request.user, slug, Action.REVIEW_INCIDENT)
    incident = _incident(process, number)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        files = _checked_files(form, form.cleaned_data["evidence"])
        if files is not None:
            for file in files:
                actions.do_add_attachment(request.user, process, incident, file)
            messages.success(request, _("The files have been added."))
            return redirect("integrity:incident", process.slug, incident.number)
    return _render_incident(request, process, incident, status=400, attachment_form=form)


@login_required
@require_safe
def attachment(request: HttpRequest, slug: str, number: int, attachment: int) -> HttpResponse:
    """Download a file of evidence (those who may read the register)."""
    process = access_process_for_user(request.user, slug, Action.VIEW_INCIDENTS)
    incident = _incident(process, number)
    files = list(incident.attachments.order_by("pk"))
    if not 1 <= attachment <= len(files):
        raise Http404("no such attachment")
    file: Attachment = files[attachment - 1]
    return download(file.filename, file.content_type, bytes(file.content), private=True)


@login_required
@require_POST
def publish(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """Show chosen parts of the incident on the public integrity page, or take it off.

    Oversight only.
    """
    process = access_process_for_user(request.user, slug, Action.PUBLISH_INCIDENT)
    incident = _incident(process, number)
    form = PublishIncidentForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        published = bool(data["published"])
        try:
            actions.do_publish_incident(
                request.user,
                process,
                incident,
                published=published,
                parts=data["parts"],
                public_summary=data["public_summary"],
            )
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            if published:
                messages.success(
                    request, _("The chosen parts are now shown on the public integrity page.")
                )
            else:
                messages.success(request, _("The incident is no longer shown on the public page."))
            return redirect("integrity:incident", process.slug, incident.number)
    incident.refresh_from_db()
    return _render_incident(request, process, incident, status=400, publish_form=form)
