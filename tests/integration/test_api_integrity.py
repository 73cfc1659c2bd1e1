"""The public record over the JSON API: what the integrity page shows, nothing more."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from minipublic.integrity import actions, declarations, documents
from minipublic.integrity.record import head
from minipublic.integrity.uploads import check_bytes
from minipublic.ledger import verify_chain
from tests.cast import Cast

pytestmark = pytest.mark.django_db

SECRET_WORDS = "the leader phoned me at home"


def _fill(cast: Cast) -> None:
    incident = actions.do_report_incident(
        cast.users["facilitator"],
        cast.process,
        what_happened=SECRET_WORDS,
        pressure_source="politician",
        target="time",
        severity="high",
    )
    actions.do_review_incident(
        cast.users["oversight"], cast.process, incident, status="addressed", response="Refused."
    )
    actions.do_publish_incident(
        cast.users["oversight"],
        cast.process,
        incident,
        published=True,
        parts=["target", "status", "response"],
    )
    actions.do_report_incident(
        cast.users["expert"],
        cast.process,
        what_happened="Unpublished.",
        pressure_source="media",
        target="selection",
        severity="low",
    )
    declarations.do_declare_interest(
        cast.users["expert"], cast.process, kind="financial", details="Paid adviser to a utility."
    )
    declarations.do_declare_interest(
        cast.users["participant"], cast.process, kind="employment", details="Works at the depot."
    )
    documents.do_publish_document(
        cast.users["lead_practitioner"],
        cast.process,
        title="Terms",
        kind="terms",
        file=check_bytes("terms.md", b"# Terms\n"),
    )


def test_the_integrity_record_shows_only_what_is_public(public_cast: Cast) -> None:
    cast = public_cast
    _fill(cast)
    response = Client().get("/api/v1/processes/riverside/integrity")
    assert response.status_code == 200
    body = response.json()
    assert body["head"] == head(cast.process)
    assert body["incidents_total"] == 2
    assert body["incidents_by_target"] == {"time": 1, "selection": 1}
    assert body["published_incidents"] == [
        {"number": 1, "parts": {"target": "time", "status": "addressed", "response": "Refused."}}
    ]
    assert [item["details"] for item in body["declarations"]] == ["Paid adviser to a utility."]
    [document] = body["documents"]
    assert document["path"] == "documents/0001-terms.md"
    assert Client().get(document["url"]).content == b"# Terms\n"
    text = json.dumps(body)
    assert SECRET_WORDS not in text
    assert "depot" not in text
    assert "participant" not in text


def test_the_ledger_endpoint_returns_the_verifiable_public_chain(public_cast: Cast) -> None:
    _fill(public_cast)
    rows = Client().get("/api/v1/processes/riverside/ledger").json()
    assert verify_chain(rows) == []
    assert rows[-1]["hash"] == head(public_cast.process)
    assert SECRET_WORDS not in json.dumps(rows)


def test_a_private_record_is_not_found_for_outsiders(cast: Cast) -> None:
    for path in ("integrity", "ledger"):
        response = Client().get(f"/api/v1/processes/riverside/{path}")
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
    member = cast.client("participant")
    assert member.get("/api/v1/processes/riverside/integrity").status_code == 200
