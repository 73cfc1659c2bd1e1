"""The questionnaire's results, in aggregate only, and the rules that keep them so.

Privacy rules (docs/evaluation.md, "Who sees what"):

- Nothing is shown while a round is open, to anyone: not the counts per answer, not to
  the lead practitioner, not to staff.
- A closed round's results are published only if at least ``MIN_ANSWERS`` (10)
  questionnaires came in. With fewer, an answer distribution can point at a person
  ("the only one who disagreed" in a group of five), so the round shows only its counts.
- A question answered by fewer than ``MIN_ITEM_ANSWERS`` members is withheld.
- A demographic question is withheld if any of its answers was given by 1 or 2 members
  (``SMALL_GROUP``): the membership of a jury is often known, and "the one member aged
  75 or older" is a person. Opinion questions are never crossed with demographics, so a
  small count there does not say who gave it.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db.models import Count, Q

from minipublic.evaluation.models import Channel, EvaluationRound, RoundKind, RoundStatus
from minipublic.standards.member_questionnaire import (
    Instrument,
    Item,
    ItemKind,
    Moment,
    Option,
    instrument,
)

#: The fewest questionnaires a round needs before its results are published.
MIN_ANSWERS = 10
#: The fewest answers a question needs before its distribution is shown.
MIN_ITEM_ANSWERS = 5
#: A demographic answer given by fewer members than this withholds the question.
SMALL_GROUP = 3


@dataclass(frozen=True)
class Cell:
    """How many chose one answer, and their share of those who answered the question."""

    option: Option
    count: int
    percent: float


@dataclass(frozen=True)
class ItemResult:
    """One question's distribution, or why it is withheld ("few_answers", "small_group")."""

    item: Item
    answered: int
    skipped: int
    cells: tuple[Cell, ...]
    withheld: str = ""


@dataclass(frozen=True)
class RoundResults:
    """A round's counts and, once published, its results per question."""

    round: EvaluationRound
    instrument: Instrument
    online: int
    paper: int
    published: bool
    items: tuple[ItemResult, ...]

    @property
    def answers(self) -> int:
        """Questionnaires received."""
        return self.online + self.paper

    @property
    def response_rate(self) -> float:
        """Percentage of the members asked who answered."""
        return round(100 * self.answers / self.round.eligible, 1) if self.round.eligible else 0.0


def tally(item: Item, answers: Iterable[Mapping[str, str]], respondents: int) -> ItemResult:
    """The distribution of ``item`` over ``answers`` (one mapping per questionnaire)."""
    chosen = Counter(row[item.key] for row in answers if item.key in row)
    answered = sum(chosen.values())
    cells = tuple(
        Cell(option, chosen[option.key], round(100 * chosen[option.key] / answered, 1))
        if answered
        else Cell(option, 0, 0.0)
        for option in item.options
    )
    withheld = ""
    if answered < MIN_ITEM_ANSWERS:
        withheld = "few_answers"
    elif item.kind is ItemKind.DEMOGRAPHIC and any(0 < c.count < SMALL_GROUP for c in cells):
        withheld = "small_group"
    if withheld:
        cells = ()
    return ItemResult(item, answered, respondents - answered, cells, withheld)


def counts(round_: EvaluationRound) -> tuple[int, int]:
    """(online, paper) questionnaires received so far."""
    if round_.status == RoundStatus.CLOSED:
        return round_.online_answers, round_.paper_answers
    totals = round_.responses.aggregate(
        online=Count("pk", filter=Q(channel=Channel.ONLINE)),
        paper=Count("pk", filter=Q(channel=Channel.PAPER)),
    )
    return totals["online"], totals["paper"]


def round_results(round_: EvaluationRound) -> RoundResults:
    """The results of ``round_`` as anyone may see them (aggregates, once published)."""
    asked = instrument(round_.instrument_key)
    online, paper = counts(round_)
    published = round_.status == RoundStatus.CLOSED and online + paper >= MIN_ANSWERS
    items: tuple[ItemResult, ...] = ()
    if published:
        rows = list(round_.responses.values_list("answers", flat=True))
        items = tuple(tally(item, rows, len(rows)) for item in asked.items_for(Moment(round_.kind)))
    return RoundResults(round_, asked, online, paper, published, items)


@dataclass(frozen=True)
class Comparison:
    """One X2 question at the start and at the end: (option, start cell, end cell) rows."""

    item: Item
    start: ItemResult
    end: ItemResult

    @property
    def rows(self) -> list[tuple[Option, Cell | None, Cell | None]]:
        """One row per answer option, with each round's cell (None when withheld)."""
        starts = {cell.option.key: cell for cell in self.start.cells}
        ends = {cell.option.key: cell for cell in self.end.cells}
        return [
            (option, starts.get(option.key), ends.get(option.key)) for option in self.item.options
        ]


def compare(start: RoundResults | None, end: RoundResults | None) -> list[Comparison]:
    """The X2 questions of two published rounds of the same instrument, side by side."""
    if start is None or end is None or not (start.published and end.published):
        return []
    if start.round.instrument_sha256 != end.round.instrument_sha256:
        return []
    ends = {result.item.key: result for result in end.items}
    return [
        Comparison(result.item, result, ends[result.item.key])
        for result in start.items
        if result.item.x2 and result.item.key in ends
    ]


CSV_HEADER = (
    "round",
    "instrument",
    "version",
    "question_key",
    "question",
    "answer_key",
    "answer",
    "count",
    "percent_of_answers",
    "note",
)


def results_csv(results: Iterable[RoundResults]) -> str:
    """The published aggregates as CSV: one row per answer option (and per skipped or
    withheld question), preceded by each round's counts."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for result in results:
        round_ = result.round
        head = (round_.kind, result.instrument.key, result.instrument.version)
        for key, label, value in (
            ("online", "Questionnaires answered online", result.online),
            ("paper", "Questionnaires answered on paper", result.paper),
            ("eligible", "Members asked", round_.eligible),
        ):
            writer.writerow((*head, "_round", "Round", key, label, value, "", ""))
        if not result.published:
            note = "open" if round_.status == RoundStatus.OPEN else f"fewer than {MIN_ANSWERS}"
            writer.writerow((*head, "_round", "Round", "", "", "", "", f"not published: {note}"))
            continue
        for item_result in result.items:
            item = item_result.item
            if item_result.withheld:
                writer.writerow(
                    (
                        *head,
                        item.key,
                        item.text,
                        "",
                        "",
                        "",
                        "",
                        f"withheld: {item_result.withheld}",
                    )
                )
                continue
            for cell in item_result.cells:
                writer.writerow(
                    (
                        *head,
                        item.key,
                        item.text,
                        cell.option.key,
                        cell.option.label,
                        cell.count,
                        f"{cell.percent:.1f}",
                        "",
                    )
                )
            writer.writerow(
                (*head, item.key, item.text, "_skipped", "No answer", item_result.skipped, "", "")
            )
    return out.getvalue()


def process_results(rounds: Iterable[EvaluationRound]) -> dict[str, RoundResults]:
    """Each round's results by kind ("start", "end")."""
    return {RoundKind(row.kind).value: round_results(row) for row in rounds}
