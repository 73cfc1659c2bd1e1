"""The demo assembly that ``minipublic demo`` (and ``make run``) loads.

Running it again restores the demo processes to their starting state and resets the
demo accounts' passwords; it never touches other processes or accounts. It refuses to
run unless DEBUG is on, because every demo account's password is ``demo``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.test.utils import override_settings

from minipublic.accounts.models import User
from minipublic.demo.content import ACCOUNTS, PROCESSES, DemoAccount
from minipublic.demo.council_story import load_council
from minipublic.demo.learning_story import load_learning
from minipublic.demo.timeline import replay
from minipublic.lifecycle import Role

DEMO_PASSWORD = "demo"
DEMO_EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"


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
    # The demo's red-line e-mails go to demo.invalid addresses: do not send them.
    with override_settings(EMAIL_BACKEND=DEMO_EMAIL_BACKEND), transaction.atomic():
        users = {
            account.username: _account(account, account.name, account.staff) for account in ACCOUNTS
        }
        summary = DemoSummary(roles={username: [] for username in users})
        for spec in PROCESSES:
            replay(spec, users)
            summary.processes.append(spec.slug)
            for username, roles in spec.members.items():
                summary.roles[username].append((spec.slug, list(roles)))
        summary.processes.append(load_council(users).slug)
        load_learning(users)
    return summary


def _account(account: DemoAccount, name: str, staff: bool) -> User:
    username = account.username
    user, _ = User.objects.get_or_create(username=username)
    user.display_name = name
    user.email = f"{username}@demo.invalid"
    user.is_active = True
    user.is_staff = staff
    user.is_researcher = account.researcher
    user.is_superuser = False
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user
