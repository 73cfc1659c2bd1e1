"""The demo assembly that ``minipublic demo`` (and ``make run``) loads.

Running it again restores the demo processes to their starting state and resets the
demo accounts' passwords; it never touches other processes or accounts. It refuses to
run unless DEBUG is on, because every demo account's password is ``demo``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.conf import settings
from django.db import transaction

from minipublic.accounts.models import User
from minipublic.demo.content import ACCOUNTS, PROCESSES, DemoIncident, DemoProcess
from minipublic.integrity import actions as integrity_actions
from minipublic.lifecycle import PHASE_ORDER, Role
from minipublic.processes import actions
from minipublic.processes.access import SYSTEM
from minipublic.processes.models import Process

DEMO_PASSWORD = "demo"


class DemoRefusedError(RuntimeError):
    """The demo may not be loaded here (DEBUG is off)."""


@dataclass
class DemoSummary:
    """What was loaded: each account with its roles, per process slug."""

    roles: dict[str, list[tuple[str, list[Role]]]] = field(default_factory=dict)
    processes: list[str] = field(default_factory=list)


def load_demo() -> DemoSummary:
    """Create or restore the demo accounts and processes; returns who holds which role."""
    if not settings.DEBUG:
        raise DemoRefusedError(
            "The demo creates accounts whose password is 'demo', so it only runs with DEBUG=1."
        )
    with transaction.atomic():
        users = {
            account.username: _account(account.username, account.name, account.staff)
            for account in ACCOUNTS
        }
        summary = DemoSummary(roles={username: [] for username in users})
        for spec in PROCESSES:
            _process(spec, users)
            summary.processes.append(spec.slug)
            for username, roles in spec.members.items():
                summary.roles[username].append((spec.slug, list(roles)))
    return summary


def _account(username: str, name: str, staff: bool) -> User:
    user, _ = User.objects.get_or_create(username=username)
    user.display_name = name
    user.email = f"{username}@demo.invalid"
    user.is_active = True
    user.is_staff = staff
    user.is_superuser = False
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


def _process(spec: DemoProcess, users: dict[str, User]) -> Process:
    existing = Process.objects.filter(slug=spec.slug).first()
    if existing is not None:
        actions.do_delete_process(SYSTEM, existing)
    lead = next(
        username for username, roles in spec.members.items() if Role.LEAD_PRACTITIONER in roles
    )
    process = actions.do_create_process(
        SYSTEM,
        slug=spec.slug,
        title=spec.title,
        question=spec.question,
        description=spec.description,
        commissioning_body=spec.commissioning_body,
        model=spec.model,
        visibility=spec.visibility,
        lead=users[lead],
        at=_day(spec.created),
    )
    for username, roles in spec.members.items():
        for role in roles:
            if not (username == lead and role == Role.LEAD_PRACTITIONER):
                actions.do_add_member(SYSTEM, process, users[username], role)
    for phase, (day, reason) in zip(PHASE_ORDER[1:], spec.history, strict=False):
        actions.do_change_phase(SYSTEM, process, phase, reason, at=_day(day))
    for incident in spec.incidents:
        _incident(process, incident, users)
    return process


def _incident(process: Process, spec: DemoIncident, users: dict[str, User]) -> None:
    # Through the named actions, as the people themselves would, so the ledger records it.
    incident = integrity_actions.do_report_incident(
        users[spec.reporter],
        process,
        what_happened=spec.what_happened,
        pressure_source=spec.pressure_source,
        target=spec.target,
        severity=spec.severity,
        anonymous=spec.anonymous,
    )
    if spec.reviewer:
        integrity_actions.do_review_incident(
            users[spec.reviewer],
            process,
            incident,
            status=spec.status,
            response=spec.response,
            red_line_decision=spec.red_line_decision or None,
        )
    if spec.published:
        integrity_actions.do_publish_incident(users["oversight"], process, incident, published=True)


def _day(iso_date: str) -> datetime:
    return datetime.fromisoformat(iso_date).replace(hour=9, tzinfo=UTC)
