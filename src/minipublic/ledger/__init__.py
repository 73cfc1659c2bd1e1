"""The tamper-evident ledger of a process: hash-chained entries, private fields, bundles.

This package is part of the framework-free core: it imports no Django (an import-linter
contract in CI enforces it), so the ledger can be built, exported and verified offline.
Its verifier (``verify.py``) is independent of the code that makes entries and bundles.
"""

from minipublic.ledger.bundle import write_bundle
from minipublic.ledger.canonical import (
    BUNDLE_FORMAT,
    GENESIS,
    LEDGER_FORMAT,
    canonical,
    document_hash,
    sha256_hex,
)
from minipublic.ledger.entries import (
    Entry,
    entry_hash,
    format_time,
    make_entry,
    new_salts,
    redact,
    reveal_matches,
)
from minipublic.ledger.errors import LedgerError
from minipublic.ledger.verify import Problem, verify_bundle, verify_chain

__all__ = [
    "BUNDLE_FORMAT",
    "GENESIS",
    "LEDGER_FORMAT",
    "Entry",
    "LedgerError",
    "Problem",
    "canonical",
    "document_hash",
    "entry_hash",
    "format_time",
    "make_entry",
    "new_salts",
    "redact",
    "reveal_matches",
    "sha256_hex",
    "verify_bundle",
    "verify_chain",
    "write_bundle",
]
