"""Named actions of conformance: attest a fact, re-evaluate the process and log changes.

Every attestation is a ledger entry; re-evaluating stores the gates as evaluated in
``ConformanceState`` and logs ``conformance.label_changed`` only when the label or a
gate changed, so the record shows when (and why) a process gained or lost its name.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from minipublic import clock
from minipublic.conformance.facts import ATTESTED_TYPES, attestable_facts, facts_for
from minipublic.conformance.models import Attestation, ConformanceState
from minipublic.integrity.record import append
from minipublic.lifecycle import Action, LifecycleError
from minipublic.processes.access import Actor, performs
from minipublic.processes.actions import _actor_role, _person
from minipublic.processes.models import Process
from minipublic.standards import ConformanceReport, evaluate

NOTE_LIMIT = 2000
_EXPECTED = {bool: "yes or no", str: "a text"}


def _checked_value(fact: str, value: Any) -> Any:
    if fact not in attestable_facts():
        raise LifecycleError(
            "fact_not_attestable", "{fact} is not a fact a practitioner can attest.", fact=fact
        )
    expected = ATTESTED_TYPES.get(fact, bool)
    if not isinstance(value, expected):
        raise LifecycleError(
            "attestation_value_invalid",
            "The value for {fact} must be {expected}.",
            fact=fact,
            expected=_EXPECTED[expected],
        )
    if isinstance(value, str):
        value = value.strip()
        if not value:
            raise LifecycleError("attestation_needs_text", "Write the justification.")
    return value


def _record(actor: Actor, process: Process, fact: str, value: Any, note: str) -> Attestation:
    checked = _checked_value(fact, value)
    note = note.strip()
    if len(note) > NOTE_LIMIT:
        raise LifecycleError(
            "attestation_note_too_long", "A note has at most {limit} characters.", limit=NOTE_LIMIT
        )
    role = _actor_role(actor, process, Action.ATTEST)
    attestation = Attestation.objects.create(
        process=process,
        fact=fact,
        value=checked,
        note=note,
        attested_by=_person(actor),
        attested_by_role=role,
        attested_at=clock.now(),
    )
    append(process, role, "conformance.attested", {"fact": fact, "value": checked, "note": note})
    return attestation


@performs(Action.ATTEST)
def do_attest(
    actor: Actor, process: Process, *, fact: str, value: bool | str, note: str = ""
) -> Attestation:
    """State one fact only a person can know; logged, then the process is re-evaluated.

    ``fact`` must be one of ``standards.attested_fields()`` and ``value`` of its type
    (yes/no, or a text for the justification of a shorter process).
    """
    attestation = _record(actor, process, fact, value, note)
    do_reevaluate(actor, process)
    return attestation


@performs(Action.ATTEST)
def do_attest_many(
    actor: Actor, process: Process, statements: Mapping[str, tuple[bool | str, str]]
) -> list[Attestation]:
    """State several facts at once: ``{fact: (value, note)}``, each checked and logged
    like ``do_attest`` (all or none), then the process is re-evaluated once."""
    attestations = [
        _record(actor, process, fact, value, note) for fact, (value, note) in statements.items()
    ]
    if attestations:
        do_reevaluate(actor, process)
    return attestations


def _outcomes(report: ConformanceReport) -> dict[str, str]:
    return {f.criterion_id: f.outcome.value for f in report.gates}


# Re-evaluating reveals nothing and decides nothing: it records what the evidence already
# says. Anyone who may view the process may trigger it (the system does so nightly).
@performs(Action.VIEW_PROCESS)
def do_reevaluate(
    actor: Actor, process: Process, *, today: date | None = None
) -> ConformanceReport:
    """Evaluate the process now, store the result and log a changed label or gate.

    Logs ``conformance.label_changed`` with the label before and after, each changed gate
    and the catalogue version; the first evaluation counts as a change from nothing. The
    selection files are verified from disk again (pages read the result stored here).
    """
    report = evaluate(facts_for(process, today=today, reverify=True))
    state = ConformanceState.objects.filter(process=process).first()
    before_label = state.label if state is not None else ""
    before_gates: dict[str, str] = dict(state.gates) if state is not None else {}
    after_gates = _outcomes(report)
    changed = [
        {"criterion": key, "before": before_gates.get(key), "after": after_gates.get(key)}
        for key in sorted(before_gates.keys() | after_gates.keys())
        if before_gates.get(key) != after_gates.get(key)
    ]
    if changed or before_label != report.label:
        append(
            process,
            _actor_role(actor, process, Action.VIEW_PROCESS),
            "conformance.label_changed",
            {
                "label_before": before_label or None,
                "label_after": report.label,
                "gates": changed,
                "catalogue_version": report.catalogue_version,
            },
        )
    ConformanceState.objects.update_or_create(
        process=process,
        defaults={
            "label": report.label,
            "label_earned": report.label_earned,
            "gates": after_gates,
            "catalogue_version": report.catalogue_version,
            "evaluated_at": clock.now(),
        },
    )
    return report
