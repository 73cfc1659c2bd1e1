"""Named actions on the terms of engagement: seed, accept, and publish a new version.

Acceptance is enforced in ``processes.access`` (``roles_in``): until a member accepts the
current charter of a role, that role lets them do nothing but read the process and
accept. These functions only record charters and acceptances, each in the ledger.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import TYPE_CHECKING

from django.db import transaction

from minipublic import clock
from minipublic.engagement.models import Acceptance, Charter, CharterOrigin, CodeProposal
from minipublic.integrity.record import append
from minipublic.ledger import format_time
from minipublic.lifecycle import Action, LifecycleError, Role
from minipublic.processes.access import Actor, SystemActor, held_roles, performs
from minipublic.processes.models import Process
from minipublic.standards.charters import DEFAULT_CHARTERS, DEFAULTS_EDITION

if TYPE_CHECKING:
    from minipublic.accounts.models import User

TITLE_LIMIT = 200
BODY_LIMIT = 20_000


def charter_sha256(title: str, body: str) -> str:
    """The hash that identifies a charter's wording in the ledger (title, blank line, body)."""
    return hashlib.sha256(f"{title}\n\n{body}".encode()).hexdigest()


def _label(actor: Actor) -> str:
    return actor.label if isinstance(actor, SystemActor) else actor.get_username()


def _person(actor: Actor) -> User | None:
    return None if isinstance(actor, SystemActor) or not actor.is_authenticated else actor


def seed_default_charters(process: Process, actor: Actor, actor_role: str) -> None:
    """Give a new ``process`` version 1 of every role's charter, from the defaults.

    Called by ``do_create_process`` inside its transaction; one ledger entry lists them.
    """
    now = clock.now()
    listed: dict[str, object] = {}
    for role, default in DEFAULT_CHARTERS.items():
        body = default.body
        charter = Charter.objects.create(
            process=process,
            role=role.value,
            version=1,
            title=default.title,
            body=body,
            origin=CharterOrigin.DEFAULT,
            sha256=charter_sha256(default.title, body),
            published_at=now,
            published_by=_person(actor),
            published_by_label=_label(actor),
        )
        listed[role.value] = {"version": 1, "sha256": charter.sha256}
    append(
        process,
        actor_role,
        "terms.seeded",
        {"edition": DEFAULTS_EDITION, "charters": listed},
    )


def current_charters(process: Process) -> dict[Role, Charter]:
    """The current charter of every role that has one in ``process``."""
    rows = Charter.objects.filter(process=process, is_current=True)
    return {Role(charter.role): charter for charter in rows}


def _ledger_role(actor: Actor, process: Process, held: frozenset[Role]) -> str:
    if isinstance(actor, SystemActor):
        return actor.label
    return next((role.value for role in Role if role in held), "anonymous")


@performs(Action.ACCEPT_TERMS)
def do_accept_terms(
    actor: Actor,
    process: Process,
    *,
    user: User | None = None,
    at: datetime | None = None,
) -> list[Charter]:
    """Accept the current charter of every role the person holds; return those accepted.

    People accept for themselves; only the system (the demo, imports) passes ``user``
    and a past ``at``. Accepting twice changes nothing.
    """
    if not isinstance(actor, SystemActor) and (user is not None or at is not None):
        raise ValueError("people accept their own terms, now")
    person = user if user is not None else _person(actor)
    if person is None:
        raise LifecycleError("terms_need_person", "Only a member accepts terms.")
    held = held_roles(person, process)
    when = at or clock.now()
    accepted: list[Charter] = []
    for charter in Charter.objects.filter(
        process=process, is_current=True, role__in=[r.value for r in held]
    ).order_by("role"):
        _, created = Acceptance.objects.get_or_create(
            charter=charter, user=person, defaults={"accepted_at": when}
        )
        if created:
            accepted.append(charter)
    if accepted:
        payload: dict[str, object] = {
            "member": {"id": person.pk, "username": person.get_username()},
            "charters": {c.role: {"version": c.version, "sha256": c.sha256} for c in accepted},
        }
        if at is not None:
            payload["as_of"] = format_time(at)
        append(
            process,
            _ledger_role(actor, process, held),
            "terms.accepted",
            payload,
            private_fields=["member"],
        )
    return accepted


def _publish(
    actor: Actor,
    process: Process,
    role: Role,
    *,
    title: str,
    body: str,
    change_note: str,
    origin: CharterOrigin,
    actor_role: str,
    adopted_code: CodeProposal | None = None,
) -> Charter:
    title, body, change_note = title.strip(), body.strip(), change_note.strip()
    if not title or not body:
        raise LifecycleError("charter_needs_text", "A charter needs a title and its terms.")
    if len(title) > TITLE_LIMIT or len(body) > BODY_LIMIT:
        raise LifecycleError(
            "charter_too_long",
            "A title has at most {title} characters and the terms at most {body}.",
            title=TITLE_LIMIT,
            body=BODY_LIMIT,
        )
    with transaction.atomic():
        previous = (
            Charter.objects.select_for_update().filter(process=process, role=role.value).last()
        )
        digest = charter_sha256(title, body)
        if previous is not None and previous.sha256 == digest:
            raise LifecycleError(
                "charter_unchanged", "The terms are the same as the current version."
            )
        Charter.objects.filter(process=process, role=role.value).update(is_current=False)
        charter = Charter.objects.create(
            process=process,
            role=role.value,
            version=1 if previous is None else previous.version + 1,
            title=title,
            body=body,
            change_note=change_note,
            origin=origin,
            sha256=digest,
            published_at=clock.now(),
            published_by=_person(actor),
            published_by_label=_label(actor),
            adopted_code=adopted_code,
        )
        append(
            process,
            actor_role,
            "terms.published",
            {
                "role": role.value,
                "version": charter.version,
                "title": title,
                "sha256": digest,
                "origin": origin.value,
                "change_note": change_note,
            },
        )
    return charter


@performs(Action.EDIT_TERMS)
def do_publish_charter(
    actor: Actor,
    process: Process,
    role: Role,
    *,
    title: str,
    body: str,
    change_note: str,
) -> Charter:
    """Publish a new version of ``role``'s charter; every holder of the role must accept
    it again before acting. A change needs a note saying what changed and why.

    Once the participants have adopted their own code by vote, their charter changes
    only by another vote of theirs.
    """
    if not change_note.strip():
        raise LifecycleError("charter_needs_note", "Say what changed and why.")
    if (
        role is Role.PARTICIPANT
        and Charter.objects.filter(
            process=process, role=role.value, origin=CharterOrigin.PARTICIPANTS
        ).exists()
    ):
        raise LifecycleError(
            "charter_owned_by_participants",
            "The participants adopted their own code; only their vote changes it.",
        )
    actor_role = _ledger_role(actor, process, frozenset({Role.LEAD_PRACTITIONER}))
    return _publish(
        actor,
        process,
        role,
        title=title,
        body=body,
        change_note=change_note,
        origin=CharterOrigin.PRACTITIONER,
        actor_role=actor_role,
    )


def adopt_participant_code(actor: Actor, process: Process, proposal: CodeProposal) -> Charter:
    """Make an adopted ``proposal`` the next version of the participant charter.

    Called by the action that closes a successful vote, inside its transaction.
    """
    return _publish(
        actor,
        process,
        Role.PARTICIPANT,
        title=proposal.title,
        body=proposal.body,
        change_note=f"Adopted by the participants' vote on proposal #{proposal.number}.",
        origin=CharterOrigin.PARTICIPANTS,
        actor_role="participants",
        adopted_code=proposal,
    )
