"""Demo story: the member questionnaire at the start and the end.

Parks jury (2025): the lead practitioner opens the start round on the first Saturday
(5 April, 24 jurors asked). The eight jurors with accounts answer online that morning;
the other sixteen took part on paper, and fourteen of them filled in the paper
questionnaire, which the team types in on 7 April. The round closes on 8 April with 22
of 24 answers and its totals are published. The end round opens on 10 May (drafting
day): the eight online jurors answer between 10 and 16 May, thirteen paper forms are
typed in on 17 May and the round closes that day (21 of 24). Published: the totals, the
start and end compared, the age question withheld because two age groups had fewer than
three jurors.

Climate assembly (2026): the start round opens on 12 September, the first weekend; all
twelve members answer that day and the round closes the next day (12 of 12, published).
The end round opens on 8 November, the last day of the fifth weekend; six members have
answered so far, and it is still open (participant1 has not answered yet).

The answers are generated from fixed per-question weights with a fixed seed, so the demo
is the same every time; the weights move at the end the way members' reports usually do
(more knowledge, more trust that ordinary people can decide), without any real data.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from minipublic.accounts.models import User
from minipublic.evaluation.actions import (
    do_answer,
    do_close_round,
    do_enter_paper,
    do_open_round,
    round_items,
)
from minipublic.evaluation.models import EvaluationRound
from minipublic.processes.models import Process
from minipublic.standards.member_questionnaire import Item

Step = tuple[datetime, Callable[[], None]]

PARKS = "demo-parks-jury"
CLIMATE = "demo"

# Weights of each answer option (in the instrument's order), at the start and the end.
_START: dict[str, tuple[int, ...]] = {
    "knowledge": (1, 4, 10, 5),
    "efficacy": (1, 5, 6, 7, 3, 1),
    "trust_commissioner": (1, 6, 9, 3, 2),
    "citizens_capable": (3, 8, 6, 3, 1, 1),
}
_END: dict[str, tuple[int, ...]] = {
    "knowledge": (7, 12, 2, 0),
    "efficacy": (3, 9, 5, 4, 1, 0),
    "trust_commissioner": (2, 9, 6, 2, 1),
    "citizens_capable": (10, 9, 2, 1, 0, 0),
    "reason": (5, 6, 4, 3, 3, 1),
    "range_of_views": (7, 10, 3, 1, 0, 0),
    "enough_time": (4, 9, 4, 4, 1, 0),
    "say_what_i_thought": (10, 9, 2, 1, 0, 0),
    "facilitation_even": (8, 10, 3, 1, 0, 1),
    "respect": (11, 9, 1, 1, 0, 0),
    "pressure": (0, 2, 3, 9, 8, 0),
    "recommendations_reflect": (7, 10, 3, 1, 0, 0),
    "overall": (11, 9, 2, 0, 0),
}
# Demographic answers handed out in turn (a skipped question is "").
_GENDER = ("woman", "man", "woman", "man", "", "woman", "man", "woman", "man", "woman", "man")
_AGE = ("25-34", "45-54", "35-44", "55-64", "65-74", "16-24", "45-54", "35-44", "55-64", "")
_EDUCATION = ("school", "vocational", "degree", "school", "vocational", "degree", "school", "")


def _answers(items: tuple[Item, ...], index: int, end: bool, seed: str) -> dict[str, str]:
    """One plausible questionnaire: respondent ``index`` of a round (fixed by ``seed``)."""
    chance = random.Random(f"{seed}:{index}")  # noqa: S311 - demo content, not a secret
    weights = _END if end else _START
    picked: dict[str, str] = {}
    given = {
        "gender": _GENDER[index % len(_GENDER)],
        "age": _AGE[index % len(_AGE)],
        "education": _EDUCATION[index % len(_EDUCATION)],
    }
    for item in items:
        if item.key in given:
            value = given[item.key]
        elif item.key in weights and chance.random() > 0.04:  # a few questions skipped
            value = chance.choices([o.key for o in item.options], weights[item.key])[0]
        else:
            value = ""
        if value:
            picked[item.key] = value
    return picked


def _at(day: str, hour: int, minute: int = 0) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, minute=minute, tzinfo=UTC)


class _Story:
    """The steps of one process's rounds, sharing the rounds as they are opened."""

    def __init__(self, process: Process, users: dict[str, User]) -> None:
        self.process, self.users = process, users
        self.rounds: dict[str, EvaluationRound] = {}
        self.steps: list[Step] = []

    def open(self, moment: datetime, kind: str, eligible: int) -> None:
        def run() -> None:
            self.rounds[kind] = do_open_round(
                self.users["practitioner"], self.process, kind=kind, eligible=eligible
            )

        self.steps.append((moment, run))

    def online(self, moment: datetime, kind: str, username: str, index: int) -> None:
        def run() -> None:
            round_ = self.rounds[kind]
            answers = _answers(round_items(round_), index, kind == "end", self.process.slug)
            do_answer(self.users[username], self.process, round_, answers)

        self.steps.append((moment, run))

    def paper(self, moment: datetime, kind: str, count: int, first_index: int) -> None:
        def run() -> None:
            round_ = self.rounds[kind]
            items = round_items(round_)
            for index in range(first_index, first_index + count):
                answers = _answers(items, index, kind == "end", self.process.slug)
                do_enter_paper(self.users["practitioner"], self.process, round_, answers)

        self.steps.append((moment, run))

    def close(self, moment: datetime, kind: str) -> None:
        def run() -> None:
            do_close_round(self.users["practitioner"], self.process, self.rounds[kind])

        self.steps.append((moment, run))


def _parks(story: _Story) -> None:
    jurors = [f"juror{i}" for i in range(1, 9)]
    story.open(_at("2025-04-05", 9, 30), "start", 24)
    for index, juror in enumerate(jurors):
        story.online(_at("2025-04-05", 10, 7 * index), "start", juror, index)
    story.paper(_at("2025-04-07", 14), "start", 14, len(jurors))
    story.close(_at("2025-04-08", 10), "start")
    story.open(_at("2025-05-10", 16), "end", 24)
    for index, juror in enumerate(jurors):
        story.online(_at("2025-05-10", 17) + timedelta(hours=17 * index), "end", juror, index)
    story.paper(_at("2025-05-17", 8), "end", 13, len(jurors))
    story.close(_at("2025-05-17", 8, 30), "end")


def _climate(story: _Story) -> None:
    members = [f"participant{i}" for i in range(1, 13)]
    story.open(_at("2026-09-12", 9, 30), "start", 12)
    for index, member in enumerate(members):
        story.online(_at("2026-09-12", 10, 4 * index), "start", member, index)
    story.close(_at("2026-09-13", 18), "start")
    story.open(_at("2026-11-08", 15), "end", 12)
    for index, member in enumerate(members[1:7], start=1):
        story.online(_at("2026-11-08", 16, 5 * index), "end", member, index)


def evaluation_steps(process: Process, users: dict[str, User]) -> list[Step]:
    """The dated steps of this story for ``process`` (the parks jury and the climate
    assembly; the other demo processes have no questionnaire)."""
    story = _Story(process, users)
    if process.slug == PARKS:
        _parks(story)
    elif process.slug == CLIMATE:
        _climate(story)
    return story.steps
