"""The named cast every test starts from: one person per role in one process, plus outsiders.

User names are the roles they play, so a failing row of an access table reads plainly:
``commissioner`` is the commissioner of ``riverside``; ``outsider`` is signed in but has no
role; ``staff`` is site staff with no role; ``anonymous`` is not signed in.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.test import Client

from minipublic.accounts.models import User
from minipublic.engagement.actions import do_accept_terms
from minipublic.lifecycle import Role, Visibility
from minipublic.processes import actions
from minipublic.processes.access import SYSTEM
from minipublic.processes.models import Process

ROLE_ACTORS = tuple(role.value for role in Role)
ACTORS = (*ROLE_ACTORS, "outsider", "staff", "anonymous")
# Signed in, no role in any process, marked by the site as a researcher (issue 9). Kept
# out of ACTORS so the many per-process tables are not run once more for an outsider.
RESEARCHER = "researcher"
PASSWORD = "cast-password"


@dataclass
class Cast:
    """The people and the process of one test."""

    process: Process
    users: dict[str, User]

    def actor(self, name: str) -> User | AnonymousUser:
        """The user called ``name`` (or an anonymous visitor for "anonymous")."""
        return AnonymousUser() if name == "anonymous" else self.users[name]

    def client(self, name: str) -> Client:
        """A test client signed in as ``name`` (not signed in for "anonymous")."""
        client = Client()
        if name != "anonymous":
            client.force_login(self.users[name])
        return client

    def refresh(self) -> Process:
        """The process as it is now in the database."""
        self.process.refresh_from_db()
        return self.process


def make_user(username: str, *, staff: bool = False) -> User:
    """An active account with the cast password."""
    user = User.objects.create_user(username=username, password=PASSWORD, is_staff=staff)
    user.email = f"{username}@example.org"
    user.save()
    return user


def make_cast(visibility: Visibility = Visibility.PRIVATE) -> Cast:
    """Create the riverside process with one member per role, an outsider and a staff member."""
    users = {name: make_user(name) for name in ROLE_ACTORS}
    users["outsider"] = make_user("outsider")
    users["staff"] = make_user("staff", staff=True)
    users[RESEARCHER] = make_user(RESEARCHER)
    users[RESEARCHER].is_researcher = True
    users[RESEARCHER].save()
    process = actions.do_create_process(
        SYSTEM,
        slug="riverside",
        title="Riverside Citizens' Assembly",
        question="How should Riverside adapt to flooding?",
        commissioning_body="Riverside Council",
        visibility=visibility,
        lead=users[Role.LEAD_PRACTITIONER],
    )
    for role in Role:
        if role is not Role.LEAD_PRACTITIONER:
            actions.do_add_member(SYSTEM, process, users[role], role)
    accept_all_terms(process)
    return Cast(process=process, users=users)


def accept_all_terms(process: Process) -> None:
    """Have every member of ``process`` accept the current terms of all their roles
    (members must, before they may act; tests of the terms themselves start from here
    and publish a new version)."""
    members = User.objects.filter(memberships__process=process).distinct()
    for user in members:
        do_accept_terms(SYSTEM, process, user=user)
