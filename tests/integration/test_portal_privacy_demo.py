"""The climate assembly's privacy story as ``minipublic demo`` loads it
(demo/portal_story.py): the twelve members' choices, names still hidden because the
assembly has not ended; the Gazette's request passed on and closed with its outcome,
with nothing about the reporter in the public record; a lobbyist's e-mail to
participant3 in the register of steering attempts; and all of it going with the process
when the demo deletes it to load again."""

from __future__ import annotations

import re

from django.test import Client

from minipublic.accountability.models import UpdateOptOut
from minipublic.accounts.models import User
from minipublic.integrity.models import Incident, IncidentStatus, LedgerEntry, Target
from minipublic.participants.models import (
    ContactRequest,
    ContactStatus,
    DirectApproach,
    ParticipantConsent,
)
from minipublic.participants.portal_consent import public_names
from minipublic.processes import actions
from minipublic.processes.access import SYSTEM
from minipublic.processes.models import Process


def _signed_in(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def test_the_members_chose_but_no_name_is_public_before_the_end(db: None, demo_db: None) -> None:
    process = Process.objects.get(slug="demo")
    consents = ParticipantConsent.objects.filter(process=process)
    assert consents.count() == 12
    assert consents.filter(name_public=True).count() == 7
    assert consents.filter(withdrawn_at__isnull=False).count() == 0
    opted_out = set(
        UpdateOptOut.objects.filter(process=process).values_list("user__username", flat=True)
    )
    assert opted_out == {"participant4", "participant11"}
    assert consents.filter(follow_up=False).count() == len(opted_out)
    # The assembly is in its recommendations phase: nobody is named yet.
    assert public_names(process) == []
    names = Client().get("/p/demo/participants/").content.decode()
    assert "Amina Hassan" not in names
    # Participant 1 (who said yes) sees their saved choice on the privacy page.
    privacy = _signed_in("participant1").get("/p/demo/me/privacy/").content.decode()
    assert re.search(r'<input[^>]*name="name_public"[^>]*value="yes"[^>]*checked', privacy)
    privacy = _signed_in("participant4").get("/p/demo/me/privacy/").content.decode()
    assert re.search(r'<input[^>]*name="follow_up"[^>]*value="no"[^>]*checked', privacy)


def test_the_gazette_request_was_passed_on_and_closed(db: None, demo_db: None) -> None:
    process = Process.objects.get(slug="demo")
    (request,) = ContactRequest.objects.filter(process=process)
    assert (request.kind, request.name, request.organisation) == (
        "media",
        "Kieran Doyle",
        "Riverford Gazette",
    )
    assert request.received_at.date().isoformat() == "2026-11-12"
    assert "parking levy" in request.request
    assert request.status == ContactStatus.CLOSED
    assert request.forwarded_to == 24
    assert request.handled_by is not None
    assert request.handled_by.username == "practitioner"
    assert request.outcome.startswith("Two members agreed to talk")
    events = list(
        LedgerEntry.objects.filter(process=process, event__startswith="contact.")
        .exclude(event="contact.direct_approach")
        .order_by("sequence")
    )
    assert [entry.event for entry in events] == [
        "contact.requested",
        "contact.forwarded",
        "contact.outcome_recorded",
    ]
    assert [entry.actor_role for entry in events] == [
        "anonymous",
        "lead_practitioner",
        "lead_practitioner",
    ]
    for entry in events:
        assert "Kieran" not in str(entry.payload)
        assert "gazette.demo" not in str(entry.payload)
    # The lead reads it; the observer (the Gazette's own) does not.
    listed = _signed_in("practitioner").get("/p/demo/contact/requests/")
    assert "Kieran Doyle" in listed.content.decode()
    assert _signed_in("observer").get("/p/demo/contact/requests/").status_code in (403, 404)


def test_the_lobbyists_email_is_in_the_register(db: None, demo_db: None) -> None:
    process = Process.objects.get(slug="demo")
    (approach,) = DirectApproach.objects.filter(process=process).select_related("incident")
    assert (approach.source, approach.reported_by_role) == ("stakeholder", "participant")
    assert approach.contact_request is None
    incident = approach.incident
    assert incident.target == Target.PARTICIPANT_CONTACT
    assert incident.status == IncidentStatus.ADDRESSED
    assert "Motorists' Forum" in incident.what_happened
    assert incident.reporter is not None
    assert incident.reporter.username == "participant3"
    entry = LedgerEntry.objects.get(process=process, event="contact.direct_approach")
    assert entry.payload == {"incident": incident.number, "source": "stakeholder", "request": None}
    # The oversight member reads it in the register.
    register = _signed_in("oversight").get(f"/p/demo/manage/incidents/{incident.number}/")
    assert register.status_code == 200
    assert "Motorists" in register.content.decode()


def test_the_story_goes_with_the_process_when_the_demo_reloads(db: None, demo_db: None) -> None:
    process = Process.objects.get(slug="demo")
    pk = process.pk
    incidents = set(
        DirectApproach.objects.filter(process=process).values_list("incident_id", flat=True)
    )
    actions.do_delete_process(SYSTEM, process)  # what ``minipublic demo`` does first
    assert not ParticipantConsent.objects.filter(process_id=pk).exists()
    assert not ContactRequest.objects.filter(process_id=pk).exists()
    assert not DirectApproach.objects.filter(process_id=pk).exists()
    assert not UpdateOptOut.objects.filter(process_id=pk).exists()
    assert not Incident.objects.filter(pk__in=incidents).exists()
