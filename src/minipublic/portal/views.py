"""Public pages: the list of processes, a process's public page, about, and error pages."""

from __future__ import annotations

from django.db.models import Count
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_safe

from minipublic.integrity.declarations import public_declarations
from minipublic.integrity.document_views import bundle_name, listed_documents
from minipublic.integrity.models import Incident, IncidentStatus, Target
from minipublic.integrity.public import published_incident_rows
from minipublic.integrity.record import entries, head
from minipublic.integrity.release import release_held_reports
from minipublic.lifecycle import PHASE_ORDER, Action, Role
from minipublic.portal.menu import menu_for
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
    """A process's public page: remit, phase, timeline and who takes part (as numbers)."""
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
    }
    return render(request, "portal/process.html", context)


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
                "role": _acting_as(row.actor_role),
                "event": row.event,
                "hash": row.hash,
            }
            for row in entries(process).only("sequence", "time", "actor_role", "event", "hash")
        ],
        "ledger_head": current_head,
        "documents": listed_documents(process),
        "bundle_name": bundle,
        "check_commands": (
            f"unzip {bundle}.zip\nminipublic audit verify {bundle} --checkpoint {current_head}"
        ),
        "declarations": [
            {"declaration": declaration, "role": _acting_as(declaration.role)}
            for declaration in public_declarations(process)
        ],
    }
    return render(request, "portal/integrity.html", context)


_OTHER_ACTORS = {
    "system": _("The operator (command line)"),
    "anonymous": _("Anonymous"),
    "staff": _("Site staff"),
}


def _acting_as(actor_role: str) -> str:
    if actor_role in {role.value for role in Role}:
        return str(ROLE_LABELS[Role(actor_role)])
    return str(_OTHER_ACTORS.get(actor_role, actor_role))


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
