"""Oversight sign-offs: only oversight decides, objections give reasons, all is public."""

from __future__ import annotations

import hashlib

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from minipublic.conformance.models import SignOff
from minipublic.conformance.signoffs import do_sign_off, sign_off_status, subject_sha256
from minipublic.integrity.documents import do_publish_document
from minipublic.integrity.record import entries, public_entries, verify_database
from minipublic.integrity.uploads import check_bytes
from minipublic.lifecycle import LifecycleError, Phase
from minipublic.processes import actions
from minipublic.processes.access import SYSTEM
from tests.cast import ACTORS, ROLE_ACTORS, Cast, accept_all_terms

MANAGE = "/p/riverside/manage/sign-offs/"
PUBLIC = "/p/riverside/sign-offs/"
REASONS = "The remit brackets out the sea wall (zq-reasons)."


def _decide(cast: Cast, subject: str, decision: str, reasons: str = "") -> SignOff:
    return do_sign_off(
        cast.users["oversight"], cast.process, subject=subject, decision=decision, reasons=reasons
    )


def _post(cast: Cast, who: str, **data: str) -> object:
    return cast.client(who).post(MANAGE, {"subject": "question", "decision": "signed_off", **data})


# ------------------------------------------------------------------ who may sign off


def test_only_oversight_signs_off(cast: Cast) -> None:
    expected_page = dict.fromkeys(ROLE_ACTORS, 403) | {
        "oversight": 200,
        "outsider": 404,
        "staff": 404,
        "anonymous": 302,
    }
    expected_post = expected_page | {"oversight": 302}
    for who in ACTORS:
        assert cast.client(who).get(MANAGE).status_code == expected_page[who], who
        assert _post(cast, who).status_code == expected_post[who], who  # type: ignore[attr-defined]
    assert SignOff.objects.count() == 1
    assert SignOff.objects.get().decided_by == cast.users["oversight"]
    for who in ROLE_ACTORS:
        if who == "oversight":
            continue
        with pytest.raises(PermissionDenied):
            do_sign_off(cast.users[who], cast.process, subject="question", decision="signed_off")


def test_a_closed_process_takes_no_more_decisions_but_shows_them(cast: Cast) -> None:
    _decide(cast, "question", "signed_off")
    cast.process.phase = Phase.CLOSED
    cast.process.save()
    assert cast.client("oversight").post(MANAGE, {}).status_code == 403
    with pytest.raises(PermissionDenied):
        _decide(cast, "question", "objected", REASONS)
    page = cast.client("oversight").get(MANAGE)
    assert page.status_code == 200
    assert 'name="decision"' not in page.text
    assert "The process is closed" in page.text
    assert SignOff.objects.count() == 1


def test_the_process_page_and_the_dashboard_link_to_the_pages(public_cast: Cast) -> None:
    assert PUBLIC in public_cast.client("anonymous").get("/p/riverside/").text
    dashboard = public_cast.client("oversight").get("/p/riverside/manage/oversight/").text
    assert MANAGE in dashboard
    # The process page's own menu: sign-offs for oversight, statements for the lead only.
    attestations = "/p/riverside/manage/attestations/"
    for who in ACTORS:
        page = public_cast.client(who).get("/p/riverside/").text
        assert (f'href="{MANAGE}"' in page) == (who == "oversight"), who
        assert (f'href="{attestations}"' in page) == (who == "lead_practitioner"), who


# ------------------------------------------------------------------ deciding


def test_an_objection_without_reasons_is_refused_with_the_message(cast: Cast) -> None:
    response = _post(cast, "oversight", decision="objected", reasons="   ")
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "Give the reasons for the objection" in response.text  # type: ignore[attr-defined]
    with pytest.raises(LifecycleError) as refused:
        _decide(cast, "materials", "objected")
    assert refused.value.code == "objection_needs_reasons"
    assert not SignOff.objects.exists()
    assert not [e for e in entries(cast.process) if e.event.startswith("oversight.")]


def test_unknown_subjects_and_decisions_are_refused(cast: Cast) -> None:
    for data in ({"subject": "budget"}, {"decision": "maybe"}):
        assert _post(cast, "oversight", **data).status_code == 400  # type: ignore[attr-defined]
    with pytest.raises(LifecycleError) as refused:
        _decide(cast, "budget", "signed_off")
    assert refused.value.code == "sign_off_subject_unknown"
    assert not SignOff.objects.exists()


def test_decisions_are_numbered_and_recorded_in_the_ledger(cast: Cast) -> None:
    response = _post(cast, "oversight", decision="objected", reasons=REASONS)
    assert response.status_code == 302  # type: ignore[attr-defined]
    second = _decide(cast, "selection", "signed_off")
    third = _decide(cast, "question", "signed_off", "Reworded as we asked.")
    assert [row.number for row in SignOff.objects.order_by("pk")] == [1, 2, 3]
    assert (second.number, third.number) == (2, 3)
    recorded = [e for e in entries(cast.process) if e.event.startswith("oversight.")]
    assert [(e.event, e.actor_role) for e in recorded] == [
        ("oversight.objected", "oversight"),
        ("oversight.signed_off", "oversight"),
        ("oversight.signed_off", "oversight"),
    ]
    question = hashlib.sha256(b"How should Riverside adapt to flooding?").hexdigest()
    assert recorded[0].payload == {
        "number": 1,
        "subject": "question",
        "reasons": REASONS,
        "subject_sha256": question,
    }
    assert recorded[1].payload["subject_sha256"] == subject_sha256(cast.process, "selection")
    # The reasons are public: nothing of the entry is kept private.
    public = [r for r in public_entries(cast.process) if r["event"] == "oversight.objected"]
    assert public[0]["payload"]["reasons"] == REASONS
    assert not recorded[0].private_fields
    assert not verify_database()


def test_numbers_count_per_process(cast: Cast) -> None:
    other = actions.do_create_process(
        SYSTEM,
        slug="hillside",
        title="Hillside Jury",
        question="Where should the new school go?",
        commissioning_body="Hillside Council",
        lead=cast.users["lead_practitioner"],
    )
    actions.do_add_member(SYSTEM, other, cast.users["oversight"], "oversight")  # type: ignore[arg-type]
    accept_all_terms(other)
    _decide(cast, "question", "signed_off")
    elsewhere = do_sign_off(
        cast.users["oversight"], other, subject="question", decision="signed_off"
    )
    assert elsewhere.number == 1
    assert _decide(cast, "materials", "signed_off").number == 2


# ------------------------------------------------------------------ the public page


def test_the_public_page_shows_decisions_and_reasons_but_no_names(public_cast: Cast) -> None:
    _decide(public_cast, "materials", "objected", REASONS)
    _decide(public_cast, "question", "signed_off", "An open question.")
    page = public_cast.client("anonymous").get(PUBLIC)
    assert page.status_code == 200
    html = page.text
    assert REASONS in html
    assert "An open question." in html
    assert "Objected" in html
    assert "Signed off" in html
    assert "No decision yet" in html  # selection and witnesses
    # Nobody's account name or e-mail address is on the page.
    for user in public_cast.users.values():
        assert user.email not in html
    assert ">oversight<" not in html
    assert 'name="decision"' not in html  # no form on the public page


def test_the_public_page_of_a_private_process_is_not_found(cast: Cast) -> None:
    expected = dict.fromkeys(ROLE_ACTORS, 200) | {
        "outsider": 404,
        "staff": 404,
        "anonymous": 404,
    }
    for who in ACTORS:
        assert cast.client(who).get(PUBLIC).status_code == expected[who], who


def test_editing_the_remit_shows_that_an_earlier_version_was_signed_off(cast: Cast) -> None:
    _decide(cast, "question", "signed_off")
    before = cast.client("commissioner").get(PUBLIC).text
    assert "Signed off an earlier version" not in before
    assert next(s.signed_off for s in sign_off_status(cast.process)) is True
    edit = cast.client("lead_practitioner").post(
        "/p/riverside/manage/details/",
        {
            "title": "Riverside Citizens' Assembly",
            "question": "How should Riverside adapt to flooding, and who should pay?",
            "description": "",
            "commissioning_body": "Riverside Council",
            "model": cast.process.model,
        },
    )
    assert edit.status_code == 302
    after = cast.client("commissioner").get(PUBLIC).text
    assert "Signed off an earlier version" in after
    status = sign_off_status(cast.refresh())[0]
    assert status.changed_since
    assert not status.signed_off
    # A new sign-off of the current remit clears the warning.
    _decide(cast, "question", "signed_off", "The new wording is fine.")
    assert "Signed off an earlier version" not in cast.client("oversight").get(MANAGE).text


def test_a_corrected_briefing_changes_the_materials_fingerprint(cast: Cast) -> None:
    empty = subject_sha256(cast.process, "materials")
    assert subject_sha256(cast.process, "witnesses") == empty  # both hash an empty list
    first = do_publish_document(
        SYSTEM, cast.process, title="Brief", kind="briefing", file=check_bytes("b.md", b"v1")
    )
    _decide(cast, "materials", "objected", "One-sided sources.")
    do_publish_document(
        SYSTEM, cast.process, title="Other", kind="minutes", file=check_bytes("m.md", b"m")
    )
    assert not sign_off_status(cast.process)[3].changed_since  # minutes are no material
    do_publish_document(
        SYSTEM,
        cast.process,
        title="Brief v2",
        kind="briefing",
        file=check_bytes("b2.md", b"v2"),
        replaces=first,
    )
    materials = sign_off_status(cast.process)[3]
    assert materials.changed_since
    page = cast.client("oversight").get(MANAGE).text
    assert "Objected to an earlier version" in page
    assert materials.current_sha256 in page  # the current fingerprint is shown


# ------------------------------------------------------------------ the demo


def test_the_demo_oversight_panel_signs_off_and_objects(db: None, demo_db: None) -> None:

    rows = list(SignOff.objects.filter(process__slug="demo").order_by("number"))
    assert [(r.subject, r.decision) for r in rows] == [
        ("question", "signed_off"),
        ("witnesses", "signed_off"),
        ("selection", "signed_off"),
        ("materials", "objected"),
        ("materials", "signed_off"),
        ("witnesses", "signed_off"),
    ]
    assert [r.decided_at.date().isoformat() for r in rows] == [
        "2026-06-24",
        "2026-07-22",
        "2026-08-19",
        "2026-09-21",
        "2026-09-25",
        "2026-10-02",
    ]
    assert rows[0].decided_by is not None
    assert rows[0].decided_by.username == "oversight"
    process = rows[0].process
    # The objection was to version 1 of the briefing; the sign-off is of version 2, current.
    assert rows[3].subject_sha256 != rows[4].subject_sha256
    # The witness list changed between July and October (the members' witnesses invited).
    assert rows[1].subject_sha256 != rows[5].subject_sha256
    statuses = {s.subject.value: s for s in sign_off_status(process)}
    assert all(s.signed_off for s in statuses.values())
    assert not any(s.changed_since for s in statuses.values())
    html = Client().get("/p/demo/sign-offs/").text
    assert "installers&#x27; brochures" in html
    assert not verify_database()
