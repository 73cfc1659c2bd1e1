"""The ``minipublic`` command, run for real in a subprocess."""

from __future__ import annotations

import socket
import subprocess
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path

import pytest

from minipublic.demo import council_story
from minipublic.demo.content import ACCOUNTS, PROCESSES
from tests.servers import load_demo
from tests.support import MINIPUBLIC, base_env, run_cli, scratch_database

pytestmark = pytest.mark.django_db(transaction=True)

COUNTS = (
    "from minipublic.accounts.models import User; "
    "from minipublic.processes.models import Process, Membership, PhaseChange; "
    "print(User.objects.count(), Process.objects.count(), Membership.objects.count(), "
    "PhaseChange.objects.count())"
)
# The demo's panel (pseudonym and status of everyone drawn) and a digest of its letters' codes.
PANEL = (
    "import hashlib; "
    "from minipublic.recruitment.models import Invitation, Registrant; "
    "drawn = Registrant.objects.filter(process__slug='demo').exclude(status='registered'); "
    "print(sorted(drawn.values_list('pseudonym', 'status'))); "
    "codes = Invitation.objects.filter(draw__process__slug='demo').order_by('address__row'); "
    "print(hashlib.sha256(' '.join(codes.values_list('code', flat=True)).encode()).hexdigest())"
)
# The climate assembly's privacy story (demo/portal_story.py): consents, contact
# requests, direct approaches and the register's entries, and the e-mail opt-outs.
PRIVACY = (
    "from minipublic.participants.models import ContactRequest, DirectApproach, "
    "ParticipantConsent; "
    "from minipublic.integrity.models import Incident; "
    "from minipublic.accountability.models import UpdateOptOut; "
    "q = dict(process__slug='demo'); "
    "print(ParticipantConsent.objects.filter(**q).count(), ContactRequest.objects.filter(**q)"
    ".count(), DirectApproach.objects.filter(**q).count(), Incident.objects.filter(**q).count(), "
    "UpdateOptOut.objects.filter(**q).count())"
)
# The demo assembly's support: plans, items by kind and status, and payments in the ledger.
SUPPORT = (
    "from collections import Counter; "
    "from minipublic.integrity.record import entries; "
    "from minipublic.participants.models import SupportItem, SupportPlan; "
    "from minipublic.processes.models import Process; "
    "demo = Process.objects.get(slug='demo'); "
    "items = SupportItem.objects.filter(plan__process=demo); "
    "print(SupportPlan.objects.filter(process=demo).count(), "
    "sorted(Counter(items.values_list('kind', 'status')).items()), "
    "entries(demo).filter(event__startswith='support.').count())"
)

# A valid Fernet key for production-like runs (never used outside the tests).
PRODUCTION_FIELD_KEY = "cHJvZHVjdGlvbi1saWtlLXRlc3Qta2V5LTAxMjM0NTY="


def _shell(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return run_cli("manage", "shell", "--verbosity", "0", "-c", code, env=env)


@pytest.fixture
def database(tmp_path: Path) -> Iterator[str]:
    with scratch_database(tmp_path) as url:
        yield url


def test_version() -> None:
    result = run_cli("--version", env=base_env(Path("/nonexistent")))
    assert result.returncode == 0
    assert result.stdout.strip() == f"minipublic {version('minipublic')}"


def test_help_lists_every_command() -> None:
    result = run_cli("--help", env=base_env(Path("/nonexistent")))
    assert result.returncode == 0
    for command in ("serve", "demo", "migrate", "delete-process", "manage"):
        assert f"│ {command} " in result.stdout


@pytest.mark.parametrize(
    ("settings", "named"),
    [
        ({"DEBUG": "maybe"}, "DEBUG='maybe' is not a yes/no value"),
        ({"DEBUG": "0", "ALLOWED_HOSTS": "a.org"}, "SECRET_KEY is not set"),
        (
            {"DEBUG": "0", "SECRET_KEY": "short", "ALLOWED_HOSTS": "a.org"},
            "SECRET_KEY is too short",
        ),
        ({"DEBUG": "0", "SECRET_KEY": "x" * 50}, "ALLOWED_HOSTS is not set"),
        (
            {"DEBUG": "0", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "a.org"},
            "FIELD_ENCRYPTION_KEYS is not set",
        ),
        (
            {
                "DEBUG": "0",
                "SECRET_KEY": "x" * 50,
                "ALLOWED_HOSTS": "a.org",
                "FIELD_ENCRYPTION_KEYS": f"{PRODUCTION_FIELD_KEY},not-a-key",
            },
            "key 2 is not a Fernet key",
        ),
        (
            {"DEBUG": "1", "DATABASE_URL": "mysql://db/x"},
            "DATABASE_URL='mysql://db/x' is not supported",
        ),
        (
            {"DEBUG": "1", "TIME_ZONE": "Mars/Olympus"},
            "TIME_ZONE='Mars/Olympus' is not a known time zone",
        ),
        (
            {"DEBUG": "1", "EMAIL_HOST": "smtp.example.org", "EMAIL_PORT": "smtp"},
            "EMAIL_PORT='smtp'",
        ),
        ({"DEBUG": "1", "LOGIN_FAILURE_LIMIT": "0"}, "LOGIN_FAILURE_LIMIT=0 is out of range"),
        ({"DEBUG": "1", "CSRF_TRUSTED_ORIGINS": "example.org"}, "CSRF_TRUSTED_ORIGINS item"),
        ({"DEBUG": "1", "LOG_LEVEL": "chatty"}, "LOG_LEVEL='chatty' is not one of"),
    ],
)
def test_bad_settings_stop_start_up_naming_the_variable(
    tmp_path: Path, settings: dict[str, str], named: str
) -> None:
    result = run_cli("migrate", env=base_env(tmp_path, **settings))
    assert result.returncode == 2, result.stderr
    assert named in " ".join(result.stderr.split())
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", [["serve", "--port", "1"], ["demo"], ["manage", "check"]])
def test_every_command_checks_settings_first(tmp_path: Path, command: list[str]) -> None:
    result = run_cli(*command, env=base_env(tmp_path, DEBUG="perhaps"))
    assert result.returncode == 2
    assert "DEBUG='perhaps'" in result.stderr


def test_demo_refuses_without_debug_and_creates_nothing(tmp_path: Path, database: str) -> None:
    production = base_env(
        tmp_path,
        DEBUG="0",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="a.org",
        FIELD_ENCRYPTION_KEYS=PRODUCTION_FIELD_KEY,
        DATABASE_URL=database,
    )
    refused = run_cli("demo", env=production)
    assert refused.returncode == 2
    assert "only runs with DEBUG=1" in " ".join(refused.stderr.split())
    assert run_cli("migrate", env=production).returncode == 0
    assert _shell(COUNTS, env=production).stdout.split() == ["0", "0", "0", "0"]


def test_demo_loads_once_and_restores_on_second_run(tmp_path: Path, database: str) -> None:
    env = base_env(tmp_path, DEBUG="1", DATABASE_URL=database)
    printed = load_demo(tmp_path, database)  # the first run (a copy of the session's own)
    for account in ACCOUNTS:
        assert account.username in printed
    counts = _shell(COUNTS, env=env).stdout.split()
    memberships = sum(len(roles) for spec in PROCESSES for roles in spec.members.values())
    changes = sum(1 + len(spec.history) for spec in PROCESSES)
    # The permanent council (demo/council_story.py) is built apart from PROCESSES.
    memberships += len(council_story.MEMBERS)
    changes += 1 + len(council_story.PHASES)
    processes = len(PROCESSES) + 1
    assert counts == [str(len(ACCOUNTS)), str(processes), str(memberships), str(changes)]
    panel = _shell(PANEL, env=env).stdout
    assert panel.count("'confirmed'") >= 24, panel  # the panel of 24, one of them a replacement
    assert "'declined'" in panel
    privacy = _shell(PRIVACY, env=env).stdout.split()
    assert privacy[:3] == ["12", "1", "1"], privacy
    support = _shell(SUPPORT, env=env).stdout
    assert support.startswith("24 "), support

    tamper = (
        "from minipublic.processes.models import Process; "
        "from minipublic.accounts.models import User; "
        "Process.objects.filter(slug='demo').update(title='Changed'); "
        "u = User.objects.get(username='participant3'); u.set_password('other'); u.save()"
    )
    assert _shell(tamper, env=env).returncode == 0
    assert run_cli("demo", env=env).returncode == 0
    assert _shell(COUNTS, env=env).stdout.split() == counts
    # Replayed from scratch, with the same pseudonyms and codes: the same panel.
    assert _shell(PANEL, env=env).stdout == panel
    assert _shell(PRIVACY, env=env).stdout.split() == privacy  # restored, not doubled
    assert _shell(SUPPORT, env=env).stdout == support  # nothing doubled
    check = (
        "from minipublic.processes.models import Process; "
        "from minipublic.accounts.models import User; "
        "print(Process.objects.get(slug='demo').title, "
        "User.objects.get(username='participant3').check_password('demo'))"
    )
    assert _shell(check, env=env).stdout.strip() == ("Riverford Climate Assembly True")


def test_serve_refuses_an_unmigrated_database(tmp_path: Path, database: str) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = str(probe.getsockname()[1])
    result = run_cli(
        "serve", "--port", port, env=base_env(tmp_path, DEBUG="1", DATABASE_URL=database)
    )
    assert result.returncode == 2
    assert "minipublic migrate" in result.stderr


def test_manage_passes_commands_to_django(tmp_path: Path) -> None:
    result = run_cli("manage", "check", env=base_env(tmp_path, DEBUG="1"))
    assert result.returncode == 0
    assert "System check identified no issues" in result.stdout


def test_delete_process_asks_first_and_names_unknown_slugs(tmp_path: Path, database: str) -> None:
    env = base_env(tmp_path, DEBUG="1", DATABASE_URL=database)
    load_demo(tmp_path, database)
    unknown = run_cli("delete-process", "nope", "--yes", env=env)
    assert unknown.returncode == 2
    assert "there is no process called 'nope'" in unknown.stderr
    declined = subprocess.run(
        [MINIPUBLIC, "delete-process", "demo-transport-jury"],
        env=env,
        input="n\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert declined.returncode == 1
    assert _shell(COUNTS, env).stdout.split()[1] == str(len(PROCESSES) + 1)
    deleted = run_cli("delete-process", "demo-transport-jury", "--yes", env=env)
    assert deleted.returncode == 0
    assert _shell(COUNTS, env).stdout.split()[1] == str(len(PROCESSES))
