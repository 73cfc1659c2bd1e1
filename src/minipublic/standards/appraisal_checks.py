"""The checks behind the commission appraisal rules, and what they read and return.

Each check reads the clean answers (``appraisal_questions.clean_answers``), the model's
thresholds and the date, and returns a ``RuleResult``: a severity when it found
something, or the questions it still needs. The rules themselves, with their reasons and
sources, are in ``appraisal_rules``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from minipublic.standards.appraisal_questions import NO, UNSURE, YES, Value
from minipublic.standards.templates import TEMPLATES, Thresholds

Param = str | int | float | bool | None


class Severity(StrEnum):
    """What a finding means for accepting the commission, worst first."""

    RED_LINE = "red_line"
    RED_FLAG = "red_flag"
    NOTE = "note"


@dataclass(frozen=True)
class Context:
    """What a rule reads: the clean answers, the model's template and the date."""

    values: Mapping[str, Value]
    template_id: str | None
    today: date

    @property
    def thresholds(self) -> Thresholds | None:
        """The thresholds of the model, when a model is known."""
        if self.template_id is None or self.template_id not in TEMPLATES:
            return None
        return TEMPLATES[self.template_id].thresholds

    def yn(self, qid: str) -> str | None:
        """A yes/no/unsure or choice answer, or None if unanswered."""
        value = self.values.get(qid)
        return value if isinstance(value, str) else None

    def number(self, qid: str) -> float | None:
        """A number answer, or None if unanswered."""
        value = self.values.get(qid)
        return value if isinstance(value, int | float) else None

    def day(self, qid: str) -> date | None:
        """A date answer, or None if unanswered."""
        value = self.values.get(qid)
        return value if isinstance(value, date) else None


@dataclass(frozen=True)
class RuleResult:
    """What one rule found: a severity (None: nothing), or the answers it still needs."""

    severity: Severity | None
    code: str
    rests_on: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    params: Mapping[str, Param] = field(default_factory=dict)


Check = Callable[[Context], RuleResult]


def clear(code: str = "clear", *rests_on: str) -> RuleResult:
    return RuleResult(None, code, rests_on)


def needs(*qids: str) -> RuleResult:
    return RuleResult(None, "missing", missing=qids)


def found(severity: Severity, code: str, rests_on: tuple[str, ...], **params: Param) -> RuleResult:
    return RuleResult(severity, code, rests_on, params=params)


def answer_rule(qid: str, bad: str, severity: Severity) -> Check:
    """A rule on one yes/no answer: ``bad`` triggers it; "unsure" asks for clarity.

    An unsure answer to a red-line question is a red flag: it must be settled before
    accepting, but it is not yet a reason to refuse.
    """
    unclear = Severity.RED_FLAG if severity is Severity.RED_LINE else severity

    def check(ctx: Context) -> RuleResult:
        answer = ctx.yn(qid)
        if answer is None:
            return needs(qid)
        if answer == bad:
            return found(severity, "triggered", (qid,))
        if answer == UNSURE:
            return found(unclear, "unclear", (qid,))
        return clear("clear", qid)

    return check


def choice_rule(qid: str, levels: Mapping[str, Severity]) -> Check:
    def check(ctx: Context) -> RuleResult:
        answer = ctx.yn(qid)
        if answer is None:
            return needs(qid)
        if answer in levels:
            return found(levels[answer], answer, (qid,))
        return clear("clear", qid)

    return check


MODEL = "commission.model"
DAYS = "time.deliberation-days"
HOURS = "time.deliberation-hours"
MEETINGS = "time.meetings"
COMMISSIONED = "time.commissioned-on"
FIRST = "time.first-session-on"
FINAL = "time.final-session-on"
REPORT = "time.report-due-on"
ELECTION = "time.election-on"
DECISION = "purpose.decision-on"
RESPONSE_DAYS = "impact.response-days"
COMMITMENT = "impact.response-commitment"


def with_model(ctx: Context, *needed: str) -> tuple[Thresholds | None, tuple[str, ...]]:
    """The model's thresholds and which of ``needed`` (and the model) are missing."""
    t = ctx.thresholds
    missing = tuple(q for q in needed if q not in ctx.values)
    if t is None:
        missing = (MODEL, *missing)
    return t, missing


def answered(ctx: Context, *qids: str) -> tuple[str, ...]:
    return tuple(q for q in qids if q in ctx.values)


def below_floor(ctx: Context) -> RuleResult:
    days = ctx.number(DAYS)
    if days is None:
        return needs(DAYS)
    floor = ctx.thresholds.floor_days if ctx.thresholds else 1.0
    if days < floor:
        return found(Severity.RED_LINE, "below_floor", (DAYS,), days=days, floor_days=floor)
    return clear("clear", DAYS)


def too_short(ctx: Context) -> RuleResult:
    t, missing = with_model(ctx, DAYS)
    days = ctx.number(DAYS)
    if t is None or days is None:
        return needs(*missing)
    rests = answered(ctx, MODEL, DAYS)
    if t.floor_days <= days < t.min_days:
        return found(Severity.RED_FLAG, "too_short", rests, days=days, min_days=t.min_days)
    return clear("clear", *rests)


def too_few_hours(ctx: Context) -> RuleResult:
    t, missing = with_model(ctx, HOURS)
    if t is not None and t.min_hours is None:
        return clear("not_applicable", MODEL)
    hours = ctx.number(HOURS)
    if t is None or t.min_hours is None or hours is None:
        return needs(*missing)
    rests = answered(ctx, MODEL, HOURS)
    if hours < t.min_hours:
        return found(Severity.RED_FLAG, "too_few_hours", rests, hours=hours, min_hours=t.min_hours)
    return clear("clear", *rests)


def meetings(ctx: Context) -> RuleResult:
    t, missing = with_model(ctx, MEETINGS)
    meetings = ctx.number(MEETINGS)
    if t is None or meetings is None:
        return needs(*missing)
    rests = answered(ctx, MODEL, MEETINGS)
    if meetings < t.min_meetings:
        return found(
            Severity.NOTE, "few_meetings", rests, meetings=meetings, min_meetings=t.min_meetings
        )
    return clear("clear", *rests)


def lead_time(ctx: Context) -> RuleResult:
    first = ctx.day(FIRST)
    if first is None:
        return needs(FIRST)
    start = ctx.day(COMMISSIONED) or ctx.today
    need = ctx.thresholds.lead_time_days if ctx.thresholds else 120
    days = (first - start).days
    rests = answered(ctx, COMMISSIONED, FIRST)
    if days < need:
        return found(
            Severity.RED_FLAG,
            "short_lead_time",
            rests,
            lead_days=days,
            min_lead_days=need,
            from_on=start.isoformat(),
        )
    return clear("clear", *rests)


def election(ctx: Context) -> RuleResult:
    election = ctx.day(ELECTION)
    dates = {q: ctx.day(q) for q in (FIRST, FINAL, REPORT)}
    if election is None:
        return needs(ELECTION, *(() if any(dates.values()) else (FIRST, FINAL, REPORT)))
    report = dates[REPORT]
    response_days = ctx.number(RESPONSE_DAYS)
    if report is not None and response_days is not None:
        dates[RESPONSE_DAYS] = report + timedelta(days=int(response_days))
    known = {q: d for q, d in dates.items() if d is not None}
    if not known:
        return needs(FIRST, FINAL, REPORT)
    blackout = ctx.thresholds.election_blackout_days if ctx.thresholds else 183
    inside = [q for q, d in known.items() if timedelta(0) <= election - d < timedelta(blackout)]
    rests = (ELECTION, *known)
    if inside:
        return found(
            Severity.RED_FLAG,
            "in_blackout",
            rests,
            election_on=election.isoformat(),
            blackout_days=blackout,
            first_in_blackout=inside[0],
        )
    return clear("clear", *rests)


def decision_before_report(ctx: Context) -> RuleResult:
    decision, report = ctx.day(DECISION), ctx.day(REPORT)
    if decision is None or report is None:
        return needs(*(q for q in (DECISION, REPORT) if q not in ctx.values))
    if decision <= report:
        return found(
            Severity.RED_LINE,
            "before_report",
            (DECISION, REPORT),
            decision_on=decision.isoformat(),
            report_due_on=report.isoformat(),
        )
    response_days = ctx.number(RESPONSE_DAYS)
    if response_days is not None and decision < report + timedelta(days=int(response_days)):
        return found(
            Severity.RED_FLAG,
            "before_response",
            (DECISION, REPORT, RESPONSE_DAYS),
            decision_on=decision.isoformat(),
            response_due_on=(report + timedelta(days=int(response_days))).isoformat(),
        )
    return clear("clear", *answered(ctx, DECISION, REPORT, RESPONSE_DAYS))


def response_deadline(ctx: Context) -> RuleResult:
    commitment = ctx.yn(COMMITMENT)
    if commitment is None:
        return needs(COMMITMENT)
    if commitment != YES:
        return clear("not_applicable", COMMITMENT)
    days = ctx.number(RESPONSE_DAYS)
    if days is None:
        return needs(RESPONSE_DAYS)
    most = ctx.thresholds.max_response_days if ctx.thresholds else 180
    if days > most:
        return found(
            Severity.RED_FLAG,
            "too_late",
            (COMMITMENT, RESPONSE_DAYS),
            response_days=days,
            max_response_days=most,
        )
    return clear("clear", COMMITMENT, RESPONSE_DAYS)


def method_mismatch(ctx: Context) -> RuleResult:
    needed = ctx.yn("commission.output-needed")
    model = ctx.template_id if ctx.template_id in TEMPLATES else None
    if needed is None or model is None:
        return needs(*(q for q in (MODEL, "commission.output-needed") if q not in ctx.values))
    purpose = TEMPLATES[model].purpose.value
    rests = answered(ctx, MODEL, "commission.output-needed")
    if needed != purpose:
        return found(Severity.RED_FLAG, "mismatch", rests, model_purpose=purpose, needed=needed)
    return clear("clear", *rests)


def budget(ctx: Context) -> RuleResult:
    budget, size = ctx.number("resources.budget"), ctx.number("resources.panel-size")
    if budget is None or size is None:
        return needs(
            *(q for q in ("resources.budget", "resources.panel-size") if q not in ctx.values)
        )
    per_member = round(budget / size, 2)
    benchmark = ctx.number("resources.benchmark-per-member")
    rests = answered(
        ctx, "resources.budget", "resources.panel-size", "resources.benchmark-per-member"
    )
    if benchmark is None:
        return found(Severity.NOTE, "no_benchmark", rests, per_member=per_member)
    if per_member < benchmark:
        return found(
            Severity.RED_FLAG, "below_benchmark", rests, per_member=per_member, benchmark=benchmark
        )
    return clear("clear", *rests)


def panel_size(ctx: Context) -> RuleResult:
    t, missing = with_model(ctx, "resources.panel-size")
    size = ctx.number("resources.panel-size")
    if t is None or size is None:
        return needs(*missing)
    rests = answered(ctx, MODEL, "resources.panel-size")
    if not t.panel_min <= size <= t.panel_max:
        return found(
            Severity.NOTE, "outside_range", rests, size=size, min=t.panel_min, max=t.panel_max
        )
    return clear("clear", *rests)


def stratified(ctx: Context) -> RuleResult:
    t = ctx.thresholds
    if t is not None and not t.stratification_required:
        return clear("not_applicable", MODEL)
    return answer_rule("selection.stratified", NO, Severity.RED_FLAG)(ctx)
