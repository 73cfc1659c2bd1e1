"""Named actions on declarations of interest, and the lists the pages show.

Everyone who takes part declares their own interests; the people who run a process
record those of experts and witnesses without an account; oversight reviews them. A
correction is a new declaration that supersedes the old one: nothing is edited. Each
``do_*`` function checks access through ``processes.access.performs`` and records what it
did in the process's ledger in the same transaction. Names and details of participants'
(and observers') declarations enter the ledger as private fields; those of experts and
staff are public, as on the public integrity page.
"""

from __future__ import annotations

from datetime import UTC, date
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from minipublic import clock
from minipublic.integrity.models import (
    PUBLIC_DECLARANT_ROLES,
    Declaration,
    DeclarationReview,
    InterestKind,
)
from minipublic.integrity.record import append
from minipublic.lifecycle import Action, LifecycleError, Role
from minipublic.processes.access import Actor, SystemActor, performs, roles_in
from minipublic.processes.actions import _actor_role, _identity
from minipublic.processes.models import Process

if TYPE_CHECKING:
    from minipublic.accounts.models import User

#: The longest name the model keeps.
NAME_LENGTH = 200


def _today() -> date:
    return clock.now().astimezone(UTC).date()


def _kind(kind: InterestKind | str) -> InterestKind:
    try:
        return InterestKind(kind)
    except ValueError:
        raise LifecycleError(
            "declaration_kind_unknown", "{kind} is not a kind of interest.", kind=kind
        ) from None


def _details(kind: InterestKind, details: str) -> str:
    details = details.strip()
    if kind is not InterestKind.NONE and not details:
        raise LifecycleError("declaration_needs_details", "Describe the interest you declare.")
    return details


def _check_supersedes(
    process: Process, old: Declaration | None, *, declarant_id: int | None
) -> None:
    # A correction replaces a current declaration of the same person in the same process.
    if old is None:
        return
    if old.process_id != process.pk:
        raise LifecycleError(
            "declaration_elsewhere", "That declaration belongs to another process."
        )
    if old.declarant_id != declarant_id:
        raise LifecycleError(
            "declaration_not_yours",
            "A correction replaces a declaration of the same person.",
        )
    if Declaration.objects.filter(supersedes=old).exists():
        raise LifecycleError(
            "declaration_already_corrected",
            "That declaration has already been corrected; correct the newer one.",
        )


def _record_made(
    process: Process, actor_role: str, declaration: Declaration, declarant: dict[str, object] | None
) -> None:
    payload: dict[str, object] = {
        "declaration": declaration.pk,
        "role": declaration.role,
        "kind": declaration.kind,
        "declared_on": declaration.declared_on.isoformat(),
        "supersedes": declaration.supersedes_id,
        "recorded_for_someone_else": declarant is None,
        "name": declaration.name,
        "details": declaration.details,
    }
    private = [] if declaration.is_public else ["name", "details"]
    if declarant is not None:
        payload["declarant"] = declarant
        private.append("declarant")
    append(process, actor_role, "declaration.made", payload, private_fields=private)


@performs(Action.DECLARE_INTEREST)
def do_declare_interest(
    actor: Actor,
    process: Process,
    *,
    kind: InterestKind | str,
    details: str = "",
    role: Role | str | None = None,
    supersedes: Declaration | None = None,
) -> Declaration:
    """Declare the actor's own interest in ``process`` (``kind="none"``: nothing to declare).

    ``role`` (one the actor holds; by default the role of the corrected declaration, or
    the first role held) decides who may read it: participants' and observers' stay
    with oversight and the lead practitioner, the others' are also public.
    ``supersedes`` makes this a correction of a current declaration of the actor's.
    """
    if isinstance(actor, SystemActor) or not actor.is_authenticated:
        raise LifecycleError(
            "declaration_needs_person", "Only a person declares their own interests."
        )
    held = [item for item in Role if item in roles_in(actor, process)]
    if role is None and supersedes is not None and supersedes.role in held:
        role = supersedes.role
    if role is None:
        if not held:
            raise LifecycleError(
                "declaration_role_not_held", "You do not hold that role in this process."
            )
        role = held[0]
    if role not in held:
        raise LifecycleError(
            "declaration_role_not_held", "You do not hold that role in this process."
        )
    interest = _kind(kind)
    details = _details(interest, details)
    _check_supersedes(process, supersedes, declarant_id=actor.pk)
    declaration = Declaration.objects.create(
        process=process,
        declarant=actor,
        name=str(actor)[:NAME_LENGTH],
        role=Role(role).value,
        kind=interest.value,
        details=details,
        declared_on=_today(),
        supersedes=supersedes,
    )
    _record_made(process, declaration.role, declaration, _identity(actor))
    return declaration


@performs(Action.RECORD_DECLARATION)
def do_record_declaration(
    actor: Actor,
    process: Process,
    *,
    name: str,
    kind: InterestKind | str,
    details: str = "",
    role: Role | str = Role.EXPERT,
    supersedes: Declaration | None = None,
) -> Declaration:
    """Record the declaration of an expert or witness who has no account.

    ``role`` is any role but participant: a participant's declaration is only ever made
    by the participant. ``supersedes`` corrects an earlier recorded declaration.
    """
    try:
        recorded_role = Role(role)
    except ValueError:
        raise LifecycleError(
            "declaration_role_unknown", "{role} is not a role in a process.", role=role
        ) from None
    if recorded_role is Role.PARTICIPANT:
        raise LifecycleError(
            "participant_declares_own",
            "Participants declare their own interests; nobody records them for them.",
        )
    name = " ".join(name.split())
    if not name:
        raise LifecycleError("declaration_needs_name", "Give the name of the person declaring.")
    if len(name) > NAME_LENGTH:
        raise LifecycleError(
            "declaration_name_too_long", "A name has at most {limit} characters.", limit=NAME_LENGTH
        )
    interest = _kind(kind)
    details = _details(interest, details)
    _check_supersedes(process, supersedes, declarant_id=None)
    declaration = Declaration.objects.create(
        process=process,
        declarant=None,
        name=name,
        role=recorded_role.value,
        kind=interest.value,
        details=details,
        declared_on=_today(),
        supersedes=supersedes,
    )
    _record_made(process, _actor_role(actor, process, Action.RECORD_DECLARATION), declaration, None)
    return declaration


@performs(Action.REVIEW_DECLARATION)
def do_review_declaration(
    actor: Actor,
    process: Process,
    declaration: Declaration,
    *,
    review: DeclarationReview | str,
    note: str = "",
) -> Declaration:
    """Record what oversight made of ``declaration``: noted, or managed (with a note).

    The note is private in the ledger when the declaration is (a participant's or an
    observer's).
    """
    if declaration.process_id != process.pk:
        raise LifecycleError(
            "declaration_elsewhere", "That declaration belongs to another process."
        )
    try:
        outcome = DeclarationReview(review)
    except ValueError:
        outcome = DeclarationReview.PENDING
    if outcome is DeclarationReview.PENDING:
        raise LifecycleError(
            "declaration_review_unknown", "A review either notes the declaration or manages it."
        )
    note = note.strip()
    if outcome is DeclarationReview.MANAGED and not note:
        raise LifecycleError(
            "declaration_managed_needs_note", "Say what was done to manage the interest."
        )
    declaration.review = outcome.value
    declaration.review_note = note
    declaration.reviewed_on = _today()
    declaration.save(update_fields=["review", "review_note", "reviewed_on"])
    append(
        process,
        _actor_role(actor, process, Action.REVIEW_DECLARATION),
        "declaration.reviewed",
        {"declaration": declaration.pk, "review": declaration.review, "note": note},
        private_fields=[] if declaration.is_public else ["note"],
    )
    return declaration


def current_declarations(process: Process) -> QuerySet[Declaration]:
    """The declarations of ``process`` that no correction has replaced, oldest first."""
    return (
        Declaration.objects.filter(process=process, superseded_by__isnull=True)
        .select_related("supersedes")
        .order_by("pk")
    )


def public_declarations(process: Process) -> QuerySet[Declaration]:
    """The current declarations of experts and staff: what the public integrity page shows.

    A declaration that corrects another has ``supersedes`` loaded, so the page can say
    "corrects the declaration of <supersedes.declared_on>". Participants' and observers'
    declarations are never in it.
    """
    return current_declarations(process).filter(role__in=PUBLIC_DECLARANT_ROLES)


def pending_declarations(process: Process) -> QuerySet[Declaration]:
    """The current declarations oversight has not yet reviewed, oldest first."""
    return current_declarations(process).filter(review=DeclarationReview.PENDING)


def own_declarations(user: User, process: Process) -> QuerySet[Declaration]:
    """Every declaration ``user`` made in ``process`` (corrected ones included), newest first."""
    return (
        Declaration.objects.filter(process=process, declarant=user)
        .select_related("supersedes", "superseded_by")
        .order_by("-pk")
    )
