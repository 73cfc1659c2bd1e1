"""The transparency portal's section on the members' questionnaire: each round's status,
response rate and a link to the published totals (public data only).

The portal calls ``portal_section`` and renders its context with
``evaluation/portal_section.html``; ``None`` leaves the section out.
"""

from __future__ import annotations

from minipublic.evaluation.results import process_results
from minipublic.processes.models import Process


def portal_section(process: Process) -> dict[str, object] | None:
    """The public context of this section for ``process``, or None when no round exists."""
    rounds = list(process_results(process.evaluation_rounds.all()).values())
    if not rounds:
        return None
    return {"process": process, "rounds": rounds}
