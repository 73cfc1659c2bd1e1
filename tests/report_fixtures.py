"""The riverside process ready for its report: in the recommendations phase, with four
participant accounts (the cast's ``participant`` and ``member2``…``member4``), so that the
75% sign-off threshold needs three signatures; three adopted recommendations in two
themes and one not adopted. The drafting part's vote summaries are replaced by known
ones (``VOTES``), so the report's vote results can be checked."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.test import Client

from minipublic import clock
from minipublic.accounts.models import User
from minipublic.engagement.actions import do_accept_terms
from minipublic.lifecycle import Phase, Role
from minipublic.processes import actions
from minipublic.processes.access import SYSTEM
from minipublic.recommendations import results
from minipublic.recommendations.models import Recommendation, RecommendationStatus
from tests.cast import Cast, make_user

MEMBERS = ("member2", "member3", "member4")
PARTICIPANTS = ("participant", *MEMBERS)

RECOMMENDATIONS = (
    (1, "Heating our homes", "Insulate every council home by 2032", RecommendationStatus.ADOPTED),
    (2, "Heating our homes", "Heat pump loans at zero interest", RecommendationStatus.ADOPTED),
    (3, "Getting around", "A workplace parking levy", RecommendationStatus.ADOPTED),
    (4, "Getting around", "Close the ring road on Sundays", RecommendationStatus.NOT_ADOPTED),
)


def _summary(counts: dict[str, int], share: str, passed: bool) -> dict[str, object]:
    # A vote result as recommendations.results.vote_summary gives it (its documented keys).
    levels = [
        {"level": label.lower(), "label": label, "count": n, "supporting": label != "Oppose"}
        for label, n in counts.items()
    ]
    supporting = sum(n for label, n in counts.items() if label != "Oppose")
    cast = sum(counts.values())
    return {
        "levels": levels,
        "cast": cast,
        "counted": cast,
        "supporting": supporting,
        "share_percent": Decimal(share),
        "threshold_percent": Decimal("80"),
        "passed": passed,
    }


VOTES = {
    1: _summary({"Strongly support": 9, "Support": 2, "Oppose": 1}, "91.7", True),
    3: _summary({"Support": 10, "Oppose": 2}, "83.3", True),
    4: _summary({"Support": 5, "Oppose": 7}, "41.7", False),
}


class ReportCast:
    """The cast with the extra participants, and helpers to act through the pages."""

    def __init__(self, cast: Cast, members: dict[str, User]) -> None:
        self.cast = cast
        self.process = cast.process
        self.members = members

    def user(self, name: str) -> User:
        """A cast user or one of the extra participants."""
        return self.members.get(name) or self.cast.users[name]

    def client(self, name: str) -> Client:
        """A test client signed in as ``name``."""
        if name in self.members:
            client = Client()
            client.force_login(self.members[name])
            return client
        return self.cast.client(name)


def make_report_cast(cast: Cast) -> ReportCast:
    """Move riverside to recommendations, add the participants and the recommendations."""
    for phase in (Phase.RECRUITMENT, Phase.SELECTION, Phase.DELIBERATION, Phase.RECOMMENDATIONS):
        actions.do_change_phase(SYSTEM, cast.refresh(), phase)
    process = cast.refresh()
    members = {}
    for name in MEMBERS:
        members[name] = make_user(name)
        actions.do_add_member(SYSTEM, process, members[name], Role.PARTICIPANT)
        do_accept_terms(SYSTEM, process, user=members[name])
    now = clock.now()
    for number, theme, title, status in RECOMMENDATIONS:
        Recommendation.objects.create(
            process=process,
            number=number,
            theme=theme,
            title=title,
            text=f"The council should act: {title.lower()}.",
            rationale=f"We heard the evidence on {theme.lower()}.",
            status=status,
            created_at=now,
            updated_at=now,
            decided_at=now,
        )
    return ReportCast(cast, members)


@pytest.fixture
def known_votes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The drafting part's results replaced by ``VOTES`` and one minority report."""

    def summary(recommendation: Recommendation) -> dict[str, object] | None:
        return VOTES.get(recommendation.number)  # type: ignore[return-value]

    def minority(process: object) -> list[dict[str, object]]:
        return [
            {
                "title": "Minority report on the parking levy",
                "text": "Shift workers have no bus at night; the levy hits them first.",
                "recommendation": 3,
                "supporters": 2,
            }
        ]

    # Every view binds its names when the URL map is first loaded: load it before the
    # fake is in place, so no view keeps the fake after this test.
    import minipublic.config.urls  # noqa: F401

    monkeypatch.setattr(results, "vote_summary", summary)
    monkeypatch.setattr(results, "minority_reports", minority)


def at(day: str, hour: int = 12) -> datetime:
    """A moment on ``day`` (ISO) at ``hour`` UTC."""
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)
