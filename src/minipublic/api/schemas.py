"""Shapes of the JSON the API returns and accepts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Schema

from minipublic.lifecycle import Phase, ProcessModel, Role, Visibility


class ProcessOut(Schema):
    """A process as listed."""

    slug: str
    title: str
    question: str
    commissioning_body: str
    model: ProcessModel
    phase: Phase
    visibility: Visibility
    url: str


class PhaseChangeOut(Schema):
    """One step in a process's phase history."""

    from_phase: Phase | None
    to_phase: Phase
    reason: str
    changed_at: datetime


class ProcessDetailOut(ProcessOut):
    """A process with its history, role counts and the caller's own roles."""

    description: str
    role_counts: dict[Role, int]
    my_roles: list[Role]
    roles_awaiting_terms: list[Role]
    phase_history: list[PhaseChangeOut]


class MemberOut(Schema):
    """A person and the roles they hold in one process."""

    username: str
    name: str
    roles: list[Role]


class MembershipOut(Schema):
    """The caller's roles in one process."""

    process: str
    title: str
    roles: list[Role]


class MeOut(Schema):
    """The caller."""

    username: str
    name: str
    is_staff: bool
    memberships: list[MembershipOut]


class PhaseChangeIn(Schema):
    """Move a process to another phase."""

    to_phase: Phase
    reason: str = ""


class ErrorOut(Schema):
    """Why a request was refused: a stable code, a readable message and the details."""

    code: str
    message: str
    params: dict[str, Any] = {}
