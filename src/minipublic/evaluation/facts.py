"""The conformance facts the member questionnaire provides (``conformance.facts``)."""

from __future__ import annotations

from minipublic.processes.models import Process


def evaluation_questionnaire_opened(process: Process) -> bool | None:
    """The fact behind ``evaluation_planned`` and ``member_questionnaire_planned``: yes once
    a round of the members' questionnaire has been opened; unknown (None) before, since
    the evaluation may be planned outside the platform."""
    return True if process.evaluation_rounds.exists() else None
