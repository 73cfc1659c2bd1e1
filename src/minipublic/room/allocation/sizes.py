"""How many people each table seats: as evenly as the capacities and pins allow."""

from __future__ import annotations

from collections.abc import Sequence


def _clamp(level: int, floor: int, ceiling: int | None) -> int:
    seats = max(level, floor)
    return seats if ceiling is None else min(seats, ceiling)


def size_bounds(
    people: int, pinned: Sequence[int], capacities: Sequence[int | None]
) -> tuple[list[int], list[int]]:
    """The fewest and most people each table may seat (``lo``, ``hi``; ``hi - lo <= 1``).

    Tables fill like water: every table holds the same *level* of people, except that a
    table never holds fewer than the people pinned to it nor more than its capacity
    (None: no limit). The level is the highest at which ``sum(lo) <= people``; one more
    gives ``hi`` (no more than ``lo`` plus the people left over once every table has its
    ``lo``), so ``sum(lo) <= people <= sum(hi)``. Without capacities or pins this is
    ``people // tables`` and one more. The caller has checked that the pins fit and that
    the capacities hold everybody.
    """

    def total(level: int) -> int:
        return sum(_clamp(level, p, c) for p, c in zip(pinned, capacities, strict=True))

    low, high = 0, people  # total(low) <= people always (pins are people too)
    while low < high:  # the largest level whose total does not exceed people
        middle = (low + high + 1) // 2
        if total(middle) <= people:
            low = middle
        else:
            high = middle - 1
    lo = [_clamp(low, p, c) for p, c in zip(pinned, capacities, strict=True)]
    spare = people - sum(lo)  # seats beyond ``lo`` that must be filled somewhere
    hi = [
        min(_clamp(low + 1, p, c), floor + spare)
        for p, c, floor in zip(pinned, capacities, lo, strict=True)
    ]
    return lo, hi
