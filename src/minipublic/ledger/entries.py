"""Ledger entries: the hash chain and the private fields of a payload.

Every entry commits to the one before it: its ``hash`` is the SHA-256 over the canonical
JSON of the format tag, sequence, time, actor role, event, *public* payload and the
previous entry's hash. The first entry's previous hash is GENESIS (64 zeros).

A payload may mark top-level fields private. The database keeps their values and one
random salt per field (``Entry.salts``); the public record replaces each private value
by ``{"redacted": sha256(salt + canonical(value))}``. The hash covers that redacted form,
so the public chain verifies without any secret, and the holder of the private copy can
still prove what a field held by revealing the value and its salt (reveal_matches).
"""

from __future__ import annotations

import hmac
import json
import re
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from minipublic.ledger.canonical import (
    GENESIS,
    LEDGER_FORMAT,
    canonical,
    document_hash,
    is_sha256_hex,
    sha256_hex,
)
from minipublic.ledger.errors import LedgerError

TIME_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z\Z")
NAME_PATTERN = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*\Z")
_SALT_PATTERN = re.compile(r"[0-9a-f]{32,}\Z")
_PRECISION = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
_PRIVATE_KEYS = frozenset(
    {"format", "sequence", "time", "actor_role", "event", "payload", "previous", "hash", "salts"}
)


@dataclass(frozen=True)
class Entry:
    """One ledger entry as the database keeps it: private values and their salts included."""

    sequence: int
    time: str
    actor_role: str
    event: str
    payload: dict[str, Any] = field(repr=False)
    previous: str
    hash: str
    salts: dict[str, str] = field(default_factory=dict, repr=False)

    def public_payload(self) -> dict[str, Any]:
        """The payload with every private field replaced by its salted commitment."""
        return redact(self.payload, self.salts, self.salts)

    def public_record(self) -> dict[str, Any]:
        """The entry as published (one line of ledger.jsonl): no private value, no salt."""
        return {
            "format": LEDGER_FORMAT,
            "sequence": self.sequence,
            "time": self.time,
            "actor_role": self.actor_role,
            "event": self.event,
            "payload": self.public_payload(),
            "previous": self.previous,
            "hash": self.hash,
        }

    def private_record(self) -> dict[str, Any]:
        """The entry as the database keeps it: private values and salts included."""
        record = self.public_record()
        record["payload"] = json.loads(canonical(self.payload))
        record["salts"] = dict(self.salts)
        return record

    @classmethod
    def from_private_record(cls, record: Mapping[str, Any]) -> Entry:
        """Rebuild an entry from ``private_record()``'s form; LedgerError if its hash is wrong."""
        if set(record) != _PRIVATE_KEYS or record["format"] != LEDGER_FORMAT:
            raise LedgerError("bad_record", "the record is not a private ledger entry")
        entry = cls(
            sequence=record["sequence"],
            time=record["time"],
            actor_role=record["actor_role"],
            event=record["event"],
            payload=json.loads(canonical(record["payload"])),
            previous=record["previous"],
            hash=record["hash"],
            salts=dict(record["salts"]),
        )
        expected = entry_hash(
            entry.sequence,
            entry.time,
            entry.actor_role,
            entry.event,
            entry.public_payload(),
            entry.previous,
        )
        if not hmac.compare_digest(expected, entry.hash):
            raise LedgerError(
                "hash_mismatch",
                "entry {sequence} does not match its hash",
                sequence=entry.sequence,
            )
        return entry


def entry_hash(
    sequence: int,
    time: str,
    actor_role: str,
    event: str,
    public_payload: Mapping[str, Any],
    previous: str,
) -> str:
    """The hash of an entry: SHA-256 over the canonical JSON of its public fields and format."""
    return document_hash(
        {
            "format": LEDGER_FORMAT,
            "sequence": sequence,
            "time": time,
            "actor_role": actor_role,
            "event": event,
            "payload": dict(public_payload),
            "previous": previous,
        }
    )


def make_entry(
    previous: Entry | None,
    time: str,
    actor_role: str,
    event: str,
    payload: Mapping[str, Any],
    private_fields: Iterable[str] = (),
) -> Entry:
    """The entry that follows ``previous`` (None for the first), fresh salts for private fields."""
    check_time(time)
    for name, value in (("actor_role", actor_role), ("event", event)):
        if not isinstance(value, str) or not NAME_PATTERN.match(value):
            raise LedgerError(
                "bad_name",
                "{field} {value!r} is not a dotted lower-case name",
                field=name,
                value=value,
            )
    if not isinstance(payload, Mapping):
        raise LedgerError("bad_payload", "the payload is not a mapping")
    copy: dict[str, Any] = json.loads(canonical(dict(payload)))
    salts = new_salts(private_fields)
    sequence = 0 if previous is None else previous.sequence + 1
    previous_hash = GENESIS if previous is None else previous.hash
    public = redact(copy, salts, salts)
    return Entry(
        sequence=sequence,
        time=time,
        actor_role=actor_role,
        event=event,
        payload=copy,
        previous=previous_hash,
        hash=entry_hash(sequence, time, actor_role, event, public, previous_hash),
        salts=salts,
    )


def check_time(time: str) -> None:
    """Refuse a time that is not ISO 8601 UTC to the second, e.g. "2025-03-01T09:30:00Z"."""
    if not isinstance(time, str) or not TIME_PATTERN.match(time):
        raise LedgerError(
            "bad_time", "{time!r} is not a UTC time like 2025-03-01T09:30:00Z", time=time
        )
    try:
        datetime.strptime(time, "%Y-%m-%dT%H:%M:%SZ")  # noqa: DTZ007 - the Z is matched above
    except ValueError:
        raise LedgerError("bad_time", "{time!r} is not a real date and time", time=time) from None


def format_time(moment: datetime, precision: str = "second") -> str:
    """``moment`` as an entry time, coarsened to the "second", "minute", "hour" or "day".

    Coarsening keeps an anonymous report from being matched to a login by its timestamp.
    """
    if moment.tzinfo is None:
        raise LedgerError("naive_time", "the time has no time zone")
    if precision not in _PRECISION:
        raise LedgerError("bad_precision", "unknown precision {precision!r}", precision=precision)
    utc = moment.astimezone(UTC).replace(microsecond=0)
    step = _PRECISION[precision]
    seconds = int(utc.timestamp())
    utc = datetime.fromtimestamp(seconds - seconds % step, tz=UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%SZ")


def new_salts(private_fields: Iterable[str]) -> dict[str, str]:
    """One fresh random secret (256 bits, hex) for each private field."""
    return {name: secrets.token_hex(32) for name in private_fields}


def commitment(value: Any, salt: str) -> str:
    """The salted hash that stands for a private value: sha256(salt + canonical(value))."""
    if not isinstance(salt, str) or not _SALT_PATTERN.match(salt):
        raise LedgerError("bad_salt", "a salt must be at least 32 lower-case hex digits")
    return sha256_hex(salt.encode("ascii") + canonical(value))


def redact(
    payload: Mapping[str, Any], private_fields: Iterable[str], salts: Mapping[str, str]
) -> dict[str, Any]:
    """``payload`` with each private field's value replaced by {"redacted": commitment}."""
    private = set(private_fields)
    missing = sorted(private - set(payload))
    if missing:
        raise LedgerError(
            "private_field_missing", "private fields not in the payload: {fields}", fields=missing
        )
    unsalted = sorted(private - set(salts))
    if unsalted:
        raise LedgerError(
            "salt_missing", "private fields without a salt: {fields}", fields=unsalted
        )
    return {
        key: {"redacted": commitment(value, salts[key])} if key in private else value
        for key, value in payload.items()
    }


def reveal_matches(redacted_value: Any, value: Any, salt: str) -> bool:
    """Whether ``value`` with ``salt`` is what the public ``{"redacted": …}`` commits to."""
    if not isinstance(redacted_value, Mapping) or set(redacted_value) != {"redacted"}:
        return False
    published = redacted_value["redacted"]
    if not is_sha256_hex(published):
        return False
    try:
        expected = commitment(value, salt)
    except LedgerError:
        return False
    return hmac.compare_digest(expected, published)
