"""Conformance: facts from the platform's own data, attestations, the label and its log."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from html import escape
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from typer.testing import CliRunner

from minipublic import clock
from minipublic.cli.app import app
from minipublic.conformance import actions as conformance_actions
from minipublic.conformance import views as conformance_views
from minipublic.conformance.actions import do_attest, do_attest_many
from minipublic.conformance.facts import ATTESTED_FACT, ATTESTED_TYPES, facts_for
from minipublic.conformance.models import Attestation, ConformanceState
from minipublic.integrity.declarations import do_declare_interest
from minipublic.integrity.documents import do_publish_document
from minipublic.integrity.record import entries, verify_database
from minipublic.integrity.uploads import check_bytes
from minipublic.lifecycle import LifecycleError
from minipublic.processes.access import SYSTEM
from minipublic.processes.actions import do_update_design
from minipublic.processes.design import PlannedDesign
from minipublic.selection.commit import do_commit_run
from minipublic.selection.draw import do_draw_panel
from minipublic.selection.models import SelectionRun
from minipublic.sortition import verify
from minipublic.standards import NEUTRAL_LABEL, attested_fields, template
from tests.cast import ACTORS, ROLE_ACTORS, Cast
from tests.selection_fixtures import (
    add_registrants,
    engine_files,
    finished_run,
    later,
    to_selection_phase,
)

pytestmark = pytest.mark.django_db

REPORT = "/p/riverside/conformance/"
JSON = "/p/riverside/conformance.json"
ATTEST = "/p/riverside/manage/attestations/"
DESIGN = "/p/riverside/manage/design/"
MODEL = template("citizens_assembly")
STAFF = ("commissioner", "lead_practitioner", "facilitator", "recruiter", "expert", "oversight")


def _events(cast: Cast, event: str) -> list[dict[str, object]]:
    return [dict(row.payload) for row in entries(cast.process) if row.event == event]


def _design(cast: Cast, **fields: object) -> None:
    # Through the design action of the manage page.
    values: dict[str, object] = {
        "planned_days": Decimal(str(MODEL.days)),
        "planned_meetings": MODEL.meetings,
        "planned_panel_size": MODEL.panel.default,
        "response_days": 90,
        **fields,
    }
    do_update_design(SYSTEM, cast.refresh(), PlannedDesign(**values))  # type: ignore[arg-type]
    cast.refresh()


def _publish(cast: Cast, kind: str, name: str) -> None:
    do_publish_document(
        SYSTEM, cast.process, title=name, kind=kind, file=check_bytes(f"{name}.md", b"text")
    )


def _drawn(cast: Cast, factory: pytest.TempPathFactory, tmp_path: Path) -> None:
    to_selection_phase(cast.process)
    add_registrants(cast.process)
    run = finished_run(cast, engine_files(factory), tmp_path / "run-1")
    lead = cast.users["lead_practitioner"]
    do_commit_run(
        lead,
        cast.process,
        run,
        announced_for=later(10),
        randomness_source="Three dice rolled at the meeting",
        publish_answers=False,
    )
    with clock.frozen_at(later(15)):
        do_draw_panel(lead, cast.process, run, randomness="381")
    cast.refresh()


# ---------------------------------------------------------------- facts from real data


def test_facts_come_from_the_platforms_own_records(cast: Cast) -> None:
    facts = facts_for(cast.process, today=date(2026, 5, 1))
    assert facts.model == "citizens_assembly"
    assert facts.as_of == date(2026, 5, 1)
    assert facts.deliberation_days is None
    assert facts.response_commitment_on is None
    assert facts.oversight_group is True  # the cast has an oversight member
    assert facts.participant_names_private is True
    assert facts.selection_random is None
    assert facts.selection_verified is None
    assert facts.conflicts_declared is False
    assert facts.materials is None

    _design(cast, planned_days=Decimal("2.5"), planned_hours=20)
    _publish(cast, "terms", "terms")
    _publish(cast, "briefing", "brief-1")
    _publish(cast, "briefing", "brief-2")
    for who in STAFF:
        do_declare_interest(cast.users[who], cast.process, kind="none", details="")
    facts = facts_for(cast.process)
    assert facts.deliberation_days == 2.5
    assert facts.deliberation_hours == 20.0
    assert facts.meetings == MODEL.meetings
    assert facts.panel_size == MODEL.panel.default
    assert facts.response_deadline_days == 90
    assert facts.response_commitment_on == clock.now().date()
    assert facts.materials == 2
    assert facts.materials_published == 2
    assert facts.conflicts_declared is True
    assert facts.arms_length_final_say is None


def test_a_drawn_selection_is_verified_evidence(
    cast: Cast, tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    _drawn(cast, tmp_path_factory, tmp_path)
    facts = facts_for(cast.process)
    assert facts.selection_random
    assert facts.selection_in_platform
    assert facts.stratified is True
    assert facts.selection_verified is True
    # Verified once, at the draw; the result is kept with the run.
    run = cast.process.selection_runs.get(number=1)
    assert run.summary["verified"] is True
    # A tampered file no longer verifies once the files are checked again (as every
    # re-evaluation does); the new result is kept for the pages.
    lottery = Path(run.output_dir) / "lottery.json"
    lottery.write_bytes(lottery.read_bytes().replace(b"0", b"1", 1))
    assert facts_for(cast.process).selection_verified is True
    assert facts_for(cast.process, reverify=True).selection_verified is False
    assert facts_for(cast.process).selection_verified is False
    run.refresh_from_db()
    assert run.summary["verified"] is False


def test_pages_never_verify_the_selection_files_again(
    cast: Cast,
    tmp_path_factory: pytest.TempPathFactory,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _drawn(cast, tmp_path_factory, tmp_path)
    run = cast.process.selection_runs.get(number=1)
    summary = dict(run.summary)
    del summary["verified"]  # a run drawn before the result was kept
    SelectionRun.objects.filter(pk=run.pk).update(summary=summary)
    calls: list[Path] = []
    real = verify.verify_directory

    def counted(directory: Path) -> list[verify.Check]:
        calls.append(directory)
        return real(directory)

    monkeypatch.setattr(verify, "verify_directory", counted)
    reader = cast.client("participant")
    for _ in range(3):
        assert reader.get(REPORT).status_code == 200
    assert len(calls) == 1  # checked once for the older run, then read
    run.refresh_from_db()
    assert run.summary["verified"] is True
    # The process page reads the label as last evaluated: nothing is evaluated there.
    do_attest(cast.users["lead_practitioner"], cast.process, fact="data_protection", value=True)
    assert len(calls) == 2  # the re-evaluation checks the files again
    state = ConformanceState.objects.get(process=cast.process)

    def evaluating(process: object) -> None:
        raise AssertionError("the process page evaluated the standards")

    monkeypatch.setattr(conformance_views, "report_for", evaluating)
    html = reader.get("/p/riverside/").content.decode()
    label = html.split('class="conformance-label"')[1].split("</p>")[0]
    assert not state.label_earned
    assert "Public engagement process" in label
    blocking = sum(1 for outcome in state.gates.values() if outcome in ("not_met", "unknown"))
    assert f"{blocking} gates not met or without evidence" in label
    assert len(calls) == 2


# ---------------------------------------------------------------- attestations


def test_only_the_lead_practitioner_attests(cast: Cast) -> None:
    expected = dict.fromkeys(ROLE_ACTORS, 403) | {"lead_practitioner": 200}
    expected |= {"outsider": 404, "staff": 404, "anonymous": 302}
    for who in ACTORS:
        assert cast.client(who).get(ATTEST).status_code == expected[who], who
    for who in ROLE_ACTORS:
        if who != "lead_practitioner":
            with pytest.raises(PermissionDenied):
                do_attest(cast.users[who], cast.process, fact="data_protection", value=True)
            response = cast.client(who).post(ATTEST, {"data_protection": "yes"})
            assert response.status_code == 403, who
    assert not Attestation.objects.exists()


def test_an_attestation_is_logged_and_marks_its_finding(cast: Cast) -> None:
    lead = cast.client("lead_practitioner")
    page = lead.get(ATTEST)
    assert page.context["form"]["arms_length_final_say"].initial == ""
    response = lead.post(
        ATTEST, {"arms_length_final_say": "yes", "note": "Clause 4 of the contract (zq-clause)"}
    )
    assert response.status_code == 302
    row = Attestation.objects.get()
    assert (row.fact, row.value, row.attested_by_role) == (
        "arms_length_final_say",
        True,
        "lead_practitioner",
    )
    assert _events(cast, "conformance.attested") == [
        {
            "fact": "arms_length_final_say",
            "value": True,
            "note": "Clause 4 of the contract (zq-clause)",
        }
    ]
    assert lead.get(ATTEST).context["form"]["arms_length_final_say"].initial == "yes"
    report = cast.client("commissioner").get(REPORT)
    assert report.status_code == 200
    html = report.content.decode()
    row_html = html.split('id="criterion-independence.arms-length"')[1].split("</tr>")[0]
    assert "Met" in row_html
    assert "Attested by Lead practitioner on" in row_html
    # Re-posting the same statement changes nothing.
    lead.post(ATTEST, {"arms_length_final_say": "yes"})
    assert Attestation.objects.count() == 1
    assert verify_database(cast.process) == []


def test_several_statements_are_recorded_with_one_evaluation(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    evaluations: list[object] = []
    real = facts_for

    def counted(process: object, **kwargs: Any) -> object:
        evaluations.append(process)
        return real(process, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(conformance_actions, "facts_for", counted)
    statements = {
        "decision_open": "yes",
        "facilitated_small_groups": "yes",
        "data_protection": "no",
        "note": "Agreed at the steering meeting (zq-steering)",
    }
    response = cast.client("lead_practitioner").post(ATTEST, statements)
    assert response.status_code == 302
    assert len(evaluations) == 1
    assert {(row.fact, row.value) for row in Attestation.objects.all()} == {
        ("decision_open", True),
        ("facilitated_small_groups", True),
        ("data_protection", False),
    }
    logged = _events(cast, "conformance.attested")
    facts = [str(entry["fact"]) for entry in logged]
    assert facts == sorted(facts)
    assert {entry["note"] for entry in logged} == {statements["note"]}
    assert ConformanceState.objects.filter(process=cast.process).exists()
    # One bad statement refuses them all.
    with pytest.raises(LifecycleError):
        do_attest_many(
            cast.users["lead_practitioner"],
            cast.process,
            {"arms_length_final_say": (True, ""), "oversight_group": (True, "")},
        )
    assert Attestation.objects.count() == 3
    assert len(evaluations) == 1


def test_the_attestation_tables_come_from_the_standards_core() -> None:
    facts = attested_fields()
    assert set(ATTESTED_TYPES) == facts
    assert ATTESTED_TYPES["shorter_time_justification"] is str
    assert {ATTESTED_TYPES[fact] for fact in facts - {"shorter_time_justification"}} == {bool}
    # Every attestable fact is read by a criterion, whose finding then names who attested.
    assert set(ATTESTED_FACT.values()) == facts
    assert ATTESTED_FACT["independence.arms-length"] == "arms_length_final_say"
    assert ATTESTED_FACT["time.deliberation-days"] == "shorter_time_justification"


def test_attestations_are_validated(cast: Cast) -> None:
    lead = cast.users["lead_practitioner"]
    with pytest.raises(LifecycleError) as error:
        do_attest(lead, cast.process, fact="oversight_group", value=True)
    assert error.value.code == "fact_not_attestable"
    with pytest.raises(LifecycleError) as error:
        do_attest(lead, cast.process, fact="data_protection", value="yes")
    assert error.value.code == "attestation_value_invalid"
    with pytest.raises(LifecycleError) as error:
        do_attest(lead, cast.process, fact="shorter_time_justification", value="  ")
    assert error.value.code == "attestation_needs_text"
    response = cast.client("lead_practitioner").post(ATTEST, {"data_protection": "maybe"})
    assert response.status_code == 400
    assert not Attestation.objects.exists()
    assert not _events(cast, "conformance.attested")


def test_the_design_action_is_the_practitioners_and_reevaluates(cast: Cast) -> None:
    design = PlannedDesign(
        planned_days=Decimal(str(MODEL.days)),
        planned_meetings=MODEL.meetings,
        planned_panel_size=MODEL.panel.default,
        response_days=90,
    )
    for who in ("commissioner", "facilitator", "oversight"):
        with pytest.raises(PermissionDenied):
            do_update_design(cast.users[who], cast.process, design)
    assert not ConformanceState.objects.exists()
    do_update_design(cast.users["lead_practitioner"], cast.refresh(), design)
    process = cast.refresh()
    assert process.planned_days == Decimal(str(MODEL.days))
    [updated] = _events(cast, "process.updated")
    changed = updated["changed"]
    logged_design = updated["design"]
    assert isinstance(changed, list)
    assert isinstance(logged_design, dict)
    assert changed == sorted(changed)
    assert "planned_days" in changed
    assert logged_design["planned_panel_size"] == MODEL.panel.default
    assert [row.actor_role for row in entries(cast.process) if row.event == "process.updated"] == [
        "lead_practitioner"
    ]
    # The same transaction evaluated the process and logged its first label.
    state = ConformanceState.objects.get(process=process)
    assert state.gates["time.deliberation-days"] == "met"
    assert len(_events(cast, "conformance.label_changed")) == 1
    # Saving the same design again logs nothing.
    do_update_design(cast.users["lead_practitioner"], cast.refresh(), design)
    assert len(_events(cast, "process.updated")) == 1
    assert len(_events(cast, "conformance.label_changed")) == 1


# ---------------------------------------------------------------- the label


def _earn_the_label(cast: Cast, factory: pytest.TempPathFactory, tmp_path: Path) -> None:
    _design(cast)
    _publish(cast, "terms", "terms")
    _drawn(cast, factory, tmp_path)
    do_attest(
        cast.users["lead_practitioner"], cast.process, fact="arms_length_final_say", value=True
    )


def test_the_label_flips_once_when_the_days_are_cut(
    cast: Cast, tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    _earn_the_label(cast, tmp_path_factory, tmp_path)
    state = ConformanceState.objects.get(process=cast.process)
    assert state.label == MODEL.name
    assert state.label_earned
    page = cast.client("participant").get(REPORT)
    assert page.context["report"].label_earned
    assert not page.context["blocking"]
    assert escape(MODEL.name) in cast.client("participant").get("/p/riverside/").content.decode()
    logged = len(_events(cast, "conformance.label_changed"))

    # The lead practitioner cuts the days on the edit page, below the model's minimum.
    cut = {
        "planned_days": str(MODEL.thresholds.min_days - 1),
        "planned_meetings": str(MODEL.meetings),
        "planned_panel_size": str(MODEL.panel.default),
        "response_days": "90",
    }
    response = cast.client("lead_practitioner").post(DESIGN, cut)
    assert response.status_code == 302
    assert cast.refresh().planned_days == Decimal(cut["planned_days"])
    # Saving the design re-evaluates: the name is gone at once, and the change is logged.
    assert not cast.client("participant").get(REPORT).context["report"].label_earned
    changes = _events(cast, "conformance.label_changed")
    assert len(changes) == logged + 1
    assert changes[-1] == {
        "label_before": MODEL.name,
        "label_after": NEUTRAL_LABEL,
        "gates": [{"criterion": "time.deliberation-days", "before": "met", "after": "not_met"}],
        "catalogue_version": state.catalogue_version,
    }
    # Nothing changed since: the nightly run logs nothing more.
    result = CliRunner().invoke(app, ["conformance"])
    assert "riverside: Public engagement process (unchanged)." in result.output
    assert len(_events(cast, "conformance.label_changed")) == logged + 1
    html = cast.client("participant").get(REPORT).content.decode()
    failing = html.split('class="failing-gates"')[1].split("</ul>")[0]
    assert "Enough days of deliberation" in failing or "days of deliberation" in failing
    assert (
        "Public engagement process"
        in cast.client("participant").get("/p/riverside/").content.decode()
    )
    # A written justification restores the label (the shorter process stays above one day).
    do_attest(
        cast.users["lead_practitioner"],
        cast.process,
        fact="shorter_time_justification",
        value="Two weekends are all the council's budget allows; the remit is narrow.",
    )
    assert ConformanceState.objects.get(process=cast.process).label == MODEL.name
    # The nightly run notices what changes when nobody acts: here the drawn run's
    # lottery file no longer matches its commitment.
    run = SelectionRun.objects.get(process=cast.process, draw__isnull=False)
    lottery = Path(run.output_dir) / "lottery.json"
    lottery.write_text(lottery.read_text().replace("[", "[ ", 1))
    result = CliRunner().invoke(app, ["conformance", "--process", "riverside"])
    assert result.exit_code == 0, result.output
    assert f"riverside: {NEUTRAL_LABEL} (label or gates changed, logged)." in result.output
    assert _events(cast, "conformance.label_changed")[-1]["gates"] == [
        {"criterion": "selection.verified", "before": "met", "after": "not_met"}
    ]
    assert verify_database(cast.process) == []
    assert CliRunner().invoke(app, ["conformance", "--process", "nowhere"]).exit_code == 2


def test_the_json_report(public_cast: Cast) -> None:
    response = public_cast.client("anonymous").get(JSON)
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["process"] == "riverside"
    assert data["model"] == "citizens_assembly"
    assert data["label"] == NEUTRAL_LABEL
    assert data["label_earned"] is False
    assert "time.deliberation-days" in data["gates"]["unknown"]
    assert "evaluated_at" in data
    assert data["catalogue_version"]
    finding = next(f for f in data["findings"] if f["criterion"] == "independence.oversight-group")
    assert finding["outcome"] == "met"
    assert finding["attested"] is False
    assert public_cast.client("anonymous").post(JSON).status_code == 405


def test_a_private_process_hides_its_report(cast: Cast) -> None:
    assert cast.client("outsider").get(REPORT).status_code == 404
    assert cast.client("anonymous").get(JSON).status_code == 404
    assert cast.client("observer").get(JSON).status_code == 200
