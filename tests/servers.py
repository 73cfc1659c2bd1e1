"""Start the real ``minipublic serve`` for tests, the way ``make run`` does."""

from __future__ import annotations

import atexit
import os
import secrets
import shutil
import socket
import sqlite3
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import psycopg

from tests.support import MINIPUBLIC, base_env, run_cli


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"minipublic serve exited early:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (our own local server)
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise RuntimeError(f"minipublic serve did not answer at {url}:\n{log.read_text()}")


@contextmanager
def serving(var_dir: Path, **settings: str) -> Iterator[str]:
    """Run ``minipublic serve`` with ``settings`` until the block ends; yields its base URL."""
    port = free_port()
    log = var_dir / f"serve-{port}.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [MINIPUBLIC, "serve", "--port", str(port), "--workers", "2"],
            env=base_env(var_dir, **settings),
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(base + "/", process, log)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


@contextmanager
def working(var_dir: Path, **settings: str) -> Iterator[subprocess.Popen[bytes]]:
    """Run ``minipublic worker --interval 0.2`` with ``settings`` until the block ends.

    Give it the same settings (VAR_DIR, DATABASE_URL…) as the server it works for; its
    output goes to ``var_dir/worker-<n>.log``. Yields the process.
    """
    log = var_dir / f"worker-{len(list(var_dir.glob('worker-*.log')))}.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [MINIPUBLIC, "worker", "--interval", "0.2"],
            env=base_env(var_dir, **settings),
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def load_demo(var_dir: Path, database_url: str) -> str:
    """Give the new, empty database at ``database_url`` (and ``var_dir``) the demo, exactly
    as ``minipublic demo`` (``make run``) loads it; return what that command printed.

    The command runs once per test session, into a snapshot; every call copies the
    snapshot (the database, the files under VAR_DIR, and the absolute paths of the
    selection runs' folders), which takes a second instead of the command's twenty.
    """
    snapshot = _demo_snapshot()
    if database_url.startswith("sqlite:///"):
        shutil.copyfile(snapshot.database, database_url.removeprefix("sqlite:///"))
    else:
        _copy_postgres_database(snapshot.database, database_url)
    shutil.copytree(snapshot.var_dir, var_dir, dirs_exist_ok=True)
    _move_run_folders(database_url, str(snapshot.var_dir), str(var_dir))
    return snapshot.printed


@dataclass(frozen=True)
class _Snapshot:
    var_dir: Path
    database: str  # a SQLite file's path, or a PostgreSQL database's URL
    printed: str


_SNAPSHOTS: dict[str, _Snapshot] = {}


def _demo_snapshot() -> _Snapshot:
    server = os.environ.get("DATABASE_URL", "")
    kind = "postgres" if server.startswith(("postgres:", "postgresql:")) else "sqlite"
    if kind not in _SNAPSHOTS:
        home = Path(tempfile.mkdtemp(prefix="minipublic-demo-snapshot-"))
        atexit.register(shutil.rmtree, home, True)
        var_dir = home / "var"
        var_dir.mkdir()
        if kind == "sqlite":
            database, url = str(home / "demo.sqlite3"), f"sqlite:///{home / 'demo.sqlite3'}"
        else:
            name = f"demo_snapshot_{secrets.token_hex(4)}"
            with psycopg.connect(server, autocommit=True) as connection:
                connection.execute(f'CREATE DATABASE "{name}"')
            database = url = server.rsplit("/", 1)[0] + "/" + name
            atexit.register(_drop_postgres_database, url)
        # Generous: the demo grows with every issue, and test machines are often busy.
        result = run_cli("demo", env=base_env(var_dir, DEBUG="1", DATABASE_URL=url), timeout=400)
        if result.returncode != 0:
            raise RuntimeError(f"minipublic demo failed:\n{result.stdout}\n{result.stderr}")
        _SNAPSHOTS[kind] = _Snapshot(var_dir, database, result.stdout)
    return _SNAPSHOTS[kind]


def _server_and_name(url: str) -> tuple[str, str]:
    # Databases are created and dropped from the suite's own database (DATABASE_URL).
    return os.environ["DATABASE_URL"], url.rsplit("/", 1)[1]


def _copy_postgres_database(source_url: str, target_url: str) -> None:
    # The target is new and unused: replace it by a copy of the snapshot (its template).
    server, target = _server_and_name(target_url)
    source = _server_and_name(source_url)[1]
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')


def _drop_postgres_database(url: str) -> None:
    server, name = _server_and_name(url)
    with suppress(psycopg.Error), psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _move_run_folders(database_url: str, old: str, new: str) -> None:
    # Selection runs keep the absolute path of their folder under VAR_DIR.
    update = "UPDATE selection_selectionrun SET output_dir = REPLACE(output_dir, {0}, {0})"
    if database_url.startswith("sqlite:///"):
        with closing(sqlite3.connect(database_url.removeprefix("sqlite:///"))) as connection:
            connection.execute(update.format("?"), (old, new))
            connection.commit()
        return
    with psycopg.connect(database_url, autocommit=True) as connection:
        connection.execute(update.format("%s"), (old, new))
