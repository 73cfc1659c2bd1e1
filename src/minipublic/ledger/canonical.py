"""Canonical JSON, SHA-256 and the format tags of the ledger and its bundle.

The canonical form of a document is the one byte string that represents it: sorted keys,
compact separators, UTF-8 without escaping non-ASCII characters. Only JSON values are
accepted (None, bool, int, finite float, str, list and dict with text keys); anything
else, tuples included, is refused rather than silently converted, so that what is
hashed is exactly what is stored and read back.
"""

from __future__ import annotations

import hashlib
import json
import math
from typing import Any, TypeGuard

from minipublic.ledger.errors import LedgerError

LEDGER_FORMAT = "minipublic-ledger-1"
BUNDLE_FORMAT = "minipublic-bundle-1"
GENESIS = "0" * 64
"""The ``previous`` hash of the first entry of every ledger."""

_HEX = frozenset("0123456789abcdef")


def canonical(document: Any) -> bytes:
    """The one byte string that represents ``document``; LedgerError if it is not JSON."""
    check_json(document)
    return json.dumps(
        document, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def check_json(value: Any, where: str = "$") -> None:
    """Refuse anything that is not a plain JSON value (``where`` names the place)."""
    if value is None or isinstance(value, bool | str | int):
        return
    if isinstance(value, float):
        if not math.isfinite(value):
            raise LedgerError("not_finite", "{where} is not a finite number", where=where)
        return
    if isinstance(value, list):
        for index, item in enumerate(value):
            check_json(item, f"{where}[{index}]")
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise LedgerError("key_not_text", "{where} has a key that is not text", where=where)
            check_json(item, f"{where}.{key}")
        return
    raise LedgerError(
        "not_json", "{where} is a {type}, not a JSON value", where=where, type=type(value).__name__
    )


def sha256_hex(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def document_hash(document: Any) -> str:
    """Hex SHA-256 of the canonical form of ``document``."""
    return sha256_hex(canonical(document))


def is_sha256_hex(text: object) -> TypeGuard[str]:
    """Whether ``text`` looks like a hex SHA-256: 64 lower-case hex digits."""
    return isinstance(text, str) and len(text) == 64 and _HEX.issuperset(text)
