"""``minipublic researchers grant|revoke|list``, run for real on the loaded demo."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import load_demo
from tests.support import base_env, run_cli, scratch_database

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def env(tmp_path: Path) -> Iterator[dict[str, str]]:
    with scratch_database(tmp_path) as url:
        load_demo(tmp_path, url)
        yield base_env(tmp_path, DEBUG="1", DATABASE_URL=url)


def _listed(env: dict[str, str]) -> list[str]:
    result = run_cli("researchers", "list", env=env)
    assert result.returncode == 0, result.stderr
    return [line.split()[0] for line in result.stdout.splitlines() if line.strip()]


def test_grant_list_and_revoke(env: dict[str, str]) -> None:
    assert _listed(env) == ["researcher"]  # the demo's Dr Amara Nwosu
    granted = run_cli("researchers", "grant", "observer", env=env)
    assert granted.returncode == 0, granted.stderr
    assert "observer is now a researcher." in granted.stdout
    assert _listed(env) == ["observer", "researcher"]
    revoked = run_cli("researchers", "revoke", "researcher", env=env)
    assert revoked.returncode == 0, revoked.stderr
    assert _listed(env) == ["observer"]
    unknown = run_cli("researchers", "grant", "nobody-here", env=env)
    assert unknown.returncode == 2
    assert "there is no account called 'nobody-here'" in " ".join(unknown.stderr.split())
