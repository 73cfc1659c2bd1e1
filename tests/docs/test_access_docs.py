"""docs/access.md's table states the access policy exactly: one row per process action,
each cell the phases in which that role may act, computed here from ``POLICY``."""

from __future__ import annotations

from pathlib import Path

import pytest

from minipublic.lifecycle import PHASE_ORDER, Action, Phase, Role
from minipublic.lifecycle.policy import OPEN_PHASES, POLICY, Scope

DOC = Path(__file__).resolve().parents[2] / "docs" / "access.md"
COLUMNS = (
    Role.COMMISSIONER,
    Role.LEAD_PRACTITIONER,
    Role.FACILITATOR,
    Role.RECRUITER,
    Role.EXPERT,
    Role.PARTICIPANT,
    Role.OVERSIGHT,
    Role.OBSERVER,
)
PUBLIC = "all, if the process is public; otherwise —"


def _name(phase: Phase) -> str:
    return phase.value.replace("_", "-")


def _cell(phases: frozenset[Phase]) -> str:
    if not phases:
        return "—"
    if phases == frozenset(Phase):
        return "all"
    if phases == OPEN_PHASES:
        return "design \u2013 follow-up"
    indices = sorted(PHASE_ORDER.index(p) for p in phases)
    assert indices == list(range(indices[0], indices[-1] + 1)), "phases are a range"
    first, last = PHASE_ORDER[indices[0]], PHASE_ORDER[indices[-1]]
    return _name(first) if first == last else f"{_name(first)} \u2013 {_name(last)}"


def _rows() -> dict[str, list[str]]:
    rows: dict[str, list[str]] = {}
    for line in DOC.read_text().splitlines():
        if line.startswith("| `"):
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            rows[cells[0].split("`")[1]] = cells[1:]
    return rows


PROCESS_ACTIONS = [a for a in Action if POLICY[a].scope is Scope.PROCESS]


@pytest.mark.parametrize("action", PROCESS_ACTIONS, ids=str)
def test_each_process_action_has_its_row_as_the_policy_says(action: Action) -> None:
    rows = _rows()
    assert action.value in rows, f"add a row for {action.value} to docs/access.md"
    rule = POLICY[action]
    expected = [_cell(rule.grants.get(role, frozenset())) for role in COLUMNS]
    expected.append(PUBLIC if rule.public else "—")
    assert rows[action.value] == expected


def test_site_and_account_actions_are_listed() -> None:
    rows = _rows()
    for action in Action:
        if POLICY[action].scope is not Scope.PROCESS:
            assert action.value in rows, action
