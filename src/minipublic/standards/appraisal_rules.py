"""The rules of the commission appraisal: red lines, red flags and notes, each cited.

A RED_LINE means the commission cannot be accepted as it stands: refuse it or
renegotiate until the condition is gone. A RED_FLAG is to be negotiated, and what was
agreed recorded. A NOTE is worth raising, but not a condition of acceptance. Each rule
states its reason in our own words, cites its source (the practitioners' study
Parry-2024 and the standards in ``sources``), names the questions it reads, and suggests
what to ask the commissioner for. ``RULES_VERSION`` goes up when a rule changes meaning.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from minipublic.standards import appraisal_checks as c
from minipublic.standards.appraisal_checks import (
    COMMISSIONED,
    COMMITMENT,
    DAYS,
    DECISION,
    ELECTION,
    FINAL,
    FIRST,
    HOURS,
    MEETINGS,
    MODEL,
    REPORT,
    RESPONSE_DAYS,
    Check,
    Severity,
)
from minipublic.standards.appraisal_questions import NO, YES
from minipublic.standards.errors import StandardsError
from minipublic.standards.sources import Citation

RULES_VERSION = "2026.1"


@dataclass(frozen=True)
class AppraisalRule:
    """One rule: id "<area>.<name>", the worst severity it can give, reason and ask.

    ``reads`` lists every question the rule may read; ``ask`` is the suggested request
    to the commissioner and may name the finding's parameters in braces.
    """

    id: str
    version: int
    severity: Severity
    title: str
    reason: str
    ask: str
    source: Citation
    reads: tuple[str, ...]
    check: Check
    also: tuple[Citation, ...] = ()
    asks: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "asks", MappingProxyType(dict(self.asks)))

    def ask_for(self, code: str) -> str:
        """The ask for a finding with this code; an unclear answer asks to settle it first."""
        text = self.asks.get(code, self.ask)
        return f"Settle this in writing before accepting. {text}" if code == "unclear" else text


_LINE, _FLAG, _NOTE = Severity.RED_LINE, Severity.RED_FLAG, Severity.NOTE
_P = "Parry-2024"
_RED_FLAGS = "section 'Red flags: anticipating ethical issues'"
_RED_LINES = "section 'Red lines: navigating ethical issues'"
_STEER = "section 'Pressure to steer the process'"
_IMPACT = "section 'Pressure for impact and transformation'"


def _yn_rule(
    rid: str, severity: Severity, title: str, reason: str, ask: str, source: Citation,
    *also: Citation, bad: str = YES,
) -> AppraisalRule:  # fmt: skip
    """A rule on the yes/no question of the same id; ``bad`` is the answer that triggers it."""
    check = c.answer_rule(rid, bad, severity)
    return AppraisalRule(rid, 1, severity, title, reason, ask, source, (rid,), check, also)


RULES: tuple[AppraisalRule, ...] = (
    # ------------------------------------------------------------------ red lines
    _yn_rule(
        "control.nda",
        _LINE,
        "Non-disclosure demand",
        "A demand that the team or the members keep the process, its materials or its "
        "results confidential suggests the commissioner wants to hide or control them; the "
        "process must be open to the public.",
        "Remove every non-disclosure or confidentiality clause on the process, its "
        "materials and its results, and agree that all of them will be published.",
        Citation(_P, f"{_RED_FLAGS} (practitioners rejected non-disclosure agreements outright)"),
        Citation("OECD-GPP", "principle 3 'Transparency' (all materials published)"),
    ),
    _yn_rule(
        "control.report-editing",
        _LINE,
        "Commissioner may edit the report",
        "The members must have the last word on their report and recommendations; a "
        "commissioner who may edit or approve them can steer the outcome.",
        "Agree in the contract that only the members approve the wording of their report "
        "and recommendations, and that it is published exactly as they approved it.",
        Citation(_P, f"{_STEER} (authorities trying to change the content of final reports)"),
        Citation("OECD-GPP", "principle 3 'Transparency' (participants' final say over wording)"),
        Citation("Involve-CA", "criterion 9 'Collective decision-making'"),
    ),
    _yn_rule(
        "resources.payment-conditional",
        _LINE,
        "Payment depends on content",
        "Payment that depends on what the members find or recommend is leverage over the "
        "outcome; payment must follow the work delivered.",
        "Tie every payment milestone to work delivered (sessions held, report delivered), "
        "never to findings or recommendations.",
        Citation(_P, f"{_STEER} (an authority threatening to withhold payment over the report)"),
        Citation("OECD-GPP", "principle 9 'Integrity' (process decisions at arm's length) [R]"),
    ),
    _yn_rule(
        "purpose.decision-taken",
        _LINE,
        "Decision already taken",
        "If the decision is already taken or its core options ruled out, the members "
        "cannot influence it, and the process only dresses up a decision made elsewhere.",
        "Ask which options are still open and who decides when; accept only a remit on a "
        "decision that is genuinely open.",
        Citation("Involve-CA", "criterion 1 'Clear purpose' (guidance: the decision must be open)"),
        Citation(_P, f"{_RED_FLAGS} ('participation wash')"),
    ),
    AppraisalRule(
        "purpose.decision-before-report",
        1,
        _LINE,
        "Decision due before the report",
        "A decision due before the members report (or before the response) cannot take "
        "their recommendations into account.",
        "Move the decision after the report and the response, or move the process earlier.",
        Citation("Involve-PDP", "standard 1 'Clear purpose' (the right point in the policy cycle)"),
        (DECISION, REPORT, RESPONSE_DAYS),
        c.decision_before_report,
        (Citation("Involve-CA", "criterion 1 'Clear purpose'"),),
    ),
    _yn_rule(
        "selection.random",
        _LINE,
        "No random selection",
        "Without members drawn by lot from people invited at random, the process is not a "
        "mini-public, whatever it is called.",
        "Agree a civic lottery: random invitations, then a stratified draw made and "
        "verified in the platform.",
        Citation("OECD-DB", "inclusion criteria (randomly selected, stratified participants)"),
        Citation("OECD-GPP", "principle 4 'Representativeness'"),
        bad=NO,
    ),
    AppraisalRule(
        "time.below-floor",
        1,
        _LINE,
        "Less than one full day",
        "Less than one full day of deliberation is too little for anything to count as "
        "deliberative; calling it an assembly would mislabel it.",
        "At least {floor_days} full days of deliberation, and the model's minimum for its name.",
        Citation("OECD-DB", "inclusion criteria (at least one full day of deliberation)"),
        (MODEL, DAYS),
        c.below_floor,
        (Citation("Involve-Hughes", "tenders for 'assemblies' under eight hours"),),
    ),
    # ------------------------------------------------------------------ red flags
    AppraisalRule(
        "time.too-short",
        1,
        _FLAG,
        "Fewer days than the model needs",
        "Time is the constraint practitioners name most: too little of it cuts learning, "
        "reflection and the room to raise wider issues.",
        "At least {min_days} full days, or a published justification for fewer.",
        Citation("OECD-GPP", "principle 8 'Time' (four full days unless justified)"),
        (MODEL, DAYS),
        c.too_short,
        (Citation(_P, f"{_IMPACT} (time the most frequently mentioned constraint)"),),
    ),
    AppraisalRule(
        "time.too-few-hours",
        1,
        _FLAG,
        "Fewer hours than the model needs",
        "The model's sources set a least number of hours of deliberation proper.",
        "At least {min_hours} hours of deliberation, breaks and travel not counted.",
        Citation("Involve-CA", "criterion 2 'Sufficient time' (30 hours essential)"),
        (MODEL, HOURS),
        c.too_few_hours,
        (Citation("nDF", "principle 'Time' (at least 40 hours in person)"),),
    ),
    AppraisalRule(
        "time.lead-time",
        1,
        _FLAG,
        "Too little lead time",
        "Design, securing commitment and the civic lottery need about four months before "
        "the first session.",
        "About {min_lead_days} days between the contract and the first session.",
        Citation("DemNext", "before the assembly (2 months design, about 2 months lottery)"),
        (COMMISSIONED, FIRST),
        c.lead_time,
    ),
    AppraisalRule(
        "timing.election",
        1,
        _FLAG,
        "Close to an election",
        "Sessions, the report or the response in the months before the commissioning "
        "body's election invite 'participation-wash': a process run for reputation.",
        "Move the process so that no session, report or response falls in the "
        "{blackout_days} days before the election.",
        Citation(
            "Ostbelgien", "decree art. 3 para. 1 (no assembly within six months of elections)"
        ),
        (ELECTION, FIRST, FINAL, REPORT, RESPONSE_DAYS),
        c.election,
        (Citation(_P, f"{_RED_FLAGS} (a process during an electoral campaign, turned down)"),),
    ),
    _yn_rule(
        "commission.reputation-motive",
        _FLAG,
        "Reputation rather than impact",
        "A commissioner more interested in the look of participation than in genuine "
        "deliberation with impact is the mark of 'participation wash'.",
        "Ask for a written commitment on what will be done with the recommendations, and "
        "on timing away from campaigns.",
        Citation(_P, f"{_RED_FLAGS} ('participation wash')"),
    ),
    _yn_rule(
        "commission.method-imposed",
        _FLAG,
        "Unsuitable method imposed",
        "A method unsuited to the issue or the people affected undermines the process; "
        "one practitioner walked out of a contract over it.",
        "Agree the method on its merits for the issue and the people affected, with the "
        "oversight group.",
        Citation(_P, f"{_RED_LINES} (insisting on an unsuitable method)"),
    ),
    AppraisalRule(
        "commission.method-mismatch",
        1,
        _FLAG,
        "Model does not fit the need",
        "Each model serves one purpose (recommendations, opinion, ballot evaluation, a "
        "standing body); the wrong one cannot give what the commissioner needs.",
        "Choose a model whose purpose is {needed}.",
        Citation("OECD-2020", "chapter 2 'Models of representative deliberative processes'"),
        (MODEL, "commission.output-needed"),
        c.method_mismatch,
    ),
    _yn_rule(
        "purpose.structural-excluded",
        _FLAG,
        "Remit brackets out structural issues",
        "A remit that rules out root causes or the main trade-offs leaves the members "
        "little to deliberate and limits what they can change.",
        "Widen the remit to the main trade-offs, or list each exclusion with its reason.",
        Citation(_P, f"{_IMPACT} (structural issues bracketed out of the remit)"),
        Citation("Involve-CA", "criterion 1 'Clear purpose' (exclusions declared)"),
    ),
    _yn_rule(
        "impact.response-commitment",
        _FLAG,
        "No commitment to respond",
        "Without a public promise to answer every recommendation, members give their time "
        "with no assurance that anyone will act on it.",
        "A public commitment, before deliberation, to respond to each recommendation by a "
        "stated date.",
        Citation("OECD-GPP", "principle 2 'Accountability'"),
        Citation(_P, f"{_RED_FLAGS} (upfront commitment to respond)"),
        bad=NO,
    ),
    AppraisalRule(
        "impact.response-deadline",
        1,
        _FLAG,
        "Response comes too late",
        "A response long after the report loses the members and the public.",
        "A response within {max_response_days} days of the report.",
        Citation("OECD-GPP", "principle 2 'Accountability' (respond in a timely manner)"),
        (COMMITMENT, RESPONSE_DAYS),
        c.response_deadline,
    ),
    _yn_rule(
        "impact.pathway",
        _FLAG,
        "No clear path to impact",
        "A commissioner who cannot say which decision the recommendations feed, and what "
        "happens when they arrive, offers no path to impact.",
        "A written impact pathway: the decision, the body that takes it, and what it does "
        "on receipt (debate, vote, formal response).",
        Citation(_P, f"{_RED_FLAGS} (how clearly impact is articulated)"),
        Citation("nDF", "principle 'upfront authority'"),
        bad=NO,
    ),
    _yn_rule(
        "impact.senior-access",
        _FLAG,
        "No access to senior decision makers",
        "A contact without authority cannot commit the organisation, and may hide hostility "
        "further up.",
        "A named senior sponsor with authority over the issue who meets the team and "
        "receives the recommendations.",
        Citation(_P, f"{_STEER} (access to senior decision makers)"),
        Citation("Involve-CA", "criterion 1 'Clear purpose' (a responsible authority)"),
        bad=NO,
    ),
    _yn_rule(
        "resources.stipend",
        _FLAG,
        "Members not paid",
        "Unpaid time and costs keep people with less money and time from taking part.",
        "Pay members for their time, at least a living wage, and cover their expenses.",
        Citation("Involve-PDP", "standard 4 'Inclusive' (at least the real living wage)"),
        bad=NO,
    ),
    _yn_rule(
        "resources.access-support",
        _FLAG,
        "No support for access needs",
        "Without care, travel, disability support and interpretation, not everyone drawn "
        "can take part.",
        "Budget lines for care, travel, disability support and interpretation.",
        Citation("Involve-PDP", "standard 4 'Inclusive' (access needs)"),
        bad=NO,
    ),
    AppraisalRule(
        "resources.budget",
        1,
        _FLAG,
        "Budget per member below benchmark",
        "Too little money, like too little time, limits what the process can do well.",
        "A budget of at least {benchmark} per member, or a design that fits the budget.",
        Citation(_P, f"{_RED_FLAGS} (time and resources appraised upfront)"),
        ("resources.budget", "resources.panel-size", "resources.benchmark-per-member"),
        c.budget,
        asks={
            "no_benchmark": "State the budget per member that comparable processes you "
            "trust have needed, with its source, to judge the {per_member} per member offered."
        },
    ),
    AppraisalRule(
        "control.design-say",
        1,
        _FLAG,
        "Commissioner controls the design",
        "When the commissioner has the final say on agenda, materials or facilitation, it "
        "can steer the process.",
        "Give the arm's-length team the final say on process decisions, reviewed by the "
        "oversight group.",
        Citation("OECD-GPP", "principle 9 'Integrity' (wording unverified [R])"),
        ("control.design-say",),
        c.choice_rule("control.design-say", {"commissioner": _FLAG, "shared": _NOTE}),
        (Citation("Involve-CA", "criterion 5 'Independent'"),),
    ),
    AppraisalRule(
        "control.witnesses",
        1,
        _FLAG,
        "Commissioner chooses the witnesses",
        "Who the members hear shapes what they conclude; witness selection is where "
        "steering is most often tried.",
        "Let the members choose some witnesses and the oversight group review the list, "
        "with the selection published.",
        Citation("Roberts-2022", "how witnesses were found and selected was rarely transparent"),
        ("control.witnesses",),
        c.choice_rule("control.witnesses", {"commissioner": _FLAG, "team": _NOTE}),
        (Citation(_P, f"{_STEER} (selection of expert witnesses a sticky point)"),),
    ),
    _yn_rule(
        "control.oversight",
        _FLAG,
        "No oversight group",
        "Without an oversight group spanning viewpoints, nobody independent checks the "
        "framing, the witnesses and the materials.",
        "An oversight group of differing viewpoints that signs off the key design decisions.",
        Citation("Involve-CA", "criterion 5 'Independent' (independent advisory group required)"),
        bad=NO,
    ),
    _yn_rule(
        "control.materials-public",
        _FLAG,
        "Materials not published",
        "The public can only trust a process it can see: materials, report and response "
        "must all be published.",
        "Agree to publish every material, the report and the response.",
        Citation("OECD-GPP", "principle 3 'Transparency' (all materials)"),
        bad=NO,
    ),
    _yn_rule(
        "control.funding-disclosed",
        _FLAG,
        "Funding not disclosed",
        "Who pays must be public, so that anyone can judge whether the funder has a stake.",
        "Publish who funds the process and any interest the funder has in the outcome.",
        Citation("OECD-GPP", "principle 3 'Transparency' (funding source)"),
        bad=NO,
    ),
    AppraisalRule(
        "selection.stratified",
        1,
        _FLAG,
        "Draw not stratified",
        "An unstratified draw can leave the panel unlike the population it speaks for.",
        "Stratify the draw on the characteristics that matter for the issue.",
        Citation("OECD-GPP", "principle 4 'Representativeness'"),
        (MODEL, "selection.stratified"),
        c.stratified,
    ),
    # ------------------------------------------------------------------ notes
    AppraisalRule(
        "time.meetings",
        1,
        _NOTE,
        "Few meetings",
        "Several meetings with time between them let members read and reflect.",
        "At least {min_meetings} meetings with time between them.",
        Citation("Involve-CA", "criterion 2 'Sufficient time' (multiple meetings)"),
        (MODEL, MEETINGS),
        c.meetings,
    ),
    AppraisalRule(
        "resources.panel-size",
        1,
        _NOTE,
        "Panel size outside the model's range",
        "The model's sources describe a range of panel sizes; outside it, the name fits less.",
        "A panel of {min} to {max} members.",
        Citation("OECD-2020", "chapter 2 'Models of representative deliberative processes'"),
        (MODEL, "resources.panel-size"),
        c.panel_size,
    ),
    _yn_rule(
        "impact.follow-up",
        _NOTE,
        "No follow-up planned",
        "Funding usually ends with the last session, leaving nobody to follow what happens "
        "to the recommendations.",
        "Public progress reports on the response, paid for in the contract.",
        Citation(_P, f"{_IMPACT} (funding ends after the deliberative event)"),
        Citation("DemNext", "after the assembly (after 3 months, then every 6 months)"),
        bad=NO,
    ),
    _yn_rule(
        "resources.evaluation",
        _NOTE,
        "No evaluation planned",
        "An evaluation, at least a members' survey published in aggregate, shows what went "
        "well and what did not.",
        "Plan and pay for an evaluation, independent for large or long processes, published.",
        Citation("OECD-2021", "evaluation principles 'independent' and 'transparent'"),
        bad=NO,
    ),
)

RULE_IDS: Mapping[str, AppraisalRule] = MappingProxyType({r.id: r for r in RULES})


def rule(rule_id: str) -> AppraisalRule:
    """The rule with this id; raises StandardsError("unknown_rule") otherwise."""
    try:
        return RULE_IDS[rule_id]
    except KeyError:
        raise StandardsError(
            "unknown_rule", "There is no appraisal rule {rule!r}.", rule=rule_id
        ) from None


def readers(question_id: str) -> tuple[str, ...]:
    """The ids of the rules that read this question."""
    return tuple(r.id for r in RULES if question_id in r.reads)
