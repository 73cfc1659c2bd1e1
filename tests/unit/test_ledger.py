"""The ledger: canonical JSON, entry hashes, the chain, private fields and bundles."""

from __future__ import annotations

import hashlib
import itertools
import json
import pickle
import shutil
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from minipublic.ledger import (
    GENESIS,
    Entry,
    LedgerError,
    canonical,
    entry_hash,
    format_time,
    make_entry,
    new_salts,
    redact,
    reveal_matches,
    verify_bundle,
    verify_chain,
    write_bundle,
)

TIME = "2025-03-01T09:30:00Z"


def chain(count: int) -> list[Entry]:
    """``count`` entries, every third with a private field, every fifth a document."""
    entries: list[Entry] = []
    for number in range(count):
        payload: dict[str, Any] = {"number": number, "note": f"entry {number}", "score": 0.5}
        private: tuple[str, ...] = ()
        if number % 3 == 0:
            payload["reporter"] = {"name": f"Person {number}", "email": f"p{number}@example.org"}
            private = ("reporter",)
        if number % 5 == 0:
            payload["document"] = {"path": f"documents/{number}.txt", "sha256": _doc_hash(number)}
        previous = entries[-1] if entries else None
        entries.append(make_entry(previous, TIME, "facilitator", "test.recorded", payload, private))
    return entries


def document(number: int) -> bytes:
    """The content of the test document registered by entry ``number``."""
    return f"Document {number}: the agenda, version {number}.\n".encode()


def _doc_hash(number: int) -> str:
    return hashlib.sha256(document(number)).hexdigest()


def documents(count: int) -> dict[str, bytes]:
    """The documents ``chain(count)`` registers, by bundle path."""
    return {f"documents/{n}.txt": document(n) for n in range(0, count, 5)}


def test_entry_hash_known_answer() -> None:
    # Written out by hand: sorted keys, no spaces, UTF-8, the format tag included.
    body = (
        '{"actor_role":"facilitator","event":"membership.added",'
        '"format":"minipublic-ledger-1","payload":{"name":"Åsa","role":"participant"},'
        f'"previous":"{"0" * 64}","sequence":0,"time":"2025-03-01T09:30:00Z"}}'
    ).encode()
    expected = hashlib.sha256(body).hexdigest()
    assert expected == "60c4178d967df84e83300d684106f6058bb6032fb99956d801250a405cf56b5d"
    entry = make_entry(
        None, TIME, "facilitator", "membership.added", {"role": "participant", "name": "Åsa"}
    )
    assert entry.hash == expected
    assert entry.previous == GENESIS
    assert entry.sequence == 0
    assert (
        entry_hash(0, TIME, "facilitator", "membership.added", entry.payload, GENESIS) == expected
    )
    assert verify_chain([entry.public_record()]) == []


def test_redaction_known_answer() -> None:
    salt = "ab" * 32
    expected = hashlib.sha256(("ab" * 32).encode() + '"Åsa"'.encode()).hexdigest()
    redacted = redact({"name": "Åsa", "role": "participant"}, ["name"], {"name": salt})
    assert redacted == {"name": {"redacted": expected}, "role": "participant"}


def test_canonical_form() -> None:
    assert (
        canonical({"b": 1, "a": ["é", None, True, 1.5]})
        == '{"a":["é",null,true,1.5],"b":1}'.encode()
    )


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (float("nan"), "not_finite"),
        ({"x": [float("inf")]}, "not_finite"),
        ({1: "a"}, "key_not_text"),
        ((1, 2), "not_json"),
        ({"when": datetime(2025, 1, 1, tzinfo=UTC)}, "not_json"),
    ],
)
def test_canonical_refuses_what_is_not_json(value: Any, code: str) -> None:
    with pytest.raises(LedgerError) as error:
        canonical(value)
    assert error.value.code == code


def test_a_chain_of_fifty_entries_verifies() -> None:
    entries = chain(50)
    assert [e.sequence for e in entries] == list(range(50))
    assert all(b.previous == a.hash for a, b in itertools.pairwise(entries))
    rows = [e.public_record() for e in entries]
    assert verify_chain(rows) == []
    assert verify_chain(rows, head=entries[-1].hash) == []
    # Rows read back from JSON lines verify too.
    lines = [json.loads(canonical(row)) for row in rows]
    assert verify_chain(lines) == []
    assert verify_chain([]) == []
    assert verify_chain([], head=GENESIS) == []


def test_redaction_keeps_the_chain_verifiable_and_the_secret_out() -> None:
    entries = chain(10)
    first = entries[0]
    assert first.payload["reporter"]["name"] == "Person 0"
    public = first.public_record()
    assert "salts" not in public
    text = canonical([e.public_record() for e in entries]).decode()
    assert "Person 0" not in text
    assert "p0@example.org" not in text
    assert first.salts["reporter"] not in text
    assert set(public["payload"]["reporter"]) == {"redacted"}
    assert verify_chain([e.public_record() for e in entries]) == []


def test_reveal_matches_only_the_true_value_and_salt() -> None:
    first = chain(1)[0]
    redacted = first.public_record()["payload"]["reporter"]
    value, salt = first.payload["reporter"], first.salts["reporter"]
    assert reveal_matches(redacted, value, salt)
    assert not reveal_matches(redacted, {**value, "name": "Someone else"}, salt)
    assert not reveal_matches(redacted, value, "cd" * 32)
    assert not reveal_matches(redacted, value, "not a salt")
    assert not reveal_matches({"redacted": "zz"}, value, salt)
    assert not reveal_matches("plain", value, salt)


def test_salts_are_fresh_and_long() -> None:
    salts = new_salts(["a", "b"])
    assert set(salts) == {"a", "b"}
    assert salts["a"] != salts["b"]
    assert all(len(s) == 64 for s in salts.values())
    again = make_entry(None, TIME, "participant", "register.reported", {"who": "x"}, ["who"])
    once_more = make_entry(None, TIME, "participant", "register.reported", {"who": "x"}, ["who"])
    assert again.hash != once_more.hash  # the same value cannot be guessed by comparing


def test_private_record_round_trips_and_checks_its_hash() -> None:
    entry = chain(1)[0]
    record = json.loads(json.dumps(entry.private_record()))
    assert Entry.from_private_record(record) == entry
    record["payload"]["reporter"]["name"] = "Changed"
    with pytest.raises(LedgerError) as error:
        Entry.from_private_record(record)
    assert error.value.code == "hash_mismatch"


def test_the_payload_is_copied() -> None:
    payload = {"items": [1, 2]}
    entry = make_entry(None, TIME, "staff", "material.added", payload)
    payload["items"].append(3)
    assert entry.payload == {"items": [1, 2]}
    assert "items" not in repr(entry)


@pytest.mark.parametrize(
    ("arguments", "code"),
    [
        ({"time": "2025-03-01 09:30:00"}, "bad_time"),
        ({"time": "2025-02-30T09:30:00Z"}, "bad_time"),
        ({"time": "2025-03-01T09:30:00.123Z"}, "bad_time"),
        ({"event": ""}, "bad_name"),
        ({"event": "Membership Added"}, "bad_name"),
        ({"actor_role": "commissioner!"}, "bad_name"),
        ({"payload": {"x": float("nan")}}, "not_finite"),
        ({"private_fields": ["absent"]}, "private_field_missing"),
    ],
)
def test_make_entry_refuses_bad_input(arguments: dict[str, Any], code: str) -> None:
    values: dict[str, Any] = {
        "time": TIME,
        "actor_role": "staff",
        "event": "membership.added",
        "payload": {"x": 1},
    } | arguments
    with pytest.raises(LedgerError) as error:
        make_entry(None, **values)
    assert error.value.code == code


def test_format_time_coarsens_in_utc() -> None:
    moment = datetime(2025, 3, 1, 10, 47, 13, 999, tzinfo=timezone(timedelta(hours=1)))
    assert format_time(moment) == "2025-03-01T09:47:13Z"
    assert format_time(moment, "minute") == "2025-03-01T09:47:00Z"
    assert format_time(moment, "hour") == "2025-03-01T09:00:00Z"
    assert format_time(moment, "day") == "2025-03-01T00:00:00Z"
    with pytest.raises(LedgerError):
        format_time(datetime(2025, 3, 1))  # noqa: DTZ001 - a naive time is the point
    with pytest.raises(LedgerError):
        format_time(moment, "week")


def test_errors_keep_code_and_parameters_through_pickling() -> None:
    error = LedgerError("bad_time", "{time!r} is wrong", time="x")
    again = pickle.loads(pickle.dumps(error))
    assert (again.code, dict(again.params), str(again)) == (
        "bad_time",
        {"time": "x"},
        "'x' is wrong",
    )


def test_a_written_bundle_verifies(tmp_path: Path) -> None:
    entries = chain(20)
    head = write_bundle(tmp_path / "b", "riverside", entries, documents(20), TIME)
    assert head == entries[-1].hash
    manifest = json.loads((tmp_path / "b" / "manifest.json").read_text())
    assert manifest["head"] == head
    assert manifest["slug"] == "riverside"
    assert set(manifest["files"]) == {"ledger.jsonl", *documents(20)}
    assert verify_bundle(tmp_path / "b") == []
    assert verify_bundle(tmp_path / "b", checkpoints=[entries[7].hash, head]) == []
    lines = (tmp_path / "b" / "ledger.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 20
    assert "Person" not in "".join(lines)


def test_an_empty_ledger_makes_a_valid_bundle(tmp_path: Path) -> None:
    assert write_bundle(tmp_path / "b", "empty", [], {}, TIME) == GENESIS
    assert verify_bundle(tmp_path / "b") == []


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"slug": "no spaces"}, "bad_slug"),
        ({"exported_at": "yesterday"}, "bad_time"),
        ({"documents": {"documents/0.txt": b"other"}}, "document_changed"),
        ({"documents": {"documents/extra.txt": b"x"}}, "document_unregistered"),
        ({"documents": {}}, "document_missing"),
        ({"documents": {"../escape.txt": b"x"}}, "bad_path"),
        ({"entries": "skip one"}, "chain_broken"),
    ],
)
def test_write_bundle_refuses_a_bundle_that_would_not_verify(
    tmp_path: Path, change: dict[str, Any], code: str
) -> None:
    entries = chain(6)
    values: dict[str, Any] = {
        "slug": "riverside",
        "entries": entries,
        "documents": documents(6),
        "exported_at": TIME,
    } | change
    if values["entries"] == "skip one":
        values["entries"] = entries[:2] + entries[3:]
    if change.get("documents") and "documents/0.txt" not in change["documents"]:
        values["documents"] = documents(6) | change["documents"]
    with pytest.raises(LedgerError) as error:
        write_bundle(tmp_path / "b", **values)
    assert error.value.code == code


def test_write_bundle_refuses_a_directory_in_use(tmp_path: Path) -> None:
    (tmp_path / "old.txt").write_text("x")
    with pytest.raises(LedgerError) as error:
        write_bundle(tmp_path, "riverside", chain(1), documents(1), TIME)
    assert error.value.code == "directory_not_empty"


def test_verify_bundle_never_reads_outside_the_bundle(tmp_path: Path) -> None:
    bundle = tmp_path / "b"
    write_bundle(bundle, "riverside", chain(2), documents(2), TIME)
    (tmp_path / "secret.txt").write_text("outside")
    manifest = json.loads((bundle / "manifest.json").read_text())
    manifest["files"]["../secret.txt"] = hashlib.sha256(b"outside").hexdigest()
    (bundle / "manifest.json").write_text(json.dumps(manifest))
    [problem] = verify_bundle(bundle)
    assert problem.code == "bad_manifest"
    assert problem.file == "manifest.json"
    assert "../secret.txt" in problem.message


def test_a_noted_checkpoint_catches_a_rewritten_ledger(tmp_path: Path) -> None:
    noted = chain(5)[-1].hash
    rewritten = chain(7)  # fresh salts: the same history, different hashes
    write_bundle(tmp_path / "b", "riverside", rewritten, documents(7), TIME)
    problems = verify_bundle(tmp_path / "b", checkpoints=[noted])
    assert [p.code for p in problems] == ["checkpoint_missing"]


def test_verify_bundle_does_not_follow_links_out_of_the_bundle(tmp_path: Path) -> None:
    bundle = tmp_path / "b"
    write_bundle(bundle, "riverside", chain(2), documents(2), TIME)
    outside = tmp_path / "outside"
    shutil.move(bundle / "documents", outside)
    (bundle / "documents").symlink_to(outside, target_is_directory=True)
    problems = verify_bundle(bundle)
    assert {(p.code, p.file) for p in problems} >= {
        ("file_missing", "documents/0.txt"),
        ("file_unlisted", "documents"),
    }
