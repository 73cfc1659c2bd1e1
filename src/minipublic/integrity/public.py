"""What the public integrity page shows of published incidents: only the chosen parts."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from minipublic.integrity.models import Incident
from minipublic.processes.models import Process

_LABELS = {
    "target": _("What it tried to steer"),
    "pressure_source": _("Source of the pressure"),
    "phase": _("Phase"),
    "status": _("Status"),
    "response": _("Response"),
    "severity": _("Severity"),
    "reported_on": _("Reported on"),
    "public_summary": _("Summary by the oversight group"),
    "red_line_decision": _("Decision on the red line"),
}


def _shown(incident: Incident, part: str) -> Any:
    if part == "reported_on":
        return incident.reported_on
    display = getattr(incident, f"get_{part}_display", None)
    value = getattr(incident, part)
    if display is not None and value:
        return display()
    return value or "—"


def published_incident_rows(process: Process) -> list[dict[str, Any]]:
    """The published incidents of ``process`` by number, each with only its chosen parts.

    Each row is ``{"number": n, "parts": {name: value}, "shown": [(label, value), ...]}``
    with the parts in the order of ``PUBLISHABLE_PARTS``. Held reports, what happened,
    reporters and files never appear.
    """
    rows = []
    incidents = Incident.objects.filter(process=process, published=True, held=False)
    for incident in incidents.exclude(number=None).order_by("number"):
        parts = {
            part: _shown(incident, part) for part in incident.published_parts if part in _LABELS
        }
        rows.append(
            {
                "number": incident.number,
                "parts": parts,
                "shown": [(_LABELS[part], value) for part, value in parts.items()],
            }
        )
    return rows
