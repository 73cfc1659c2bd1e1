"""Table allocation in the platform: from the room to the engine and back to the seats.

``build_problem`` turns a process's attendees (``roster``), the sessions and features the
team chose, its pins and groups, and the seats of its other sessions (as earlier seatings,
so that people meet new faces) into a ``room.allocation.Problem``. ``run_allocation``
runs the engine and keeps the run (a proposal, ``do_record_allocation``);
``do_apply_allocation`` writes a run's
seating as the sessions' seats and records the allocation, with its score, in the public
ledger (numbers only: no attendee key, no name). Pins and groups are the team's
settings, kept between runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Max

from minipublic import clock
from minipublic.deliberation.models import (
    AllocationRun,
    GroupKind,
    Seat,
    Session,
    TableGroup,
    TablePin,
)
from minipublic.deliberation.roster import Attendee, roster
from minipublic.deliberation.seating import do_seat_session
from minipublic.deliberation.sessions import TABLES_MAX, do_set_tables
from minipublic.integrity.record import append
from minipublic.lifecycle import Action, LifecycleError
from minipublic.processes.access import Actor, performs, require
from minipublic.processes.actions import _actor_role, _person
from minipublic.processes.models import Process
from minipublic.recruitment.models import Feature
from minipublic.room import allocation as engine

SEED_MAX = 100
#: How hard the engine searches (``room.allocation.allocate``'s ``effort``); the tests
#: lower it to keep the suite quick.
EFFORT = 1.0
NOTE_MAX = 200
#: Parameters of the engine's errors that hold attendee keys (shown as names instead).
_KEY_PARAMS = ("attendee", "first", "second")


@dataclass(frozen=True)
class RunRequest:
    """What the team asks for: session numbers, features, tables per session, optional
    seats at each table (table 1 first), seed (empty: one made from the run number) and
    the balance slack (people per session who may sit outside their fair range so that
    everyone meets more people; see ``room.allocation.Problem``)."""

    sessions: tuple[int, ...]
    features: tuple[str, ...]
    tables: int
    capacities: tuple[int, ...] = ()
    seed: str = ""
    slack: int = 0


def available_features(process: Process, attendees: Sequence[Attendee]) -> dict[str, str]:
    """The features the room can be balanced on (name to the question that asked it):
    the process's registration questions first, then any other answer the members have."""
    answered = {name for attendee in attendees for name in attendee.features}
    found = {
        feature.name: feature.question
        for feature in Feature.objects.filter(process=process)
        if feature.name in answered
    }
    for name in sorted(answered - set(found)):
        found[name] = name
    return found


def _history(process: Process, excluded: Iterable[int], keys: set[str]) -> list[tuple[str, ...]]:
    """The tables of the other sessions' seats: who has sat (or will sit) with whom."""
    tables: dict[tuple[int, int], list[str]] = {}
    seats = Seat.objects.filter(session__process=process).exclude(session__number__in=excluded)
    for key, session, table in seats.values_list("attendee", "session__number", "table__number"):
        if key in keys:
            tables.setdefault((session, table), []).append(key)
    return [tuple(sorted(members)) for _, members in sorted(tables.items()) if len(members) > 1]


def build_problem(
    process: Process, request: RunRequest, attendees: Sequence[Attendee]
) -> engine.Problem:
    """The allocation problem for ``request`` (pins and groups of people no longer in the
    room are left out)."""
    keys = {attendee.key for attendee in attendees}
    sessions = list(Session.objects.filter(process=process, number__in=request.sessions))
    pins = TablePin.objects.filter(session__in=sessions).select_related("session")
    groups = TableGroup.objects.filter(process=process)

    def kept(members: Iterable[str]) -> tuple[str, ...]:
        return tuple(key for key in members if key in keys)

    return engine.Problem(
        attendees=tuple(engine.Attendee(a.key, a.features) for a in attendees),
        features=request.features,
        sessions=tuple(
            engine.SessionPlan(str(s.number), tables=request.tables, capacities=request.capacities)
            for s in sorted(sessions, key=lambda s: s.number)
        ),
        pins=tuple(
            engine.Pin(pin.attendee, str(pin.session.number), pin.table)
            for pin in pins
            if pin.attendee in keys
        ),
        together=tuple(kept(g.members) for g in groups if g.kind == GroupKind.TOGETHER),
        apart=tuple(kept(g.members) for g in groups if g.kind == GroupKind.APART),
        history=tuple(_history(process, request.sessions, keys)),
        balance_slack=request.slack,
    )


def refusal(error: engine.AllocationError, names: Mapping[str, str]) -> LifecycleError:
    """The engine's refusal as a platform error, with people's names instead of keys."""
    params: dict[str, Any] = dict(error.params)
    for name in _KEY_PARAMS:
        if name in params:
            params[name] = names.get(str(params[name]), params[name])
    return LifecycleError(error.code, error.message, **params)


def _check(process: Process, request: RunRequest, features: Mapping[str, str]) -> None:
    if not request.sessions:
        raise LifecycleError("allocation_needs_sessions", "Choose at least one session.")
    known = set(Session.objects.filter(process=process).values_list("number", flat=True))
    for number in request.sessions:
        if number not in known:
            raise LifecycleError(
                "allocation_session_unknown", "There is no session {number}.", number=number
            )
    for feature in request.features:
        if feature not in features:
            raise LifecycleError(
                "allocation_feature_unknown",
                "Nobody in the room answered {feature}.",
                feature=feature,
            )
    if not 1 <= request.tables <= TABLES_MAX:
        raise LifecycleError(
            "allocation_tables_out_of_range",
            "Choose between 1 and {limit} tables.",
            limit=TABLES_MAX,
        )
    if request.capacities and len(request.capacities) != request.tables:
        raise LifecycleError(
            "allocation_capacities_mismatch",
            "Give the seats of each of the {tables} tables: {given} numbers were given.",
            tables=request.tables,
            given=len(request.capacities),
        )
    if len(request.seed) > SEED_MAX:
        raise LifecycleError(
            "allocation_seed_too_long", "A seed has at most {limit} characters.", limit=SEED_MAX
        )


@dataclass(frozen=True)
class Proposal:
    """A seating the engine found for ``problem``, not yet recorded."""

    request: RunRequest
    seed: str
    problem: engine.Problem
    allocation: engine.Allocation


def run_allocation(actor: Actor, process: Process, request: RunRequest) -> AllocationRun:
    """Check access, run the engine on ``request`` and keep the run (nothing is seated
    until it is applied). The engine runs before the process is locked, so that the
    seconds it takes on a large room hold up nobody else's changes."""
    require(actor, Action.ALLOCATE_TABLES, process)
    attendees = roster(process)
    _check(process, request, available_features(process, attendees))
    last = AllocationRun.objects.filter(process=process).aggregate(last=Max("number"))["last"]
    seed = request.seed.strip() or f"{process.slug}-{(last or 0) + 1}"
    problem = build_problem(process, request, attendees)
    try:
        allocation = engine.allocate(problem, seed=seed, effort=EFFORT)
    except engine.AllocationError as error:
        raise refusal(error, {a.key: a.name for a in attendees}) from None
    return do_record_allocation(actor, process, Proposal(request, seed, problem, allocation))


@performs(Action.ALLOCATE_TABLES)
def do_record_allocation(actor: Actor, process: Process, proposal: Proposal) -> AllocationRun:
    """Keep the engine's proposal as the next run, if the room, pins and groups it was
    computed for are still those in force."""
    if build_problem(process, proposal.request, roster(process)) != proposal.problem:
        raise LifecycleError(
            "allocation_changed",
            "The room, the pins or the groups changed while the allocation ran: run it again.",
        )
    last = AllocationRun.objects.filter(process=process).aggregate(last=Max("number"))["last"]
    problem, allocation = proposal.problem, proposal.allocation
    return AllocationRun.objects.create(
        process=process,
        number=(last or 0) + 1,
        made_at=clock.now(),
        made_by=_person(actor),
        made_by_role=_actor_role(actor, process, Action.ALLOCATE_TABLES),
        sessions=sorted(proposal.request.sessions),
        features=list(proposal.request.features),
        tables=proposal.request.tables,
        capacities=list(proposal.request.capacities),
        seed=proposal.seed,
        balance_slack=proposal.request.slack,
        pins=[[p.attendee, int(p.session), p.table] for p in problem.pins],
        together=[list(g) for g in problem.together if len(g) > 1],
        apart=[list(g) for g in problem.apart if len(g) > 1],
        seating={key: [list(t) for t in tables] for key, tables in allocation.seating.items()},
        report=allocation.report.to_dict(),
    )


def _session(process: Process, number: int) -> Session:
    session = Session.objects.filter(process=process, number=number).first()
    if session is None:
        raise LifecycleError(
            "allocation_session_gone", "Session {number} no longer exists.", number=number
        )
    return session


def _ledger_payload(run: AllocationRun, runs_before: int) -> dict[str, Any]:
    report = run.report
    mixing = report["mixing"]
    return {
        "run": run.number,
        "runs_since_last_applied": runs_before,
        "sessions": run.sessions,
        "features": run.features,
        "tables_per_session": run.tables,
        "capacities": run.capacities,
        "attendees": report["attendees"],
        "pins": len(run.pins),
        "groups_together": len(run.together),
        "groups_apart": len(run.apart),
        "score": report["score"],
        "people_outside_fair_range": sum(s["people_outside"] for s in report["sessions"]),
        "balance_best_possible": report["balance_best_possible"],
        "balance_slack": run.balance_slack,
        "distinct_pairs": mixing["distinct_pairs"],
        "distinct_pairs_upper_bound": mixing["upper_bound"],
        "repeated_pairs": mixing["repeated_pairs"],
        "most_meetings": mixing["most_meetings"],
        "seed": run.seed,
        "method": report["method"],
        "engine_version": report["engine_version"],
    }


@performs(Action.ALLOCATE_TABLES)
def do_apply_allocation(actor: Actor, process: Process, run: AllocationRun) -> None:
    """Seat the run's sessions as it proposes (tables added or removed to match; pinned
    people's seats marked pinned) and record the allocation in the ledger."""
    if run.process_id != process.pk:
        raise LifecycleError("allocation_run_elsewhere", "That allocation belongs elsewhere.")
    if run.applied_at is not None:
        raise LifecycleError(
            "allocation_already_applied",
            "Allocation {number} has already been applied: run the allocation again to "
            "change the seating.",
            number=run.number,
        )
    here = {attendee.key for attendee in roster(process)}
    for number in run.sessions:
        seated = {key for members in run.seating[str(number)] for key in members}
        if seated != here:
            raise LifecycleError(
                "allocation_room_changed",
                "People joined or left the room since allocation {number} was made: run the "
                "allocation again.",
                number=run.number,
            )
    for number in run.sessions:
        session = _session(process, number)
        tables = run.seating[str(number)]
        if session.tables.count() < len(tables):
            do_set_tables(actor, process, session, len(tables))
        placements = {key: t for t, members in enumerate(tables, start=1) for key in members}
        pinned = frozenset(key for key, at, _ in run.pins if at == number)
        do_seat_session(actor, process, session, placements, pinned=pinned)
        if session.tables.count() > len(tables):
            do_set_tables(actor, process, session, len(tables))
    last_applied = (
        AllocationRun.objects.filter(process=process, applied_at__isnull=False).aggregate(
            last=Max("number")
        )["last"]
        or 0
    )
    runs_before = run.number - last_applied
    run.applied_at = clock.now()
    run.applied_by_role = _actor_role(actor, process, Action.ALLOCATE_TABLES)
    run.save(update_fields=["applied_at", "applied_by_role"])
    append(process, run.applied_by_role, "tables.allocated", _ledger_payload(run, runs_before))


def _in_room(process: Process, keys: Iterable[str]) -> list[str]:
    known = {attendee.key for attendee in roster(process)}
    chosen = list(dict.fromkeys(keys))
    if not chosen or any(key not in known for key in chosen):
        raise LifecycleError("pin_attendee_unknown", "That person is not in the room.")
    return chosen


@performs(Action.ALLOCATE_TABLES)
def do_pin(actor: Actor, process: Process, session: Session, attendee: str, table: int) -> TablePin:
    """Keep ``attendee`` at ``table`` in ``session`` whenever the allocation runs."""
    if session.process_id != process.pk:
        raise LifecycleError("session_elsewhere", "That session belongs to another process.")
    _in_room(process, [attendee])
    if not 1 <= table <= TABLES_MAX:
        raise LifecycleError(
            "pin_table_out_of_range", "Choose a table between 1 and {limit}.", limit=TABLES_MAX
        )
    pin, _ = TablePin.objects.update_or_create(
        session=session, attendee=attendee, defaults={"table": table}
    )
    return pin


@performs(Action.ALLOCATE_TABLES)
def do_unpin(actor: Actor, process: Process, session: Session, attendee: str) -> None:
    """Let the allocation seat ``attendee`` anywhere in ``session`` again."""
    if session.process_id != process.pk:
        raise LifecycleError("session_elsewhere", "That session belongs to another process.")
    TablePin.objects.filter(session=session, attendee=attendee).delete()


@performs(Action.ALLOCATE_TABLES)
def do_add_group(
    actor: Actor, process: Process, kind: GroupKind | str, members: Sequence[str], note: str = ""
) -> TableGroup:
    """A group that sits together in every session, or whose members never share a table."""
    kind = GroupKind(kind)
    chosen = _in_room(process, members)
    if len(chosen) < 2:
        raise LifecycleError("group_needs_two", "A group needs at least two people.")
    note = " ".join(note.split())
    if len(note) > NOTE_MAX:
        raise LifecycleError(
            "group_note_too_long", "A note has at most {limit} characters.", limit=NOTE_MAX
        )
    return TableGroup.objects.create(process=process, kind=kind, members=chosen, note=note)


@performs(Action.ALLOCATE_TABLES)
def do_remove_group(actor: Actor, process: Process, group: TableGroup) -> None:
    """Forget a group."""
    if group.process_id != process.pk:
        raise LifecycleError("group_elsewhere", "That group belongs to another process.")
    group.delete()
