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


@dataclass(frozen=True)
class DemoIncident:
    """One entry of the register of steering attempts, as reported and then reviewed.

    ``reporter`` is a demo account; ``status`` and ``response`` are set by ``reviewer``
    (if any), and ``published`` by the oversight account.
    """

    reporter: str
    what_happened: str
    pressure_source: str
    target: str
    severity: str
    anonymous: bool = False
    reviewer: str = ""
    status: str = ""
    response: str = ""
    red_line_decision: str = ""
    published: bool = False


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

ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("commissioner", "Dana Whitfield (Riverford City Council)"),
    DemoAccount("practitioner", "Priya Raman", staff=True),
    DemoAccount("facilitator", "Tom Okafor"),
    DemoAccount("recruiter", "Rosa Lindqvist"),
    DemoAccount("oversight", "Prof. Helen Achterberg"),
    DemoAccount("expert", "Dr Sam Kowalski"),
    DemoAccount("observer", "Jo Baptiste (Riverford Gazette)"),
    *(DemoAccount(f"participant{i}", name) for i, name in enumerate(_PARTICIPANT_NAMES, start=1)),
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
    ),
    incidents=(
        DemoIncident(
            reporter="practitioner",
            what_happened=(
                "After the third weekend the council's head of climate policy phoned and asked "
                "us to 'soften' the draft recommendation on a workplace parking levy before it "
                "goes to the members, saying the cabinet could not support it."
            ),
            pressure_source="commissioner",
            target="report_content",
            severity="high",
            reviewer="oversight",
            status="escalated",
            response=(
                "The oversight panel wrote to the council leader: the recommendations are the "
                "members' own and will not be edited. The council withdrew the request in writing."
            ),
            published=True,
        ),
        DemoIncident(
            reporter="facilitator",
            what_happened=(
                "Several members received e-mails from a motoring lobby group urging them to "
                "vote against any road-charging option; two forwarded them to us."
            ),
            pressure_source="stakeholder",
            target="participant_contact",
            severity="medium",
            reviewer="oversight",
            status="addressed",
            response=(
                "Members were reminded that they need not reply and can forward such contact to "
                "the team; the group was invited to submit written evidence instead, like anyone."
            ),
            published=True,
        ),
        DemoIncident(
            reporter="participant3",
            what_happened=(
                "We were told the session on home heating will be cut to one hour because council "
                "officers need the room; it feels like the topic is being squeezed."
            ),
            pressure_source="official",
            target="time",
            severity="medium",
            anonymous=True,
            reviewer="oversight",
            status="under_review",
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

PROCESSES: tuple[DemoProcess, ...] = (CLIMATE_ASSEMBLY, TRANSPORT_JURY)
