"""Every coded refusal the platform raises has translatable wording for the pages."""

from __future__ import annotations

import re
from pathlib import Path

from minipublic.processes.error_text import _TEXTS

SRC = Path(__file__).resolve().parents[2] / "src" / "minipublic"
_RAISED = re.compile(r"LifecycleError\(\s*\"([a-z_]+)\"")


def raised_codes() -> set[str]:
    """The codes of every LifecycleError raised in the source."""
    codes: set[str] = set()
    for path in SRC.rglob("*.py"):
        codes |= set(_RAISED.findall(path.read_text()))
    return codes


def test_the_scan_finds_codes() -> None:
    assert {"phase_skipped", "incident_held", "declaration_needs_details"} <= raised_codes()


def test_every_raised_code_has_wording() -> None:
    missing = sorted(raised_codes() - set(_TEXTS))
    assert not missing, f"add wording for these to processes/error_text.py: {missing}"
