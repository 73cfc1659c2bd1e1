"""The transparency portal's section on the recommendations and their votes.

The portal (``portal/sections.py``) calls ``portal_section`` and renders its context
with this app's template; ``None`` leaves the section out. Public data only, and only
once the participants' report has a frozen version: before that the members are still
deciding, and the commissioner must not lobby them on drafts.
"""

from __future__ import annotations

from minipublic.processes.models import Process
from minipublic.recommendations.models import Recommendation, RecommendationStatus
from minipublic.recommendations.results import minority_reports, vote_summary
from minipublic.recommendations.view_support import DECIDED, report_frozen
from minipublic.recommendations.votes import current_rules


def portal_section(process: Process) -> dict[str, object] | None:
    """The public context of this section for ``process``, or None to leave it out."""
    if not report_frozen(process):
        return None
    decided = Recommendation.objects.filter(process=process, status__in=DECIDED)
    rows = [
        {
            "number": row.number,
            "title": row.title,
            "adopted": row.status == RecommendationStatus.ADOPTED,
            "summary": vote_summary(row),
        }
        for row in decided.order_by("number")
    ]
    if not rows:
        return None
    return {
        "slug": process.slug,
        "rows": rows,
        "total": len(rows),
        "adopted": sum(1 for row in rows if row["adopted"]),
        "threshold": current_rules(process).adoption_percent,
        "minority": len(minority_reports(process)),
    }
