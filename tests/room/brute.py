"""Independent reference tools for the allocation tests: rules restated, tiny cases enumerated.

Nothing here imports the engine's solving code (only its input dataclasses). A seating is
checked by counting; tiny problems are solved by enumerating every seating of every
session (``itertools.product``) and keeping the lexicographic best: fewest people outside
their fair range in each session, then the fewest repeated meetings across sessions.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from minipublic.room.allocation import NOT_GIVEN, Problem, SessionPlan

Tables = tuple[tuple[str, ...], ...]
Seating = Mapping[str, Sequence[Sequence[str]]]


def present(problem: Problem, plan: SessionPlan) -> list[str]:
    """The keys of the attendees at ``plan``'s session, in the problem's order."""
    return [a.key for a in problem.attendees if a.key not in plan.absent]


def value(problem: Problem, key: str, feature: str) -> str:
    """``key``'s answer for ``feature`` (NOT_GIVEN if none)."""
    attendee = next(a for a in problem.attendees if a.key == key)
    return attendee.features.get(feature, NOT_GIVEN).strip()


def people_outside(problem: Problem, plan: SessionPlan, tables: Sequence[Sequence[str]]) -> int:
    """People outside their fair range, summed over tables, features and values: a table
    seating z of the n present should have between floor and ceil of n_v * z / n of the n_v
    people with value v."""
    here = present(problem, plan)
    n, outside = len(here), 0
    for feature in problem.features:
        totals = Counter(value(problem, key, feature) for key in here)
        for members in tables:
            counts = Counter(value(problem, key, feature) for key in members)
            for v, total in totals.items():
                share_low = total * len(members) // n
                share_high = -(-total * len(members) // n)
                outside += max(0, share_low - counts[v], counts[v] - share_high)
    return outside


def repeat_cost(problem: Problem, seating: Seating) -> int:
    """The sum over pairs of C(times they share a table, 2), earlier seatings included."""
    meets: Counter[frozenset[str]] = Counter()
    groups = [*problem.history, *(t for tables in seating.values() for t in tables)]
    for group in groups:
        for i, j in itertools.combinations(sorted(set(group)), 2):
            meets[frozenset((i, j))] += 1
    return sum(m * (m - 1) // 2 for m in meets.values())


def _session_problems(
    problem: Problem, plan: SessionPlan, tables: Sequence[Sequence[str]]
) -> list[str]:
    found: list[str] = []
    seated = [key for members in tables for key in members]
    if sorted(seated) != sorted(present(problem, plan)):
        found.append(f"{plan.key}: not everyone present seated exactly once")
    if len(tables) != plan.table_count:
        found.append(f"{plan.key}: {len(tables)} tables")
    for t, members in enumerate(tables):
        if plan.capacities and len(members) > plan.capacities[t]:
            found.append(f"{plan.key}: table {t + 1} over capacity")
    table_of = {key: t + 1 for t, members in enumerate(tables) for key in members}
    for pin in problem.pins:
        if pin.session == plan.key and table_of.get(pin.attendee) != pin.table:
            found.append(f"{plan.key}: pin of {pin.attendee} not honoured")
    return found + _group_problems(problem, plan, table_of)


def _group_problems(problem: Problem, plan: SessionPlan, table_of: dict[str, int]) -> list[str]:
    found: list[str] = []
    for group in problem.together:
        if len({table_of[k] for k in group if k in table_of}) > 1:
            found.append(f"{plan.key}: together group {group} split")
    for group in problem.apart:
        at = [table_of[k] for k in group if k in table_of]
        if len(set(at)) < len(at):
            found.append(f"{plan.key}: apart group {group} shares a table")
    return found


def problems_with(problem: Problem, seating: Seating) -> list[str]:
    """Every hard rule the seating breaks (empty: none), described."""
    return [
        fault
        for plan in problem.sessions
        for fault in _session_problems(problem, plan, seating[plan.key])
    ]


def sizes_differ_by_at_most_one(seating: Seating) -> bool:
    """Whether, in every session, the table sizes differ by at most one."""
    return all(max(map(len, tables)) - min(map(len, tables)) <= 1 for tables in seating.values())


def pinned_counts(problem: Problem, plan: SessionPlan) -> list[int]:
    """People each table must seat: those pinned to it and their together groups."""
    here = set(present(problem, plan))
    at: list[set[str]] = [set() for _ in range(plan.table_count)]
    for pin in problem.pins:
        if pin.session == plan.key:
            at[pin.table - 1].add(pin.attendee)
            for group in problem.together:
                if pin.attendee in group:
                    at[pin.table - 1].update(k for k in group if k in here)
    return [len(people) for people in at]


def most_even(problem: Problem, plan: SessionPlan) -> int | None:
    """The least sum of squared table sizes over all sizes that seat everyone present,
    no table below its pinned people or above its capacity ("as even as possible")."""
    n = len(present(problem, plan))
    floors = pinned_counts(problem, plan)
    caps = plan.capacities or (n,) * plan.table_count
    totals = [
        sum(s * s for s in sizes)
        for sizes in itertools.product(
            *(range(f, c + 1) for f, c in zip(floors, caps, strict=True))
        )
        if sum(sizes) == n
    ]
    return min(totals, default=None)


def session_seatings(problem: Problem, plan: SessionPlan) -> Iterator[Tables]:
    """Every seating of one session with sizes as even as possible, pins and groups honoured."""
    here = present(problem, plan)
    count = plan.table_count
    even = most_even(problem, plan)
    single = Problem(
        problem.attendees,
        problem.features,
        (plan,),
        tuple(p for p in problem.pins if p.session == plan.key),
        problem.together,
        problem.apart,
    )
    for choice in itertools.product(range(count), repeat=len(here)):
        tables = tuple(
            tuple(k for k, c in zip(here, choice, strict=True) if c == t) for t in range(count)
        )
        if even is None or sum(len(members) ** 2 for members in tables) != even:
            continue
        if not problems_with(single, {plan.key: tables}):
            yield tables


@dataclass(frozen=True)
class Optimum:
    """The brute-force best: per session the fewest people outside, then the least repeats."""

    outside: tuple[int, ...]
    repeat_cost: int


def optimum(problem: Problem) -> Optimum | None:
    """The lexicographic optimum of a tiny problem (None: no seating at all)."""
    best_per_session: list[list[Tables]] = []
    outside: list[int] = []
    for plan in problem.sessions:
        scored = [(people_outside(problem, plan, t), t) for t in session_seatings(problem, plan)]
        if not scored:
            return None
        least = min(score for score, _ in scored)
        outside.append(least)
        # relabelling tables changes no meeting: keep one seating per partition
        partitions = {frozenset(frozenset(m) for m in t): t for s, t in scored if s == least}
        best_per_session.append(list(partitions.values()))
    keys = [plan.key for plan in problem.sessions]
    cost = min(
        repeat_cost(problem, dict(zip(keys, combo, strict=True)))
        for combo in itertools.product(*best_per_session)
    )
    return Optimum(tuple(outside), cost)
