"""A process's ``ProcessFacts``, gathered from the platform's own records.

Each fact comes from data the platform keeps anyway (the design fields, the phase
history, the ledger, the draw, the document register, the declarations, the members);
the few that only a person can state come from the latest ``Attestation`` per fact.
What the platform cannot know yet (the response) stays ``None``.
``docs/standards.md`` ("Where the evidence comes from") lists the mapping field by field.
"""

from __future__ import annotations

from datetime import date
from typing import Any, get_args, get_origin, get_type_hints

from minipublic import clock
from minipublic.accountability.facts import response_facts
from minipublic.conformance.models import Attestation
from minipublic.engagement.facts import terms_facts
from minipublic.evaluation.facts import evaluation_questionnaire_opened
from minipublic.evidence.register import material_facts, witness_facts
from minipublic.integrity.models import PUBLIC_DECLARANT_ROLES, DocumentKind, LedgerEntry
from minipublic.lifecycle import Phase, ProcessModel, Role, Visibility
from minipublic.processes.models import Process
from minipublic.recommendations import report_queries
from minipublic.selection.evidence import selection_evidence
from minipublic.standards import MODEL_TEMPLATES, TEMPLATES, Attested, ProcessFacts
from minipublic.standards import attested_fields as _attested_fields
from minipublic.standards.catalogue import CATALOGUE


def _attested_types() -> dict[str, type]:
    # ProcessFacts types each attestable field ``Attested[T] | None``: T is the value's type.
    types: dict[str, type] = {}
    for name, hint in get_type_hints(ProcessFacts).items():
        for part in get_args(hint):
            if get_origin(part) is Attested:
                (types[name],) = get_args(part)
    return types


def _attested_facts_read() -> dict[str, str]:
    # The attested field each criterion's check reads (the attribute names in its code):
    # a finding of that criterion marked ``attested`` rests on that fact.
    attestable = _attested_fields()
    read: dict[str, str] = {}
    for item in CATALOGUE:
        names = sorted(attestable.intersection(item.check.__code__.co_names))
        if names:
            read[item.id] = names[0]
    return read


#: The Python type each attestable fact's value must have (from ``ProcessFacts``).
ATTESTED_TYPES: dict[str, type] = _attested_types()
#: The attested fact each criterion's finding may rest on (from the catalogue's checks).
ATTESTED_FACT: dict[str, str] = _attested_facts_read()


def attestable_facts() -> list[str]:
    """The facts a lead practitioner may attest, in a stable order."""
    return sorted(_attested_fields())


def model_of(process: Process) -> str:
    """The standards template id of the process: its own template, else its model's."""
    if process.template in TEMPLATES:
        return process.template
    return MODEL_TEMPLATES.get(ProcessModel(process.model), "citizens_assembly")


def latest_attestations(process: Process) -> dict[str, Attestation]:
    """The latest attestation of each fact (earlier ones are history)."""
    latest: dict[str, Attestation] = {}
    for row in Attestation.objects.filter(process=process).order_by("pk"):
        latest[row.fact] = row
    return latest


def _attested(row: Attestation | None) -> Attested[Any] | None:
    if row is None:
        return None
    return Attested(row.value, by=row.attested_by_role, on=row.attested_at.date(), note=row.note)


def _phase_started(process: Process, phase: Phase) -> date | None:
    first = process.phase_changes.filter(to_phase=phase.value).order_by("changed_at").first()
    return first.changed_at.date() if first is not None else None


def _made_public_on(process: Process) -> date | None:
    if process.visibility != Visibility.PUBLIC:
        return None
    entry = (
        LedgerEntry.objects.filter(
            process=process, event="process.visibility_changed", payload__to="public"
        )
        .order_by("sequence")
        .first()
    )
    if entry is None:
        return process.created_at.date()
    return date.fromisoformat(entry.time[:10])


def _first_document_on(process: Process, kind: DocumentKind) -> date | None:
    first = process.documents.filter(kind=kind).order_by("published_at").first()
    return first.published_at.date() if first is not None else None


def _conflicts_declared(process: Process) -> bool | None:
    # Everyone in a role whose declarations are published has a current declaration.
    staff = set(
        process.memberships.filter(role__in=PUBLIC_DECLARANT_ROLES).values_list(
            "user_id", flat=True
        )
    )
    if not staff:
        return None
    declared = set(process.declarations.values_list("declarant_id", flat=True))
    return staff <= declared


def _oversight(process: Process) -> tuple[bool, bool | None]:
    members = set(process.memberships.filter(role=Role.OVERSIGHT).values_list("user_id", flat=True))
    if not members:
        return False, None
    # Oversight members' declarations are published with their names.
    declared = set(
        process.declarations.filter(role=Role.OVERSIGHT).values_list("declarant_id", flat=True)
    )
    return True, process.is_public and members <= declared


def facts_for(
    process: Process, *, today: date | None = None, reverify: bool = False
) -> ProcessFacts:
    """The facts of ``process`` as of ``today`` (default: the clock's date).

    Whether the selection verifies is the result stored at the draw; ``reverify`` checks
    the selection files on disk again (the re-evaluation does, not the pages).
    """
    as_of = today or clock.now().date()
    attested = {fact: _attested(row) for fact, row in latest_attestations(process).items()}
    selection = selection_evidence(process, reverify=reverify)
    public_on = _made_public_on(process)
    materials, materials_published = material_facts(process)
    witnesses, chosen_by_participants = witness_facts(process)
    terms_on = _first_document_on(process, DocumentKind.TERMS)
    oversight, oversight_published = _oversight(process)
    panel = process.planned_panel_size or selection.panel_size
    terms = terms_facts(process)
    questionnaire = evaluation_questionnaire_opened(process)
    return ProcessFacts(
        model=model_of(process),
        as_of=as_of,
        remit_published_on=public_on if process.question.strip() else None,
        recruitment_opened_on=_phase_started(process, Phase.RECRUITMENT),
        scope_published=bool(process.question.strip()) and public_on is not None,
        decision_open=attested.get("decision_open"),
        deliberation_starts_on=_phase_started(process, Phase.DELIBERATION),
        deliberation_days=None if process.planned_days is None else float(process.planned_days),
        deliberation_hours=None if process.planned_hours is None else float(process.planned_hours),
        meetings=process.planned_meetings,
        shorter_time_justification=attested.get("shorter_time_justification"),
        panel_size=panel,
        selection_random=True if selection.drawn else None,
        stratified=selection.stratified,
        selection_in_platform=True if selection.drawn else None,
        selection_verified=selection.verified,
        witnesses=witnesses,
        witnesses_chosen_by_participants=chosen_by_participants,
        # A material reaches the members only by being published (evidence.register).
        materials=materials,
        materials_published=materials_published,
        facilitated_small_groups=attested.get("facilitated_small_groups"),
        arms_length_final_say=attested.get("arms_length_final_say"),
        oversight_group=oversight,
        oversight_membership_published=oversight_published,
        conflicts_declared=_conflicts_declared(process),
        terms_accepted=terms["terms_accepted"],
        participants_code_adopted=terms["participants_code_adopted"],
        # A platform fact: registrants' and participants' data are never published.
        participant_names_private=True,
        data_protection=attested.get("data_protection"),
        announced_on=public_on,
        # The first freeze delivers the report; the participants approved the PDF that
        # the newest report.frozen entry registers; what is published is the newest report
        # PDF no later document replaces (whoever published it).
        report_delivered_on=report_queries.delivered_on(process),
        report_approved_hash=report_queries.approved_hash(process),
        report_published_hash=report_queries.published_hash(process),
        # The published terms of engagement carry the commitment; the deadline is the
        # design's response_days.
        response_commitment_on=terms_on if process.response_days is not None else None,
        response_deadline_days=process.response_days,
        # A round of the members' questionnaire opened (evaluation.facts).
        evaluation_planned=questionnaire,
        member_questionnaire_planned=questionnaire,
        # The report's delivery, the answers and the progress (accountability.facts).
        **response_facts(process),
    )
