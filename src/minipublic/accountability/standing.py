"""Where the responses stand: when the report was delivered, the deadline, each adopted
recommendation's current answer and whether it is overdue.

The rule for "overdue" (docs/responses.md): the commissioner must answer every adopted
recommendation by the deadline, which is the day the first version of the report was
frozen plus the process's ``response_days``. An answer "under consideration" counts as
an answer, because it gives reasons and the date of the final answer; but once that date
has passed without a final answer, the recommendation is overdue again. A day is overdue
only once it is over: an answer due on 16 July is overdue from 17 July.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import QuerySet

from minipublic.accountability.models import Response, ResponseStatus
from minipublic.processes.models import Process
from minipublic.recommendations import report_queries
from minipublic.recommendations.models import Recommendation, RecommendationStatus

#: Overdue because nothing was answered by the process's deadline.
DEADLINE = "deadline"
#: Overdue because an answer "under consideration" passed its promised date.
FINAL_ANSWER = "final_answer"


def delivered_on(process: Process) -> date | None:
    """The day the participants' report was delivered: its first version's freezing."""
    return report_queries.delivered_on(process)


def deadline(process: Process) -> date | None:
    """The last day for the answers: delivery plus ``response_days`` (None until both exist)."""
    delivered = delivered_on(process)
    if delivered is None or process.response_days is None:
        return None
    return delivered + timedelta(days=process.response_days)


def adopted(process: Process) -> QuerySet[Recommendation]:
    """The process's adopted recommendations, in order: the ones that need an answer."""
    return Recommendation.objects.filter(
        process=process, status=RecommendationStatus.ADOPTED
    ).order_by("number")


def current_responses(process: Process) -> dict[int, Response]:
    """The current (latest) answer per recommendation id."""
    current: dict[int, Response] = {}
    for response in Response.objects.filter(process=process).order_by("revision"):
        current[response.recommendation_id] = response
    return current


def first_responses(process: Process) -> dict[int, Response]:
    """The first answer per recommendation id (when it was first answered)."""
    first: dict[int, Response] = {}
    for response in Response.objects.filter(process=process).order_by("-revision"):
        first[response.recommendation_id] = response
    return first


@dataclass(frozen=True)
class Overdue:
    """One recommendation's overdue answer: why (``kind``) and the day it was due."""

    recommendation: Recommendation
    kind: str
    due_on: date


def overdue_for(
    recommendation: Recommendation, current: Response | None, due: date | None, today: date
) -> Overdue | None:
    """Whether ``recommendation``'s answer is overdue ``today`` (see the module's rule)."""
    if current is None:
        if due is not None and today > due:
            return Overdue(recommendation, DEADLINE, due)
        return None
    promised = current.final_answer_by
    if current.status == ResponseStatus.UNDER_CONSIDERATION and promised and today > promised:
        return Overdue(recommendation, FINAL_ANSWER, promised)
    return None


def overdue(process: Process, today: date) -> list[Overdue]:
    """Every adopted recommendation whose answer is overdue ``today``."""
    due = deadline(process)
    current = current_responses(process)
    found = (overdue_for(rec, current.get(rec.pk), due, today) for rec in adopted(process))
    return [item for item in found if item is not None]


def answered_on(process: Process) -> date | None:
    """The day every adopted recommendation had an answer (None while one has none)."""
    recommendations = list(adopted(process))
    if not recommendations:
        return None
    first = first_responses(process)
    days = [first[rec.pk].made_at.date() for rec in recommendations if rec.pk in first]
    return max(days) if len(days) == len(recommendations) else None
