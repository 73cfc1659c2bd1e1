"""The versioned catalogue of criteria, each with its requirement, source and check.

Which criteria are gates: only those without which calling the process by its model's
name would mislead the public. A process is not a mini-public unless its members were
drawn by lot (verifiably) and had enough time; it is not independent unless the
arm's-length team decides the design under oversight; it is not the participants' work
unless their report is published as they approved it; and it is "participation-wash"
unless the commissioner committed in public to respond, and did so on time. Everything
else is a STANDARD (shown plainly, but the label does not depend on it) or an ADVISORY.
Bump ``CATALOGUE_VERSION`` whenever a criterion is added, removed or changes meaning.
"""

from __future__ import annotations

from minipublic.standards import checks
from minipublic.standards.criteria import Criterion, Kind
from minipublic.standards.errors import StandardsError
from minipublic.standards.sources import Citation
from minipublic.standards.templates import TEMPLATES

CATALOGUE_VERSION = "2026.2"

GATE, STANDARD, ADVISORY = Kind.GATE, Kind.STANDARD, Kind.ADVISORY
#: Criteria about the commissioner's response do not apply to a Citizens' Initiative
#: Review, whose statement goes to the voters rather than to a decision-maker.
_ANSWERED = frozenset(TEMPLATES) - {"citizens_initiative_review"}

CATALOGUE: tuple[Criterion, ...] = (
    # ------------------------------------------------------------ gates
    Criterion(
        "time.deliberation-days",
        1,
        GATE,
        "Enough days of deliberation",
        "Members meet for at least the model's number of full days to learn, weigh the "
        "evidence and decide. A shorter process needs a published justification and never "
        "less than one full day.",
        Citation(
            "OECD-GPP", "principle 8 'Time' (four full days unless shorter is justified) [V2]"
        ),
        checks.deliberation_days,
        also=(
            Citation("OECD-DB", "inclusion criteria (at least one full day)"),
            Citation("Involve-Hughes", "tenders under 8 hours are not citizens' assemblies"),
        ),
    ),
    Criterion(
        "selection.random-stratified",
        1,
        GATE,
        "Drawn by lot, stratified, in the platform",
        "Members are drawn by lot from people invited at random, stratified so the panel "
        "resembles the population, and the draw is made in the platform.",
        Citation("OECD-GPP", "principle 4 'Representativeness'"),
        checks.random_stratified,
        also=(
            Citation("OECD-DB", "inclusion criteria (random, stratified selection)"),
            Citation("Gerwin", "two-stage random selection"),
        ),
    ),
    Criterion(
        "selection.verified",
        1,
        GATE,
        "Draw verified in public",
        "The draw was committed to before the random seed was known, and anyone can check "
        "that the published panel follows from it.",
        Citation("OECD-GPP", "principle 3 'Transparency' (random-selection method published)"),
        checks.selection_verified,
        also=(Citation("Flanigan-2021", "selection probabilities reported"),),
    ),
    Criterion(
        "ownership.report-unedited",
        1,
        GATE,
        "Report published as the members approved it",
        "Members have the last word on the wording of their report and recommendations; "
        "what is published is exactly the version they approved.",
        Citation("OECD-GPP", "principle 3 'Transparency' (participants' final say over wording)"),
        checks.report_unedited,
        also=(Citation("Involve-CA", "criterion 9 'Collective decision-making'"),),
    ),
    Criterion(
        "independence.arms-length",
        1,
        GATE,
        "Arm's-length team decides the design",
        "A team independent of the commissioner runs the process and has the final say on "
        "its design: agenda, witnesses, materials and facilitation.",
        Citation("OECD-GPP", "principle 9 'Integrity' (wording unverified [R])"),
        checks.arms_length,
        also=(
            Citation("Involve-CA", "criterion 5 'Independent'"),
            Citation("Gerwin", "independent coordination"),
        ),
    ),
    Criterion(
        "independence.oversight-group",
        1,
        GATE,
        "Oversight group",
        "An advisory or oversight group spanning different viewpoints reviews the key "
        "design decisions.",
        Citation("Involve-CA", "criterion 5 'Independent' (independent advisory group required)"),
        checks.oversight_group,
        also=(Citation("OECD-GPP", "principle 9 'Integrity' [R]"),),
    ),
    Criterion(
        "response.public-commitment",
        1,
        GATE,
        "Public commitment to respond, with a deadline",
        "Before deliberation starts, the commissioning body promises in public to answer "
        "the recommendations and says by when.",
        Citation("OECD-GPP", "principle 2 'Accountability'"),
        checks.response_commitment,
        also=(Citation("Involve-CA", "criterion 1 'Clear purpose' (respond in detail)"),),
        applies_to=_ANSWERED,
    ),
    Criterion(
        "response.on-time",
        1,
        GATE,
        "Response published on time",
        "The commissioning body's answer is public by the deadline it committed to.",
        Citation("OECD-GPP", "principle 2 'Accountability' (respond in a timely manner)"),
        checks.response_on_time,
        also=(Citation("DemNext", "after the assembly: formal public response"),),
        applies_to=_ANSWERED,
    ),
    # ------------------------------------------------------------ standards
    Criterion(
        "purpose.remit-published",
        1,
        STANDARD,
        "Remit public before recruitment",
        "The question, a single neutral one in plain words, is public before anyone is "
        "invited, so that people know what they are asked to join.",
        Citation("OECD-GPP", "principle 1 'Purpose'"),
        checks.remit_published,
        also=(Citation("nDF", "principle 'Clear remit'"),),
    ),
    Criterion(
        "purpose.scope-declared",
        1,
        STANDARD,
        "Scope declared",
        "What is in and what is out of scope is stated at the start, with a reason for "
        "each exclusion.",
        Citation("Involve-CA", "criterion 1 'Clear purpose'"),
        checks.scope_declared,
        also=(Citation("Parry-2024", "remits that bracket out structural issues"),),
    ),
    Criterion(
        "purpose.decision-open",
        1,
        STANDARD,
        "Decision still open",
        "The decision the process informs has not been taken, and the commissioner can "
        "still act on the core of the recommendations.",
        Citation("Involve-CA", "criterion 1 'Clear purpose' (guidance: the decision must be open)"),
        checks.decision_open,
    ),
    Criterion(
        "time.deliberation-hours",
        1,
        STANDARD,
        "Enough hours of deliberation",
        "Members spend at least the model's number of hours in deliberation, breaks and "
        "travel not counted.",
        Citation("Involve-CA", "criterion 2 'Sufficient time' (30 hours essential)"),
        checks.deliberation_hours,
        also=(Citation("nDF", "principle 'Time' (40 hours in person)"),),
    ),
    Criterion(
        "time.meetings",
        1,
        STANDARD,
        "Several meetings, time to reflect",
        "Members meet several times, with time between meetings to read and reflect.",
        Citation("Involve-CA", "criterion 2 'Sufficient time' (multiple meetings)"),
        checks.meetings,
        also=(Citation("OECD-GPP", "principle 8 'Time' [R]"),),
    ),
    Criterion(
        "selection.panel-size",
        1,
        STANDARD,
        "Panel size fits the model",
        "The number of members lies in the range the model's sources describe.",
        Citation("OECD-2020", "chapter 2 'Models of representative deliberative processes'"),
        checks.panel_size,
    ),
    Criterion(
        "inclusion.payment",
        1,
        STANDARD,
        "Members are paid",
        "Members are paid for their time and their expenses are covered.",
        Citation("Involve-PDP", "standard 4 'Inclusive' (at least the real living wage)"),
        checks.stipend,
        also=(
            Citation("OECD-GPP", "principle 5 'Inclusiveness' [R]"),
            Citation("Gerwin", "stipend for all"),
        ),
    ),
    Criterion(
        "inclusion.access-support",
        1,
        STANDARD,
        "Access support",
        "Care, travel, disability support and interpretation are offered, so that anyone "
        "drawn can take part.",
        Citation("Involve-PDP", "standard 4 'Inclusive' (access needs)"),
        checks.access_support,
        also=(
            Citation("OECD-GPP", "principle 5 'Inclusiveness' [R]"),
            Citation("Gerwin", "accessibility"),
        ),
    ),
    Criterion(
        "information.participants-chose-witness",
        1,
        STANDARD,
        "Members chose witnesses",
        "Members choose at least one of the people they hear from, not only the organisers.",
        Citation("OECD-GPP", "principle 6 'Information' (speakers chosen by participants) [R]"),
        checks.participant_witness,
        also=(
            Citation("Involve-CA", "criterion 7 'Generative learning'"),
            Citation("nDF", "principle 'Neutrality of information'"),
        ),
    ),
    Criterion(
        "information.materials-published",
        1,
        STANDARD,
        "All materials published",
        "Every briefing document, evidence submission and agenda is public.",
        Citation("OECD-GPP", "principle 3 'Transparency' (all materials)"),
        checks.materials_published,
        also=(Citation("Involve-CA", "criterion 6 'Open'"),),
    ),
    Criterion(
        "deliberation.facilitated-groups",
        1,
        STANDARD,
        "Facilitated small groups",
        "Skilled, impartial facilitators run small groups alternating with plenaries, and "
        "every member gets the chance to speak.",
        Citation("Involve-PDP", "standard 8 'Structured dialogue'"),
        checks.facilitated_groups,
        also=(Citation("OECD-GPP", "principle 7 'Group deliberation' [R]"),),
    ),
    Criterion(
        "independence.conflicts-declared",
        1,
        STANDARD,
        "Interests declared",
        "Organisers, facilitators, oversight members, experts and evaluators declare their "
        "interests.",
        Citation("Gerwin", "independent coordination (no direct stakeholders)"),
        checks.conflicts_declared,
        also=(Citation("OECD-2021", "evaluation principle 'independent'"),),
    ),
    Criterion(
        "independence.terms-accepted",
        1,
        STANDARD,
        "Terms of engagement accepted",
        "Each role's terms of engagement are published, and the commissioner, the lead "
        "practitioner and the oversight group have accepted the current version.",
        Citation("Gerwin", "clear rules of the game (published rulebook and code of conduct)"),
        checks.terms_accepted,
        also=(Citation("OECD-GPP", "principle 9 'Integrity' [R]"),),
    ),
    Criterion(
        "transparency.oversight-published",
        1,
        STANDARD,
        "Oversight members public",
        "Who sits on the oversight group is public.",
        Citation("Involve-CA", "criterion 6 'Open' (advisory group membership)"),
        checks.oversight_published,
    ),
    Criterion(
        "transparency.funding-disclosed",
        1,
        STANDARD,
        "Funding disclosed",
        "Who pays for the process is public.",
        Citation("OECD-GPP", "principle 3 'Transparency' (funding source)"),
        checks.funding_disclosed,
    ),
    Criterion(
        "transparency.announced",
        1,
        STANDARD,
        "Announced before it starts",
        "The process is announced in public before it begins.",
        Citation("OECD-GPP", "principle 3 'Transparency' (announced before the start)"),
        checks.announced,
    ),
    Criterion(
        "privacy.names-private",
        1,
        STANDARD,
        "Members' names private",
        "Members are shielded from lobbying and unwanted attention: their names are not "
        "published during the process without their consent.",
        Citation("OECD-GPP", "principle 10 'Privacy' [R]"),
        checks.names_private,
        also=(Citation("Involve-CA", "criterion 6 'Open' (media only with consent)"),),
    ),
    Criterion(
        "privacy.data-protection",
        1,
        STANDARD,
        "Personal data protected",
        "Personal data are handled to data-protection-law standards, and members' survey "
        "answers are published only in aggregate.",
        Citation("OECD-GPP", "principle 10 'Privacy' [R]"),
        checks.data_protection,
        also=(Citation("OECD-2021", "Annex C member questionnaire (aggregate results)"),),
    ),
    Criterion(
        "response.deadline-reasonable",
        1,
        STANDARD,
        "Reasonable response deadline",
        "The promised response comes within the model's maximum time.",
        Citation("OECD-GPP", "principle 2 'Accountability' (timely; not quantified)"),
        checks.deadline_reasonable,
        also=(Citation("Ostbelgien", "position about one to two months after presentation"),),
        applies_to=_ANSWERED,
    ),
    Criterion(
        "response.each-recommendation",
        1,
        STANDARD,
        "Each recommendation answered",
        "The response takes a position on every recommendation, with reasons for each rejection.",
        Citation("Ostbelgien", "buergerdialog.be (each rejection justified separately)"),
        checks.each_recommendation,
        also=(Citation("DemNext", "after the assembly: response with justification"),),
        applies_to=_ANSWERED,
    ),
    Criterion(
        "evaluation.planned",
        1,
        STANDARD,
        "Evaluation planned",
        "The process will be evaluated, at least by an anonymous members' survey.",
        Citation("OECD-GPP", "principle 11 'Evaluation' [R]"),
        checks.evaluation_planned,
        also=(Citation("OECD-2021", "minimum standard for evaluation"),),
    ),
    # ------------------------------------------------------------ advisories
    Criterion(
        "deliberation.participants-code",
        1,
        ADVISORY,
        "Participants' own ground rules",
        "The participants adopt their own code of conduct by their own vote, rather than "
        "keep one written for them.",
        Citation("Gerwin", "clear rules of the game (participants' ground rules)"),
        checks.participants_code,
    ),
    Criterion(
        "evaluation.independent",
        1,
        ADVISORY,
        "Independent evaluator",
        "An evaluator independent of commissioner and organisers, chosen transparently and "
        "given access, evaluates the process; most needed for large or long processes.",
        Citation("OECD-2021", "evaluation principles 'independent' and 'transparent'"),
        checks.evaluator_independent,
    ),
    Criterion(
        "response.progress-reports",
        1,
        ADVISORY,
        "Progress reports planned",
        "The commissioning body reports in public on progress with accepted "
        "recommendations, at regular intervals.",
        Citation("DemNext", "after the assembly (after 3 months, then every 6 months)"),
        checks.progress_reports,
        also=(Citation("OECD-GPP", "principle 2 'Accountability' (monitor implementation)"),),
        applies_to=_ANSWERED,
    ),
    Criterion(
        "time.lead-time",
        1,
        ADVISORY,
        "Enough lead time",
        "There are about four months between the commission and the first meeting, for "
        "design and for the civic lottery.",
        Citation("DemNext", "before the assembly (2 months design, about 2 months lottery)"),
        checks.lead_time,
    ),
    Criterion(
        "timing.election-blackout",
        1,
        ADVISORY,
        "Clear of elections",
        "No meeting, report or response falls in the six months before an election of the "
        "commissioning body.",
        Citation(
            "Ostbelgien", "decree art. 3 para. 1 (no assembly within six months of elections)"
        ),
        checks.election_blackout,
        also=(Citation("Parry-2024", "participation-wash during an electoral campaign"),),
    ),
)


def criterion(criterion_id: str) -> Criterion:
    """The criterion with this id; raises StandardsError("unknown_criterion") otherwise."""
    for item in CATALOGUE:
        if item.id == criterion_id:
            return item
    raise StandardsError(
        "unknown_criterion", "There is no criterion {criterion_id!r}.", criterion_id=criterion_id
    )
