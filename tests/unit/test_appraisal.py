"""The appraisal questionnaire, validation, verdicts, negotiation record and summary."""

from __future__ import annotations

import json
import math
import random
import re
from datetime import UTC, date, datetime
from typing import Any

import pytest

from minipublic.standards import (
    QUESTIONNAIRE,
    QUESTIONNAIRE_VERSION,
    AppraisalVerdict,
    NegotiationItem,
    NegotiationStatus,
    StandardsError,
    apply_negotiation,
    appraisal_summary,
    appraise,
    validate_answers,
)
from minipublic.standards.appraisal import QUESTIONS, question
from minipublic.standards.appraisal_questions import TEXT_MAX, QuestionKind, clean_answers
from tests.unit.test_appraisal_rules import GOOD, TODAY

ID = re.compile(r"^[a-z]+\.[a-z0-9]+(-[a-z0-9]+)*$")
NDA_YES = {**GOOD, "control.nda": "yes"}
DROP_NDA = NegotiationItem(
    "control.nda",
    asked="Remove the confidentiality clause from the contract.",
    status=NegotiationStatus.CONCEDED,
    conceded="The commissioner struck clause 12 (confidentiality).",
    final_condition="No confidentiality clause; all materials and results are published.",
    changes={"control.nda": "no"},
)


# ---------------------------------------------------------------- questionnaire


def test_the_questionnaire_is_versioned_and_ordered() -> None:
    assert re.fullmatch(r"\d{4}\.\d+", QUESTIONNAIRE_VERSION)
    ids = [q.id for s in QUESTIONNAIRE for q in s.questions]
    assert ids == list(QUESTIONS)
    assert len(ids) == len(set(ids))
    assert [i for i in ids if not ID.match(i)] == []
    for s in QUESTIONNAIRE:
        assert s.title
        assert s.questions
        assert all(q.id.startswith(f"{s.id}.") for q in s.questions), s.id


def test_every_question_is_well_formed() -> None:
    for q in QUESTIONS.values():
        assert q.text.strip(), q.id
        if q.kind is QuestionKind.NUMBER:
            assert q.unit, q.id
            assert q.minimum is not None, q.id
            assert q.maximum is not None, q.id
            assert q.minimum < q.maximum
        if q.kind is QuestionKind.CHOICE:
            assert len(q.choices) >= 2, q.id
            assert len(set(q.choice_keys)) == len(q.choices), q.id
        else:
            assert q.choices == (), q.id


def test_an_unknown_question_is_a_coded_error() -> None:
    with pytest.raises(StandardsError) as caught:
        question("control.nope")
    assert caught.value.code == "unknown_question"


# ---------------------------------------------------------------- validation

VALIDATION: list[tuple[dict[Any, Any], str, str | None, dict[str, Any]]] = [
    ({"control.oops": "yes"}, "unknown_question", "control.oops", {}),
    ({7: "yes"}, "unknown_question", "7", {}),
    ({"control.nda": 3}, "wrong_type", "control.nda", {"kind": "yes_no", "got": "int"}),
    ({"control.nda": "maybe"}, "wrong_type", "control.nda", {"kind": "yes_no"}),
    ({"time.deliberation-days": "four"}, "wrong_type", "time.deliberation-days", {}),
    ({"time.deliberation-days": True}, "wrong_type", "time.deliberation-days", {}),
    ({"time.deliberation-days": math.nan}, "wrong_type", "time.deliberation-days", {}),
    ({"time.deliberation-days": [4]}, "wrong_type", "time.deliberation-days", {"got": "list"}),
    (
        {"time.deliberation-days": -1},
        "out_of_bounds",
        "time.deliberation-days",
        {"value": -1, "min": 0, "max": 365, "unit": "days"},
    ),
    ({"impact.response-days": 0}, "out_of_bounds", "impact.response-days", {"min": 1}),
    ({"time.meetings": 2.5}, "wrong_type", "time.meetings", {"kind": "integer"}),
    ({"time.report-due-on": "31/12/2026"}, "wrong_type", "time.report-due-on", {"kind": "date"}),
    (
        {"time.report-due-on": datetime(2026, 1, 1, tzinfo=UTC)},
        "wrong_type",
        "time.report-due-on",
        {},
    ),
    ({"time.report-due-on": 20261231}, "wrong_type", "time.report-due-on", {}),
    ({"commission.model": "town_hall"}, "not_a_choice", "commission.model", {"got": "town_hall"}),
    ({"commission.model": 1}, "wrong_type", "commission.model", {}),
    ({"notes.general": "x" * (TEXT_MAX + 1)}, "too_long", "notes.general", {"max": TEXT_MAX}),
    (
        {"time.final-session-on": "2026-09-01", "time.report-due-on": "2026-08-01"},
        "date_order",
        "time.report-due-on",
        {"before": "time.final-session-on", "before_on": "2026-09-01", "on": "2026-08-01"},
    ),
    (
        {"time.commissioned-on": "2026-07-01", "time.report-due-on": "2026-03-01"},
        "date_order",
        "time.report-due-on",
        {"before": "time.commissioned-on"},
    ),
]


@pytest.mark.parametrize(("answers", "code", "qid", "params"), VALIDATION)
def test_validation_reports_each_problem(
    answers: dict[Any, Any], code: str, qid: str | None, params: dict[str, Any]
) -> None:
    problems = validate_answers(answers)
    assert [(p.code, p.question) for p in problems] == [(code, qid)]
    assert params.items() <= dict(problems[0].params).items()
    # The appraisal keeps going and reports the same problems.
    assert appraise(answers, today=TODAY).problems == tuple(problems)


@pytest.mark.parametrize("answers", [None, [], "control.nda=yes", 42, {"a", "b"}])
def test_answers_that_are_not_a_mapping_are_one_problem(answers: object) -> None:
    problems = validate_answers(answers)
    assert [(p.code, p.question) for p in problems] == [("not_a_mapping", None)]
    assert appraise(answers, today=TODAY).verdict is AppraisalVerdict.INCOMPLETE


def test_good_answers_and_their_usual_spellings_are_valid() -> None:
    assert validate_answers(GOOD) == []
    spelled = {
        "control.nda": False,
        "selection.random": " Yes ",
        "time.deliberation-days": "4.5",
        "time.meetings": "6",
        "time.report-due-on": date(2026, 8, 1),
        "impact.response-days": 90.0,
        "notes.general": None,
        "purpose.question": "   ",
    }
    assert validate_answers(spelled) == []
    assert clean_answers(spelled) == {
        "control.nda": "no",
        "selection.random": "yes",
        "time.deliberation-days": 4.5,
        "time.meetings": 6,
        "time.report-due-on": date(2026, 8, 1),
        "impact.response-days": 90,
    }


def test_problems_come_in_questionnaire_order() -> None:
    answers = {"selection.random": 1, "control.nda": 1, "zzz": 1, "commission.model": 1}
    assert [p.question for p in validate_answers(answers)] == [
        "zzz",
        "commission.model",
        "control.nda",
        "selection.random",
    ]


def test_an_invalid_answer_counts_as_unanswered() -> None:
    result = appraise({**GOOD, "control.nda": "perhaps"}, today=TODAY)
    assert result.missing == ("control.nda",)
    assert result.verdict is AppraisalVerdict.INCOMPLETE
    assert [p.code for p in result.problems] == ["wrong_type"]


def test_dates_out_of_order_are_both_left_out() -> None:
    answers = {**GOOD, "time.final-session-on": "2026-09-01"}
    assert [p.code for p in validate_answers(answers)] == ["date_order"]
    result = appraise(answers, today=TODAY)
    assert "time.report-due-on" in result.missing
    assert "time.final-session-on" not in clean_answers(answers)
    assert result.verdict is AppraisalVerdict.INCOMPLETE


def _garbage(rng: random.Random) -> object:
    return rng.choice(
        [
            None,
            "",
            "yes",
            "no",
            "unsure",
            "2026-02-30",
            "1e400",
            "-0",
            "NaN",
            "inf",
            -1e308,
            1e308,
            0,
            3.5,
            True,
            [],
            {},
            object(),
            b"yes",
            date(1, 1, 1),
            date(9999, 12, 31),
            datetime(2026, 1, 1, tzinfo=UTC),
            "\x00",
            "x" * 5000,
            "citizens_jury",
            "commissioner",
        ]
    )


def test_bad_input_never_crashes() -> None:
    rng = random.Random(6)  # noqa: S311 - seeded, so a failure can be replayed
    ids: list[object] = [*QUESTIONS, "nope", 3, None]
    for _ in range(400):
        answers = {rng.choice(ids): _garbage(rng) for _ in range(rng.randint(0, 30))}
        for template_id in (None, "citizens_assembly", "g1000", "no_such_model"):
            result = appraise(answers, template_id=template_id, today=TODAY)
            assert isinstance(result.verdict, AppraisalVerdict)
            json.dumps(appraisal_summary(answers, today=TODAY))


# ---------------------------------------------------------------- partial answers


def test_no_answers_are_incomplete_and_need_every_question_a_rule_reads() -> None:
    result = appraise({}, today=TODAY)
    assert result.verdict is AppraisalVerdict.INCOMPLETE
    assert result.findings == ()
    non_text = [q.id for q in QUESTIONS.values() if q.kind is not QuestionKind.TEXT]
    # Optional inputs (the benchmark, the contract date) are not demanded, and the
    # response deadline only once the commissioner commits to respond.
    optional = {"resources.benchmark-per-member", "time.commissioned-on", "impact.response-days"}
    assert result.missing == tuple(q for q in non_text if q not in optional)


def test_a_partial_appraisal_lists_exactly_what_is_missing() -> None:
    answers = {k: v for k, v in GOOD.items() if k not in ("control.oversight", "selection.random")}
    result = appraise(answers, today=TODAY)
    assert result.verdict is AppraisalVerdict.INCOMPLETE
    assert result.verdict.label.startswith("Incomplete")
    assert result.missing == ("control.oversight", "selection.random")
    # Answering them resumes the appraisal where it stopped.
    resumed = appraise(
        {**answers, "control.oversight": "yes", "selection.random": "yes"}, today=TODAY
    )
    assert resumed.verdict is AppraisalVerdict.NO_CONCERNS


def test_the_response_deadline_is_needed_once_a_response_is_promised() -> None:
    answers = {**GOOD, "impact.response-days": None}
    assert appraise(answers, today=TODAY).missing == ("impact.response-days",)
    declined = appraise({**answers, "impact.response-commitment": "no"}, today=TODAY)
    assert declined.missing == ()
    assert [f.rule_id for f in declined.findings] == ["impact.response-commitment"]


def test_red_flags_with_everything_answered_mean_negotiate() -> None:
    result = appraise({**GOOD, "impact.senior-access": "no"}, today=TODAY)
    assert result.verdict is AppraisalVerdict.NEGOTIATE
    assert result.verdict.label.startswith("Negotiate")


# ---------------------------------------------------------------- negotiation


def test_an_nda_demand_is_a_red_line_with_its_source() -> None:
    result = appraise(NDA_YES, today=TODAY)
    assert result.verdict is AppraisalVerdict.CANNOT_ACCEPT
    (finding,) = result.red_lines
    assert finding.rule_id == "control.nda"
    assert "Parry (2024) Holding this space" in finding.source.text
    assert finding.reason
    assert finding.ask


def test_negotiating_the_nda_away_clears_it_and_the_record_keeps_it() -> None:
    before = appraisal_summary(NDA_YES, today=TODAY)
    assert before["verdict"] == "cannot_accept"
    assert before["unaddressed"] == ["control.nda"]
    after = appraisal_summary(NDA_YES, [DROP_NDA], today=TODAY)
    assert after["verdict"] == "no_concerns"
    assert after["findings"] == []
    assert after["answers"]["control.nda"] == "no"
    assert after["unaddressed"] == []
    (item,) = after["negotiation"]
    assert item == {
        "rule": "control.nda",
        "severity": "red_line",
        "title": "Non-disclosure demand",
        "source": item["source"],
        "asked": DROP_NDA.asked,
        "status": "conceded",
        "conceded": DROP_NDA.conceded,
        "final_condition": DROP_NDA.final_condition,
        "changes": {"control.nda": "no"},
        "cleared": True,
    }
    assert item["source"].startswith("Parry (2024) Holding this space")


def test_the_agreed_answers_give_the_same_final_appraisal() -> None:
    agreed = apply_negotiation(NDA_YES, [DROP_NDA])
    assert agreed["control.nda"] == "no"
    assert apply_negotiation(agreed, [DROP_NDA]) == agreed
    assert appraisal_summary(agreed, [DROP_NDA], today=TODAY) == appraisal_summary(
        NDA_YES, [DROP_NDA], today=TODAY
    )
    assert NDA_YES["control.nda"] == "yes"  # the input is not changed


@pytest.mark.parametrize(
    "status", [NegotiationStatus.OPEN, NegotiationStatus.REFUSED, NegotiationStatus.WITHDRAWN]
)
def test_an_item_not_conceded_changes_no_answer(status: NegotiationStatus) -> None:
    item = NegotiationItem("control.nda", "Drop the NDA", status, changes={"control.nda": "no"})
    summary = appraisal_summary(NDA_YES, [item], today=TODAY)
    assert summary["verdict"] == "cannot_accept"
    assert summary["negotiation"][0]["status"] == status.value
    assert summary["negotiation"][0]["cleared"] is False
    assert summary["unaddressed"] == []


def test_later_items_win_and_flags_without_items_are_unaddressed() -> None:
    answers = {**NDA_YES, "control.oversight": "no", "impact.follow-up": "no"}
    items = [
        DROP_NDA,
        NegotiationItem(
            "control.nda",
            "Confirm no NDA after the legal review",
            NegotiationStatus.CONCEDED,
            changes={"control.nda": "no"},
        ),
    ]
    summary = appraisal_summary(answers, items, today=TODAY)
    assert summary["verdict"] == "negotiate"
    assert summary["unaddressed"] == ["control.oversight"]  # notes need no item
    assert [i["rule"] for i in summary["negotiation"]] == ["control.nda", "control.nda"]


def test_a_conceded_change_is_validated_like_any_answer() -> None:
    bad = NegotiationItem(
        "control.nda", "x", NegotiationStatus.CONCEDED, changes={"control.nda": 5}
    )
    summary = appraisal_summary(NDA_YES, [bad], today=TODAY)
    assert summary["verdict"] == "incomplete"
    assert summary["problems"] == [
        {
            "code": "wrong_type",
            "question": "control.nda",
            "params": {"got": "int", "kind": "yes_no"},
        }
    ]


def test_an_item_for_an_unknown_rule_is_a_coded_error() -> None:
    with pytest.raises(StandardsError) as caught:
        apply_negotiation(GOOD, [NegotiationItem("control.nope", "x")])
    assert caught.value.code == "unknown_rule"


# ---------------------------------------------------------------- summary


def test_the_summary_round_trips_through_json_and_is_stable() -> None:
    answers = {**NDA_YES, "time.deliberation-days": 3, "resources.benchmark-per-member": None}
    summary = appraisal_summary(answers, [DROP_NDA], today=TODAY)
    text = json.dumps(summary, sort_keys=True)
    assert json.loads(text) == summary
    again = appraisal_summary(dict(reversed(list(answers.items()))), [DROP_NDA], today=TODAY)
    assert json.dumps(again, sort_keys=True) == text
    assert summary["format"] == 1
    assert summary["questionnaire_version"] == QUESTIONNAIRE_VERSION
    assert summary["as_of"] == "2026-01-01"
    assert summary["template"] == "citizens_jury"
    assert [f["rule"] for f in summary["findings"]] == ["time.too-short", "resources.budget"]
    short = summary["findings"][0]
    assert short["answers"] == {"commission.model": "citizens_jury", "time.deliberation-days": 3}
    assert short["params"] == {"days": 3, "min_days": 4}
    assert short["ask"].startswith("At least 4 full days")
    assert short["source"].startswith("OECD (2020) Good Practice Principles, principle 8")


def test_the_summary_of_an_empty_appraisal_is_incomplete() -> None:
    summary = appraisal_summary({}, today=TODAY)
    assert summary["verdict"] == "incomplete"
    assert summary["template"] is None
    assert summary["missing"][0] == "commission.model"
    assert summary["negotiation"] == []
    assert summary["findings"] == []
