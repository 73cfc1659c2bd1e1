"""The checked, indexed form of a ``Problem`` that the solvers work on.

Attendees become indices; each feature value becomes a *cell* (a global index); people
who must sit together become one *unit* per session; each table gets the range of sizes
it may take. Every rule a problem can break is checked here, with a coded error that
says what to change.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from minipublic.room.allocation.data import (
    MAX_ATTENDEES,
    MAX_SESSIONS,
    MAX_SLACK,
    MAX_TABLES,
    NOT_GIVEN,
    Problem,
    SessionPlan,
)
from minipublic.room.allocation.errors import AllocationError
from minipublic.room.allocation.sizes import size_bounds

Cells = tuple[tuple[int, int], ...]
"""A unit's profile: (cell, how many of its members have that value)."""


@dataclass(frozen=True)
class SessionModel:
    """One session, ready to solve.

    ``units[u]`` are the attendee indices that sit together as unit ``u``; ``pinned[u]``
    is its table (0-based) or -1. Table ``t`` seats between ``lo[t]`` and ``hi[t]``
    people (never more than one apart). ``apart[g]`` lists the units no two of which
    may share a table. ``totals[c]`` counts the attendees present with cell ``c``.
    """

    key: str
    capacities: tuple[int | None, ...]
    present: tuple[int, ...]
    units: tuple[tuple[int, ...], ...]
    unit_cells: tuple[Cells, ...]
    pinned: tuple[int, ...]
    lo: tuple[int, ...]
    hi: tuple[int, ...]
    apart: tuple[tuple[int, ...], ...]
    totals: tuple[int, ...]

    @property
    def tables(self) -> int:
        """How many tables."""
        return len(self.lo)

    @property
    def n(self) -> int:
        """How many attendees are present."""
        return len(self.present)

    @property
    def cells(self) -> tuple[int, ...]:
        """The cells with at least one attendee present."""
        return tuple(c for c, total in enumerate(self.totals) if total)


@dataclass(frozen=True)
class Model:
    """The whole problem, indexed: attendees ``0..N-1``, cells, sessions, fixed meetings."""

    keys: tuple[str, ...]
    features: tuple[str, ...]
    cell_feature: tuple[int, ...]
    cell_value: tuple[str, ...]
    attendee_cells: tuple[tuple[int, ...], ...]
    sessions: tuple[SessionModel, ...]
    together: tuple[tuple[int, ...], ...]
    apart: tuple[tuple[int, ...], ...]
    history: tuple[tuple[int, ...], ...]

    @property
    def n(self) -> int:
        """How many attendees."""
        return len(self.keys)


def build_model(problem: Problem) -> Model:
    """Check ``problem`` and index it; raise ``AllocationError`` on the first fault."""
    keys = _attendee_keys(problem)
    if not 0 <= problem.balance_slack <= MAX_SLACK:
        raise AllocationError(
            "allocation_bad_slack",
            "The balance slack is a number of people from 0 to {limit}, not {slack}.",
            limit=MAX_SLACK,
            slack=problem.balance_slack,
        )
    index = {key: i for i, key in enumerate(keys)}
    features, cell_feature, cell_value, attendee_cells = _cells(problem)
    _check_sessions(problem.sessions)
    together = _merge_groups(_groups(problem.together, index, "a group that sits together"))
    apart = _groups(problem.apart, index, "a group that sits apart")
    history = _groups(problem.history, index, "the earlier seating")
    _check_apart_against_together(keys, together, apart)
    pins = _pins(problem, index)
    sessions = tuple(
        _session(plan, s, keys, index, attendee_cells, len(cell_value), together, apart, pins)
        for s, plan in enumerate(problem.sessions)
    )
    return Model(
        keys=keys,
        features=features,
        cell_feature=cell_feature,
        cell_value=cell_value,
        attendee_cells=attendee_cells,
        sessions=sessions,
        together=together,
        apart=apart,
        history=history,
    )


def _too_large(what: str, count: int, limit: int) -> AllocationError:
    return AllocationError(
        "allocation_too_large",
        "{count} {what} is more than the {limit} one allocation accepts.",
        what=what,
        count=count,
        limit=limit,
    )


def _attendee_keys(problem: Problem) -> tuple[str, ...]:
    if not problem.attendees:
        raise AllocationError("allocation_no_attendees", "There is nobody to seat.")
    if len(problem.attendees) > MAX_ATTENDEES:
        raise _too_large("attendees", len(problem.attendees), MAX_ATTENDEES)
    seen: set[str] = set()
    for position, attendee in enumerate(problem.attendees, start=1):
        if not attendee.key.strip():
            raise AllocationError(
                "allocation_blank_key", "Attendee {position} has no key.", position=position
            )
        if attendee.key in seen:
            raise AllocationError(
                "allocation_duplicate_attendee",
                "{attendee} is listed twice among the attendees.",
                attendee=attendee.key,
            )
        seen.add(attendee.key)
    return tuple(attendee.key for attendee in problem.attendees)


def _cells(
    problem: Problem,
) -> tuple[tuple[str, ...], tuple[int, ...], tuple[str, ...], tuple[tuple[int, ...], ...]]:
    features = problem.features
    available = sorted({name for a in problem.attendees for name in a.features})
    for position, feature in enumerate(features):
        if feature in features[:position]:
            raise AllocationError(
                "allocation_duplicate_feature",
                "The feature {feature} is chosen twice.",
                feature=feature,
            )
        if feature not in available:
            raise AllocationError(
                "allocation_unknown_feature",
                "No attendee has an answer for {feature}; features that can be balanced: "
                "{available}.",
                feature=feature,
                available=", ".join(available) or "none",
            )
    cell_feature: list[int] = []
    cell_value: list[str] = []
    cell_of: dict[tuple[int, str], int] = {}
    for f, feature in enumerate(features):
        for value in sorted(
            {a.features.get(feature, NOT_GIVEN).strip() for a in problem.attendees}
        ):
            cell_of[f, value] = len(cell_value)
            cell_feature.append(f)
            cell_value.append(value)
    attendee_cells = tuple(
        tuple(
            cell_of[f, a.features.get(feature, NOT_GIVEN).strip()]
            for f, feature in enumerate(features)
        )
        for a in problem.attendees
    )
    return features, tuple(cell_feature), tuple(cell_value), attendee_cells


def _check_sessions(plans: Sequence[SessionPlan]) -> None:
    if not plans:
        raise AllocationError("allocation_no_sessions", "There is no session to allocate.")
    if len(plans) > MAX_SESSIONS:
        raise _too_large("sessions", len(plans), MAX_SESSIONS)
    seen: set[str] = set()
    for plan in plans:
        if plan.key in seen:
            raise AllocationError(
                "allocation_duplicate_session",
                "Session {session} is listed twice.",
                session=plan.key,
            )
        seen.add(plan.key)
        if plan.table_count < 1:
            raise AllocationError(
                "allocation_no_tables",
                "Session {session} has no tables: give it at least one.",
                session=plan.key,
            )
        if plan.table_count > MAX_TABLES:
            raise _too_large("tables", plan.table_count, MAX_TABLES)
        for table, seats in enumerate(plan.capacities, start=1):
            if seats < 1:
                raise AllocationError(
                    "allocation_bad_capacity",
                    "Table {table} of session {session} has {capacity} seats: every table "
                    "needs at least one.",
                    session=plan.key,
                    table=table,
                    capacity=seats,
                )


def _groups(
    groups: Iterable[Sequence[str]], index: dict[str, int], where: str
) -> tuple[tuple[int, ...], ...]:
    found: list[tuple[int, ...]] = []
    for group in groups:
        members: list[int] = []
        for key in group:
            if key not in index:
                raise AllocationError(
                    "allocation_unknown_attendee",
                    "{where} names {attendee}, who is not among the attendees.",
                    where=where,
                    attendee=key,
                )
            if index[key] not in members:
                members.append(index[key])
        if len(members) > 1:
            found.append(tuple(sorted(members)))
    return tuple(found)


def _merge_groups(groups: tuple[tuple[int, ...], ...]) -> tuple[tuple[int, ...], ...]:
    """Groups that share a member sit together as one group."""
    parent: dict[int, int] = {}

    def root(i: int) -> int:
        while parent.setdefault(i, i) != i:
            i = parent[i]
        return i

    for group in groups:
        for member in group[1:]:
            parent[root(member)] = root(group[0])
    merged: dict[int, list[int]] = defaultdict(list)
    for i in sorted(parent):
        merged[root(i)].append(i)
    return tuple(sorted(tuple(members) for members in merged.values()))


def _check_apart_against_together(
    keys: tuple[str, ...], together: tuple[tuple[int, ...], ...], apart: tuple[tuple[int, ...], ...]
) -> None:
    group_of = {i: g for g, members in enumerate(together) for i in members}
    for members in apart:
        seen: dict[int, int] = {}
        for i in members:
            g = group_of.get(i)
            if g is None:
                continue
            if g in seen:
                raise AllocationError(
                    "allocation_apart_conflict",
                    "{first} and {second} must sit together and must sit apart: remove one "
                    "of the two rules.",
                    first=keys[seen[g]],
                    second=keys[i],
                )
            seen[g] = i


def _pins(problem: Problem, index: dict[str, int]) -> dict[tuple[int, int], int]:
    """(session, attendee) → table (0-based), after checking every pin."""
    sessions = {plan.key: s for s, plan in enumerate(problem.sessions)}
    pins: dict[tuple[int, int], int] = {}
    for pin in problem.pins:
        if pin.session not in sessions:
            raise AllocationError(
                "allocation_unknown_session",
                "A pin names session {session}, which is not being allocated.",
                session=pin.session,
            )
        if pin.attendee not in index:
            raise AllocationError(
                "allocation_unknown_attendee",
                "{where} names {attendee}, who is not among the attendees.",
                where="a pin",
                attendee=pin.attendee,
            )
        plan = problem.sessions[sessions[pin.session]]
        if not 1 <= pin.table <= plan.table_count:
            raise AllocationError(
                "allocation_unknown_table",
                "{attendee} is pinned to table {table} of session {session}, which has "
                "tables 1 to {tables}.",
                attendee=pin.attendee,
                table=pin.table,
                session=pin.session,
                tables=plan.table_count,
            )
        if pin.attendee in plan.absent:
            raise AllocationError(
                "allocation_pin_absent",
                "{attendee} is pinned in session {session} but will not be there.",
                attendee=pin.attendee,
                session=pin.session,
            )
        where = (sessions[pin.session], index[pin.attendee])
        if pins.get(where, pin.table - 1) != pin.table - 1:
            raise AllocationError(
                "allocation_pin_conflict",
                "{attendee} is pinned to tables {first} and {second} in session {session}: "
                "keep one of the two pins.",
                attendee=pin.attendee,
                first=pins[where] + 1,
                second=pin.table,
                session=pin.session,
            )
        pins[where] = pin.table - 1
    return pins


def _session(
    plan: SessionPlan,
    s: int,
    keys: tuple[str, ...],
    index: dict[str, int],
    attendee_cells: tuple[tuple[int, ...], ...],
    cell_count: int,
    together: tuple[tuple[int, ...], ...],
    apart: tuple[tuple[int, ...], ...],
    pins: dict[tuple[int, int], int],
) -> SessionModel:
    for key in plan.absent:
        if key not in index:
            raise AllocationError(
                "allocation_unknown_attendee",
                "{where} names {attendee}, who is not among the attendees.",
                where=f"the absences from session {plan.key}",
                attendee=key,
            )
    absent = {index[key] for key in plan.absent}
    present = tuple(i for i in range(len(keys)) if i not in absent)
    if not present:
        raise AllocationError(
            "allocation_nobody_present",
            "Everyone is marked absent from session {session}.",
            session=plan.key,
        )
    units = _units(present, together)
    pinned = tuple(_unit_pin(plan.key, s, unit, keys, pins) for unit in units)
    capacities: tuple[int | None, ...] = plan.capacities or (None,) * plan.tables
    _check_seats(plan, len(present), capacities)
    pinned_weight = [0] * len(capacities)
    for unit, table in zip(units, pinned, strict=True):
        if table >= 0:
            pinned_weight[table] += len(unit)
    _check_pins_fit(plan.key, pinned_weight, capacities)
    lo, hi = size_bounds(len(present), pinned_weight, capacities)
    unit_of = {i: u for u, unit in enumerate(units) for i in unit}
    apart_units = _apart_units(plan.key, keys, apart, unit_of, pinned, len(capacities))
    _check_unit_sizes(plan.key, keys, units, pinned, hi)
    totals = [0] * cell_count
    for i in present:
        for c in attendee_cells[i]:
            totals[c] += 1
    unit_cells = tuple(_profile(unit, attendee_cells) for unit in units)
    return SessionModel(
        key=plan.key,
        capacities=capacities,
        present=present,
        units=units,
        unit_cells=unit_cells,
        pinned=pinned,
        lo=tuple(lo),
        hi=tuple(hi),
        apart=apart_units,
        totals=tuple(totals),
    )


def _units(
    present: tuple[int, ...], together: tuple[tuple[int, ...], ...]
) -> tuple[tuple[int, ...], ...]:
    here = set(present)
    group_of: dict[int, tuple[int, ...]] = {}
    for group in together:
        members = tuple(i for i in group if i in here)
        for i in members:
            group_of[i] = members
    units: list[tuple[int, ...]] = []
    for i in present:
        members = group_of.get(i, (i,))
        if members[0] == i:
            units.append(members)
    return tuple(units)


def _unit_pin(
    session: str,
    s: int,
    unit: tuple[int, ...],
    keys: tuple[str, ...],
    pins: dict[tuple[int, int], int],
) -> int:
    table, by = -1, -1
    for i in unit:
        pin = pins.get((s, i))
        if pin is None:
            continue
        if table >= 0 and pin != table:
            raise AllocationError(
                "allocation_group_split_by_pins",
                "{first} and {second} must sit together but are pinned to tables "
                "{first_table} and {second_table} in session {session}.",
                first=keys[by],
                second=keys[i],
                first_table=table + 1,
                second_table=pin + 1,
                session=session,
            )
        table, by = pin, i
    return table


def _check_seats(plan: SessionPlan, present: int, capacities: tuple[int | None, ...]) -> None:
    if not plan.capacities and plan.tables > present:
        raise AllocationError(
            "allocation_too_many_tables",
            "Session {session} has {tables} tables for {attendees} attendees, so some would "
            "stay empty: use at most {attendees} tables.",
            session=plan.key,
            tables=plan.tables,
            attendees=present,
        )
    seats = sum(c for c in capacities if c is not None)
    if plan.capacities and seats < present:
        raise AllocationError(
            "allocation_capacity_short",
            "Session {session} has {seats} seats for {attendees} attendees: add {missing} "
            "seats or another table.",
            session=plan.key,
            seats=seats,
            attendees=present,
            missing=present - seats,
        )


def _check_pins_fit(session: str, pinned: list[int], capacities: tuple[int | None, ...]) -> None:
    for table, (weight, seats) in enumerate(zip(pinned, capacities, strict=True), start=1):
        if seats is not None and weight > seats:
            raise AllocationError(
                "allocation_pins_exceed_table",
                "{pinned} people are pinned to table {table} of session {session}, which "
                "seats {capacity}: unpin some or give the table more seats.",
                pinned=weight,
                table=table,
                session=session,
                capacity=seats,
            )


def _apart_units(
    session: str,
    keys: tuple[str, ...],
    apart: tuple[tuple[int, ...], ...],
    unit_of: dict[int, int],
    pinned: tuple[int, ...],
    tables: int,
) -> tuple[tuple[int, ...], ...]:
    found: list[tuple[int, ...]] = []
    for group in apart:
        members = [i for i in group if i in unit_of]
        if len(members) < 2:
            continue
        if len(members) > tables:
            raise AllocationError(
                "allocation_apart_too_large",
                "{size} people who must sit apart are at session {session}, which has only "
                "{tables} tables.",
                size=len(members),
                session=session,
                tables=tables,
            )
        at: dict[int, int] = {}
        for i in members:
            table = pinned[unit_of[i]]
            if table >= 0 and table in at:
                raise AllocationError(
                    "allocation_apart_pinned_together",
                    "{first} and {second} must sit apart but are both pinned to table "
                    "{table} of session {session}.",
                    first=keys[at[table]],
                    second=keys[i],
                    table=table + 1,
                    session=session,
                )
            if table >= 0:
                at[table] = i
        found.append(tuple(unit_of[i] for i in members))
    return tuple(found)


def _check_unit_sizes(
    session: str,
    keys: tuple[str, ...],
    units: tuple[tuple[int, ...], ...],
    pinned: tuple[int, ...],
    hi: list[int],
) -> None:
    largest = max(hi)
    for unit, table in zip(units, pinned, strict=True):
        if table < 0 and len(unit) > largest:
            raise AllocationError(
                "allocation_group_too_large",
                "The {size} people who sit with {attendee} must share a table, but tables in "
                "session {session} seat at most {largest}: pin the group to a table (it will "
                "be given more seats if it has no set capacity) or use fewer tables.",
                size=len(unit),
                attendee=keys[unit[0]],
                session=session,
                largest=largest,
            )


def _profile(unit: tuple[int, ...], attendee_cells: tuple[tuple[int, ...], ...]) -> Cells:
    counts: dict[int, int] = defaultdict(int)
    for i in unit:
        for c in attendee_cells[i]:
            counts[c] += 1
    return tuple(sorted(counts.items()))
