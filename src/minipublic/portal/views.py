"""Public pages: the list of processes, a process's public page, about, and error pages."""

from __future__ import annotations

from django.db.models import Count
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_safe

from minipublic.integrity.declarations import public_declarations
from minipublic.integrity.document_views import bundle_name, listed_documents
from minipublic.integrity.models import Incident, IncidentStatus, Target
from minipublic.integrity.public import published_incident_rows
from minipublic.integrity.record import entries, head
from minipublic.integrity.release import release_held_reports
from minipublic.lifecycle import PHASE_ORDER, Action, Role
from minipublic.portal import overview
from minipublic.portal.acting import acting_as
from minipublic.portal.feed import entry_time, entry_title, entry_url, feed_entries
from minipublic.portal.menu import menu_for
from minipublic.portal.sections import rendered_sections
from minipublic.processes.access import (
    access_process_for_user,
    roles_awaiting_terms,
    roles_in,
    visible_processes,
)
from minipublic.processes.labels import PHASE_DESCRIPTIONS, PHASE_LABELS, ROLE_LABELS


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The public processes, newest first, and the signed-in person's private ones."""
    return render(request, "portal/home.html", {"processes": visible_processes(request.user)})


@require_safe
def process_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The transparency portal of a process: every public part of it, section by section.

    Members also get their menu of tools. Each section links to the page with the detail;
    the sections of the recommendations, report, responses and evaluation come from their
    apps (``portal.sections``) and say plainly when their part has not happened yet.
    """
    process = access_process_for_user(request.user, slug, Action.VIEW_PROCESS)
    roles = roles_in(request.user, process)
    pending = roles_awaiting_terms(request.user, process)
    current = PHASE_ORDER.index(process.current_phase)
    phases = [
        {
            "label": PHASE_LABELS[phase],
            "description": PHASE_DESCRIPTIONS[phase],
            "state": "current" if i == current else ("done" if i < current else "todo"),
        }
        for i, phase in enumerate(PHASE_ORDER)
    ]
    counts = dict(
        process.memberships.values("role")
        .annotate(n=Count("user", distinct=True))
        .values_list("role", "n")
    )
    role_counts = [(ROLE_LABELS[role], counts[role]) for role in Role if counts.get(role)]
    context = {
        "process": process,
        "phases": phases,
        "phase_description": PHASE_DESCRIPTIONS[process.current_phase],
        "role_counts": role_counts,
        "my_roles": [ROLE_LABELS[role] for role in Role if role in roles],
        "terms_pending": [ROLE_LABELS[role] for role in Role if role in pending],
        "changes": process.phase_changes.all(),
        "ledger_head": head(process),
        "ledger_count": entries(process).count(),
        "menu": menu_for(request.user, process, roles),
        "funding": overview.funding_section(process),
        "agenda": overview.agenda_section(process),
        "selection": overview.selection_section(process),
        "evidence": overview.evidence_section(process),
        "parking": overview.parking_section(process),
        "integrity": overview.integrity_section(process),
        "sections": rendered_sections(process, request),
        "updates": [
            {
                "title": entry_title(entry),
                "time": entry_time(entry),
                "url": entry_url(process, entry),
            }
            for entry in feed_entries(process, LATEST_UPDATES)
        ],
        "bundle_name": bundle_name(process),
    }
    return render(request, "portal/process.html", context)


#: How many of the feed's latest updates the portal lists.
LATEST_UPDATES = 5


@require_safe
def integrity(request: HttpRequest, slug: str) -> HttpResponse:
    """The public integrity page: incidents, documents, declarations and the public record.

    Published incidents show only the parts oversight chose to publish; what happened and
    who reported it never leave the register. Counts cover every incident in the
    register, published or not (held anonymous reports are let in first if their day is
    over).
    """
    process = access_process_for_user(request.user, slug, Action.VIEW_PROCESS)
    release_held_reports(process)
    current_head, bundle = head(process), bundle_name(process)
    incidents = Incident.objects.filter(process=process, held=False)
    by_target = dict(incidents.values("target").annotate(n=Count("pk")).values_list("target", "n"))
    by_status = dict(incidents.values("status").annotate(n=Count("pk")).values_list("status", "n"))
    context = {
        "process": process,
        "published_incidents": published_incident_rows(process),
        "total": sum(by_target.values()),
        "by_target": [(label, by_target.get(value, 0)) for value, label in Target.choices],
        "by_status": [(label, by_status.get(value, 0)) for value, label in IncidentStatus.choices],
        "log": [
            {
                "sequence": row.sequence,
                "date": row.time[:10],
                "role": acting_as(row.actor_role),
                "event": row.event,
                "title": entry_title(row),
                "hash": row.hash,
            }
            for row in entries(process).only("sequence", "time", "actor_role", "event", "hash")
        ],
        "ledger_head": current_head,
        "dictionary_url": reverse("portal:dictionary", args=[process.slug]),
        "documents": listed_documents(process),
        "bundle_name": bundle,
        "check_commands": (
            f"unzip {bundle}.zip\nminipublic audit verify {bundle} --checkpoint {current_head}"
        ),
        "declarations": [
            {"declaration": declaration, "role": acting_as(declaration.role)}
            for declaration in public_declarations(process)
        ],
    }
    return render(request, "portal/integrity.html", context)


@require_safe
def about(request: HttpRequest) -> HttpResponse:
    """What this site is, its licence, and where to get its source code."""
    return render(request, "portal/about.html")


#: Set on responses that are already our own 404 page (see middleware.FriendlyNotFoundInDebug).
FRIENDLY = "minipublic_friendly_404"


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """A friendly 404 page in the site's frame (JSON under /api/)."""
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse(
            {"code": "not_found", "message": "There is no such API address.", "params": {}},
            status=404,
        )
    else:
        response = render(request, "404.html", status=404)
    setattr(response, FRIENDLY, True)
    return response


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """A plain 500 page that needs no database or context processors."""
    return HttpResponse(loader.get_template("500.html").render(), status=500)
