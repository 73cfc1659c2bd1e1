"""The people and processes of the demo: the Riverford Climate Assembly and a transport jury."""

from __future__ import annotations

from dataclasses import dataclass

from minipublic.lifecycle import ProcessModel, Role, Visibility


@dataclass(frozen=True)
class DemoAccount:
    """One demo login (password ``demo``)."""

    username: str
    name: str
    staff: bool = False
    # May start research projects on the case library (issue 9).
    researcher: bool = False


@dataclass(frozen=True)
class DemoProcess:
    """One demo process: its fields, members, and the dated phase moves after design."""

    slug: str
    title: str
    question: str
    description: str
    commissioning_body: str
    model: ProcessModel
    visibility: Visibility
    created: str
    members: dict[str, tuple[Role, ...]]
    history: tuple[tuple[str, str], ...]
    incidents: tuple[DemoIncident, ...] = ()
    declarations: tuple[DemoDeclaration, ...] = ()
    documents: tuple[DemoDocument, ...] = ()
    # Replay the civic lottery (demo/recruitment_story.py) in this process.
    recruitment: bool = False


@dataclass(frozen=True)
class DemoIncident:
    """One entry of the register of steering attempts, as reported and then reviewed.

    ``on``, ``reviewed`` and ``published_on`` are the dates of each step (ISO).
    ``reporter`` is a demo account; ``status`` and ``response`` are set by ``reviewer``
    (if any), and ``published`` by the oversight account.
    """

    reporter: str
    what_happened: str
    pressure_source: str
    target: str
    severity: str
    on: str
    anonymous: bool = False
    reviewer: str = ""
    status: str = ""
    response: str = ""
    red_line_decision: str = ""
    reviewed: str = ""
    published: bool = False
    published_on: str = ""
    public_summary: str = ""
    # Files under minipublic/demo/documents/ attached by the reporter.
    attachments: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoDeclaration:
    """A declaration of interest: by a demo account, or recorded for a witness (``name``).

    The oversight account reviews it as ``review`` with ``note`` on ``reviewed``.
    """

    kind: str
    on: str
    details: str = ""
    account: str = ""
    name: str = ""
    recorded_by: str = ""
    review: str = ""
    reviewed: str = ""
    note: str = ""


@dataclass(frozen=True)
class DemoDocument:
    """A public document, read from minipublic/demo/documents/ and published by ``account``.

    ``replaces`` names the file of an earlier demo document this one corrects.
    """

    account: str
    title: str
    kind: str
    file: str
    on: str
    replaces: str = ""


_PARTICIPANT_NAMES = (
    "Amina Hassan",
    "Bill Turner",
    "Chen Wei",
    "Deborah Mensah",
    "Eilidh Ross",
    "Farid Azimi",
    "Grace O'Neill",
    "Hamza Ali",
    "Irena Novak",
    "Jack Pemberton",
    "Kofi Boateng",
    "Lucy Evans",
)

# Eight of the parks jury's twenty-four jurors use the platform (the others took part
# on paper); they drafted, voted, signed the report and rate the council's follow-up.
_JUROR_NAMES = (
    "Margaret Osei",
    "Tom Kirkland",
    "Sofia Moreno",
    "Dev Patel",
    "Ruth Abernethy",
    "Liam Gallagher",
    "Nadia Haddad",
    "Owen Price",
)

ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("commissioner", "Dana Whitfield (Riverford City Council)"),
    DemoAccount("practitioner", "Priya Raman", staff=True),
    DemoAccount("facilitator", "Tom Okafor"),
    DemoAccount("recruiter", "Rosa Lindqvist"),
    DemoAccount("oversight", "Prof. Helen Achterberg"),
    DemoAccount("expert", "Dr Sam Kowalski"),
    DemoAccount("observer", "Jo Baptiste (Riverford Gazette)"),
    *(DemoAccount(f"participant{i}", name) for i, name in enumerate(_PARTICIPANT_NAMES, start=1)),
    *(DemoAccount(f"juror{i}", name) for i, name in enumerate(_JUROR_NAMES, start=1)),
    DemoAccount("researcher", "Dr Amara Nwosu (Northfield University)", researcher=True),
)

CLIMATE_ASSEMBLY = DemoProcess(
    slug="demo",
    title="Riverford Climate Assembly",
    question=(
        "How should Riverford reach net zero emissions by 2040 in a way that is fair to "
        "everyone who lives and works here?"
    ),
    description=(
        "Riverford City Council declared a climate emergency in 2025 and asked residents, "
        "rather than officials, to weigh the hard choices: how we heat our homes, how we "
        "travel, and who pays.\n\n"
        "Members were drawn by civic lottery so that the assembly looks like Riverford in age, "
        "gender, neighbourhood, education and attitude to climate change. They meet over five "
        "weekends, hear from experts and campaigners chosen with the oversight panel, and write "
        "their own recommendations. The council has committed to answer every recommendation "
        "in public within three months."
    ),
    commissioning_body="Riverford City Council",
    recruitment=True,
    model=ProcessModel.CITIZENS_ASSEMBLY,
    visibility=Visibility.PUBLIC,
    created="2026-06-02",
    members={
        "practitioner": (Role.LEAD_PRACTITIONER,),
        "commissioner": (Role.COMMISSIONER,),
        "facilitator": (Role.FACILITATOR,),
        "recruiter": (Role.RECRUITER,),
        "oversight": (Role.OVERSIGHT,),
        "expert": (Role.EXPERT,),
        "observer": (Role.OBSERVER,),
        **{f"participant{i}": (Role.PARTICIPANT,) for i in range(1, 13)},
    },
    history=(
        (
            "2026-07-06",
            "Remit, budget and terms of engagement agreed with the council and oversight panel.",
        ),
        ("2026-08-17", "Registration closed; the lottery is drawn from everyone who registered."),
        ("2026-09-12", "Members confirmed; the first weekend starts."),
        (
            "2026-11-07",
            "The fifth weekend: the members write, amend and vote on their recommendations.",
        ),
    ),
    incidents=(
        DemoIncident(
            reporter="practitioner",
            on="2026-10-06",
            what_happened=(
                "After the third weekend the council's head of climate policy phoned and asked "
                "us to 'soften' the draft recommendation on a workplace parking levy before it "
                "goes to the members, saying the cabinet could not support it."
            ),
            pressure_source="commissioner",
            target="report_content",
            severity="high",
            reviewer="oversight",
            reviewed="2026-10-09",
            status="escalated",
            response=(
                "The oversight panel wrote to the council leader: the recommendations are the "
                "members' own and will not be edited. The council withdrew the request in writing."
            ),
            published=True,
            published_on="2026-10-14",
            public_summary=(
                "A council officer asked for a draft recommendation to be softened before the "
                "members saw it. The oversight panel refused and the council withdrew the request."
            ),
        ),
        DemoIncident(
            reporter="facilitator",
            on="2026-10-05",
            what_happened=(
                "Several members received e-mails from a motoring lobby group urging them to "
                "vote against any road-charging option; two forwarded them to us."
            ),
            pressure_source="stakeholder",
            target="participant_contact",
            severity="medium",
            attachments=("motoring-lobby-email.eml",),
            reviewer="oversight",
            reviewed="2026-10-08",
            status="addressed",
            response=(
                "Members were reminded that they need not reply and can forward such contact to "
                "the team; the group was invited to submit written evidence instead, like anyone."
            ),
            published=True,
            published_on="2026-10-14",
        ),
        DemoIncident(
            reporter="participant3",
            on="2026-10-20",
            what_happened=(
                "We were told the session on home heating will be cut to one hour because council "
                "officers need the room; it feels like the topic is being squeezed."
            ),
            pressure_source="official",
            target="time",
            severity="medium",
            anonymous=True,
            reviewer="oversight",
            reviewed="2026-10-22",
            status="under_review",
        ),
        DemoIncident(
            reporter="facilitator",
            on="2026-11-02",
            what_happened=(
                "The council's communications team e-mailed members a confidentiality agreement "
                "to sign before the final weekend, saying draft recommendations must not be "
                "discussed with the press or family until the council has seen them."
            ),
            pressure_source="official",
            target="confidentiality_nda",
            severity="high",
            reviewer="oversight",
            reviewed="2026-11-03",
            status="red_line_breached",
            red_line_decision="continue_with_conditions",
            response=(
                "Red line 3 of the terms of engagement. Members were told at once that they need "
                "not sign anything. The assembly continues on condition that the council withdraws "
                "the agreement in writing within 14 days; the oversight panel will report publicly."
            ),
            published=True,
            published_on="2026-11-05",
        ),
    ),
    declarations=(
        DemoDeclaration(
            account="participant7",
            kind="employment",
            on="2026-09-12",
            reviewed="2026-09-20",
            details=(
                "I work part-time in sales at Riverford Motors, a car dealership on the ring road."
            ),
            review="managed",
            note=(
                "Discussed with the member: she takes part fully. The facilitators know of the "
                "interest, and she will not act as table reporter for the transport sessions."
            ),
        ),
        DemoDeclaration(
            account="participant2",
            kind="organisation",
            on="2026-09-12",
            reviewed="2026-09-20",
            details="I am a member (not an officer) of the Riverford Cycling Campaign.",
            review="noted",
            note="Ordinary membership; no action needed.",
        ),
        DemoDeclaration(
            account="expert",
            kind="financial",
            on="2026-09-01",
            reviewed="2026-09-04",
            details=(
                "My research group at Riverford University receives £40,000 a year from the "
                "Northern Heat Pump Association for a study of installation costs."
            ),
            review="noted",
            note="Declared to the members before Dr Kowalski's session on heating.",
        ),
        # Witnesses' declarations are recorded with the register (demo/evidence_story.py).
        DemoDeclaration(account="practitioner", kind="none", on="2026-06-03"),
        DemoDeclaration(account="facilitator", kind="none", on="2026-06-10"),
        DemoDeclaration(
            account="oversight",
            kind="organisation",
            on="2026-06-10",
            details="Unpaid trustee of Riverford Community Energy, a local energy co-operative.",
        ),
    ),
    documents=(
        DemoDocument(
            "practitioner",
            "Terms of engagement",
            "terms",
            "terms-of-engagement.md",
            on="2026-07-06",
        ),
        DemoDocument(
            "practitioner",
            "Invitation letter sent to 8,000 households",
            "other",
            "invitation-letter.md",
            on="2026-07-08",
        ),
        # The briefing materials are published with their reviews (demo/material_story.py).
        DemoDocument(
            "oversight",
            "Oversight panel minutes, 14 October 2026",
            "minutes",
            "oversight-minutes-2026-10.md",
            on="2026-10-14",
        ),
    ),
)

TRANSPORT_JURY = DemoProcess(
    slug="demo-transport-jury",
    title="Riverford Transport Citizens' Jury",
    question="Should the city centre become car-free on weekdays, and if so, on what terms?",
    description=(
        "A smaller jury still being designed. It is private until the council and the "
        "practitioners have agreed the remit and the terms of engagement."
    ),
    commissioning_body="Riverford City Council, Transport Committee",
    model=ProcessModel.CITIZENS_JURY,
    visibility=Visibility.PRIVATE,
    created="2026-10-20",
    members={
        "practitioner": (Role.LEAD_PRACTITIONER,),
        "commissioner": (Role.COMMISSIONER,),
        "facilitator": (Role.FACILITATOR, Role.RECRUITER),
        "expert": (Role.OVERSIGHT,),
    },
    history=(),
)

PARKS_JURY = DemoProcess(
    slug="demo-parks-jury",
    title="Riverford Parks Citizens' Jury",
    question="How should Riverford's parks be looked after with £1.2 million less a year?",
    description=(
        "Twenty-four residents drawn by civic lottery met on four Saturdays in spring 2025 "
        "and wrote five recommendations. The council has answered four of them in public, "
        "and reports its progress here; its answer to the fifth is overdue."
    ),
    commissioning_body="Riverford City Council, Parks and Leisure",
    model=ProcessModel.CITIZENS_JURY,
    visibility=Visibility.PUBLIC,
    created="2025-01-13",
    members={
        "practitioner": (Role.LEAD_PRACTITIONER,),
        "commissioner": (Role.COMMISSIONER,),
        "facilitator": (Role.FACILITATOR,),
        "oversight": (Role.OVERSIGHT,),
        "expert": (Role.EXPERT,),
        "observer": (Role.OBSERVER,),
        **{f"juror{i}": (Role.PARTICIPANT,) for i in range(1, 9)},
    },
    history=(
        ("2025-02-03", "Terms of engagement signed; invitations go to 4,000 households."),
        ("2025-03-10", "Registration closed with 412 volunteers; the lottery is drawn."),
        ("2025-04-05", "Twenty-four jurors confirmed; the first Saturday starts."),
        ("2025-05-10", "Evidence heard; the jurors draft their recommendations."),
        ("2025-05-17", "Report agreed and handed to the council."),
        ("2025-08-05", "Cabinet response published; follow-up begins."),
    ),
    incidents=(
        DemoIncident(
            reporter="practitioner",
            on="2025-04-01",
            what_happened=(
                "The parks portfolio holder asked to address the jurors on the first Saturday "
                "to explain 'the financial reality'."
            ),
            pressure_source="politician",
            target="agenda_framing_remit",
            severity="low",
            reviewer="oversight",
            reviewed="2025-04-02",
            status="addressed",
            response=(
                "Offered the same slot as every other witness, with a question session; "
                "the portfolio holder accepted and the jury heard a budget officer as well."
            ),
            published=True,
            published_on="2025-04-03",
        ),
    ),
    declarations=(
        DemoDeclaration(
            account="expert",
            kind="none",
            on="2025-03-20",
        ),
    ),
    documents=(
        DemoDocument(
            "practitioner", "Terms of engagement", "terms", "parks-terms.md", on="2025-02-03"
        ),
        # The jury's report is the frozen report itself (demo/report_story.py).
        DemoDocument(
            "practitioner",
            "The council's response",
            "response",
            "parks-council-response.md",
            on="2025-08-05",
        ),
        DemoDocument(
            "practitioner",
            "Progress report, February 2026",
            "response",
            "parks-progress-2026.md",
            on="2026-02-10",
        ),
    ),
)

PROCESSES: tuple[DemoProcess, ...] = (CLIMATE_ASSEMBLY, TRANSPORT_JURY, PARKS_JURY)
