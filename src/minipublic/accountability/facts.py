"""The conformance facts the responses provide (``conformance/facts.py`` reads them; the
report's delivery date comes from ``recommendations.report_queries``).

- ``response_published_on``: the day every adopted recommendation had an answer (an
  answer "under consideration" counts: see ``standing``), else None;
- ``response_per_recommendation``: whether every adopted recommendation has an answer
  with reasons (None until the report is delivered);
- ``progress_reports_planned``: True once the implementation of an accepted
  recommendation has a next review date or a progress update, else None (unknown).
"""

from __future__ import annotations

from typing import Any

from minipublic.accountability import standing
from minipublic.accountability.models import Implementation, ProgressUpdate
from minipublic.processes.models import Process


def response_facts(process: Process) -> dict[str, Any]:
    """The ``ProcessFacts`` fields above, for ``process``."""
    delivered = standing.delivered_on(process)
    answered = standing.answered_on(process)
    per_recommendation = None
    if delivered is not None:
        current = standing.current_responses(process)
        per_recommendation = all(
            rec.pk in current and current[rec.pk].reasons.strip()
            for rec in standing.adopted(process)
        )
    reviewed = Implementation.objects.filter(process=process, next_review_on__isnull=False).exists()
    planned = True if reviewed or ProgressUpdate.objects.filter(process=process).exists() else None
    return {
        "response_published_on": answered,
        "response_per_recommendation": per_recommendation,
        "progress_reports_planned": planned,
    }
