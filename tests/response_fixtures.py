"""A process whose participants' report was delivered, ready for the commissioner's answers."""

from __future__ import annotations

from datetime import UTC, datetime

from minipublic.lifecycle import Phase, Role
from minipublic.processes import actions
from minipublic.processes.access import SYSTEM
from minipublic.recommendations.models import Recommendation, RecommendationStatus
from minipublic.recommendations.report_models import ReportVersion
from tests.cast import Cast, accept_all_terms, make_user

#: The report is frozen on 1 March 2026; with 60 days the answers are due on 30 April.
DELIVERED = datetime(2026, 3, 1, 12, tzinfo=UTC)
BEFORE_DEADLINE = datetime(2026, 4, 20, 10, tzinfo=UTC)
AFTER_DEADLINE = datetime(2026, 5, 1, 7, tzinfo=UTC)


def deliver_report(cast: Cast, *, participants: int = 1) -> list[Recommendation]:
    """Move ``cast``'s process to the response phase with three adopted recommendations,
    one not adopted, and a frozen report; add participants ``member2``… up to
    ``participants`` in all. Returns the adopted recommendations."""
    process = cast.process
    process.response_days = 60
    process.phase = Phase.RESPONSE
    process.save()
    for number in range(2, participants + 1):
        user = make_user(f"member{number}")
        actions.do_add_member(SYSTEM, process, user, Role.PARTICIPANT)
        cast.users[f"member{number}"] = user
    accept_all_terms(process)
    adopted = []
    for number, status in enumerate(["adopted", "adopted", "not_adopted", "adopted"], start=1):
        recommendation = Recommendation.objects.create(
            process=process,
            number=number,
            title=f"Recommendation title {number}",
            text=f"The text of recommendation {number}.",
            status=status,
            created_at=DELIVERED,
            updated_at=DELIVERED,
            decided_at=DELIVERED,
        )
        if status == RecommendationStatus.ADOPTED:
            adopted.append(recommendation)
    ReportVersion.objects.create(
        process=process, number=1, title="Our report", created_at=DELIVERED, frozen_at=DELIVERED
    )
    return adopted
