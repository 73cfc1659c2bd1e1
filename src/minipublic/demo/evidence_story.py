"""The climate assembly's register of witnesses and the members' requests, as dated steps.

In June the council (the commissioner) proposes two speakers: its finance chief, who is
invited for a factual session, and its own cabinet member, who is not chosen. The team
proposes a heat pump researcher (the demo's expert, Dr Sam Kowalski, whose declared
funding links him to the pump industry) and an economist on who pays; the oversight
panel proposes an independent transport academic; the team records four stakeholders'
proposals: the motorists' forum and the cycling campaign (both invited), the heat pump
industry's installer (not chosen: the heating session already has a speaker on that
side) and the Chamber of Commerce (invited, but its chief executive declined).

Two of the members' requests (``request_story``) are answered by inviting a witness the
participants proposed: a tenant who lived through a retrofit (her name not published)
and Greenhaven's transport manager, after its council leader declined. Witnesses give
demographic information, most of them agreeing to its publication in aggregate. The
briefing materials are in ``material_story``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from minipublic.accounts.models import User
from minipublic.demo.material_story import material_steps
from minipublic.demo.request_story import request_steps
from minipublic.evidence import witness_actions
from minipublic.evidence.models import Witness, WitnessRequest
from minipublic.integrity.declarations import do_review_declaration
from minipublic.integrity.models import Declaration
from minipublic.processes.models import Process

Step = tuple[datetime, Callable[[], None]]

#: The demo process with a witness register (the climate assembly).
SLUG = "demo"


def _at(moment: str) -> datetime:
    return datetime.fromisoformat(moment).replace(tzinfo=UTC)


@dataclass(frozen=True)
class DemoWitness:
    """A proposal: made by ``account`` at ``on`` (for the team, under ``kind``)."""

    key: str
    account: str
    on: str
    name: str
    role: str
    expertise: str
    perspectives: tuple[str, ...]
    kind: str = ""
    organisation: str = ""
    request: str = ""
    name_withheld: bool = False


WITNESSES: tuple[DemoWitness, ...] = (
    DemoWitness(
        "ellison",
        "commissioner",
        "2026-06-16T10:00",
        "Cllr Mark Ellison",
        "Cabinet Member for Climate and Transport, Riverford City Council",
        "Leads the council's Climate Action Plan and its transport programme.",
        ("council policy", "supports the council's plan"),
    ),
    DemoWitness(
        "desai",
        "commissioner",
        "2026-06-16T10:05",
        "Ravi Desai",
        "Head of Finance, Riverford City Council",
        "What the council spends on climate measures, what it can borrow and what the plan "
        "leaves unfunded after 2028.",
        ("council policy", "public finance"),
    ),
    DemoWitness(
        "kowalski",
        "practitioner",
        "2026-07-01T10:00",
        "Dr Sam Kowalski",
        "Senior Lecturer in Building Energy, Riverford University",
        "Costs and performance of heat pumps and insulation in Riverford's housing stock.",
        ("heat pumps", "building energy research"),
    ),
    DemoWitness(
        "rahman",
        "practitioner",
        "2026-07-01T10:05",
        "Prof. Aisha Rahman",
        "Institute for Fiscal Fairness",
        "Who pays for net zero: how the costs of each option fall on households with "
        "different incomes.",
        ("who pays", "low-income households"),
    ),
    DemoWitness(
        "gonzalez",
        "facilitator",
        "2026-07-08T11:00",
        "Maria Gonzalez",
        "Chair, Riverford Motorists' Forum",
        "The views of drivers and of people who depend on a car for work or care.",
        ("motorists", "against road charging"),
        kind="stakeholder",
        organisation="Riverford Motorists' Forum",
    ),
    DemoWitness(
        "adeyemi",
        "facilitator",
        "2026-07-08T11:05",
        "Ben Adeyemi",
        "Campaigns Officer, Riverford Cycling Campaign",
        "Safe cycle routes and what made people in other cities change how they travel.",
        ("cycling", "for road charging"),
        kind="stakeholder",
        organisation="Riverford Cycling Campaign",
    ),
    DemoWitness(
        "whitmore",
        "facilitator",
        "2026-07-08T11:10",
        "Gary Whitmore",
        "Managing Director, Whitmore Heating Ltd",
        "Installing heat pumps in older homes: what it takes and what it costs.",
        ("heat pumps", "heating industry"),
        kind="stakeholder",
        organisation="Northern Heat Pump Association",
    ),
    DemoWitness(
        "liu",
        "facilitator",
        "2026-07-08T11:15",
        "Sandra Liu",
        "Chief Executive, Riverford Chamber of Commerce",
        "How a workplace parking levy or road charging would affect local employers.",
        ("local business", "against a workplace parking levy"),
        kind="stakeholder",
        organisation="Riverford Chamber of Commerce",
    ),
    DemoWitness(
        "osei",
        "oversight",
        "2026-07-10T14:00",
        "Dr Leila Osei",
        "Centre for Sustainable Transport, Northfield University",
        "Evidence from cities that changed how people travel, including those that tried "
        "and reversed road charging.",
        ("public transport", "independent research"),
    ),
    DemoWitness(
        "tenant",
        "facilitator",
        "2026-09-26T09:00",
        "Joan Mitchell",
        "Tenant, Riverford Housing Co-operative (whole-street retrofit, 2024)",
        "Living through a retrofit as a tenant: the disruption, the bills since, and what "
        "the landlord paid for.",
        ("renters", "lived experience of retrofit"),
        kind="participants",
        request="tenant",
        name_withheld=True,
    ),
    DemoWitness(
        "bamford",
        "facilitator",
        "2026-10-02T09:00",
        "Cllr Ruth Bamford",
        "Leader, Greenhaven City Council",
        "Introduced Greenhaven's workplace parking levy in 2015.",
        ("workplace parking levy", "another city's experience"),
        kind="participants",
        request="greenhaven",
    ),
    DemoWitness(
        "okoro",
        "facilitator",
        "2026-10-02T15:30",
        "Daniel Okoro",
        "Transport Policy Manager, Greenhaven City Council",
        "Has run Greenhaven's workplace parking levy since 2017: what it raised, what it "
        "funded and how employers responded.",
        ("workplace parking levy", "another city's experience"),
        kind="participants",
        request="greenhaven",
    ),
)

_INVITED_JULY = "2026-07-20T15:00"
# (witness, moment, decision, reasons), in order.
DECISIONS: tuple[tuple[str, str, str, str], ...] = (
    (
        "ellison",
        _INVITED_JULY,
        "not_chosen",
        "An elected member of the commissioning council would present the council's own "
        "plan as evidence. The council's officers give a factual briefing on the plan "
        "instead (witness #2), and Cllr Ellison may attend as an observer.",
    ),
    (
        "desai",
        _INVITED_JULY,
        "invited",
        "The members need the facts of the council's budget; a factual session, questioned "
        "by the members, on the first weekend.",
    ),
    ("kowalski", _INVITED_JULY, "invited", "Presents heat pumps in the heating session."),
    ("rahman", _INVITED_JULY, "invited", "Opens the weekend on who pays."),
    (
        "gonzalez",
        _INVITED_JULY,
        "invited",
        "The transport session hears a group against road charging and one for it.",
    ),
    (
        "adeyemi",
        _INVITED_JULY,
        "invited",
        "The transport session hears a group against road charging and one for it.",
    ),
    (
        "whitmore",
        _INVITED_JULY,
        "not_chosen",
        "The heating session already has a speaker presenting heat pumps (Dr Kowalski, "
        "whose research the Association funds, as he has declared). A second speaker "
        "from the same side would unbalance it; the Association's written evidence is in "
        "the members' pack.",
    ),
    (
        "liu",
        _INVITED_JULY,
        "invited",
        "Employers' view of a workplace parking levy, in the transport session.",
    ),
    (
        "osei",
        _INVITED_JULY,
        "invited",
        "Independent evidence from other cities, as the oversight panel proposed.",
    ),
    ("desai", "2026-09-13T16:00", "appeared", "Weekend 1, Sunday morning."),
    ("kowalski", "2026-09-26T16:00", "appeared", "Weekend 2, heating session."),
    (
        "liu",
        "2026-09-25T10:00",
        "declined",
        "Unavailable on the transport weekend; the Chamber sent written evidence, which "
        "is in the members' pack.",
    ),
    (
        "tenant",
        "2026-09-26T09:30",
        "invited",
        "The members asked for a tenant who has lived through a retrofit (request #1).",
    ),
    (
        "bamford",
        "2026-10-02T09:10",
        "invited",
        "The members asked to hear from Greenhaven's council (request #2).",
    ),
    (
        "bamford",
        "2026-10-02T15:00",
        "declined",
        "Cannot come on 4 October; she suggested the council's transport policy manager.",
    ),
    (
        "okoro",
        "2026-10-02T16:00",
        "invited",
        "Runs Greenhaven's levy; joins the transport session by video on 4 October.",
    ),
    ("tenant", "2026-10-03T16:00", "appeared", "Weekend 3: living through a retrofit."),
    ("gonzalez", "2026-10-04T16:00", "appeared", "Weekend 3, transport session."),
    ("adeyemi", "2026-10-04T16:05", "appeared", "Weekend 3, transport session."),
    ("osei", "2026-10-04T16:10", "appeared", "Weekend 3, transport session."),
    ("okoro", "2026-10-04T16:15", "appeared", "Weekend 3, transport session, by video."),
    ("rahman", "2026-10-24T16:00", "appeared", "Weekend 4, who pays."),
)

# (witness, moment, kind, details, oversight's review, its note, review moment)
DECLARATIONS: tuple[tuple[str, str, str, str, str, str, str], ...] = (
    (
        "desai",
        "2026-09-05T10:00",
        "employment",
        "Employed by Riverford City Council, which commissioned the assembly.",
        "noted",
        "Declared to the members; his session is factual and questioned by them.",
        "2026-09-08T15:00",
    ),
    ("rahman", "2026-09-05T10:05", "none", "", "noted", "", "2026-09-08T15:05"),
    (
        "osei",
        "2026-09-05T10:10",
        "organisation",
        "Unpaid adviser to Better Buses North, a passengers' campaign.",
        "noted",
        "",
        "2026-09-08T15:10",
    ),
    (
        "adeyemi",
        "2026-09-05T10:15",
        "employment",
        "Paid staff member of the Riverford Cycling Campaign.",
        "noted",
        "",
        "2026-09-08T15:15",
    ),
    (
        "tenant",
        "2026-09-30T10:00",
        "organisation",
        "Member of the Riverford Housing Co-operative, her landlord.",
        "noted",
        "",
        "2026-10-01T09:00",
    ),
    # Recorded the day before the transport session; still waiting for oversight.
    (
        "gonzalez",
        "2026-10-01T11:00",
        "organisation",
        "Chair of the Riverford Motorists' Forum, which campaigns against road charging.",
        "",
        "",
        "",
    ),
    (
        "okoro",
        "2026-10-02T16:10",
        "employment",
        "Employed by Greenhaven City Council, which runs a workplace parking levy.",
        "noted",
        "",
        "2026-10-03T09:00",
    ),
)

# (witness, gender, age band, minority ethnic, disabled, consents to publication)
PROFILES: tuple[tuple[str, str, str, str, str, bool], ...] = (
    ("desai", "man", "45_59", "yes", "no", True),
    ("kowalski", "man", "45_59", "no", "no", True),
    ("rahman", "woman", "30_44", "yes", "no", True),
    ("osei", "woman", "30_44", "yes", "", True),
    ("gonzalez", "woman", "60_plus", "no", "no", True),
    ("adeyemi", "man", "under_30", "yes", "no", False),
    ("tenant", "woman", "60_plus", "", "yes", True),
    ("okoro", "man", "45_59", "yes", "no", True),
)


def evidence_steps(process: Process, users: dict[str, User]) -> list[Step]:
    """The witness register, the members' requests and the briefing materials of the
    climate assembly (the other demo processes have none)."""
    if process.slug != SLUG:
        return []
    witnesses: dict[str, Witness] = {}
    requests: dict[str, WitnessRequest] = {}
    steps: list[Step] = []
    for spec in WITNESSES:
        steps.append((_at(spec.on), _proposing(process, users, spec, witnesses, requests)))
    for key, moment, status, reasons in DECISIONS:
        steps.append((_at(moment), _deciding(process, users, witnesses, key, status, reasons)))
    steps.append((_at("2026-09-02T10:00"), _linking_own_declaration(process, users, witnesses)))
    for key, moment, kind, details, review, note, reviewed in DECLARATIONS:
        steps.append((_at(moment), _declaring(process, users, witnesses, key, kind, details)))
        if review:
            steps.append((_at(reviewed), _reviewing(process, users, witnesses, key, review, note)))
    for index, (key, *answers) in enumerate(PROFILES):
        recorded = _at("2026-10-05T16:00").replace(minute=index)
        steps.append((recorded, _profiling(process, users, witnesses, key, answers)))
    steps.extend(request_steps(process, users, witnesses, requests))
    steps.extend(material_steps(process, users))
    return steps


def _proposing(
    process: Process,
    users: dict[str, User],
    spec: DemoWitness,
    witnesses: dict[str, Witness],
    requests: dict[str, WitnessRequest],
) -> Callable[[], None]:
    def propose() -> None:
        witnesses[spec.key] = witness_actions.do_propose_witness(
            users[spec.account],
            process,
            name=spec.name,
            role_organisation=spec.role,
            expertise=spec.expertise,
            perspectives=list(spec.perspectives),
            proposer_kind=spec.kind or None,
            proposer_name=spec.organisation,
            request=requests[spec.request] if spec.request else None,
            name_withheld=spec.name_withheld,
        )

    return propose


def _deciding(
    process: Process,
    users: dict[str, User],
    witnesses: dict[str, Witness],
    key: str,
    status: str,
    reasons: str,
) -> Callable[[], None]:
    def decide() -> None:
        witness_actions.do_decide_witness(
            users["practitioner"], process, witnesses[key], status=status, reasons=reasons
        )

    return decide


def _linking_own_declaration(
    process: Process, users: dict[str, User], witnesses: dict[str, Witness]
) -> Callable[[], None]:
    def link() -> None:
        # Dr Kowalski declared his interest himself (demo/content.py), as an expert member.
        own = Declaration.objects.get(process=process, declarant=users["expert"])
        witness_actions.do_link_witness_declaration(
            users["facilitator"], process, witnesses["kowalski"], own
        )

    return link


def _declaring(
    process: Process,
    users: dict[str, User],
    witnesses: dict[str, Witness],
    key: str,
    kind: str,
    details: str,
) -> Callable[[], None]:
    def declare() -> None:
        witness_actions.do_record_witness_declaration(
            users["facilitator"], process, witnesses[key], kind=kind, details=details
        )

    return declare


def _reviewing(
    process: Process,
    users: dict[str, User],
    witnesses: dict[str, Witness],
    key: str,
    review: str,
    note: str,
) -> Callable[[], None]:
    def review_it() -> None:
        witness = Witness.objects.get(pk=witnesses[key].pk)
        declaration = witness.current_declaration
        if declaration is None:
            raise RuntimeError(f"demo witness {key} has no declaration to review")
        do_review_declaration(users["oversight"], process, declaration, review=review, note=note)

    return review_it


def _profiling(
    process: Process,
    users: dict[str, User],
    witnesses: dict[str, Witness],
    key: str,
    answers: list[object],
) -> Callable[[], None]:
    gender, age_band, minority_ethnic, disabled, consent = answers

    def record() -> None:
        witness_actions.do_record_witness_profile(
            users["facilitator"],
            process,
            witnesses[key],
            gender=str(gender),
            age_band=str(age_band),
            minority_ethnic=str(minority_ethnic),
            disabled=str(disabled),
            consent_to_publish=bool(consent),
        )

    return record
