"""Templates: the nine models, sourced defaults, and the invariant that a process run as
its template plans passes every gate."""

from __future__ import annotations

import dataclasses
import pickle
from datetime import timedelta

import pytest

from minipublic.lifecycle import PHASE_ORDER, Phase, ProcessModel
from minipublic.standards import (
    CATALOGUE,
    SOURCES,
    TEMPLATES,
    Kind,
    Outcome,
    ProcessFacts,
    ProcessTemplate,
    StandardsError,
    evaluate,
    planned_facts,
    template,
    template_for_model,
)

MODELS = {
    "citizens_assembly",
    "citizens_jury",
    "planning_cell",
    "consensus_conference",
    "g1000",
    "citizens_council",
    "deliberative_poll",
    "citizens_initiative_review",
    "ostbelgien",
}
ALL = sorted(TEMPLATES)


def completed(t: ProcessTemplate) -> ProcessFacts:
    """The planned facts after the report and a timely response (where one is due)."""
    start = planned_facts(t.id)
    assert start.deliberation_starts_on is not None
    delivered = start.deliberation_starts_on + timedelta(days=30 * t.duration_months // 2)
    answered = delivered + timedelta(days=(t.response.deadline_days or 1) - 1)
    return dataclasses.replace(
        start,
        as_of=answered + timedelta(days=1),
        report_delivered_on=delivered,
        report_approved_hash="sha256:abc",
        report_published_hash="sha256:abc",
        response_published_on=answered,
        response_per_recommendation=True,
    )


def test_there_is_a_template_for_each_model_of_the_notes() -> None:
    assert set(TEMPLATES) == MODELS
    names = [t.name for t in TEMPLATES.values()]
    assert len(names) == len(set(names))
    assert all(key == t.id for key, t in TEMPLATES.items())


def test_an_unknown_template_is_a_coded_error() -> None:
    with pytest.raises(StandardsError) as error:
        template("citizens_parliament")
    assert error.value.code == "unknown_template"
    assert error.value.params["template_id"] == "citizens_parliament"
    assert error.value.params["known"] == ALL
    assert pickle.loads(pickle.dumps(error.value)).code == "unknown_template"


def test_an_unknown_model_in_the_facts_is_a_coded_error() -> None:
    with pytest.raises(StandardsError) as error:
        evaluate(ProcessFacts(model="townhall"))
    assert error.value.code == "unknown_template"


@pytest.mark.parametrize("model", list(ProcessModel))
def test_each_life_cycle_model_starts_from_a_template(model: ProcessModel) -> None:
    t = template_for_model(model)
    assert t.process_model in (model, ProcessModel.CITIZENS_JURY)


@pytest.mark.parametrize("template_id", ALL)
def test_defaults_lie_within_the_model_s_own_thresholds(template_id: str) -> None:
    t = template(template_id)
    limits = t.thresholds
    assert (t.panel.min, t.panel.max) == (limits.panel_min, limits.panel_max)
    assert t.panel.min <= t.panel.default <= t.panel.max
    assert limits.floor_days <= limits.min_days <= t.days
    assert t.meetings >= limits.min_meetings
    if limits.min_hours is not None:
        assert t.hours is not None
        assert t.hours >= limits.min_hours
    if t.response.deadline_days is not None:
        assert t.response.deadline_days <= limits.max_response_days


@pytest.mark.parametrize("template_id", ALL)
def test_each_default_names_its_source(template_id: str) -> None:
    t = template(template_id)
    required = {"panel", "time", "phases", "outputs", "response", "min_days"}
    if t.thresholds.min_hours is not None:
        required.add("min_hours")
    if t.standing_body is not None:
        required.add("standing_body")
    assert required <= set(t.sources)
    assert {cite.key for cite in t.sources.values()} <= set(SOURCES)


@pytest.mark.parametrize("template_id", ALL)
def test_phases_follow_the_life_cycle(template_id: str) -> None:
    steps = template(template_id).phases
    indexes = [PHASE_ORDER.index(step.phase) for step in steps]
    assert steps[0].phase is Phase.DESIGN
    assert indexes == sorted(set(indexes))
    assert all(step.label for step in steps)
    assert template(template_id).outputs


@pytest.mark.parametrize("template_id", ALL)
def test_a_process_created_from_a_template_passes_every_gate(template_id: str) -> None:
    t = template(template_id)
    report = evaluate(planned_facts(template_id))
    assert report.label == t.name
    assert report.failing_gates == ()
    assert report.unknown_gates == ()
    assert [f.criterion_id for f in report.findings if f.outcome is Outcome.NOT_MET] == []


@pytest.mark.parametrize("template_id", ALL)
def test_a_process_run_to_the_end_as_planned_passes_every_gate(template_id: str) -> None:
    t = template(template_id)
    report = evaluate(completed(t))
    assert report.label == t.name
    gate_outcomes = {f.outcome for f in report.gates}
    assert gate_outcomes == {Outcome.MET}
    assert [f.criterion_id for f in report.findings if f.outcome is Outcome.NOT_MET] == []


def test_the_permanent_model_rotates_its_whole_council_over_a_term() -> None:
    body = template("ostbelgien").standing_body
    assert body is not None
    rotations_per_term = body.term_months // body.rotate_every_months
    assert body.rotate_count * rotations_per_term == body.members


def test_templates_are_frozen_so_a_process_copy_never_changes() -> None:
    t = template("citizens_jury")
    with pytest.raises(dataclasses.FrozenInstanceError):
        t.days = 1  # type: ignore[misc]
    with pytest.raises(TypeError):
        t.sources["panel"] = t.sources["time"]  # type: ignore[index]


def test_gate_thresholds_exist_for_every_template() -> None:
    gates = [c for c in CATALOGUE if c.kind is Kind.GATE]
    for t in TEMPLATES.values():
        facts = planned_facts(t.id)
        for gate in gates:
            assert gate.evaluate(facts, t.thresholds) == gate.evaluate(facts)
