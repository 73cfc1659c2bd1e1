"""The quality of a seating, recomputed from the problem and the seating alone.

``evaluate`` checks the seating (everyone present seated exactly once per session, no
table over its capacity) and measures it, without trusting anything the solver kept:

* **balance** — for every session, table, feature and value present, the table's count
  against its fair range: the floor and ceiling of its proportional share (value count times
  table size divided by people present). Reported: how many such cells are within their range, the
  people outside (summed distance), the worst distance and the largest gap between a
  count and its share; and, per session, the fewest people outside any seating could
  have (when the engine proved it).
* **mixing** — pairs who share a table in some session; the distinct pairs against an
  upper bound (no more than the pairs that can meet, the table-sharing slots less the
  repeats that pins and groups force, and half the sum over people of the most others each
  could meet); pairs meeting more than once, the most times any pair meets (both leaving
  out pairs in a group that sits together, who meet at every session by rule), the fewest
  different people anyone meets, and pairs meeting again who already met earlier.
* **pins and groups** honoured.

The **score** a facilitator reads: *balance* is the percentage of cells within their fair
range, *mixing* the distinct pairs as a percentage of the upper bound, *overall* their mean.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from itertools import combinations
from typing import Any

from minipublic.room.allocation.data import Problem
from minipublic.room.allocation.errors import AllocationError
from minipublic.room.allocation.model import Model, build_model

Seating = Mapping[str, Sequence[Sequence[str]]]
"""Session key → its tables in order (table 1 first) → the attendee keys at each."""
Pair = tuple[int, int]


@dataclass(frozen=True)
class FeatureBalance:
    """How one feature is spread over every table of every session."""

    feature: str
    cells: int
    within: int
    people_outside: int
    worst_outside: int
    worst_gap: float


@dataclass(frozen=True)
class SessionBalance:
    """One session: table sizes, cells within range, people outside and the proven least."""

    session: str
    sizes: tuple[int, ...]
    cells: int
    within: int
    people_outside: int
    least_possible: int | None


@dataclass(frozen=True)
class Mixing:
    """Who meets whom across the sessions of this allocation."""

    pair_meetings: int
    distinct_pairs: int
    upper_bound: int
    repeated_pairs: int
    repeat_meetings: int
    most_meetings: int
    fewest_met: int
    met_before: int


@dataclass(frozen=True)
class Score:
    """Percentages a facilitator can compare between runs (100 is ideal)."""

    balance: float
    mixing: float
    overall: float


@dataclass(frozen=True)
class Report:
    """Everything measured about a seating, with how it was made."""

    score: Score
    features: tuple[FeatureBalance, ...]
    sessions: tuple[SessionBalance, ...]
    mixing: Mixing
    attendees: int
    tables: int
    pins: int
    pins_honoured: int
    together_groups: int
    together_honoured: int
    apart_groups: int
    apart_honoured: int
    balance_slack: int
    method: str
    seed: str
    engine_version: str
    steps: int
    seconds: float

    @property
    def balance_best_possible(self) -> bool:
        """Whether every session is proven to have the fewest people outside possible."""
        return all(
            s.least_possible is not None and s.people_outside <= s.least_possible
            for s in self.sessions
        )

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data."""
        data = asdict(self)
        data["balance_best_possible"] = self.balance_best_possible
        return data


def _bad(code: str, message: str, **params: Any) -> AllocationError:
    return AllocationError(f"allocation_seating_{code}", message, **params)


def _tables_of(model: Model, problem: Problem, seating: Seating) -> list[list[int]]:
    """Per session, the table (0-based) of each attendee (-1: absent); checks the seating."""
    index = {key: i for i, key in enumerate(model.keys)}
    found: list[list[int]] = []
    for plan, session in zip(problem.sessions, model.sessions, strict=True):
        tables = seating.get(plan.key)
        if tables is None:
            raise _bad(
                "no_session", "The seating has no tables for session {session}.", session=plan.key
            )
        if len(tables) != session.tables:
            raise _bad(
                "table_count",
                "Session {session} has {found} tables in the seating, {expected} in the plan.",
                session=plan.key,
                found=len(tables),
                expected=session.tables,
            )
        table_of = [-1] * model.n
        for t, members in enumerate(tables):
            capacity = session.capacities[t]
            if capacity is not None and len(members) > capacity:
                raise _bad(
                    "over_capacity",
                    "Table {table} of session {session} seats {count}, more than its {capacity}.",
                    table=t + 1,
                    session=plan.key,
                    count=len(members),
                    capacity=capacity,
                )
            for key in members:
                i = index.get(key, -1)
                if i < 0 or key in plan.absent or table_of[i] >= 0:
                    raise _bad(
                        "not_expected",
                        "{attendee} is seated in session {session} more than once or not "
                        "expected there.",
                        attendee=key,
                        session=plan.key,
                    )
                table_of[i] = t
        for i in session.present:
            if table_of[i] < 0:
                raise _bad(
                    "missing",
                    "{attendee} has no seat in session {session}.",
                    attendee=model.keys[i],
                    session=plan.key,
                )
        found.append(table_of)
    return found


def _balance(
    model: Model, tables_of: list[list[int]], least: Sequence[int | None]
) -> tuple[tuple[FeatureBalance, ...], tuple[SessionBalance, ...]]:
    per_feature = [[0, 0, 0, 0, 0.0] for _ in model.features]  # cells within people worst gap
    sessions: list[SessionBalance] = []
    for session, table_of, bound in zip(model.sessions, tables_of, least, strict=True):
        sizes = [0] * session.tables
        counts = [[0] * len(model.cell_value) for _ in range(session.tables)]
        for i in session.present:
            sizes[table_of[i]] += 1
            for c in model.attendee_cells[i]:
                counts[table_of[i]][c] += 1
        cells = within = people = 0
        for t, size in enumerate(sizes):
            if size == 0:
                continue
            for c in session.cells:
                share = session.totals[c] * size / session.n
                low, high = (
                    session.totals[c] * size // session.n,
                    -(-session.totals[c] * size // session.n),
                )
                count = counts[t][c]
                distance = max(0, low - count, count - high)
                figures = per_feature[model.cell_feature[c]]
                figures[0] += 1
                figures[1] += distance == 0
                figures[2] += distance
                figures[3] = max(figures[3], distance)
                figures[4] = max(figures[4], abs(count - share))
                cells, within, people = cells + 1, within + (distance == 0), people + distance
        sessions.append(SessionBalance(session.key, tuple(sizes), cells, within, people, bound))
    features = tuple(
        FeatureBalance(name, int(f[0]), int(f[1]), int(f[2]), int(f[3]), round(f[4], 2))
        for name, f in zip(model.features, per_feature, strict=True)
    )
    return features, tuple(sessions)


def _pairs_at(members: Sequence[int]) -> list[Pair]:
    return [(min(i, j), max(i, j)) for i, j in combinations(members, 2)]


def _forced_pairs(model: Model) -> dict[Pair, int]:
    """Per pair, the sessions in which pins or a together group seat them at one table."""
    forced: dict[Pair, int] = {}
    for session in model.sessions:
        pinned: dict[int, list[int]] = {}
        groups = [
            unit for unit, table in zip(session.units, session.pinned, strict=True) if table < 0
        ]
        for unit, table in zip(session.units, session.pinned, strict=True):
            if table >= 0:
                pinned.setdefault(table, []).extend(unit)
        for members in [*groups, *pinned.values()]:
            for pair in _pairs_at(members):
                forced[pair] = forced.get(pair, 0) + 1
    return forced


def _partners(model: Model) -> list[set[int]]:
    """Per attendee, everyone they could meet: present at a session with them and not in an
    apart group with them."""
    partners: list[set[int]] = [set() for _ in range(model.n)]
    for session in model.sessions:
        here = set(session.present)
        for i in session.present:
            partners[i] |= here
    for i in range(model.n):
        partners[i].discard(i)
    for group in model.apart:
        for i in group:
            partners[i].difference_update(group)
    return partners


def _mixing(model: Model, tables_of: list[list[int]]) -> Mixing:
    meetings: dict[Pair, int] = {}
    reach = [0] * model.n
    for session, table_of in zip(model.sessions, tables_of, strict=True):
        at: list[list[int]] = [[] for _ in range(session.tables)]
        for i in session.present:
            at[table_of[i]].append(i)
        for members in at:
            for i in members:
                reach[i] += len(members) - 1
            for pair in _pairs_at(members):
                meetings[pair] = meetings.get(pair, 0) + 1
    partners = _partners(model)
    total = sum(meetings.values())
    forced_repeats = sum(max(0, m - 1) for m in _forced_pairs(model).values())
    possible = sum(len(p) for p in partners) // 2
    personal = sum(min(len(partners[i]), reach[i]) for i in range(model.n)) // 2
    met = [0] * model.n
    for i, j in meetings:
        met[i] += 1
        met[j] += 1
    earlier = {pair for group in model.history for pair in _pairs_at(group)}
    grouped = {pair for group in model.together for pair in _pairs_at(group)}
    chosen = [m for pair, m in meetings.items() if pair not in grouped]
    return Mixing(
        pair_meetings=total,
        distinct_pairs=len(meetings),
        upper_bound=min(possible, total - forced_repeats, personal),
        repeated_pairs=sum(1 for m in chosen if m > 1),
        repeat_meetings=sum(m - 1 for m in chosen),
        most_meetings=max(chosen, default=0),
        fewest_met=min(met),
        met_before=len(earlier.intersection(meetings)),
    )


def _groups_honoured(
    model: Model, tables_of: list[list[int]], problem: Problem, index: dict[str, int]
) -> tuple[int, int, int]:
    pins = {(p.session, p.attendee, p.table) for p in problem.pins}
    session_index = {plan.key: s for s, plan in enumerate(problem.sessions)}
    pins_honoured = sum(
        1 for s, key, table in pins if tables_of[session_index[s]][index[key]] == table - 1
    )
    together = sum(
        1
        for group in model.together
        if all(len({table_of[i] for i in group if table_of[i] >= 0}) <= 1 for table_of in tables_of)
    )
    apart = 0
    for group in model.apart:
        seated = [[table_of[i] for i in group if table_of[i] >= 0] for table_of in tables_of]
        apart += all(len(set(tables)) == len(tables) for tables in seated)
    return pins_honoured, together, apart


def evaluate(
    problem: Problem,
    seating: Seating,
    *,
    least_outside: Sequence[int | None] | None = None,
    method: str = "",
    seed: str = "",
    engine_version: str = "",
    steps: int = 0,
    seconds: float = 0.0,
) -> Report:
    """Check ``seating`` against ``problem`` and measure it (see the module docstring).

    ``least_outside`` gives, per session, the proven fewest people outside their fair
    range (None where not proven). Raises ``AllocationError`` if the seating leaves
    someone out, seats someone twice or overfills a table.
    """
    model = build_model(problem)
    tables_of = _tables_of(model, problem, seating)
    least = list(least_outside) if least_outside is not None else [None] * len(model.sessions)
    features, sessions = _balance(model, tables_of, least)
    mixing = _mixing(model, tables_of)
    index = {key: i for i, key in enumerate(model.keys)}
    pins_honoured, together, apart = _groups_honoured(model, tables_of, problem, index)
    cells = sum(s.cells for s in sessions)
    balance = 100.0 * sum(s.within for s in sessions) / cells if cells else 100.0
    mixed = 100.0 * mixing.distinct_pairs / mixing.upper_bound if mixing.upper_bound else 100.0
    return Report(
        score=Score(round(balance, 1), round(mixed, 1), round((balance + mixed) / 2, 1)),
        features=features,
        sessions=sessions,
        mixing=mixing,
        attendees=model.n,
        tables=sum(s.tables for s in model.sessions),
        pins=len({(p.session, p.attendee, p.table) for p in problem.pins}),
        pins_honoured=pins_honoured,
        together_groups=len(model.together),
        together_honoured=together,
        apart_groups=len(model.apart),
        apart_honoured=apart,
        balance_slack=problem.balance_slack,
        method=method,
        seed=seed,
        engine_version=engine_version,
        steps=steps,
        seconds=round(seconds, 3),
    )
