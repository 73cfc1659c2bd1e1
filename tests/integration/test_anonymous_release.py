"""Anonymous reports are held until the next day, then enter the register together."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from typer.testing import CliRunner

from minipublic.cli.app import app
from minipublic.integrity import actions
from minipublic.integrity.models import Incident
from minipublic.integrity.record import entries, verify_database
from minipublic.integrity.release import release_held_reports
from minipublic.lifecycle import Role
from minipublic.processes import actions as process_actions
from minipublic.processes.access import SYSTEM
from tests.cast import Cast, accept_all_terms, make_user

WHISTLE = "zq-quiet-one"


def _whistleblower(cast: Cast) -> object:
    user = make_user(WHISTLE)
    process_actions.do_add_member(SYSTEM, cast.process, user, Role.PARTICIPANT)
    accept_all_terms(cast.process)
    return user


def _anonymous(cast: Cast, user: object, text: str = "Our heating session was cut.") -> Incident:
    return actions.do_report_incident(
        user,  # type: ignore[arg-type]
        cast.process,
        what_happened=text,
        pressure_source="official",
        target="time",
        severity="medium",
        anonymous=True,
    )


def _named(cast: Cast, who: str) -> Incident:
    return actions.do_report_incident(
        cast.users[who],
        cast.process,
        what_happened=f"Reported by the {who}.",
        pressure_source="commissioner",
        target="report_content",
        severity="high",
    )


def _tomorrow() -> datetime:
    return datetime.now(UTC) + timedelta(days=1)


def _reported_events(cast: Cast) -> list[str]:
    return [row.actor_role for row in entries(cast.process) if row.event == "incident.reported"]


def test_a_held_report_is_invisible_until_released(public_cast: Cast) -> None:
    cast = public_cast
    incident = _anonymous(cast, _whistleblower(cast))
    assert (incident.held, incident.number, incident.reporter_role) == (True, None, "")
    assert _reported_events(cast) == []
    register = cast.client("oversight").get("/p/riverside/manage/incidents/")
    assert register.status_code == 200
    assert list(register.context["incidents"]) == []
    assert "Nothing has been reported." in register.content.decode()
    assert cast.client("oversight").get("/p/riverside/manage/incidents/1/").status_code == 404
    public = Client().get("/p/riverside/integrity/")
    assert public.context["total"] == 0
    assert all(count == 0 for _, count in public.context["by_target"])
    assert public.context["published_incidents"] == []
    # Made today: a release without include_today leaves it held.
    assert release_held_reports(cast.process) == 0
    assert Incident.objects.get().held


def test_release_the_next_day_puts_it_after_the_days_named_reports(cast: Cast) -> None:
    user = _whistleblower(cast)
    first = _named(cast, "facilitator")
    held = _anonymous(cast, user)
    second = _named(cast, "expert")
    assert (first.number, second.number) == (1, 2)
    assert release_held_reports(cast.process, now=_tomorrow()) == 1
    held = Incident.objects.get(anonymous=True)
    assert (held.held, held.number) == (False, 3)
    # A new row, numbered after the named reports: its id does not date it.
    assert held.pk > second.pk
    rows = [row for row in entries(cast.process) if row.event == "incident.reported"]
    assert [row.actor_role for row in rows] == ["facilitator", "expert", "anonymous"]
    last = rows[-1]
    assert last.sequence == entries(cast.process).last().sequence  # type: ignore[union-attr]
    assert last.time == f"{held.reported_on.isoformat()}T00:00:00Z"
    assert last.payload["incident"] == 3
    assert last.payload["anonymous"] is True
    assert "reporter" not in last.payload
    assert {"what_happened", "attachments"} <= set(last.private_fields)
    assert WHISTLE not in str(last.private_record())
    assert release_held_reports(cast.process, now=_tomorrow()) == 0  # only once
    page = cast.client("oversight").get("/p/riverside/manage/incidents/3/")
    assert page.status_code == 200
    assert WHISTLE not in page.content.decode()
    assert not verify_database(cast.process)


def test_several_held_reports_enter_together_with_consecutive_numbers(cast: Cast) -> None:
    user = _whistleblower(cast)
    texts = [f"Held report {n}." for n in range(5)]
    for text in texts:
        _anonymous(cast, user, text)
    assert release_held_reports(now=_tomorrow()) == 5
    incidents = Incident.objects.order_by("number")
    assert [incident.number for incident in incidents] == [1, 2, 3, 4, 5]
    assert sorted(incident.what_happened for incident in incidents) == sorted(texts)
    assert _reported_events(cast) == ["anonymous"] * 5
    times = {row.time for row in entries(cast.process) if row.event == "incident.reported"}
    assert len(times) == 1
    assert next(iter(times)).endswith("T00:00:00Z")


def test_the_register_pages_release_yesterdays_reports(cast: Cast) -> None:
    _anonymous(cast, _whistleblower(cast))
    Incident.objects.update(reported_on=datetime.now(UTC).date() - timedelta(days=1))
    page = cast.client("lead_practitioner").get("/p/riverside/manage/incidents/")
    assert [incident.number for incident in page.context["incidents"]] == [1]
    assert _reported_events(cast) == ["anonymous"]


def test_the_release_reports_command(cast: Cast) -> None:
    _anonymous(cast, _whistleblower(cast))
    runner = CliRunner()
    result = runner.invoke(app, ["release-reports"])
    assert result.exit_code == 0, result.output
    assert "Released 0 held anonymous reports" in result.output
    Incident.objects.update(reported_on=datetime.now(UTC).date() - timedelta(days=2))
    result = runner.invoke(app, ["release-reports", "riverside"])
    assert result.exit_code == 0, result.output
    assert "Released 1 held anonymous report " in result.output
    assert Incident.objects.get().number == 1
    assert _reported_events(cast) == ["anonymous"]
    assert runner.invoke(app, ["release-reports", "nowhere"]).exit_code == 2


@pytest.mark.parametrize("anonymous", [True, False])
def test_the_reporter_is_told_when_the_report_arrives(cast: Cast, anonymous: bool) -> None:
    client = cast.client("participant")
    form = client.get("/p/riverside/manage/incidents/new/").content.decode()
    assert "the next day" in form
    data = {
        "what_happened": "A lobbyist called me at home.",
        "pressure_source": "stakeholder",
        "target": "participant_contact",
        "severity": "high",
    }
    if anonymous:
        data["anonymous"] = "on"
    response = client.post("/p/riverside/manage/incidents/new/", data, follow=True)
    assert response.status_code == 200
    text = response.content.decode()
    assert ("reaches the oversight group tomorrow" in text) is anonymous
    assert Incident.objects.get().held is anonymous
