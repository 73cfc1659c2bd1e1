"""Who is in the room: the attendees of a process, each under a key without personal data.

The room is the confirmed panel (registrants the recruiter marked *confirmed*), keyed
``r:<pseudonym>``; a participant account linked to one of them (``Registrant.user``) is
that attendee. A participant account linked to no panel member (a process that selected
its members outside the platform) is an attendee of its own, keyed ``u:<user id>``.

Names are for the team that runs the room only (``Action.VIEW_ROOM``) and are the least
it needs to call on people: the first name and the initial of the last name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from minipublic.lifecycle import Role
from minipublic.processes.models import Membership, Process
from minipublic.recruitment.models import Registrant, RegistrantStatus

if TYPE_CHECKING:
    from minipublic.accounts.models import User


@dataclass(frozen=True)
class Attendee:
    """One person in the room.

    ``features`` are their answers to the registration questions (feature name to value
    name), for balancing tables; empty for an attendee who is not a panel member.
    ``user_id`` is their participant account, if they have one.
    """

    key: str
    name: str
    features: dict[str, str] = field(default_factory=dict)
    user_id: int | None = None


def _short_name(first: str, last: str, fallback: str) -> str:
    first, last = first.strip(), last.strip()
    if not first:
        return fallback
    return f"{first} {last[0]}." if last else first


def roster(process: Process) -> list[Attendee]:
    """Every attendee of ``process``: the confirmed panel, then unlinked participant
    accounts; in a stable order (by pseudonym, then by account)."""
    attendees: list[Attendee] = []
    linked: set[int] = set()
    panel = Registrant.objects.filter(process=process, status=RegistrantStatus.CONFIRMED)
    for person in panel.order_by("pseudonym"):
        attendees.append(
            Attendee(
                key=f"r:{person.pseudonym}",
                name=_short_name(person.first_name, person.last_name, person.pseudonym),
                features={str(k): str(v) for k, v in person.answers.items()},
                user_id=person.user_id,
            )
        )
        if person.user_id is not None:
            linked.add(person.user_id)
    members = (
        Membership.objects.filter(process=process, role=Role.PARTICIPANT)
        .exclude(user_id__in=linked)
        .select_related("user")
        .order_by("user_id")
    )
    for membership in members:
        user = membership.user
        first, _, last = (user.display_name or user.get_full_name()).strip().partition(" ")
        name = _short_name(first, last.split(" ")[-1] if last else "", user.get_username())
        attendees.append(Attendee(key=f"u:{user.pk}", name=name, user_id=user.pk))
    return attendees


def attendee_key_of(user: User, process: Process) -> str | None:
    """The attendee key of a participant account in ``process`` (None if not in the room)."""
    pseudonym = (
        Registrant.objects.filter(process=process, user=user, status=RegistrantStatus.CONFIRMED)
        .values_list("pseudonym", flat=True)
        .first()
    )
    if pseudonym is not None:
        return f"r:{pseudonym}"
    if Membership.objects.filter(process=process, user=user, role=Role.PARTICIPANT).exists():
        return f"u:{user.pk}"
    return None
