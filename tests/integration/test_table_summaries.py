"""Table summaries through their pages: a facilitator writes, the table's own members
confirm or correct, the facilitator revises (the change shown), and a version enters the
public record only under the confirmation rule, with its SHA-256 in the ledger.

The room (tests/parking_room.py): table 1 is mixed (participant, member2, member3 have
accounts; P1 has none), table 2 has no accounts, table 3 only accounts (member4, member5).
"""

from __future__ import annotations

import hashlib
import html
from typing import Any

import pytest
from django.test import Client

from minipublic.deliberation.models import SummaryResponse, SummaryStatus, TableSummary
from minipublic.deliberation.sessions import do_set_tables
from minipublic.deliberation.summaries import Standing
from minipublic.integrity.models import LedgerEntry
from minipublic.lifecycle import Phase
from minipublic.processes import actions
from minipublic.processes.access import SYSTEM
from tests.cast import Cast
from tests.parking_room import Room, make_room

pytestmark = pytest.mark.django_db

BASE = "/p/riverside/summaries/1/tables"
SUMMARY = "Our table agreed that the council should focus on cycling and buses."
REVISED = "Our table did not agree: some want cycling and buses, others need the car."
CORRECTION = "We did not agree on that; two of us spoke for the villages."


@pytest.fixture
def room(public_cast: Cast) -> Room:
    """The public riverside process in deliberation, with a held session and seats."""
    return make_room(public_cast)


def _client(room: Room, name: str) -> Client:
    client = Client()
    if name != "anonymous":
        client.force_login(room.user(name))
    return client


def _text(response: Any) -> str:
    return html.unescape(response.content.decode())


def _write(
    room: Room, table: int, text: str = SUMMARY, note: str = "", who: str = "facilitator"
) -> Any:
    return _client(room, who).post(f"{BASE}/{table}/write/", {"text": text, "note": note})


def _answer(room: Room, who: str, table: int = 1, version: int = 1, correction: str = "") -> Any:
    data = {"version": str(version)}
    if correction:
        data |= {"step": "correct", "correction": correction}
    else:
        data |= {"step": "confirm"}
    return _client(room, who).post(f"{BASE}/{table}/", data)


def _attest(
    room: Room, table: int = 1, version: int = 1, how: str = "Read out; all agreed."
) -> Any:
    data = {"step": "attest", "version": str(version), "how": how}
    return _client(room, "facilitator").post(f"{BASE}/{table}/", data)


def _summary(table: int, version: int = 1) -> TableSummary:
    return TableSummary.objects.get(table__number=table, version=version)


def _events(room: Room) -> list[tuple[str, dict[str, object]]]:
    rows = LedgerEntry.objects.filter(process=room.cast.process, event__startswith="summary.")
    return [(row.event, row.to_entry().public_payload()) for row in rows.order_by("sequence")]


# ------------------------------------------------------------------ writing


def test_a_facilitator_writes_a_summary_the_table_is_asked_to_confirm(room: Room) -> None:
    response = _write(room, 1)
    assert response.status_code == 302
    summary = _summary(1)
    assert (summary.status, summary.sha256) == (
        SummaryStatus.AWAITING,
        hashlib.sha256(SUMMARY.encode()).hexdigest(),
    )
    ((event, payload),) = _events(room)
    assert event == "summary.written"
    assert payload["sha256"] == summary.sha256
    assert SUMMARY not in str(payload)  # the text is public only once recorded
    # The table's members see it on their page; nobody else does yet.
    mine = _text(_client(room, "member2").get("/p/riverside/room/my-summaries/"))
    assert "Waiting for your answer" in mine
    assert SUMMARY in mine
    for outsider in ("member4", "anonymous", "observer", "commissioner"):
        page = _text(_client(room, outsider).get(f"{BASE}/1/"))
        assert SUMMARY not in page, outsider
        assert "No summary of this table is in the record yet." in page, outsider
    assert SUMMARY not in _text(_client(room, "member4").get("/p/riverside/room/my-summaries/"))
    assert SUMMARY not in _text(_client(room, "anonymous").get("/p/riverside/summaries/1/"))


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("participant", 403),
        ("commissioner", 403),
        ("oversight", 403),
        ("observer", 403),
        ("expert", 403),
        ("recruiter", 403),
        ("facilitator", 302),
        ("lead_practitioner", 302),
    ],
)
def test_only_the_team_writes_summaries(room: Room, who: str, status: int) -> None:
    assert _write(room, 1, who=who).status_code == status
    assert TableSummary.objects.exists() == (status == 302)


def test_nobody_writes_summaries_before_deliberation(cast: Cast) -> None:
    response = cast.client("facilitator").get("/p/riverside/manage/summaries/")
    assert response.status_code == 200  # the overview is readable; writing is not
    assert "No session has been planned yet." in _text(response)


@pytest.mark.parametrize(
    ("text", "message"),
    [("  ", "Write the summary."), ("x" * 8001, "at most 8000 characters")],
)
def test_bad_summaries_are_refused_and_nothing_typed_is_lost(
    room: Room, text: str, message: str
) -> None:
    response = _write(room, 1, text)
    assert response.status_code == 400
    assert message in _text(response)
    assert not TableSummary.objects.exists()


def test_a_table_nobody_sat_at_has_no_summary(room: Room) -> None:
    do_set_tables(room.cast.users["facilitator"], room.cast.process, room.session, 4)
    response = _write(room, 4)
    assert "Nobody sat at table 4 in session 1" in _text(response)
    assert SUMMARY in _text(response)


# ------------------------------------------------------------------ confirming


def test_only_the_tables_own_members_confirm(room: Room) -> None:
    _write(room, 1)
    for stranger in ("member4", "member5"):  # participants seated at table 3
        response = _answer(room, stranger)
        assert response.status_code == 400
        assert (
            "Only the members who sat at table 1 in session 1 confirm or correct its summary."
            in _text(response)
        )
    for team in ("facilitator", "lead_practitioner", "oversight"):
        assert _answer(room, team).status_code == 403
    assert _answer(room, "anonymous").status_code == 403
    assert not SummaryResponse.objects.exists()


def test_the_confirmation_rule_on_a_mixed_table(room: Room) -> None:
    _write(room, 1)
    _answer(room, "member2")
    assert _summary(1).status == SummaryStatus.AWAITING  # 1 of the 2 needed
    _answer(room, "member3")
    assert _summary(1).status == SummaryStatus.AWAITING  # P1 has no account: not yet aloud
    team = _text(_client(room, "facilitator").get(f"{BASE}/1/"))
    assert "Confirmed online: 2 (needed: 2)." in team
    assert "Confirmed aloud at the table: not yet." in team
    assert "1 has no account and cannot confirm online" in team
    refused = _attest(room, how="  ")
    assert "Say how and when the table confirmed it aloud." in _text(refused)
    assert _attest(room, how="Read out at the end of the day; all four agreed.").status_code == 302
    summary = _summary(1)
    assert summary.status == SummaryStatus.RECORDED
    event, payload = _events(room)[-1]
    assert event == "summary.recorded"
    assert payload == {
        "session": 1,
        "table": 1,
        "version": 1,
        "sha256": hashlib.sha256(SUMMARY.encode()).hexdigest(),
        "members": 4,
        "members_with_account": 3,
        "confirmations": 2,
        "attested_aloud": True,
    }
    entry = LedgerEntry.objects.get(process=room.cast.process, sequence=summary.recorded_sequence)
    assert entry.event == "summary.recorded"
    public = _text(_client(room, "anonymous").get("/p/riverside/summaries/1/"))
    assert SUMMARY in public
    assert summary.sha256 in public
    assert "Facilitator's attestation" in public
    assert "Read out at the end of the day; all four agreed." in public
    assert f"entry {summary.recorded_sequence}" in public
    # Once recorded, it is final.
    assert "is in the record: it is final" in _text(_write(room, 1, REVISED, "Better."))
    assert "no longer awaiting confirmation" in _text(_answer(room, "participant"))


def test_a_table_of_account_holders_records_on_their_confirmations(room: Room) -> None:
    _write(room, 3)
    refused = _attest(room, table=3)
    assert "Everyone at table 3 has an account" in _text(refused)
    _answer(room, "member4", table=3)
    assert _summary(3).status == SummaryStatus.AWAITING  # more than half of 2 is 2
    _answer(room, "member5", table=3)
    assert _summary(3).status == SummaryStatus.RECORDED
    assert _events(room)[-1][1]["attested_aloud"] is False


def test_a_table_without_accounts_records_on_the_attestation(room: Room) -> None:
    _write(room, 2)
    assert _attest(room, table=2).status_code == 302
    assert _summary(2).status == SummaryStatus.RECORDED
    public = _text(_client(room, "anonymous").get("/p/riverside/summaries/1/"))
    assert "nobody at this table has an account" in public


def test_the_rule_itself() -> None:
    def rule(members: int, accounts: int, confirmed: int, corrected: int, aloud: bool) -> bool:
        return Standing(members, accounts, confirmed, corrected, aloud).ready

    assert rule(4, 3, 2, 0, True)
    assert not rule(4, 3, 1, 0, True)  # not more than half
    assert not rule(4, 3, 3, 0, False)  # one member has no account: aloud needed
    assert not rule(4, 3, 2, 1, True)  # a correction outstanding
    assert rule(2, 2, 2, 0, False)
    assert not rule(2, 2, 1, 0, False)
    assert rule(3, 0, 0, 0, True)
    assert not rule(3, 0, 0, 0, False)
    assert not rule(0, 0, 0, 0, True)  # nobody at the table


# ------------------------------------------------------------------ correcting, revising


def test_a_correction_is_seen_by_the_table_and_the_team_and_answered_by_a_revision(
    room: Room,
) -> None:
    _write(room, 1)
    _attest(room)
    _answer(room, "member2")
    empty = _answer(room, "member3", correction="   ")
    assert "Say what is wrong or missing in the summary." in _text(empty)
    assert _answer(room, "member3", correction=CORRECTION).status_code == 302
    _answer(room, "participant")  # 2 confirmations, attested: the correction still holds it
    assert _summary(1).status == SummaryStatus.AWAITING
    table = _text(_client(room, "member2").get(f"{BASE}/1/"))
    assert CORRECTION in table
    assert "A member of the table" in table
    assert "member3" not in table
    team = _text(_client(room, "facilitator").get(f"{BASE}/1/"))
    assert CORRECTION in team
    assert "Corrections outstanding: 1." in team
    for outsider in ("member4", "anonymous"):
        assert CORRECTION not in _text(_client(room, outsider).get(f"{BASE}/1/"))
    # A revision needs a note; the text typed is kept when it is refused.
    refused = _write(room, 1, REVISED)
    assert refused.status_code == 400
    assert "Say what you changed and why." in _text(refused)
    assert REVISED in _text(refused)
    unchanged = _write(room, 1, SUMMARY, "No change.")
    assert "The text is the same as version 1." in _text(unchanged)
    note = "The table did not agree; both views are now given."
    assert _write(room, 1, REVISED, note).status_code == 302
    assert (_summary(1, 1).status, _summary(1, 2).status) == (
        SummaryStatus.SUPERSEDED,
        SummaryStatus.AWAITING,
    )
    # Answering the old version is refused; the new one starts afresh.
    stale = _answer(room, "member2", version=1)
    assert "Version 1 of this summary is no longer awaiting confirmation" in _text(stale)
    page = _text(_client(room, "member3").get(f"{BASE}/1/"))
    assert '<del><span class="visually-hidden">Removed: </span>' in page
    assert '<ins><span class="visually-hidden">Added: </span>' in page
    for who in ("member2", "member3"):
        _answer(room, who, version=2)
    _attest(room, version=2, how="Version 2 read out on Sunday morning; all agreed.")
    assert _summary(1, 2).status == SummaryStatus.RECORDED
    written = [p for e, p in _events(room) if e == "summary.written"]
    assert written[1]["supersedes"] == 1
    assert set(written[1]["note"]) == {"redacted"}
    public = _text(_client(room, "anonymous").get(f"{BASE}/1/"))
    assert REVISED in public  # the whole history, once recorded
    assert SUMMARY in public
    assert note in public
    assert CORRECTION not in public  # corrections stay with the table and the team
    assert "1 member of the table corrected this version." in public


def test_confirming_withdraws_ones_own_correction(room: Room) -> None:
    _write(room, 3)
    _answer(room, "member4", table=3, correction=CORRECTION)
    _answer(room, "member5", table=3)
    assert _summary(3).status == SummaryStatus.AWAITING
    _answer(room, "member4", table=3)
    assert _summary(3).status == SummaryStatus.RECORDED
    answers = [p["answer"] for e, p in _events(room) if e == "summary.answered"]
    assert answers == ["correct", "confirm", "confirm"]


def test_attesting_is_refused_while_a_correction_is_outstanding(room: Room) -> None:
    _write(room, 1)
    _answer(room, "member2", correction=CORRECTION)
    response = _attest(room)
    assert "A member has corrected version 1: revise it" in _text(response)
    assert _summary(1).attested_at is None


# ------------------------------------------------------------------ the participant's page


def test_my_summaries_lists_the_tables_where_i_sat(room: Room) -> None:
    _write(room, 1)
    client = _client(room, "participant")
    page = _text(client.get("/p/riverside/room/my-summaries/"))
    assert "Confirm or correct the summary of session 1, table 1" in page
    _answer(room, "participant")
    page = _text(client.get("/p/riverside/room/my-summaries/"))
    assert "Nothing is waiting for you." in page
    assert "confirmed" in page


@pytest.mark.parametrize("who", ["facilitator", "commissioner", "observer", "outsider"])
def test_my_summaries_is_for_people_in_the_room(room: Room, who: str) -> None:
    assert _client(room, who).get("/p/riverside/room/my-summaries/").status_code in (403, 404)


def test_the_team_overview_shows_every_table(room: Room) -> None:
    _write(room, 1)
    page = _text(_client(room, "facilitator").get("/p/riverside/manage/summaries/"))
    assert "version 1: Waiting for the table's confirmation" in page
    assert "Write it" in page  # tables 2 and 3
    assert _client(room, "commissioner").get("/p/riverside/manage/summaries/").status_code == 403


def test_summaries_stay_readable_after_the_room_closes(room: Room) -> None:
    _write(room, 2)
    _attest(room, table=2)
    actions.do_change_phase(SYSTEM, room.cast.refresh(), Phase.RECOMMENDATIONS)
    actions.do_change_phase(SYSTEM, room.cast.refresh(), Phase.RESPONSE)
    assert SUMMARY in _text(_client(room, "anonymous").get("/p/riverside/summaries/1/"))
    assert _write(room, 1).status_code == 403
