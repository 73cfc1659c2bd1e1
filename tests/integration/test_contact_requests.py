"""Contact requests and direct approaches through the HTTP pages (docs/participants.md)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from minipublic.integrity.models import Incident, LedgerEntry
from minipublic.lifecycle import Phase
from minipublic.participants.models import ContactRequest, ContactStatus, DirectApproach
from minipublic.processes.models import Process
from tests.cast import Cast

pytestmark = pytest.mark.django_db

_VALID = {
    "kind": "media",
    "name": "Sam Ortiz",
    "organisation": "Riverford Gazette",
    "email": "sam@gazette.example",
    "request": "Could I interview two members about the parking levy?",
}


@pytest.fixture(autouse=True)
def _fresh_counts() -> None:
    cache.clear()


def _deliberating(cast: Cast) -> None:
    Process.objects.filter(pk=cast.process.pk).update(phase=Phase.DELIBERATION)


def test_public_contact_form_stores_the_request_and_the_ledger_keeps_no_personal_data(
    public_cast: Cast,
) -> None:
    response = Client().post("/p/riverside/contact/", _VALID)
    assert response.status_code == 302
    assert response["Location"] == "/p/riverside/contact/sent/"
    sent = Client().get(response["Location"]).content.decode()
    assert "never given your details" in sent
    stored = ContactRequest.objects.get()
    assert (stored.number, stored.kind, stored.organisation) == (1, "media", "Riverford Gazette")
    entry = LedgerEntry.objects.get(event="contact.requested")
    assert entry.payload == {"request": 1, "kind": "media"}


def test_invalid_contact_form_names_what_is_missing_and_keeps_the_text(public_cast: Cast) -> None:
    response = Client().post(
        "/p/riverside/contact/", {**_VALID, "name": " ", "email": "not-an-address"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter a valid email address" in html
    assert "interview two members" in html
    missing = Client().post("/p/riverside/contact/", {**_VALID, "name": ""})
    assert missing.status_code == 400
    assert "Say who you are." in missing.content.decode()
    assert not ContactRequest.objects.exists()


def test_contact_form_is_rate_limited(public_cast: Cast, settings: object) -> None:
    settings.REGISTRATION_RATE_LIMIT = 2  # type: ignore[attr-defined]
    client = Client()
    assert client.post("/p/riverside/contact/", _VALID).status_code == 302
    assert client.post("/p/riverside/contact/", _VALID).status_code == 302
    third = client.post("/p/riverside/contact/", _VALID)
    assert third.status_code == 429
    assert "Too many attempts" in third.content.decode()
    assert ContactRequest.objects.count() == 2


def test_private_process_has_no_public_contact_form(cast: Cast) -> None:
    assert Client().post("/p/riverside/contact/", _VALID).status_code == 404
    assert cast.client("commissioner").post("/p/riverside/contact/", _VALID).status_code == 302


@pytest.mark.parametrize(
    ("actor", "status"),
    [
        ("lead_practitioner", 200),
        ("recruiter", 403),
        ("facilitator", 403),
        ("commissioner", 403),
        ("oversight", 403),
        ("participant", 403),
        ("observer", 403),
        ("expert", 403),
    ],
)
def test_only_the_lead_handles_contact_requests(public_cast: Cast, actor: str, status: int) -> None:
    Client().post("/p/riverside/contact/", _VALID)
    client = public_cast.client(actor)
    assert client.get("/p/riverside/contact/requests/").status_code == status
    assert client.get("/p/riverside/contact/requests/1/").status_code == status
    page = client.get("/p/riverside/contact/requests/").content.decode()
    assert (
        "sam@gazette.example" in client.get("/p/riverside/contact/requests/1/").content.decode()
    ) == (status == 200)
    assert ("Sam Ortiz" in page) == (status == 200)


def test_lead_forwards_records_the_outcome_and_cannot_handle_twice(public_cast: Cast) -> None:
    _deliberating(public_cast)
    Client().post("/p/riverside/contact/", _VALID)
    lead = public_cast.client("lead_practitioner")
    url = "/p/riverside/contact/requests/1/"
    early = lead.post(url, {"step": "outcome", "outcome-outcome": "Two agreed"})
    assert early.status_code == 400
    assert "Pass the request on" in early.content.decode()
    empty = lead.post(url, {"step": "forward", "forward-message": " "})
    assert empty.status_code == 400
    assert "Write the message" in empty.content.decode()
    assert (
        lead.post(url, {"step": "forward", "forward-message": "A journalist asks..."}).status_code
        == 302
    )
    stored = ContactRequest.objects.get()
    assert stored.status == ContactStatus.FORWARDED
    assert stored.forwarded_to == 1
    assert LedgerEntry.objects.get(event="contact.forwarded").payload["participants"] == 1
    again = lead.post(url, {"step": "decline", "decline-reason": "no"})
    assert again.status_code == 400
    assert "handled already" in again.content.decode()
    assert (
        lead.post(
            url, {"step": "outcome", "outcome-outcome": "Two participants agreed to talk."}
        ).status_code
        == 302
    )
    entry = LedgerEntry.objects.get(event="contact.outcome_recorded")
    assert entry.payload == {
        "request": 1,
        "kind": "media",
        "outcome": "Two participants agreed to talk.",
    }
    assert "Sam" not in str(list(LedgerEntry.objects.values_list("payload", flat=True)))


def test_decline_keeps_the_reason_private(public_cast: Cast) -> None:
    Client().post("/p/riverside/contact/", _VALID)
    lead = public_cast.client("lead_practitioner")
    assert (
        lead.post(
            "/p/riverside/contact/requests/1/",
            {"step": "decline", "decline-reason": "Not during deliberation"},
        ).status_code
        == 302
    )
    entry = LedgerEntry.objects.get(event="contact.declined")
    assert entry.private_fields == ["reason"]


def test_direct_approaches_reach_the_register_seen_by_oversight_not_the_commissioner(
    public_cast: Cast,
) -> None:
    _deliberating(public_cast)
    Client().post("/p/riverside/contact/", _VALID)
    lead = public_cast.client("lead_practitioner")
    response = lead.post(
        "/p/riverside/contact/requests/1/",
        {
            "step": "direct",
            "direct-source": "media",
            "direct-what_happened": "Waited at the venue door",
        },
    )
    assert response.status_code == 302
    participant = public_cast.client("participant")
    assert (
        participant.post(
            "/p/riverside/me/direct-contact/",
            {
                "source": "stakeholder",
                "what_happened": "A lobbyist e-mailed me about the parking levy",
            },
        ).status_code
        == 302
    )
    incidents = Incident.objects.order_by("number")
    assert [(i.pressure_source, i.target) for i in incidents] == [
        ("media", "participant_contact"),
        ("stakeholder", "participant_contact"),
    ]
    assert (
        DirectApproach.objects.get(incident=incidents[0]).contact_request
        == ContactRequest.objects.get()
    )
    assert DirectApproach.objects.get(incident=incidents[1]).contact_request is None
    assert LedgerEntry.objects.filter(event="contact.direct_approach").count() == 2
    register = public_cast.client("oversight").get("/p/riverside/manage/incidents/")
    assert register.status_code == 200
    assert "Direct contact with participants" in register.content.decode()
    assert public_cast.client("commissioner").get("/p/riverside/manage/incidents/").status_code in (
        403,
        404,
    )
    empty = participant.post(
        "/p/riverside/me/direct-contact/", {"source": "media", "what_happened": ""}
    )
    assert empty.status_code == 400
    assert "Say what happened" in empty.content.decode()
