"""The catalogue: well-formed ids, cited sources, and each check as a table of cases."""

from __future__ import annotations

import os
import pickle
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from minipublic.standards import (
    CATALOGUE,
    CATALOGUE_VERSION,
    SOURCES,
    TEMPLATES,
    Attested,
    Kind,
    Outcome,
    ProcessFacts,
    StandardsError,
    attested_fields,
    criterion,
    planned_facts,
    source,
)

NOTES = Path(__file__).resolve().parents[3] / "shared" / "research" / "standards.md"
ID = re.compile(r"^[a-z]+\.[a-z0-9]+(-[a-z0-9]+)*$")
START = date(2026, 3, 7)
MET, NOT_MET, UNKNOWN = Outcome.MET, Outcome.NOT_MET, Outcome.UNKNOWN
PENDING, NOT_APPLICABLE = Outcome.PENDING, Outcome.NOT_APPLICABLE


def test_the_catalogue_is_versioned() -> None:
    assert re.fullmatch(r"\d{4}\.\d+", CATALOGUE_VERSION)


def test_ids_are_unique_and_well_formed() -> None:
    ids = [c.id for c in CATALOGUE]
    assert len(ids) == len(set(ids))
    assert [i for i in ids if not ID.match(i)] == []
    assert all(c.version >= 1 for c in CATALOGUE)


def test_the_issue_s_examples_are_all_in_the_catalogue() -> None:
    examples = {
        "time.deliberation-days",
        "selection.random-stratified",
        "selection.verified",
        "information.participants-chose-witness",
        "response.public-commitment",
        "independence.arms-length",
        "independence.oversight-group",
        "information.materials-published",
        "evaluation.planned",
    }
    assert examples <= {c.id for c in CATALOGUE}


def test_gates_are_few_and_every_kind_is_used() -> None:
    kinds = [c.kind for c in CATALOGUE]
    assert 5 <= kinds.count(Kind.GATE) <= 10
    assert kinds.count(Kind.STANDARD) > kinds.count(Kind.GATE)
    assert Kind.ADVISORY in kinds
    assert 20 <= len(CATALOGUE) <= 35


def test_every_criterion_is_described_and_checked() -> None:
    for c in CATALOGUE:
        assert c.title, c.id
        assert c.requirement.endswith("."), c.id
        assert c.check.__doc__, c.id
        assert c.applies_to is None or c.applies_to <= set(TEMPLATES), c.id


def test_every_citation_names_a_known_source() -> None:
    cited = {cite.key for c in CATALOGUE for cite in (c.source, *c.also)}
    cited |= {cite.key for t in TEMPLATES.values() for cite in t.sources.values()}
    assert cited <= set(SOURCES), cited - set(SOURCES)
    assert all(cite.detail for c in CATALOGUE for cite in (c.source, *c.also))


@pytest.mark.skipif(not NOTES.exists(), reason="the research notes are not checked out here")
def test_every_source_is_in_the_research_notes_source_list() -> None:
    section = NOTES.read_text().split("## 1. Sources", 1)[1].split("\n## ", 1)[0]
    keys = set(re.findall(r"^\| ([A-Za-z0-9-]+) \|", section, re.M)) - {"Key"}
    assert set(SOURCES) <= keys, set(SOURCES) - keys


def test_an_unknown_id_is_a_coded_error_that_survives_pickling() -> None:
    with pytest.raises(StandardsError) as error:
        criterion("time.forever")
    assert error.value.code == "unknown_criterion"
    again = pickle.loads(pickle.dumps(error.value))
    assert (again.code, again.params) == ("unknown_criterion", {"criterion_id": "time.forever"})
    with pytest.raises(StandardsError) as missing:
        source("Nobody-2099")
    assert missing.value.code == "unknown_source"


def test_nothing_is_met_without_evidence() -> None:
    for model in TEMPLATES:
        empty = ProcessFacts(model=model)
        outcomes = {c.id: c.evaluate(empty).outcome for c in CATALOGUE}
        assert MET not in outcomes.values(), (model, outcomes)


# A person's word (who said so) for attested facts.
SAID = "lead_practitioner"
DELIVERED = START + timedelta(days=60)

#: (criterion, changes to the planned jury, expected outcome, expected code)
CASES: list[tuple[str, dict[str, Any], Outcome, str]] = [
    ("time.deliberation-days", {}, MET, "days_enough"),
    ("time.deliberation-days", {"deliberation_days": 3}, NOT_MET, "days_below_threshold"),
    ("time.deliberation-days", {"deliberation_days": 0.5}, NOT_MET, "days_below_floor"),
    ("time.deliberation-days", {"deliberation_days": None}, UNKNOWN, "days_unknown"),
    (
        "time.deliberation-days",
        {"deliberation_days": 3, "shorter_time_justification": Attested("Budget cycle", SAID)},
        MET,
        "days_justified",
    ),
    (
        "time.deliberation-days",
        {"deliberation_days": 3, "shorter_time_justification": Attested("  ", SAID)},
        NOT_MET,
        "days_below_threshold",
    ),
    ("selection.random-stratified", {}, MET, "random_stratified"),
    ("selection.random-stratified", {"selection_random": False}, NOT_MET, "not_random"),
    ("selection.random-stratified", {"stratified": False}, NOT_MET, "not_stratified"),
    (
        "selection.random-stratified",
        {"selection_in_platform": False},
        NOT_MET,
        "selected_elsewhere",
    ),
    ("selection.random-stratified", {"stratified": None}, UNKNOWN, "selection_unknown"),
    ("selection.verified", {"selection_verified": False}, NOT_MET, "draw_verified_no"),
    ("selection.verified", {"selection_verified": None}, UNKNOWN, "draw_verified_unknown"),
    (
        "selection.verified",
        {"selection_verified": None, "as_of": START - timedelta(days=1)},
        PENDING,
        "draw_not_yet",
    ),
    ("ownership.report-unedited", {}, PENDING, "report_not_yet"),
    (
        "ownership.report-unedited",
        {
            "report_delivered_on": DELIVERED,
            "report_approved_hash": "a",
            "report_published_hash": "a",
        },
        MET,
        "report_unedited",
    ),
    (
        "ownership.report-unedited",
        {
            "report_delivered_on": DELIVERED,
            "report_approved_hash": "a",
            "report_published_hash": "b",
        },
        NOT_MET,
        "report_edited",
    ),
    (
        "ownership.report-unedited",
        {
            "report_delivered_on": DELIVERED,
            "report_approved_hash": "a",
            "as_of": DELIVERED + timedelta(days=31),
        },
        NOT_MET,
        "report_not_published",
    ),
    (
        "ownership.report-unedited",
        {"report_delivered_on": DELIVERED},
        UNKNOWN,
        "report_approval_unknown",
    ),
    ("independence.arms-length", {}, MET, "arms_length_yes"),
    (
        "independence.arms-length",
        {"arms_length_final_say": Attested(False, SAID)},
        NOT_MET,
        "arms_length_no",
    ),
    ("independence.arms-length", {"arms_length_final_say": None}, UNKNOWN, "arms_length_unknown"),
    ("independence.oversight-group", {"oversight_group": False}, NOT_MET, "oversight_group_no"),
    ("response.public-commitment", {}, MET, "commitment_made"),
    ("response.public-commitment", {"response_commitment_on": None}, UNKNOWN, "commitment_missing"),
    ("response.public-commitment", {"response_deadline_days": None}, UNKNOWN, "deadline_missing"),
    (
        "response.public-commitment",
        {"response_commitment_on": START + timedelta(days=1)},
        NOT_MET,
        "commitment_late",
    ),
    ("response.on-time", {}, PENDING, "response_not_due"),
    (
        "response.on-time",
        {"report_delivered_on": DELIVERED, "as_of": DELIVERED},
        PENDING,
        "response_not_due",
    ),
    (
        "response.on-time",
        {"report_delivered_on": DELIVERED, "as_of": DELIVERED + timedelta(days=91)},
        NOT_MET,
        "response_overdue",
    ),
    (
        "response.on-time",
        {"report_delivered_on": DELIVERED, "response_published_on": DELIVERED + timedelta(days=90)},
        MET,
        "response_on_time",
    ),
    (
        "response.on-time",
        {"report_delivered_on": DELIVERED, "response_published_on": DELIVERED + timedelta(days=95)},
        NOT_MET,
        "response_late",
    ),
    ("purpose.remit-published", {}, MET, "remit_published"),
    ("purpose.remit-published", {"remit_published_on": None}, NOT_MET, "remit_not_published"),
    (
        "purpose.remit-published",
        {"remit_published_on": None, "recruitment_opened_on": None},
        UNKNOWN,
        "remit_unknown",
    ),
    ("purpose.remit-published", {"remit_published_on": START}, NOT_MET, "remit_late"),
    ("time.deliberation-hours", {"deliberation_hours": 30}, NOT_MET, "hours_short"),
    ("time.meetings", {"meetings": 1}, NOT_MET, "meetings_few"),
    ("selection.panel-size", {"panel_size": 60}, NOT_MET, "size_out_of_range"),
    ("selection.panel-size", {"panel_size": 12}, MET, "size_in_range"),
    ("inclusion.payment", {"stipend_offered": False}, NOT_MET, "stipend_no"),
    ("information.participants-chose-witness", {}, MET, "witness_chosen"),
    (
        "information.participants-chose-witness",
        {"witnesses_chosen_by_participants": 0},
        PENDING,
        "witness_choice_open",
    ),
    (
        "information.participants-chose-witness",
        {"witnesses_chosen_by_participants": 0, "report_delivered_on": DELIVERED},
        NOT_MET,
        "witness_not_chosen",
    ),
    ("information.materials-published", {"materials_published": 11}, NOT_MET, "materials_missing"),
    ("information.materials-published", {"materials": 0}, UNKNOWN, "materials_unknown"),
    ("transparency.announced", {"announced_on": None}, NOT_MET, "not_announced"),
    (
        "transparency.oversight-published",
        {"oversight_group": False},
        NOT_APPLICABLE,
        "no_oversight_group",
    ),
    ("response.deadline-reasonable", {"response_deadline_days": 365}, NOT_MET, "deadline_too_long"),
    (
        "response.each-recommendation",
        {"response_published_on": DELIVERED, "response_per_recommendation": False},
        NOT_MET,
        "per_recommendation_no",
    ),
    ("time.lead-time", {"commissioned_on": START - timedelta(days=30)}, NOT_MET, "lead_time_short"),
    (
        "timing.election-blackout",
        {"next_election_on": START + timedelta(days=90)},
        NOT_MET,
        "in_blackout",
    ),
    (
        "timing.election-blackout",
        {"next_election_on": START + timedelta(days=400)},
        MET,
        "outside_blackout",
    ),
]


@pytest.mark.parametrize(("criterion_id", "changes", "outcome", "code"), CASES)
def test_each_check_by_table(
    criterion_id: str, changes: dict[str, Any], outcome: Outcome, code: str
) -> None:
    facts = planned_facts("citizens_jury", starts_on=START, **changes)
    finding = criterion(criterion_id).evaluate(facts)
    assert (finding.outcome, finding.code) == (outcome, code), finding.evidence


def test_the_table_covers_every_gate() -> None:
    gates = {c.id for c in CATALOGUE if c.kind is Kind.GATE}
    for gate in gates:
        outcomes = {o for cid, _, o, _ in CASES if cid == gate}
        assert NOT_MET in outcomes, gate


def test_attested_facts_are_the_ones_only_a_person_can_state() -> None:
    assert attested_fields() == {
        "decision_open",
        "shorter_time_justification",
        "facilitated_small_groups",
        "arms_length_final_say",
        "data_protection",
    }


def test_findings_resting_on_attestations_are_marked() -> None:
    facts = planned_facts("citizens_jury")
    attested = {c.id for c in CATALOGUE if c.evaluate(facts).attested}
    assert attested == {
        "purpose.decision-open",
        "deliberation.facilitated-groups",
        "independence.arms-length",
        "privacy.data-protection",
    }
    finding = criterion("independence.arms-length").evaluate(facts)
    assert finding.params["attested_by"] == "lead_practitioner"
    assert "attested by lead_practitioner" in finding.evidence
    recorded = criterion("selection.verified").evaluate(facts)
    assert not recorded.attested


def test_a_justified_short_process_is_marked_attested() -> None:
    facts = planned_facts(
        "citizens_jury",
        deliberation_days=3,
        shorter_time_justification=Attested("Statutory deadline", "lead_practitioner"),
    )
    finding = criterion("time.deliberation-days").evaluate(facts)
    assert finding.outcome is MET
    assert finding.attested


def test_a_criterion_outside_its_models_is_not_applicable() -> None:
    facts = planned_facts("citizens_initiative_review")
    finding = criterion("response.on-time").evaluate(facts)
    assert (finding.outcome, finding.code) == (NOT_APPLICABLE, "not_applicable")


def test_the_package_is_framework_free() -> None:
    # Until import-linter's "framework-free" contracts list minipublic.standards.
    code = (
        "import sys, minipublic.standards; "
        "bad = [m for m in sys.modules if m.split('.')[0] == 'django' or m.startswith("
        "('minipublic.processes', 'minipublic.selection', 'minipublic.recruitment', "
        "'minipublic.integrity', 'minipublic.config'))]; "
        "print(','.join(bad))"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert out.stdout.strip() == ""
