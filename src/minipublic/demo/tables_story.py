"""The climate assembly's tables, as dated ``timeline.Step``s.

The facilitator first allocates the ten sessions balanced on all five of the members'
answers: every table is perfectly balanced, but the mixing score is poor (with 24
people at four tables, the best balance on five answers seats some pairs together in
every session — the report shows it). So they balance on gender, age and climate
concern, the answers that matter most at a climate table; group the two members who use
the hearing loop and pin one of them to table 1, where the loop is, in every session;
run again and apply. The public record gets the applied allocation's score (and that it
was the second run); the runs list keeps both.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from minipublic.accounts.models import User
from minipublic.deliberation.allocation import (
    RunRequest,
    available_features,
    do_add_group,
    do_apply_allocation,
    do_pin,
    run_allocation,
)
from minipublic.deliberation.models import GroupKind
from minipublic.deliberation.roster import roster
from minipublic.demo.room_content import TABLES_PER_SESSION
from minipublic.demo.room_story import LINKED_AT, SLUG
from minipublic.processes.models import Process

Step = tuple[datetime, Callable[[], None]]

#: Where the hearing loop is.
LOOP_TABLE = 1


#: The answers the applied allocation balances.
BALANCED = ("gender", "age", "climate_concern")


def _request(process: Process, features: tuple[str, ...] | None = None) -> RunRequest:
    every = tuple(available_features(process, roster(process)))
    return RunRequest(
        sessions=tuple(process.sessions.order_by("number").values_list("number", flat=True)),
        features=every if features is None else features,
        tables=TABLES_PER_SESSION,
    )


def _loop_users(process: Process) -> list[str]:
    # Two members of the panel (not among the demo's sign-in accounts) use the loop.
    unlinked = [a.key for a in roster(process) if a.user_id is None]
    return unlinked[3:5]


def tables_steps(process: Process, users: dict[str, User]) -> list[Step]:
    """The steps that allocate the climate assembly's tables (none for other processes)."""
    if process.slug != SLUG:
        return []
    facilitator = users["facilitator"]

    def first_run() -> None:
        run_allocation(facilitator, process, _request(process))

    def hearing_loop_and_apply() -> None:
        loop = _loop_users(process)
        do_add_group(
            facilitator,
            process,
            GroupKind.TOGETHER,
            loop,
            note="Both use the hearing loop, which covers table 1.",
        )
        for session in process.sessions.order_by("number"):
            do_pin(facilitator, process, session, loop[0], LOOP_TABLE)
        run = run_allocation(facilitator, process, _request(process, BALANCED))
        do_apply_allocation(facilitator, process, run)

    return [
        (LINKED_AT.replace(minute=52), first_run),
        (LINKED_AT.replace(minute=56), hearing_loop_and_apply),
    ]
