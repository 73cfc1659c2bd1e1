"""Requests for more time through the pages: participants ask (the current item by
default), the team grants in full or in part or declines, always with a reason; the
item's allowed time grows; the requests and decisions are public, who asked never is."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from minipublic import clock
from minipublic.deliberation.models import RequestStatus, Session, TimeRequest
from minipublic.deliberation.timer import do_start_item, do_stop_item
from minipublic.integrity.record import entries, public_entries
from minipublic.processes.models import Process
from tests.agenda_fixtures import item, lay_out_day, minute, text_of, to_the_room
from tests.cast import ACTORS, Cast

pytestmark = pytest.mark.django_db

ASK = "/p/riverside/agenda/more-time/"
DECIDE = "/p/riverside/manage/time-requests/"


@pytest.fixture
def day(cast: Cast) -> Session:
    to_the_room(cast.process)
    participant = cast.users["participant"]
    participant.display_name = "Zenobia Quartermaine"
    participant.save()
    session = lay_out_day(cast)
    with clock.frozen_at(minute(0)):
        do_start_item(cast.users["facilitator"], cast.process, item(session, 1))
    with clock.frozen_at(minute(21)):
        do_start_item(cast.users["facilitator"], cast.process, item(session, 2))
    return session


def ask(client: Client, at: float, **data: object) -> object:
    with clock.frozen_at(minute(at)):
        return client.post(ASK, data)


def decide(client: Client, number: int, at: float, **data: object) -> object:
    fields = {f"r{number}-{key}": value for key, value in data.items()}
    with clock.frozen_at(minute(at)):
        return client.post(DECIDE, {"request": number, **fields})


@pytest.mark.parametrize("actor", ACTORS)
def test_participants_ask_and_the_team_decides(cast: Cast, day: Session, actor: str) -> None:
    client = cast.client(actor)
    with clock.frozen_at(minute(25)):
        ask_status = client.get(ASK).status_code
        decide_status = client.get(DECIDE).status_code
    guest = {"anonymous": 302, "outsider": 404, "staff": 404}
    team = actor in ("lead_practitioner", "facilitator")
    assert ask_status == guest.get(actor, 200 if actor == "participant" else 403)
    assert decide_status == guest.get(actor, 200 if team else 403)


def test_a_request_granted_in_part_adds_to_the_items_time(cast: Cast, day: Session) -> None:
    participant = cast.client("participant")
    with clock.frozen_at(minute(25)):
        page = participant.get(ASK).content.decode()
    # The item running now is chosen already.
    talk = item(day, 2)
    assert f'<option value="{talk.pk}" selected>2. Flooding: the evidence</option>' in page
    assert "Now: item 2, “Flooding: the evidence”." in text_of(page.encode())
    response = ask(participant, 25, item=talk.pk, minutes=15, reason="We have more questions.")
    assert response.status_code == 302  # type: ignore[attr-defined]
    team = cast.client("facilitator")
    with clock.frozen_at(minute(26)):
        page = text_of(team.get(DECIDE).content)
        timer = text_of(team.get("/p/riverside/manage/timer/1/").content)
    assert "Request #1: 15 more minutes" in page
    assert "Asked by (not published) Zenobia Q." in page
    assert "5 min used of 50 planned + 0 granted" in page
    assert "1 request for more time is waiting for a decision." in timer
    response = decide(team, 1, 27, decision="grant", minutes=10, reason="Ten, then lunch.")
    assert response.status_code == 302  # type: ignore[attr-defined]
    talk.refresh_from_db()
    assert talk.extra_minutes == 10
    request = TimeRequest.objects.get()
    assert (request.status, request.granted_minutes, request.decided_by_role) == (
        RequestStatus.GRANTED,
        10,
        "facilitator",
    )
    with clock.frozen_at(minute(28)):
        mine = text_of(participant.get(ASK).content)
        state = team.get("/p/riverside/manage/timer/1/state.json").json()
    assert "#1 Session 1, item 2: Flooding: the evidence 15 Granted: 10 min Ten, then lunch." in (
        mine
    )
    assert next(row for row in state["items"] if row["id"] == talk.pk)["allowed_seconds"] == 3600


def test_a_declined_request_and_the_public_record(cast: Cast, day: Session) -> None:
    participant = cast.client("participant")
    ask(participant, 30, item=item(day, 3).pk, minutes=20, reason="Our table is slow.")
    decide(
        cast.client("lead_practitioner"),
        1,
        31,
        decision="decline",
        minutes="",
        reason="The hall closes at five.",
    )
    assert item(day, 3).extra_minutes == 0
    rows = [row for row in public_entries(cast.process) if row["event"].startswith("time.")]
    assert [row["event"] for row in rows] == ["time.requested", "time.decided"]
    requested, decided = rows[0]["payload"], rows[1]["payload"]
    assert {key: requested[key] for key in ("number", "session", "position", "minutes")} == {
        "number": 1,
        "session": 1,
        "position": 3,
        "minutes": 20,
    }
    assert requested["reason"] == "Our table is slow."
    assert decided == {
        "number": 1,
        "decision": "declined",
        "minutes_granted": 0,
        "reason": "The hall closes at five.",
        "item_granted_minutes": 0,
    }
    public = json.dumps(public_entries(cast.process))
    assert "Zenobia" not in public
    assert '"username": "participant"' not in public
    # The requester is kept, privately, in the stored entry.
    stored = entries(cast.process).get(event="time.requested")
    assert stored.private_fields == ["requester"]
    # The public agenda page shows the request and its decision, never who asked.
    page = text_of(cast.client("observer").get("/p/riverside/agenda/").content)
    assert "#1" in page
    assert "Our table is slow." in page
    assert "Declined The hall closes at five." in page
    assert "Zenobia" not in page


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"minutes": 0}, "minutes", "Enter a whole number from 1 to 120."),
        ({"minutes": 121}, "minutes", "Enter a whole number from 1 to 120."),
        ({"minutes": "lots"}, "minutes", "Enter a whole number from 1 to 120."),
        ({"reason": "  "}, "reason", "Say why more time would help."),
        ({"item": ""}, "item", "Choose the item you would like more time for."),
        ({"item": 999_999}, "item", "Choose one of the items still to be finished."),
    ],
)
def test_a_bad_request_is_refused_next_to_its_field(
    cast: Cast, day: Session, data: dict[str, object], field: str, message: str
) -> None:
    fields = {"item": item(day, 2).pk, "minutes": 10, "reason": "The witness ran over."} | data
    response = ask(cast.client("participant"), 25, **fields)
    assert response.status_code == 400  # type: ignore[attr-defined]
    page = response.content.decode()  # type: ignore[attr-defined]
    error = page[page.index(f'id="id_{field}_error"') :]
    assert message in error[: error.index("</p>")]
    if field != "reason":
        assert "The witness ran over." in page
    assert not TimeRequest.objects.exists()


def test_finished_items_and_second_requests_are_refused(cast: Cast, day: Session) -> None:
    with clock.frozen_at(minute(22)):
        do_stop_item(cast.users["facilitator"], cast.process, item(day, 1))
    participant = cast.client("participant")
    response = ask(participant, 25, item=item(day, 1).pk, minutes=5, reason="More welcome.")
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "Choose one of the items still to be finished." in text_of(response.content)  # type: ignore[attr-defined]
    ask(participant, 25, item=item(day, 2).pk, minutes=5, reason="More questions.")
    response = ask(participant, 26, item=item(day, 2).pk, minutes=5, reason="Please!")
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "You have already asked for more time on this item" in text_of(response.content)  # type: ignore[attr-defined]
    assert TimeRequest.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"decision": ""}, "decision", "Choose to grant or to decline the request."),
        ({"minutes": ""}, "minutes", "Say how many minutes are granted."),
        ({"minutes": 16}, "minutes", "Grant between 1 and the 15 minutes asked for"),
        ({"minutes": 0}, "minutes", "Grant at least 1 minute, or decline the request."),
        ({"reason": ""}, "reason", "Give the reason for the decision"),
    ],
)
def test_a_bad_decision_is_refused_next_to_its_field(
    cast: Cast, day: Session, data: dict[str, object], field: str, message: str
) -> None:
    ask(cast.client("participant"), 25, item=item(day, 2).pk, minutes=15, reason="Questions.")
    fields = {"decision": "grant", "minutes": 10, "reason": "Lunch can wait."} | data
    response = decide(cast.client("facilitator"), 1, 26, **fields)
    assert response.status_code == 400  # type: ignore[attr-defined]
    page = response.content.decode()  # type: ignore[attr-defined]
    error = page[page.index(f'id="id_r1-{field}_error"') :]
    assert message in error[: error.index("</p>")]
    if field != "reason":
        assert "Lunch can wait." in page
    assert TimeRequest.objects.get().status == RequestStatus.PENDING
    assert item(day, 2).extra_minutes == 0


def test_a_request_is_decided_once(cast: Cast, day: Session) -> None:
    ask(cast.client("participant"), 25, item=item(day, 2).pk, minutes=15, reason="Questions.")
    decide(cast.client("facilitator"), 1, 26, decision="grant", minutes=15, reason="Yes.")
    # The lead practitioner's page was open before: their decision comes second.
    response = decide(
        cast.client("lead_practitioner"), 1, 26, decision="decline", reason="No time."
    )
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "Request 1 has already been decided (Granted)." in text_of(response.content)  # type: ignore[attr-defined]
    assert item(day, 2).extra_minutes == 15
    assert entries(cast.process).filter(event="time.decided").count() == 1


def test_requests_of_another_process_are_not_found(cast: Cast, day: Session) -> None:
    response = decide(cast.client("facilitator"), 7, 26, decision="decline", reason="No.")
    assert response.status_code == 404  # type: ignore[attr-defined]
    assert cast.client("facilitator").post(DECIDE, {"request": "x"}).status_code == 400
    Process.objects.filter(pk=cast.process.pk).update(phase="response")
    assert cast.client("participant").get(ASK).status_code == 403
