"""A case record's draft, generated from what the platform holds about its process.

Figures come from the apps that own them (conformance, commissioning, the register,
accountability, funding); the text of each section says them in words, with small counts
already suppressed ("fewer than 5"). Never copied: the texts of register entries (only
their categories and outcomes are counted), and an unpublished appraisal's findings
(only how many there were).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.utils.translation import gettext as _

from minipublic import clock
from minipublic.accountability import standing
from minipublic.accountability.models import ResponseStatus
from minipublic.anonymise import suppress_count
from minipublic.commissioning.models import Appraisal, AppraisalStatus
from minipublic.conformance.views import report_for
from minipublic.integrity.models import Incident, IncidentStatus
from minipublic.learning.case_names import town_of
from minipublic.learning.library_models import Outcome
from minipublic.lifecycle import Phase, Role
from minipublic.processes.funding_models import FundingSource
from minipublic.processes.labels import MODEL_LABELS, PHASE_LABELS
from minipublic.processes.models import Membership, PhaseChange, Process
from minipublic.standards.criteria import Outcome as CriterionOutcome

#: The register's "what it tried to steer" mapped to the codebook's pressures.
TARGET_PRESSURES: dict[str, str] = {
    "expert_selection": "steer.expert_selection",
    "agenda_framing_remit": "steer.framing_remit",
    "time": "steer.time",
    "report_content": "steer.report_content",
    "participant_contact": "steer.lobbying_participants",
    "selection": "steer.vested_interests",
    "confidentiality_nda": "market.non_disclosure",
}
#: For targets the table above does not settle, the pressure by who pressed.
SOURCE_PRESSURES: dict[str, str] = {
    "stakeholder": "steer.lobbying_participants",
    "commissioner": "steer.framing_remit",
    "politician": "steer.framing_remit",
    "official": "steer.framing_remit",
}
PRESSURE_KEYS: tuple[str, ...] = (
    "steer.expert_selection",
    "steer.report_content",
    "steer.lobbying_participants",
    "steer.vested_interests",
    "steer.framing_remit",
    "steer.time",
    "impact.no_response",
    "impact.no_follow_up_funding",
    "impact.transformation_constrained",
    "market.deliberation_wash",
    "market.participation_wash",
    "market.new_providers",
    "market.non_disclosure",
)


def pressure_of(pressure_source: str, target: str) -> str | None:
    """The codebook key of a register entry's pressure (None when it fits none)."""
    return TARGET_PRESSURES.get(target) or SOURCE_PRESSURES.get(pressure_source)


def _count(n: int) -> str:
    return str(suppress_count(n))


def _month(moment: Any) -> str:
    return str(moment.strftime("%B %Y"))


def size_figures(process: Process) -> dict[str, Any]:
    """The panel: its planned size and how many members used the platform."""
    on_platform = Membership.objects.filter(process=process, role=Role.PARTICIPANT).count()
    return {"panel_size": process.planned_panel_size, "members_on_platform": on_platform}


def duration_figures(process: Process) -> dict[str, Any]:
    """Planned days, hours and meetings, and the month each phase began."""
    phases = [
        {"phase": change.to_phase, "month": _month(change.changed_at)}
        for change in PhaseChange.objects.filter(process=process).exclude(from_phase="")
    ]
    return {
        "planned_days": float(process.planned_days) if process.planned_days else None,
        "planned_hours": process.planned_hours,
        "planned_meetings": process.planned_meetings,
        "phases": phases,
    }


def conformance_figures(process: Process) -> dict[str, Any]:
    """The conformance report in numbers: the label, and criteria met, not met, unknown."""
    report = report_for(process)
    outcomes = Counter(f.outcome.value for f in report.findings)
    return {
        "label_earned": report.label_earned,
        "model_name": report.model_name,
        "met": outcomes[CriterionOutcome.MET.value],
        "not_met": outcomes[CriterionOutcome.NOT_MET.value],
        "unknown": outcomes[CriterionOutcome.UNKNOWN.value],
        "failing_gates": list(report.failing_gates),
    }


def appraisal_figures(process: Process) -> dict[str, Any]:
    """The last final appraisal: its red lines and flags (their titles only when the
    appraisal was published) and what became of the negotiation items."""
    appraisal = (
        Appraisal.objects.filter(process=process, status=AppraisalStatus.FINAL)
        .order_by("-number")
        .first()
    )
    if appraisal is None:
        return {}
    findings = appraisal.summary.get("findings", [])
    negotiation = appraisal.summary.get("negotiation", [])
    published = appraisal.published_at is not None
    figures: dict[str, Any] = {
        "published": published,
        "red_lines": sum(f.get("severity") == "red_line" for f in findings),
        "red_flags": sum(f.get("severity") == "red_flag" for f in findings),
        "negotiation": dict(Counter(item.get("status", "open") for item in negotiation)),
        "override": bool(appraisal.summary.get("override_reason")),
    }
    if published:
        figures["titles"] = [
            f.get("title", f.get("rule", ""))
            for f in findings
            if f.get("severity") in {"red_line", "red_flag"}
        ]
        figures["negotiated"] = [
            {"title": item.get("title", item.get("rule", "")), "status": item.get("status", "")}
            for item in negotiation
        ]
    return figures


def register_figures(process: Process) -> list[dict[str, Any]]:
    """Register entries counted by pressure (codebook key) and outcome; never their text."""
    counts: Counter[tuple[str, str]] = Counter()
    for source, target, status in Incident.objects.filter(process=process).values_list(
        "pressure_source", "target", "status"
    ):
        counts[(pressure_of(source, target) or f"other.{target}", status)] += 1
    return [
        {"pressure": pressure, "outcome": outcome, "count": n}
        for (pressure, outcome), n in sorted(counts.items())
    ]


def response_figures(process: Process) -> dict[str, Any]:
    """The adopted recommendations and the commissioner's answers to them."""
    adopted = list(standing.adopted(process))
    current = standing.current_responses(process)
    statuses = Counter(current[rec.pk].status for rec in adopted if rec.pk in current)
    return {
        "adopted": len(adopted),
        "answered": sum(statuses.values()),
        "accepted": statuses[ResponseStatus.ACCEPTED],
        "accepted_in_part": statuses[ResponseStatus.ACCEPTED_IN_PART],
        "rejected": statuses[ResponseStatus.REJECTED],
        "under_consideration": statuses[ResponseStatus.UNDER_CONSIDERATION],
        "overdue": len(standing.overdue(process, clock.now().date())),
    }


def funding_figures(process: Process) -> dict[str, Any]:
    """How many funders of each kind (no amounts: they would point at the process)."""
    kinds = Counter(FundingSource.objects.filter(process=process).values_list("kind", flat=True))
    return {"funders": sum(kinds.values()), "by_kind": dict(kinds)}


def figures_for(process: Process) -> dict[str, Any]:
    """Every generated figure of ``process``, unsuppressed (the team's draft)."""
    return {
        "size": size_figures(process),
        "duration": duration_figures(process),
        "conformance": conformance_figures(process),
        "appraisal": appraisal_figures(process),
        "register": register_figures(process),
        "responses": response_figures(process),
        "funding": funding_figures(process),
    }


def pressures_for(figures: dict[str, Any]) -> list[str]:
    """The codebook pressures the figures show: the register's, and no response."""
    found = {row["pressure"] for row in figures["register"] if row["pressure"] in PRESSURE_KEYS}
    responses = figures["responses"]
    if responses["overdue"] or (responses["adopted"] and not responses["answered"]):
        found.add("impact.no_response")
    return [key for key in PRESSURE_KEYS if key in found]


def outcome_for(process: Process, figures: dict[str, Any]) -> str:
    """The record's outcome as far as the answers show it."""
    responses = figures["responses"]
    if process.current_phase in {Phase.DESIGN, Phase.RECRUITMENT, Phase.SELECTION}:
        return Outcome.ONGOING
    if not responses["answered"]:
        closed = process.current_phase in {Phase.FOLLOW_UP, Phase.CLOSED}
        return Outcome.NO_RESPONSE if closed else Outcome.ONGOING
    accepted = responses["accepted"] + responses["accepted_in_part"]
    if accepted * 4 >= responses["answered"] * 3:
        return Outcome.MOSTLY_ACCEPTED
    if responses["rejected"] * 2 > responses["answered"]:
        return Outcome.MOSTLY_REJECTED
    return Outcome.MIXED


def sections_for(process: Process, figures: dict[str, Any]) -> dict[str, str]:
    """The draft's text, section by section (the practitioners edit it; ``lessons`` is theirs)."""
    model = str(MODEL_LABELS.get(process.model, process.model))  # type: ignore[call-overload]
    size, duration = figures["size"], figures["duration"]
    started = process.created_at
    summary = _("{title}: a {model} commissioned by {body}, started in {month}.").format(
        title=process.title, model=model.lower(), body=process.commissioning_body,
        month=_month(started),
    )  # fmt: skip
    if process.description:
        summary += "\n\n" + process.description.split("\n\n")[0]
    return {
        "summary": summary,
        "purpose": _("The remit: {question}").format(question=process.question),
        "context": process.description,
        "organisers": _organisers(process, figures),
        "recruitment": _recruitment(size),
        "methods": _methods(model, duration),
        "process": _integrity(figures),
        "outcomes": _outcomes(figures["responses"]),
        "lessons": "",
    }


def _organisers(process: Process, figures: dict[str, Any]) -> str:
    lines = [_("Commissioned by {body}.").format(body=process.commissioning_body)]
    funders = list(FundingSource.objects.filter(process=process).values_list("funder", flat=True))
    if funders:
        lines.append(_("Funded by: {funders}.").format(funders="; ".join(funders)))
    del figures
    return " ".join(lines)


def _recruitment(size: dict[str, Any]) -> str:
    if size["panel_size"]:
        text = _("A panel of {n} members drawn by civic lottery.").format(n=size["panel_size"])
    else:
        text = _("Members drawn by civic lottery.")
    if size["members_on_platform"]:
        text += " " + _("{n} of them took part on the platform.").format(
            n=_count(size["members_on_platform"])
        )
    return text


def _methods(model: str, duration: dict[str, Any]) -> str:
    parts = [_("Model: {model}.").format(model=model)]
    planned = [
        _("{n} days").format(n=duration["planned_days"]) if duration["planned_days"] else "",
        _("{n} hours").format(n=duration["planned_hours"]) if duration["planned_hours"] else "",
        _("{n} meetings").format(n=duration["planned_meetings"])
        if duration["planned_meetings"]
        else "",
    ]
    if any(planned):
        parts.append(_("Planned: {plan}.").format(plan=", ".join(p for p in planned if p)))
    for row in duration["phases"]:
        label = PHASE_LABELS.get(Phase(row["phase"]), row["phase"])
        parts.append(_("{phase} from {month}.").format(phase=label, month=row["month"]))
    return " ".join(parts)


def _integrity(figures: dict[str, Any]) -> str:
    conformance, appraisal = figures["conformance"], figures["appraisal"]
    lines = [
        _("Conformance: {met} criteria met, {not_met} not met, {unknown} unknown; {label}.").format(
            met=conformance["met"], not_met=conformance["not_met"], unknown=conformance["unknown"],
            label=_("the label was earned") if conformance["label_earned"]
            else _("the label was not earned"),
        )
    ]  # fmt: skip
    if appraisal:
        line = _("The commission's appraisal found {lines} red line(s) and {flags} red flag(s)")
        line = line.format(lines=appraisal["red_lines"], flags=appraisal["red_flags"])
        if appraisal.get("titles"):
            line += ": " + "; ".join(appraisal["titles"])
        lines.append(line + ".")
        outcomes = ", ".join(f"{status}: {n}" for status, n in appraisal["negotiation"].items())
        if outcomes:
            lines.append(
                _("Negotiation with the commissioner: {outcomes}.").format(outcomes=outcomes)
            )
    register = figures["register"]
    if register:
        rows = "; ".join(
            f"{row['pressure']} ({IncidentStatus(row['outcome']).label}): {_count(row['count'])}"
            for row in register
        )
        lines.append(
            _("Register of steering attempts, by pressure and outcome: {rows}.").format(rows=rows)
        )
    else:
        lines.append(_("Nothing was entered in the register of steering attempts."))
    return "\n".join(lines)


def _outcomes(responses: dict[str, Any]) -> str:
    if not responses["adopted"]:
        return _("No recommendations adopted yet.")
    text = _(
        "{adopted} recommendations adopted; {answered} answered: {accepted} accepted, "
        "{part} accepted in part, {rejected} rejected, {pending} under consideration."
    )
    text = text.format(
        adopted=responses["adopted"], answered=_count(responses["answered"]),
        accepted=_count(responses["accepted"]), part=_count(responses["accepted_in_part"]),
        rejected=_count(responses["rejected"]), pending=_count(responses["under_consideration"]),
    )  # fmt: skip
    if responses["overdue"]:
        text += " " + _("Answers overdue: {n}.").format(n=_count(responses["overdue"]))
    return text


def draft_from_process(process: Process) -> dict[str, Any]:
    """The fields of a new case record for ``process``: title, sections, figures,
    pressures, outcome and the town it took place in (from the commissioning council)."""
    figures = figures_for(process)
    return {
        "title": process.title,
        "sections": sections_for(process, figures),
        "figures": figures,
        "pressures": pressures_for(figures),
        "outcome": outcome_for(process, figures),
        "place": town_of(process.commissioning_body),
    }
