"""The appraisal rules: each triggered by exactly its answers, cited, reading real questions."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from minipublic.standards import SOURCES, source
from minipublic.standards.appraisal import (
    QUESTIONS,
    RULES,
    AppraisalVerdict,
    Severity,
    appraise,
    rule,
)
from minipublic.standards.appraisal_questions import QuestionKind
from minipublic.standards.appraisal_rules import RULES_VERSION, readers
from minipublic.standards.errors import StandardsError

TODAY = date(2026, 1, 1)
ID = re.compile(r"^[a-z]+\.[a-z0-9]+(-[a-z0-9]+)*$")
LINE, FLAG, NOTE = Severity.RED_LINE, Severity.RED_FLAG, Severity.NOTE

#: A commission with nothing to object to: a citizens' jury done well.
GOOD: dict[str, Any] = {
    "commission.model": "citizens_jury",
    "commission.output-needed": "recommendations",
    "commission.method-imposed": "no",
    "commission.reputation-motive": "no",
    "commission.why-now": "The council must decide on its transport plan next year.",
    "purpose.decision-taken": "no",
    "purpose.decision-on": "2027-03-01",
    "purpose.structural-excluded": "no",
    "purpose.question": "How should we get around town in 2040?",
    "impact.response-commitment": "yes",
    "impact.response-days": 90,
    "impact.pathway": "yes",
    "impact.senior-access": "yes",
    "impact.follow-up": "yes",
    "time.commissioned-on": "2026-01-05",
    "time.first-session-on": "2026-06-06",
    "time.final-session-on": "2026-07-18",
    "time.report-due-on": "2026-08-01",
    "time.deliberation-days": 5,
    "time.deliberation-hours": 40,
    "time.meetings": 6,
    "time.election-on": "2028-05-01",
    "resources.budget": 240000,
    "resources.panel-size": 24,
    "resources.benchmark-per-member": 8000,
    "resources.stipend": "yes",
    "resources.access-support": "yes",
    "resources.payment-conditional": "no",
    "resources.evaluation": "yes",
    "control.nda": "no",
    "control.report-editing": "no",
    "control.design-say": "team",
    "control.witnesses": "participants",
    "control.oversight": "yes",
    "control.materials-public": "yes",
    "control.funding-disclosed": "yes",
    "selection.random": "yes",
    "selection.stratified": "yes",
    "notes.general": "",
}

#: (rule, severity, code, the answers changed from GOOD)
CASES: list[tuple[str, Severity, str, dict[str, Any]]] = [
    ("control.nda", LINE, "triggered", {"control.nda": "yes"}),
    ("control.nda", FLAG, "unclear", {"control.nda": "unsure"}),
    ("control.report-editing", LINE, "triggered", {"control.report-editing": "yes"}),
    ("resources.payment-conditional", LINE, "triggered", {"resources.payment-conditional": True}),
    ("purpose.decision-taken", LINE, "triggered", {"purpose.decision-taken": "yes"}),
    ("purpose.decision-taken", FLAG, "unclear", {"purpose.decision-taken": "unsure"}),
    (
        "purpose.decision-before-report",
        LINE,
        "before_report",
        {"purpose.decision-on": "2026-07-20"},
    ),
    (
        "purpose.decision-before-report",
        FLAG,
        "before_response",
        {"purpose.decision-on": "2026-09-01"},
    ),
    ("selection.random", LINE, "triggered", {"selection.random": "no"}),
    ("time.below-floor", LINE, "below_floor", {"time.deliberation-days": 0.5}),
    ("time.too-short", FLAG, "too_short", {"time.deliberation-days": 3}),
    ("time.too-few-hours", FLAG, "too_few_hours", {"time.deliberation-hours": 30}),
    ("time.lead-time", FLAG, "short_lead_time", {"time.commissioned-on": "2026-04-01"}),
    ("timing.election", FLAG, "in_blackout", {"time.election-on": "2026-12-01"}),
    ("commission.reputation-motive", FLAG, "triggered", {"commission.reputation-motive": "yes"}),
    ("commission.method-imposed", FLAG, "triggered", {"commission.method-imposed": "yes"}),
    ("commission.method-mismatch", FLAG, "mismatch", {"commission.output-needed": "opinion"}),
    ("purpose.structural-excluded", FLAG, "triggered", {"purpose.structural-excluded": "yes"}),
    ("impact.response-commitment", FLAG, "triggered", {"impact.response-commitment": "no"}),
    (
        "impact.response-deadline",
        FLAG,
        "too_late",
        {"impact.response-days": 365, "purpose.decision-on": "2028-01-01"},
    ),
    ("impact.pathway", FLAG, "triggered", {"impact.pathway": "no"}),
    ("impact.senior-access", FLAG, "triggered", {"impact.senior-access": "no"}),
    ("resources.stipend", FLAG, "triggered", {"resources.stipend": "no"}),
    ("resources.access-support", FLAG, "triggered", {"resources.access-support": "no"}),
    ("resources.budget", FLAG, "below_benchmark", {"resources.benchmark-per-member": 20000}),
    ("resources.budget", NOTE, "no_benchmark", {"resources.benchmark-per-member": None}),
    ("control.design-say", FLAG, "commissioner", {"control.design-say": "commissioner"}),
    ("control.design-say", NOTE, "shared", {"control.design-say": "shared"}),
    ("control.witnesses", FLAG, "commissioner", {"control.witnesses": "commissioner"}),
    ("control.witnesses", NOTE, "team", {"control.witnesses": "team"}),
    ("control.oversight", FLAG, "triggered", {"control.oversight": "no"}),
    ("control.materials-public", FLAG, "triggered", {"control.materials-public": "no"}),
    ("control.funding-disclosed", FLAG, "triggered", {"control.funding-disclosed": "no"}),
    ("selection.stratified", FLAG, "triggered", {"selection.stratified": "no"}),
    ("time.meetings", NOTE, "few_meetings", {"time.meetings": 1}),
    (
        "resources.panel-size",
        NOTE,
        "outside_range",
        {"resources.panel-size": 50, "resources.budget": 500000},
    ),
    ("impact.follow-up", NOTE, "triggered", {"impact.follow-up": "no"}),
    ("resources.evaluation", NOTE, "triggered", {"resources.evaluation": "no"}),
]


def _appraise(**changes: Any) -> Any:
    return appraise({**GOOD, **changes}, today=TODAY)


def test_the_good_commission_has_no_findings() -> None:
    result = appraise(GOOD, today=TODAY)
    assert result.findings == ()
    assert result.missing == ()
    assert result.problems == ()
    assert result.verdict is AppraisalVerdict.NO_CONCERNS


@pytest.mark.parametrize(("rule_id", "severity", "code", "changes"), CASES)
def test_each_rule_is_triggered_by_exactly_its_answers(
    rule_id: str, severity: Severity, code: str, changes: dict[str, Any]
) -> None:
    result = appraise({**GOOD, **changes}, today=TODAY)
    assert [(f.rule_id, f.severity, f.code) for f in result.findings] == [(rule_id, severity, code)]
    assert result.missing == ()
    finding = result.findings[0]
    assert set(finding.answers) <= set(rule(rule_id).reads)
    assert "{" not in finding.ask, finding.ask
    expected = {
        LINE: AppraisalVerdict.CANNOT_ACCEPT,
        FLAG: AppraisalVerdict.NEGOTIATE,
        NOTE: AppraisalVerdict.NO_CONCERNS,
    }[severity]
    assert result.verdict is expected


def test_the_table_covers_every_rule() -> None:
    assert {case[0] for case in CASES} == {r.id for r in RULES}


def test_the_issue_s_red_lines_are_red_lines() -> None:
    for rule_id in (
        "control.nda",
        "control.report-editing",
        "resources.payment-conditional",
        "purpose.decision-taken",
        "selection.random",
    ):
        assert rule(rule_id).severity is LINE, rule_id


def test_the_nda_red_line_cites_the_practitioners_study() -> None:
    finding = _appraise(**{"control.nda": "yes"}).findings[0]
    assert finding.source.key == "Parry-2024"
    assert "non-disclosure" in finding.source.text
    assert finding.source.text.startswith("Parry (2024) Holding this space")
    assert finding.answers == {"control.nda": "yes"}
    assert "non-disclosure" in finding.ask


def test_ids_are_unique_stable_and_versioned() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    assert [i for i in ids if not ID.match(i)] == []
    assert all(r.version >= 1 for r in RULES)
    assert re.fullmatch(r"\d{4}\.\d+", RULES_VERSION)
    # Worst first: red lines, then red flags, then notes.
    order = [list(Severity).index(r.severity) for r in RULES]
    assert order == sorted(order)


def test_every_rule_cites_known_sources() -> None:
    for r in RULES:
        for citation in (r.source, *r.also):
            assert citation.key in SOURCES, (r.id, citation.key)
            assert source(citation.key).short in citation.text
            assert citation.detail.strip(), r.id
        for text in (r.title, r.reason, r.ask):
            assert text.strip(), r.id


def test_the_practitioners_study_is_cited_for_its_red_flags() -> None:
    cited = {r.id for r in RULES if "Parry-2024" in {c.key for c in (r.source, *r.also)}}
    assert {
        "control.nda",
        "control.report-editing",
        "resources.payment-conditional",
        "commission.reputation-motive",
        "commission.method-imposed",
        "purpose.structural-excluded",
        "impact.pathway",
        "impact.senior-access",
        "timing.election",
        "time.too-short",
    } <= cited


def test_every_question_a_rule_reads_exists() -> None:
    for r in RULES:
        assert r.reads, r.id
        for qid in r.reads:
            assert qid in QUESTIONS, (r.id, qid)


def test_every_non_text_question_is_read_by_some_rule() -> None:
    unread = [q.id for q in QUESTIONS.values() if not readers(q.id)]
    assert all(QUESTIONS[q].kind is QuestionKind.TEXT for q in unread), unread


def test_a_rule_only_reports_missing_questions_it_reads() -> None:
    result = appraise({}, today=TODAY)
    read = {q for r in RULES for q in r.reads}
    assert set(result.missing) <= read


def test_an_unknown_rule_is_a_coded_error() -> None:
    with pytest.raises(StandardsError) as caught:
        rule("control.nope")
    assert caught.value.code == "unknown_rule"


def test_thresholds_come_from_the_model() -> None:
    # 35 hours is enough for an assembly (30) but not for a jury (40).
    assembly = {
        **GOOD,
        "time.deliberation-hours": 35,
        "resources.panel-size": 100,
        "resources.budget": 1_000_000,
    }
    assert appraise(assembly, template_id="citizens_assembly", today=TODAY).findings == ()
    jury = appraise(assembly, template_id="citizens_jury", today=TODAY)
    assert {f.rule_id for f in jury.findings} == {"time.too-few-hours", "resources.panel-size"}
    hours = jury.finding("time.too-few-hours")
    assert hours is not None
    assert hours.params["min_hours"] == 40
    assert "40 hours" in hours.ask


def test_the_template_argument_overrides_the_answered_model() -> None:
    result = appraise({**GOOD, "commission.model": None}, template_id="citizens_jury", today=TODAY)
    assert result.template_id == "citizens_jury"
    assert result.findings == ()
    assert result.missing == ()


def test_without_a_model_the_time_rules_ask_for_it() -> None:
    result = appraise({**GOOD, "commission.model": None}, today=TODAY)
    assert result.template_id is None
    assert "commission.model" in result.missing
    assert result.verdict is AppraisalVerdict.INCOMPLETE


def test_a_model_without_stratification_does_not_flag_it() -> None:
    result = appraise({**GOOD, "selection.stratified": "no"}, template_id="g1000", today=TODAY)
    assert result.finding("selection.stratified") is None


def test_models_without_an_hours_minimum_do_not_need_hours() -> None:
    result = appraise({"time.deliberation-days": 4}, template_id="planning_cell", today=TODAY)
    assert "time.deliberation-hours" not in result.missing


def test_lead_time_counts_from_today_without_a_contract_date() -> None:
    answers = {**GOOD, "time.commissioned-on": None}
    assert appraise(answers, today=date(2026, 1, 1)).finding("time.lead-time") is None
    late = appraise(answers, today=date(2026, 5, 1)).finding("time.lead-time")
    assert late is not None
    assert late.params["lead_days"] == 36
    assert late.params["from_on"] == "2026-05-01"


def test_dates_after_the_election_are_not_flagged() -> None:
    result = _appraise(**{"time.election-on": "2026-05-01"})
    assert result.finding("timing.election") is None


def test_the_response_date_counts_towards_the_blackout() -> None:
    # The report is due 2026-08-01; the response 90 days later, on 2026-10-30.
    result = _appraise(**{"time.election-on": "2027-04-15"})
    finding = result.finding("timing.election")
    assert finding is not None
    assert finding.params["first_in_blackout"] == "impact.response-days"


def test_a_red_line_decides_the_verdict_even_when_answers_are_missing() -> None:
    result = appraise({"control.nda": "yes"}, today=TODAY)
    assert result.missing
    assert result.verdict is AppraisalVerdict.CANNOT_ACCEPT
    assert result.verdict.label.startswith("Cannot accept as it stands")


def test_several_findings_come_in_rule_order() -> None:
    result = _appraise(
        **{"control.oversight": "no", "control.nda": "yes", "impact.follow-up": "no"}
    )
    assert [f.rule_id for f in result.findings] == [
        "control.nda",
        "control.oversight",
        "impact.follow-up",
    ]
    assert [f.rule_id for f in result.red_lines] == ["control.nda"]
    assert [f.rule_id for f in result.red_flags] == ["control.oversight"]
    assert [f.rule_id for f in result.notes] == ["impact.follow-up"]
