"""REFI-QDA project files (.qdpx): the exchange format of NVivo, ATLAS.ti, MAXQDA and others.

A .qdpx file is a zip holding ``project.qde`` (XML in the namespace
``urn:QDA-XML:project:1.0``) and the plain text of every source as ``Sources/<guid>.txt``
(UTF-8). The mapping (docs/learning.md):

- each project member → ``Users/User``;
- the codebook → ``CodeBook/Codes``: categories are ``Code isCodable="false"`` holding their
  codes (``isCodable="true"``) as child ``Code`` elements, with the definition as
  ``Description`` and the colour as ``color``;
- each source → ``Sources/TextSource`` with ``plainTextPath="internal://<guid>.txt"``;
- each coded excerpt → ``PlainTextSelection`` (``startPosition``/``endPosition`` in
  characters of the source text, end exclusive) holding one ``Coding``/``CodeRef`` per code;
  its memo is the selection's ``Description``.

Every GUID is a UUID 5 derived from the project's key and the object's key, and the zip's
timestamps are fixed, so the same project always exports to the same bytes.
"""

from __future__ import annotations

import io
import uuid
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

NAMESPACE = "urn:QDA-XML:project:1.0"
_GUIDS = uuid.UUID("6f1d3f0e-5b1a-4c8e-9a43-0d2a6c1e7b59")  # minipublic's namespace for uuid5
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class QdaUser:
    """A person who coded: ``key`` is stable (e.g. the account's id)."""

    key: str
    name: str


@dataclass(frozen=True)
class QdaCode:
    """A code or category; ``parent`` is the key of its category, if any."""

    key: str
    name: str
    definition: str = ""
    parent: str | None = None
    codable: bool = True
    colour: str = ""


@dataclass(frozen=True)
class QdaSource:
    """A text source and its (already anonymised) text."""

    key: str
    name: str
    text: str
    created: datetime | None = None


@dataclass(frozen=True)
class QdaSelection:
    """A coded excerpt ``text[start:end]`` of source ``source`` with its codes' keys."""

    key: str
    source: str
    start: int
    end: int
    codes: tuple[str, ...]
    user: str | None = None
    memo: str = ""
    created: datetime | None = None


@dataclass(frozen=True)
class QdaProject:
    """Everything a .qdpx file holds."""

    key: str
    name: str
    description: str = ""
    origin: str = "minipublic"
    created: datetime | None = None
    users: Sequence[QdaUser] = field(default_factory=tuple)
    codes: Sequence[QdaCode] = field(default_factory=tuple)
    sources: Sequence[QdaSource] = field(default_factory=tuple)
    selections: Sequence[QdaSelection] = field(default_factory=tuple)


def guid(project: QdaProject, kind: str, key: str) -> str:
    """The stable GUID of one object of ``project``."""
    return str(uuid.uuid5(_GUIDS, f"{project.key}/{kind}/{key}"))


def _when(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _set(element: ET.Element, **attributes: str | None) -> None:
    for name, value in attributes.items():
        if value is not None:
            element.set(name, value)


def _q(tag: str) -> str:
    return f"{{{NAMESPACE}}}{tag}"


def _codes(project: QdaProject, parent: ET.Element) -> None:
    known = {code.key for code in project.codes}
    children: dict[str | None, list[QdaCode]] = {}
    for code in project.codes:
        top = code.parent if code.parent in known else None
        children.setdefault(top, []).append(code)

    def add(into: ET.Element, code: QdaCode) -> None:
        element = ET.SubElement(into, _q("Code"))
        _set(
            element,
            guid=guid(project, "code", code.key),
            name=code.name,
            isCodable="true" if code.codable else "false",
            color=code.colour.upper() or None,
        )
        if code.definition:
            ET.SubElement(element, _q("Description")).text = code.definition
        for child in children.get(code.key, []):
            add(element, child)

    codes = ET.SubElement(ET.SubElement(parent, _q("CodeBook")), _q("Codes"))
    for code in children.get(None, []):
        add(codes, code)


def _check(project: QdaProject) -> None:
    texts = {source.key: source.text for source in project.sources}
    codes = {code.key for code in project.codes}
    for selection in project.selections:
        text = texts.get(selection.source)
        if text is None:
            raise ValueError(f"selection {selection.key} refers to unknown source")
        if not 0 <= selection.start < selection.end <= len(text):
            raise ValueError(f"selection {selection.key} lies outside its source's text")
        if not set(selection.codes) <= codes:
            raise ValueError(f"selection {selection.key} refers to unknown codes")


def _sources(project: QdaProject, parent: ET.Element) -> None:
    by_source: dict[str, list[QdaSelection]] = {}
    for selection in project.selections:
        by_source.setdefault(selection.source, []).append(selection)
    sources = ET.SubElement(parent, _q("Sources"))
    for source in project.sources:
        source_guid = guid(project, "source", source.key)
        element = ET.SubElement(sources, _q("TextSource"))
        _set(
            element,
            guid=source_guid,
            name=source.name,
            plainTextPath=f"internal://{source_guid}.txt",
            creationDateTime=_when(source.created),
        )
        ordered = sorted(by_source.get(source.key, []), key=lambda s: (s.start, s.end, s.key))
        for selection in ordered:
            _selection(project, element, selection)


def _selection(project: QdaProject, parent: ET.Element, selection: QdaSelection) -> None:
    element = ET.SubElement(parent, _q("PlainTextSelection"))
    user = guid(project, "user", selection.user) if selection.user else None
    _set(
        element,
        guid=guid(project, "selection", selection.key),
        name=f"{selection.start}-{selection.end}",
        startPosition=str(selection.start),
        endPosition=str(selection.end),
        creatingUser=user,
        creationDateTime=_when(selection.created),
    )
    if selection.memo:
        ET.SubElement(element, _q("Description")).text = selection.memo
    for code in sorted(set(selection.codes)):
        coding = ET.SubElement(element, _q("Coding"))
        _set(
            coding,
            guid=guid(project, "coding", f"{selection.key}/{code}"),
            creatingUser=user,
            creationDateTime=_when(selection.created),
        )
        ET.SubElement(coding, _q("CodeRef")).set("targetGUID", guid(project, "code", code))


def project_xml(project: QdaProject) -> bytes:
    """The ``project.qde`` document of ``project`` (UTF-8 XML)."""
    _check(project)
    ET.register_namespace("", NAMESPACE)
    root = ET.Element(_q("Project"))
    _set(root, name=project.name, origin=project.origin, creationDateTime=_when(project.created))
    if project.users:
        users = ET.SubElement(root, _q("Users"))
        for user in project.users:
            _set(
                ET.SubElement(users, _q("User")),
                guid=guid(project, "user", user.key),
                name=user.name,
            )
    if project.codes:
        _codes(project, root)
    if project.sources:
        _sources(project, root)
    if project.description:
        ET.SubElement(root, _q("Description")).text = project.description
    ET.indent(root)
    document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return document


def qdpx(project: QdaProject) -> bytes:
    """The whole .qdpx file of ``project``: ``project.qde`` and ``Sources/<guid>.txt``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:

        def write(name: str, data: bytes) -> None:
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)

        write("project.qde", project_xml(project))
        for source in project.sources:
            write(f"Sources/{guid(project, 'source', source.key)}.txt", source.text.encode("utf-8"))
    return buffer.getvalue()
