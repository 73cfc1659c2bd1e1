"""What a criterion is, and what evaluating one yields.

A criterion states one requirement in our own words, cites where it comes from, and
checks it against a process's facts and its model's thresholds. Its kind says what a
failure means: a GATE decides whether the process may carry its model's name, a
STANDARD is expected of every good process, an ADVISORY is good practice to consider.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from minipublic.standards.facts import ProcessFacts
from minipublic.standards.sources import Citation
from minipublic.standards.templates import Thresholds, template


class Kind(StrEnum):
    """What failing a criterion means for the process."""

    GATE = "gate"
    STANDARD = "standard"
    ADVISORY = "advisory"


class Outcome(StrEnum):
    """The result of one criterion for one process.

    PENDING: not due yet (e.g. the response before the report exists); it does not
    block the label, and becomes MET or NOT_MET when due. UNKNOWN: due, but the facts
    needed are missing; for a gate it blocks the label, because a label must be earned.
    """

    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"
    PENDING = "pending"
    NOT_APPLICABLE = "not_applicable"


Param = str | int | float | bool | None


@dataclass(frozen=True)
class Verdict:
    """What a check found, before it is tied to its criterion."""

    outcome: Outcome
    code: str
    evidence: str
    attested: bool = False
    params: Mapping[str, Param] = field(default_factory=dict)


@dataclass(frozen=True)
class Finding:
    """The outcome of one criterion for one process, with the evidence behind it.

    ``code`` and ``params`` let the web layer translate the evidence; ``attested`` says
    the evidence rests on a person's statement rather than on the platform's records.
    """

    criterion_id: str
    kind: Kind
    outcome: Outcome
    code: str
    evidence: str
    attested: bool = False
    params: Mapping[str, Param] = field(default_factory=dict)

    @property
    def blocks_label(self) -> bool:
        """Whether this finding keeps the process from carrying its model's name."""
        return self.kind is Kind.GATE and self.outcome in (Outcome.NOT_MET, Outcome.UNKNOWN)


Check = Callable[[ProcessFacts, Thresholds], Verdict]


@dataclass(frozen=True)
class Criterion:
    """One requirement of the catalogue.

    ``id`` is "<area>.<name>" in lower case with hyphens; ``version`` goes up when the
    requirement or its check changes meaning. ``applies_to`` lists the template ids it
    applies to (None: all). ``source`` is the main citation, ``also`` further ones.
    """

    id: str
    version: int
    kind: Kind
    title: str
    requirement: str
    source: Citation
    check: Check
    also: tuple[Citation, ...] = ()
    applies_to: frozenset[str] | None = None

    def applies(self, model: str) -> bool:
        """Whether the criterion applies to processes of this template."""
        return self.applies_to is None or model in self.applies_to

    def evaluate(self, facts: ProcessFacts, thresholds: Thresholds | None = None) -> Finding:
        """Check the criterion; thresholds default to those of the process's template."""
        if not self.applies(facts.model):
            verdict = Verdict(
                Outcome.NOT_APPLICABLE,
                "not_applicable",
                "Does not apply to this model.",
                params={"model": facts.model},
            )
        else:
            verdict = self.check(facts, thresholds or template(facts.model).thresholds)
        return Finding(
            criterion_id=self.id,
            kind=self.kind,
            outcome=verdict.outcome,
            code=verdict.code,
            evidence=verdict.evidence,
            attested=verdict.attested,
            params=dict(verdict.params),
        )
