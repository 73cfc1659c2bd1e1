"""Every refusal of the table allocation engine has wording for the pages, and that wording
uses only the parameters the refusal carries (else describing it would fail)."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

from minipublic.processes.error_text import _TEXTS

ENGINE = Path(__file__).resolve().parents[2] / "src" / "minipublic" / "room" / "allocation"


def engine_refusals() -> dict[str, set[str]]:
    """Each code the engine raises, with the parameters its English message names."""
    found: dict[str, set[str]] = {}
    for path in ENGINE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            args = [a.value if isinstance(a, ast.Constant) else None for a in node.args[:2]]
            if node.func.id == "_bad" and len(args) == 2:
                args[0] = f"allocation_seating_{args[0]}"
            elif node.func.id != "AllocationError":
                continue
            code, message = [*args, None, None][:2]
            if isinstance(code, str) and code.startswith("allocation_"):
                names = {f for _, f, _, _ in string.Formatter().parse(message or "") if f}
                found[code] = names
    return found


def test_the_scan_finds_the_engines_refusals() -> None:
    refusals = engine_refusals()
    assert len(refusals) >= 30
    assert refusals["allocation_pin_conflict"] == {"attendee", "first", "second", "session"}
    assert refusals["allocation_seating_missing"] == {"attendee", "session"}


def test_every_refusal_has_wording_with_known_parameters() -> None:
    for code, params in engine_refusals().items():
        assert code in _TEXTS, f"add wording for {code} to deliberation/error_text.py"
        used = set(re.findall(r"%\((\w+)\)s", str(_TEXTS[code])))
        assert used <= params, (code, used - params)
