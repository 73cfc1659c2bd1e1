"""Requests to change the report, forged signatures, the read-only API, the conformance
facts and the exported bundle with a frozen report (checked through the real commands)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.test import Client
from typer.testing import CliRunner

from minipublic.accounts.tokens import do_create_api_token
from minipublic.cli.app import app
from minipublic.conformance.facts import facts_for
from minipublic.integrity.documents import do_publish_document
from minipublic.integrity.models import Incident, LedgerEntry
from minipublic.integrity.uploads import check_bytes
from minipublic.recommendations.report_content import content_sha256
from minipublic.recommendations.report_models import (
    ReportChangeRequest,
    ReportSignature,
    ReportVersion,
)
from tests.cast import Cast
from tests.report_fixtures import ReportCast, known_votes, make_report_cast
from tests.support import base_env, run_cli

__all__ = ["known_votes"]

TEXT = {"title": "Our recommendations", "introduction": "We met.", "closing": "Act."}
CHANGE = "/p/riverside/report/change/"


@pytest.fixture
def room(cast: Cast, known_votes: None) -> ReportCast:
    room = make_report_cast(cast)
    assert room.client("participant").post("/p/riverside/report/edit/", TEXT).status_code == 302
    return room


def _freeze(room: ReportCast) -> ReportVersion:
    for name in ("participant", "member2", "member3"):
        room.client(name).post("/p/riverside/report/1/", {"step": "sign"})
    version = ReportVersion.objects.get(number=1)
    assert version.frozen
    return version


def _token(room: ReportCast, name: str) -> Client:
    _, secret = do_create_api_token(room.user(name), name="tests")
    return Client(headers={"Authorization": f"Bearer {secret}"})


# ---------------------------------------------------------------- change requests


def test_the_commissioners_request_enters_the_register_and_changes_nothing(
    room: ReportCast,
) -> None:
    version = ReportVersion.objects.get()
    before = content_sha256(version)
    client = room.client("commissioner")
    form = client.get(CHANGE).content.decode()
    assert "entered automatically in the register of steering attempts" in form
    assert client.post(CHANGE, {"what": " ", "why": ""}).status_code == 400
    response = client.post(
        CHANGE,
        {
            "what": "Drop recommendation 3, the workplace parking levy.",
            "why": "The cabinet cannot support it.",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "entered in the register of steering attempts as incident 1" in page
    assert "Drop recommendation 3" in page  # the commissioner's own requests
    incident = Incident.objects.get(process=room.process)
    assert (incident.pressure_source, incident.target) == ("commissioner", "report_content")
    assert incident.reporter_role == "commissioner"
    assert "Drop recommendation 3" in incident.what_happened
    version.refresh_from_db()
    assert content_sha256(version) == before
    entry = LedgerEntry.objects.filter(event="report.change_requested").get()
    assert entry.payload["incident"] == 1
    assert set(entry.private_fields) == {"what", "why"}
    # Oversight finds it in the register; the participants on the report.
    register = room.client("oversight").get("/p/riverside/manage/incidents/")
    assert register.status_code == 200
    assert "Content of the final report" in register.content.decode()
    report = room.client("member2").get("/p/riverside/report/1/").content.decode()
    assert "Request 1" in report
    assert "<dd>Commissioner</dd>" in report
    assert "The cabinet cannot support it." in report
    assert "Awaiting the participants&#x27; answer" in report


def test_the_participants_answer_a_request(room: ReportCast) -> None:
    room.client("commissioner").post(CHANGE, {"what": "Soften recommendation 3."})
    client = room.client("member3")
    refused = client.post(
        "/p/riverside/report/1/", {"step": "answer", "request": "1", "outcome": "declined"}
    )
    assert refused.status_code == 400
    answer = "The recommendation is ours; we keep it as voted."
    response = client.post(
        "/p/riverside/report/1/",
        {"step": "answer", "request": "1", "outcome": "declined", "answer": answer},
    )
    assert response.status_code == 302
    change = ReportChangeRequest.objects.get()
    assert (change.status, change.answer) == ("declined", answer)
    assert answer in room.client("commissioner").get(CHANGE).content.decode()
    again = client.post(
        "/p/riverside/report/1/",
        {"step": "answer", "request": "1", "outcome": "accepted", "answer": "No."},
    )
    assert "has already been answered" in again.content.decode()


@pytest.mark.parametrize("who", ["participant", "facilitator", "oversight", "anonymous"])
def test_only_the_commissioner_uses_the_change_request_form(room: ReportCast, who: str) -> None:
    response = room.client(who).post(CHANGE, {"what": "Change it."})
    assert response.status_code in {302, 403}  # anonymous: to the sign-in page
    assert not ReportChangeRequest.objects.exists()


# ---------------------------------------------------------------- forged signatures


def test_a_signature_is_always_the_signed_in_participants_own(room: ReportCast) -> None:
    other = room.user("member2")
    client = room.client("participant")
    client.post("/p/riverside/report/1/", {"step": "sign", "signer": other.pk, "user": other.pk})
    (signature,) = ReportSignature.objects.all()
    assert signature.signer == room.user("participant")


def test_a_post_without_the_csrf_token_is_refused(room: ReportCast) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(room.user("member2"))
    assert client.post("/p/riverside/report/1/", {"step": "sign"}).status_code == 403
    assert not ReportSignature.objects.exists()


@pytest.mark.parametrize("who", ["commissioner", "facilitator", "oversight", "anonymous"])
def test_nobody_else_signs(room: ReportCast, who: str) -> None:
    response = room.client(who).post("/p/riverside/report/1/", {"step": "sign"})
    assert response.status_code in {403, 404}
    assert not ReportSignature.objects.exists()


def test_the_api_has_no_way_to_sign(room: ReportCast) -> None:
    commissioner = _token(room, "commissioner")
    participant = _token(room, "participant")
    for client in (commissioner, participant):
        for path in (
            "/api/v1/processes/riverside/report",
            "/api/v1/processes/riverside/report/1/sign",
            "/api/v1/processes/riverside/report/signatures",
        ):
            response = client.post(path, {"signer": 1}, content_type="application/json")
            assert response.status_code in {404, 405}
    # Nor does the report page accept a bearer token in place of a session: the caller
    # is a visitor, who does not even see this private process.
    response = commissioner.post("/p/riverside/report/1/", {"step": "sign"})
    assert response.status_code == 404
    assert not ReportSignature.objects.exists()
    schema = json.loads(Client().get("/api/v1/openapi.json").content)
    writes = [
        path
        for path, operations in schema["paths"].items()
        if "report" in path and set(operations) - {"get"}
    ]
    assert writes == []


def test_the_api_lists_the_frozen_versions_and_hashes(room: ReportCast) -> None:
    reader = _token(room, "observer")
    assert reader.get("/api/v1/processes/riverside/report").json() == []
    version = _freeze(room)
    (row,) = reader.get("/api/v1/processes/riverside/report").json()
    assert row["number"] == 1
    assert row["pdf"]["sha256"] == version.pdf_sha256
    assert row["html"]["sha256"] == version.html_sha256
    assert row["pdf"]["url"].endswith("/p/riverside/documents/" + row["pdf"]["path"][10:])
    assert (row["signatures_at_freeze"], row["participants"], row["needed"]) == (3, 4, 3)


# ---------------------------------------------------------------- conformance facts


def test_the_conformance_facts_come_from_the_frozen_report(room: ReportCast) -> None:
    facts = facts_for(room.process)
    assert facts.report_delivered_on is None
    assert facts.report_approved_hash is None
    version = _freeze(room)
    facts = facts_for(room.process)
    assert facts.report_delivered_on == version.frozen_at.date()  # type: ignore[union-attr]
    assert facts.report_approved_hash == version.pdf_sha256
    assert facts.report_published_hash == version.pdf_sha256
    # A different PDF published as the report is not what the participants approved.
    do_publish_document(
        room.cast.users["lead_practitioner"],
        room.process,
        title="The report (edited)",
        kind="report",
        file=check_bytes("report.pdf", b"%PDF-1.4\n% softened\n%%EOF\n"),
        replaces=version.pdf_document,
    )
    facts = facts_for(room.process)
    assert facts.report_approved_hash == version.pdf_sha256
    assert facts.report_published_hash != version.pdf_sha256


# ---------------------------------------------------------------- the open-data bundle


def test_the_bundle_verifies_and_fails_when_the_report_pdf_is_swapped(
    room: ReportCast, tmp_path: Path
) -> None:
    version = _freeze(room)
    bundle = tmp_path / "bundle"
    exported = CliRunner().invoke(app, ["export", "riverside", "--out", str(bundle)])
    assert exported.exit_code == 0, exported.output
    assert version.pdf_document is not None
    pdf = bundle / version.pdf_document.path
    assert pdf.read_bytes() == bytes(version.pdf_document.content)
    verified = run_cli("audit", "verify", str(bundle), env=base_env(tmp_path))
    assert verified.returncode == 0, verified.stderr
    pdf.write_bytes(pdf.read_bytes().replace(b"%%EOF", b"%%EOF\n% softened"))
    broken = run_cli("audit", "verify", str(bundle), env=base_env(tmp_path))
    assert broken.returncode == 1
    assert version.pdf_document.path in broken.stderr
