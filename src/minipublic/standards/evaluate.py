"""The conformance report of one process: every criterion, the gates, and the label.

The label is the model's name ("Citizens' Jury") only while every gate is met. A gate
that is UNKNOWN blocks the label as much as a failing one: the name must be earned by
evidence, not presumed. A gate that is PENDING (not due yet, such as the response before
the report exists) does not block it; it will turn into MET or NOT_MET when due, and the
label follows. Otherwise the report uses a neutral label and names the gates plainly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from minipublic.standards.catalogue import CATALOGUE, CATALOGUE_VERSION
from minipublic.standards.criteria import Criterion, Finding, Kind, Outcome
from minipublic.standards.facts import ProcessFacts
from minipublic.standards.templates import Thresholds, template

NEUTRAL_LABEL = "Public engagement process"
REPORT_FORMAT = 1


@dataclass(frozen=True)
class GateChange:
    """One gate whose outcome differs between two reports (None: absent from one)."""

    criterion_id: str
    before: Outcome | None
    after: Outcome | None


@dataclass(frozen=True)
class ConformanceReport:
    """Findings for every criterion of the catalogue, the gate summary and the label."""

    catalogue_version: str
    model: str
    model_name: str
    findings: tuple[Finding, ...]

    @property
    def gates(self) -> tuple[Finding, ...]:
        """The findings of gate criteria that apply to this model."""
        return tuple(
            f for f in self.findings if f.kind is Kind.GATE and f.outcome != Outcome.NOT_APPLICABLE
        )

    @property
    def failing_gates(self) -> tuple[str, ...]:
        """Ids of gates that are NOT_MET."""
        return tuple(f.criterion_id for f in self.gates if f.outcome == Outcome.NOT_MET)

    @property
    def unknown_gates(self) -> tuple[str, ...]:
        """Ids of gates whose evidence is missing; they block the label too."""
        return tuple(f.criterion_id for f in self.gates if f.outcome == Outcome.UNKNOWN)

    @property
    def label_earned(self) -> bool:
        """Whether the process may carry its model's name."""
        return not any(f.blocks_label for f in self.findings)

    @property
    def label(self) -> str:
        """The model's name when every gate is met, otherwise the neutral label."""
        return self.model_name if self.label_earned else NEUTRAL_LABEL

    def finding(self, criterion_id: str) -> Finding:
        """The finding of one criterion; KeyError if the catalogue has no such id."""
        for f in self.findings:
            if f.criterion_id == criterion_id:
                return f
        raise KeyError(criterion_id)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready, stable form: findings sorted by id, keys sorted, versioned."""
        return {
            "format": REPORT_FORMAT,
            "catalogue_version": self.catalogue_version,
            "model": self.model,
            "model_name": self.model_name,
            "label": self.label,
            "label_earned": self.label_earned,
            "gates": {
                "failing": list(self.failing_gates),
                "unknown": list(self.unknown_gates),
                "met": [f.criterion_id for f in self.gates if f.outcome == Outcome.MET],
                "pending": [f.criterion_id for f in self.gates if f.outcome == Outcome.PENDING],
            },
            "findings": [_finding_dict(f) for f in self.findings],
        }


def _finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "criterion": f.criterion_id,
        "kind": f.kind.value,
        "outcome": f.outcome.value,
        "code": f.code,
        "evidence": f.evidence,
        "attested": f.attested,
        "params": dict(sorted(f.params.items())),
    }


def evaluate(
    facts: ProcessFacts,
    *,
    catalogue: Iterable[Criterion] = CATALOGUE,
    thresholds: Thresholds | None = None,
    catalogue_version: str = CATALOGUE_VERSION,
) -> ConformanceReport:
    """Evaluate every criterion against the facts; thresholds default to the template's.

    Raises StandardsError("unknown_template") if ``facts.model`` names no template.
    """
    t = template(facts.model)
    limits = thresholds or t.thresholds
    findings = sorted((c.evaluate(facts, limits) for c in catalogue), key=lambda f: f.criterion_id)
    return ConformanceReport(catalogue_version, t.id, t.name, tuple(findings))


def changed_gates(before: ConformanceReport, after: ConformanceReport) -> tuple[GateChange, ...]:
    """The gates whose outcome changed between two reports, sorted by id.

    The web layer logs these (and the label change they cause) when it re-evaluates a
    process, e.g. after the deliberation days were cut or a response deadline passed.
    """
    old = {f.criterion_id: f.outcome for f in before.findings if f.kind is Kind.GATE}
    new = {f.criterion_id: f.outcome for f in after.findings if f.kind is Kind.GATE}
    return tuple(
        GateChange(key, old.get(key), new.get(key))
        for key in sorted(old.keys() | new.keys())
        if old.get(key) != new.get(key)
    )
