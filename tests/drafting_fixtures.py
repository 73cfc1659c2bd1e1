"""An assembly for the drafting and vote tests: the riverside cast in deliberation with
more participant accounts (``member2``…), everyone's terms accepted."""

from __future__ import annotations

from dataclasses import dataclass

from django.test import Client

from minipublic.accounts.models import User
from minipublic.engagement.actions import do_accept_terms
from minipublic.lifecycle import Role
from minipublic.processes import actions
from minipublic.processes.access import SYSTEM
from minipublic.recommendations import drafting
from minipublic.recommendations.models import Recommendation
from tests.cast import Cast, make_user
from tests.parking_room import to_deliberation

BASE = "/p/riverside/recommendations/"
TEXT = "The council should insulate every council home by 2030 (zq-draft)."


@dataclass
class Assembly:
    """The cast in deliberation, with the extra participants by name."""

    cast: Cast
    members: dict[str, User]

    def user(self, name: str) -> User:
        """A cast user or one of the extra participants."""
        return self.members.get(name) or self.cast.users[name]

    def client(self, name: str) -> Client:
        """A test client signed in as ``name``."""
        client = Client()
        client.force_login(self.user(name))
        return client

    @property
    def participants(self) -> list[User]:
        """Every participant account: the cast's and the extra ones."""
        return [self.cast.users["participant"], *self.members.values()]


def make_assembly(cast: Cast, extra: int = 4) -> Assembly:
    """Move the cast's process to deliberation and add ``extra`` participant accounts."""
    to_deliberation(cast)
    members = {}
    for index in range(2, extra + 2):
        name = f"member{index}"
        members[name] = make_user(name)
        actions.do_add_member(SYSTEM, cast.process, members[name], Role.PARTICIPANT)
        do_accept_terms(SYSTEM, cast.process, user=members[name])
    return Assembly(cast, members)


def draft(
    assembly: Assembly, who: str = "participant", title: str = "Warm homes"
) -> Recommendation:
    """A recommendation drafted by ``who`` through the action."""
    return drafting.do_draft_recommendation(
        assembly.user(who),
        assembly.cast.process,
        theme="Heating our homes",
        title=title,
        text=TEXT,
        rationale="Cold homes cost lives and money.",
    )
