"""The climate assembly's parking lot, as dated ``timeline.Step``s.

Ten concerns are parked across the five weekends, by members and by the facilitator on
a table's behalf. Eight are resolved, in all three ways: discussed in a session, referred
to the commissioner, out of the remit. One resolution is disputed by a member (the ring
road businesses were "discussed" at one table only): the team accepts, reopens it and
takes it up at weekend 4. Another member's request to reopen (the airport) is declined
with reasons. Two concerns raised on the last weekend are still open, so the
participants' report cannot be closed yet: the settings page says so and the move to
the response phase is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from minipublic.accounts.models import User
from minipublic.deliberation.models import Concern, ConcernKind, ReopenRequest, Resolution, Session
from minipublic.deliberation.parking import (
    do_answer_reopen_request,
    do_raise_concern,
    do_request_reopening,
    do_resolve_concern,
)
from minipublic.processes.models import Process

Step = tuple[datetime, Callable[[], None]]

#: The demo process whose parking lot this is.
SLUG = "demo"


@dataclass(frozen=True)
class DemoResolution:
    """How the team resolved a concern: by whom, when, how, in which session."""

    on: str
    by: str
    how: Resolution
    text: str
    session: int | None = None


@dataclass(frozen=True)
class DemoReopening:
    """A member's request to reopen a resolved concern, and the team's answer."""

    asked_by: str
    asked_on: str
    reason: str
    answered_on: str
    accept: bool
    answer: str


@dataclass(frozen=True)
class DemoConcern:
    """One parked concern and what became of it."""

    raised_by: str
    on: str
    kind: ConcernKind
    text: str
    session: int | None
    resolution: DemoResolution | None = None
    reopening: DemoReopening | None = None
    resolved_again: DemoResolution | None = None


CONCERNS: tuple[DemoConcern, ...] = (
    DemoConcern(
        "participant3",
        "2026-09-12T15:10",
        ConcernKind.OUT_OF_SCOPE,
        "Can we talk about the incinerator planned at Hollins Lane? Several of us think it "
        "matters more for Riverford's air than anything on the agenda.",
        1,
        DemoResolution(
            "2026-09-13T10:30",
            "practitioner",
            Resolution.OUT_OF_REMIT,
            "Planning permission for the incinerator is decided by the county council, not by "
            "Riverford City Council, which commissioned this assembly; the remit is what the "
            "city council can do. Members may still name it in the report's section on "
            "matters beyond the remit.",
        ),
    ),
    DemoConcern(
        "participant7",
        "2026-09-13T11:45",
        ConcernKind.LATER,
        "Who chose the witnesses we are going to hear, and could we have asked for others?",
        2,
        DemoResolution(
            "2026-09-13T15:30",
            "practitioner",
            Resolution.DISCUSSED,
            "The lead practitioner walked the plenary through the witness register: who "
            "proposed each witness, who decided, and the oversight group's sign-off. Members "
            "asked for a tenants' representative and a bus driver, and both were invited.",
            2,
        ),
    ),
    DemoConcern(
        "facilitator",
        "2026-09-26T12:20",
        ConcernKind.LATER,
        "Table 3 says the options for homes assume people own their home and choose their "
        "heating; renters cannot. Parked until the tenants and landlords panel.",
        3,
        DemoResolution(
            "2026-09-27T16:30",
            "facilitator",
            Resolution.DISCUSSED,
            "Twenty-five minutes of the fuel poverty session went to renters. The members "
            "added a test to every option for homes: what does it change for a tenant whose "
            "landlord will not act?",
            4,
        ),
    ),
    DemoConcern(
        "participant2",
        "2026-09-27T11:05",
        ConcernKind.OUT_OF_SCOPE,
        "Will the council fund what we recommend? We cannot weigh options without knowing "
        "the budget.",
        4,
        DemoResolution(
            "2026-09-30T14:00",
            "practitioner",
            Resolution.REFERRED,
            "Referred in writing to the cabinet member for climate on 30 September: the "
            "members asked for the capital budget available for climate measures from 2027 to "
            "2030. The council's answer (£18 million, with the usual borrowing rules) was read "
            "out at the start of weekend 3 and added to the briefing materials.",
        ),
    ),
    DemoConcern(
        "participant10",
        "2026-10-03T15:40",
        ConcernKind.LATER,
        "The parking levy session ran out of time before we could ask about the small "
        "businesses on the ring road.",
        5,
        DemoResolution(
            "2026-10-04T16:45",
            "facilitator",
            Resolution.DISCUSSED,
            "Taken up at the start of weighing the options for travel.",
            6,
        ),
        DemoReopening(
            "participant11",
            "2026-10-05T18:00",
            "It was not really discussed: only one table talked about the ring road "
            "businesses, and the others went straight to the bus options.",
            "2026-10-06T11:00",
            True,
            "You are right: only table 2 discussed it. The concern is reopened and has 30 "
            "minutes at weekend 4, with the Chamber of Commerce's witness.",
        ),
        DemoResolution(
            "2026-10-24T16:30",
            "facilitator",
            Resolution.DISCUSSED,
            "Every table spent 30 minutes of 'Questions on fairness' on the ring road "
            "businesses, with the Chamber of Commerce's witness. The tables asked for any "
            "levy to exempt businesses with fewer than ten staff for two years.",
            7,
        ),
    ),
    DemoConcern(
        "participant5",
        "2026-10-04T12:15",
        ConcernKind.OUT_OF_SCOPE,
        "Should we say something about the airport expansion? It dwarfs everything else.",
        6,
        DemoResolution(
            "2026-10-04T17:00",
            "practitioner",
            Resolution.OUT_OF_REMIT,
            "Airport expansion is decided by national government; the question put to the "
            "assembly is what Riverford City Council can do. The report may note it among "
            "matters beyond the remit.",
        ),
        DemoReopening(
            "participant8",
            "2026-10-05T19:30",
            "The council is a shareholder in the airport, so it is something the council "
            "can act on.",
            "2026-10-07T10:15",
            False,
            "The council holds 3% of the airport company's shares and has no seat on its "
            "board; the expansion is the government's decision. It stays outside the remit, "
            "and the report may still say what the members think of it.",
        ),
    ),
    DemoConcern(
        "participant1",
        "2026-10-24T11:20",
        ConcernKind.LATER,
        "Can the council's own vans and bin lorries be part of our recommendations?",
        7,
        DemoResolution(
            "2026-10-26T15:00",
            "practitioner",
            Resolution.REFERRED,
            "Referred through the commissioner to the council's fleet manager, by e-mail on "
            "26 October: the members asked for the fleet replacement plan. It arrived on 2 "
            "November and is in the briefing materials for weekend 5.",
        ),
    ),
    DemoConcern(
        "participant6",
        "2026-10-25T14:05",
        ConcernKind.LATER,
        "Our table's first draft on heat pumps uses figures we were never shown.",
        8,
        DemoResolution(
            "2026-11-07T12:30",
            "facilitator",
            Resolution.DISCUSSED,
            "The heating witness went through the figures with the members in 'Checking the "
            "drafts with the witnesses'; the draft now cites the briefing note it uses.",
            9,
        ),
    ),
    DemoConcern(
        "participant9",
        "2026-11-07T16:10",
        ConcernKind.LATER,
        "Nobody has told us what happens to a recommendation if the council turns it down.",
        9,
    ),
    DemoConcern(
        "facilitator",
        "2026-11-08T15:20",
        ConcernKind.LATER,
        "Table 4 wants the report to say how and when the council reports back on each "
        "recommendation; there was no time left to agree the wording.",
        10,
    ),
)


def _at(moment: str) -> datetime:
    return datetime.fromisoformat(moment).replace(tzinfo=UTC)


def parking_steps(process: Process, users: dict[str, User]) -> list[Step]:
    """The steps that fill the climate assembly's parking lot (none for other processes)."""
    if process.slug != SLUG:
        return []
    steps: list[Step] = []
    for number, spec in enumerate(CONCERNS, start=1):
        steps.extend(_concern_steps(process, users, number, spec))
    return steps


def _session(process: Process, number: int | None) -> Session | None:
    return None if number is None else Session.objects.get(process=process, number=number)


def _concern_steps(
    process: Process, users: dict[str, User], number: int, spec: DemoConcern
) -> list[Step]:
    def concern() -> Concern:
        return Concern.objects.get(process=process, number=number)

    def raise_it() -> None:
        do_raise_concern(
            users[spec.raised_by],
            process,
            text=spec.text,
            kind=spec.kind,
            session=_session(process, spec.session),
        )

    def resolving(resolution: DemoResolution) -> Callable[[], None]:
        def resolve() -> None:
            do_resolve_concern(
                users[resolution.by],
                process,
                concern(),
                resolution=resolution.how,
                text=resolution.text,
                session=_session(process, resolution.session),
            )

        return resolve

    steps: list[Step] = [(_at(spec.on), raise_it)]
    if spec.resolution is not None:
        steps.append((_at(spec.resolution.on), resolving(spec.resolution)))
    reopening = spec.reopening
    if reopening is not None:

        def ask() -> None:
            do_request_reopening(
                users[reopening.asked_by], process, concern(), reason=reopening.reason
            )

        def answer() -> None:
            request = ReopenRequest.objects.get(concern=concern(), number=1)
            do_answer_reopen_request(
                users["practitioner"],
                process,
                request,
                accept=reopening.accept,
                answer=reopening.answer,
            )

        steps += [(_at(reopening.asked_on), ask), (_at(reopening.answered_on), answer)]
    if spec.resolved_again is not None:
        steps.append((_at(spec.resolved_again.on), resolving(spec.resolved_again)))
    return steps
