"""Named actions: the only way processes, memberships and phases change.

Each ``do_*`` function checks access through ``access.performs`` before it changes
anything, so pages, the API and the command line all obey the same rules.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction

from minipublic import clock
from minipublic.engagement.actions import seed_default_charters
from minipublic.integrity.record import append
from minipublic.ledger import format_time
from minipublic.lifecycle import Action, LifecycleError, Phase, ProcessModel, Role, Visibility
from minipublic.lifecycle.phases import check_phase_change, check_visibility_change
from minipublic.processes.access import Actor, SystemActor, can, held_roles, performs
from minipublic.processes.design import (
    PlannedDesign,
    apply_design,
    check_design,
    find_template,
    snapshot,
    template_design,
)
from minipublic.processes.models import Membership, PhaseChange, Process

if TYPE_CHECKING:
    from minipublic.accounts.models import User


def _person(actor: Actor) -> User | None:
    return None if isinstance(actor, SystemActor) or not actor.is_authenticated else actor


def _label(actor: Actor) -> str:
    return actor.label if isinstance(actor, SystemActor) else actor.get_username()


def _actor_role(actor: Actor, process: Process, action: Action) -> str:
    """The role in which ``actor`` acts on ``process``, as the ledger records it.

    "system" for the command line; else the first role held (in the order of ``Role``)
    that allows ``action``, or the first role held; "staff" for site staff without one.
    """
    if isinstance(actor, SystemActor):
        return actor.label
    held = [role for role in Role if role in held_roles(actor, process)]
    for role in held:
        if can(actor, action, process, roles=frozenset({role})):
            return role.value
    if held:
        return held[0].value
    return "staff" if actor.is_staff else "anonymous"


def _identity(user: User) -> dict[str, object]:
    # Private ledger field: who the person is. Only its salted commitment is published.
    return {"id": user.pk, "username": user.get_username()}


def _check_backdating(actor: Actor, at: datetime | None) -> None:
    # People act now; only imports and the demo (the system) record past dates.
    if at is not None and not isinstance(actor, SystemActor):
        raise ValueError("only the system may back-date a record")


@performs(Action.CREATE_PROCESS)
def do_create_process(
    actor: Actor,
    *,
    slug: str,
    title: str,
    question: str,
    commissioning_body: str,
    model: ProcessModel = ProcessModel.CITIZENS_ASSEMBLY,
    description: str = "",
    visibility: Visibility = Visibility.PRIVATE,
    lead: User | None = None,
    at: datetime | None = None,
    template: str = "",
    design: PlannedDesign | None = None,
) -> Process:
    """Create a process in the design phase with ``lead`` (default: the actor) leading it.

    With a ``template`` id the process takes the template's model (where it has one) and
    a copy of its defaults as the planned design; ``design`` replaces any of those values
    (or sets them without a template). ``at`` back-dates the start of its history and is
    only for the system (imports, demo).
    """
    _check_backdating(actor, at)
    lead = lead or _person(actor)
    if lead is None:
        raise LifecycleError("lead_required", "A new process needs a lead practitioner.")
    planned = PlannedDesign()
    copied: dict[str, Any] = {}
    if template:
        chosen = find_template(template)
        model = chosen.process_model or model
        planned, copied = template_design(chosen), snapshot(chosen)
    if design is not None:
        planned = planned.replace(**vars(design))
    check_design(planned)
    if Process.objects.filter(slug=slug).exists():
        raise LifecycleError("slug_taken", "The short name {slug} is already in use.", slug=slug)
    with transaction.atomic():
        process = Process(
            slug=slug,
            title=title,
            question=question,
            description=description,
            commissioning_body=commissioning_body,
            model=model,
            visibility=visibility,
            phase=Phase.DESIGN,
            template=template,
            template_snapshot=copied,
        )
        apply_design(process, planned)
        process.save()
        Membership.objects.create(
            process=process, user=lead, role=Role.LEAD_PRACTITIONER, added_by=_person(actor)
        )
        PhaseChange.objects.create(
            process=process,
            to_phase=Phase.DESIGN,
            actor=_person(actor),
            actor_label=_label(actor),
            reason="",
            changed_at=at or clock.now(),
        )
        role = _actor_role(actor, process, Action.CREATE_PROCESS)
        details: dict[str, Any] = {
            "slug": slug,
            "title": title,
            "question": question,
            "commissioning_body": commissioning_body,
            "model": ProcessModel(model).value,
            "visibility": Visibility(visibility).value,
            "phase": Phase.DESIGN.value,
            "template": template,
            **planned.as_json(),
        }
        if at is not None:
            details["as_of"] = format_time(at)
        append(process, role, "process.created", details)
        append(
            process,
            role,
            "member.added",
            {"role": Role.LEAD_PRACTITIONER.value, "member": _identity(lead)},
            private_fields=["member"],
        )
        seed_default_charters(process, actor, role)
    return process


@performs(Action.EDIT_PROCESS)
def do_update_process(
    actor: Actor,
    process: Process,
    *,
    title: str,
    question: str,
    commissioning_body: str,
    model: ProcessModel,
    description: str = "",
    design: PlannedDesign | None = None,
) -> Process:
    """Change the descriptive fields of a process (its short name never changes).

    ``design`` replaces the whole planned design (None keeps it); the ledger entry names
    every changed field and, when the design changed, gives its new values.
    """
    if design is not None:
        if not can(actor, Action.EDIT_DESIGN, process):
            raise LifecycleError(
                "design_for_practitioner",
                "Only the lead practitioner changes the planned design.",
            )
        check_design(design)
    new = {
        "title": title,
        "question": question,
        "commissioning_body": commissioning_body,
        "model": ProcessModel(model).value,
        "description": description,
    }
    changed = [name for name, value in new.items() if getattr(process, name) != value]
    process.title = title
    process.question = question
    process.commissioning_body = commissioning_body
    process.model = model
    process.description = description
    fields = ["title", "question", "commissioning_body", "model", "description", "updated_at"]
    redesigned = [] if design is None else apply_design(process, design)
    if design is not None:
        fields += list(vars(design))
    with transaction.atomic():
        process.save(update_fields=fields)
        if changed or redesigned:
            details: dict[str, Any] = {"changed": sorted(changed + redesigned)}
            if redesigned and design is not None:
                details["design"] = design.as_json()
            append(
                process,
                _actor_role(actor, process, Action.EDIT_PROCESS),
                "process.updated",
                details,
            )
    return process


@performs(Action.EDIT_DESIGN)
def do_update_design(actor: Actor, process: Process, design: PlannedDesign) -> Process:
    """Replace the planned design (days, hours, meetings, panel size, days to respond).

    Logs ``process.updated`` with the changed fields and the new design, then
    re-evaluates the process against the standards in the same transaction, so a label
    the design gains or loses changes (and is logged) at once.
    """
    from minipublic.conformance.actions import do_reevaluate

    check_design(design)
    redesigned = apply_design(process, design)
    process.save(update_fields=[*vars(design), "updated_at"])
    if redesigned:
        append(
            process,
            _actor_role(actor, process, Action.EDIT_DESIGN),
            "process.updated",
            {"changed": sorted(redesigned), "design": design.as_json()},
        )
    do_reevaluate(actor, process)
    return process


@performs(Action.CHANGE_PHASE)
def do_change_phase(
    actor: Actor,
    process: Process,
    to_phase: Phase,
    reason: str = "",
    *,
    at: datetime | None = None,
) -> PhaseChange:
    """Move ``process`` to ``to_phase`` and record who did it and why.

    ``at`` back-dates the record and is only for the system (imports and the demo).
    Leaving the recommendations phase closes the participants' report, which is refused
    while the parking lot has open items (``deliberation.parking.check_report_can_close``).
    """
    from minipublic.deliberation.parking import check_report_can_close

    _check_backdating(actor, at)
    check_phase_change(process.current_phase, to_phase, reason)
    if process.current_phase == Phase.RECOMMENDATIONS and to_phase == Phase.RESPONSE:
        check_report_can_close(process)
    role = _actor_role(actor, process, Action.CHANGE_PHASE)
    change = PhaseChange.objects.create(
        process=process,
        from_phase=process.phase,
        to_phase=to_phase,
        actor=_person(actor),
        actor_label=_label(actor),
        reason=reason.strip(),
        changed_at=at or clock.now(),
    )
    details: dict[str, object] = {
        "from": change.from_phase,
        "to": Phase(to_phase).value,
        "reason": change.reason,
    }
    if at is not None:
        details["as_of"] = format_time(at)
    process.phase = to_phase
    process.save(update_fields=["phase", "updated_at"])
    append(process, role, "process.phase_changed", details)
    return change


@performs(Action.SET_VISIBILITY)
def do_set_visibility(actor: Actor, process: Process, visibility: Visibility) -> Process:
    """Make a process public (anyone can read it) or private (members only)."""
    before = Visibility(process.visibility)
    check_visibility_change(process.current_phase, before, visibility)
    process.visibility = visibility
    process.save(update_fields=["visibility", "updated_at"])
    if before != visibility:
        append(
            process,
            _actor_role(actor, process, Action.SET_VISIBILITY),
            "process.visibility_changed",
            {"from": before.value, "to": Visibility(visibility).value},
        )
    return process


@performs(Action.MANAGE_MEMBERS)
def do_add_member(actor: Actor, process: Process, user: User, role: Role) -> Membership:
    """Give ``user`` the ``role`` in ``process``."""
    acting_as = _actor_role(actor, process, Action.MANAGE_MEMBERS)
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                process=process, user=user, role=role, added_by=_person(actor)
            )
    except IntegrityError:
        raise LifecycleError(
            "member_exists", "{user} already holds the role {role}.", user=str(user), role=role
        ) from None
    append(
        process,
        acting_as,
        "member.added",
        {"role": Role(role).value, "member": _identity(user)},
        private_fields=["member"],
    )
    return membership


@performs(Action.MANAGE_MEMBERS)
def do_remove_member(actor: Actor, process: Process, user: User, role: Role) -> None:
    """Take the ``role`` in ``process`` away from ``user``."""
    acting_as = _actor_role(actor, process, Action.MANAGE_MEMBERS)
    with transaction.atomic():
        memberships = Membership.objects.select_for_update().filter(process=process)
        held = memberships.filter(user=user, role=role)
        if not held.exists():
            raise LifecycleError(
                "member_missing", "{user} does not hold the role {role}.", user=str(user), role=role
            )
        if role == Role.LEAD_PRACTITIONER and memberships.filter(role=role).count() == 1:
            raise LifecycleError(
                "last_lead",
                "A process always needs a lead practitioner: "
                "add another one before removing {user}.",
                user=str(user),
            )
        held.delete()
        append(
            process,
            acting_as,
            "member.removed",
            {"role": Role(role).value, "member": _identity(user)},
            private_fields=["member"],
        )


@performs(Action.DELETE_PROCESS)
def do_delete_process(actor: Actor, process: Process) -> None:
    """Delete a process and everything in it (only the operator at the command line)."""
    process.delete()
