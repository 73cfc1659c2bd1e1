"""The README's quick start and addresses stay true."""

from __future__ import annotations

import re
import subprocess
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()


def _quick_start_block() -> list[str]:
    section = README.split("## Quick start", 1)[1]
    block = re.search(r"```(?:sh|shell|console)?\n(.*?)```", section, re.S)
    assert block, "the quick start has a code block"
    return [line.strip() for line in block.group(1).strip().splitlines()]


def test_quick_start_is_exactly_the_two_commands() -> None:
    assert _quick_start_block() == ["make run", "make test"]


def _make_dry_run(target: str) -> str:
    result = subprocess.run(
        ["make", "--dry-run", "--always-make", target],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def test_make_run_loads_the_demo_then_serves_on_the_documented_address() -> None:
    commands = _make_dry_run("run")
    demo = commands.index("minipublic demo")
    serve = commands.index("minipublic serve --host 127.0.0.1 --port 8000")
    assert demo < serve
    assert "DEBUG=1" in commands


def test_make_test_runs_checks_and_both_databases() -> None:
    commands = _make_dry_run("test")
    for step in (
        "ruff check",
        "mypy",
        "lint-imports",
        "ensure-chromium",
        "with-postgres",
        "pytest",
    ):
        assert step in commands, step


def test_ci_runs_make_test() -> None:
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_every_documented_address_answers(demo_server: str) -> None:
    """The demo, served like ``make run``, answers every README address on port 8000."""
    addresses = sorted(set(re.findall(r"http://127\.0\.0\.1:8000(/[^\s)>\]`\"']*)?", README)))
    assert len(addresses) >= 4, addresses
    for path in addresses:
        url = demo_server + (path or "/")
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (our own server)
            assert response.status == 200, url
