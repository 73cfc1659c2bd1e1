"""What the public responses page (and the portal) show about each adopted recommendation:
its answer with the history of revisions, whether it is overdue or came late, the
implementation, and the participants' ratings in aggregate."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from minipublic.accountability import standing
from minipublic.accountability.models import (
    ACCEPTING,
    Implementation,
    Milestone,
    ProgressUpdate,
    Response,
)
from minipublic.accountability.rating_actions import Distribution, distribution
from minipublic.processes.models import Process
from minipublic.recommendations.models import Recommendation


@dataclass
class Row:
    """One adopted recommendation as the page shows it."""

    recommendation: Recommendation
    current: Response | None
    earlier: list[Response]
    late: bool
    overdue: standing.Overdue | None
    implementation: Implementation | None = None
    milestones: list[Milestone] = field(default_factory=list)
    progress: list[ProgressUpdate] = field(default_factory=list)
    response_ratings: Distribution | None = None
    implementation_ratings: Distribution | None = None

    @property
    def accepted(self) -> bool:
        """Whether the current answer accepts it (in whole or in part)."""
        return self.current is not None and self.current.status in ACCEPTING

    @property
    def latest_progress(self) -> ProgressUpdate | None:
        """The most recent progress update."""
        return self.progress[0] if self.progress else None


@dataclass
class Overview:
    """The whole page: the dates and one row per adopted recommendation."""

    delivered_on: date | None
    deadline: date | None
    today: date
    rows: list[Row]

    @property
    def answered(self) -> int:
        """How many recommendations have an answer."""
        return sum(1 for row in self.rows if row.current is not None)

    @property
    def overdue(self) -> list[Row]:
        """The rows whose answer is overdue."""
        return [row for row in self.rows if row.overdue is not None]


def overview(process: Process, today: date) -> Overview:
    """Everything the responses page shows for ``process`` as of ``today``."""
    due = standing.deadline(process)
    responses: dict[int, list[Response]] = {}
    for response in Response.objects.filter(process=process).order_by("-revision"):
        responses.setdefault(response.recommendation_id, []).append(response)
    implementations = {
        item.recommendation_id: item for item in Implementation.objects.filter(process=process)
    }
    milestones: dict[int, list[Milestone]] = {}
    for milestone in Milestone.objects.filter(process=process).order_by("due_on", "number"):
        milestones.setdefault(milestone.recommendation_id, []).append(milestone)
    progress: dict[int, list[ProgressUpdate]] = {}
    for update in ProgressUpdate.objects.filter(process=process).order_by("-as_of", "-number"):
        progress.setdefault(update.recommendation_id, []).append(update)
    rows = []
    for recommendation in standing.adopted(process):
        revisions = responses.get(recommendation.pk, [])
        current = revisions[0] if revisions else None
        first = revisions[-1] if revisions else None
        row = Row(
            recommendation=recommendation,
            current=current,
            earlier=revisions[1:],
            late=first is not None and due is not None and first.made_at.date() > due,
            overdue=standing.overdue_for(recommendation, current, due, today),
            implementation=implementations.get(recommendation.pk),
            milestones=milestones.get(recommendation.pk, []),
            progress=progress.get(recommendation.pk, []),
        )
        if current is not None:
            row.response_ratings = distribution(recommendation, "response_score")
        if row.accepted:
            row.implementation_ratings = distribution(recommendation, "implementation_score")
        rows.append(row)
    return Overview(standing.delivered_on(process), due, today, rows)
