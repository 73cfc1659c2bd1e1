"""Helpers for tests that run the real ``minipublic`` command in a subprocess."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg

MINIPUBLIC = str(Path(sys.executable).parent / "minipublic")
#: Variables a developer's shell may hold that would change what the command does.
_SCRUBBED = (
    "DEBUG",
    "SECRET_KEY",
    "SECRET_KEY_FILE",
    "FIELD_ENCRYPTION_KEYS",
    "FIELD_ENCRYPTION_KEYS_FILE",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "VAR_DIR",
    "HTTPS",
)


def base_env(var_dir: Path, **overrides: str) -> dict[str, str]:
    """The environment for a subprocess: ours minus settings, plus ``overrides``."""
    env = {key: value for key, value in os.environ.items() if key not in _SCRUBBED}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env["VAR_DIR"] = str(var_dir)
    env.update(overrides)
    return env


def run_cli(
    *args: str, env: dict[str, str], timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run ``minipublic ARGS`` and capture its output."""
    return subprocess.run(
        [MINIPUBLIC, *args], env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


@contextmanager
def scratch_database(var_dir: Path) -> Iterator[str]:
    """A new, empty database of the kind the suite runs on; dropped afterwards.

    SQLite: a file under ``var_dir``. PostgreSQL (when DATABASE_URL is set): a new
    database on the same server.
    """
    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith(("postgres:", "postgresql:")):
        yield f"sqlite:///{var_dir / 'scratch.sqlite3'}"
        return
    name = f"scratch_{secrets.token_hex(4)}"
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
