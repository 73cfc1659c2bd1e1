"""Linking a confirmed panel member to their participant account.

The panel is drawn from registrants, who need no account; a member who takes part on the
platform (confirming table summaries, voting, asking for witnesses) gets a participant
account, and the recruiter links the two so that the room knows they are one person.
The public record says which pseudonym was linked or unlinked, never to whom.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from minipublic.integrity.record import append
from minipublic.lifecycle import Action, LifecycleError, Role
from minipublic.processes.access import Actor, performs
from minipublic.processes.actions import _actor_role, _identity
from minipublic.processes.models import Membership, Process
from minipublic.recruitment.models import Registrant, RegistrantStatus

if TYPE_CHECKING:
    from minipublic.accounts.models import User


@performs(Action.MANAGE_PANEL)
def do_link_participant_account(
    actor: Actor, process: Process, registrant: Registrant, user: User | None
) -> Registrant:
    """Link the confirmed panel member ``registrant`` to ``user``, a participant of
    ``process`` (``None`` removes the link)."""
    registrant = Registrant.objects.select_for_update().get(pk=registrant.pk)
    if registrant.process_id != process.pk or registrant.status != RegistrantStatus.CONFIRMED:
        raise LifecycleError(
            "link_needs_confirmed_member",
            "{pseudonym} is not a confirmed member of the panel.",
            pseudonym=registrant.pseudonym,
        )
    if user is not None:
        if not Membership.objects.filter(
            process=process, user=user, role=Role.PARTICIPANT
        ).exists():
            raise LifecycleError(
                "link_needs_participant",
                "{user} is not a participant of this process: add them as one first.",
                user=user.get_username(),
            )
        taken = (
            Registrant.objects.filter(process=process, user=user)
            .exclude(pk=registrant.pk)
            .values_list("pseudonym", flat=True)
            .first()
        )
        if taken is not None:
            raise LifecycleError(
                "account_already_linked",
                "{user} is already linked to panel member {pseudonym}.",
                user=user.get_username(),
                pseudonym=taken,
            )
    if registrant.user_id == (None if user is None else user.pk):
        return registrant
    registrant.user = user
    registrant.save(update_fields=["user"])
    append(
        process,
        _actor_role(actor, process, Action.MANAGE_PANEL),
        "panel.account_linked" if user is not None else "panel.account_unlinked",
        {
            "pseudonym": registrant.pseudonym,
            "account": None if user is None else _identity(user),
        },
        private_fields=["account"],
    )
    return registrant
