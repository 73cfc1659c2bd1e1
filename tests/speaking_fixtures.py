"""A room to record speaking time in: the riverside process in deliberation, six confirmed
panel members and the cast's participant, one session on ``DAY`` with two tables."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.test import Client
from django.urls import reverse

from minipublic.deliberation.models import Session, Table
from minipublic.deliberation.seating import do_seat_session
from minipublic.deliberation.sessions import do_add_session, do_set_tables
from minipublic.lifecycle import Phase
from minipublic.processes.access import SYSTEM
from minipublic.processes.actions import do_change_phase
from minipublic.recruitment.models import Registrant, RegistrantStatus
from tests.cast import Cast

DAY = datetime.date(2026, 9, 12)
#: Ten in the morning of the session's day (UTC, the test site's time zone).
MORNING = datetime.datetime(2026, 9, 12, 10, 0, tzinfo=datetime.UTC)
#: The members of the panel: pseudonym, first and last name; the first three sit at
#: table 1 with the cast's participant, the others at table 2.
PANEL = (
    ("P1", "Amina", "Hassan"),
    ("P2", "Bernard", "Cole"),
    ("P3", "Chloe", "Duval"),
    ("P4", "Dev", "Evans"),
    ("P5", "Erin", "Fox"),
    ("P6", "Farah", "Gill"),
)


@dataclass
class Room:
    """The process, its session and tables, and the attendee keys at each table."""

    cast: Cast
    session: Session
    tables: dict[int, Table]
    seated: dict[int, list[str]]

    def url(self, name: str, table: int = 1) -> str:
        """The address of console page ``name`` (console, console_start…) of ``table``."""
        return reverse(f"deliberation:speaking_{name}", args=["riverside", 1, table])

    def events(self, client: Client, events: list[dict[str, Any]], sent_at: int | None) -> Any:
        """Post ``events`` as the console script does; the response."""
        body: dict[str, Any] = {"events": events}
        if sent_at is not None:
            body["sent_at"] = sent_at
        return client.post(self.url("console_events"), body, content_type="application/json")


def ms(moment: datetime.datetime) -> int:
    """``moment`` as the console sends it: milliseconds since 1970."""
    return round(moment.timestamp() * 1000)


def make_room(cast: Cast, *, day: datetime.date = DAY) -> Room:
    """Move ``cast.process`` to deliberation and lay out one seated session on ``day``."""
    process = cast.process
    for phase in (Phase.RECRUITMENT, Phase.SELECTION, Phase.DELIBERATION):
        do_change_phase(SYSTEM, process, phase)
    for pseudonym, first, last in PANEL:
        Registrant.objects.create(
            process=process,
            pseudonym=pseudonym,
            first_name=first,
            last_name=last,
            registered_on=datetime.date(2026, 6, 1),
            status=RegistrantStatus.CONFIRMED,
        )
    session = do_add_session(SYSTEM, process, title="Day one", on=day)
    tables = {table.number: table for table in do_set_tables(SYSTEM, process, session, 2)}
    me = f"u:{cast.users['participant'].pk}"
    seated = {1: ["r:P1", "r:P2", "r:P3", me], 2: ["r:P4", "r:P5", "r:P6"]}
    placements = {key: number for number, keys in seated.items() for key in keys}
    do_seat_session(SYSTEM, process, session, placements)
    cast.refresh()
    return Room(cast, session, tables, seated)
