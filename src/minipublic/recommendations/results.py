"""What the report and the portal read from the drafting and the votes.

The report (``report_*``) and the portal call these; the drafting part implements them.
"""

from __future__ import annotations

from minipublic.processes.models import Process
from minipublic.recommendations.models import Recommendation


def vote_summary(recommendation: Recommendation) -> dict[str, object] | None:
    """The result of the vote that decided ``recommendation``: the support levels with
    their counts, the share in support, the threshold, and whether it passed (None when
    it has not been voted on)."""
    return None


def minority_reports(process: Process) -> list[dict[str, object]]:
    """The minority reports that reached the process's threshold, for the report: each
    with its title, text, the recommendation it concerns (number or None) and its number
    of supporters."""
    return []
