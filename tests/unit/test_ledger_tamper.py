"""Done when: any single tampering with a ledger row or a bundle file is caught and named.

Hundreds of random single tamperings (seeded, so a failure can be replayed): each must
make verification fail, and the first problem must name the entry or file touched.
"""

from __future__ import annotations

import copy
import hashlib
import json
import random
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from minipublic.ledger import canonical, verify_bundle, verify_chain, write_bundle
from tests.unit.test_ledger import TIME, chain, documents

COUNT = 50
Rows = list[dict[str, Any]]


@pytest.fixture(scope="module")
def rows() -> Rows:
    """The public rows of a 50-entry ledger with private fields and documents."""
    return [entry.public_record() for entry in chain(COUNT)]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A verified bundle of the same kind of ledger."""
    directory = tmp_path_factory.mktemp("ledger") / "bundle"
    write_bundle(directory, "riverside", chain(COUNT), documents(COUNT), TIME)
    assert verify_bundle(directory) == []
    return directory


def _other_hex(rng: random.Random, current: str) -> str:
    while (value := f"{rng.getrandbits(256):064x}") == current:
        pass
    return value


def _edited_value(rng: random.Random, key: str, value: Any) -> Any:
    if key == "sequence":
        return rng.choice([value + rng.randint(1, 60), max(value - 1, 0) or 99, -1, "7", True])
    if key == "time":
        return rng.choice(["2025-03-01T09:30:01Z", "2024-12-31T23:59:59Z", "2025-03-01", None])
    if key in ("previous", "hash"):
        return rng.choice([_other_hex(rng, value), value.upper(), value[:-1], ""])
    if key == "payload":
        edited = copy.deepcopy(value)
        target = rng.choice(sorted(edited))
        edited[target] = rng.choice(
            [
                "",
                0,
                None,
                {"changed": True},
                edited[target] + 1 if isinstance(edited[target], int) else "x",
            ]
        )
        if rng.random() < 0.3:
            edited["added"] = "smuggled in"
        return edited
    if key == "format":
        return "minipublic-ledger-2"
    return rng.choice([value + "x", value.upper(), "", "oversight"])


def edit_row(rng: random.Random, rows: Rows) -> tuple[Rows, int]:
    """Change, add or remove one field of one row; the row's sequence is named."""
    position = rng.randrange(len(rows))
    row = dict(rows[position])
    choice = rng.random()
    if choice < 0.1:
        del row[rng.choice(sorted(row))]
    elif choice < 0.15:
        row["salts"] = {"reporter": "ab" * 32}
    else:
        key = rng.choice(sorted(row))
        row[key] = _edited_value(rng, key, row[key])
        if row[key] == rows[position][key]:
            return edit_row(rng, rows)
    return [*rows[:position], row, *rows[position + 1 :]], position


def delete_row(rng: random.Random, rows: Rows) -> tuple[Rows, int]:
    """Remove one row; the first missing sequence is named."""
    position = rng.randrange(len(rows))
    return rows[:position] + rows[position + 1 :], position


def reorder_rows(rng: random.Random, rows: Rows) -> tuple[Rows, int]:
    """Swap two rows; the earlier place is named."""
    first, second = sorted(rng.sample(range(len(rows)), 2))
    swapped = list(rows)
    swapped[first], swapped[second] = swapped[second], swapped[first]
    return swapped, first


def duplicate_row(rng: random.Random, rows: Rows) -> tuple[Rows, int]:
    """Insert a copy of a row somewhere after it; the place of the copy is named."""
    original = rng.randrange(len(rows))
    place = rng.randint(original + 1, len(rows))
    return [*rows[:place], rows[original], *rows[place:]], place


ROW_TAMPERINGS: list[Callable[[random.Random, Rows], tuple[Rows, int]]] = [
    edit_row,
    delete_row,
    reorder_rows,
    duplicate_row,
]


def test_every_single_row_tampering_is_caught_and_named(rows: Rows) -> None:
    rng = random.Random(20250301)  # noqa: S311 - seeded, so a failure can be replayed
    head = rows[-1]["hash"]
    assert verify_chain(rows, head) == []
    missed = []
    for trial in range(400):
        tamper = ROW_TAMPERINGS[trial % len(ROW_TAMPERINGS)]
        tampered, named = tamper(rng, rows)
        problems = verify_chain(json.loads(json.dumps(tampered)), head)
        if not problems or problems[0].entry != named or str(named) not in problems[0].message:
            missed.append((trial, tamper.__name__, named, problems))
    assert missed == []


def _write_ledger(directory: Path, rows: Rows) -> None:
    (directory / "ledger.jsonl").write_bytes(b"".join(canonical(row) + b"\n" for row in rows))


def _manifest(directory: Path) -> dict[str, Any]:
    result: dict[str, Any] = json.loads((directory / "manifest.json").read_text())
    return result


def _save_manifest(directory: Path, manifest: dict[str, Any]) -> None:
    (directory / "manifest.json").write_text(json.dumps(manifest, indent=2))


def file_hash(data: bytes) -> str:
    """SHA-256 hex of ``data``."""
    return hashlib.sha256(data).hexdigest()


def _documents(directory: Path) -> list[str]:
    return sorted(name for name in _manifest(directory)["files"] if name != "ledger.jsonl")


def tamper_ledger(rng: random.Random, directory: Path, rows: Rows) -> tuple[str, int | None]:
    """A row tampering written back to ledger.jsonl: the file and the entry are named."""
    tampered, named = rng.choice(ROW_TAMPERINGS)(rng, rows)
    _write_ledger(directory, tampered)
    if rng.random() < 0.5:  # a careful forger also fixes the manifest
        manifest = _manifest(directory)
        manifest["files"]["ledger.jsonl"] = file_hash((directory / "ledger.jsonl").read_bytes())
        _save_manifest(directory, manifest)
    return "ledger.jsonl", named


def edit_ledger_bytes(rng: random.Random, directory: Path, rows: Rows) -> tuple[str, int | None]:
    """Change one byte of ledger.jsonl."""
    path = directory / "ledger.jsonl"
    data = bytearray(path.read_bytes())
    index = rng.randrange(len(data))
    data[index] = (data[index] + rng.randint(1, 255)) % 256
    path.write_bytes(bytes(data))
    return "ledger.jsonl", None


def edit_document(rng: random.Random, directory: Path, rows: Rows) -> tuple[str, int | None]:
    """Change one byte of a document, or append to it."""
    name = rng.choice(_documents(directory))
    path = directory / name
    data = bytearray(path.read_bytes())
    if rng.random() < 0.5:
        index = rng.randrange(len(data))
        data[index] = (data[index] + rng.randint(1, 255)) % 256
    else:
        data += b" (amended)"
    path.write_bytes(bytes(data))
    if rng.random() < 0.5:  # a careful forger also fixes the manifest
        manifest = _manifest(directory)
        manifest["files"][name] = file_hash(bytes(data))
        _save_manifest(directory, manifest)
    return name, None


def delete_file(rng: random.Random, directory: Path, rows: Rows) -> tuple[str, int | None]:
    """Delete a document or the ledger."""
    name = rng.choice([*_documents(directory), "ledger.jsonl"])
    (directory / name).unlink()
    return name, None


def add_file(rng: random.Random, directory: Path, rows: Rows) -> tuple[str, int | None]:
    """Add a file, listed in the manifest or not."""
    name = rng.choice(["extra.txt", "documents/extra.pdf", "deep/er/note.md", ".hidden"])
    data = b"added later"
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    if rng.random() < 0.5:
        manifest = _manifest(directory)
        manifest["files"][name] = file_hash(data)
        _save_manifest(directory, manifest)
    return name, None


def change_head(rng: random.Random, directory: Path, rows: Rows) -> tuple[str, int | None]:
    """Change the manifest's head hash."""
    manifest = _manifest(directory)
    manifest["head"] = rng.choice([_other_hex(rng, manifest["head"]), rows[-2]["hash"], "0"])
    _save_manifest(directory, manifest)
    return "manifest.json", None


def change_listed_hash(rng: random.Random, directory: Path, rows: Rows) -> tuple[str, int | None]:
    """Change the hash the manifest lists for one file."""
    manifest = _manifest(directory)
    name = rng.choice(sorted(manifest["files"]))
    manifest["files"][name] = _other_hex(rng, manifest["files"][name])
    _save_manifest(directory, manifest)
    return name, None


BUNDLE_TAMPERINGS: list[Callable[[random.Random, Path, Rows], tuple[str, int | None]]] = [
    tamper_ledger,
    edit_ledger_bytes,
    edit_document,
    delete_file,
    add_file,
    change_head,
    change_listed_hash,
]


def test_every_single_bundle_tampering_is_caught_and_named(
    bundle: Path, rows: Rows, tmp_path: Path
) -> None:
    rng = random.Random(4)  # noqa: S311 - seeded, so a failure can be replayed
    bundle_rows = [json.loads(line) for line in (bundle / "ledger.jsonl").read_text().splitlines()]
    missed = []
    for trial in range(280):
        directory = tmp_path / f"trial-{trial}"
        shutil.copytree(bundle, directory)
        tamper = BUNDLE_TAMPERINGS[trial % len(BUNDLE_TAMPERINGS)]
        name, entry = tamper(rng, directory, bundle_rows)
        problems = verify_bundle(directory)
        entries = {p.entry for p in problems}
        named = any(name == p.file or name in p.message for p in problems)
        if not problems or not named or (entry is not None and entry not in entries):
            missed.append((trial, tamper.__name__, name, entry, [str(p) for p in problems]))
        shutil.rmtree(directory)
    assert missed == []
