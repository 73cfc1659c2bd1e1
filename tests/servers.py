"""Start the real ``minipublic serve`` for tests, the way ``make run`` does."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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
    """Run ``minipublic demo`` (as ``make run`` does) and return what it printed."""
    result = run_cli("demo", env=base_env(var_dir, DEBUG="1", DATABASE_URL=database_url))
    if result.returncode != 0:
        raise RuntimeError(f"minipublic demo failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout
