"""What a participant's own page shows: their upcoming meetings and table, their own
support items and payment status, the materials to read, and who to ask in the team.

Everything here is read for one attendee key (``attendee_key_of``): nothing of anyone
else's support is ever loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone

from minipublic import clock
from minipublic.deliberation.models import Seat, Session
from minipublic.evidence.models import Material, VersionStatus
from minipublic.lifecycle import Role
from minipublic.participants.support_models import (
    PAYABLE_KINDS,
    ItemStatus,
    SupportItem,
)
from minipublic.processes.labels import ROLE_LABELS
from minipublic.processes.models import Membership, Process

#: The team roles a participant may turn to, in the order shown.
TEAM_ROLES = (Role.LEAD_PRACTITIONER, Role.FACILITATOR, Role.RECRUITER)


@dataclass(frozen=True)
class Meeting:
    """One upcoming meeting and the participant's table at it (None if not seated)."""

    session: Session
    table: Any


def today() -> date:
    """Today, by the site's clock and time zone."""
    return timezone.localdate(clock.now())


def upcoming_meetings(process: Process, key: str | None) -> list[Meeting]:
    """The sessions of ``process`` from today on, with ``key``'s own table at each."""
    sessions = list(
        Session.objects.filter(process=process, date__gte=today()).order_by("date", "number")
    )
    tables: dict[int, Any] = {}
    if key is not None:
        seats = Seat.objects.filter(session__in=sessions, attendee=key).select_related("table")
        tables = {seat.session_id: seat.table for seat in seats}
    return [Meeting(session, tables.get(session.pk)) for session in sessions]


@dataclass(frozen=True)
class Money:
    """A participant's totals in one currency."""

    currency: str
    paid: Decimal
    waiting: Decimal


def own_items(process: Process, key: str | None) -> list[SupportItem]:
    """The support items of ``key``'s own plan (none without a key), oldest first."""
    if key is None:
        return []
    return list(
        SupportItem.objects.filter(plan__process=process, plan__attendee_key=key)
        .select_related("session")
        .defer("receipt", "details", "payment_reference")
        .order_by("created_at", "pk")
    )


def money(items: list[SupportItem]) -> list[Money]:
    """Paid and still to be paid, per currency, over the payable items."""
    totals: dict[str, list[Decimal]] = {}
    waiting = {ItemStatus.DUE, ItemStatus.APPROVED}
    for item in items:
        if item.kind not in PAYABLE_KINDS or item.amount is None:
            continue
        row = totals.setdefault(item.currency, [Decimal(0), Decimal(0)])
        if item.status == ItemStatus.PAID:
            row[0] += item.amount
        elif item.status in waiting:
            row[1] += item.amount
    return [Money(currency, paid, due) for currency, (paid, due) in sorted(totals.items())]


def materials_to_read(process: Process) -> list[Material]:
    """The briefing materials with a published version, in their order."""
    published = Material.objects.filter(
        process=process, versions__status=VersionStatus.PUBLISHED
    ).distinct()
    return list(published.order_by("number"))


def team(process: Process) -> list[dict[str, object]]:
    """The team members a participant may turn to: role and the name they show, never an
    address."""
    rows = (
        Membership.objects.filter(process=process, role__in=[role.value for role in TEAM_ROLES])
        .select_related("user")
        .order_by("role", "user__username")
    )
    order = {role.value: index for index, role in enumerate(TEAM_ROLES)}
    people = [
        {
            "role": row.role,
            "role_label": ROLE_LABELS[Role(row.role)],
            "name": row.user.display_name or row.user.get_full_name() or row.user.get_username(),
        }
        for row in rows
        if row.user.is_active
    ]
    return sorted(people, key=lambda person: order[str(person["role"])])
