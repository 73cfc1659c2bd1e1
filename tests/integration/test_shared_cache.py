"""The cache is shared by every process of a site: the registration rate limit counts once.

``minipublic serve`` runs several gunicorn workers; a per-process cache would let a client
make REGISTRATION_RATE_LIMIT attempts at each of them. Two separate ``minipublic``
processes with the same VAR_DIR stand in for two workers here: which worker answers a
request is up to gunicorn, so a real server could not show the difference reliably.
"""

from __future__ import annotations

from pathlib import Path

from tests.support import base_env, run_cli

# Three registration attempts from one client address, as the form's view counts them,
# in one fixed clock hour (the count starts again every hour).
ATTEMPTS = (
    "import datetime\n"
    "from django.test import RequestFactory\n"
    "from minipublic import clock\n"
    "from minipublic.recruitment.throttle import allow_registration_attempt\n"
    "request = RequestFactory().post('/p/x/register/', REMOTE_ADDR='203.0.113.7')\n"
    "with clock.frozen_at(datetime.datetime(2026, 7, 13, 10, 30, tzinfo=datetime.UTC)):\n"
    "    print(' '.join(str(allow_registration_attempt(request)) for _ in range(3)))\n"
)


def _attempts(var_dir: Path) -> list[str]:
    result = run_cli(
        "manage",
        "shell",
        "--verbosity",
        "0",
        "-c",
        ATTEMPTS,
        env=base_env(var_dir, DEBUG="1", REGISTRATION_RATE_LIMIT="4"),
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()[-3:]


def test_two_processes_share_the_registration_count(tmp_path: Path) -> None:
    assert _attempts(tmp_path) == ["True", "True", "True"]
    # Another process: it sees the first one's three attempts, so the fifth is refused.
    assert _attempts(tmp_path) == ["True", "False", "False"]
    assert any((tmp_path / "cache").iterdir())  # the count lives under VAR_DIR/cache


def test_sites_with_their_own_var_dir_count_apart(tmp_path: Path) -> None:
    assert _attempts(tmp_path / "one") == ["True", "True", "True"]
    assert _attempts(tmp_path / "two") == ["True", "True", "True"]
