"""The commission appraisal pages: who may read and change, answers, negotiation, finalising."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client

from minipublic import clock
from minipublic.accounts.models import User
from minipublic.commissioning.actions import UNPUBLISHED_PRIVATE, do_start_appraisal
from minipublic.commissioning.forms import field_name
from minipublic.commissioning.models import Appraisal
from minipublic.integrity.record import entries, public_entries, verify_database
from minipublic.ledger import reveal_matches
from minipublic.lifecycle import Role
from minipublic.processes.access import SYSTEM
from minipublic.standards import appraisal as core
from tests.cast import ACTORS, ROLE_ACTORS, Cast

LIST = "/p/riverside/manage/appraisal/"
PAGE = "/p/riverside/manage/appraisal/1/"
LEAD = Role.LEAD_PRACTITIONER.value
NDA_SOURCE = "Parry (2024) Holding this space"


def _expected(allowed: tuple[str, ...]) -> dict[str, int]:
    expected = {name: (200 if name in allowed else 403) for name in ROLE_ACTORS}
    return expected | {"outsider": 404, "staff": 404, "anonymous": 302}


def _answer(question: str, value: str) -> dict[str, str]:
    return {"step": "answers", field_name(question): value}


def _appraisal(cast: Cast, number: int = 1) -> Appraisal:
    return Appraisal.objects.get(process=cast.process, number=number)


def _events(cast: Cast, event: str) -> list[dict[str, object]]:
    return [e for e in public_entries(cast.process) if e["event"] == event]


# ------------------------------------------------------------------ access through HTTP


def test_the_pages_follow_the_rules(cast: Cast) -> None:
    do_start_appraisal(SYSTEM, cast.process)
    readers = _expected(("oversight", LEAD))
    for who in ACTORS:
        assert cast.client(who).get(LIST).status_code == readers[who], who
        assert cast.client(who).get(PAGE).status_code == readers[who], who


def test_only_the_lead_practitioner_changes_an_appraisal(cast: Cast) -> None:
    writers = _expected((LEAD,)) | {LEAD: 302}
    do_start_appraisal(SYSTEM, cast.process)
    for who in ACTORS:
        response = cast.client(who).post(PAGE, _answer("control.nda", "yes"))
        assert response.status_code == writers[who], who
    assert _appraisal(cast).answers == {"control.nda": "yes"}
    assert cast.client("oversight").post(LIST).status_code == 403
    assert Appraisal.objects.count() == 1


def test_the_process_page_links_the_appraisal_for_readers_only(cast: Cast) -> None:
    for who, shown in (("oversight", True), (LEAD, True), ("commissioner", False)):
        page = cast.client(who).get("/p/riverside/").content.decode()
        assert (LIST in page) is shown, who


# ------------------------------------------------------------------ answers


def test_partial_answers_are_saved_and_resumed(cast: Cast) -> None:
    lead = cast.client(LEAD)
    assert lead.post(LIST).status_code == 302
    data = _answer("control.nda", "no") | {field_name("time.deliberation-days"): "6"}
    assert lead.post(PAGE, data).status_code == 302
    assert _appraisal(cast).answers == {"control.nda": "no", "time.deliberation-days": 6.0}
    page = lead.get(PAGE).content.decode()
    assert 'value="6.0"' in page
    assert "Incomplete: answer the missing questions." in page
    assert 'value="no" id="id_q_control__nda_1" checked' in page


def test_invalid_answers_are_named_per_question_and_nothing_is_saved(cast: Cast) -> None:
    do_start_appraisal(SYSTEM, cast.process)
    lead = cast.client(LEAD)
    lead.post(PAGE, _answer("control.nda", "no"))
    data = _answer("control.nda", "yes") | {
        field_name("time.deliberation-days"): "many",
        field_name("resources.panel-size"): "0",
        field_name("time.first-session-on"): "2026-13-01",
    }
    response = lead.post(PAGE, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_q_time__deliberation_days_error">Enter a valid number.' in page
    assert 'id="id_q_resources__panel_size_error">Enter a number between 1 and 100000.' in page
    assert 'id="id_q_time__first_session_on_error">Enter a valid date.' in page
    assert _appraisal(cast).answers == {"control.nda": "no"}


# ------------------------------------------------------------------ findings and negotiation


def test_an_nda_is_a_red_line_with_its_source(cast: Cast) -> None:
    do_start_appraisal(SYSTEM, cast.process)
    lead = cast.client(LEAD)
    lead.post(PAGE, _answer("control.nda", "yes"))
    page = cast.client("oversight").get(PAGE).content.decode()
    assert "Red line: Non-disclosure demand" in page
    assert NDA_SOURCE in page
    assert "Cannot accept as it stands" in page


def test_a_conceded_item_clears_the_red_line_and_the_record_shows_it(cast: Cast) -> None:
    do_start_appraisal(SYSTEM, cast.process)
    lead = cast.client(LEAD)
    lead.post(PAGE, _answer("control.nda", "yes"))
    item = {
        "step": "negotiation",
        "rule_id": "control.nda",
        "asked": "Drop the confidentiality clause (zq-ask)",
        "status": "conceded",
        "conceded": "No NDA; all materials public (zq-conceded)",
        "final_condition": "Clause 7 deleted (zq-final)",
        "change_question": "control.nda",
        "change_value": "no",
    }
    assert lead.post(PAGE, item).status_code == 302
    page = lead.get(PAGE).content.decode()
    assert "Red line: Non-disclosure demand" not in page
    for text in ("zq-ask", "zq-conceded", "zq-final", "Cleared"):
        assert text in page
    assert _appraisal(cast).answers == {"control.nda": "yes"}  # the record keeps the ask


def test_an_open_item_is_updated_when_the_commissioner_concedes(cast: Cast) -> None:
    do_start_appraisal(SYSTEM, cast.process)
    lead = cast.client(LEAD)
    lead.post(PAGE, _answer("control.report-editing", "yes"))
    ask = {"step": "negotiation", "rule_id": "control.report-editing", "asked": "No review"}
    assert lead.post(PAGE, ask | {"status": "open"}).status_code == 302
    assert "Red line: Commissioner may edit the report" in lead.get(PAGE).content.decode()
    item = _appraisal(cast).negotiation_items.get()
    update = {
        "step": "update",
        "update-item": str(item.pk),
        "update-status": "conceded",
        "update-conceded": "Review withdrawn (zq-withdrawn)",
        "update-change_question": "control.report-editing",
        "update-change_value": "no",
    }
    assert lead.post(PAGE, update).status_code == 302
    item.refresh_from_db()
    assert item.status == "conceded"
    assert item.changes == {"control.report-editing": "no"}
    page = lead.get(PAGE).content.decode()
    assert "Red line: Commissioner may edit the report" not in page
    assert "zq-withdrawn" in page
    bad = update | {"update-item": str(item.pk + 99)}
    assert lead.post(PAGE, bad).status_code == 400


def test_an_items_concession_and_change_can_be_cleared(cast: Cast) -> None:
    do_start_appraisal(SYSTEM, cast.process)
    lead = cast.client(LEAD)
    lead.post(PAGE, _answer("control.nda", "yes"))
    conceded = {
        "step": "negotiation",
        "rule_id": "control.nda",
        "asked": "Drop the NDA",
        "status": "conceded",
        "conceded": "NDA dropped (zq-conceded)",
        "change_question": "control.nda",
        "change_value": "no",
    }
    assert lead.post(PAGE, conceded).status_code == 302
    item = _appraisal(cast).negotiation_items.get()
    update = {"step": "update", "update-item": str(item.pk), "update-status": "conceded"}
    # Without a choice, the recorded change is kept (only the status and texts are new).
    keep = update | {"update-conceded": "NDA dropped (zq-conceded)"}
    assert lead.post(PAGE, keep).status_code == 302
    item.refresh_from_db()
    assert item.changes == {"control.nda": "no"}
    # The commissioner goes back on it: the concession and the change are cleared.
    cleared = update | {"update-status": "open", "update-change_question": "-"}
    assert lead.post(PAGE, cleared).status_code == 302
    item.refresh_from_db()
    assert (item.status, item.conceded, item.changes) == ("open", "", {})
    page = lead.get(PAGE).content.decode()
    assert "zq-conceded" not in page
    assert 'id="finding-control.nda"' in page  # the red line is back


def test_a_bad_agreed_answer_refuses_the_item(cast: Cast) -> None:
    do_start_appraisal(SYSTEM, cast.process)
    item = {
        "step": "negotiation",
        "rule_id": "control.nda",
        "asked": "Drop it",
        "status": "conceded",
        "change_question": "control.nda",
        "change_value": "perhaps",
    }
    response = cast.client(LEAD).post(PAGE, item)
    assert response.status_code == 400
    assert "Enter a valid yes_no." in response.content.decode()
    assert not _appraisal(cast).negotiation_items.exists()


# ------------------------------------------------------------------ finalising


def test_finalising_unpublished_keeps_the_summary_private(cast: Cast) -> None:
    do_start_appraisal(SYSTEM, cast.process)
    lead = cast.client(LEAD)
    lead.post(PAGE, _answer("control.design-say", "commissioner"))
    response = lead.post(PAGE, {"step": "finalise"})
    assert response.status_code == 302
    appraisal = _appraisal(cast)
    assert appraisal.status == "final"
    assert appraisal.published_at is None
    [entry] = _events(cast, "appraisal.finalised")
    payload = entry["payload"]
    assert isinstance(payload, dict)
    assert payload["number"] == 1
    assert payload["published"] is False
    # What the appraisal found is sealed: only that it was made is public.
    for field in ("verdict", "red_lines", "red_flags", "unaddressed", "override", "summary"):
        assert set(payload[field]) == {"redacted"}, field
    stored = entries(cast.process).get(event="appraisal.finalised").payload
    assert stored["red_flags"] == ["control.design-say"]
    assert stored["unaddressed"] == ["control.design-say"]
    assert stored["verdict"] == "incomplete"
    assert appraisal.summary["findings"][0]["rule"] == "control.design-say"
    assert verify_database(cast.process) == []
    assert lead.post(PAGE, _answer("control.nda", "yes")).status_code == 400


def test_finalising_published_adds_a_public_document(cast: Cast) -> None:
    do_start_appraisal(SYSTEM, cast.process)
    lead = cast.client(LEAD)
    response = lead.post(PAGE, {"step": "finalise", "publish": "on"})
    assert response.status_code == 302
    appraisal = _appraisal(cast)
    assert appraisal.published_at is not None
    [entry] = _events(cast, "appraisal.finalised")
    payload = entry["payload"]
    assert isinstance(payload, dict)
    assert payload["summary"]["questionnaire_version"] == appraisal.summary["questionnaire_version"]
    document = cast.process.documents.get()
    assert document.title == "Commission appraisal 1"
    listing = lead.get("/p/riverside/documents/").content.decode()
    assert "Commission appraisal 1" in listing
    download = lead.get(f"/p/riverside/{document.path}")
    body = json.loads(download.content)
    assert body["verdict"] == appraisal.summary["verdict"]


def test_a_final_appraisal_is_published_later_with_its_sealed_fields_revealed(
    cast: Cast,
) -> None:
    do_start_appraisal(SYSTEM, cast.process)
    lead = cast.client(LEAD)
    lead.post(PAGE, _answer("control.design-say", "commissioner"))
    lead.post(PAGE, {"step": "finalise"})
    assert "Publish this appraisal" in lead.get(PAGE).text
    oversight = cast.client("oversight")
    assert "Publish this appraisal" not in oversight.get(PAGE).text
    assert oversight.post(PAGE, {"step": "publish"}).status_code == 403
    assert _appraisal(cast).published_at is None

    with clock.frozen_at(clock.now() + timedelta(days=30)):
        assert lead.post(PAGE, {"step": "publish"}).status_code == 302
    appraisal = _appraisal(cast)
    assert appraisal.published_at is not None
    assert appraisal.published_at > appraisal.finalised_at
    document = cast.process.documents.get()
    body = json.loads(lead.get(f"/p/riverside/{document.path}").content)
    assert body == appraisal.summary  # as frozen, never recomputed
    # Anyone can check the revealed values against the sealed fields of the earlier entry.
    [finalised] = _events(cast, "appraisal.finalised")
    [published] = _events(cast, "appraisal.published")
    revealed = published["payload"]["revealed"]  # type: ignore[index]
    assert published["payload"]["finalised"] == finalised["sequence"]  # type: ignore[index]
    assert set(revealed) == UNPUBLISHED_PRIVATE - {"override_reason"}  # no override here
    for name, opened in revealed.items():
        sealed = finalised["payload"][name]  # type: ignore[index]
        assert reveal_matches(sealed, opened["value"], opened["salt"]), name
        assert not reveal_matches(sealed, "something else", opened["salt"]), name
    assert revealed["red_flags"]["value"] == ["control.design-say"]
    assert verify_database(cast.process) == []

    page = lead.get(PAGE).text
    assert "Publish this appraisal" not in page
    assert "Published among the process" in page
    again = lead.post(PAGE, {"step": "publish"}, follow=True)
    assert "Appraisal 1 is already published." in again.text
    assert cast.process.documents.count() == 1


def test_a_draft_cannot_be_published_without_finalising(cast: Cast) -> None:
    do_start_appraisal(SYSTEM, cast.process)
    refused = cast.client(LEAD).post(PAGE, {"step": "publish"}, follow=True)
    assert "Finalise appraisal 1 first." in refused.text
    assert _appraisal(cast).published_at is None
    assert not cast.process.documents.exists()


def test_a_remaining_red_line_needs_a_recorded_override(cast: Cast) -> None:
    do_start_appraisal(SYSTEM, cast.process)
    lead = cast.client(LEAD)
    lead.post(PAGE, _answer("control.nda", "yes"))
    before = entries(cast.process).count()
    response = lead.post(PAGE, {"step": "finalise"})
    assert response.status_code == 400
    assert "A red line remains (control.nda)" in response.content.decode()
    assert _appraisal(cast).status == "draft"
    assert entries(cast.process).count() == before
    reason = "The NDA covers only personal data of staff (zq-override)"
    assert lead.post(PAGE, {"step": "finalise", "override_reason": reason}).status_code == 302
    [entry] = _events(cast, "appraisal.finalised")
    payload = entry["payload"]
    assert isinstance(payload, dict)
    for field in ("override", "red_lines", "override_reason"):
        assert set(payload[field]) == {"redacted"}, field
    stored = entries(cast.process).get(event="appraisal.finalised").payload
    assert stored["override"] is True
    assert stored["red_lines"] == ["control.nda"]
    assert stored["override_reason"] == reason
    assert "zq-override" in cast.client("oversight").get(PAGE).content.decode()


def test_the_public_bundle_does_not_tell_what_an_unpublished_appraisal_found(
    public_cast: Cast,
) -> None:
    do_start_appraisal(SYSTEM, public_cast.process)
    lead = public_cast.client(LEAD)
    lead.post(PAGE, _answer("control.nda", "yes"))
    reason = "Only staff data is covered (zq-override)"
    assert lead.post(PAGE, {"step": "finalise", "override_reason": reason}).status_code == 302
    response = public_cast.client("anonymous").get("/p/riverside/integrity/bundle.zip")
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        [name] = [n for n in archive.namelist() if n.endswith("ledger.jsonl")]
        ledger = archive.read(name).decode()
    [line] = [row for row in ledger.splitlines() if '"appraisal.finalised"' in row]
    public = json.loads(line)["payload"]
    assert public["number"] == 1
    assert public["published"] is False
    for field in ("verdict", "red_lines", "red_flags", "unaddressed", "override"):
        assert set(public[field]) == {"redacted"}, field
    for secret in ("control.nda", "cannot_accept", "zq-override"):
        assert secret not in ledger, secret


def test_a_final_appraisal_shows_its_findings_as_frozen(cast: Cast) -> None:
    do_start_appraisal(SYSTEM, cast.process)
    lead = cast.client(LEAD)
    first = (clock.now().date() + timedelta(days=200)).isoformat()
    assert lead.post(PAGE, _answer("time.first-session-on", first)).status_code == 302
    assert 'id="finding-time.lead-time"' not in lead.get(PAGE).content.decode()
    assert lead.post(PAGE, {"step": "finalise"}).status_code == 302
    frozen = [f["rule"] for f in _appraisal(cast).summary["findings"]]
    assert "time.lead-time" not in frozen
    # Five months on, the same answers would leave too little lead time; the final
    # appraisal still shows what was found when it was finalised.
    with clock.frozen_at(clock.now() + timedelta(days=150)):
        page = cast.client("oversight").get(PAGE).content.decode()
    assert 'id="finding-time.lead-time"' not in page
    for rule in frozen:
        assert f'id="finding-{rule}"' in page


def test_a_draft_is_appraised_once_per_request(cast: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    do_start_appraisal(SYSTEM, cast.process)
    lead = cast.client(LEAD)
    lead.post(PAGE, _answer("control.nda", "yes"))
    calls: list[object] = []
    real = core.appraise

    def counted(*args: Any, **kwargs: Any) -> core.Appraisal:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(core, "appraise", counted)
    page = lead.get(PAGE).content.decode()
    assert "Red line: Non-disclosure demand" in page
    assert len(calls) == 1
    calls.clear()
    refused = lead.post(PAGE, {"step": "finalise"})  # a red line remains, no reason given
    assert refused.status_code == 400
    assert len(calls) == 2  # the page's appraisal and the action's own


# ------------------------------------------------------------------ revisiting


def test_revisiting_starts_from_the_answers_as_agreed(cast: Cast) -> None:
    lead = cast.client(LEAD)
    lead.post(LIST)
    lead.post(PAGE, _answer("control.nda", "yes") | {field_name("resources.panel-size"): "40"})
    item = {
        "step": "negotiation",
        "rule_id": "control.nda",
        "asked": "Drop the NDA",
        "status": "conceded",
        "change_question": "control.nda",
        "change_value": "no",
    }
    lead.post(PAGE, item)
    assert lead.post(PAGE, {"step": "finalise"}).status_code == 302
    response = lead.post(LIST)
    assert response.status_code == 302
    assert response["Location"].endswith("/manage/appraisal/2/")
    assert _appraisal(cast, 2).answers == {"control.nda": "no", "resources.panel-size": 40}
    assert _appraisal(cast, 2).status == "draft"
    lead.post(LIST)  # one draft at a time
    assert Appraisal.objects.filter(process=cast.process).count() == 2


@pytest.mark.parametrize("who", ["commissioner", "observer"])
def test_others_cannot_start_one(cast: Cast, who: str) -> None:
    assert cast.client(who).post(LIST).status_code == 403
    assert not Appraisal.objects.exists()


# ------------------------------------------------------------------ the demo


def test_the_demo_appraisals_tell_the_negotiation(db: None, demo_db: None) -> None:

    climate = Appraisal.objects.get(process__slug="demo")
    assert climate.status == "final"
    assert climate.published_at is not None
    assert climate.published_at.date().isoformat() == "2026-06-24"
    negotiation = climate.summary["negotiation"]
    assert [(i["rule"], i["status"], i["cleared"]) for i in negotiation] == [
        ("control.nda", "conceded", True),
        ("control.report-editing", "conceded", True),
        ("time.too-few-hours", "conceded", True),
    ]
    assert climate.summary["answers"]["time.deliberation-days"] == 10
    [entry] = [e for e in public_entries(climate.process) if e["event"] == "appraisal.finalised"]
    assert entry["payload"]["override"] is False
    assert entry["payload"]["red_lines"] == []
    assert climate.process.documents.filter(title="Commission appraisal 1").exists()
    parks = Appraisal.objects.get(process__slug="demo-parks-jury")
    assert parks.finalised_at is not None
    assert parks.published_at is not None
    assert (parks.finalised_at.date().isoformat(), parks.published_at.date().isoformat()) == (
        "2025-01-28",
        "2025-05-20",
    )
    [item] = parks.summary["negotiation"]
    assert (item["rule"], item["status"], item["cleared"]) == (
        "time.too-few-hours",
        "refused",
        False,
    )
    events = [e["event"] for e in public_entries(parks.process) if e["event"].startswith("appr")]
    assert events == ["appraisal.finalised", "appraisal.published"]
    transport = Appraisal.objects.get(process__slug="demo-transport-jury")
    assert transport.status == "draft"
    assert transport.answers["control.report-editing"] == "no"
    assert not transport.negotiation_items.exists()
    page = Client()
    page.force_login(User.objects.get(username="practitioner"))
    html = page.get("/p/demo/manage/appraisal/1/").content.decode()
    assert "Drop the non-disclosure agreement" in html
    assert "Red line:" not in html
    draft = page.get("/p/demo-transport-jury/manage/appraisal/1/").content.decode()
    assert "Incomplete: answer the missing questions." in draft
