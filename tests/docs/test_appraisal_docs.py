"""docs/appraisal.md's tables agree with the appraisal questionnaire and rules.

The questions tables must list exactly the questionnaire's questions, section by
section and in order, with the same kind, text and reading rules; the rules table
exactly the rules, in order, with the same severity, reason and main source.
"""

from __future__ import annotations

import re
from pathlib import Path

from minipublic.standards.appraisal import QUESTIONNAIRE, QUESTIONNAIRE_VERSION, RULES
from minipublic.standards.appraisal_rules import RULES_VERSION, readers

DOC = Path(__file__).resolve().parents[2] / "docs" / "appraisal.md"

Row = tuple[str, ...]


def _table(lines: list[str]) -> list[list[str]]:
    """The body rows of the first table in ``lines`` (rows starting with a code id)."""
    rows: list[list[str]] = []
    for line in lines:
        if line.startswith("| `"):
            rows.append([cell.strip() for cell in line.strip().strip("|").split(" | ")])
        elif rows and not line.startswith("|"):
            break
    return rows


def _section(text: str, heading: str) -> list[str]:
    """The lines after ``heading`` up to the next heading of the same or a higher level."""
    level = heading.split(" ", 1)[0]
    lines = text[text.index(f"\n{heading}\n") + 1 :].splitlines()[1:]
    stop = [i for i, line in enumerate(lines) if re.match(rf"^#{{1,{len(level)}}} ", line)]
    return lines[: stop[0]] if stop else lines


def _question_rows(text: str) -> list[Row]:
    questions = _section(text, "## Questions")
    rows: list[Row] = []
    for section in QUESTIONNAIRE:
        body = "\n" + "\n".join(questions) + "\n"
        if f"\n### {section.title}\n" not in body:
            continue
        for r in _table(_section(body, f"### {section.title}")):
            rows.append((section.title, r[0].strip("`"), *r[1:]))
    return rows


def _expected_questions() -> list[Row]:
    return [
        (
            s.title,
            q.id,
            q.kind.value,
            q.text,
            ", ".join(f"`{rid}`" for rid in readers(q.id)) or "\u2014",
        )
        for s in QUESTIONNAIRE
        for q in s.questions
    ]


def _rule_rows(text: str) -> list[Row]:
    return [(r[0].strip("`"), *r[1:]) for r in _table(_section(text, "## Rules"))]


def _expected_rules() -> list[Row]:
    return [(r.id, r.severity.value.replace("_", " "), r.reason, r.source.text) for r in RULES]


def _mismatches(documented: list[Row], expected: list[Row]) -> list[str]:
    problems = [f"documented, not in code: {row}" for row in documented if row not in expected]
    problems += [f"in code, not documented: {row}" for row in expected if row not in documented]
    if not problems and documented != expected:
        problems.append("same rows, different order")
    return problems


def test_the_questions_tables_match_the_questionnaire() -> None:
    problems = _mismatches(_question_rows(DOC.read_text()), _expected_questions())
    assert not problems, "\n".join(problems)


def test_the_rules_table_matches_the_rules() -> None:
    problems = _mismatches(_rule_rows(DOC.read_text()), _expected_rules())
    assert not problems, "\n".join(problems)


def test_the_page_names_the_versions() -> None:
    text = DOC.read_text()
    assert f"Questionnaire version {QUESTIONNAIRE_VERSION}." in text
    assert f"Rules version {RULES_VERSION}." in text


def test_the_check_catches_a_changed_severity_source_question_or_missing_row() -> None:
    text = DOC.read_text()
    first = RULES[0]
    wrong_severity = text.replace(f"| `{first.id}` | red line |", f"| `{first.id}` | note |", 1)
    wrong_source = text.replace(f"| {first.source.text} |", "| Somebody (2099) |", 1)
    missing = re.sub(rf"\n\| `{re.escape(RULES[-1].id)}` \|[^\n]*", "", text)
    for changed in (wrong_severity, wrong_source, missing):
        assert changed != text
        assert _mismatches(_rule_rows(changed), _expected_rules())
    q = QUESTIONNAIRE[0].questions[0]
    wrong_text = text.replace(q.text, "Something else?", 1)
    moved = text.replace("### Selection", "### Somewhere else", 1)
    for changed in (wrong_text, moved):
        assert changed != text
        assert _mismatches(_question_rows(changed), _expected_questions())
