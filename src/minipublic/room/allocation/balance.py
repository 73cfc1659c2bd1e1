"""A balanced seating for each session: a quick local search, then HiGHS if it falls short.

A random greedy seating (pins first, then large groups and people who must sit apart,
each to the table furthest below its size) is improved by random swaps and moves that
never increase the number of people outside their fair range. Zero is a proof of
optimality; anything else goes to the integer programme (``balance_mip``), which starts
from the local search's seating and either proves it optimal or improves it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from minipublic.room.allocation.balance_mip import solve_balance
from minipublic.room.allocation.model import SessionModel
from minipublic.room.allocation.seating import SessionState

# Moves tried per free unit before the integer programme takes over.
DESCENT_MOVES_PER_UNIT = 150


@dataclass(frozen=True)
class BalancedSession:
    """A seating (table per unit) with its people outside their fair range and a lower
    bound on that number over all seatings (equal when the seating is proven best)."""

    table_of: tuple[int, ...]
    outside: int
    lower_bound: int
    used_solver: bool


def greedy_seating(session: SessionModel, rng: random.Random) -> list[int] | None:
    """A random seating that respects sizes, pins and apart groups, or None if the greedy
    order paints itself into a corner (the integer programme then decides)."""
    tables = session.tables
    table_of = list(session.pinned)
    size = [0] * tables
    apart_at = [set[int]() for _ in range(tables)]
    groups_of: dict[int, list[int]] = {}
    for g, group in enumerate(session.apart):
        for u in group:
            groups_of.setdefault(u, []).append(g)
    for u, table in enumerate(table_of):
        if table >= 0:
            size[table] += len(session.units[u])
            apart_at[table].update(groups_of.get(u, ()))
    free = [u for u, table in enumerate(table_of) if table < 0]
    rng.shuffle(free)
    free.sort(key=lambda u: (-len(session.units[u]), -len(groups_of.get(u, ()))))
    for u in free:
        weight, groups = len(session.units[u]), groups_of.get(u, [])
        fits = [
            t
            for t in range(tables)
            if size[t] + weight <= session.hi[t] and not apart_at[t].intersection(groups)
        ]
        if not fits:
            return None
        rng.shuffle(fits)
        table = max(fits, key=lambda t: (session.lo[t] - size[t], session.hi[t] - size[t]))
        table_of[u] = table
        size[table] += weight
        apart_at[table].update(groups)
    if any(size[t] < session.lo[t] for t in range(tables)):
        return None
    return table_of


def descend(state: SessionState, rng: random.Random, moves: int) -> None:
    """Random swaps and moves that never add people outside their fair range, until none
    is left outside or ``moves`` have been tried."""
    free, tables = state.free, state.session.tables
    if not free or tables < 2:
        return
    for _ in range(moves):
        if state.deviation == 0:
            return
        a = free[int(rng.random() * len(free))]
        t2 = int(rng.random() * (tables - 1))
        if t2 >= state.table_of[a]:
            t2 += 1
        there = state.movable[t2]
        b = there[int(rng.random() * len(there))] if there and rng.random() < 0.9 else -1
        if state.allowed(a, b, t2) and state.balance_change(a, b, t2) <= 0:
            state.apply(a, b, t2)


def balance_session(session: SessionModel, rng: random.Random, effort: float) -> BalancedSession:
    """The best-balanced seating found for ``session`` (proven best when ``outside`` equals
    ``lower_bound``)."""
    start = greedy_seating(session, rng)
    if start is not None:
        state = SessionState(session, start)
        descend(state, rng, int(effort * DESCENT_MOVES_PER_UNIT * max(1, len(state.free))))
        if state.deviation == 0:
            return BalancedSession(tuple(state.table_of), 0, 0, used_solver=False)
        start = state.table_of
    result = solve_balance(session, rng.randrange(2**31), start)
    if start is not None and result.outside > SessionState(session, start).deviation:
        # Only possible if the solver stopped early without using the start.
        kept = SessionState(session, start)
        return BalancedSession(tuple(start), kept.deviation, result.lower_bound, True)
    return BalancedSession(result.table_of, result.outside, result.lower_bound, True)
