"""The commission appraisal questionnaire: ordered sections of questions, and validation.

A practitioner answers these questions before accepting a commission, or while
negotiating one. Answers are a plain mapping from question id to value, and may be
partial: an appraisal can be saved half-done and resumed. ``validate_answers`` reports
every problem with a code and parameters and never raises, whatever it is given;
``clean_answers`` keeps only the answers that are valid, in their normal form, for the
rules to read.

The questionnaire is versioned: ``QUESTIONNAIRE_VERSION`` goes up when a question is
added, removed or changes meaning, so a stored appraisal says which version it answers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from types import MappingProxyType

from minipublic.standards.errors import StandardsError
from minipublic.standards.templates import TEMPLATES, Purpose

QUESTIONNAIRE_VERSION = "2026.1"
TEXT_MAX = 4000

#: A valid answer in its normal form: "yes"/"no"/"unsure", a number, a date, a choice
#: key or a text.
Value = str | int | float | date
#: A problem's parameters, plain and JSON-ready.
ProblemParam = str | int | float | bool | None | tuple[str, ...]
#: Answers as given: question id to value, partial allowed, not yet validated.
AppraisalAnswers = Mapping[str, object]

YES, NO, UNSURE = "yes", "no", "unsure"


class QuestionKind(StrEnum):
    """How a question is answered."""

    YES_NO = "yes_no"
    NUMBER = "number"
    DATE = "date"
    CHOICE = "choice"
    TEXT = "text"


@dataclass(frozen=True)
class Question:
    """One question: id "<section>.<name>", the text in our own words, and its kind.

    YES_NO questions take "yes", "no" or "unsure" (True and False are read as yes and
    no). NUMBER questions have a ``unit`` and inclusive bounds. CHOICE questions list
    their ``choices`` as (key, label) pairs. ``help`` says what a good answer rests on.
    Which rules read a question is in ``appraisal_rules.readers``.
    """

    id: str
    text: str
    kind: QuestionKind
    help: str = ""
    unit: str = ""
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False
    choices: tuple[tuple[str, str], ...] = ()

    @property
    def choice_keys(self) -> tuple[str, ...]:
        """The keys a CHOICE answer may take."""
        return tuple(key for key, _ in self.choices)


@dataclass(frozen=True)
class Section:
    """A titled group of questions, shown in order."""

    id: str
    title: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class AnswerProblem:
    """Why one answer (or the whole set) cannot be used.

    Codes: ``not_a_mapping``, ``unknown_question``, ``wrong_type``, ``out_of_bounds``,
    ``not_a_choice``, ``too_long``, ``date_order``. ``question`` is None only for
    ``not_a_mapping``.
    """

    code: str
    question: str | None
    params: Mapping[str, ProblemParam] = field(default_factory=dict)


def _yn(qid: str, text: str, help_: str = "") -> Question:
    return Question(qid, text, QuestionKind.YES_NO, help_)


def _num(
    qid: str, text: str, unit: str, lo: float, hi: float, *, integer: bool = False, help_: str = ""
) -> Question:
    return Question(qid, text, QuestionKind.NUMBER, help_, unit, lo, hi, integer)


def _date(qid: str, text: str, help_: str = "") -> Question:
    return Question(qid, text, QuestionKind.DATE, help_)


_MODEL_CHOICES = tuple((t.id, t.name) for t in TEMPLATES.values())
_PURPOSE_CHOICES = (
    (Purpose.RECOMMENDATIONS.value, "Recommendations on a policy question"),
    (Purpose.OPINION.value, "Informed public opinion on a question"),
    (Purpose.BALLOT_EVALUATION.value, "An evaluation of a ballot measure for voters"),
    (Purpose.PERMANENT.value, "A standing body that sets its own agenda"),
)
_WHO_DECIDES = (
    ("team", "The arm's-length team running the process"),
    ("shared", "Shared: the team and the commissioner must both agree"),
    ("commissioner", "The commissioner"),
)
_WHO_CHOOSES_WITNESSES = (
    ("participants", "Participants choose some witnesses; the team or oversight the rest"),
    ("team", "The team and the oversight group only"),
    ("commissioner", "The commissioner alone"),
)

QUESTIONNAIRE: tuple[Section, ...] = (
    Section(
        "commission",
        "The commission",
        (
            Question(
                "commission.model",
                "Which model does the commissioner ask for?",
                QuestionKind.CHOICE,
                "The process template; its thresholds are used for time and size.",
                choices=_MODEL_CHOICES,
            ),
            Question(
                "commission.output-needed",
                "What does the commissioner actually need from the process?",
                QuestionKind.CHOICE,
                "Ask what they will do with the result; compare it with the model's purpose.",
                choices=_PURPOSE_CHOICES,
            ),
            _yn(
                "commission.method-imposed",
                "Does the commissioner insist on a method you judge unsuitable for the issue "
                "or for the people affected?",
            ),
            _yn(
                "commission.reputation-motive",
                "Does the commissioner seem mainly interested in the reputational gain rather "
                "than in what the members will recommend?",
                "For example a launch timed for an electoral campaign, or a brief about "
                "publicity rather than a decision.",
            ),
            Question(
                "commission.why-now",
                "Why does the commissioner want this process now?",
                QuestionKind.TEXT,
                "In their words; kept with the appraisal for the record.",
            ),
        ),
    ),
    Section(
        "purpose",
        "Purpose and remit",
        (
            _yn(
                "purpose.decision-taken",
                "Has the decision the process should inform already been taken, or its core "
                "options ruled out?",
            ),
            _date(
                "purpose.decision-on",
                "When will the decision be taken?",
                "The date the commissioner expects to decide on the matter.",
            ),
            _yn(
                "purpose.structural-excluded",
                "Does the remit rule out the root causes or the main trade-offs of the issue?",
                "For example a climate remit that forbids discussing economic growth.",
            ),
            Question(
                "purpose.question",
                "The question as the commissioner proposes it.",
                QuestionKind.TEXT,
            ),
        ),
    ),
    Section(
        "impact",
        "Path to impact",
        (
            _yn(
                "impact.response-commitment",
                "Will the commissioner promise in public, before deliberation starts, to "
                "respond to every recommendation?",
            ),
            _num(
                "impact.response-days",
                "Within how many days of the report will the response be published?",
                "days",
                1,
                3650,
                integer=True,
            ),
            _yn(
                "impact.pathway",
                "Can the commissioner say which decision the recommendations feed, which "
                "body takes it, and what that body will do when it receives them?",
            ),
            _yn(
                "impact.senior-access",
                "Will you have access to a senior decision maker with authority over the "
                "issue, who will receive the recommendations?",
            ),
            _yn(
                "impact.follow-up",
                "Are public progress reports on the response planned and paid for?",
            ),
        ),
    ),
    Section(
        "time",
        "Time and timing",
        (
            _date("time.commissioned-on", "When will the contract be signed?"),
            _date("time.first-session-on", "When is the first session?"),
            _date("time.final-session-on", "When is the final session?"),
            _date("time.report-due-on", "When is the members' report due?"),
            _num(
                "time.deliberation-days",
                "How many full days of deliberation are planned?",
                "days",
                0,
                365,
                help_="Learning, discussion and decision; without breaks and travel.",
            ),
            _num(
                "time.deliberation-hours",
                "How many hours of deliberation are planned?",
                "hours",
                0,
                3000,
                help_="Without breaks and travel.",
            ),
            _num("time.meetings", "How many separate meetings?", "meetings", 1, 500, integer=True),
            _date(
                "time.election-on",
                "When is the next election of the commissioning body?",
            ),
        ),
    ),
    Section(
        "resources",
        "Money and resources",
        (
            _num(
                "resources.budget",
                "What is the total budget for the process?",
                "currency units",
                0,
                1e10,
                help_="In the currency of the contract, all costs included.",
            ),
            _num("resources.panel-size", "How many members?", "people", 1, 100000, integer=True),
            _num(
                "resources.benchmark-per-member",
                "What budget per member do comparable processes you trust have needed?",
                "currency units per member",
                0,
                1e8,
                help_="Your own benchmark, with its source in the notes; none is built in.",
            ),
            _yn(
                "resources.stipend",
                "Are members paid for their time and their expenses covered?",
            ),
            _yn(
                "resources.access-support",
                "Are care, travel, disability support and interpretation paid for?",
            ),
            _yn(
                "resources.payment-conditional",
                "Does any payment to you depend on what the members find or recommend?",
                "Milestones should be tied to work delivered (sessions held, report "
                "delivered), never to content.",
            ),
            _yn(
                "resources.evaluation",
                "Is an evaluation planned and paid for, with its results published?",
            ),
        ),
    ),
    Section(
        "control",
        "Independence and transparency",
        (
            _yn(
                "control.nda",
                "Does the commissioner want you or the members to sign a non-disclosure or "
                "confidentiality agreement about the process, its materials or its results?",
            ),
            _yn(
                "control.report-editing",
                "Does the commissioner reserve the right to edit, approve or finalise the "
                "members' report or recommendations?",
            ),
            Question(
                "control.design-say",
                "Who has the final say on the agenda, the materials and the facilitation?",
                QuestionKind.CHOICE,
                choices=_WHO_DECIDES,
            ),
            Question(
                "control.witnesses",
                "Who chooses the witnesses the members hear?",
                QuestionKind.CHOICE,
                choices=_WHO_CHOOSES_WITNESSES,
            ),
            _yn(
                "control.oversight",
                "Will an oversight group spanning different viewpoints review the key design "
                "decisions?",
            ),
            _yn(
                "control.materials-public",
                "Will all materials, the report and the response be published?",
            ),
            _yn("control.funding-disclosed", "Will who pays for the process be public?"),
        ),
    ),
    Section(
        "selection",
        "Selection",
        (
            _yn(
                "selection.random",
                "Will the members be drawn by lot from people invited at random?",
                "Not self-selected volunteers, invitation lists or stakeholder seats.",
            ),
            _yn(
                "selection.stratified",
                "Will the draw be stratified so that the panel resembles the population?",
            ),
        ),
    ),
    Section(
        "notes",
        "Notes",
        (
            Question(
                "notes.general",
                "Anything else the commissioner said or that you noticed.",
                QuestionKind.TEXT,
            ),
        ),
    ),
)

QUESTIONS: Mapping[str, Question] = MappingProxyType(
    {q.id: q for s in QUESTIONNAIRE for q in s.questions}
)

#: Dates that must not run backwards; each answered one is checked against the last
#: answered one before it.
DATE_CHAIN: tuple[str, ...] = (
    "time.commissioned-on",
    "time.first-session-on",
    "time.final-session-on",
    "time.report-due-on",
)


def question(question_id: str) -> Question:
    """The question with this id; raises StandardsError("unknown_question") otherwise."""
    try:
        return QUESTIONS[question_id]
    except KeyError:
        raise StandardsError(
            "unknown_question", "There is no question {question!r}.", question=question_id
        ) from None


def _type_name(value: object) -> str:
    return type(value).__name__


def _normal(q: Question, value: object) -> Value | AnswerProblem:
    """The answer in its normal form, or the problem with it."""
    wrong = AnswerProblem("wrong_type", q.id, {"kind": q.kind.value, "got": _type_name(value)})
    if q.kind is QuestionKind.YES_NO:
        if isinstance(value, bool):
            return YES if value else NO
        if isinstance(value, str) and value.strip().lower() in (YES, NO, UNSURE):
            return value.strip().lower()
        return wrong
    if q.kind is QuestionKind.NUMBER:
        return _number(q, value, wrong)
    if q.kind is QuestionKind.DATE:
        return _date_value(value, wrong)
    if not isinstance(value, str):
        return wrong
    if q.kind is QuestionKind.CHOICE:
        if value not in q.choice_keys:
            return AnswerProblem(
                "not_a_choice", q.id, {"got": value[:100], "choices": q.choice_keys}
            )
        return value
    if len(value) > TEXT_MAX:
        return AnswerProblem("too_long", q.id, {"length": len(value), "max": TEXT_MAX})
    return value


def _date_value(value: object, wrong: AnswerProblem) -> Value | AnswerProblem:
    if isinstance(value, datetime):
        return wrong
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return wrong
    return wrong


def _number(q: Question, value: object, wrong: AnswerProblem) -> Value | AnswerProblem:
    number: float | int
    if isinstance(value, bool):
        return wrong
    if isinstance(value, int | float):
        number = value
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            return wrong
    else:
        return wrong
    if not math.isfinite(number):
        return wrong
    if q.integer:
        if number != int(number):
            return AnswerProblem("wrong_type", q.id, {"kind": "integer", "got": _type_name(value)})
        number = int(number)
    lo, hi = q.minimum, q.maximum
    if (lo is not None and number < lo) or (hi is not None and number > hi):
        return AnswerProblem(
            "out_of_bounds", q.id, {"value": number, "min": lo, "max": hi, "unit": q.unit}
        )
    return number


def _check(answers: object) -> tuple[dict[str, Value], list[AnswerProblem]]:
    if not isinstance(answers, Mapping):
        return {}, [AnswerProblem("not_a_mapping", None, {"got": _type_name(answers)})]
    values: dict[str, Value] = {}
    problems: list[AnswerProblem] = []
    for key, raw in answers.items():
        q = QUESTIONS.get(key) if isinstance(key, str) else None
        if q is None:
            problems.append(AnswerProblem("unknown_question", str(key)[:100]))
            continue
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue  # not answered yet
        normal = _normal(q, raw)
        if isinstance(normal, AnswerProblem):
            problems.append(normal)
        else:
            values[q.id] = normal
    previous: tuple[str, date] | None = None
    for qid in DATE_CHAIN:
        current = values.get(qid)
        if not isinstance(current, date):
            continue
        if previous is not None and current < previous[1]:
            problems.append(
                AnswerProblem(
                    "date_order",
                    qid,
                    {
                        "before": previous[0],
                        "before_on": previous[1].isoformat(),
                        "on": current.isoformat(),
                    },
                )
            )
        previous = (qid, current)
    order = {qid: n for n, qid in enumerate(QUESTIONS)}
    problems.sort(key=lambda p: order.get(p.question or "", -1))
    return values, problems


def validate_answers(answers: object) -> list[AnswerProblem]:
    """Every problem with the answers, in questionnaire order; empty when all are usable.

    Unanswered questions (missing, None or blank) are not problems: partial answers are
    allowed. Never raises, whatever ``answers`` is.
    """
    return _check(answers)[1]


def clean_answers(answers: object) -> dict[str, Value]:
    """The usable answers in normal form; invalid ones are left out, as if unanswered.

    Both dates of a pair that runs backwards are left out, since either may be wrong.
    """
    values, problems = _check(answers)
    for p in problems:
        if p.code == "date_order" and p.question is not None:
            values.pop(p.question, None)
            before = p.params.get("before")
            if isinstance(before, str):
                values.pop(before, None)
    return values
