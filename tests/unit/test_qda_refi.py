"""REFI-QDA exports validate against the published schema and are reproducible."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import xmlschema

from minipublic.qda.refi import (
    NAMESPACE,
    QdaCode,
    QdaProject,
    QdaSelection,
    QdaSource,
    QdaUser,
    guid,
    project_xml,
    qdpx,
)

SCHEMA = xmlschema.XMLSchema(Path(__file__).parents[1] / "vendor" / "refi-qda" / "Project.xsd")
WHEN = datetime(2026, 3, 1, 10, 30, tzinfo=UTC)
NS = {"q": NAMESPACE}

CODES = (
    QdaCode("steer", "Pressure to steer", "Attempts to steer.", None, False, "#b35806"),
    QdaCode("steer.time", "Time", "Time as a lever.", "steer"),
    QdaCode("response", "Responses", "", None, False, "#762a83"),
    QdaCode("response.red_lines", "Red lines", "Limits.", "response"),
    QdaCode("inductive.care", "Care for participants", "Looking after people."),
)
TEXT_ONE = (
    "Interviewer: Tell me about time.\n\nRespondent: We had four weekends — never enough. Ça va."
)
START = TEXT_ONE.index("We had")
TEXT_TWO = "Reflection: « les délais » were tight; 会議 ran late."


def _project(**changes: object) -> QdaProject:
    values: dict[str, object] = {
        "key": "project-1",
        "name": "Pressure & practice",
        "description": "Test <project>",
        "created": WHEN,
        "users": (QdaUser("7", "Dr Test"),),
        "codes": CODES,
        "sources": (
            QdaSource("s1", "Interview 1", TEXT_ONE, WHEN),
            QdaSource("s2", "Ré", TEXT_TWO),
        ),
        "selections": (
            QdaSelection(
                "e1", "s1", START, START + 28, ("steer.time",), "7", "Four weekends", WHEN
            ),
            QdaSelection(
                "e2", "s1", START + 14, len(TEXT_ONE), ("response.red_lines", "inductive.care"), "7"
            ),
            QdaSelection("e3", "s2", 0, len(TEXT_TWO), ("steer.time",)),
        ),
    }
    values.update(changes)
    return QdaProject(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "project",
    [
        QdaProject("empty", "Empty project"),
        _project(sources=(), selections=()),
        _project(),
    ],
    ids=["empty", "codes-only", "full"],
)
def test_project_documents_validate_against_the_refi_schema(project: QdaProject) -> None:
    SCHEMA.validate(project_xml(project))


def test_the_qdpx_holds_the_sources_and_codes_nested_under_categories() -> None:
    project = _project()
    data = qdpx(project)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = sorted(archive.namelist())
        document = archive.read("project.qde")
        texts = {name: archive.read(name).decode() for name in names if name.startswith("Sources/")}
    SCHEMA.validate(document)
    assert "Sources/" + guid(project, "source", "s1") + ".txt" in names
    assert len(names) == 3
    assert set(texts.values()) == {TEXT_ONE, TEXT_TWO}
    root = ET.fromstring(document)  # noqa: S314 - our own export
    top = root.findall("q:CodeBook/q:Codes/q:Code", NS)
    assert [(c.get("name"), c.get("isCodable")) for c in top] == [
        ("Pressure to steer", "false"),
        ("Responses", "false"),
        ("Care for participants", "true"),
    ]
    assert [c.get("name") for c in top[0].findall("q:Code", NS)] == ["Time"]
    source = root.find("q:Sources/q:TextSource", NS)
    assert source is not None
    path = source.get("plainTextPath", "")
    assert texts["Sources/" + path.removeprefix("internal://")] == TEXT_ONE
    selections = source.findall("q:PlainTextSelection", NS)
    spans = [(int(s.get("startPosition", 0)), int(s.get("endPosition", 0))) for s in selections]
    assert spans == [
        (START, START + 28),
        (START + 14, len(TEXT_ONE)),
    ]  # overlapping selections, in characters
    assert TEXT_ONE[START : START + 28] == "We had four weekends — never"
    refs = [r.get("targetGUID") for r in selections[1].findall("q:Coding/q:CodeRef", NS)]
    assert refs == [
        guid(project, "code", "inductive.care"),
        guid(project, "code", "response.red_lines"),
    ]


def test_the_same_project_exports_to_the_same_bytes() -> None:
    assert qdpx(_project()) == qdpx(_project())
    assert guid(_project(), "code", "steer") != guid(_project(key="other"), "code", "steer")


def test_a_selection_outside_its_text_is_refused() -> None:
    bad = (QdaSelection("x", "s2", 0, len(TEXT_TWO) + 1, ("steer.time",)),)
    with pytest.raises(ValueError, match="outside"):
        project_xml(_project(selections=bad))
