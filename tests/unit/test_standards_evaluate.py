"""The conformance report: the label is earned by gates, flips when they fail, and the
report serialises to stable JSON."""

from __future__ import annotations

import dataclasses
import json
from datetime import timedelta

import pytest

from minipublic.standards import (
    CATALOGUE,
    CATALOGUE_VERSION,
    NEUTRAL_LABEL,
    TEMPLATES,
    Attested,
    GateChange,
    Kind,
    Outcome,
    ProcessFacts,
    changed_gates,
    criterion,
    evaluate,
    planned_facts,
    template,
)

ALL = sorted(TEMPLATES)
DAYS = "time.deliberation-days"


def delivered(facts: ProcessFacts, days_after_start: int = 60) -> ProcessFacts:
    """The facts once the participants' report is delivered and published unedited."""
    assert facts.deliberation_starts_on is not None
    on = facts.deliberation_starts_on + timedelta(days=days_after_start)
    return dataclasses.replace(
        facts,
        as_of=on,
        report_delivered_on=on,
        report_approved_hash="h",
        report_published_hash="h",
    )


@pytest.mark.parametrize("template_id", ALL)
def test_cutting_the_days_below_the_threshold_flips_the_label(template_id: str) -> None:
    t = template(template_id)
    before = evaluate(planned_facts(template_id))
    after = evaluate(planned_facts(template_id, deliberation_days=t.thresholds.min_days - 0.5))
    assert before.label == t.name
    assert after.label == NEUTRAL_LABEL
    assert after.failing_gates == (DAYS,)
    assert changed_gates(before, after) == (GateChange(DAYS, Outcome.MET, Outcome.NOT_MET),)
    assert changed_gates(after, before) == (GateChange(DAYS, Outcome.NOT_MET, Outcome.MET),)


def test_restoring_the_days_restores_the_label() -> None:
    cut = evaluate(planned_facts("citizens_jury", deliberation_days=2))
    restored = evaluate(planned_facts("citizens_jury", deliberation_days=4))
    assert cut.label == NEUTRAL_LABEL
    assert restored.label == "Citizens' Jury"


def test_a_justified_shorter_process_keeps_the_label_but_not_below_one_day() -> None:
    why = Attested("The statutory consultation closes in March.", by="lead_practitioner")
    short = evaluate(
        planned_facts("citizens_assembly", deliberation_days=3, shorter_time_justification=why)
    )
    tiny = evaluate(
        planned_facts("citizens_assembly", deliberation_days=0.5, shorter_time_justification=why)
    )
    assert short.label == "Citizens' Assembly"
    assert short.finding(DAYS).attested
    assert tiny.label == NEUTRAL_LABEL
    assert tiny.finding(DAYS).code == "days_below_floor"


def test_an_unknown_gate_blocks_the_label() -> None:
    report = evaluate(planned_facts("citizens_jury", arms_length_final_say=None))
    assert report.label == NEUTRAL_LABEL
    assert report.unknown_gates == ("independence.arms-length",)
    assert report.failing_gates == ()


def test_an_empty_process_names_every_gate_it_lacks() -> None:
    report = evaluate(ProcessFacts(model="citizens_jury"))
    assert report.label == NEUTRAL_LABEL
    gates = {c.id for c in CATALOGUE if c.kind is Kind.GATE}
    assert (
        set(report.unknown_gates)
        | set(report.failing_gates)
        | {f.criterion_id for f in report.gates if f.outcome is Outcome.PENDING}
        == gates
    )


def test_pending_gates_do_not_block_the_label() -> None:
    report = evaluate(planned_facts("citizens_jury"))
    pending = [f.criterion_id for f in report.gates if f.outcome is Outcome.PENDING]
    assert pending == ["ownership.report-unedited", "response.on-time"]
    assert report.label_earned


def test_a_missed_response_deadline_flips_the_label_later() -> None:
    facts = delivered(planned_facts("citizens_jury"))
    in_time = evaluate(facts)
    assert facts.as_of is not None
    late = evaluate(dataclasses.replace(facts, as_of=facts.as_of + timedelta(days=91)))
    assert in_time.label == "Citizens' Jury"
    assert late.label == NEUTRAL_LABEL
    assert changed_gates(in_time, late) == (
        GateChange("response.on-time", Outcome.PENDING, Outcome.NOT_MET),
    )
    assert late.finding("response.on-time").code == "response_overdue"


def test_an_edited_report_flips_the_label() -> None:
    facts = dataclasses.replace(
        delivered(planned_facts("citizens_assembly")), report_published_hash="x"
    )
    report = evaluate(facts)
    assert report.failing_gates == ("ownership.report-unedited",)
    assert report.label == NEUTRAL_LABEL


def test_a_citizens_initiative_review_has_no_response_gates() -> None:
    report = evaluate(planned_facts("citizens_initiative_review"))
    response = [f for f in report.findings if f.criterion_id.startswith("response.")]
    assert {f.outcome for f in response} == {Outcome.NOT_APPLICABLE}
    assert all(f.criterion_id.split(".")[0] != "response" for f in report.gates)


def test_every_criterion_has_a_finding_sorted_by_id() -> None:
    report = evaluate(planned_facts("planning_cell"))
    ids = [f.criterion_id for f in report.findings]
    assert ids == sorted(c.id for c in CATALOGUE)
    assert report.catalogue_version == CATALOGUE_VERSION


def test_a_custom_catalogue_and_thresholds_can_be_used() -> None:
    facts = planned_facts("citizens_jury")
    strict = dataclasses.replace(template("citizens_jury").thresholds, min_days=10)
    report = evaluate(facts, catalogue=[criterion(DAYS)], thresholds=strict)
    assert [f.criterion_id for f in report.findings] == [DAYS]
    assert report.failing_gates == (DAYS,)
    assert report.finding(DAYS).params["min_days"] == 10


def test_as_dict_round_trips_through_json_and_is_stable() -> None:
    facts = delivered(planned_facts("citizens_assembly"), days_after_start=200)
    report = evaluate(facts)
    data = report.as_dict()
    text = json.dumps(data, sort_keys=True)
    assert json.loads(text) == data
    assert json.dumps(evaluate(facts).as_dict(), sort_keys=True) == text
    assert data["catalogue_version"] == CATALOGUE_VERSION
    assert data["label"] == report.label
    assert [f["criterion"] for f in data["findings"]] == sorted(
        f["criterion"] for f in data["findings"]
    )
    for finding in data["findings"]:
        assert list(finding["params"]) == sorted(finding["params"])
        assert finding["kind"] in {k.value for k in Kind}
        assert finding["outcome"] in {o.value for o in Outcome}


def test_as_dict_names_failing_and_unknown_gates_plainly() -> None:
    facts = planned_facts("citizens_jury", deliberation_days=1, oversight_group=None)
    gates = evaluate(facts).as_dict()["gates"]
    assert gates["failing"] == [DAYS]
    assert gates["unknown"] == ["independence.oversight-group"]
    assert evaluate(facts).as_dict()["label"] == NEUTRAL_LABEL


def test_attested_findings_are_marked_in_the_json() -> None:
    data = evaluate(planned_facts("citizens_jury")).as_dict()
    attested = {f["criterion"] for f in data["findings"] if f["attested"]}
    assert "independence.arms-length" in attested
    assert "selection.verified" not in attested
