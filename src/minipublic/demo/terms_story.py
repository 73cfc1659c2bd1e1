"""The climate assembly's terms of engagement after the commission was negotiated.

Once the commission appraisal is final (24 June 2026), the lead practitioner writes what
the council conceded into version 2 of the commissioner's charter: the response within
90 days, no confidentiality beyond the participants' privacy, no review of the report.
The council's officer accepts it the next day; nobody acts as the commissioner in
between. The observer's charter gets a version 2 too, saying what the Riverford Gazette
may report; the observer accepts it the next afternoon.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from minipublic.accounts.models import User
from minipublic.engagement.actions import do_accept_terms, do_publish_charter
from minipublic.lifecycle import Role
from minipublic.processes.access import SYSTEM
from minipublic.processes.models import Process
from minipublic.standards.charters import DEFAULT_CHARTERS

Step = tuple[datetime, Callable[[], None]]

#: The demo process whose terms change (the others keep the default charters).
SLUG = "demo"

COMMISSIONER_TITLE = "Commissioner's charter: Riverford City Council"
_COMMITMENTS = DEFAULT_CHARTERS[Role.COMMISSIONER].commitments
_SOURCES = "; ".join(c.text for c in DEFAULT_CHARTERS[Role.COMMISSIONER].citations)
COMMISSIONER_TERMS = (
    f"1. {_COMMITMENTS[0]}\n"
    "2. I do not edit, approve or delay the participants' report; it is theirs, and it is "
    "published exactly as they approved it, the same day it is handed over. Officers check "
    "facts only when the participants ask them to.\n"
    "3. I do not make payment, access or publication depend on what the participants "
    "recommend. There is no confidentiality clause beyond the participants' privacy: every "
    "briefing, the report and the council's response are public.\n"
    f"4. {_COMMITMENTS[3]}\n"
    "5. I publish a response to every recommendation, with reasons, within 90 days of "
    "receiving the report (by 28 February 2027 at the latest), and report publicly on what "
    "happened to each recommendation a year later.\n"
    "6. The council funds five weekends of deliberation (ten days, sixty hours) and does "
    "not shorten them.\n"
    f"\nSources: {_SOURCES}; the commission appraisal of 24 June 2026."
)
COMMISSIONER_NOTE = (
    "Adds what the council conceded in the commission appraisal of 24 June 2026: the "
    "90-day response deadline with its date, no confidentiality clause beyond the "
    "participants' privacy (the NDA on briefings was dropped), no review of the report "
    "before publication, and the five funded weekends."
)

OBSERVER_TITLE = "Observer's charter"
OBSERVER_TERMS = DEFAULT_CHARTERS[Role.OBSERVER].body.replace(
    "\n\nSources:",
    "\n4. I may report on plenary sessions after each weekend. I quote a participant by name "
    "only with their written consent, and photograph only the plenary room, never a "
    "participant who has not agreed.\n\nSources:",
)
OBSERVER_NOTE = (
    "Adds what the press may report: plenary sessions after each weekend, participants "
    "quoted or photographed only with their consent."
)

COMMISSIONER_CHANGE = (COMMISSIONER_TITLE, COMMISSIONER_TERMS, COMMISSIONER_NOTE)
OBSERVER_CHANGE = (OBSERVER_TITLE, OBSERVER_TERMS, OBSERVER_NOTE)


def _at(day: str, hour: int) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


def terms_steps(process: Process, users: dict[str, User]) -> list[Step]:
    """The new charter versions and their acceptance in ``process`` (the climate
    assembly only), as dated steps."""
    if process.slug != SLUG:
        return []
    lead = users["practitioner"]
    return [
        (
            _at("2026-06-25", 10),
            _publishing(lead, process, Role.COMMISSIONER, COMMISSIONER_CHANGE),
        ),
        (_at("2026-06-25", 11), _publishing(lead, process, Role.OBSERVER, OBSERVER_CHANGE)),
        (_at("2026-06-26", 10), _accepting(process, users["commissioner"])),
        (_at("2026-06-26", 15), _accepting(process, users["observer"])),
    ]


def _publishing(
    lead: User, process: Process, role: Role, change: tuple[str, str, str]
) -> Callable[[], None]:
    title, body, note = change

    def publish() -> None:
        do_publish_charter(lead, process, role, title=title, body=body, change_note=note)

    return publish


def _accepting(process: Process, user: User) -> Callable[[], None]:
    def accept() -> None:
        do_accept_terms(SYSTEM, process, user=user)

    return accept
