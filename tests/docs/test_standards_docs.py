"""docs/standards.md's tables agree with the catalogue and the templates.

The criteria table must list exactly the catalogue's criteria, in order, with the same
kind, requirement and main source; the templates table exactly the templates.
"""

from __future__ import annotations

import re
from pathlib import Path

from minipublic.standards import CATALOGUE, CATALOGUE_VERSION, TEMPLATES

DOC = Path(__file__).resolve().parents[2] / "docs" / "standards.md"


def _rows(text: str, heading: str) -> list[list[str]]:
    """The body rows of the first table after ``heading``, as lists of cells."""
    section = text[text.index(f"\n{heading}\n") + 1 :]
    rows: list[list[str]] = []
    for line in section.splitlines()[1:]:
        if line.startswith("## "):
            break
        if line.startswith("| `"):
            rows.append([cell.strip() for cell in line.strip().strip("|").split(" | ")])
        elif rows and not line.startswith("|"):
            break
    return rows


def _criteria_rows(text: str) -> list[tuple[str, str, str, str]]:
    return [(r[0].strip("`"), r[1], r[2], r[3]) for r in _rows(text, "## Criteria")]


def _expected_criteria() -> list[tuple[str, str, str, str]]:
    return [(c.id, c.kind.value, c.requirement, c.source.text) for c in CATALOGUE]


def _mismatches(documented: list[tuple[str, ...]], expected: list[tuple[str, ...]]) -> list[str]:
    problems = [f"documented, not in code: {row}" for row in documented if row not in expected]
    problems += [f"in code, not documented: {row}" for row in expected if row not in documented]
    if not problems and documented != expected:
        problems.append("same rows, different order")
    return problems


def test_the_criteria_table_matches_the_catalogue() -> None:
    documented = _criteria_rows(DOC.read_text())
    problems = _mismatches(list(documented), list(_expected_criteria()))
    assert not problems, "\n".join(problems)


def test_the_templates_table_matches_the_templates() -> None:
    rows = _rows(DOC.read_text(), "## Templates")
    documented = [(r[0].strip("`"), r[1]) for r in rows]
    assert documented == [(t.id, t.name) for t in TEMPLATES.values()]
    for row, t in zip(rows, TEMPLATES.values(), strict=True):
        assert row[2].startswith(f"{t.panel.default} ({t.panel.min}\u2013{t.panel.max})"), row
        assert row[3] == f"{t.days:g} ({t.thresholds.min_days:g})", row


def test_the_page_names_the_catalogue_version() -> None:
    assert f"Catalogue version {CATALOGUE_VERSION}." in DOC.read_text()


def test_the_check_catches_a_changed_kind_source_or_missing_row() -> None:
    text = DOC.read_text()
    first = CATALOGUE[0]
    wrong_kind = text.replace(f"| `{first.id}` | gate |", f"| `{first.id}` | standard |", 1)
    wrong_source = text.replace(first.source.text, "Somebody (2099)", 1)
    missing = re.sub(rf"\n\| `{re.escape(CATALOGUE[-1].id)}` \|[^\n]*", "", text)
    for changed in (wrong_kind, wrong_source, missing):
        assert changed != text
        assert _mismatches(list(_criteria_rows(changed)), list(_expected_criteria()))
