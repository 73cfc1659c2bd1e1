"""The parking lot through its pages: raising, resolving (in words, three ways), reopening
and participants' requests to reopen; the privacy of who raised what; the public list
with its counts and filter; and open concerns blocking the close of the report."""

from __future__ import annotations

import datetime
import html
import json

import pytest
from django.test import Client

from minipublic.deliberation.models import Concern, ConcernStatus, ReopenRequest, ReopenStatus
from minipublic.deliberation.parking import (
    check_report_can_close,
    do_raise_concern,
    open_concerns_block_report,
)
from minipublic.deliberation.sessions import do_add_session
from minipublic.integrity.models import LedgerEntry
from minipublic.lifecycle import LifecycleError, Phase
from minipublic.processes import actions
from minipublic.processes.access import SYSTEM
from tests.cast import Cast
from tests.parking_room import Room, make_room

pytestmark = pytest.mark.django_db

LOT = "/p/riverside/parking-lot/"
TEXT = "Can we talk about the incinerator at Hollins Lane?"


@pytest.fixture
def room(public_cast: Cast) -> Room:
    """The public riverside process in deliberation, with a held session and seats."""
    return make_room(public_cast)


def _client(room: Room, name: str) -> Client:
    client = Client()
    if name != "anonymous":
        client.force_login(room.user(name))
    return client


def _raise(room: Room, who: str = "member2", **fields: str) -> Client:
    client = _client(room, who)
    data = {"text": TEXT, "kind": "out_of_scope", "session": "1", **fields}
    response = client.post(f"{LOT}new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return client


def _text(response: object) -> str:
    return html.unescape(response.content.decode())  # type: ignore[attr-defined]


def _events(room: Room, prefix: str = "concern.") -> list[LedgerEntry]:
    rows = LedgerEntry.objects.filter(process=room.cast.process, event__startswith=prefix)
    return list(rows.order_by("sequence"))


def _resolve(room: Room, who: str, number: int = 1, **fields: str) -> object:
    data = {"step": "resolve", "resolution": "discussed", "session": "1", "text": "", **fields}
    return _client(room, who).post(f"{LOT}{number}/", data)


# ------------------------------------------------------------------ raising, privacy


def test_a_participant_parks_a_concern_and_only_they_see_it_is_theirs(room: Room) -> None:
    _raise(room)
    concern = Concern.objects.get(process=room.cast.process)
    assert (concern.number, concern.kind, concern.session, concern.status) == (
        1,
        "out_of_scope",
        room.session,
        ConcernStatus.OPEN,
    )
    mine = _text(_client(room, "member2").get(LOT))
    assert TEXT in mine
    assert "Raised by you" in mine
    for viewer in ("member3", "facilitator", "lead_practitioner", "oversight", "anonymous"):
        page = _text(_client(room, viewer).get(LOT))
        assert TEXT in page, viewer
        assert "Raised by you" not in page, viewer
        assert "member2" not in page, viewer  # nobody sees who raised it, not even the team
        detail = _text(_client(room, viewer).get(f"{LOT}1/"))
        assert "member2" not in detail, viewer
        assert "by a participant" in detail, viewer


def test_the_public_record_holds_the_concern_but_not_who_raised_it(room: Room) -> None:
    _raise(room)
    (entry,) = _events(room, "concern.raised")
    public = entry.to_entry().public_payload()
    assert public["text"] == TEXT
    assert public["kind"] == "out_of_scope"
    assert public["session"] == 1
    assert entry.actor_role == "participant"
    assert set(public["raiser"]) == {"redacted"}
    assert "member2" not in json.dumps(public)


def test_the_team_parks_a_concern_for_a_table(room: Room) -> None:
    _raise(room, "facilitator", text="Table 3 wants to discuss renters.", kind="later")
    page = _text(_client(room, "anonymous").get(f"{LOT}1/"))
    assert "by the facilitation team" in page
    assert "For later" in page


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"text": "   "}, "Say what the concern is."),
        ({"kind": "someday"}, "Select a valid choice."),
        ({"session": "9"}, "Select a valid choice."),
    ],
)
def test_bad_concerns_are_refused_with_the_reason_and_nothing_typed_is_lost(
    room: Room, fields: dict[str, str], message: str
) -> None:
    data = {"text": TEXT, "kind": "later", "session": "", **fields}
    response = _client(room, "member2").post(f"{LOT}new/", data)
    assert response.status_code == 400
    page = _text(response)
    assert message in page
    if fields.get("text") is None:
        assert TEXT in page  # the text typed is shown again
    assert not Concern.objects.exists()


def test_a_concern_cannot_be_tied_to_a_session_not_yet_held(room: Room) -> None:
    facilitator = room.cast.users["facilitator"]
    later = do_add_session(
        facilitator, room.cast.process, title="Later", on=datetime.date(2099, 1, 1)
    )
    form = _text(_client(room, "member2").get(f"{LOT}new/"))
    assert "1. Day one" in form
    assert "2. Later" not in form  # only sessions already held are offered
    response = _client(room, "member2").post(
        f"{LOT}new/", {"text": TEXT, "kind": "later", "session": "2"}
    )
    assert response.status_code == 400
    assert "Select a valid choice." in _text(response)
    assert TEXT in _text(response)
    with pytest.raises(LifecycleError) as refused:  # the action checks it too
        do_raise_concern(room.user("member2"), room.cast.process, text=TEXT, session=later)
    assert str(refused.value) == "Session 2 has not been held yet (it is on 2099-01-01)."
    assert not Concern.objects.exists()


def test_a_too_long_concern_is_refused_with_its_length(room: Room) -> None:
    response = _client(room, "member2").post(f"{LOT}new/", {"text": "x" * 2001, "kind": "later"})
    assert response.status_code == 400
    assert "at most 2000 characters (it has 2001)" in _text(response)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("participant", 200),
        ("facilitator", 200),
        ("lead_practitioner", 200),
        ("commissioner", 403),
        ("oversight", 403),
        ("observer", 403),
        ("expert", 403),
        ("recruiter", 403),
        ("outsider", 403),
    ],
)
def test_who_may_raise_a_concern(room: Room, who: str, status: int) -> None:
    assert _client(room, who).get(f"{LOT}new/").status_code == status


def test_visitors_are_asked_to_sign_in_to_raise_a_concern(room: Room) -> None:
    response = _client(room, "anonymous").get(f"{LOT}new/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_nobody_raises_concerns_before_deliberation(cast: Cast) -> None:
    client = cast.client("participant")
    assert client.get("/p/riverside/parking-lot/new/").status_code == 403
    response = client.post("/p/riverside/parking-lot/new/", {"text": TEXT, "kind": "later"})
    assert response.status_code == 403
    assert not Concern.objects.exists()


# ------------------------------------------------------------------ resolving


@pytest.mark.parametrize(
    ("resolution", "message"),
    [
        ("discussed", "Say what came of the discussion."),
        ("referred", "Say what was referred to the commissioner, and how."),
        ("out_of_remit", "Give the reason it is outside the remit."),
    ],
)
def test_every_resolution_needs_words(room: Room, resolution: str, message: str) -> None:
    _raise(room)
    response = _resolve(room, "facilitator", resolution=resolution, text="  ")
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert message in _text(response)
    assert Concern.objects.get().status == ConcernStatus.OPEN
    assert not _events(room, "concern.resolved")


def test_discussed_needs_the_session(room: Room) -> None:
    _raise(room)
    response = _resolve(room, "facilitator", session="", text="We talked it through.")
    assert "Say in which session the concern was discussed." in _text(response)
    assert "We talked it through." in _text(response)  # kept for the next try
    assert Concern.objects.get().status == ConcernStatus.OPEN


def test_the_team_resolves_in_public(room: Room) -> None:
    _raise(room)
    words = "Planning is the county's decision; members may mention it in the report."
    response = _resolve(
        room, "lead_practitioner", resolution="out_of_remit", text=words, session=""
    )
    assert response.status_code == 302  # type: ignore[attr-defined]
    concern = Concern.objects.get()
    assert (concern.status, concern.resolution, concern.resolution_text) == (
        "resolved",
        "out_of_remit",
        words,
    )
    (entry,) = _events(room, "concern.resolved")
    assert entry.to_entry().public_payload() == {
        "concern": 1,
        "resolution": "out_of_remit",
        "session": None,
        "text": words,
    }
    page = _text(_client(room, "anonymous").get(LOT))
    assert words in page
    assert "Out of the remit" in page


@pytest.mark.parametrize("who", ["participant", "member2", "commissioner", "oversight"])
def test_only_the_team_resolves(room: Room, who: str) -> None:
    _raise(room)
    response = _resolve(room, who, text="Done.")
    assert response.status_code == 403  # type: ignore[attr-defined]
    assert Concern.objects.get().status == ConcernStatus.OPEN


def test_a_reopening_needs_a_reason_and_keeps_the_history(room: Room) -> None:
    _raise(room)
    _resolve(room, "facilitator", text="Discussed in the afternoon.")
    team = _client(room, "facilitator")
    refused = team.post(f"{LOT}1/", {"step": "reopen", "reopen-reason": ""})
    assert refused.status_code == 400
    assert "Say why the concern is reopened." in _text(refused)
    assert Concern.objects.get().status == ConcernStatus.RESOLVED
    reason = "Two tables did not get to it."
    assert team.post(f"{LOT}1/", {"step": "reopen", "reopen-reason": reason}).status_code == 302
    assert Concern.objects.get().status == ConcernStatus.OPEN
    page = _text(_client(room, "anonymous").get(f"{LOT}1/"))
    assert "Discussed in the afternoon." in page  # the earlier resolution stays visible
    assert reason in page
    assert [e.event for e in _events(room)] == [
        "concern.raised",
        "concern.resolved",
        "concern.reopened",
    ]


# ------------------------------------------------------------------ requests to reopen


def _request(room: Room, who: str, reason: str = "It was never really discussed.") -> object:
    return _client(room, who).post(f"{LOT}1/", {"step": "request", "request-reason": reason})


def test_participants_ask_to_reopen_and_the_team_must_answer(room: Room) -> None:
    _raise(room)
    _resolve(room, "facilitator", text="Discussed at the end of the day.")
    assert _request(room, "member3").status_code == 302  # type: ignore[attr-defined]
    request = ReopenRequest.objects.get()
    assert (request.number, request.status, request.requested_by) == (
        1,
        ReopenStatus.PENDING,
        room.user("member3"),
    )
    # The request blocks the report, though the concern is resolved.
    assert open_concerns_block_report(room.cast.process) is not None
    again = _request(room, "member3")
    assert "You have already asked to reopen concern #1" in _text(again)
    assert ReopenRequest.objects.count() == 1
    # The team sees the request and a form to answer it; the answer needs words.
    team = _client(room, "lead_practitioner")
    assert "Answer request 1 to reopen" in _text(team.get(f"{LOT}1/"))
    answer = {"step": "answer", "request": "1", "answer-1-decision": "decline"}
    refused = team.post(f"{LOT}1/", {**answer, "answer-1-answer": " "})
    assert "Give the participants your answer." in _text(refused)
    words = "It was discussed by all four tables for twenty minutes; see the summaries."
    assert team.post(f"{LOT}1/", {**answer, "answer-1-answer": words}).status_code == 302
    request.refresh_from_db()
    assert (request.status, request.answer) == (ReopenStatus.DECLINED, words)
    assert Concern.objects.get().status == ConcernStatus.RESOLVED
    assert open_concerns_block_report(room.cast.process) is None
    public = _text(_client(room, "anonymous").get(f"{LOT}1/"))
    assert "It was never really discussed." in public
    assert words in public
    assert "member3" not in public
    (asked,) = _events(room, "concern.reopen_requested")
    assert set(asked.to_entry().public_payload()["requester"]) == {"redacted"}


def test_accepting_a_request_reopens_the_concern(room: Room) -> None:
    _raise(room)
    _resolve(room, "facilitator", text="Discussed.")
    _request(room, "member3")
    _request(room, "participant", "Only one table discussed it.")
    team = _client(room, "facilitator")
    data = {"step": "answer", "request": "1", "answer-1-decision": "accept"}
    words = "Agreed: we reopen it and give it thirty minutes next weekend."
    assert team.post(f"{LOT}1/", {**data, "answer-1-answer": words}).status_code == 302
    assert Concern.objects.get().status == ConcernStatus.OPEN
    # Both requests are answered by the reopening.
    assert set(ReopenRequest.objects.values_list("status", flat=True)) == {ReopenStatus.ACCEPTED}
    assert [e.event for e in _events(room)][-3:] == [
        "concern.reopen_answered",
        "concern.reopened",
        "concern.reopen_answered",
    ]


def test_the_team_reopens_directly_rather_than_asking(room: Room) -> None:
    _raise(room)
    _resolve(room, "facilitator", text="Discussed.")
    response = _request(room, "facilitator")
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "the team reopens a concern itself" in _text(response)
    assert not ReopenRequest.objects.exists()


def test_an_open_concern_cannot_be_asked_to_reopen(room: Room) -> None:
    _raise(room)
    response = _request(room, "member3")
    assert "Concern #1 is still open: there is nothing to reopen." in _text(response)


# ------------------------------------------------------------------ list, counts, filter


def _three_concerns(room: Room) -> None:
    _raise(room)
    _raise(room, "participant", text="Renters are left out.", kind="later")
    _raise(room, "facilitator", text="The airport.", kind="out_of_scope", session="")
    _resolve(room, "facilitator", 2, text="Discussed with the tenants' panel.")


def test_the_list_counts_open_and_resolved_by_kind(room: Room) -> None:
    _three_concerns(room)
    page = _text(_client(room, "anonymous").get(LOT))
    assert "2 concerns are open." in page
    assert "The participants' report cannot be closed yet." in page
    rows = page.split("Concerns by why they were parked", 1)[1].split("</table>", 1)[0]
    assert "Out of scope for now</th><td>2</td><td>0</td>" in rows
    assert "For later</th><td>0</td><td>1</td>" in rows
    assert "All concerns</th><td>2</td><td>1</td>" in rows


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("status=open", ["Concern #1", "Concern #3"], ["Concern #2"]),
        ("status=resolved", ["Concern #2"], ["Concern #1", "Concern #3"]),
        ("kind=later", ["Concern #2"], ["Concern #1", "Concern #3"]),
        ("resolution=discussed", ["Concern #2"], ["Concern #1"]),
        ("session=1", ["Concern #1", "Concern #2"], ["Concern #3"]),
    ],
)
def test_the_list_filters(room: Room, query: str, shown: list[str], hidden: list[str]) -> None:
    _three_concerns(room)
    response = _client(room, "anonymous").get(f"{LOT}?{query}")
    assert response.status_code == 200
    listed = _text(response).split("The concerns</h2>", 1)[1]
    for text in shown:
        assert text in listed, (query, text)
    for text in hidden:
        assert text not in listed, (query, text)


def test_a_bad_filter_says_so_and_shows_everything(room: Room) -> None:
    _three_concerns(room)
    response = _client(room, "anonymous").get(f"{LOT}?status=lost")
    assert response.status_code == 400
    page = _text(response)
    assert "Select a valid choice." in page
    assert "3 concerns shown." in page


def test_a_private_process_keeps_its_parking_lot_to_members(cast: Cast) -> None:
    assert cast.client("anonymous").get("/p/riverside/parking-lot/").status_code == 404
    assert cast.client("observer").get("/p/riverside/parking-lot/").status_code == 200


# ------------------------------------------------------------------ closing the report


def _to_recommendations(room: Room) -> None:
    actions.do_change_phase(SYSTEM, room.cast.refresh(), Phase.RECOMMENDATIONS)


def test_open_concerns_block_the_move_out_of_recommendations(room: Room) -> None:
    _raise(room)
    _to_recommendations(room)
    lead = _client(room, "lead_practitioner")
    manage = _text(lead.get("/p/riverside/manage/"))
    assert "open concerns: 1; requests to reopen awaiting an answer: 0" in manage
    assert 'href="/p/riverside/parking-lot/"' in manage
    refused = lead.post("/p/riverside/manage/phase/", {"to_phase": "response", "reason": ""})
    assert refused.status_code == 400
    assert (
        "The participants' report cannot be closed while the parking lot has open items "
        "(open concerns: 1; requests to reopen awaiting an answer: 0). "
        "Resolve each one first: /p/riverside/parking-lot/"
    ) in _text(refused)
    assert room.cast.refresh().phase == Phase.RECOMMENDATIONS
    # Going back to deliberation is not closing the report.
    back = {"to_phase": "deliberation", "reason": "One more session on travel."}
    assert lead.post("/p/riverside/manage/phase/", back).status_code == 302
    _to_recommendations(room)
    _resolve(room, "facilitator", resolution="referred", session="", text="Sent to the council.")
    assert "open concerns" not in _text(lead.get("/p/riverside/manage/"))
    moved = lead.post("/p/riverside/manage/phase/", {"to_phase": "response", "reason": ""})
    assert moved.status_code == 302
    assert room.cast.refresh().phase == Phase.RESPONSE


def test_a_pending_request_to_reopen_blocks_too(room: Room) -> None:
    _raise(room)
    _resolve(room, "facilitator", text="Discussed.")
    _request(room, "member2")
    _to_recommendations(room)
    with pytest.raises(LifecycleError) as refused:
        actions.do_change_phase(SYSTEM, room.cast.refresh(), Phase.RESPONSE)
    assert refused.value.code == "report_blocked_by_concerns"
    assert refused.value.params["requests"] == 1
    with pytest.raises(LifecycleError):
        check_report_can_close(room.cast.process)  # what the report code will call


def test_a_process_without_concerns_moves_on(room: Room) -> None:
    _to_recommendations(room)
    check_report_can_close(room.cast.process)
    actions.do_change_phase(SYSTEM, room.cast.refresh(), Phase.RESPONSE)
    assert room.cast.refresh().phase == Phase.RESPONSE


def test_the_team_can_still_resolve_in_recommendations(room: Room) -> None:
    _raise(room)
    _to_recommendations(room)
    assert _resolve(room, "facilitator", text="Discussed.").status_code == 302  # type: ignore[attr-defined]


def test_answering_a_request_that_does_not_exist_is_not_found(room: Room) -> None:
    _raise(room)
    team = _client(room, "facilitator")
    for number in ("7", "x", ""):
        data = {"step": "answer", "request": number, "answer-7-decision": "accept"}
        assert team.post(f"{LOT}1/", data).status_code == 404, number
    assert team.post(f"{LOT}1/", {"step": "shout"}).status_code == 400
