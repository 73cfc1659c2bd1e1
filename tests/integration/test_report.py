"""The participants' report through its pages: assembly, sign-off, freeze, new versions.

Riverside in the recommendations phase with four participants (75% → 3 signatures) and
three adopted recommendations (tests/report_fixtures.py).
"""

from __future__ import annotations

import hashlib
import re

import pytest

from minipublic.deliberation import parking
from minipublic.deliberation.models import Concern
from minipublic.integrity.models import Document, LedgerEntry
from minipublic.processes.access import SYSTEM
from minipublic.recommendations.report_models import ReportSignature, ReportVersion
from tests.cast import Cast
from tests.report_fixtures import ReportCast, known_votes, make_report_cast

__all__ = ["known_votes"]

EDIT = "/p/riverside/report/edit/"
PAGE = "/p/riverside/report/"
TEXT = {
    "title": "Our recommendations for Riverside",
    "introduction": "We are four residents of Riverside.\n\nWe met on five Saturdays.",
    "closing": "Please act on them.",
}


@pytest.fixture
def room(cast: Cast, known_votes: None) -> ReportCast:
    return make_report_cast(cast)


def _assemble(room: ReportCast) -> ReportVersion:
    response = room.client("participant").post(EDIT, TEXT)
    assert response.status_code == 302, response.content.decode()
    assert response["Location"] == "/p/riverside/report/1/"
    return ReportVersion.objects.get(process=room.process, number=1)


def _sign(room: ReportCast, name: str, number: int = 1) -> str:
    response = room.client(name).post(f"/p/riverside/report/{number}/", {"step": "sign"})
    assert response.status_code == 302, response.content.decode()
    return room.client(name).get(f"/p/riverside/report/{number}/").content.decode()


def _events(room: ReportCast, prefix: str = "report.") -> list[LedgerEntry]:
    return list(
        LedgerEntry.objects.filter(process=room.process, event__startswith=prefix).order_by(
            "sequence"
        )
    )


def test_a_participant_assembles_the_report_from_the_adopted_recommendations(
    room: ReportCast,
) -> None:
    assert (
        "Assemble the participants' report" in room.client("participant").get(EDIT).content.decode()
    )
    version = _assemble(room)
    themes = version.content["themes"]
    assert [theme["theme"] for theme in themes] == ["Heating our homes", "Getting around"]
    assert [item["number"] for item in themes[0]["recommendations"]] == [1, 2]
    assert themes[0]["recommendations"][0]["vote"]["support_percent"] == "91.7"
    assert [item["number"] for item in version.content["not_adopted"]] == [4]
    page = room.client("member2").get("/p/riverside/report/1/").content.decode()
    assert "Recommendation 1: Insulate every council home by 2032" in page
    assert "Why: We heard the evidence on heating our homes." in page
    assert (
        "Vote: 91.7% in support, 12 voted, 80% needed, Strongly support: 9; Support: 2; Oppose: 1."
        in page
    )
    assert "Minority report on the parking levy" in page
    assert "Supported by 2 participants." in page
    assert "Close the ring road on Sundays" in page  # not adopted, listed apart
    assert "We met on five Saturdays." in page
    (entry,) = _events(room)
    assert entry.event == "report.assembled"
    assert entry.actor_role == "participant"
    assert entry.payload["adopted_recommendations"] == 3


@pytest.mark.parametrize("who", ["facilitator", "lead_practitioner", "oversight", "observer"])
def test_nobody_but_the_participants_edits_the_report(room: ReportCast, who: str) -> None:
    assert room.client(who).get(EDIT).status_code == 403
    assert room.client(who).post(EDIT, TEXT).status_code == 403
    assert not ReportVersion.objects.exists()


def test_the_commissioner_is_refused_and_pointed_to_the_change_request_form(
    room: ReportCast,
) -> None:
    _assemble(room)
    response = room.client("commissioner").get(EDIT)
    assert response.status_code == 403
    page = response.content.decode()
    assert "Only the participants edit their report" in page
    assert 'href="/p/riverside/report/change/"' in page
    assert room.client("commissioner").post(EDIT, {**TEXT, "title": "Softer"}).status_code == 403
    assert ReportVersion.objects.get().title == TEXT["title"]


def test_signing_to_the_threshold_freezes_and_publishes_the_report(room: ReportCast) -> None:
    version = _assemble(room)
    page = _sign(room, "participant")
    assert "1 of the 3 needed (75% of the 4 participants)" in page
    assert "2 more signatures are needed to freeze the report." in page
    assert "Withdraw my signature" in page
    _sign(room, "member2")
    page = _sign(room, "member3")
    version.refresh_from_db()
    assert version.frozen
    pdf, html = version.pdf_document, version.html_document
    assert pdf is not None
    assert html is not None
    assert bytes(pdf.content).startswith(b"%PDF-")
    assert hashlib.sha256(bytes(pdf.content)).hexdigest() == version.pdf_sha256 == pdf.sha256
    assert hashlib.sha256(bytes(html.content)).hexdigest() == version.html_sha256
    assert (pdf.kind, html.kind) == ("report", "report")
    assert "Insulate every council home by 2032" in bytes(html.content).decode()
    frozen = _events(room)[-1]
    assert frozen.event == "report.frozen"
    assert frozen.payload["pdf"] == {"path": pdf.path, "sha256": version.pdf_sha256}
    assert frozen.payload["html"] == {"path": html.path, "sha256": version.html_sha256}
    assert (frozen.payload["signatures"], frozen.payload["participants"]) == (3, 4)
    signed = [entry for entry in _events(room) if entry.event == "report.signed"]
    assert len(signed) == 3
    assert all(entry.private_fields == ["signer"] for entry in signed)
    # The public page: the SHA-256 next to the link to the PDF.
    public = room.client("anonymous").get(PAGE)
    assert public.status_code == 404  # riverside is private
    room.process.visibility = "public"
    room.process.save()
    public_page = room.client("anonymous").get(PAGE).content.decode()
    pdf_link = f'href="/p/riverside/documents/{pdf.path.removeprefix("documents/")}"'
    assert re.search(pdf_link + r".*?" + version.pdf_sha256, public_page, re.S)
    assert "3 of 4 participants when it was frozen (3 needed)" in public_page
    assert room.client("anonymous").get(f"/p/riverside/report/{version.number}/").status_code == 200
    download = room.client("anonymous").get(f"/p/riverside/documents/{pdf.path[10:]}")
    assert hashlib.sha256(download.content).hexdigest() == version.pdf_sha256


def test_a_signature_is_withdrawn_before_the_freeze_and_final_after(room: ReportCast) -> None:
    version = _assemble(room)
    _sign(room, "participant")
    client = room.client("participant")
    assert client.post("/p/riverside/report/1/", {"step": "withdraw"}).status_code == 302
    assert not ReportSignature.objects.exists()
    assert _events(room)[-1].event == "report.signature_withdrawn"
    for name in ("participant", "member2", "member3"):
        _sign(room, name)
    refused = client.post("/p/riverside/report/1/", {"step": "withdraw"})
    assert refused.status_code == 400
    assert "its signatures are final" in refused.content.decode()
    # A late signature is counted apart; the published files do not change.
    page = _sign(room, "member4")
    version.refresh_from_db()
    assert ReportSignature.objects.get(signer=room.user("member4")).after_freeze
    assert "3 of 4 participants when it was frozen (3 needed); 4 in all since" in page


def test_the_parking_lot_must_be_clear_before_the_freeze(room: ReportCast) -> None:
    concern = parking.do_raise_concern(
        room.cast.users["facilitator"], room.process, text="Who pays for the buses?"
    )
    version = _assemble(room)
    for name in ("participant", "member2"):
        _sign(room, name)
    page = _sign(room, "member3")
    version.refresh_from_db()
    assert not version.frozen
    assert "Enough participants have signed, but the report cannot be frozen yet" in page
    assert "open concerns: 1" in page
    assert "Freeze and publish the report" not in page
    parking.do_resolve_concern(
        room.cast.users["facilitator"],
        room.process,
        Concern.objects.get(pk=concern.pk),
        resolution="out_of_remit",
        text="Fares are set by the regional authority.",
    )
    page = room.client("member4").get("/p/riverside/report/1/").content.decode()
    assert "Freeze and publish the report" in page
    response = room.client("member4").post("/p/riverside/report/1/", {"step": "freeze"})
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.frozen


def test_changing_the_text_clears_the_signatures_and_says_so(room: ReportCast) -> None:
    version = _assemble(room)
    _sign(room, "member2")
    _sign(room, "member3")
    form = room.client("participant").get(EDIT).content.decode()
    assert (
        "2 participants have signed this version. Saving a change clears their signatures" in form
    )
    changed = {**TEXT, "closing": "Please act on them this year.", "save": "1"}
    assert room.client("participant").post(EDIT, changed).status_code == 302
    assert not ReportSignature.objects.filter(version=version).exists()
    edited = _events(room)[-1]
    assert (edited.event, edited.payload["signatures_cleared"]) == ("report.edited", 2)
    same = room.client("participant").post(EDIT, {**changed})
    assert same.status_code == 400
    assert "Nothing changed" in same.content.decode()


def test_a_frozen_version_is_followed_by_a_new_one_with_its_reason_and_diff(
    room: ReportCast,
) -> None:
    first = _assemble(room)
    for name in ("participant", "member2", "member3"):
        _sign(room, name)
    client = room.client("member2")
    assert "Start version 2" in client.get(EDIT).content.decode()
    assert client.post(EDIT, {"reason": ""}).status_code == 400
    reason = "The introduction said five Saturdays; we met on four."
    assert client.post(EDIT, {"reason": reason}).status_code == 302
    fixed = {**TEXT, "introduction": TEXT["introduction"].replace("five", "four"), "save": "1"}
    assert client.post(EDIT, fixed).status_code == 302
    second = ReportVersion.objects.get(number=2)
    assert second.reason == reason
    # Signing v1 is no longer possible: v2 is the one to sign.
    refused = room.client("member4").post("/p/riverside/report/1/", {"step": "sign"})
    assert refused.status_code == 400
    for name in ("participant", "member3", "member4"):
        _sign(room, name, 2)
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.frozen
    assert first.frozen
    assert second.pdf_document is not None
    assert first.pdf_document is not None
    assert second.pdf_document.replaces_id == first.pdf_document.pk
    assert Document.objects.filter(pk=first.pdf_document.pk).exists()  # still published
    page = room.client("participant").get(PAGE).content.decode()
    assert page.index("Version 2") < page.index("Version 1")
    assert reason in page
    assert "What changed from version 1 (1 words added, 1 removed)" in page
    assert '<del><span class="visually-hidden">Removed: </span>five</del>' in page
    assert first.pdf_sha256 in page
    assert second.pdf_sha256 in page


def test_before_the_freeze_the_public_reads_not_yet_delivered(room: ReportCast) -> None:
    room.process.visibility = "public"
    room.process.save()
    _assemble(room)
    _sign(room, "participant")
    public = room.client("anonymous").get(PAGE).content.decode()
    assert "has not been delivered yet" in public
    assert TEXT["title"] not in public
    assert room.client("anonymous").get("/p/riverside/report/1/").status_code == 403
    assert room.client("commissioner").get("/p/riverside/report/1/").status_code == 403
    member = room.client("facilitator").get(PAGE).content.decode()
    assert "Version 1 is being signed" in member
    assert "1 of the 3 needed" in member


def test_the_system_cannot_sign(room: ReportCast) -> None:
    from minipublic.lifecycle import LifecycleError
    from minipublic.recommendations.report_actions import do_sign_report

    version = _assemble(room)
    with pytest.raises(LifecycleError) as refused:
        do_sign_report(SYSTEM, room.process, version)
    assert refused.value.code == "report_sign_needs_person"


def test_the_portal_section_shows_the_delivered_report_only(room: ReportCast) -> None:
    from django.template.loader import render_to_string

    from minipublic.recommendations.report_portal import portal_section

    _assemble(room)
    context = portal_section(room.process)
    assert context is not None
    html = render_to_string("recommendations/report_portal_section.html", context)
    assert "has not been delivered yet" in html
    assert TEXT["title"] not in html  # never the draft
    for name in ("participant", "member2", "member3"):
        _sign(room, name)
    version = ReportVersion.objects.get()
    html = render_to_string(
        "recommendations/report_portal_section.html", portal_section(room.process)
    )
    assert version.pdf_sha256 in html
    assert f"{TEXT['title']} (PDF)" in html


def test_a_process_with_a_frozen_report_can_be_deleted(room: ReportCast) -> None:
    from minipublic.processes import actions

    _assemble(room)
    for name in ("participant", "member2", "member3"):
        _sign(room, name)
    actions.do_delete_process(SYSTEM, room.process)
    assert not ReportVersion.objects.exists()
    assert not Document.objects.exists()
