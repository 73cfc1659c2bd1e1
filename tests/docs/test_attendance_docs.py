"""docs/participants.md's attendance and message sections agree with the pages and the
ledger events they name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import resolve

from minipublic.integrity.dictionary import EVENTS
from minipublic.participants.attendance import DROPOUT_ABSENCES
from minipublic.participants.attendance_codes import MAX_WRONG_TRIES, WRONG_TRIES_WINDOW
from minipublic.participants.attendance_models import CODE_ALPHABET, CODE_LENGTH
from minipublic.participants.message_mail import BATCH_SIZE, STALE_AFTER

DOCS = Path(__file__).resolve().parents[2] / "docs"
TEXT = (DOCS / "participants.md").read_text()
_PLACEHOLDERS = {"<slug>": "demo", "<n>": "3"}


def _section(heading: str) -> str:
    start = TEXT.index(f"\n## {heading}\n")
    end = TEXT.find("\n## ", start + 1)
    return TEXT[start : end if end != -1 else None]


@pytest.mark.parametrize(("heading", "count"), [("Attendance", 4), ("Messages", 3)])
def test_the_documented_addresses_resolve_to_this_app(heading: str, count: int) -> None:
    addresses = re.findall(r"^\| `(/p/[^`]+)` \|", _section(heading), flags=re.M)
    assert len(addresses) == count
    for address in addresses:
        for placeholder, value in _PLACEHOLDERS.items():
            address = address.replace(placeholder, value)
        assert resolve(address).namespace == "participants", address


def test_the_documented_numbers_are_the_codes() -> None:
    attendance = _section("Attendance")
    assert f"`{CODE_ALPHABET}`" in attendance
    assert f"{CODE_LENGTH} characters" in attendance.replace("six", "6")
    assert f"After {MAX_WRONG_TRIES} wrong" in attendance
    assert f"within {int(WRONG_TRIES_WINDOW.total_seconds() // 60)} minutes" in attendance
    assert "two meetings without an excuse" in attendance
    assert DROPOUT_ABSENCES == 2
    messages = _section("Messages")
    assert f"up to {BATCH_SIZE} e-mails per run" in messages
    assert f"after {int(STALE_AFTER.total_seconds() // 60)} minutes" in messages


def test_the_documented_events_exist_and_are_in_the_integrity_page() -> None:
    integrity = (DOCS / "integrity.md").read_text()
    for event in (
        "attendance.recorded",
        "attendance.check_in_opened",
        "attendance.check_in_closed",
        "attendance.follow_up_done",
        "message.queued",
        "message.delivered",
    ):
        assert event in EVENTS
        assert f"`{event}`" in integrity
