"""Files of evidence: checked on the way in, kept private, served only as downloads."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from minipublic.integrity import actions
from minipublic.integrity.models import Attachment, Incident, LedgerEntry
from minipublic.integrity.record import entries, public_entries, verify_database
from minipublic.integrity.release import release_held_reports
from minipublic.integrity.uploads import check_bytes
from tests.cast import ACTORS, Cast

PDF = b"%PDF-1.4\n% evidence\n"
NOTE = b"The councillor's message, copied word for word.\n"
REPORT = {
    "what_happened": "A councillor asked me to soften the report.",
    "pressure_source": "politician",
    "target": "report_content",
    "severity": "high",
}


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def _report_with_files(client: Client, *files: SimpleUploadedFile, **extra: str):  # type: ignore[no-untyped-def]
    return client.post(
        "/p/riverside/manage/incidents/new/", {**REPORT, **extra, "evidence": list(files)}
    )


def test_a_report_keeps_its_files_and_the_ledger_their_hashes(cast: Cast) -> None:
    response = _report_with_files(
        cast.client("facilitator"), _upload("letter.pdf", PDF), _upload("note.txt", NOTE)
    )
    assert response.status_code == 302
    incident = Incident.objects.get()
    files = list(incident.attachments.order_by("pk"))
    assert [(f.filename, f.content_type, f.size) for f in files] == [
        ("letter.pdf", "application/pdf", len(PDF)),
        ("note.txt", "text/plain; charset=utf-8", len(NOTE)),
    ]
    assert {f.added_by_role for f in files} == {"facilitator"}
    entry = entries(cast.process).last()
    assert entry is not None
    assert entry.event == "incident.reported"
    assert "attachments" in entry.private_fields
    assert entry.payload["attachments"][0] == {
        "sha256": hashlib.sha256(PDF).hexdigest(),
        "size": len(PDF),
        "content_type": "application/pdf",
    }
    assert hashlib.sha256(PDF).hexdigest() not in str(public_entries(cast.process))
    page = cast.client("oversight").get("/p/riverside/manage/incidents/1/").content.decode()
    assert "letter.pdf" in page
    assert "/p/riverside/manage/incidents/1/attachments/2/" in page
    assert not verify_database(cast.process)


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("run.exe", b"MZ\x90\x00", "not accepted"),
        ("fake.pdf", b"just text, not a PDF", "does not look like"),
        ("empty.txt", b"", "empty"),
    ],
)
def test_a_refused_file_saves_nothing(cast: Cast, name: str, content: bytes, words: str) -> None:
    before = LedgerEntry.objects.count()
    response = _report_with_files(
        cast.client("participant"), _upload("good.pdf", PDF), _upload(name, content)
    )
    assert response.status_code == 400
    errors = response.context["form"].errors["evidence"]
    assert any(name in error and words in error for error in errors), errors
    assert not Incident.objects.exists()
    assert not Attachment.objects.exists()
    assert LedgerEntry.objects.count() == before


def test_a_file_over_the_limit_is_refused(cast: Cast, settings: object) -> None:
    settings.UPLOAD_MAX_BYTES = 10  # type: ignore[attr-defined]
    before = LedgerEntry.objects.count()
    response = _report_with_files(cast.client("participant"), _upload("big.pdf", PDF))
    assert response.status_code == 400
    assert "big.pdf is larger than" in " ".join(response.context["form"].errors["evidence"])
    assert not Incident.objects.exists()
    assert LedgerEntry.objects.count() == before


def test_an_anonymous_reports_files_say_nothing_of_who_or_when(cast: Cast) -> None:
    form = cast.client("participant").get("/p/riverside/manage/incidents/new/").content.decode()
    assert "files can carry your name" in form
    response = _report_with_files(
        cast.client("participant"), _upload("photo.png", b"\x89PNG\r\n\x1a\nrest"), anonymous="on"
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    incident = attachment.incident
    assert (attachment.added_by_role, attachment.added_on) == ("", incident.reported_on)
    release_held_reports(cast.process, include_today=True)
    entry = entries(cast.process).last()
    assert entry is not None
    assert entry.actor_role == "anonymous"
    assert entry.payload["attachments"][0]["content_type"] == "image/png"


def test_downloads_only_for_those_who_read_the_register(cast: Cast) -> None:
    incident = actions.do_report_incident(
        cast.users["expert"],
        cast.process,
        **REPORT,  # type: ignore[arg-type]
        attachments=[check_bytes("letter.pdf", PDF)],
    )
    url = f"/p/riverside/manage/incidents/{incident.number}/attachments/1/"
    expected = {"oversight": 200, "lead_practitioner": 200, "outsider": 404, "staff": 404}
    for who in ACTORS:
        response = cast.client(who).get(url)
        if who == "anonymous":
            assert response.status_code == 302
        else:
            assert response.status_code == expected.get(who, 403), who
    response = cast.client("oversight").get(url)
    assert response.content == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="letter.pdf"')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["Cache-Control"] == "private, no-store"
    other = f"/p/riverside/manage/incidents/{incident.number}/attachments/2/"
    assert cast.client("oversight").get(other).status_code == 404
    assert (
        cast.client("oversight").get("/p/riverside/manage/incidents/9/attachments/1/").status_code
        == 404
    )


def test_reviewers_add_files_later(cast: Cast) -> None:
    incident = actions.do_report_incident(cast.users["participant"], cast.process, **REPORT)  # type: ignore[arg-type]
    url = f"/p/riverside/manage/incidents/{incident.number}/attachments/"
    for who in ("commissioner", "participant", "facilitator"):
        assert cast.client(who).post(url, {"evidence": [_upload("x.pdf", PDF)]}).status_code == 403
    refused = cast.client("oversight").post(url, {"evidence": [_upload("x.exe", b"MZ")]})
    assert refused.status_code == 400
    assert not Attachment.objects.exists()
    response = cast.client("oversight").post(url, {"evidence": [_upload("minutes.pdf", PDF)]})
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.added_by_role == "oversight"
    entry = entries(cast.process).last()
    assert entry is not None
    assert entry.event == "incident.attachment_added"
    assert entry.private_fields == ["attachment"]
    assert entry.payload == {
        "incident": incident.number,
        "attachment": {
            "sha256": hashlib.sha256(PDF).hexdigest(),
            "size": len(PDF),
            "content_type": "application/pdf",
        },
    }
    assert (
        "minutes.pdf"
        in cast.client("lead_practitioner")
        .get(f"/p/riverside/manage/incidents/{incident.number}/")
        .content.decode()
    )
    assert not verify_database(cast.process)
