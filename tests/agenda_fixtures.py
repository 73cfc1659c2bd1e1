"""A day in the riverside room for the agenda and timer tests: the process in its
deliberation phase and one session with four items."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

from minipublic.deliberation.models import AgendaItem, Session
from minipublic.deliberation.sessions import do_add_item, do_add_session
from minipublic.lifecycle import Phase
from minipublic.processes.models import Process
from tests.cast import Cast

#: The day of the session, and its start (UTC, the tests' time zone).
DAY = date(2026, 9, 12)
START = datetime(2026, 9, 12, 10, 0, tzinfo=UTC)
ITEMS = (
    ("Welcome", "plenary", 20),
    ("Flooding: the evidence", "witness_session", 50),
    ("Questions at the tables", "small_groups", 60),
    ("Tea", "break", 15),
)


def minute(n: float) -> datetime:
    """``n`` minutes after the session's start."""
    return START + timedelta(minutes=n)


def to_the_room(process: Process) -> None:
    """Put ``process`` in its deliberation phase (the timer runs only then)."""
    Process.objects.filter(pk=process.pk).update(phase=Phase.DELIBERATION)
    process.refresh_from_db()


def lay_out_day(cast: Cast, title: str = "Day 1", on: date = DAY) -> Session:
    """A session with the four ``ITEMS``, added by the facilitator."""
    facilitator = cast.users["facilitator"]
    session = do_add_session(
        facilitator, cast.process, title=title, on=on, starts_at=time(10), location="Hall"
    )
    for name, kind, planned in ITEMS:
        do_add_item(
            facilitator, cast.process, session, title=name, kind=kind, planned_minutes=planned
        )
    return session


def item(session: Session, position: int) -> AgendaItem:
    """The item at ``position`` as it is now."""
    return session.items.get(position=position)


def text_of(html: bytes) -> str:
    """A page's visible words, tags removed and spaces collapsed (for plain asserts)."""
    words = re.sub(r"<[^>]+>", " ", html.decode())
    return " ".join(words.split())
