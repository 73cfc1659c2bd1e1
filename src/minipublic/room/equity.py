"""Speaking time and its equity, for one group of members (a table, or a whole session).

Input is plain data: who the members are, and the turns recorded (person, start, end,
in seconds on any common clock). A person's speaking time is the *union* of their
turns: two facilitators recording the same turn at once, or a turn sent twice, count
once. Everybody in the group counts, silent members included (as zero), because leaving
them out would make an unequal group look fair.

The figures:

- each member's seconds, their share of the group's talk and that share divided by the
  fair share 1/N (1.0 is exactly fair, 2.0 twice their share, 0 silent);
- the Gini coefficient of the members' seconds, G = sum_i sum_j |x_i - x_j| / (2 N^2 mean):
  0 when everybody spoke equally, (N - 1)/N when one person did all the talking;
- who has not spoken, and the share of members who did.

No Django here: ``deliberation.speaking_figures`` feeds it the stored turns.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class SpokenTurn:
    """One turn of ``person``, from ``start`` to ``end`` (seconds; ``end < start`` counts
    as nothing)."""

    person: str
    start: float
    end: float


def union_seconds(intervals: Iterable[tuple[float, float]]) -> float:
    """The length of the union of ``intervals`` (start, end): overlapping or repeated
    stretches count once, empty or reversed ones not at all."""
    spans = sorted((start, end) for start, end in intervals if end > start)
    total = 0.0
    current_start: float | None = None
    current_end = 0.0
    for start, end in spans:
        if current_start is None or start > current_end:
            if current_start is not None:
                total += current_end - current_start
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    if current_start is not None:
        total += current_end - current_start
    return total


def gini(values: Sequence[float]) -> float | None:
    """The Gini coefficient of ``values`` (each >= 0), zeros included.

    None when it is undefined: no values, or all of them zero (nobody spoke yet). Uses
    the sorted form sum_i (2i - n - 1) x_(i) / (n sum x), i = 1..n, equal to the mean
    absolute difference over twice the mean.
    """
    if any(value < 0 for value in values):
        raise ValueError("speaking times are never negative")
    count, total = len(values), float(sum(values))
    if count == 0 or total <= 0:
        return None
    weighted = sum((2 * rank - count - 1) * value for rank, value in enumerate(sorted(values), 1))
    # Rounding can leave a tiny negative for equal values; the coefficient is never below 0.
    return max(0.0, weighted / (count * total))


@dataclass(frozen=True)
class MemberTime:
    """One member's speaking time in a group.

    ``share`` is their part of the group's talk (None while nobody has spoken);
    ``to_fair_share`` is that share divided by 1/N.
    """

    person: str
    seconds: float
    share: float | None
    to_fair_share: float | None

    @property
    def spoke(self) -> bool:
        """Whether they have spoken at all."""
        return self.seconds > 0


@dataclass(frozen=True)
class Equity:
    """The speaking-time figures of one group, members in the order they were given."""

    members: tuple[MemberTime, ...]
    total_seconds: float
    gini: float | None

    @property
    def size(self) -> int:
        """N, the number of members (silent ones included)."""
        return len(self.members)

    @property
    def fair_share(self) -> float | None:
        """1/N, each member's share were the talk shared equally (None for no members)."""
        return 1 / self.size if self.size else None

    @property
    def silent(self) -> tuple[str, ...]:
        """The members who have not spoken, in the members' order."""
        return tuple(member.person for member in self.members if not member.spoke)

    @property
    def spoke_count(self) -> int:
        """How many members have spoken."""
        return self.size - len(self.silent)

    @property
    def spoke_share(self) -> float | None:
        """The share of members who have spoken (None for no members)."""
        return self.spoke_count / self.size if self.size else None

    @property
    def largest_to_fair_share(self) -> float | None:
        """The largest member's share divided by 1/N (None while nobody has spoken): how
        far the most talkative voice is above a fair share, without saying whose it is."""
        ratios = [m.to_fair_share for m in self.members if m.to_fair_share is not None]
        return max(ratios) if ratios else None


def equity(members: Iterable[str], turns: Iterable[SpokenTurn]) -> Equity:
    """The figures of a group of ``members`` from its ``turns``.

    Someone with turns who is not among ``members`` (they were moved to another table
    after speaking here) still belongs to the group: they come after the members, in
    sorted order. Each person's seconds are the union of their turns.
    """
    order = list(dict.fromkeys(members))
    spans: dict[str, list[tuple[float, float]]] = {person: [] for person in order}
    for turn in turns:
        spans.setdefault(turn.person, []).append((turn.start, turn.end))
    known = set(order)
    order += sorted(person for person in spans if person not in known)
    seconds = {person: union_seconds(spans[person]) for person in order}
    total = sum(seconds.values())
    size = len(order)
    rows = tuple(
        MemberTime(
            person=person,
            seconds=seconds[person],
            share=seconds[person] / total if total > 0 else None,
            to_fair_share=seconds[person] * size / total if total > 0 else None,
        )
        for person in order
    )
    return Equity(members=rows, total_seconds=total, gini=gini([seconds[p] for p in order]))
