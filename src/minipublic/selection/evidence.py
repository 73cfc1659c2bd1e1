"""What the selection app can vouch for about a process's selection, for the standards.

The conformance app asks here (it may not import the engine itself): whether the panel
was drawn by lot in the platform, with quotas, and whether the committed files verify.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from minipublic.processes.models import Process
from minipublic.selection.commit import read_json, run_verified
from minipublic.selection.draw import drawn_runs


@dataclass(frozen=True)
class SelectionEvidence:
    """The selection as the platform recorded it; ``None`` fields are not known yet.

    ``drawn`` is True once a committed run was drawn in public; ``stratified`` when its
    committed inputs carry quotas; ``verified`` when every run's files verified with the
    engine's own verifier (when drawn, or when last checked again); ``panel_size`` is the
    size the committed lottery drew.
    """

    drawn: bool
    stratified: bool | None = None
    verified: bool | None = None
    panel_size: int | None = None
    drawn_on: date | None = None


def selection_evidence(process: Process, *, reverify: bool = False) -> SelectionEvidence:
    """The evidence of the process's committed and drawn selection (``drawn`` False if none).

    Whether the runs verify is read from what was stored at the draw (``run_verified``);
    ``reverify`` checks every run's files on disk again and stores the result.
    """
    runs = drawn_runs(process)
    if not runs:
        return SelectionEvidence(drawn=False)
    first = runs[0]
    try:
        checked = [run_verified(run, reverify=reverify) for run in runs]  # every run's kept
        verified = all(checked)
        inputs = read_json(first, "inputs.json")
    except (OSError, KeyError, ValueError, json.JSONDecodeError):
        return SelectionEvidence(drawn=True, verified=False)
    return SelectionEvidence(
        drawn=True,
        stratified=bool(inputs.get("quotas")),
        verified=verified,
        panel_size=int(inputs["k"]) if "k" in inputs else None,
        drawn_on=timezone.localdate(first.draw.drawn_at),
    )
