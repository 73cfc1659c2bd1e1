"""Read helpers for the terms pages: charter histories, diffs, and who accepted what.

Nothing here changes anything; the actions are in ``engagement.actions``.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from minipublic.engagement.models import Acceptance, Charter
from minipublic.lifecycle import Role
from minipublic.processes.labels import ROLE_LABELS
from minipublic.processes.models import Membership, Process

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from minipublic.accounts.models import User

_NUMBERED = re.compile(r"^\s*\d+[.)]\s+")


@dataclass(frozen=True)
class Block:
    """A block of a charter's text: a paragraph, or a numbered list of commitments."""

    kind: str  # "paragraph" or "list"
    lines: tuple[str, ...]


def body_blocks(body: str) -> list[Block]:
    """Split a charter's text into paragraphs and numbered lists, for display.

    Lines starting with "1." (or "1)") are list items; blank lines separate paragraphs;
    other lines following a list item continue that item.
    """
    blocks: list[Block] = []
    items: list[str] = []
    paragraph: list[str] = []

    def flush() -> None:
        if items:
            blocks.append(Block("list", tuple(items)))
            items.clear()
        if paragraph:
            blocks.append(Block("paragraph", (" ".join(paragraph),)))
            paragraph.clear()

    for raw in body.splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif _NUMBERED.match(line):
            if paragraph:
                flush()
            items.append(_NUMBERED.sub("", line, count=1))
        elif items:
            items[-1] = f"{items[-1]} {line}"
        else:
            paragraph.append(line)
    flush()
    return blocks


@dataclass(frozen=True)
class DiffLine:
    """One line of a line diff: ``kind`` is "added", "removed" or "same"."""

    kind: str
    text: str


def line_diff(old: str, new: str) -> list[DiffLine]:
    """The lines of ``new`` compared with ``old`` (removed, added, unchanged), in order."""
    lines: list[DiffLine] = []
    kinds = {"-": "removed", "+": "added", " ": "same"}
    for row in difflib.ndiff(old.splitlines(), new.splitlines()):
        kind = kinds.get(row[:1])
        if kind is None:  # "?" hint lines of ndiff
            continue
        text = row[2:]
        if kind == "same" and not text.strip():
            continue
        lines.append(DiffLine(kind, text))
    return lines


def charter_text(charter: Charter) -> str:
    """A charter's title and terms as one text, for diffs."""
    return f"{charter.title}\n\n{charter.body}"


def history(process: Process, role: Role) -> list[Charter]:
    """Every version of ``role``'s charter in ``process``, newest first."""
    return list(Charter.objects.filter(process=process, role=role.value).order_by("-version"))


def latest_acceptances(user: User, process: Process) -> dict[Role, Acceptance]:
    """For each role, the newest version of its charter that ``user`` accepted."""
    found: dict[Role, Acceptance] = {}
    rows = (
        Acceptance.objects.filter(user=user, charter__process=process)
        .select_related("charter")
        .order_by("charter__role", "-charter__version")
    )
    for row in rows:
        found.setdefault(Role(row.charter.role), row)
    return found


def my_acceptances(user: User | AnonymousUser, process: Process) -> list[Acceptance]:
    """Every acceptance of ``user`` in ``process``, newest first (none for visitors)."""
    if not user.is_authenticated:
        return []
    return list(
        Acceptance.objects.filter(user=user, charter__process=process)
        .select_related("charter")
        .order_by("-accepted_at", "charter__role")
    )


@dataclass
class Pending:
    """A charter a member still has to accept, and what changed since they last accepted."""

    charter: Charter
    accepted_before: Charter | None = None
    diff: list[DiffLine] = field(default_factory=list)


def pending_for(
    user: User | AnonymousUser, process: Process, roles: frozenset[Role]
) -> list[Pending]:
    """The current charters of ``roles`` (those awaiting acceptance), with their changes."""
    if not roles or not user.is_authenticated:
        return []
    before = latest_acceptances(user, process)
    current = Charter.objects.filter(
        process=process, is_current=True, role__in=[r.value for r in roles]
    )
    order = {role: index for index, role in enumerate(Role)}
    rows: list[Pending] = []
    for charter in sorted(current, key=lambda c: order[Role(c.role)]):
        old = before.get(Role(charter.role))
        if old is None:
            rows.append(Pending(charter))
        else:
            diff = line_diff(charter_text(old.charter), charter_text(charter))
            rows.append(Pending(charter, old.charter, diff))
    return rows


@dataclass
class MemberStatus:
    """Whether one holder of a role accepted its current charter (or which version, when)."""

    name: str
    version: int | None
    accepted_at: datetime | None
    current: bool


@dataclass
class RoleStatus:
    """Who holds a role and how many accepted its current charter."""

    role: Role
    version: int
    holders: int
    accepted: int
    members: list[MemberStatus] = field(default_factory=list)
    label: str = ""


def acceptance_status(process: Process, *, with_names: bool) -> list[RoleStatus]:
    """For every role with holders, how many accepted its current charter (and who, if
    ``with_names``): each member with the newest version they accepted and when."""
    current = {Role(c.role): c for c in Charter.objects.filter(process=process, is_current=True)}
    holders: dict[Role, list[User]] = {}
    for membership in Membership.objects.filter(process=process).select_related("user"):
        holders.setdefault(Role(membership.role), []).append(membership.user)
    accepted: dict[tuple[str, int], Acceptance] = {}
    rows = (
        Acceptance.objects.filter(charter__process=process)
        .select_related("charter")
        .order_by("charter__version")
    )
    for found in rows:  # later versions overwrite earlier ones
        accepted[(found.charter.role, found.user_id)] = found
    table: list[RoleStatus] = []
    for role in Role:
        users, charter = holders.get(role, []), current.get(role)
        if not users or charter is None:
            continue
        status = RoleStatus(role, charter.version, len(users), 0, label=str(ROLE_LABELS[role]))
        for user in sorted(users, key=str):
            row: Acceptance | None = accepted.get((role.value, user.pk))
            is_current = row is not None and row.charter_id == charter.pk
            status.accepted += is_current
            if with_names:
                status.members.append(
                    MemberStatus(
                        str(user),
                        None if row is None else row.charter.version,
                        None if row is None else row.accepted_at,
                        is_current,
                    )
                )
        table.append(status)
    return table
