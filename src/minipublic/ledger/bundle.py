"""Write the open-data bundle of a process: manifest, public ledger and documents.

The bundle is what ``verify.verify_bundle`` checks; this module refuses to write one that
would not pass (a broken chain, a document the ledger does not register or registers with
another hash, a registered document left out).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from minipublic.ledger.canonical import BUNDLE_FORMAT, GENESIS, canonical, sha256_hex
from minipublic.ledger.entries import Entry, check_time
from minipublic.ledger.errors import LedgerError
from minipublic.ledger.verify import (
    DICTIONARY,
    LEDGER,
    MANIFEST,
    document_references,
    is_document_path,
    verify_chain,
)

_SLUG = re.compile(r"[-a-zA-Z0-9_]+\Z")


def write_bundle(
    directory: str | os.PathLike[str],
    slug: str,
    entries: Iterable[Entry],
    documents: Mapping[str, bytes],
    exported_at: str,
    dictionary: bytes | None = None,
) -> str:
    """Write the bundle into ``directory`` (new or empty) and return the ledger's head hash.

    ``documents`` maps relative paths to contents; every one must be registered by a
    ledger entry ({"document": {"path", "sha256"}} in its public payload), and every
    registered document must be given. ``dictionary`` is the data dictionary, written as
    dictionary.json (listed in the manifest, registered by no entry).
    """
    if not isinstance(slug, str) or not _SLUG.match(slug):
        raise LedgerError("bad_slug", "{slug!r} is not a process slug", slug=slug)
    check_time(exported_at)
    rows = [entry.public_record() for entry in entries]
    problems = verify_chain(rows)
    if problems:
        raise LedgerError(
            "chain_broken", "the ledger does not verify: {problem}", problem=str(problems[0])
        )
    _check_documents(rows, documents)
    root = Path(directory)
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise LedgerError(
            "directory_not_empty",
            "{directory} is not a new or empty directory",
            directory=str(root),
        )
    root.mkdir(parents=True, exist_ok=True)
    ledger = b"".join(canonical(row) + b"\n" for row in rows)
    files = {LEDGER: _write(root, LEDGER, ledger)}
    if dictionary is not None:
        files[DICTIONARY] = _write(root, DICTIONARY, dictionary)
    for name, content in sorted(documents.items()):
        files[name] = _write(root, name, content)
    head = rows[-1]["hash"] if rows else GENESIS
    manifest = {
        "format": BUNDLE_FORMAT,
        "slug": slug,
        "head": head,
        "exported_at": exported_at,
        "files": files,
    }
    text = json.dumps(manifest, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    _write(root, MANIFEST, text.encode("utf-8"))
    return str(head)


def _check_documents(rows: list[dict[str, object]], documents: Mapping[str, bytes]) -> None:
    references, problems = document_references(rows)
    if problems:
        raise LedgerError("bad_document_reference", "{problem}", problem=str(problems[0]))
    for name, content in documents.items():
        if not is_document_path(name):
            raise LedgerError("bad_path", "{path!r} is not a safe document path", path=name)
        if name not in references:
            raise LedgerError(
                "document_unregistered", "{path} is not registered by the ledger", path=name
            )
        if sha256_hex(content) != references[name][0]:
            raise LedgerError(
                "document_changed",
                "{path} does not match the hash entry {sequence} registered",
                path=name,
                sequence=references[name][1],
            )
    missing = sorted(set(references) - set(documents))
    if missing:
        raise LedgerError(
            "document_missing", "registered documents not given: {paths}", paths=missing
        )


def _write(root: Path, name: str, content: bytes) -> str:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return sha256_hex(content)
