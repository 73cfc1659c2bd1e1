"""The climate assembly's table summaries for its first weekend, as dated ``timeline.Step``s.

After each day the facilitator writes a summary of every table's discussion and reads it
to the table, recording that the table confirmed it aloud (half the members have no
account); members with an account confirm online that evening or the next day.

Day 1, table 3: the facilitator's first version says the table *agreed* to focus on
cycling and buses. A member corrects it at home (two of them had argued for the villages,
where the car is the only option); the facilitator revises it, reads the new version to
the table on Sunday morning, and it is confirmed and recorded. The reframing guard at
work.

Day 2: every table's summary is recorded but the one at participant1's (Amina Hassan's)
table, which waits for her: the table confirmed it aloud and enough others confirmed it
online that her confirmation puts it in the record. Sign in as ``participant1`` and open
"My table summaries" to confirm it.

Who sits where comes from the seating (``room_story``), so the members who answer are
chosen here from those at each table: deterministic on every load.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from minipublic.accounts.models import User
from minipublic.deliberation.models import SummaryStatus, Table, TableSummary
from minipublic.deliberation.summaries import (
    do_answer_summary,
    do_attest_summary,
    do_write_summary,
    table_members,
)
from minipublic.processes.models import Process

Step = tuple[datetime, Callable[[], None]]

#: The demo process whose table summaries these are.
SLUG = "demo"
#: The participant whose confirmation the demo leaves for a visitor to give.
WAITING_FOR = "participant1"

DAY_1: dict[int, str] = {
    1: (
        "Our questions for the witnesses were mostly about flooding: whether the 2019 floods "
        "on the Mill Road estate had anything to do with climate change, and what the council "
        "already does to protect homes by the river. Two members asked how much of "
        "Riverford's emissions come from traffic that only passes through on the bypass. We "
        "agreed we need plain figures per household, not only totals for the city."
    ),
    2: (
        "We talked about cost first. Several members worry that climate measures will land on "
        "people who already struggle with their bills; others said that doing nothing will "
        "cost more later. We did not agree on that, and asked the witnesses for evidence on "
        "who pays today. We also asked why the council chose 2040 and whether it is realistic."
    ),
    3: (
        "Our table agreed that the council should focus on cycling and buses, and asked the "
        "witnesses how quickly car use in Riverford could be cut."
    ),
    4: (
        "Most of our questions were about food and shopping: how much difference buying "
        "local makes, and whether the market hall could do more. One member asked what the "
        "council can decide by itself and what needs the government; we would like that "
        "explained at the start of next weekend."
    ),
}
DAY_1_CORRECTION = (
    "We did not agree on that. Two of us said the car is the only real option for people in "
    "the villages, where the bus comes twice a day, and the question we asked was about "
    "travel from the villages, not about cutting car use."
)
DAY_1_REVISED = (
    "Our table discussed travel and did not reach agreement. Some members want the council "
    "to spend more on cycling and buses; others said the car is the only real option for "
    "people in the outlying villages, where the bus comes twice a day. We asked the "
    "witnesses how travel could change for the villages as well as for the town centre, "
    "and what each option would cost a household."
)
DAY_1_NOTE = (
    "A member pointed out that the table did not agree to focus on cycling and buses, and "
    "that travel from the villages was the main point. Rewritten to give both views and "
    "the question the table actually asked."
)
DAY_2: dict[int, str] = {
    1: (
        "Fairness came first for our table: whatever we recommend must not hit people on low "
        "incomes hardest. Next came health, especially cleaner air near schools, and keeping "
        "Riverford a place young people can afford to stay in. One member said honesty about "
        "costs matters more than any single measure, and the table agreed."
    ),
    2: (
        "Our values: fairness between generations, practical measures people can see "
        "working, and not telling people how to live. We disagreed on whether the council "
        "should ban anything: most preferred incentives, two members said some bans will be "
        "needed."
    ),
    3: (
        "We put 'everyone can take part' first: measures must work for disabled people and "
        "for people without a car or the internet. Then protecting the green spaces by the "
        "river, and the council starting with its own buildings so that it leads by example."
    ),
    4: (
        "Trust was our first value: people will only change if they believe the council will "
        "too. Then fairness to rural residents, and measures that create local jobs. We want "
        "the witnesses to tell us plainly where the evidence is uncertain."
    ),
}
ALOUD = (
    "Read out at the table at the end of the day's last discussion; all {n} members present agreed."
)
ALOUD_REVISED = (
    "Version 2 read out at the table at the start of Sunday's session; all {n} members "
    "present agreed."
)


def _at(day: str, hour: int, minute: int = 0) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, minute=minute, tzinfo=UTC)


def summary_steps(process: Process, users: dict[str, User]) -> list[Step]:
    """The steps that write, correct, confirm and record the first weekend's table
    summaries of the climate assembly (none for other processes)."""
    if process.slug != SLUG:
        return []
    by_id = {user.pk: user for user in users.values()}
    story = _Story(process, users["facilitator"], by_id)
    steps: list[Step] = []
    for number, text in DAY_1.items():
        steps += story.day_1(number, text)
    for number, text in DAY_2.items():
        steps += story.day_2(number, text, waiting_for=users[WAITING_FOR])
    return steps


class _Story:
    """The steps for one table's summary; who answers is read from the seating."""

    def __init__(self, process: Process, facilitator: User, by_id: dict[int, User]) -> None:
        self.process = process
        self.facilitator = facilitator
        self.by_id = by_id

    def _table(self, session: int, number: int) -> Table:
        return Table.objects.get(
            session__process=self.process, session__number=session, number=number
        )

    def _latest(self, session: int, number: int) -> TableSummary:
        return self._table(session, number).summaries.order_by("-version").first()  # type: ignore[return-value]

    def _accounts(self, session: int, number: int) -> list[User]:
        members = table_members(self._table(session, number))
        return [self.by_id[user_id] for _, user_id in sorted(members.accounts.items())]

    def _write(self, session: int, number: int, text: str, note: str = "") -> Callable[[], None]:
        def write() -> None:
            do_write_summary(
                self.facilitator, self.process, self._table(session, number), text=text, note=note
            )

        return write

    def _aloud(self, session: int, number: int, wording: str) -> Callable[[], None]:
        def attest() -> None:
            table = self._table(session, number)
            members = table_members(table)
            if members.without_account:
                do_attest_summary(
                    self.facilitator,
                    self.process,
                    self._latest(session, number),
                    how=wording.format(n=len(members.keys)),
                )

        return attest

    def _confirmers(self, session: int, number: int, waiting_for: User | None) -> list[User]:
        # Every member with an account; at ``waiting_for``'s table only as many others as
        # leave the version one confirmation short of the rule, which is theirs to give.
        accounts = self._accounts(session, number)
        if waiting_for is None or waiting_for not in accounts:
            return accounts
        others = [member for member in accounts if member != waiting_for]
        return others[: len(accounts) // 2]

    def _confirms(
        self, session: int, number: int, start: datetime, waiting_for: User | None = None
    ) -> list[Step]:
        # The members confirm one after another, 75 minutes apart (a table has at most six).
        def confirming(index: int) -> Callable[[], None]:
            def confirm() -> None:
                members = self._confirmers(session, number, waiting_for)
                latest = self._latest(session, number)
                # Once the version is in the record, nobody else needs to confirm it.
                if index < len(members) and latest.status == SummaryStatus.AWAITING:
                    do_answer_summary(members[index], self.process, latest, confirm=True)

            return confirm

        return [(start + timedelta(minutes=75 * index), confirming(index)) for index in range(6)]

    def day_1(self, number: int, text: str) -> list[Step]:
        """Session 1: written and confirmed aloud on the day; table 3 corrected and revised."""
        written = _at("2026-09-12", 16, 30 + number)
        steps: list[Step] = [
            (written, self._write(1, number, text)),
            (written + timedelta(minutes=20), self._aloud(1, number, ALOUD)),
        ]
        if number != 3:
            return steps + self._confirms(1, number, _at("2026-09-12", 19, number * 5))

        def correct() -> None:
            corrector = self._accounts(1, number)[0]
            do_answer_summary(
                corrector,
                self.process,
                self._latest(1, number),
                confirm=False,
                correction=DAY_1_CORRECTION,
            )

        return [
            *steps,
            (_at("2026-09-12", 20, 15), correct),
            (_at("2026-09-13", 9, 30), self._write(1, number, DAY_1_REVISED, DAY_1_NOTE)),
            (_at("2026-09-13", 10, 20), self._aloud(1, number, ALOUD_REVISED)),
            *self._confirms(1, number, _at("2026-09-13", 12, 40)),
        ]

    def day_2(self, number: int, text: str, *, waiting_for: User) -> list[Step]:
        """Session 2: recorded, except at ``waiting_for``'s table, which awaits them."""
        written = _at("2026-09-13", 16, 30 + number)
        return [
            (written, self._write(2, number, text)),
            (written + timedelta(minutes=20), self._aloud(2, number, ALOUD)),
            *self._confirms(2, number, _at("2026-09-13", 19, number * 5), waiting_for),
        ]
