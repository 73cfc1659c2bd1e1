"""Sharing materials with a library entry, and withdrawing entries, through HTTP: only the
author (and site staff) may add or remove materials; uploads are checked by type and size
with messages naming the file; the licence must be chosen; downloads are attachments;
authors and staff withdraw with a public reason; authors see their entries."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from minipublic.integrity.uploads import check_bytes
from minipublic.learning.library_actions import do_add_library_material
from minipublic.learning.library_models import LibraryEntry, LibraryMaterial
from minipublic.lifecycle import LifecycleError
from tests.cast import Cast
from tests.library_fixtures import make_entry

pytestmark = pytest.mark.django_db

CODE = b"# Code of conduct\n\nWe listen to each other.\n"


@pytest.fixture
def entry(cast: Cast) -> LibraryEntry:
    return make_entry(cast.users["lead_practitioner"])


def _form(name: str = "code.md", content: bytes = CODE, **fields: str) -> dict[str, object]:
    data: dict[str, object] = {"title": "Our code of conduct", "kind": "code_of_conduct"}
    data["licence"] = "CC-BY-4.0"
    data.update(fields)
    data["file"] = SimpleUploadedFile(name, content)
    return data


def _add(cast: Cast, who: str, entry: LibraryEntry, data: dict[str, object]) -> Any:
    return cast.client(who).post(f"/library/{entry.public_id}/materials/add/", data)


def test_the_author_shares_a_material_anyone_downloads(cast: Cast, entry: LibraryEntry) -> None:
    form = cast.client("lead_practitioner").get(f"/library/{entry.public_id}/materials/add/")
    html = form.content.decode()
    assert form.status_code == 200
    assert "checked" not in html
    response = _add(cast, "lead_practitioner", entry, _form())
    assert response.status_code == 302
    material = LibraryMaterial.objects.get(entry=entry)
    assert material.sha256 == hashlib.sha256(CODE).hexdigest()
    assert material.size == len(CODE)
    page = cast.client("anonymous").get(f"/library/{entry.public_id}/").content.decode()
    assert "Our code of conduct" in page
    assert material.sha256 in page
    assert "Creative Commons Attribution 4.0" in page
    assert "Remove" not in page
    download = cast.client("anonymous").get(f"/library/{entry.public_id}/materials/{material.pk}/")
    assert download.status_code == 200
    assert download.content == CODE
    assert download["Content-Type"] == "text/markdown; charset=utf-8"
    assert download["Content-Disposition"].startswith('attachment; filename="code.md"')
    assert download["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("who", ["staff"])
def test_staff_may_share_too(cast: Cast, entry: LibraryEntry, who: str) -> None:
    assert _add(cast, who, entry, _form()).status_code == 302
    assert LibraryMaterial.objects.filter(entry=entry).count() == 1


@pytest.mark.parametrize("who", ["facilitator", "outsider", "researcher", "commissioner"])
def test_no_one_else_may_share(cast: Cast, entry: LibraryEntry, who: str) -> None:
    assert _add(cast, who, entry, _form()).status_code == 403
    page = cast.client(who).get(f"/library/{entry.public_id}/").content.decode()
    assert "Share a material" not in page
    with pytest.raises(LifecycleError) as refused:
        do_add_library_material(
            cast.users[who],
            entry,
            title="x",
            kind="template",
            licence="CC0-1.0",
            file=check_bytes("x.txt", b"x"),
        )
    assert refused.value.code == "library_not_author"
    assert not LibraryMaterial.objects.exists()


def test_visitors_are_sent_to_sign_in(cast: Cast, entry: LibraryEntry) -> None:
    response = _add(cast, "anonymous", entry, _form())
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_wrong_type_is_refused_naming_the_file(cast: Cast, entry: LibraryEntry) -> None:
    response = _add(cast, "lead_practitioner", entry, _form("design.exe", b"MZ\x90"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "design.exe: files of this type are not accepted" in html
    assert 'value="Our code of conduct"' in html  # nothing typed is lost
    disguised = _add(cast, "lead_practitioner", entry, _form("design.pdf", b"not a pdf"))
    assert "design.pdf does not look like a .pdf file" in disguised.content.decode()
    assert not LibraryMaterial.objects.exists()


@override_settings(UPLOAD_MAX_BYTES=20)
def test_a_file_too_big_is_refused_naming_it(cast: Cast, entry: LibraryEntry) -> None:
    response = _add(cast, "lead_practitioner", entry, _form("big.md", b"x" * 21))
    assert response.status_code == 400
    assert "big.md is larger than" in response.content.decode()
    assert not LibraryMaterial.objects.exists()


def test_the_licence_must_be_chosen(cast: Cast, entry: LibraryEntry) -> None:
    response = _add(cast, "lead_practitioner", entry, _form(licence=""))
    assert response.status_code == 400
    assert "Choose the open licence" in response.content.decode()
    assert not LibraryMaterial.objects.exists()


def test_only_the_author_or_staff_remove_a_material(cast: Cast, entry: LibraryEntry) -> None:
    _add(cast, "lead_practitioner", entry, _form())
    material = LibraryMaterial.objects.get()
    address = f"/library/{entry.public_id}/materials/{material.pk}/remove/"
    assert cast.client("outsider").post(address).status_code == 403
    assert LibraryMaterial.objects.exists()
    assert cast.client("lead_practitioner").post(address).status_code == 302
    assert not LibraryMaterial.objects.exists()


def test_staff_withdraw_with_a_public_reason(cast: Cast, entry: LibraryEntry) -> None:
    address = f"/library/{entry.public_id}/withdraw/"
    assert cast.client("outsider").get(address).status_code == 403
    staff = cast.client("staff")
    empty = staff.post(address, {"reason": "  "})
    assert empty.status_code == 400
    assert staff.post(address, {"reason": "It names a council officer."}).status_code == 302
    entry.refresh_from_db()
    assert entry.withdrawn_by == cast.users["staff"]
    gone = cast.client("anonymous").get(f"/library/{entry.public_id}/")
    assert gone.status_code == 410
    assert "It names a council officer." in gone.content.decode()
    # Nothing more can be added to a withdrawn entry, nor downloaded from it.
    assert _add(cast, "lead_practitioner", entry, _form()).status_code == 403


def test_the_author_withdraws_and_sees_their_entries(cast: Cast, entry: LibraryEntry) -> None:
    other = make_entry(cast.users["facilitator"], title="Someone else's record")
    author = cast.client("lead_practitioner")
    mine = author.get("/library/mine/").content.decode()
    assert f"/library/{entry.public_id}/" in mine
    assert f"/library/{other.public_id}/" not in mine
    assert author.get(f"/library/{other.public_id}/withdraw/").status_code == 403
    response = author.post(f"/library/{entry.public_id}/withdraw/", {"reason": "Out of date."})
    assert response.status_code == 302
    assert "Withdrawn on" in author.get("/library/mine/").content.decode()
    assert cast.client("anonymous").get("/library/mine/").status_code == 302
