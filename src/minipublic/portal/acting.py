"""How the public record's actor roles are shown: a role's name, never a person's."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from minipublic.lifecycle import Role
from minipublic.processes.labels import ROLE_LABELS

_OTHER_ACTORS = {
    "system": _("The operator (command line)"),
    "anonymous": _("Anonymous"),
    "staff": _("Site staff"),
}


def acting_as(actor_role: str) -> str:
    """The label of the role a ledger entry was recorded in."""
    if actor_role in {role.value for role in Role}:
        return str(ROLE_LABELS[Role(actor_role)])
    return str(_OTHER_ACTORS.get(actor_role, actor_role))
