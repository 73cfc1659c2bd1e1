"""Demo story: the participants' report, its signatures, versions and change requests.

**Climate assembly** (``demo``): the day after the vote of 8 November 2026 participant1
assembles version 1 from the adopted recommendations and writes the members' own
introduction and closing words with participant4; six of the twelve members with an
account sign it online by 1 December, below the threshold (75%: nine signatures), so it
is not frozen: the two concerns still open in the parking lot would stop it anyway. On
20 November the commissioner asks, through the change-request form, for the workplace
parking levy to be dropped (the pressure of the 6 October incident, now in writing): the
request enters the register; the members have not answered yet.

**Parks jury** (``demo-parks-jury``): version 1 assembled on 12 May 2025 from the five
recommendations voted on 10 May, signed by the eight jurors with an account, frozen on
17 May when the sixth signed (75% of eight); on 2 June the council asks for the 5% cap
on commercial use to go, and the jurors decline on 5 June; version 2 corrects the
savings figure in the introduction (£1.5 million → £1.2 million), frozen on 14 June.

The report is assembled from whatever recommendations the drafting story adopted: the
steps come after its votes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from minipublic.accounts.models import User
from minipublic.processes.models import Process
from minipublic.recommendations import report_actions as actions
from minipublic.recommendations.report_models import ReportChangeRequest, ReportVersion

Step = tuple[datetime, Callable[[], None]]


def _at(day: str, hour: int, minute: int = 0) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, minute=minute, tzinfo=UTC)


CLIMATE_TITLE = "A fair path to net zero: the recommendations of the Riverford Climate Assembly"
CLIMATE_INTRODUCTION = (
    "We are residents of Riverford, drawn by lot so that together we look like the city: "
    "young and old, owners and renters, from every neighbourhood, some worried about the "
    "climate and some not. Over five weekends we heard from experts, campaigners, "
    "businesses and council officers, asked them our own questions, and chose some of the "
    "witnesses ourselves.\n\n"
    "What follows are the recommendations we adopted, each with the reasons we gave and "
    "how we voted. Where a group of us disagreed strongly enough, their minority report is "
    "printed too. Nobody outside the assembly has changed a word."
)
CLIMATE_INTRODUCTION_EDITED = CLIMATE_INTRODUCTION.replace(
    "asked them our own questions,", "asked them our own questions, argued at our tables,"
)
CLIMATE_CLOSING = (
    "We ask the council to answer each recommendation in public, as it promised, and to "
    "tell us every year what has been done. We will be reading."
)
CLIMATE_SIGNERS = (
    ("participant1", "2026-11-11", 18),
    ("participant2", "2026-11-12", 20),
    ("participant5", "2026-11-14", 10),
    ("participant6", "2026-11-17", 19),
    ("participant8", "2026-11-23", 21),
    ("participant10", "2026-12-01", 12),
)
CLIMATE_REQUEST = (
    "Remove the recommendation on a workplace parking levy from the report, or at least "
    "describe it as an option for further study rather than a recommendation.",
    "The cabinet cannot support a levy before the 2028 elections, and publishing it as "
    "the assembly's recommendation will create expectations the council cannot meet.",
)

PARKS_TITLE = "Our parks, our say: the report of the Riverford Parks Citizens' Jury"
PARKS_INTRODUCTION = (
    "Twenty-four of us, drawn by lot, met on four Saturdays in spring 2025 to answer one "
    "question: how should Riverford's parks be looked after with £1.5 million less a year? "
    "Sixteen of us took part on paper; eight of us also used this platform to vote and to "
    "sign this report.\n\n"
    "We walked the parks, heard the budget officers, the friends-of groups and the "
    "portfolio holder, and agreed five recommendations."
)
PARKS_CLOSING = "Keep the parks open, and tell us what happens."
PARKS_REASON = (
    "The introduction gave the savings the council must find as £1.5 million a year; the "
    "council's figure, and our question, is £1.2 million. Nothing else changed."
)
PARKS_REQUEST = (
    "Drop the 5% limit on commercial use in recommendation 3.",
    "Events and cafés are the only new income the parks service has; a fixed cap will "
    "make the savings impossible.",
)
PARKS_ANSWER = (
    "We discussed the cap at length and voted for it knowing the budget. It stays. The "
    "council is free to explain in its response why it cannot follow it."
)


def report_steps(process: Process, users: dict[str, User]) -> list[Step]:
    """The dated steps of this story for ``process`` (none for processes it skips)."""
    if process.slug == "demo":
        return _climate_steps(process, users)
    if process.slug == "demo-parks-jury":
        return _parks_steps(process, users)
    return []


def _assembling(
    process: Process, user: User, title: str, introduction: str, closing: str = ""
) -> Callable[[], None]:
    def assemble() -> None:
        process.refresh_from_db()
        actions.do_assemble_report(
            user, process, title=title, introduction=introduction, closing=closing
        )

    return assemble


def _editing(process: Process, user: User, introduction: str, closing: str) -> Callable[[], None]:
    def edit() -> None:
        process.refresh_from_db()
        version = actions.latest_version(process)
        if version is None:
            return
        actions.do_edit_report(
            user,
            process,
            version,
            title=version.title,
            introduction=introduction,
            closing=closing,
        )

    return edit


def _signing(process: Process, user: User) -> Callable[[], None]:
    def sign() -> None:
        process.refresh_from_db()
        version = actions.latest_version(process)
        if version is not None:
            actions.do_sign_report(user, process, version)

    return sign


def _requesting(process: Process, user: User, what: str, why: str) -> Callable[[], None]:
    def request() -> None:
        process.refresh_from_db()
        actions.do_request_report_change(user, process, what=what, why=why)

    return request


def _climate_steps(process: Process, users: dict[str, User]) -> list[Step]:
    author, editor = users["participant1"], users["participant4"]
    steps: list[Step] = [
        (
            _at("2026-11-09", 10),
            _assembling(process, author, CLIMATE_TITLE, CLIMATE_INTRODUCTION),
        ),
        (
            _at("2026-11-10", 19),
            _editing(process, editor, CLIMATE_INTRODUCTION_EDITED, CLIMATE_CLOSING),
        ),
        (
            _at("2026-11-20", 14),
            _requesting(process, users["commissioner"], *CLIMATE_REQUEST),
        ),
    ]
    steps += [
        (_at(day, hour), _signing(process, users[name])) for name, day, hour in CLIMATE_SIGNERS
    ]
    return steps


def _parks_steps(process: Process, users: dict[str, User]) -> list[Step]:
    jurors = [users[f"juror{i}"] for i in range(1, 9)]
    steps: list[Step] = [
        (
            _at("2025-05-12", 10),
            _assembling(process, jurors[0], PARKS_TITLE, PARKS_INTRODUCTION, PARKS_CLOSING),
        ),
    ]
    # Version 1: five sign in the week, the sixth on the morning of 17 May freezes it,
    # two more add their names after.
    first = ["2025-05-12", "2025-05-13", "2025-05-14", "2025-05-15", "2025-05-16"]
    steps += [
        (_at(day, 19), _signing(process, juror)) for day, juror in zip(first, jurors, strict=False)
    ]
    steps.append((_at("2025-05-17", 8), _signing(process, jurors[5])))
    steps.append((_at("2025-05-17", 11), _signing(process, jurors[6])))
    steps.append((_at("2025-05-19", 18), _signing(process, jurors[7])))
    steps.append(
        (_at("2025-06-02", 15), _requesting(process, users["commissioner"], *PARKS_REQUEST))
    )
    steps.append((_at("2025-06-05", 20), _answering(process, jurors[1])))
    steps.append((_at("2025-06-10", 10), _new_version(process, jurors[0])))
    # Version 2: all eight sign again; the sixth (14 June) freezes it.
    second = ["2025-06-10", "2025-06-11", "2025-06-11", "2025-06-12", "2025-06-13", "2025-06-14"]
    steps += [
        (_at(day, 12 + i), _signing(process, juror))
        for i, (day, juror) in enumerate(zip(second, jurors, strict=False))
    ]
    steps.append((_at("2025-06-16", 9), _signing(process, jurors[6])))
    steps.append((_at("2025-06-18", 9), _signing(process, jurors[7])))
    return steps


def _answering(process: Process, user: User) -> Callable[[], None]:
    def answer() -> None:
        process.refresh_from_db()
        request = ReportChangeRequest.objects.filter(process=process).order_by("number").first()
        if request is not None:
            actions.do_answer_change_request(
                user, process, request, outcome="declined", answer=PARKS_ANSWER
            )

    return answer


def _new_version(process: Process, user: User) -> Callable[[], None]:
    def start() -> None:
        process.refresh_from_db()
        version: ReportVersion = actions.do_start_report_version(user, process, reason=PARKS_REASON)
        actions.do_edit_report(
            user,
            process,
            version,
            title=version.title,
            introduction=version.introduction.replace("£1.5 million", "£1.2 million"),
            closing=version.closing,
        )

    return start
