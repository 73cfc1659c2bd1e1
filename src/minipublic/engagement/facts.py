"""The conformance facts that come from the terms of engagement.

``independence.terms-accepted`` asks whether those who could steer the process (the
commissioner, the lead practitioner, the oversight group) accepted their current terms;
``deliberation.participants-code`` whether the participants adopted their own code.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef

from minipublic.engagement.models import Acceptance, Charter, CharterOrigin
from minipublic.lifecycle import Phase, Role
from minipublic.lifecycle.phases import phase_index
from minipublic.processes.models import Membership, Process

#: The roles whose acceptance the criterion checks.
ACCOUNTABLE_ROLES = (Role.COMMISSIONER, Role.LEAD_PRACTITIONER, Role.OVERSIGHT)


def terms_facts(process: Process) -> dict[str, bool | None]:
    """``terms_accepted`` and ``participants_code_adopted`` for ``ProcessFacts``."""
    charters = Charter.objects.filter(process=process, is_current=True)
    if not charters.exists():
        return {"terms_accepted": None, "participants_code_adopted": None}
    roles = [role.value for role in ACCOUNTABLE_ROLES]
    accepted = Acceptance.objects.filter(
        charter__process=process,
        charter__is_current=True,
        charter__role=OuterRef("role"),
        user=OuterRef("user"),
    )
    holders = Membership.objects.filter(process=process, role__in=roles)
    missing = holders.annotate(done=Exists(accepted)).filter(done=False).exists()
    adopted: bool | None = charters.filter(
        role=Role.PARTICIPANT.value, origin=CharterOrigin.PARTICIPANTS
    ).exists()
    if not adopted and phase_index(process.current_phase) < phase_index(Phase.DELIBERATION):
        adopted = None  # the participants have not met yet
    return {"terms_accepted": not missing, "participants_code_adopted": adopted}
