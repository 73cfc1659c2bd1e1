"""Process templates: the recognised mini-public models with their default design.

Creating a process from a template is the normal way to start. A template sets the
panel size, the time, the phases, the expected outputs and the response rules, and the
thresholds its criteria are checked against. Every default names its source. Templates
are data: a process copies them when created, so changing a template never rewrites an
existing process.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from minipublic.lifecycle import Phase, ProcessModel
from minipublic.standards.errors import StandardsError
from minipublic.standards.facts import Attested, ProcessFacts
from minipublic.standards.sources import Citation


class Purpose(StrEnum):
    """What a model is for, after the OECD's four groups of models (OECD 2020, ch. 2)."""

    RECOMMENDATIONS = "recommendations"
    OPINION = "opinion"
    BALLOT_EVALUATION = "ballot_evaluation"
    PERMANENT = "permanent"


@dataclass(frozen=True)
class Thresholds:
    """The numbers a model's criteria are checked against.

    ``min_days`` is the model's own minimum; a shorter process may keep the label with a
    written justification, but never below ``floor_days`` (one full day, the least that
    counts as deliberative at all). ``min_hours`` is None where no source sets hours.
    ``participant_witnesses`` is how many witnesses participants choose (0: the model
    has none chosen by them). ``publish_report_days`` is the platform's own reading of
    "timely" publication of the participants' report.
    """

    min_days: float
    panel_min: int
    panel_max: int
    floor_days: float = 1.0
    min_hours: float | None = None
    min_meetings: int = 1
    stratification_required: bool = True
    participant_witnesses: int = 1
    min_materials_share: float = 1.0
    max_response_days: int = 180
    lead_time_days: int = 120
    publish_report_days: int = 30
    election_blackout_days: int = 183


@dataclass(frozen=True)
class SizeRange:
    """A panel size: the default and the range the model allows."""

    default: int
    min: int
    max: int


@dataclass(frozen=True)
class Step:
    """One phase of a template, labelled the way the model names it."""

    phase: Phase
    label: str


@dataclass(frozen=True)
class ResponseRules:
    """How the commissioning body answers: deadline, per recommendation, progress reports."""

    deadline_days: int | None
    per_recommendation: bool = True
    first_progress_report_months: int | None = 3
    progress_report_every_months: int | None = 6
    public_meeting: bool = False


@dataclass(frozen=True)
class StandingBody:
    """A permanent body whose members rotate by lot on a schedule."""

    members: int
    term_months: int
    rotate_every_months: int
    rotate_count: int


@dataclass(frozen=True)
class ProcessTemplate:
    """One mini-public model with its defaults, rules and thresholds, each with a source.

    ``sources`` maps each default ("panel", "time", "phases", "outputs", "response",
    "min_days", and "min_hours" where set) to its citation.
    """

    id: str
    name: str
    purpose: Purpose
    process_model: ProcessModel | None
    panel: SizeRange
    days: float
    hours: float | None
    meetings: int
    duration_months: int
    phases: tuple[Step, ...]
    outputs: tuple[str, ...]
    response: ResponseRules
    thresholds: Thresholds
    sources: Mapping[str, Citation]
    standing_body: StandingBody | None = None

    def __post_init__(self) -> None:
        # Read-only, so that no caller can change a shared template's citations.
        object.__setattr__(self, "sources", MappingProxyType(dict(self.sources)))


def _steps(*labels: tuple[Phase, str]) -> tuple[Step, ...]:
    return tuple(Step(phase, label) for phase, label in labels)


_LOTTERY = (Phase.RECRUITMENT, "Invitations sent by lot")
_DRAW = (Phase.SELECTION, "Stratified draw from the volunteers")
_RESPOND = (Phase.RESPONSE, "Public response to each recommendation")
_FOLLOW = (Phase.FOLLOW_UP, "Progress reports on the accepted recommendations")
_OECD_MODELS = Citation("OECD-2020", "chapter 2 'Models of representative deliberative processes'")
_OECD_TIME = Citation("OECD-GPP", "principle 8 'Time' (at least four full days unless justified)")
_DB_FLOOR = Citation("OECD-DB", "inclusion criteria (at least one full day of deliberation)")
_RESPONSE = Citation(
    "OECD-GPP",
    "principle 2 'Accountability' ('timely' is not quantified; 90 days is the platform "
    "default, warning above 180) with DemNext progress reports at 3 and every 6 months",
)
_STANDARD_PHASES = _steps(
    (Phase.DESIGN, "Commissioning, remit and design"),
    _LOTTERY,
    _DRAW,
    (Phase.DELIBERATION, "Learning, deliberation and decision"),
    (Phase.RECOMMENDATIONS, "Participants' report and recommendations"),
    _RESPOND,
    _FOLLOW,
)

TEMPLATES: Mapping[str, ProcessTemplate] = MappingProxyType(
    {
        t.id: t
        for t in (
            ProcessTemplate(
                id="citizens_assembly",
                name="Citizens' Assembly",
                purpose=Purpose.RECOMMENDATIONS,
                process_model=ProcessModel.CITIZENS_ASSEMBLY,
                panel=SizeRange(100, 50, 160),
                days=6,
                hours=45,
                meetings=6,
                duration_months=9,
                phases=_STANDARD_PHASES,
                outputs=(
                    "collective recommendations",
                    "participants' report",
                    "vote tallies",
                    "minority report",
                ),
                response=ResponseRules(deadline_days=90),
                thresholds=Thresholds(
                    min_days=4, min_hours=30, min_meetings=2, panel_min=50, panel_max=160
                ),
                sources={
                    "panel": Citation(
                        "Other",
                        "Irish assembly 2016-18: 99 members; Scotland's "
                        "Climate Assembly: 106 (typical range 50-160 unverified [R])",
                    ),
                    "time": Citation(
                        "Involve-CA",
                        "criterion 2 'Sufficient time' (45 hours or "
                        "6 days desirable; several meetings)",
                    ),
                    "phases": Citation("DemNext", "before, during and after the assembly"),
                    "outputs": Citation("Involve-CA", "criterion 9 'Collective decision-making'"),
                    "response": _RESPONSE,
                    "min_days": _OECD_TIME,
                    "min_hours": Citation(
                        "Involve-CA", "criterion 2 'Sufficient time' (30 hours essential)"
                    ),
                },
            ),
            ProcessTemplate(
                id="citizens_jury",
                name="Citizens' Jury",
                purpose=Purpose.RECOMMENDATIONS,
                process_model=ProcessModel.CITIZENS_JURY,
                panel=SizeRange(24, 12, 35),
                days=5,
                hours=40,
                meetings=6,
                duration_months=6,
                phases=_STANDARD_PHASES,
                outputs=("collective recommendations", "jury report"),
                response=ResponseRules(deadline_days=90),
                thresholds=Thresholds(
                    min_days=4, min_hours=40, min_meetings=2, panel_min=12, panel_max=35
                ),
                sources={
                    "panel": Citation("nDF", "'What is a Citizens' Jury?' (juries of about 12-35)"),
                    "time": Citation(
                        "nDF",
                        "principle 'Time' (40 hours in person over 5-6 "
                        "meetings, about six months end to end)",
                    ),
                    "phases": _OECD_MODELS,
                    "outputs": Citation("nDF", "'What is a Citizens' Jury?'"),
                    "response": _RESPONSE,
                    "min_days": _OECD_TIME,
                    "min_hours": Citation("nDF", "principle 'Time' (at least 40 hours in person)"),
                },
            ),
            ProcessTemplate(
                id="planning_cell",
                name="Planning Cell",
                purpose=Purpose.RECOMMENDATIONS,
                process_model=ProcessModel.PLANNING_CELL,
                panel=SizeRange(100, 25, 500),
                days=4,
                hours=None,
                meetings=1,
                duration_months=6,
                phases=_steps(
                    (Phase.DESIGN, "Commissioning and work programme"),
                    _LOTTERY,
                    (Phase.SELECTION, "Draw of about 25 members per cell"),
                    (Phase.DELIBERATION, "Consecutive days in small groups of five, re-mixed"),
                    (Phase.RECOMMENDATIONS, "Citizens' report, cleared by the participants"),
                    _RESPOND,
                    _FOLLOW,
                ),
                outputs=("citizens' report (Buergergutachten)",),
                response=ResponseRules(deadline_days=90),
                thresholds=Thresholds(min_days=4, panel_min=25, panel_max=500),
                sources={
                    "panel": Citation(
                        "Models", "planungszelle.de (about 25 per cell, several cells in parallel)"
                    ),
                    "time": Citation(
                        "Models", "planungszelle.de (3-4 consecutive days, four work units a day)"
                    ),
                    "phases": Citation("Models", "planungszelle.de"),
                    "outputs": Citation("Models", "planungszelle.de (citizens' report)"),
                    "response": _RESPONSE,
                    "min_days": _OECD_TIME,
                },
            ),
            ProcessTemplate(
                id="consensus_conference",
                name="Consensus Conference",
                purpose=Purpose.RECOMMENDATIONS,
                process_model=ProcessModel.CONSENSUS_CONFERENCE,
                panel=SizeRange(15, 14, 16),
                days=7,
                hours=None,
                meetings=3,
                duration_months=6,
                phases=_steps(
                    (
                        Phase.DESIGN,
                        "Steering committee of opposing views vets the background paper",
                    ),
                    _LOTTERY,
                    (Phase.SELECTION, "Selection of the lay panel for diversity"),
                    (Phase.DELIBERATION, "Two preparatory weekends, then the public conference"),
                    (Phase.RECOMMENDATIONS, "Final document presented on the last day"),
                    _RESPOND,
                    _FOLLOW,
                ),
                outputs=("final document for parliament and the public",),
                response=ResponseRules(deadline_days=90, public_meeting=True),
                thresholds=Thresholds(min_days=4, min_meetings=2, panel_min=14, panel_max=16),
                sources={
                    "panel": Citation("Models", "Grundahl (1995) (about 14-16 lay citizens)"),
                    "time": Citation(
                        "Models",
                        "Grundahl (1995) (two weekends, then a 3-4 day public conference)",
                    ),
                    "phases": Citation("Models", "Grundahl (1995)"),
                    "outputs": Citation("Models", "Grundahl (1995)"),
                    "response": _RESPONSE,
                    "min_days": _OECD_TIME,
                },
            ),
            ProcessTemplate(
                id="g1000",
                name="G1000",
                purpose=Purpose.RECOMMENDATIONS,
                process_model=None,
                panel=SizeRange(1000, 100, 1000),
                days=1,
                hours=None,
                meetings=1,
                duration_months=12,
                phases=_steps(
                    (Phase.DESIGN, "Open online consultation sets the agenda"),
                    (Phase.RECRUITMENT, "Random invitations plus targeted recruitment"),
                    (Phase.SELECTION, "Confirmation of the summit participants"),
                    (Phase.DELIBERATION, "One-day summit at facilitated tables, then a panel"),
                    (Phase.RECOMMENDATIONS, "Citizens' agenda and the panel's proposals"),
                    _RESPOND,
                    _FOLLOW,
                ),
                outputs=("citizens' agenda of priorities", "panel proposals"),
                response=ResponseRules(deadline_days=90),
                thresholds=Thresholds(
                    min_days=1, stratification_required=False, panel_min=100, panel_max=1000
                ),
                sources={
                    "panel": Citation("Models", "g1000.org (704 attended the 2011 summit)"),
                    "time": Citation("Models", "g1000.org (one-day summit, multi-month panel)"),
                    "phases": Citation("Models", "g1000.org, method phase 2"),
                    "outputs": Citation("Models", "g1000.org"),
                    "response": _RESPONSE,
                    "min_days": _DB_FLOOR,
                },
            ),
            ProcessTemplate(
                id="citizens_council",
                name="Citizens' Council",
                purpose=Purpose.RECOMMENDATIONS,
                process_model=None,
                panel=SizeRange(15, 8, 20),
                days=1.5,
                hours=None,
                meetings=1,
                duration_months=3,
                phases=_steps(
                    (Phase.DESIGN, "Topic set (or triggered by 1,000 signatures)"),
                    (Phase.RECRUITMENT, "Random draw from the population register"),
                    (Phase.SELECTION, "Stratified by gender and three age groups"),
                    (Phase.DELIBERATION, "A day and a half of Dynamic Facilitation"),
                    (Phase.RECOMMENDATIONS, "Joint statement, then a public Buergercafe"),
                    (Phase.RESPONSE, "A group of officials processes the results"),
                    _FOLLOW,
                ),
                outputs=("joint statement",),
                response=ResponseRules(deadline_days=90),
                thresholds=Thresholds(min_days=1.5, panel_min=8, panel_max=20),
                sources={
                    "panel": Citation("Models", "buergerrat.net (12-15; 8-20 workable)"),
                    "time": Citation("Models", "buergerrat.net (Friday afternoon to Saturday)"),
                    "phases": Citation("Models", "buergerrat.net, Vorarlberg"),
                    "outputs": Citation("Models", "buergerrat.net"),
                    "response": _RESPONSE,
                    "min_days": Citation(
                        "Models",
                        "buergerrat.net (1.5 days is the model's "
                        "design, above the one-day OECD-DB floor)",
                    ),
                },
            ),
            ProcessTemplate(
                id="deliberative_poll",
                name="Deliberative Poll",
                purpose=Purpose.OPINION,
                process_model=ProcessModel.DELIBERATIVE_POLL,
                panel=SizeRange(300, 100, 1000),
                days=2,
                hours=None,
                meetings=1,
                duration_months=4,
                phases=_steps(
                    (Phase.DESIGN, "Balanced briefing materials, baseline questionnaire"),
                    (Phase.RECRUITMENT, "Random probability sample polled at baseline"),
                    (Phase.SELECTION, "Invitation of the sample to the weekend"),
                    (Phase.DELIBERATION, "Moderated small groups and plenaries with experts"),
                    (Phase.RECOMMENDATIONS, "Same questionnaire again: opinion change"),
                    _RESPOND,
                    _FOLLOW,
                ),
                outputs=("opinion change, before and after",),
                response=ResponseRules(deadline_days=90),
                thresholds=Thresholds(
                    min_days=1,
                    stratification_required=False,
                    participant_witnesses=0,
                    panel_min=100,
                    panel_max=1000,
                ),
                sources={
                    "panel": Citation(
                        "Models", "Stanford Deliberative Democracy Lab process (several hundred)"
                    ),
                    "time": Citation("Models", "Stanford process (typically a weekend)"),
                    "phases": Citation("Models", "Stanford process"),
                    "outputs": Citation("Models", "Stanford process (opinion change)"),
                    "response": _RESPONSE,
                    "min_days": _DB_FLOOR,
                },
            ),
            ProcessTemplate(
                id="citizens_initiative_review",
                name="Citizens' Initiative Review",
                purpose=Purpose.BALLOT_EVALUATION,
                process_model=None,
                panel=SizeRange(24, 20, 24),
                days=4,
                hours=None,
                meetings=1,
                duration_months=4,
                phases=_steps(
                    (Phase.DESIGN, "Ballot measure chosen; advocates and experts lined up"),
                    (Phase.RECRUITMENT, "10,000 registered voters invited"),
                    (Phase.SELECTION, "Blind draw stratified by demographics and politics"),
                    (Phase.DELIBERATION, "Four days with advocates and independent experts"),
                    (Phase.RECOMMENDATIONS, "Citizens' Statement for the voters' pamphlet"),
                    (Phase.FOLLOW_UP, "Statement printed in the official voters' pamphlet"),
                ),
                outputs=("one-page Citizens' Statement",),
                response=ResponseRules(
                    deadline_days=None,
                    per_recommendation=False,
                    first_progress_report_months=None,
                    progress_report_every_months=None,
                ),
                thresholds=Thresholds(min_days=4, panel_min=20, panel_max=24),
                sources={
                    "panel": Citation("Models", "healthydemocracy.org (20-24 panelists)"),
                    "time": Citation("Models", "healthydemocracy.org; wacir.org (4-5 days)"),
                    "phases": Citation("Models", "healthydemocracy.org"),
                    "outputs": Citation("Models", "healthydemocracy.org (Citizens' Statement)"),
                    "response": Citation(
                        "Models",
                        "healthydemocracy.org (the statement goes to "
                        "the voters, not to a decision-maker)",
                    ),
                    "min_days": _OECD_TIME,
                },
            ),
            ProcessTemplate(
                id="ostbelgien",
                name="Ostbelgien Citizens' Dialogue",
                purpose=Purpose.PERMANENT,
                process_model=ProcessModel.PERMANENT_COUNCIL,
                panel=SizeRange(30, 25, 50),
                days=5,
                hours=None,
                meetings=5,
                duration_months=18,
                phases=_steps(
                    (Phase.DESIGN, "The Citizens' Council chooses the topic and the experts"),
                    _LOTTERY,
                    (Phase.SELECTION, "Stratified draw of residents aged 16 and over"),
                    (Phase.DELIBERATION, "About five full Saturdays, externally moderated"),
                    (Phase.RECOMMENDATIONS, "Recommendations at a public committee meeting"),
                    (Phase.RESPONSE, "Written position per recommendation, rejections justified"),
                    (Phase.FOLLOW_UP, "Implementation year, review within twelve months"),
                ),
                outputs=("recommendations", "final report (Abschlussbericht)"),
                response=ResponseRules(
                    deadline_days=60,
                    first_progress_report_months=None,
                    progress_report_every_months=12,
                    public_meeting=True,
                ),
                thresholds=Thresholds(min_days=4, min_meetings=2, panel_min=25, panel_max=50),
                sources={
                    "panel": Citation(
                        "Ostbelgien", "decree art. 3 (25-50 drawn by lot; about 30 in practice)"
                    ),
                    "time": Citation("Ostbelgien", "buergerdialog.be (about five Saturdays)"),
                    "phases": Citation("Ostbelgien", "buergerdialog.be, 'Ablauf in 4 Schritten'"),
                    "outputs": Citation("Ostbelgien", "buergerdialog.be"),
                    "response": Citation(
                        "Ostbelgien",
                        "buergerdialog.be (position about one to "
                        "two months after presentation; review within a year)",
                    ),
                    "min_days": _OECD_TIME,
                    "standing_body": Citation(
                        "Ostbelgien", "decree (council of 24, a third replaced every six months)"
                    ),
                },
                standing_body=StandingBody(
                    members=24, term_months=18, rotate_every_months=6, rotate_count=8
                ),
            ),
        )
    }
)

#: Process models of the life cycle, mapped to the template that starts them.
MODEL_TEMPLATES: Mapping[ProcessModel, str] = {
    ProcessModel.CITIZENS_ASSEMBLY: "citizens_assembly",
    ProcessModel.CITIZENS_JURY: "citizens_jury",
    ProcessModel.CITIZENS_PANEL: "citizens_jury",
    ProcessModel.PLANNING_CELL: "planning_cell",
    ProcessModel.CONSENSUS_CONFERENCE: "consensus_conference",
    ProcessModel.DELIBERATIVE_POLL: "deliberative_poll",
    ProcessModel.PERMANENT_COUNCIL: "ostbelgien",
}


def template(template_id: str) -> ProcessTemplate:
    """The template with this id; raises StandardsError("unknown_template") otherwise."""
    try:
        return TEMPLATES[template_id]
    except KeyError:
        raise StandardsError(
            "unknown_template",
            "There is no process template {template_id!r}.",
            template_id=template_id,
            known=sorted(TEMPLATES),
        ) from None


def template_for_model(model: ProcessModel) -> ProcessTemplate:
    """The template a process of this life-cycle model starts from."""
    return template(MODEL_TEMPLATES[model])


def planned_facts(
    template_id: str, *, starts_on: date = date(2026, 3, 7), **overrides: Any
) -> ProcessFacts:
    """The facts of a process created from a template and run as planned, at its start.

    Everything the template and a diligent practitioner settle before deliberation is
    filled in; the report and the response are not due yet. ``overrides`` replace any
    field, for "what if" questions (e.g. ``deliberation_days=2``).
    """
    t = template(template_id)
    practitioner = "lead_practitioner"
    before = starts_on - timedelta(days=100)
    facts = ProcessFacts(
        model=t.id,
        as_of=starts_on,
        remit_published_on=before,
        recruitment_opened_on=before + timedelta(days=10),
        scope_published=True,
        decision_open=Attested(True, by=practitioner),
        commissioned_on=starts_on - timedelta(days=t.thresholds.lead_time_days + 30),
        deliberation_starts_on=starts_on,
        deliberation_days=t.days,
        deliberation_hours=t.hours,
        meetings=t.meetings,
        panel_size=t.panel.default,
        selection_random=True,
        stratified=True,
        selection_in_platform=True,
        selection_verified=True,
        stipend_offered=True,
        access_support_offered=True,
        witnesses=8,
        witnesses_chosen_by_participants=2,
        materials=12,
        materials_published=12,
        facilitated_small_groups=Attested(True, by=practitioner),
        arms_length_final_say=Attested(True, by=practitioner),
        oversight_group=True,
        oversight_membership_published=True,
        conflicts_declared=True,
        funding_disclosed=True,
        participant_names_private=True,
        data_protection=Attested(True, by=practitioner),
        announced_on=before,
        response_commitment_on=before,
        response_deadline_days=t.response.deadline_days,
        progress_reports_planned=t.response.progress_report_every_months is not None,
        evaluation_planned=True,
        evaluator_independent=True,
        member_questionnaire_planned=True,
    )
    return dataclasses.replace(facts, **overrides)
