"""Replay one demo process as a dated timeline, through the same actions people use.

Each step runs with the clock frozen at its own date (``minipublic.clock.frozen_at``), so
the ledger's times run forward like the events did and every page shows real dates.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from minipublic import clock
from minipublic.accounts.models import User
from minipublic.demo.agenda_story import agenda_steps
from minipublic.demo.appraisal_story import appraisal_steps
from minipublic.demo.attendance_story import attendance_steps
from minipublic.demo.code_story import code_steps
from minipublic.demo.conformance_story import conformance_steps
from minipublic.demo.content import DemoDeclaration, DemoDocument, DemoIncident, DemoProcess
from minipublic.demo.drafting_story import drafting_steps
from minipublic.demo.evaluation_story import evaluation_steps
from minipublic.demo.evidence_story import evidence_steps
from minipublic.demo.funding_story import funding_steps
from minipublic.demo.parking_story import parking_steps
from minipublic.demo.portal_story import portal_steps
from minipublic.demo.recruitment_story import recruitment_steps
from minipublic.demo.report_story import report_steps
from minipublic.demo.response_story import response_steps
from minipublic.demo.room_story import room_steps
from minipublic.demo.signoff_story import signoff_steps
from minipublic.demo.speaking_story import speaking_steps
from minipublic.demo.summary_story import summary_steps
from minipublic.demo.support_story import support_steps
from minipublic.demo.tables_story import tables_steps
from minipublic.demo.template_story import created_from_template
from minipublic.demo.terms_story import terms_steps
from minipublic.engagement.actions import do_accept_terms
from minipublic.integrity import actions as integrity_actions
from minipublic.integrity import declarations, documents
from minipublic.integrity.models import DEFAULT_PUBLISHED_PARTS, Document, Incident
from minipublic.integrity.release import release_held_reports
from minipublic.integrity.uploads import check_bytes
from minipublic.lifecycle import PHASE_ORDER, Role
from minipublic.processes import actions
from minipublic.processes.access import SYSTEM
from minipublic.processes.models import Process

DOCUMENTS = Path(__file__).parent / "documents"

Step = tuple[datetime, Callable[[], None]]


def at(iso_date: str, hour: int = 9) -> datetime:
    """A demo date at ``hour`` o'clock UTC."""
    return datetime.fromisoformat(iso_date).replace(hour=hour, tzinfo=UTC)


def replay(spec: DemoProcess, users: dict[str, User]) -> Process:
    """Create ``spec`` afresh (deleting an earlier copy) and replay its timeline."""
    existing = Process.objects.filter(slug=spec.slug).first()
    if existing is not None:
        actions.do_delete_process(SYSTEM, existing)
    lead = next(
        username for username, roles in spec.members.items() if Role.LEAD_PRACTITIONER in roles
    )
    with clock.frozen_at(at(spec.created)):
        process = actions.do_create_process(
            SYSTEM,
            slug=spec.slug,
            title=spec.title,
            question=spec.question,
            description=spec.description,
            commissioning_body=spec.commissioning_body,
            model=spec.model,
            visibility=spec.visibility,
            lead=users[lead],
            **created_from_template(spec.slug),
        )
        do_accept_terms(SYSTEM, process, user=users[lead])
    steps = _member_steps(spec, process, users, lead)
    for phase, (day, reason) in zip(PHASE_ORDER[1:], spec.history, strict=False):
        steps.append((at(day), _changing_phase(process, phase, reason)))
    for document in spec.documents:
        steps.append((at(document.on, 10), _publishing(process, document, users)))
    for declaration in spec.declarations:
        steps.extend(_declaration_steps(process, declaration, users))
    for incident in spec.incidents:
        steps.extend(_incident_steps(process, incident, users))
    if spec.recruitment:
        steps.extend(recruitment_steps(process, users))
    steps.extend(funding_steps(process, users))
    steps.extend(signoff_steps(process, users))
    steps.extend(conformance_steps(process, users))
    steps.extend(appraisal_steps(process, users))
    steps.extend(terms_steps(process, users))
    steps.extend(code_steps(process, users))
    steps.extend(room_steps(process, users))
    steps.extend(evidence_steps(process, users))
    steps.extend(speaking_steps(process, users))
    steps.extend(parking_steps(process, users))
    steps.extend(summary_steps(process, users))
    steps.extend(agenda_steps(process, users))
    steps.extend(tables_steps(process, users))
    steps.extend(drafting_steps(process, users))
    steps.extend(report_steps(process, users))
    steps.extend(response_steps(process, users))
    steps.extend(evaluation_steps(process, users))
    steps.extend(attendance_steps(process, users))
    steps.extend(support_steps(process, users))
    steps.extend(portal_steps(process, users))
    for moment, step in sorted(steps, key=lambda item: item[0]):
        with clock.frozen_at(moment):
            step()
    return process


def _member_steps(
    spec: DemoProcess, process: Process, users: dict[str, User], lead: str
) -> list[Step]:
    steps: list[Step] = []
    # Participants join when the lottery's members are confirmed (the start of
    # deliberation, the third phase move); everyone else when the process is set up.
    confirmed = at(spec.history[2][0], 8) if len(spec.history) >= 3 else at(spec.created)
    for minute, (username, roles) in enumerate(spec.members.items(), start=1):
        for role in roles:
            if username == lead and role == Role.LEAD_PRACTITIONER:
                continue
            start = confirmed if role == Role.PARTICIPANT else at(spec.created)
            steps.append(
                (start + timedelta(minutes=minute), _adding(process, users[username], role))
            )
    return steps


def _adding(process: Process, user: User, role: Role) -> Callable[[], None]:
    def add() -> None:
        actions.do_add_member(SYSTEM, process, user, role)
        # Every member accepts their terms as they join, before doing anything else.
        do_accept_terms(SYSTEM, process, user=user)

    return add


def _changing_phase(process: Process, phase: object, reason: str) -> Callable[[], None]:
    def change() -> None:
        process.refresh_from_db()
        actions.do_change_phase(SYSTEM, process, phase, reason)  # type: ignore[arg-type]

    return change


def _publishing(process: Process, spec: DemoDocument, users: dict[str, User]) -> Callable[[], None]:
    def publish() -> None:
        process.refresh_from_db()
        replaces = None
        if spec.replaces:
            replaces = Document.objects.get(process=process, filename=spec.replaces)
        documents.do_publish_document(
            users[spec.account],
            process,
            title=spec.title,
            kind=spec.kind,
            file=check_bytes(spec.file, (DOCUMENTS / spec.file).read_bytes()),
            replaces=replaces,
        )

    return publish


def _declaration_steps(
    process: Process, spec: DemoDeclaration, users: dict[str, User]
) -> list[Step]:
    made: dict[str, object] = {}

    def declare() -> None:
        process.refresh_from_db()
        if spec.recorded_by:
            made["it"] = declarations.do_record_declaration(
                users[spec.recorded_by],
                process,
                name=spec.name,
                kind=spec.kind,
                details=spec.details,
            )
        else:
            made["it"] = declarations.do_declare_interest(
                users[spec.account], process, kind=spec.kind, details=spec.details
            )

    def review() -> None:
        process.refresh_from_db()
        declarations.do_review_declaration(
            users["oversight"],
            process,
            made["it"],  # type: ignore[arg-type]
            review=spec.review,
            note=spec.note,
        )

    steps: list[Step] = [(at(spec.on, 11), declare)]
    if spec.review:
        steps.append((at(spec.reviewed or spec.on, 15), review))
    return steps


def _incident_steps(process: Process, spec: DemoIncident, users: dict[str, User]) -> list[Step]:
    made: dict[str, Incident] = {}

    def report() -> None:
        process.refresh_from_db()
        incident = integrity_actions.do_report_incident(
            users[spec.reporter],
            process,
            what_happened=spec.what_happened,
            pressure_source=spec.pressure_source,
            target=spec.target,
            severity=spec.severity,
            anonymous=spec.anonymous,
            attachments=[
                check_bytes(name, (DOCUMENTS / name).read_bytes()) for name in spec.attachments
            ],
        )
        if spec.anonymous:
            # Held until the next day in real use; the demo lets it in at once (as a new
            # row: see release._recreated).
            release_held_reports(process, include_today=True)
            incident = Incident.objects.filter(process=process).latest("number")
        made["it"] = incident

    def review() -> None:
        process.refresh_from_db()
        integrity_actions.do_review_incident(
            users[spec.reviewer],
            process,
            made["it"],
            status=spec.status,
            response=spec.response,
            red_line_decision=spec.red_line_decision or None,
        )

    def publish() -> None:
        process.refresh_from_db()
        integrity_actions.do_publish_incident(
            users["oversight"],
            process,
            made["it"],
            published=True,
            public_summary=spec.public_summary,
            parts=[*DEFAULT_PUBLISHED_PARTS, "public_summary"] if spec.public_summary else None,
        )

    steps: list[Step] = [(at(spec.on, 14), report)]
    if spec.reviewer:
        steps.append((at(spec.reviewed or spec.on, 16), review))
    if spec.published:
        steps.append((at(spec.published_on or spec.reviewed or spec.on, 17), publish))
    return steps
