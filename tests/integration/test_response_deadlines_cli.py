"""``minipublic accountability check-deadlines``, run for real on the loaded demo: the
parks jury's fifth answer is overdue, noticed once, and the oversight group e-mailed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import load_demo
from tests.support import base_env, run_cli, scratch_database

pytestmark = pytest.mark.django_db(transaction=True)
COMMAND = ("accountability", "check-deadlines")
FORGET = (
    "from minipublic.accountability.models import OverdueNotice; "
    "OverdueNotice.objects.filter(recommendation__process__slug='demo-parks-jury').delete()"
)
NOTICES = (
    "from minipublic.integrity.models import LedgerEntry; "
    "print(LedgerEntry.objects.filter(process__slug='demo-parks-jury', "
    "event='response.overdue').count())"
)


@pytest.fixture
def env(tmp_path: Path) -> Iterator[dict[str, str]]:
    with scratch_database(tmp_path) as url:
        load_demo(tmp_path, url)
        yield base_env(tmp_path, DEBUG="1", DATABASE_URL=url)


def _words(output: str) -> str:
    # The console wraps long lines (and e-mail headers are folded): compare words.
    return " ".join(output.split())


def _shell(code: str, env: dict[str, str]) -> str:
    result = run_cli("manage", "shell", "--verbosity", "0", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_check_deadlines_notices_each_overdue_answer_once(env: dict[str, str]) -> None:
    # The demo noticed it on 17 July 2025 already: nothing new, nothing sent.
    first = run_cli(*COMMAND, env=env)
    assert first.returncode == 0, first.stderr
    assert "demo-parks-jury: 1 overdue, 0 newly flagged, 0 e-mail(s)" in _words(first.stdout)
    assert "Subject:" not in first.stdout
    assert _shell(NOTICES, env) == "1"

    # Had nobody noticed it, the command does: the console mail backend prints the message.
    _shell(FORGET, env)
    second = run_cli(*COMMAND, "--process", "demo-parks-jury", env=env)
    assert second.returncode == 0, second.stderr
    printed = _words(second.stdout)
    assert "demo-parks-jury: 1 overdue, 1 newly flagged, 1 e-mail(s) to oversight." in printed
    assert "To: oversight@demo.invalid" in printed
    assert "Overdue: the answer to recommendation 5 of Riverford Parks Citizens' Jury" in printed
    assert "The deadline for the answers was 16 July 2025" in printed
    assert _shell(NOTICES, env) == "2"

    third = run_cli(*COMMAND, env=env)
    assert "0 newly flagged" in _words(third.stdout)
    assert "Subject:" not in third.stdout
    assert _shell(NOTICES, env) == "2"

    unknown = run_cli(*COMMAND, "--process", "nope", env=env)
    assert unknown.returncode == 2
    assert "there is no process called 'nope'" in unknown.stderr
