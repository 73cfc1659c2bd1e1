"""Check a ledger and an exported bundle offline, without any secret.

This module rebuilds every hash itself from the public rows and imports nothing from the
code that makes entries or writes bundles (an import-linter contract enforces it), so a
mistake there cannot hide itself by a matching mistake here.

A bundle is a directory: ``manifest.json`` ({"format": "minipublic-bundle-1", "slug",
"head", "exported_at", "files": {relative path: sha256}}), ``ledger.jsonl`` (one public
entry per line, canonical JSON) and the published documents, each registered by a ledger
entry whose payload holds {"document": {"path": …, "sha256": …}}. A bundle may also
carry ``dictionary.json``, the data dictionary describing its files and events: it is
listed in the manifest with its hash like every file, but no ledger entry registers it
(it documents the record and is not part of it).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any, TypeGuard

from minipublic.ledger.canonical import (
    BUNDLE_FORMAT,
    GENESIS,
    LEDGER_FORMAT,
    canonical,
    is_sha256_hex,
    sha256_hex,
)
from minipublic.ledger.errors import LedgerError

MANIFEST = "manifest.json"
LEDGER = "ledger.jsonl"
DICTIONARY = "dictionary.json"
RESERVED = frozenset({MANIFEST, LEDGER, DICTIONARY})
PUBLIC_KEYS = frozenset(
    {"format", "sequence", "time", "actor_role", "event", "payload", "previous", "hash"}
)
_MANIFEST_KEYS = frozenset({"format", "slug", "head", "exported_at", "files"})
_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z\Z")
_SLUG = re.compile(r"[-a-zA-Z0-9_]+\Z")


@dataclass(frozen=True)
class Problem:
    """What is wrong, and where: ``entry`` is a sequence number, ``file`` a bundle path."""

    code: str
    message: str
    entry: int | None = None
    file: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.message


def verify_chain(entries: Iterable[Mapping[str, Any]], head: str | None = None) -> list[Problem]:
    """Problems of a ledger's public rows, in order; empty if the chain holds.

    Checking stops at the first broken entry (everything after it hangs on it); its
    ``entry`` is the sequence number expected at that place. With ``head``, the last hash
    must equal it, so a ledger cut short is noticed too.
    """
    previous = GENESIS
    seen: dict[str, int] = {}
    count = 0
    for position, row in enumerate(entries):
        problem = _format_problem(position, row) or _chain_problem(position, row, previous, seen)
        if problem is not None:
            return [problem]
        previous = row["hash"]
        seen[previous] = position
        count = position + 1
    if head is not None and head != previous:
        return [
            Problem(
                "head_mismatch",
                f"the ledger ends after {count} entries with hash {previous}, but the head is "
                f"{head}: entry {count} onwards is missing, or the head was changed",
                entry=count,
                params={"head": head, "last": previous, "count": count},
            )
        ]
    return []


def _format_problem(position: int, row: Any) -> Problem | None:
    def bad(what: str) -> Problem:
        return Problem(
            "bad_format",
            f"entry {position} (line {position + 1}) {what}",
            entry=position,
            params={"line": position + 1, "what": what},
        )

    if not isinstance(row, Mapping):
        return bad("is not a JSON object")
    if set(row) != PUBLIC_KEYS:
        extra, missing = sorted(set(row) - PUBLIC_KEYS), sorted(PUBLIC_KEYS - set(row))
        return bad(f"has the wrong fields (extra {extra}, missing {missing})")
    checks = (
        (row["format"] == LEDGER_FORMAT, f"is not in the format {LEDGER_FORMAT}"),
        (_is_count(row["sequence"]), "has a sequence that is not a whole number"),
        (_is_time(row["time"]), "has a time that is not UTC to the second"),
        (_is_text(row["actor_role"]) and _is_text(row["event"]), "has no actor role or event"),
        (isinstance(row["payload"], Mapping), "has a payload that is not an object"),
        (is_sha256_hex(row["previous"]) and is_sha256_hex(row["hash"]), "has a malformed hash"),
    )
    for ok, what in checks:
        if not ok:
            return bad(what)
    return None


def _chain_problem(
    position: int, row: Mapping[str, Any], previous: str, seen: Mapping[str, int]
) -> Problem | None:
    found, line = row["sequence"], position + 1
    params = {"line": line, "found": found}
    if row["hash"] in seen:
        return Problem(
            "duplicate",
            f"line {line} repeats entry {seen[row['hash']]} where entry {position} was expected",
            entry=position,
            params=params,
        )
    if found != position:
        return Problem(
            "sequence_mismatch",
            f"line {line} holds entry {found} where entry {position} was expected: "
            "entries are missing, added or out of order",
            entry=position,
            params=params,
        )
    try:
        body = canonical({key: value for key, value in row.items() if key != "hash"})
    except LedgerError as error:
        return Problem("bad_format", f"entry {position}: {error}", entry=position, params=params)
    if sha256_hex(body) != row["hash"]:
        return Problem(
            "hash_mismatch",
            f"entry {position} was changed: its content does not match its hash",
            entry=position,
            params=params,
        )
    if row["previous"] != previous:
        return Problem(
            "previous_mismatch",
            f"entry {position} does not follow the entry before it (previous hash differs)",
            entry=position,
            params=params,
        )
    return None


def document_references(
    entries: Iterable[Mapping[str, Any]],
) -> tuple[dict[str, tuple[str, int]], list[Problem]]:
    """The documents the ledger registers, {path: (sha256, sequence)}; a later entry wins.

    A ``document`` payload field that is private (redacted) registers nothing.
    """
    references: dict[str, tuple[str, int]] = {}
    problems: list[Problem] = []
    for position, row in enumerate(entries):
        payload = row.get("payload") if isinstance(row, Mapping) else None
        if not isinstance(payload, Mapping) or "document" not in payload:
            continue
        document = payload["document"]
        if isinstance(document, Mapping) and set(document) == {"redacted"}:
            continue
        path = document.get("path") if isinstance(document, Mapping) else None
        digest = document.get("sha256") if isinstance(document, Mapping) else None
        if not (is_document_path(path) and is_sha256_hex(digest)):
            problems.append(
                Problem(
                    "bad_document_reference",
                    f"entry {position} registers a document without a valid path and sha256",
                    entry=position,
                )
            )
            continue
        references[path] = (digest, position)
    return references, problems


def is_document_path(path: object) -> TypeGuard[str]:
    """Whether ``path`` is a safe relative path for a document inside a bundle."""
    if not isinstance(path, str) or not path or path in RESERVED:
        return False
    if path.startswith("/") or "\\" in path or ":" in path:
        return False
    if any(ord(char) < 32 or char == "\x7f" for char in path):
        return False
    return all(part not in ("", ".", "..") for part in path.split("/"))


def verify_bundle(
    directory: str | os.PathLike[str], checkpoints: Iterable[str] = ()
) -> list[Problem]:
    """Problems of an exported bundle, files first; empty if everything checks out.

    ``checkpoints`` are head hashes noted earlier (e.g. from the public page); each must
    still be an entry of the ledger, so a ledger rewritten after it was noted is caught.
    """
    root = Path(directory)
    manifest, problems = _read_manifest(root)
    if manifest is None:
        return problems
    files: dict[str, str] = manifest["files"]
    problems += _file_problems(root, files)
    rows, complete, ledger_problems = _ledger_problems(root, manifest["head"])
    problems += ledger_problems
    problems += _document_problems(root, files, rows, complete)
    hashes = {row.get("hash") for row in rows if isinstance(row, dict)}
    problems += [
        Problem(
            "checkpoint_missing",
            f"the noted head {checkpoint} is not in the ledger: it was rewritten",
            file=LEDGER,
            params={"checkpoint": checkpoint},
        )
        for checkpoint in checkpoints
        if checkpoint not in hashes
    ]
    return problems


def _read_manifest(root: Path) -> tuple[dict[str, Any] | None, list[Problem]]:
    def bad(what: str) -> tuple[None, list[Problem]]:
        return None, [Problem("bad_manifest", f"{MANIFEST} {what}", file=MANIFEST)]

    path = root / MANIFEST
    if path.is_symlink() or not path.is_file():
        return bad("is missing")
    try:
        manifest = _strict_json(path.read_bytes())
    except (ValueError, UnicodeDecodeError):
        return bad("is not valid JSON")
    if not isinstance(manifest, dict) or set(manifest) != _MANIFEST_KEYS:
        return bad(f"does not have exactly the fields {sorted(_MANIFEST_KEYS)}")
    files = manifest["files"]
    checks = (
        (manifest["format"] == BUNDLE_FORMAT, f"is not in the format {BUNDLE_FORMAT}"),
        (isinstance(manifest["slug"], str) and _SLUG.match(manifest["slug"]), "has a bad slug"),
        (is_sha256_hex(manifest["head"]), "has a malformed head hash"),
        (_is_time(manifest["exported_at"]), "has an export time that is not UTC"),
        (isinstance(files, dict), "lists no files"),
    )
    for ok, what in checks:
        if not ok:
            return bad(what)
    for name, digest in files.items():
        if not (name in (LEDGER, DICTIONARY) or is_document_path(name)) or not is_sha256_hex(
            digest
        ):
            return bad(f"lists {name!r} with a bad path or hash")
    if LEDGER not in files:
        return bad(f"does not list {LEDGER}")
    return manifest, []


def _file_problems(root: Path, files: Mapping[str, str]) -> list[Problem]:
    problems: list[Problem] = []
    for name, digest in sorted(files.items()):
        path = _regular_file(root, name)
        if path is None:
            problems.append(Problem("file_missing", f"{name} is missing", file=name))
        elif sha256_hex(path.read_bytes()) != digest:
            problems.append(
                Problem("file_changed", f"{name} does not match its hash in {MANIFEST}", file=name)
            )
    for name in _present_files(root):
        if name != MANIFEST and name not in files:
            problems.append(
                Problem("file_unlisted", f"{name} is not listed in {MANIFEST}", file=name)
            )
    return problems


def _regular_file(root: Path, name: str) -> Path | None:
    """``root / name`` if it is a regular file inside the bundle, reached without links."""
    path = root / name
    if path.is_symlink() or not path.is_file():
        return None
    if not path.resolve().is_relative_to(root.resolve()):
        return None  # a linked folder on the way
    return path


def _present_files(root: Path) -> list[str]:
    names: list[str] = []
    for folder, folders, filenames in os.walk(root):
        links = [name for name in folders if Path(folder, name).is_symlink()]
        for name in filenames + links:
            names.append(Path(folder, name).relative_to(root).as_posix())
    return sorted(names)


def _ledger_problems(root: Path, head: str) -> tuple[list[Any], bool, list[Problem]]:
    """The rows read, whether all could be read, and the chain's problems."""
    if _regular_file(root, LEDGER) is None:
        return [], False, []  # reported by _file_problems
    rows, unreadable = _read_ledger(root)
    chain = verify_chain(rows, None if unreadable else head)
    chain = [
        replace(p, file=MANIFEST, message=f"{MANIFEST} and {LEDGER} disagree: {p.message}")
        if p.code == "head_mismatch"
        else replace(p, file=LEDGER)
        for p in chain
    ]
    return rows, not unreadable, chain or unreadable


def _read_ledger(root: Path) -> tuple[list[Any], list[Problem]]:
    data = (root / LEDGER).read_bytes()
    lines = data.split(b"\n")
    if lines[-1] != b"":
        lines.append(b"")  # the last line lacks its newline: reported below
    rows: list[Any] = []
    for position, line in enumerate(lines[:-1]):
        try:
            row = _strict_json(line)
            ok = canonical(row) == line
        except (ValueError, UnicodeDecodeError, LedgerError):
            ok = False
        if not ok:
            return rows, [_line_problem(position, "is not one entry in canonical JSON")]
        rows.append(row)
    if not data.endswith(b"\n") and data:
        return rows, [_line_problem(len(rows) - 1, "does not end with a newline")]
    return rows, []


def _line_problem(position: int, what: str) -> Problem:
    return Problem(
        "bad_format",
        f"line {position + 1} of {LEDGER} (entry {position}) {what}",
        entry=position,
        file=LEDGER,
        params={"line": position + 1},
    )


def _document_problems(
    root: Path, files: Mapping[str, str], rows: list[Any], complete: bool
) -> list[Problem]:
    """Registered documents that are missing or changed; unregistered ones if ``complete``."""
    references, problems = document_references(rows)
    for name, (digest, sequence) in sorted(references.items()):
        path = _regular_file(root, name)
        if name not in files or path is None:
            what, code = "is registered by the ledger but not in the bundle", "document_missing"
        elif sha256_hex(path.read_bytes()) != digest:
            what, code = "does not match the hash the ledger registered", "document_changed"
        else:
            continue
        problems.append(
            Problem(code, f"{name} {what} (entry {sequence})", entry=sequence, file=name)
        )
    problems += [
        Problem("document_unregistered", f"{name} is not registered by the ledger", file=name)
        for name in sorted(files)
        if complete and name not in (LEDGER, DICTIONARY) and name not in references
    ]
    return problems


def _strict_json(data: bytes) -> Any:
    """Parse JSON, refusing duplicate keys and NaN/Infinity (ValueError)."""

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(items)
        if len(result) != len(items):
            raise ValueError("duplicate key")
        return result

    def constant(name: str) -> Any:
        raise ValueError(f"{name} is not JSON")

    return json.loads(data.decode("utf-8"), object_pairs_hook=pairs, parse_constant=constant)


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _is_text(value: object) -> bool:
    return isinstance(value, str) and value != ""


def _is_time(value: object) -> bool:
    if not isinstance(value, str) or not _TIME.match(value):
        return False
    try:
        datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")  # noqa: DTZ007 - the Z is matched
    except ValueError:
        return False
    return True
