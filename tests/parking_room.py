"""A small room for the parking-lot and table-summary tests: the riverside process in
deliberation, one past session with three tables and people seated at them.

Table 1 is mixed: the cast's ``participant`` and ``member2``, ``member3`` (participant
accounts) and panel member P1 (no account). Table 2 has only panel members without an
account (P2, P3). Table 3 has only account holders (``member4``, ``member5``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from minipublic.accounts.models import User
from minipublic.deliberation.models import Session, Table
from minipublic.deliberation.seating import do_seat_session
from minipublic.deliberation.sessions import do_add_session, do_set_tables
from minipublic.engagement.actions import do_accept_terms
from minipublic.lifecycle import Phase, Role
from minipublic.processes import actions
from minipublic.processes.access import SYSTEM
from minipublic.recruitment.models import Registrant, RegistrantStatus
from tests.cast import Cast, make_user

HELD_ON = datetime.date(2025, 3, 8)
MEMBERS = ("member2", "member3", "member4", "member5")


@dataclass
class Room:
    """The cast, the session and its tables, and the extra participant accounts."""

    cast: Cast
    session: Session
    tables: dict[int, Table]
    members: dict[str, User]

    def user(self, name: str) -> User:
        """A cast user or one of the extra members."""
        return self.members.get(name) or self.cast.users[name]


def to_deliberation(cast: Cast) -> None:
    """Move the cast's process forward to the deliberation phase."""
    for phase in (Phase.RECRUITMENT, Phase.SELECTION, Phase.DELIBERATION):
        actions.do_change_phase(SYSTEM, cast.refresh(), phase)
    cast.refresh()


def _panel_member(cast: Cast, pseudonym: str) -> None:
    Registrant.objects.create(
        process=cast.process,
        pseudonym=pseudonym,
        first_name="Panel",
        last_name=pseudonym,
        email=f"{pseudonym.lower()}@example.org",
        answers={},
        registered_on=datetime.date(2025, 1, 10),
        status=RegistrantStatus.CONFIRMED,
    )


def make_room(cast: Cast) -> Room:
    """Put the cast's process in deliberation with one held session, seated (see module)."""
    to_deliberation(cast)
    members = {}
    for name in MEMBERS:
        members[name] = make_user(name)
        actions.do_add_member(SYSTEM, cast.process, members[name], Role.PARTICIPANT)
        do_accept_terms(SYSTEM, cast.process, user=members[name])
    for pseudonym in ("P1", "P2", "P3"):
        _panel_member(cast, pseudonym)
    facilitator = cast.users["facilitator"]
    session = do_add_session(facilitator, cast.process, title="Day one", on=HELD_ON)
    tables = {t.number: t for t in do_set_tables(facilitator, cast.process, session, 3)}

    def key(user: User) -> str:
        return f"u:{user.pk}"

    placements = {
        key(cast.users["participant"]): 1,
        key(members["member2"]): 1,
        key(members["member3"]): 1,
        "r:P1": 1,
        "r:P2": 2,
        "r:P3": 2,
        key(members["member4"]): 3,
        key(members["member5"]): 3,
    }
    do_seat_session(facilitator, cast.process, session, placements)
    return Room(cast, session, tables, members)
