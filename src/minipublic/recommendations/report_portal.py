"""The transparency portal's section on the frozen report (its versions, hashes and links).

The portal (``portal/sections.py``) calls ``portal_section`` and renders its context
with this app's template; ``None`` leaves the section out. Public data only: the frozen
versions, or the fact that the report is not delivered yet (never a draft).
"""

from __future__ import annotations

from django.urls import reverse

from minipublic.processes.models import Process
from minipublic.recommendations.report_queries import frozen_versions


def portal_section(process: Process) -> dict[str, object] | None:
    """The public context of this section for ``process``, or None to leave it out."""
    versions = frozen_versions(process)
    return {
        "report_url": reverse("report:page", args=[process.slug]),
        "current": versions[0] if versions else None,
        "versions": len(versions),
        "delivered_on": versions[-1].frozen_at if versions else None,
    }
