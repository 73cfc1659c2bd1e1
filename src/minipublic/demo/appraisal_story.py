"""The lead practitioner's appraisals of the demo commissions, as dated ``timeline.Step``s.

Climate assembly, while it is being designed: Riverford City Council first asks for a
non-disclosure agreement on the briefing materials and to "review" the members' report
before publication (two red lines), and offers four days of deliberation. The
negotiation record shows the NDA dropped, the report review withdrawn, and the time
raised to the planned five weekends (ten days, sixty hours); the final appraisal is then
published among the assembly's documents. Parks jury (2025): the council would not fund
more than four Saturdays; the practitioner recorded the refusal, accepted the commission
with that red flag, kept the appraisal unpublished while the jury sat, and published it
once the jurors' report was handed over. Transport jury: a draft appraisal in progress,
half answered. No red line is ever overridden in the demo.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from minipublic.accounts.models import User
from minipublic.commissioning.actions import (
    do_finalise_appraisal,
    do_publish_appraisal,
    do_record_negotiation,
    do_save_answers,
    do_start_appraisal,
)
from minipublic.commissioning.models import Appraisal
from minipublic.processes.models import Process

Step = tuple[datetime, Callable[[], None]]

#: The council's first offer for the climate assembly, as the practitioner recorded it.
CLIMATE_OFFER: dict[str, object] = {
    "commission.model": "citizens_assembly",
    "commission.output-needed": "recommendations",
    "commission.method-imposed": "no",
    "commission.reputation-motive": "no",
    "commission.why-now": (
        "The council declared a climate emergency in 2025 and wants residents to weigh the "
        "hard choices before it sets the 2027 budget."
    ),
    "purpose.decision-taken": "no",
    "purpose.decision-on": "2027-03-31",
    "purpose.structural-excluded": "no",
    "purpose.question": (
        "How should Riverford reach net zero emissions by 2040 in a way that is fair to "
        "everyone who lives and works here?"
    ),
    "impact.response-commitment": "yes",
    "impact.response-days": 90,
    "impact.pathway": "yes",
    "impact.senior-access": "yes",
    "impact.follow-up": "yes",
    "time.commissioned-on": "2026-05-11",
    "time.first-session-on": "2026-09-12",
    "time.final-session-on": "2026-11-08",
    "time.report-due-on": "2026-11-30",
    "time.deliberation-days": 4,
    "time.deliberation-hours": 24,
    "time.meetings": 2,
    "time.election-on": "2028-05-04",
    "resources.budget": 180000,
    "resources.panel-size": 24,
    "resources.benchmark-per-member": 7000,
    "resources.stipend": "yes",
    "resources.access-support": "yes",
    "resources.payment-conditional": "no",
    "resources.evaluation": "yes",
    "control.nda": "yes",
    "control.report-editing": "yes",
    "control.design-say": "team",
    "control.witnesses": "participants",
    "control.oversight": "yes",
    "control.materials-public": "yes",
    "control.funding-disclosed": "yes",
    "selection.random": "yes",
    "selection.stratified": "yes",
    "notes.general": (
        "A small panel of 24 for the demo; the council's officers were open to every change "
        "we asked for once the reasons were explained."
    ),
}

#: (rule, asked, status, conceded, final condition, answers as agreed).
CLIMATE_NEGOTIATION: tuple[tuple[str, str, str, str, str, dict[str, object]], ...] = (
    (
        "control.nda",
        "Drop the non-disclosure agreement on the briefing materials: members and the "
        "public must be able to read and discuss everything the assembly hears.",
        "conceded",
        "The council dropped the NDA; every briefing is published when members receive it.",
        "Terms of engagement, clause 4: all materials, the report and the response are public.",
        {"control.nda": "no"},
    ),
    (
        "control.report-editing",
        "Withdraw the council's review of the report before publication.",
        "conceded",
        "The review was withdrawn; officers may check facts only when members ask them to.",
        "Terms of engagement, clause 6: the members' report is published exactly as they "
        "approved it, the same day it is handed over.",
        {"control.report-editing": "no"},
    ),
    (
        "time.too-few-hours",
        "Four days (24 hours) is too little for three hard topics: plan five weekends.",
        "conceded",
        "The council funds five weekends: ten days and sixty hours of deliberation.",
        "Five weekends between 12 September and 8 November 2026.",
        {"time.deliberation-days": 10, "time.deliberation-hours": 60, "time.meetings": 5},
    ),
)

#: The transport jury's appraisal so far: the practitioner has only begun.
TRANSPORT_DRAFT: dict[str, object] = {
    "commission.model": "citizens_jury",
    "commission.output-needed": "recommendations",
    "commission.why-now": "The committee must decide on the city-centre scheme next spring.",
    "purpose.decision-taken": "unsure",
    "purpose.decision-on": "2027-04-15",
    "control.report-editing": "no",
    "selection.random": "yes",
}


#: The parks jury's commission (2025), as the practitioner recorded it.
PARKS_OFFER: dict[str, object] = {
    **CLIMATE_OFFER,
    "commission.model": "citizens_jury",
    "commission.why-now": "£1.2 million a year must come out of the parks budget from 2026.",
    "purpose.decision-on": "2025-09-30",
    "purpose.question": (
        "How should Riverford's parks be looked after with £1.2 million less a year?"
    ),
    "impact.response-days": 60,
    "time.commissioned-on": "2025-01-06",
    "time.first-session-on": "2025-04-05",
    "time.final-session-on": "2025-05-17",
    "time.report-due-on": "2025-05-31",
    "time.deliberation-days": 4,
    "time.deliberation-hours": 24,
    "time.meetings": 4,
    "time.election-on": "2027-05-06",
    "resources.budget": 95000,
    "resources.benchmark-per-member": 4000,
    "control.nda": "no",
    "control.report-editing": "no",
    "notes.general": "A tight budget year; the parks team was open about what it could fund.",
}

#: The one item negotiated for the parks jury: refused, and recorded as such.
PARKS_NEGOTIATION = (
    "time.too-few-hours",
    "Four Saturdays (24 hours) is too little for a budget this contested: fund a fifth day.",
    "refused",
    "",
    "Four Saturdays; the jurors may ask for an extra evening session, which the council will fund.",
)


def _at(day: str, hour: int) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


def appraisal_steps(process: Process, users: dict[str, User]) -> list[Step]:
    """The appraisal steps of ``process`` (the climate assembly and the transport jury)."""
    if process.slug == "demo":
        return _climate_steps(process, users["practitioner"])
    if process.slug == "demo-parks-jury":
        return _parks_steps(process, users["practitioner"])
    if process.slug == "demo-transport-jury":
        return [(_at("2026-10-27", 15), _draft(process, users["practitioner"], TRANSPORT_DRAFT))]
    return []


def _draft(process: Process, lead: User, answers: dict[str, object]) -> Callable[[], None]:
    def start() -> None:
        do_save_answers(lead, process, do_start_appraisal(lead, process), answers)

    return start


def _climate_steps(process: Process, lead: User) -> list[Step]:
    def negotiate() -> None:
        appraisal = process.appraisals.get(number=1)
        for rule_id, asked, status, conceded, final, changes in CLIMATE_NEGOTIATION:
            fields: dict[str, Any] = {"conceded": conceded, "final_condition": final}
            do_record_negotiation(
                lead,
                process,
                appraisal,
                rule_id=rule_id,
                asked=asked,
                status=status,
                changes=changes,
                **fields,
            )

    def finalise() -> None:
        appraisal: Appraisal = process.appraisals.get(number=1)
        do_finalise_appraisal(lead, process, appraisal, publish=True)

    return [
        (_at("2026-06-03", 11), _draft(process, lead, CLIMATE_OFFER)),
        (_at("2026-06-17", 16), negotiate),
        (_at("2026-06-24", 12), finalise),
    ]


def _parks_steps(process: Process, lead: User) -> list[Step]:
    def negotiate_and_finalise() -> None:
        appraisal = process.appraisals.get(number=1)
        rule_id, asked, status, conceded, final = PARKS_NEGOTIATION
        do_record_negotiation(
            lead,
            process,
            appraisal,
            rule_id=rule_id,
            asked=asked,
            status=status,
            conceded=conceded,
            final_condition=final,
        )
        do_finalise_appraisal(lead, process, appraisal, publish=False)

    def publish() -> None:
        do_publish_appraisal(lead, process, process.appraisals.get(number=1))

    return [
        (_at("2025-01-14", 10), _draft(process, lead, PARKS_OFFER)),
        (_at("2025-01-28", 16), negotiate_and_finalise),
        (_at("2025-05-20", 11), publish),
    ]
