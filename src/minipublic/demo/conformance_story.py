"""Conformance in the demo, as dated ``timeline.Step``s: the design, attestations, the label.

The climate assembly plans five weekends (ten days) and the council's answer within three
months; its lead practitioner states, when the terms are agreed, that the independent
team has the final say on the design, that the decision is open and that members' data
is protected, and, when deliberation starts, that members work in facilitated small
groups. With the verified public draw and the oversight panel, it passes every gate that
is due and carries the name "Citizens' Assembly".

The parks jury ran before the platform drew panels and was planned as seven Saturday
mornings (three and a half days): its page says plainly that the selection has no
evidence in the platform and that the time falls short of the model's four days.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal

from minipublic.accounts.models import User
from minipublic.conformance.actions import do_attest, do_reevaluate
from minipublic.lifecycle import ProcessModel
from minipublic.processes.access import SYSTEM
from minipublic.processes.actions import do_update_process
from minipublic.processes.design import PlannedDesign
from minipublic.processes.models import Process

Step = tuple[datetime, Callable[[], None]]

#: Each story's planned design: (day, design), set only if the process has none yet.
DESIGNS: dict[str, tuple[str, PlannedDesign]] = {
    "demo": (
        "2026-06-02",
        PlannedDesign(
            planned_days=Decimal(10), planned_hours=60, planned_meetings=5, response_days=90
        ),
    ),
    "demo-parks-jury": (
        "2025-01-14",
        PlannedDesign(
            planned_days=Decimal("3.5"), planned_hours=24, planned_meetings=7, response_days=60
        ),
    ),
}

#: The climate assembly's attestations: (day, hour, fact, value, note).
ATTESTATIONS: tuple[tuple[str, int, str, bool, str], ...] = (
    (
        "2026-07-06",
        11,
        "arms_length_final_say",
        True,
        "Clause 3 of the terms of engagement: the practitioner team decides the design after "
        "hearing the council and the oversight panel.",
    ),
    (
        "2026-07-06",
        11,
        "decision_open",
        True,
        "Cabinet minute of 30 June 2026: no option for net zero is ruled out in advance.",
    ),
    (
        "2026-07-06",
        11,
        "data_protection",
        True,
        "Data protection impact assessment agreed with the council's data protection officer.",
    ),
    (
        "2026-09-12",
        7,
        "facilitated_small_groups",
        True,
        "Tables of six to eight members, each with a trained facilitator.",
    ),
)
#: When the climate assembly is re-evaluated at the end of the demo's timeline.
FINAL_CHECK = "2026-11-20"


def _at(day: str, hour: int) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


def conformance_steps(process: Process, users: dict[str, User]) -> list[Step]:
    """The design, attestations and final evaluation of ``process`` (demo stories only)."""
    steps: list[Step] = []
    if process.slug in DESIGNS:
        day, design = DESIGNS[process.slug]
        steps.append((_at(day, 12), _designing(process, design)))
    if process.slug == "demo":
        lead = users["practitioner"]
        for minute, (day, hour, fact, value, note) in enumerate(ATTESTATIONS):
            moment = _at(day, hour).replace(minute=minute)
            steps.append((moment, _attesting(process, lead, fact, value, note)))
    if process.slug in DESIGNS:
        steps.append((_at(FINAL_CHECK, 6), _reevaluating(process)))
    return steps


def _designing(process: Process, design: PlannedDesign) -> Callable[[], None]:
    def plan() -> None:
        process.refresh_from_db()
        if process.planned_days is not None:
            return  # the process was created with a design already
        do_update_process(
            SYSTEM,
            process,
            title=process.title,
            question=process.question,
            commissioning_body=process.commissioning_body,
            model=ProcessModel(process.model),
            description=process.description,
            design=design,
        )

    return plan


def _attesting(
    process: Process, lead: User, fact: str, value: bool, note: str
) -> Callable[[], None]:
    def attest() -> None:
        process.refresh_from_db()
        do_attest(lead, process, fact=fact, value=value, note=note)

    return attest


def _reevaluating(process: Process) -> Callable[[], None]:
    def reevaluate() -> None:
        process.refresh_from_db()
        do_reevaluate(SYSTEM, process)

    return reevaluate
