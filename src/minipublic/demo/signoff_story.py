"""The oversight panel's sign-offs in the climate assembly, as dated ``timeline.Step``s.

Prof. Achterberg signs off the question while the assembly is being designed, signs off
the selection method and quotas once the lead practitioner has committed to the run and
before the public draw, signs off the list of witnesses in July, objects to the first
briefing on home heating (its sources were one-sided), signs off the briefing materials
once the corrected version is published, and signs off the witness list again once the
witnesses the members asked for are invited.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from minipublic.accounts.models import User
from minipublic.conformance.models import SignOffDecision, SignOffSubject
from minipublic.conformance.signoffs import do_sign_off
from minipublic.processes.models import Process

Step = tuple[datetime, Callable[[], None]]

#: The demo process whose oversight panel signs off (the others have no story yet).
SLUG = "demo"

# (day, hour, subject, decision, reasons), in the order of the demo's timeline.
DECISIONS: tuple[tuple[str, int, SignOffSubject, SignOffDecision, str], ...] = (
    (
        "2026-06-24",
        14,
        SignOffSubject.QUESTION,
        SignOffDecision.SIGNED_OFF,
        "The question is open: it asks how, not whether, and it leaves who pays to the "
        "members. The council confirmed that no option is ruled out in advance.",
    ),
    (
        "2026-07-22",
        11,
        SignOffSubject.WITNESSES,
        SignOffDecision.SIGNED_OFF,
        "Every session hears more than one view: the council's own plan is given by an "
        "officer as facts the members may question, not by a cabinet member, and the "
        "heat pump industry has one speaker, with his funding declared. Road charging is "
        "heard for and against.",
    ),
    (
        "2026-08-19",
        10,
        SignOffSubject.SELECTION,
        SignOffDecision.SIGNED_OFF,
        "A civic lottery in two stages, with quotas on gender, age, area, tenure and concern "
        "about climate change set from the 2021 census; the committed run is drawn in public.",
    ),
    (
        "2026-09-21",
        15,
        SignOffSubject.MATERIALS,
        SignOffDecision.OBJECTED,
        "The briefing on heating our homes takes its heat pump cost of £4,500 from "
        "installers' brochures alone and leaves out the new radiators most homes need; "
        "the other options are sourced more carefully. We ask for an independently sourced "
        "figure before members rely on it.",
    ),
    (
        "2026-09-25",
        11,
        SignOffSubject.MATERIALS,
        SignOffDecision.SIGNED_OFF,
        "Version 2 of the briefing corrects the heat pump cost to £7,500 including "
        "radiators; our objection of 21 September is met.",
    ),
    (
        "2026-10-02",
        18,
        SignOffSubject.WITNESSES,
        SignOffDecision.SIGNED_OFF,
        "The list now includes the two witnesses the members asked for: a tenant who lived "
        "through a retrofit, and Greenhaven's transport manager in place of its leader, who "
        "declined. The Chamber of Commerce's written evidence replaces its chief executive.",
    ),
)


def _at(day: str, hour: int) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


def signoff_steps(process: Process, users: dict[str, User]) -> list[Step]:
    """The oversight panel's decisions in ``process`` (only the climate assembly has them)."""
    if process.slug != SLUG:
        return []
    return [
        (_at(day, hour), _deciding(process, users["oversight"], subject, decision, reasons))
        for day, hour, subject, decision, reasons in DECISIONS
    ]


def _deciding(
    process: Process,
    oversight: User,
    subject: SignOffSubject,
    decision: SignOffDecision,
    reasons: str,
) -> Callable[[], None]:
    def decide() -> None:
        process.refresh_from_db()
        do_sign_off(oversight, process, subject=subject, decision=decision, reasons=reasons)

    return decide
