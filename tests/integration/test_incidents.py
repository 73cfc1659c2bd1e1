"""The register of steering attempts: who may report, review and publish, and anonymity."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from minipublic.integrity import actions
from minipublic.integrity.models import Incident
from minipublic.integrity.record import entries, public_entries, verify_database
from minipublic.integrity.release import release_held_reports
from minipublic.lifecycle import LifecycleError, Phase, Role
from minipublic.processes import actions as process_actions
from minipublic.processes.access import SYSTEM
from tests.cast import ACTORS, ROLE_ACTORS, Cast, accept_all_terms, make_user

WHISTLE = "zq-whistleblower"  # a user name that appears nowhere else


def _report(cast: Cast, who: str, **changes: object) -> Incident:
    fields: dict[str, object] = {
        "what_happened": "The council asked us to drop the levy recommendation.",
        "pressure_source": "commissioner",
        "target": "report_content",
        "severity": "high",
        **changes,
    }
    return actions.do_report_incident(cast.users[who], cast.process, **fields)  # type: ignore[arg-type]


def _anonymous(cast: Cast) -> Incident:
    user = make_user(WHISTLE)
    process_actions.do_add_member(SYSTEM, cast.process, user, Role.PARTICIPANT)
    accept_all_terms(cast.process)
    return actions.do_report_incident(
        user,
        cast.process,
        what_happened="Our session on heating was cut to an hour.",
        pressure_source="official",
        target="time",
        severity="medium",
        anonymous=True,
    )


@pytest.mark.parametrize("who", ROLE_ACTORS)
def test_every_member_may_report(cast: Cast, who: str) -> None:
    incident = _report(cast, who)
    assert incident.reporter == cast.users[who]
    assert incident.reporter_role
    assert incident.reported_at is not None
    assert entries(cast.process).last().event == "incident.reported"  # type: ignore[union-attr]


@pytest.mark.parametrize("who", ["outsider", "staff"])
def test_outsiders_may_not_report(cast: Cast, who: str) -> None:
    with pytest.raises(PermissionDenied):
        _report(cast, who)
    assert not Incident.objects.exists()


def test_nobody_reports_on_a_closed_process(cast: Cast) -> None:
    cast.process.phase = Phase.CLOSED
    cast.process.save()
    with pytest.raises(PermissionDenied):
        _report(cast, "participant")


@pytest.mark.parametrize("who", [name for name in ROLE_ACTORS if name != "participant"])
def test_only_participants_may_report_anonymously(cast: Cast, who: str) -> None:
    with pytest.raises(LifecycleError) as caught:
        _report(cast, who, anonymous=True)
    assert caught.value.code == "anonymous_needs_participant"
    assert not Incident.objects.exists()


def test_an_anonymous_report_stores_no_identity_and_no_time_of_day(cast: Cast) -> None:
    made = _anonymous(cast)
    assert made.held
    assert made.number is None
    # Held: the last entry is still the whistleblower joining (and accepting their
    # terms), not the report.
    assert entries(cast.process).last().event == "terms.accepted"  # type: ignore[union-attr]
    assert release_held_reports(cast.process, include_today=True) == 1
    # It enters the register as a new row, so its database id does not date it either.
    assert not Incident.objects.filter(pk=made.pk).exists()
    incident = Incident.objects.get(anonymous=True)
    assert incident.pk > made.pk
    assert not incident.held
    assert incident.number == 1
    assert incident.anonymous
    assert incident.reporter is None
    assert incident.reporter_role == ""
    assert incident.reported_at is None
    assert incident.reported_on == datetime.now(UTC).date()
    entry = entries(cast.process).last()
    assert entry is not None
    assert entry.actor_role == "anonymous"
    assert entry.time.endswith("T00:00:00Z")
    assert "reporter" not in entry.payload
    assert WHISTLE not in json.dumps(entry.payload) + json.dumps(entry.private_record())
    assert entry.payload["what_happened"] != ""  # kept, but private:
    public = public_entries(cast.process)[-1]
    assert "heating" not in json.dumps(public)
    assert WHISTLE not in json.dumps(public_entries(cast.process))
    assert not verify_database(cast.process)


def test_a_named_report_keeps_the_reporter_private_in_the_ledger(cast: Cast) -> None:
    _report(cast, "facilitator")
    entry = entries(cast.process).last()
    assert entry is not None
    assert entry.payload["reporter"]["username"] == "facilitator"
    public = json.dumps(public_entries(cast.process)[-1])
    assert 'facilitator"' not in public.replace('"actor_role": "facilitator"', "")
    assert "levy" not in public


def test_pages_never_show_an_anonymous_reporter(public_cast: Cast) -> None:
    cast = public_cast
    _anonymous(cast)
    release_held_reports(cast.process, include_today=True)
    incident = Incident.objects.get(anonymous=True)
    actions.do_publish_incident(cast.users["oversight"], cast.process, incident, published=True)
    for path in (
        "/p/riverside/manage/incidents/",
        f"/p/riverside/manage/incidents/{incident.number}/",
        "/p/riverside/integrity/",
    ):
        page = cast.client("oversight").get(path)
        assert page.status_code == 200, path
        assert WHISTLE not in page.content.decode(), path
    assert WHISTLE not in Client().get("/p/riverside/integrity/").content.decode()


def test_the_register_pages_follow_the_rules(cast: Cast) -> None:
    incident = _report(cast, "participant")
    expected = {"oversight": 200, "lead_practitioner": 200, "commissioner": 403}
    expected |= {name: 403 for name in ROLE_ACTORS if name not in expected}
    expected |= {"outsider": 404, "staff": 404}
    for who in ACTORS:
        if who == "anonymous":
            continue
        for path in (
            "/p/riverside/manage/incidents/",
            f"/p/riverside/manage/incidents/{incident.number}/",
        ):
            assert cast.client(who).get(path).status_code == expected[who], (who, path)
    assert cast.client("anonymous").get("/p/riverside/manage/incidents/").status_code == 302


def test_reporting_through_the_page(cast: Cast) -> None:
    client = cast.client("participant")
    form = client.get("/p/riverside/manage/incidents/new/")
    assert form.status_code == 200
    assert "Report anonymously" in form.content.decode()
    assert "Report anonymously" not in (
        cast.client("expert").get("/p/riverside/manage/incidents/new/").content.decode()
    )
    response = client.post(
        "/p/riverside/manage/incidents/new/",
        {
            "what_happened": "A lobbyist called me at home.",
            "pressure_source": "stakeholder",
            "target": "participant_contact",
            "severity": "high",
            "anonymous": "on",
        },
    )
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert incident.anonymous
    assert incident.reporter is None
    assert cast.client("outsider").get("/p/riverside/manage/incidents/new/").status_code == 404


def test_red_line_breach_needs_a_decision(cast: Cast) -> None:
    incident = _report(cast, "lead_practitioner")
    with pytest.raises(LifecycleError) as caught:
        actions.do_review_incident(
            cast.users["oversight"], cast.process, incident, status="red_line_breached"
        )
    assert caught.value.code == "red_line_needs_decision"
    with pytest.raises(LifecycleError):
        actions.do_review_incident(
            cast.users["oversight"],
            cast.process,
            incident,
            status="addressed",
            red_line_decision="pause",
        )
    page = cast.client("oversight").post(
        f"/p/riverside/manage/incidents/{incident.number}/", {"status": "red_line_breached"}
    )
    assert page.status_code == 400
    incident.refresh_from_db()
    assert incident.status == "reported"
    actions.do_review_incident(
        cast.users["oversight"],
        cast.process,
        incident,
        status="red_line_breached",
        response="The panel paused the process until the council withdrew its demand.",
        red_line_decision="pause",
    )
    incident.refresh_from_db()
    assert (incident.status, incident.red_line_decision) == ("red_line_breached", "pause")
    entry = entries(cast.process).last()
    assert entry is not None
    assert entry.event == "incident.status_changed"
    assert entry.payload["status"] == "red_line_breached"
    assert "response" in entry.private_fields
    assert not verify_database(cast.process)


@pytest.mark.parametrize("who", ["lead_practitioner", "oversight"])
def test_oversight_and_the_lead_review(cast: Cast, who: str) -> None:
    incident = _report(cast, "participant")
    response = cast.client(who).post(
        f"/p/riverside/manage/incidents/{incident.number}/",
        {"status": "under_review", "response": "Looking into it."},
    )
    assert response.status_code == 302
    incident.refresh_from_db()
    assert incident.status == "under_review"


@pytest.mark.parametrize("who", ["commissioner", "participant", "facilitator", "observer"])
def test_others_cannot_review(cast: Cast, who: str) -> None:
    incident = _report(cast, "participant")
    with pytest.raises(PermissionDenied):
        actions.do_review_incident(cast.users[who], cast.process, incident, status="addressed")
    response = cast.client(who).post(
        f"/p/riverside/manage/incidents/{incident.number}/", {"status": "addressed"}
    )
    assert response.status_code == 403


def test_only_oversight_publishes_and_the_commissioner_cannot_unpublish(cast: Cast) -> None:
    incident = _report(cast, "lead_practitioner")
    url = f"/p/riverside/manage/incidents/{incident.number}/publish/"
    for who in ("commissioner", "lead_practitioner", "participant"):
        assert cast.client(who).post(url, {"published": "1"}).status_code == 403
        with pytest.raises(PermissionDenied):
            actions.do_publish_incident(cast.users[who], cast.process, incident, published=True)
    assert cast.client("outsider").post(url, {"published": "1"}).status_code == 404
    chosen = {"published": "1", "parts": ["target", "status"]}
    assert cast.client("oversight").post(url, chosen).status_code == 302
    incident.refresh_from_db()
    assert incident.published
    assert cast.client("commissioner").post(url, {"published": "0"}).status_code == 403
    with pytest.raises(PermissionDenied):
        actions.do_publish_incident(
            cast.users["commissioner"], cast.process, incident, published=False
        )
    incident.refresh_from_db()
    assert incident.published
    assert entries(cast.process).last().event == "incident.published"  # type: ignore[union-attr]


def test_the_public_page_shows_only_published_fields_and_counts(public_cast: Cast) -> None:
    cast = public_cast
    shown = _report(
        cast,
        "lead_practitioner",
        what_happened="SECRET-WORDS-ONE",
        target="expert_selection",
        pressure_source="politician",
    )
    actions.do_review_incident(
        cast.users["oversight"],
        cast.process,
        shown,
        status="addressed",
        response="The expert list stayed as the panel agreed.",
    )
    actions.do_publish_incident(cast.users["oversight"], cast.process, shown, published=True)
    _report(cast, "facilitator", what_happened="SECRET-WORDS-TWO", target="selection")
    _report(cast, "expert", what_happened="SECRET-WORDS-THREE", target="selection")
    page = Client().get("/p/riverside/integrity/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "SECRET-WORDS" not in html
    for name in ("lead_practitioner", "facilitator", 'expert"', 'oversight"'):
        assert name not in html
    published = page.context["published_incidents"]
    assert [row["number"] for row in published] == [shown.number] == [1]
    assert "The expert list stayed as the panel agreed." in html
    assert "Politician" in html
    assert page.context["total"] == 3
    by_target = {str(label): n for label, n in page.context["by_target"]}
    assert by_target["Selection of participants"] == 2
    assert by_target["Choice of experts or information"] == 1
    by_status = {str(label): n for label, n in page.context["by_status"]}
    assert (by_status["Reported"], by_status["Addressed"]) == (2, 1)
    log = list(page.context["log"])
    assert [entry["event"] for entry in log[-2:]] == ["incident.reported", "incident.reported"]
    assert page.context["ledger_head"] == log[-1]["hash"]
    assert "/p/riverside/integrity/" in Client().get("/p/riverside/").content.decode()
    assert not verify_database()


def test_the_public_page_of_a_private_process_is_not_found(cast: Cast) -> None:
    for who in ("anonymous", "outsider", "staff"):
        assert cast.client(who).get("/p/riverside/integrity/").status_code == 404
    assert cast.client("commissioner").get("/p/riverside/integrity/").status_code == 200


def test_the_demo_has_a_realistic_register(db: None, demo_db: None) -> None:
    from minipublic.demo.content import CLIMATE_ASSEMBLY
    from minipublic.participants.models import DirectApproach
    from minipublic.recommendations.report_models import ReportChangeRequest

    specs = CLIMATE_ASSEMBLY.incidents
    # The commissioner's requests to change the report enter the register too, and so
    # does a lobbyist's direct approach to a member (demo/portal_story.py).
    requested = set(
        ReportChangeRequest.objects.filter(process__slug="demo").values_list("incident", flat=True)
    ) | set(DirectApproach.objects.filter(process__slug="demo").values_list("incident", flat=True))
    everything = list(Incident.objects.filter(process__slug="demo").order_by("number"))
    assert [incident.number for incident in everything] == list(
        range(1, len(specs) + len(requested) + 1)
    )
    incidents = [incident for incident in everything if incident.pk not in requested]
    assert not any(incident.held for incident in incidents)
    assert sorted((i.target, i.anonymous, i.published) for i in incidents) == sorted(
        (spec.target, spec.anonymous, spec.published) for spec in specs
    )
    assert any(incident.anonymous for incident in incidents)
    assert all(incident.reporter is None for incident in incidents if incident.anonymous)
    events = [entry.event for entry in entries(incidents[0].process)]
    assert events.count("incident.reported") == len(specs) + len(requested)
    assert events.count("incident.published") >= sum(spec.published for spec in specs)
    assert not verify_database()


def test_numbers_count_from_one_in_each_process(cast: Cast) -> None:
    first, second, third = (_report(cast, who) for who in ("participant", "expert", "observer"))
    assert [first.number, second.number, third.number] == [1, 2, 3]
    page = cast.client("oversight").get("/p/riverside/manage/incidents/")
    html = page.content.decode()
    for number in (1, 2, 3):
        assert f'href="/p/riverside/manage/incidents/{number}/"' in html
    reported = [row for row in entries(cast.process) if row.event == "incident.reported"]
    assert [row.payload["incident"] for row in reported] == [1, 2, 3]
    # Numbers, not database ids: shift the ids and the pages still follow the numbers.
    assert cast.client("oversight").get("/p/riverside/manage/incidents/4/").status_code == 404


def test_oversight_chooses_what_the_public_page_shows(public_cast: Cast) -> None:
    cast = public_cast
    incident = _report(cast, "facilitator", what_happened="SECRET-WORDS-ONE")
    actions.do_review_incident(
        cast.users["oversight"],
        cast.process,
        incident,
        status="addressed",
        response="RESPONSE-TEXT kept in the register.",
    )
    url = f"/p/riverside/manage/incidents/{incident.number}/publish/"
    chosen = {
        "published": "1",
        "parts": ["target", "public_summary"],
        "public_summary": "OVERSIGHT-WORDING for the public.",
    }
    assert cast.client("oversight").post(url, chosen).status_code == 302
    entry = entries(cast.process).last()
    assert entry is not None
    assert entry.event == "incident.published"
    assert entry.private_fields == []
    assert entry.payload == {
        "incident": 1,
        "published": True,
        "parts": ["target", "public_summary"],
        "target": "report_content",
        "public_summary": "OVERSIGHT-WORDING for the public.",
    }
    html = Client().get("/p/riverside/integrity/").content.decode()
    assert "Incident 1" in html
    assert "Content of the final report" in html
    assert "OVERSIGHT-WORDING" in html
    for hidden in ("RESPONSE-TEXT", "Commissioner", "Addressed", "SECRET-WORDS", "facilitator"):
        assert hidden not in html.split('id="counts-heading"')[0], hidden
    # Other parts: a new entry, and the page follows.
    chosen = {"published": "1", "parts": ["status", "response"]}
    assert cast.client("oversight").post(url, chosen).status_code == 302
    assert entries(cast.process).last().payload["response"] == (  # type: ignore[union-attr]
        "RESPONSE-TEXT kept in the register."
    )
    section = Client().get("/p/riverside/integrity/").content.decode()
    section = section.split('id="counts-heading"')[0]
    assert "RESPONSE-TEXT" in section
    assert "Addressed" in section
    assert "OVERSIGHT-WORDING" not in section
    assert "Content of the final report" not in section
    # A review of a published incident publishes the new values with it.
    actions.do_review_incident(
        cast.users["oversight"], cast.process, incident, status="escalated", response="Raised."
    )
    last = entries(cast.process).last()
    assert last is not None
    assert last.event == "incident.published"
    assert (last.payload["status"], last.payload["response"]) == ("escalated", "Raised.")
    # Taking it off.
    assert cast.client("oversight").post(url, {"published": "0"}).status_code == 302
    assert Client().get("/p/riverside/integrity/").context["published_incidents"] == []
    assert not verify_database(cast.process)


def test_unknown_parts_and_empty_choices_are_refused(cast: Cast) -> None:
    incident = _report(cast, "participant")
    with pytest.raises(LifecycleError) as caught:
        actions.do_publish_incident(
            cast.users["oversight"], cast.process, incident, published=True, parts=["what_happened"]
        )
    assert caught.value.code == "unknown_part"
    url = f"/p/riverside/manage/incidents/{incident.number}/publish/"
    for data in (
        {"published": "1", "parts": ["what_happened"]},
        {"published": "1"},
        {"published": "1", "parts": ["public_summary"]},
    ):
        assert cast.client("oversight").post(url, data).status_code == 400, data
    incident.refresh_from_db()
    assert not incident.published
    assert entries(cast.process).last().event == "incident.reported"  # type: ignore[union-attr]
    page = cast.client("oversight").get(f"/p/riverside/manage/incidents/{incident.number}/")
    html = page.content.decode()
    assert "<legend>Parts to publish</legend>" in html
    assert 'name="parts" value="target"' in html
