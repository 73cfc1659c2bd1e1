"""Demo story: the members' recommendations — drafts, amendments, comments and votes.

Climate assembly (``demo``), fifth weekend, 7 and 8 November 2026: participant1…12 draft
eight recommendations in three themes, join each other's drafting groups and edit.
Lucy Evans's amendment to the free-bus recommendation is accepted by its drafting
group; Kofi Boateng's amendment to the workplace parking levy (exempting night-shift
staff) is not, so it goes to a vote of the whole assembly and is carried. On Sunday
every recommendation is voted on: the twelve members with an account vote online, the
other twelve on paper in the room (the facilitator enters those counts when closing).
Seven are adopted; the car-free city centre is not. A minority report on the parking
levy gathers enough support; another, on the time given to heating, does not.

Parks jury (``demo-parks-jury``), 10 May 2025: the jury set its adoption threshold at
70% before its first vote; juror1…5 enter the five recommendations the jury wrote on
paper, and all five are adopted with the support recorded in its report (juror1…8
online, the other sixteen jurors on paper). Three jurors support the minority view
that commercial events have no place in parks.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from minipublic.accounts.models import User
from minipublic.demo.drafting_texts import (
    CLIMATE,
    CLIMATE_MINORITY,
    PARKS,
    PARKS_MINORITY,
    DemoMinority,
    DemoRecommendation,
)
from minipublic.processes.models import Process
from minipublic.recommendations import drafting, minority, votes
from minipublic.recommendations.models import Recommendation

Step = tuple[datetime, Callable[[], None]]
_LEVELS = {
    "F": "full",
    "R": "reservations",
    "L": "live_with",
    "N": "not_support",
    "O": "oppose",
    "A": "abstain",
}


def _at(day: str, hour: int, minute: int = 0) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, minute=minute, tzinfo=UTC)


def drafting_steps(process: Process, users: dict[str, User]) -> list[Step]:
    """The dated steps of this story for ``process`` (none for processes it skips)."""
    if process.slug == "demo":
        story = _Story(process, users, "participant", "2026-11-07", ("2026-11-08", 11))
        return story.steps(CLIMATE, CLIMATE_MINORITY, adoption=Decimal(80))
    if process.slug == "demo-parks-jury":
        story = _Story(process, users, "juror", "2025-05-10", ("2025-05-10", 15))
        return story.steps(PARKS, PARKS_MINORITY, adoption=Decimal(70))
    return []


class _Story:
    """The steps for one process: drafting on ``first_day``, the votes on the day and
    from the hour (less one) of ``vote_at``."""

    def __init__(
        self,
        process: Process,
        users: dict[str, User],
        prefix: str,
        first_day: str,
        vote_at: tuple[str, int],
    ) -> None:
        self.process = process
        self.users = users
        self.prefix = prefix
        self.first_day = first_day
        self.vote_day, self.vote_hour = vote_at

    def member(self, number: int) -> User:
        return self.users[f"{self.prefix}{number}"]

    def recommendation(self, number: int) -> Recommendation:
        return Recommendation.objects.get(process=self.process, number=number)

    def steps(
        self,
        items: tuple[DemoRecommendation, ...],
        reports: tuple[DemoMinority, ...],
        adoption: Decimal,
    ) -> list[Step]:
        steps: list[Step] = [(_at(self.first_day, 9, 20), self._rules(adoption))]
        for index, item in enumerate(items):
            steps += self._drafting(item, _at(self.first_day, 10, 5 * index))
        for index, item in enumerate(items):
            steps += self._vote(item, _at(self.vote_day, self.vote_hour, 5 * index))
        for index, report in enumerate(reports):
            steps += self._minority(report, _at(self.vote_day, self.vote_hour + 2, 10 * index))
        return steps

    def _rules(self, adoption: Decimal) -> Callable[[], None]:
        def set_rules() -> None:
            self.process.refresh_from_db()
            votes.do_set_rules(
                self.users["practitioner"],
                self.process,
                adoption_percent=adoption,
                minority_percent=Decimal(10),
                sign_off_percent=Decimal(75),
            )

        return set_rules

    def _drafting(self, item: DemoRecommendation, start: datetime) -> list[Step]:
        number = item.number

        def write() -> None:
            drafting.do_draft_recommendation(
                self.member(item.drafter),
                self.process,
                theme=item.theme,
                title=item.title,
                text=item.first_text or item.text,
                rationale=item.rationale,
            )

        steps: list[Step] = [(start, write)]
        for offset, joiner in enumerate(item.joiners, start=1):

            def join(who: int = joiner) -> None:
                drafting.do_join_drafting_group(
                    self.member(who), self.process, self.recommendation(number)
                )

            steps.append((start + timedelta(minutes=30 + offset), join))
        if item.first_text:
            editor = item.joiners[0] if item.joiners else item.drafter

            def revise() -> None:
                current = self.recommendation(number)
                drafting.do_revise_recommendation(
                    self.member(editor),
                    self.process,
                    current,
                    theme=current.theme,
                    title=current.title,
                    text=item.text,
                    rationale=current.rationale,
                    note=item.edit_note,
                )

            steps.append((start + timedelta(hours=2), revise))
        for offset, (author, words) in enumerate(item.comments, start=1):

            def comment(who: int = author, text: str = words) -> None:
                drafting.do_comment(
                    self.member(who), self.process, self.recommendation(number), text=text
                )

            steps.append((start + timedelta(hours=2, minutes=10 * offset), comment))
        if item.amendment is not None:
            steps += self._amendment(item, start + timedelta(hours=3))
        return steps

    def _amendment(self, item: DemoRecommendation, start: datetime) -> list[Step]:
        amendment = item.amendment
        if amendment is None:
            return []
        number = item.number
        base = item.text

        def propose() -> None:
            drafting.do_propose_amendment(
                self.member(amendment.proposer),
                self.process,
                self.recommendation(number),
                text=base + " " + amendment.addition,
                reason=amendment.reason,
            )

        def decide() -> None:
            found = self.recommendation(number).amendments.get(number=1)
            decider = self.member(item.drafter)
            if amendment.accepted:
                drafting.do_accept_amendment(
                    decider, self.process, found, note=amendment.decision_note
                )
            else:
                drafting.do_put_amendment_to_vote(
                    decider, self.process, found, note=amendment.decision_note
                )

        steps: list[Step] = [(start, propose), (start + timedelta(minutes=40), decide)]
        if not amendment.accepted:

            def open_vote() -> None:
                recommendation = self.recommendation(number)
                votes.do_open_vote(
                    self.users["facilitator"],
                    self.process,
                    recommendation,
                    recommendation.amendments.get(number=1),
                )

            steps.append((start + timedelta(hours=1), open_vote))
            steps += self._ballots(
                lambda: self.recommendation(number).votes.get(amendment__isnull=False),
                amendment.online,
                amendment.paper,
                start + timedelta(hours=1),
            )
        return steps

    def _vote(self, item: DemoRecommendation, start: datetime) -> list[Step]:
        number = item.number

        def open_vote() -> None:
            votes.do_open_vote(self.users["facilitator"], self.process, self.recommendation(number))

        return [
            (start - timedelta(hours=1), open_vote),
            *self._ballots(
                lambda: self.recommendation(number).votes.get(amendment__isnull=True),
                item.online,
                item.paper,
                start - timedelta(hours=1),
            ),
        ]

    def _ballots(
        self, vote_of: Callable[[], object], online: str, paper: dict[str, int], start: datetime
    ) -> list[Step]:
        steps: list[Step] = []
        for index, letter in enumerate(online, start=1):

            def cast(who: int = index, level: str = _LEVELS[letter]) -> None:
                votes.do_cast_ballot(self.member(who), self.process, vote_of(), level)  # type: ignore[arg-type]

            steps.append((start + timedelta(minutes=2 + index), cast))

        def close() -> None:
            counts = {_LEVELS[letter]: count for letter, count in paper.items()}
            votes.do_close_vote(self.users["facilitator"], self.process, vote_of(), counts)  # type: ignore[arg-type]

        steps.append((start + timedelta(minutes=50), close))
        return steps

    def _minority(self, report: DemoMinority, start: datetime) -> list[Step]:
        def write() -> None:
            minority.do_write_minority_report(
                self.member(report.author),
                self.process,
                title=report.title,
                text=report.text,
                recommendation=None if report.about is None else self.recommendation(report.about),
            )

        steps: list[Step] = [(start, write)]
        for offset, who in enumerate(report.supporters, start=1):

            def support(who: int = who) -> None:
                found = self.process.minority_reports.get(title=report.title)
                minority.do_support_minority_report(
                    self.member(who), self.process, found, support=True
                )

            steps.append((start + timedelta(minutes=offset), support))
        return steps
