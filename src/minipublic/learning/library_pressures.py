"""The pressure types a library entry is filtered by: the keys of the research codebook's
deductive codes (steer, impact, market), with the words visitors read, in three groups."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

PRESSURE_GROUPS: dict[str, Promise] = {
    "steer": _("Pressure to steer"),
    "impact": _("Pressure for impact"),
    "market": _("Market pressure"),
}

PRESSURE_LABELS: dict[str, Promise] = {
    "steer.expert_selection": _("Steering the choice of experts and information"),
    "steer.report_content": _("Steering the content of the report"),
    "steer.lobbying_participants": _("Lobbying the participants"),
    "steer.vested_interests": _("Participants with vested interests"),
    "steer.framing_remit": _("Framing of the question or remit"),
    "steer.time": _("Too little time"),
    "impact.no_response": _("No response to the recommendations"),
    "impact.no_follow_up_funding": _("No funding for follow-up"),
    "impact.transformation_constrained": _("Change constrained from the start"),
    "market.deliberation_wash": _("Deliberation-washing"),
    "market.participation_wash": _("Participation-washing"),
    "market.new_providers": _("New providers undercutting standards"),
    "market.non_disclosure": _("Non-disclosure demanded by the client"),
}


def pressure_label(key: str) -> str:
    """The readable name of a pressure key (the key itself if it is not in the codebook)."""
    label = PRESSURE_LABELS.get(key)
    return str(label) if label is not None else key


def pressure_group(key: str) -> str:
    """The readable name of the group a pressure key belongs to."""
    group = PRESSURE_GROUPS.get(key.partition(".")[0])
    return str(group) if group is not None else ""
