"""Published documents: who publishes and downloads them, checked uploads, replacing."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from minipublic.integrity import declarations
from minipublic.integrity.documents import do_publish_document
from minipublic.integrity.models import Document
from minipublic.integrity.record import entries, head, public_entries
from minipublic.integrity.uploads import check_bytes
from minipublic.lifecycle import LifecycleError, Phase
from minipublic.processes.access import SYSTEM
from minipublic.processes.actions import do_create_process
from tests.cast import ACTORS, Cast

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

PDF = b"%PDF-1.4\n% Riverside terms of engagement\n%%EOF\n"
PUBLISH = "/p/riverside/manage/documents/new/"
PUBLISHERS = ("lead_practitioner", "oversight")


def _post(
    cast: Cast, who: str, name: str = "terms.pdf", content: bytes = PDF, **fields: str
) -> Response:
    data: dict[str, object] = {
        "title": "Terms of engagement",
        "kind": "terms",
        "file": SimpleUploadedFile(name, content, content_type="application/pdf"),
        **fields,
    }
    return cast.client(who).post(PUBLISH, data)


def _publish(
    cast: Cast, name: str = "terms.pdf", content: bytes = PDF, **changes: object
) -> Document:
    fields: dict[str, object] = {"title": "Terms of engagement", "kind": "terms", **changes}
    return do_publish_document(
        cast.users["lead_practitioner"],
        cast.process,
        file=check_bytes(name, content),
        **fields,  # type: ignore[arg-type]
    )


# ---------------------------------------------------------------- who may publish


def _expected_publish_status(who: str) -> int:
    if who in PUBLISHERS:
        return 302
    if who in ("outsider", "staff"):
        return 404  # a private process does not reveal that it exists
    if who == "anonymous":
        return 302  # to the sign-in page
    return 403


@pytest.mark.parametrize("who", ACTORS)
def test_only_the_lead_and_oversight_publish(cast: Cast, who: str) -> None:
    before = head(cast.process)
    response = _post(cast, who)
    assert response.status_code == _expected_publish_status(who)
    if who in PUBLISHERS:
        assert response["Location"] == "/p/riverside/documents/"
        document = Document.objects.get()
        assert document.published_by_role == who
        assert document.path == "documents/0001-terms.pdf"
        assert bytes(document.content) == PDF
        assert entries(cast.process).last().event == "document.published"  # type: ignore[union-attr]
    else:
        assert not Document.objects.exists()
        assert head(cast.process) == before
        if who == "anonymous":
            assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("who", ACTORS)
def test_the_publish_form_is_shown_only_to_publishers(cast: Cast, who: str) -> None:
    response = cast.client(who).get(PUBLISH)
    expected = 200 if who in PUBLISHERS else _expected_publish_status(who)
    assert response.status_code == expected
    if expected == 200:
        page = response.content.decode()
        assert 'enctype="multipart/form-data"' in page
        assert "can never be changed or removed" in page
        assert '<label for="id_file">' in page


@pytest.mark.parametrize("who", ["lead_practitioner", "facilitator", "participant"])
def test_the_process_page_links_to_publishing_only_for_publishers(cast: Cast, who: str) -> None:
    page = cast.client(who).get("/p/riverside/").content.decode()
    assert (PUBLISH in page) == (who in PUBLISHERS)
    assert "/p/riverside/documents/" in page


def test_nobody_publishes_in_a_closed_process(cast: Cast) -> None:
    cast.process.phase = Phase.CLOSED
    cast.process.save()
    with pytest.raises(PermissionDenied):
        _publish(cast)
    assert _post(cast, "lead_practitioner").status_code == 403
    assert not Document.objects.exists()


def test_the_ledger_registers_the_document_by_its_hash(cast: Cast) -> None:
    document = _publish(cast)
    row = public_entries(cast.process)[-1]
    assert row["event"] == "document.published"
    assert row["actor_role"] == "lead_practitioner"
    assert row["payload"] == {
        "document": {"path": "documents/0001-terms.pdf", "sha256": hashlib.sha256(PDF).hexdigest()},
        "title": "Terms of engagement",
        "kind": "terms",
        "size": len(PDF),
        "content_type": "application/pdf",
        "replaces": None,
        "number": document.pk,
    }


def test_paths_are_numbered_per_process(cast: Cast) -> None:
    assert _publish(cast).path == "documents/0001-terms.pdf"
    assert _publish(cast, title="Terms, again").path == "documents/0002-terms.pdf"
    other = do_create_process(
        SYSTEM,
        slug="other",
        title="Other",
        question="Q?",
        commissioning_body="C",
        lead=cast.users["lead_practitioner"],
    )
    document = do_publish_document(
        SYSTEM, other, title="Brief", kind="briefing", file=check_bytes("brief.txt", b"Hello")
    )
    assert document.path == "documents/0001-brief.txt"


def test_only_the_system_back_dates(cast: Cast) -> None:
    at = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)
    with pytest.raises(ValueError, match="back-date"):
        _publish(cast, at=at)
    document = do_publish_document(
        SYSTEM, cast.process, title="Old terms", kind="terms", file=check_bytes("t.pdf", PDF), at=at
    )
    assert document.published_at == at
    assert public_entries(cast.process)[-1]["time"] == "2025-03-01T09:30:00Z"
    assert public_entries(cast.process)[-1]["actor_role"] == "system"


def test_a_title_is_required(cast: Cast) -> None:
    with pytest.raises(LifecycleError) as caught:
        _publish(cast, title="   ")
    assert caught.value.code == "document_needs_title"
    assert not Document.objects.exists()


# ---------------------------------------------------------------- refused uploads


def _assert_refused(cast: Cast, response: Response, *fragments: str) -> None:
    assert response.status_code == 400
    page = response.content.decode()
    for fragment in fragments:
        assert fragment in page
    assert 'id="id_file_error"' in page  # shown on the file field
    assert not Document.objects.exists()


@override_settings(UPLOAD_MAX_BYTES=20)
def test_a_file_over_the_limit_is_refused(cast: Cast) -> None:
    before = head(cast.process)
    response = _post(cast, "lead_practitioner", "big.pdf", b"%PDF-" + b"x" * 40)
    _assert_refused(cast, response, "big.pdf is larger than 0.0 MB")
    assert head(cast.process) == before


def test_a_file_of_an_unaccepted_type_is_refused(cast: Cast) -> None:
    before = head(cast.process)
    response = _post(cast, "lead_practitioner", "setup.exe", b"MZ\x90\x00rest")
    _assert_refused(cast, response, "setup.exe: files of this type are not accepted", ".pdf, .png")
    assert head(cast.process) == before


def test_a_program_renamed_pdf_is_refused(cast: Cast) -> None:
    before = head(cast.process)
    response = _post(cast, "lead_practitioner", "terms.pdf", b"MZ\x90\x00\x03\x00\x00\x00program")
    _assert_refused(cast, response, "terms.pdf does not look like a .pdf file")
    assert head(cast.process) == before


def test_an_html_file_is_refused(cast: Cast) -> None:
    before = head(cast.process)
    html = b"<html><script>alert(document.cookie)</script></html>"
    response = _post(cast, "oversight", "minutes.html", html)
    _assert_refused(cast, response, "minutes.html: files of this type are not accepted")
    assert "alert(document.cookie)" not in response.content.decode()
    assert head(cast.process) == before


# ---------------------------------------------------------------- downloading


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("participant", 200),
        ("observer", 200),
        ("outsider", 404),
        ("staff", 404),
        ("anonymous", 404),
    ],
)
def test_documents_of_a_private_process_are_for_members(cast: Cast, who: str, status: int) -> None:
    _publish(cast)
    client = cast.client(who)
    assert client.get("/p/riverside/documents/0001-terms.pdf").status_code == status
    assert client.get("/p/riverside/documents/").status_code == status


@pytest.mark.parametrize("who", ["anonymous", "outsider", "participant"])
def test_documents_of_a_public_process_are_public(public_cast: Cast, who: str) -> None:
    _publish(public_cast)
    response = public_cast.client(who).get("/p/riverside/documents/0001-terms.pdf")
    assert response.status_code == 200
    assert response.content == PDF
    assert response["Cache-Control"] == "public, max-age=3600"


def test_a_download_is_an_attachment_of_the_stored_type(public_cast: Cast) -> None:
    # The browser claims text/html; the stored (and served) type comes from the check.
    upload = SimpleUploadedFile("terms.pdf", PDF, content_type="text/html")
    response = public_cast.client("lead_practitioner").post(
        PUBLISH, {"title": "Terms", "kind": "terms", "file": upload}
    )
    assert response.status_code == 302
    download = public_cast.client("anonymous").get("/p/riverside/documents/0001-terms.pdf")
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith('attachment; filename="0001-terms.pdf"')
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Security-Policy"] == "sandbox; default-src 'none'"


def test_a_private_process_download_is_not_cached_by_others(cast: Cast) -> None:
    _publish(cast)
    response = cast.client("participant").get("/p/riverside/documents/0001-terms.pdf")
    assert response["Cache-Control"] == "private, no-store"


def test_an_unknown_document_is_not_found(public_cast: Cast) -> None:
    _publish(public_cast)
    client = public_cast.client("anonymous")
    assert client.get("/p/riverside/documents/0002-terms.pdf").status_code == 404
    assert client.get("/p/riverside/documents/terms.pdf").status_code == 404
    assert client.get("/p/riverside/documents/documents/0001-terms.pdf").status_code == 404


def test_the_list_shows_each_document_with_its_hash(public_cast: Cast) -> None:
    document = _publish(public_cast)
    page = public_cast.client("anonymous").get("/p/riverside/documents/").content.decode()
    assert document.sha256 in page
    assert 'href="/p/riverside/documents/0001-terms.pdf">Terms of engagement</a>' in page
    assert "1 published document, oldest first</caption>" in page
    assert "Terms of engagement" in page


# ---------------------------------------------------------------- replacing


def test_a_new_version_replaces_the_old_and_both_stay(public_cast: Cast) -> None:
    old = _publish(public_cast)
    response = _post(
        public_cast,
        "oversight",
        "terms-v2.pdf",
        PDF + b"% corrected\n",
        title="Terms of engagement (corrected)",
        replaces=str(old.pk),
    )
    assert response.status_code == 302
    new = Document.objects.get(replaces=old)
    assert new.path == "documents/0002-terms-v2.pdf"
    assert public_entries(public_cast.process)[-1]["payload"]["replaces"] == old.path
    page = public_cast.client("anonymous").get("/p/riverside/documents/").content.decode()
    assert f'Replaced by <a href="#document-{new.pk}">' in page
    assert f'Replaces <a href="#document-{old.pk}">' in page
    assert (
        public_cast.client("anonymous").get("/p/riverside/documents/0001-terms.pdf").content == PDF
    )


def test_a_replaced_document_cannot_be_replaced_again(public_cast: Cast) -> None:
    old = _publish(public_cast)
    _publish(public_cast, "v2.pdf", title="Second", replaces=old)
    with pytest.raises(LifecycleError) as caught:
        _publish(public_cast, "v3.pdf", title="Third", replaces=old)
    assert caught.value.code == "document_already_replaced"
    before = head(public_cast.process)
    response = _post(public_cast, "lead_practitioner", "v3.pdf", replaces=str(old.pk))
    assert response.status_code == 400
    assert 'id="id_replaces_error"' in response.content.decode()
    assert Document.objects.count() == 2
    assert head(public_cast.process) == before


def test_a_document_of_another_process_cannot_be_replaced(cast: Cast) -> None:
    other = do_create_process(
        SYSTEM,
        slug="other",
        title="Other",
        question="Q?",
        commissioning_body="C",
        lead=cast.users["lead_practitioner"],
    )
    foreign = do_publish_document(
        SYSTEM, other, title="Brief", kind="briefing", file=check_bytes("brief.txt", b"Hello")
    )
    with pytest.raises(LifecycleError) as caught:
        _publish(cast, replaces=foreign)
    assert caught.value.code == "document_elsewhere"
    assert not Document.objects.filter(process=cast.process).exists()


# ---------------------------------------------------------------- the public integrity page


def test_the_integrity_page_lists_documents_and_public_declarations(public_cast: Cast) -> None:
    document = _publish(public_cast)
    declarations.do_record_declaration(
        SYSTEM,
        public_cast.process,
        name="Dr Ada Brookfield",
        kind="financial",
        details="Shares in Floodgate Ltd",
    )
    declarations.do_declare_interest(
        public_cast.users["participant"],
        public_cast.process,
        kind="employment",
        details="Works at the Riverside waterworks",
    )
    page = public_cast.client("anonymous").get("/p/riverside/integrity/").content.decode()
    assert 'id="documents-heading"' in page
    assert 'href="/p/riverside/documents/0001-terms.pdf"' in page
    assert document.sha256 in page
    assert 'id="declarations-heading"' in page
    assert "Dr Ada Brookfield" in page
    assert "Shares in Floodgate Ltd" in page
    assert "waterworks" not in page
