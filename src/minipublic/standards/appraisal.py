"""The commission appraisal: answers in, findings, verdict and negotiation record out.

A practitioner answers the questionnaire (``appraisal_questions``) before accepting a
commission. ``appraise`` runs every rule (``appraisal_rules``) over the usable answers
and returns the findings (red lines, red flags, notes), the questions some rule still
needs, and a verdict. Bad answers never make it raise: they are reported as problems
and treated as unanswered.

Negotiation model. What was asked of the commissioner and what they conceded is kept as
``NegotiationItem`` records, one per rule. A conceded item may carry ``changes``: the
answers as agreed (e.g. ``{"control.nda": "no"}``). The final appraisal is the answers
as finally agreed (``apply_negotiation``) plus the record of items; ``appraisal_summary``
gives both as one stable, versioned, JSON-ready dict for the ledger and publication.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from minipublic.clock import now
from minipublic.standards.appraisal_checks import MODEL, Context, Param, Severity
from minipublic.standards.appraisal_questions import (
    QUESTIONNAIRE,
    QUESTIONNAIRE_VERSION,
    QUESTIONS,
    AnswerProblem,
    AppraisalAnswers,
    Question,
    QuestionKind,
    Section,
    Value,
    clean_answers,
    question,
    validate_answers,
)
from minipublic.standards.appraisal_rules import (
    RULES,
    RULES_VERSION,
    AppraisalRule,
    readers,
    rule,
)
from minipublic.standards.sources import Citation
from minipublic.standards.templates import TEMPLATES

__all__ = [
    "QUESTIONNAIRE",
    "QUESTIONNAIRE_VERSION",
    "QUESTIONS",
    "RULES",
    "RULES_VERSION",
    "SUMMARY_FORMAT",
    "AnswerProblem",
    "Appraisal",
    "AppraisalAnswers",
    "AppraisalFinding",
    "AppraisalRule",
    "AppraisalVerdict",
    "NegotiationItem",
    "NegotiationStatus",
    "Question",
    "QuestionKind",
    "Section",
    "Severity",
    "apply_negotiation",
    "appraisal_summary",
    "appraise",
    "clean_answers",
    "question",
    "readers",
    "rule",
    "validate_answers",
]

SUMMARY_FORMAT = 1


class AppraisalVerdict(StrEnum):
    """The appraisal's conclusion, worst first.

    A red line decides it even while answers are missing; otherwise missing answers make
    it incomplete, since they could still reveal a red line.
    """

    CANNOT_ACCEPT = "cannot_accept"
    INCOMPLETE = "incomplete"
    NEGOTIATE = "negotiate"
    NO_CONCERNS = "no_concerns"

    @property
    def label(self) -> str:
        """The verdict in words."""
        return _LABELS[self]


_LABELS = {
    AppraisalVerdict.CANNOT_ACCEPT: "Cannot accept as it stands: refuse or renegotiate",
    AppraisalVerdict.INCOMPLETE: "Incomplete: answer the missing questions",
    AppraisalVerdict.NEGOTIATE: "Negotiate the red flags and record what is agreed",
    AppraisalVerdict.NO_CONCERNS: "No concerns found",
}


@dataclass(frozen=True)
class AppraisalFinding:
    """One rule that found something, with its reason, source, answers and ask.

    ``answers`` are the answers the finding rests on (question id to normal value);
    ``ask`` is what to ask the commissioner for, filled in with ``params``.
    """

    rule_id: str
    severity: Severity
    code: str
    title: str
    reason: str
    ask: str
    source: Citation
    answers: Mapping[str, Value]
    params: Mapping[str, Param] = field(default_factory=dict)
    also: tuple[Citation, ...] = ()


@dataclass(frozen=True)
class Appraisal:
    """The findings in rule order, the questions still needed, and the answer problems."""

    questionnaire_version: str
    rules_version: str
    template_id: str | None
    as_of: date
    findings: tuple[AppraisalFinding, ...]
    missing: tuple[str, ...]
    problems: tuple[AnswerProblem, ...]

    def _of(self, severity: Severity) -> tuple[AppraisalFinding, ...]:
        return tuple(f for f in self.findings if f.severity is severity)

    @property
    def red_lines(self) -> tuple[AppraisalFinding, ...]:
        return self._of(Severity.RED_LINE)

    @property
    def red_flags(self) -> tuple[AppraisalFinding, ...]:
        return self._of(Severity.RED_FLAG)

    @property
    def notes(self) -> tuple[AppraisalFinding, ...]:
        return self._of(Severity.NOTE)

    @property
    def verdict(self) -> AppraisalVerdict:
        if self.red_lines:
            return AppraisalVerdict.CANNOT_ACCEPT
        if self.missing:
            return AppraisalVerdict.INCOMPLETE
        if self.red_flags:
            return AppraisalVerdict.NEGOTIATE
        return AppraisalVerdict.NO_CONCERNS

    def finding(self, rule_id: str) -> AppraisalFinding | None:
        """The finding of this rule, or None when the rule found nothing."""
        return next((f for f in self.findings if f.rule_id == rule_id), None)


class _Params(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fill(text: str, params: Mapping[str, Param]) -> str:
    shown = {k: (f"{v:g}" if isinstance(v, float) else v) for k, v in params.items()}
    try:
        return text.format_map(_Params(shown))
    except (ValueError, IndexError):
        return text


def appraise(
    answers: AppraisalAnswers | object,
    *,
    template_id: str | None = None,
    today: date | None = None,
    rules: Iterable[AppraisalRule] = RULES,
) -> Appraisal:
    """Run every rule over the usable answers; never raises on bad answers.

    ``template_id`` overrides the model answered in ``commission.model``; an unknown id
    is treated as no model. ``today`` (default: ``clock.now()``'s date) is the start of the lead
    time when no contract date is given.
    """
    values = clean_answers(answers)
    problems = tuple(validate_answers(answers))
    model = template_id if template_id is not None else values.get(MODEL)
    model_id = model if isinstance(model, str) and model in TEMPLATES else None
    as_of = today or now().date()
    ctx = Context(values, model_id, as_of)
    findings: list[AppraisalFinding] = []
    missing: set[str] = set()
    for r in rules:
        result = r.check(ctx)
        missing.update(result.missing)
        if result.severity is None:
            continue
        params = dict(sorted(result.params.items()))
        findings.append(
            AppraisalFinding(
                rule_id=r.id,
                severity=result.severity,
                code=result.code,
                title=r.title,
                reason=r.reason,
                ask=_fill(r.ask_for(result.code), params),
                source=r.source,
                answers={q: values[q] for q in result.rests_on if q in values},
                params=params,
                also=r.also,
            )
        )
    if template_id is not None and model_id is not None:
        missing.discard(MODEL)
    order = list(QUESTIONS)
    return Appraisal(
        QUESTIONNAIRE_VERSION,
        RULES_VERSION,
        model_id,
        as_of,
        tuple(findings),
        tuple(q for q in order if q in missing),
        problems,
    )


class NegotiationStatus(StrEnum):
    """Where the negotiation of one item stands."""

    OPEN = "open"
    CONCEDED = "conceded"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class NegotiationItem:
    """What was asked of the commissioner about one rule, and what came of it.

    ``asked``: the request as put; ``conceded``: what the commissioner agreed to;
    ``final_condition``: the condition as written into the terms; ``changes``: the
    answers as agreed, applied by ``apply_negotiation`` when the item is CONCEDED.
    WITHDRAWN means the practitioner dropped the request.
    """

    rule_id: str
    asked: str
    status: NegotiationStatus = NegotiationStatus.OPEN
    conceded: str = ""
    final_condition: str = ""
    changes: Mapping[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Read-only, so that a stored record cannot be changed through a shared item.
        object.__setattr__(self, "changes", MappingProxyType(dict(self.changes)))


def apply_negotiation(
    answers: AppraisalAnswers | object, items: Sequence[NegotiationItem]
) -> dict[str, object]:
    """The answers as agreed: the changes of every CONCEDED item, in order, over ``answers``.

    Applying the same items again changes nothing, so the agreed answers may be passed in
    place of the original ones. Raises StandardsError("unknown_rule") for an item whose
    rule does not exist; the values themselves are validated like any answer.
    """
    agreed: dict[str, object] = dict(answers) if isinstance(answers, Mapping) else {}
    for item in items:
        rule(item.rule_id)
        if item.status is NegotiationStatus.CONCEDED:
            agreed.update(item.changes)
    return agreed


def _json_value(value: object) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, tuple | list):
        return [_json_value(v) for v in value]
    return repr(value)


def _finding_dict(f: AppraisalFinding) -> dict[str, Any]:
    return {
        "rule": f.rule_id,
        "severity": f.severity.value,
        "code": f.code,
        "title": f.title,
        "reason": f.reason,
        "ask": f.ask,
        "source": f.source.text,
        "also": [c.text for c in f.also],
        "answers": {k: _json_value(v) for k, v in sorted(f.answers.items())},
        "params": {k: _json_value(v) for k, v in sorted(f.params.items())},
    }


def appraisal_summary(
    answers: AppraisalAnswers | object,
    items: Sequence[NegotiationItem] = (),
    *,
    template_id: str | None = None,
    today: date | None = None,
) -> dict[str, Any]:
    """The final appraisal as a stable, versioned, JSON-ready dict.

    It holds the agreed answers (``apply_negotiation``), the findings and verdict on
    them, and every negotiation item with whether its rule is now clear. ``unaddressed``
    lists the red lines and red flags no item deals with yet.
    """
    agreed = apply_negotiation(answers, items)
    result = appraise(agreed, template_id=template_id, today=today)
    found = {f.rule_id for f in result.findings}
    covered = {i.rule_id for i in items}
    return {
        "format": SUMMARY_FORMAT,
        "questionnaire_version": result.questionnaire_version,
        "rules_version": result.rules_version,
        "as_of": result.as_of.isoformat(),
        "template": result.template_id,
        "verdict": result.verdict.value,
        "verdict_label": result.verdict.label,
        "answers": {k: _json_value(v) for k, v in sorted(clean_answers(agreed).items())},
        "findings": [_finding_dict(f) for f in result.findings],
        "missing": list(result.missing),
        "problems": [
            {
                "code": p.code,
                "question": p.question,
                "params": {k: _json_value(v) for k, v in sorted(p.params.items())},
            }
            for p in result.problems
        ],
        "negotiation": [
            {
                "rule": i.rule_id,
                "severity": rule(i.rule_id).severity.value,
                "title": rule(i.rule_id).title,
                "source": rule(i.rule_id).source.text,
                "asked": i.asked,
                "status": i.status.value,
                "conceded": i.conceded,
                "final_condition": i.final_condition,
                "changes": {k: _json_value(v) for k, v in sorted(i.changes.items())},
                "cleared": i.rule_id not in found,
            }
            for i in items
        ],
        "unaddressed": [
            f.rule_id
            for f in result.findings
            if f.severity is not Severity.NOTE and f.rule_id not in covered
        ],
    }
