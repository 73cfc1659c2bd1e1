"""The transparency portal's own sections: what every public part of a process says, in brief.

Each function gathers one section of ``/p/<slug>/`` from the app that owns the facts,
with a handful of queries, and only what is already public elsewhere (numbers,
pseudonymous or aggregate facts, witnesses' names as the register shows them). The
pages they link to hold the detail.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db.models import Count, Max, Min, Sum

from minipublic.deliberation.models import Concern, ConcernStatus, Session
from minipublic.evidence.models import Material, VersionStatus, Witness, WitnessStatus
from minipublic.integrity.declarations import public_declarations
from minipublic.integrity.models import Document, Incident
from minipublic.integrity.public import published_incident_rows
from minipublic.lifecycle import Phase
from minipublic.processes.funding import funding_of
from minipublic.processes.funding_models import FunderKind
from minipublic.processes.models import Process
from minipublic.recruitment.models import InvitationDraw
from minipublic.selection.commit import public_draw_record, read_json
from minipublic.selection.draw import current_panel, drawn_runs
from minipublic.selection.public import quota_rows

_HEARD = (WitnessStatus.INVITED, WitnessStatus.APPEARED)
logger = logging.getLogger(__name__)


def funding_section(process: Process) -> dict[str, Any]:
    """The commissioner, the funders (with their kinds spelled out) and the totals."""
    view = funding_of(process)
    kinds = dict(FunderKind.choices)
    return {
        "commissioning_body": process.commissioning_body,
        "funding": view.funding,
        "funders": [(line, kinds.get(line.kind, line.kind)) for line in view.funding.sources],
        "totals": view.funding.totals(),
        "updated_at": view.updated_at,
    }


def agenda_section(process: Process) -> dict[str, Any]:
    """How many sessions are planned, and from when to when."""
    dates = Session.objects.filter(process=process).aggregate(
        sessions=Count("pk"), first=Min("date"), last=Max("date")
    )
    return {"sessions": dates["sessions"], "first": dates["first"], "last": dates["last"]}


def selection_section(process: Process) -> dict[str, Any]:
    """The invitation lottery, the committed run, its public draw and the panel's make-up.

    The make-up is the selection page's quota table (small cells hidden); nothing here is
    about a person.
    """
    letters = InvitationDraw.objects.filter(process=process).aggregate(n=Sum("size"))["n"]
    data: dict[str, Any] = {"letters": letters, "committed": None}
    try:
        return _committed_run(process, data)
    except (OSError, ValueError, KeyError):
        # The run's files are gone or damaged: the portal still opens; the selection page
        # and the oversight dashboard are where that is investigated.
        logger.exception("the committed selection run of %s cannot be read", process.slug)
        return data


def _committed_run(process: Process, data: dict[str, Any]) -> dict[str, Any]:
    committed, panel = current_panel(process)
    if committed is None:
        return data
    record = public_draw_record(committed)
    runs = drawn_runs(process)
    draw = runs[0].draw if runs else None
    inputs = read_json(committed, "inputs.json")
    data.update(
        committed=committed,
        announced_for=record.get("announced_for"),
        randomness_source=record.get("randomness_source", ""),
        draw=draw,
        replacements=len(runs) - 1 if runs else 0,
        pool_size=len(inputs["people"]),
        panel_size=inputs["k"],
        quotas=[
            {"group": f"{_feature_label(row.feature)}: {row.label}", "row": row}
            for row in (quota_rows(process, committed, panel) if panel else [])
        ],
    )
    return data


def _feature_label(name: str) -> str:
    return name.replace("_", " ").replace("-", " ").capitalize()


def evidence_section(process: Process) -> dict[str, Any]:
    """The witnesses invited or heard (as the public register names them) and the
    published briefing materials."""
    witnesses = Witness.objects.filter(process=process)
    heard = list(
        witnesses.filter(status__in=_HEARD)
        .only("number", "name", "name_withheld", "role_organisation", "proposer_kind", "status")
        .order_by("number")
    )
    materials = list(
        Material.objects.filter(process=process, versions__status=VersionStatus.PUBLISHED)
        .distinct()
        .only("number", "title", "author", "author_kind")
        .order_by("number")
    )
    return {"proposed": witnesses.count(), "heard": heard, "materials": materials}


def parking_section(process: Process) -> dict[str, int]:
    """How many concerns were parked, and how many are still open."""
    counts = dict(
        Concern.objects.filter(process=process)
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return {
        "open": counts.get(ConcernStatus.OPEN.value, 0),
        "resolved": counts.get(ConcernStatus.RESOLVED.value, 0),
        "total": sum(counts.values()),
    }


def integrity_section(process: Process) -> dict[str, Any]:
    """Published incidents, the count of all reports, public declarations and documents.

    Held anonymous reports are not counted here (the integrity page lets them in first).
    """
    return {
        "incidents": published_incident_rows(process),
        "reports": Incident.objects.filter(process=process, held=False).count(),
        "declarations": public_declarations(process).count(),
        "documents": Document.objects.filter(process=process).count(),
    }


def phase_reached(process: Process, phase: Phase) -> bool:
    """Whether ``process`` is in ``phase`` or beyond it."""
    from minipublic.lifecycle import PHASE_ORDER

    return PHASE_ORDER.index(process.current_phase) >= PHASE_ORDER.index(phase)
