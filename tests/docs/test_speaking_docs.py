"""docs/speaking-time.md's addresses, actions, limits, JSON example and ledger events are
the real ones: each documented page opens on a real room, the example request is
accepted by the endpoint, and the numbers quoted are those in the code."""

from __future__ import annotations

import datetime
import json
import re
import uuid
from pathlib import Path

import pytest
from django.urls import resolve

from minipublic import clock
from minipublic.deliberation import speaking
from minipublic.deliberation.speaking_urls import speaking_urlpatterns
from minipublic.lifecycle import POLICY, Action, Phase, Role
from minipublic.lifecycle.policy import phases_between
from tests.cast import Cast
from tests.speaking_fixtures import MORNING, make_room

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "speaking-time.md"
PAGES = {"speaking_overview", "speaking_session", "speaking_console"}


def _text() -> str:
    return DOC.read_text(encoding="utf-8")


def _section(heading: str) -> str:
    text = _text()
    start = text.index(f"\n{heading}\n")
    end = text.find("\n## ", start + len(heading) + 2)
    return text[start : end if end != -1 else None]


def _addresses() -> list[str]:
    return re.findall(r"^\| [^|]+ \| `(/p/[^`]+)` \|", _section("## The pages"), re.M)


def test_the_documented_pages_are_exactly_the_pages() -> None:
    documented = {re.sub(r"<[^>]+>", "x", address) for address in _addresses()}
    pages = {
        "/" + re.sub(r"<[^>]+>", "x", str(p.pattern))
        for p in speaking_urlpatterns
        if p.name in PAGES
    }
    assert documented == pages
    posted = re.findall(r"`…/console/([a-z]+)/`", _section("## The pages"))
    assert {f"speaking_console_{name}" for name in posted} == {
        str(p.name) for p in speaking_urlpatterns if p.name not in PAGES
    }


@pytest.mark.django_db
def test_every_documented_address_opens_for_the_team(cast: Cast) -> None:
    with clock.frozen_at(MORNING):
        make_room(cast)
        lead = cast.client("lead_practitioner")
        for address in _addresses():
            path = address.replace("<slug>", "riverside").replace("<session>", "1")
            path = path.replace("<table>", "1")
            assert resolve(path).namespace == "deliberation", path
            assert lead.get(path).status_code == 200, path


@pytest.mark.django_db
def test_the_json_example_is_accepted(cast: Cast) -> None:
    block = re.search(r"```json\n(.*?)```", _text(), re.S)
    assert block is not None
    body = json.loads(block.group(1).replace('"…"', '"TURN"'))
    turn = str(uuid.uuid4())
    for event in body["events"]:
        event["uuid"] = turn
        if event["kind"] == "start":
            event["attendee"] = "r:P1"
    with clock.frozen_at(MORNING):
        room = make_room(cast)
        response = cast.client("facilitator").post(
            room.url("console_events"), body, content_type="application/json"
        )
    assert response.status_code == 200
    assert [r["status"] for r in response.json()["results"]] == ["recorded", "recorded"]
    # The example's phone sent at 10:00:00 its taps of 9:58:20 and 9:59:20.
    person = next(p for p in response.json()["state"]["people"] if p["key"] == "r:P1")
    assert person["seconds"] == 60.0


def test_the_limits_quoted_are_the_code_s() -> None:
    text = _text()
    assert datetime.timedelta(minutes=20) == speaking.TURN_MAX
    assert "lasts at most 20 minutes** (`TURN_MAX`)" in text
    assert f"at most {speaking.EVENTS_MAX} events" in text


def test_the_actions_and_their_phases_are_the_policy_s() -> None:
    table = _section("## Who does what")
    named = set(re.findall(r"^\| `([a-z_]+)` \|", table, re.M))
    assert named == {"record_speaking", "view_room", "view_equity"}
    team = {Role.LEAD_PRACTITIONER, Role.FACILITATOR}
    record = POLICY[Action.RECORD_SPEAKING].grants
    assert set(record) == team
    assert all(
        record[role] == phases_between(Phase.DELIBERATION, Phase.RECOMMENDATIONS) for role in team
    )
    assert set(POLICY[Action.VIEW_ROOM].grants) == team
    assert set(POLICY[Action.VIEW_EQUITY].grants) == set(Role)
    assert not POLICY[Action.VIEW_EQUITY].public


def test_the_ledger_events_are_the_real_ones() -> None:
    source = Path(speaking.__file__).read_text(encoding="utf-8")
    emitted = set(re.findall(r'"(speaking\.[a-z_]+)"', source))
    documented = set(re.findall(r"`(speaking\.[a-z_]+)`", _text()))
    assert documented == emitted == {"speaking.recording_finished"}
    integrity = (ROOT / "docs" / "integrity.md").read_text(encoding="utf-8")
    assert all(f"`{event}`" in integrity for event in emitted)


def test_the_index_links_here() -> None:
    assert "(speaking-time.md)" in (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
