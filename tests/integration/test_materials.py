"""Briefing materials: drafts, versions, reviews, responses, publication, and who sees what.

Through the pages (the Django test client on the real URLs) and the named actions, on
the riverside cast (one person per role).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from minipublic.conformance.facts import facts_for
from minipublic.conformance.signoffs import subject_sha256
from minipublic.evidence.material_actions import (
    do_comment_on_material,
    do_publish_material,
    do_respond_to_comment,
    do_submit_material,
    do_submit_version,
)
from minipublic.evidence.models import Material, MaterialVersion, ReviewComment, VersionStatus
from minipublic.integrity.documents import write_process_bundle
from minipublic.integrity.models import Document
from minipublic.integrity.record import entries, public_entries
from minipublic.integrity.uploads import check_bytes
from minipublic.lifecycle import LifecycleError
from minipublic.processes.access import SYSTEM
from tests.cast import ACTORS, ROLE_ACTORS, Cast

LIST = "/p/riverside/materials/"
NEW = "/p/riverside/manage/materials/new/"
MANAGE = "/p/riverside/manage/materials/"
DRAFT = b"# Flood defences\n\nWalls cost \xc2\xa312m (zq-draft-text).\n"


def _material(cast: Cast, who: str = "lead_practitioner", **changes: object) -> Material:
    values: dict[str, object] = {
        "title": "Flood defences: the options",
        "author": "The practitioner team",
        "file": check_bytes("flood.md", DRAFT),
        "commissioned_by": "team",
        **changes,
    }
    return do_submit_material(cast.users[who], cast.process, **values)  # type: ignore[arg-type]


def _version(material: Material, number: int = 1) -> MaterialVersion:
    return MaterialVersion.objects.get(material=material, number=number)


def _post_new(client: Client, **fields: object) -> object:
    data: dict[str, object] = {
        "title": "Flood defences: the options",
        "author": "Riverside Council",
        "commissioned_by": "team",
        "author_kind": "team",
        "summary": "",
        "commission_note": "",
        "file": SimpleUploadedFile("flood.md", DRAFT),
        **fields,
    }
    return client.post(NEW, data)


def _detail(number: int = 1) -> str:
    return f"{LIST}{number}/"


# ------------------------------------------------------------------ submitting


def test_who_may_submit_a_material(cast: Cast) -> None:
    submitters = {"lead_practitioner", "facilitator", "expert", "commissioner"}
    for who in ACTORS:
        expected = 200 if who in submitters else 403 if who in ROLE_ACTORS else 404
        if who == "anonymous":
            expected = 302
        assert cast.client(who).get(NEW).status_code == expected, who


def test_the_commissioners_material_is_labelled_theirs_everywhere(public_cast: Cast) -> None:
    response = _post_new(public_cast.client("commissioner"), author_kind="team")
    assert response.status_code == 302  # type: ignore[attr-defined]
    material = Material.objects.get()
    assert material.author_kind == "commissioner"
    draft = entries(public_cast.process).get(event="material.draft_submitted")
    assert draft.payload["author_kind"] == "commissioner"
    version = _version(material)
    do_publish_material(public_cast.users["lead_practitioner"], public_cast.process, version)
    for path in (LIST, _detail()):
        assert "Written by the commissioner" in Client().get(path).content.decode(), path


def test_a_bad_upload_is_refused_naming_the_file_and_keeping_the_rest(cast: Cast) -> None:
    client = cast.client("facilitator")
    fake = SimpleUploadedFile("report.pdf", b"this is not a pdf")
    response = _post_new(client, file=fake, summary="Kept summary zq")
    assert response.status_code == 400  # type: ignore[attr-defined]
    page = response.content.decode()  # type: ignore[attr-defined]
    assert "report.pdf does not look like a .pdf file" in page
    assert "Kept summary zq" in page
    assert 'value="Flood defences: the options"' in page
    wrong = _post_new(client, file=SimpleUploadedFile("run.exe", b"MZ"))
    assert "files of this type are not accepted" in wrong.content.decode()  # type: ignore[attr-defined]
    assert not Material.objects.exists()


# ------------------------------------------------------------------ who sees drafts


def test_drafts_are_seen_by_the_team_oversight_and_their_submitter_only(cast: Cast) -> None:
    _material(cast, "expert")
    readers = {"lead_practitioner", "facilitator", "oversight", "expert"}
    file = f"{_detail()}versions/1/file/"
    for who in ROLE_ACTORS:
        client = cast.client(who)
        assert client.get(_detail()).status_code == (200 if who in readers else 404), who
        assert client.get(file).status_code == (200 if who in readers else 404), who
        listed = "Flood defences" in client.get(LIST).content.decode()
        assert listed == (who in readers), who
    download = cast.client("oversight").get(file)
    assert download["Content-Disposition"].startswith("attachment")
    assert download["Cache-Control"] == "private, no-store"
    assert b"zq-draft-text" in download.content


def test_a_drafts_title_and_text_stay_out_of_the_public_record(cast: Cast) -> None:
    material = _material(cast)
    do_comment_on_material(
        cast.users["oversight"], cast.process, _version(material), text="Say zq-secret-comment."
    )
    text = json.dumps(public_entries(cast.process))
    assert "Flood defences" not in text
    assert "zq-secret-comment" not in text
    assert _version(material).sha256 in text  # the draft's fingerprint is public


# ------------------------------------------------------------------ reviews


def test_oversight_comments_and_the_team_records_the_stakeholders(cast: Cast) -> None:
    material = _material(cast)
    page = _detail()
    comment_url = f"{MANAGE}1/comments/"
    oversight = cast.client("oversight")
    assert (
        oversight.post(comment_url, {"source": "oversight", "text": "Give sources."}).status_code
        == 302
    )
    team = cast.client("facilitator")
    no_group = team.post(comment_url, {"source": "stakeholder", "group": "", "text": "Renters?"})
    assert no_group.status_code == 400
    assert "Name the group or organisation" in no_group.content.decode()
    assert "Renters?" in no_group.content.decode()
    stakeholders = {"source": "stakeholder", "group": "Riverside Tenants Union", "text": "Renters?"}
    team.post(comment_url, stakeholders)
    # The team cannot speak for oversight, nor oversight for the stakeholders.
    pose = team.post(comment_url, {"source": "oversight", "text": "Fine."})
    assert pose.status_code == 400
    for who in ("participant", "commissioner", "expert", "observer"):
        assert cast.client(who).post(comment_url, {"text": "x"}).status_code in (403, 404), who
    comments = ReviewComment.objects.order_by("number")
    assert [(c.source, c.group) for c in comments] == [
        ("oversight", "Oversight group"),
        ("stakeholder", "Riverside Tenants Union"),
    ]
    assert "Riverside Tenants Union" in oversight.get(page).content.decode()
    with pytest.raises(LifecycleError) as refused:
        do_respond_to_comment(
            cast.users["oversight"], cast.process, comments[0], response="x", outcome="changed"
        )
    assert refused.value.code == "material_response_team_only"
    assert material.number == 1


def test_publishing_waits_for_a_response_to_every_comment(public_cast: Cast) -> None:
    material = _material(public_cast)
    version = _version(material)
    do_comment_on_material(
        public_cast.users["oversight"], public_cast.process, version, text="Give sources zq1."
    )
    lead = public_cast.client("lead_practitioner")
    refused = lead.post(f"{MANAGE}1/publish/")
    assert refused.status_code == 400
    assert "Respond to every review comment before publishing" in refused.content.decode()
    assert not Document.objects.exists()
    assert (
        lead.post(
            f"{MANAGE}1/comments/1/",
            {"comment-1-outcome": "partly", "comment-1-response": "Sources in the annex zq2."},
        ).status_code
        == 302
    )
    assert public_cast.client("facilitator").post(f"{MANAGE}1/publish/").status_code == 403
    assert lead.post(f"{MANAGE}1/publish/").status_code == 302
    document = Document.objects.get()
    assert (document.kind, document.sha256) == ("briefing", version.sha256)
    # Now public: the version, the comment and the response, also in the record.
    page = Client().get(_detail()).content.decode()
    assert "zq1" in page
    assert "zq2" in page
    published = entries(public_cast.process).get(event="material.published")
    assert published.payload["comments"][0]["response"] == "Sources in the annex zq2."
    assert published.payload["document_path"] == document.path
    assert Client().get(f"/p/riverside/documents/{document.path[10:]}").status_code == 200


def test_a_new_version_replaces_the_published_one_with_a_change_note(
    public_cast: Cast, tmp_path: Path
) -> None:
    material = _material(public_cast)
    lead = public_cast.users["lead_practitioner"]
    first = do_publish_material(lead, public_cast.process, _version(material))
    before = subject_sha256(public_cast.process, "materials")
    client = public_cast.client("facilitator")
    url = f"{MANAGE}1/versions/new/"
    no_note = client.post(
        url, {"file": SimpleUploadedFile("flood.md", DRAFT + b"v2"), "change_note": ""}
    )
    assert no_note.status_code == 400
    same = client.post(url, {"file": SimpleUploadedFile("flood.md", DRAFT), "change_note": "Same."})
    assert "This file is the same as version 1." in same.content.decode()
    note = "Walls now cost \u00a314m (zq-change-note)."
    done = client.post(
        url, {"file": SimpleUploadedFile("flood.md", DRAFT + b"v2"), "change_note": note}
    )
    assert done.status_code == 302
    # A draft: the public still sees version 1 only, and no change note.
    assert "zq-change-note" not in Client().get(LIST).content.decode()
    second = do_publish_material(lead, public_cast.process, _version(material, 2))
    assert second.document is not None
    assert first.document is not None
    assert second.document.replaces_id == first.document.pk
    assert subject_sha256(public_cast.process, "materials") != before
    history = Client().get(LIST).content.decode()
    assert "zq-change-note" in history
    assert "First published version." in history
    root = tmp_path / "bundle"
    write_process_bundle(public_cast.process, root)
    assert (root / second.document.path).read_bytes() == DRAFT + b"v2"


def test_a_newer_draft_supersedes_an_unpublished_one(cast: Cast) -> None:
    material = _material(cast)
    do_comment_on_material(SYSTEM, cast.process, _version(material), text="Shorter, please.")
    do_submit_version(
        SYSTEM, cast.process, material, file=check_bytes("f.md", b"shorter"), change_note="Cut."
    )
    assert _version(material).status == VersionStatus.SUPERSEDED
    with pytest.raises(LifecycleError) as late:
        do_comment_on_material(SYSTEM, cast.process, _version(material), text="More.")
    assert late.value.code == "material_version_superseded"
    # The comment on version 1 still needs its response before version 2 is published.
    with pytest.raises(LifecycleError) as waiting:
        do_publish_material(SYSTEM, cast.process, _version(material, 2))
    assert waiting.value.code == "material_comments_unanswered"


def test_only_the_team_or_the_submitter_revises(cast: Cast) -> None:
    material = _material(cast, "expert")
    assert cast.client("commissioner").get(f"{MANAGE}1/versions/new/").status_code == 404
    with pytest.raises(LifecycleError) as refused:
        do_submit_version(
            cast.users["commissioner"],
            cast.process,
            material,
            file=check_bytes("f.md", b"other"),
            change_note="Mine now.",
        )
    assert refused.value.code == "material_not_yours"
    assert cast.client("expert").get(f"{MANAGE}1/versions/new/").status_code == 200
    with pytest.raises(PermissionDenied):
        do_publish_material(cast.users["expert"], cast.process, _version(material))


def test_conformance_counts_the_materials_the_members_have(cast: Cast) -> None:
    assert facts_for(cast.process).materials is None
    material = _material(cast)
    assert facts_for(cast.process).materials is None  # a draft is not given to anyone yet
    do_publish_material(SYSTEM, cast.process, _version(material))
    facts = facts_for(cast.process)
    assert (facts.materials, facts.materials_published) == (1, 1)
