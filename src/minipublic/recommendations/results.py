"""What the report and the portal read from the drafting and the votes.

The report (``report_*``) and the portal call these; the drafting part implements them.
Both return public data only: counts and texts, never who wrote, supported or voted.
"""

from __future__ import annotations

from minipublic.processes.models import Process
from minipublic.recommendations.acting import participant_count
from minipublic.recommendations.minority import standing
from minipublic.recommendations.models import Recommendation
from minipublic.recommendations.vote_models import (
    SUPPORTING,
    MinorityReport,
    RecommendationVote,
    SupportLevel,
)
from minipublic.recommendations.votes import tally


def vote_summary(recommendation: Recommendation) -> dict[str, object] | None:
    """The result of the vote that decided ``recommendation``: the support levels with
    their counts, the share in support, the threshold, and whether it passed (None when
    it has not been voted on).

    Keys: ``vote`` (number), ``levels`` (list of ``{"level", "label", "count",
    "supporting"}`` in scale order), ``cast``, ``abstentions``, ``counted``,
    ``supporting``, ``share_percent`` (Decimal, one decimal), ``threshold_percent``
    (Decimal), ``passed``, ``paper`` (ballots cast on paper, included in the counts),
    ``closed_at``.
    """
    vote = (
        recommendation.votes.filter(amendment__isnull=True, closed_at__isnull=False)
        .order_by("-closed_at", "-number")
        .first()
    )
    if vote is None:
        return None
    return summarise(vote)


def summarise(vote: RecommendationVote) -> dict[str, object]:
    """A closed vote's result, as ``vote_summary`` describes it (each level also has
    ``share``, its percentage of the counted ballots, None for abstentions, and
    ``paper``, how many of its ballots were cast on paper)."""
    result = tally(vote.counts, vote.adoption_percent)
    levels = []
    for value, label in SupportLevel.choices:
        count = result.counts[value]
        counts_in = value != SupportLevel.ABSTAIN and result.counted > 0
        levels.append(
            {
                "level": value,
                "label": str(label),
                "count": count,
                "supporting": value in SUPPORTING,
                "share": round(100 * count / result.counted) if counts_in else None,
                "paper": int(vote.paper_counts.get(value, 0)),
            }
        )
    return {
        "vote": vote.number,
        "levels": levels,
        "cast": result.cast,
        "abstentions": result.abstentions,
        "counted": result.counted,
        "supporting": result.supporting,
        "share_percent": result.share,
        "threshold_percent": vote.adoption_percent,
        "passed": result.passed,
        "paper": sum(int(n) for n in vote.paper_counts.values()),
        "closed_at": vote.closed_at,
    }


def minority_reports(process: Process) -> list[dict[str, object]]:
    """The minority reports that reached the process's threshold, for the report: each
    with its title, text, the recommendation it concerns (number or None) and its number
    of supporters.

    Keys: ``number``, ``title``, ``text``, ``recommendation`` (number or None),
    ``recommendation_title`` (or ""), ``supporters``, ``participants``.
    """
    participants = participant_count(process)
    included = []
    rows = (
        MinorityReport.objects.filter(process=process, withdrawn_at__isnull=True)
        .select_related("recommendation", "process")
        .order_by("number")
    )
    for report in rows:
        now = standing(report, participants)
        if not now.reached:
            continue
        concerns = report.recommendation
        included.append(
            {
                "number": report.number,
                "title": report.title,
                "text": report.text,
                "recommendation": None if concerns is None else concerns.number,
                "recommendation_title": "" if concerns is None else concerns.title,
                "supporters": now.supporters,
                "participants": participants,
            }
        )
    return included
