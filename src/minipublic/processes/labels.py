"""Translatable names for the core's phases, roles, models and visibility.

The core (``minipublic.lifecycle``) holds the values; the words people read live here.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import TypeVar

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from minipublic.lifecycle import Phase, ProcessModel, Role, Visibility

Choice = TypeVar("Choice", bound=StrEnum)

PHASE_LABELS: dict[Phase, Promise] = {
    Phase.DESIGN: _("Design"),
    Phase.RECRUITMENT: _("Recruitment"),
    Phase.SELECTION: _("Selection"),
    Phase.DELIBERATION: _("Deliberation"),
    Phase.RECOMMENDATIONS: _("Recommendations"),
    Phase.RESPONSE: _("Public response"),
    Phase.FOLLOW_UP: _("Follow-up"),
    Phase.CLOSED: _("Closed"),
}

PHASE_DESCRIPTIONS: dict[Phase, Promise] = {
    Phase.DESIGN: _("The remit, budget, timeline and roles are being agreed."),
    Phase.RECRUITMENT: _("Invitations go out and residents register their interest."),
    Phase.SELECTION: _("Members are drawn by stratified lottery from those who registered."),
    Phase.DELIBERATION: _("Members hear evidence, discuss and weigh the options."),
    Phase.RECOMMENDATIONS: _("Members write and agree their recommendations and report."),
    Phase.RESPONSE: _("The commissioning body responds publicly to each recommendation."),
    Phase.FOLLOW_UP: _("Progress on the recommendations is tracked and reported."),
    Phase.CLOSED: _("The process has ended; its record stays public."),
}

ROLE_LABELS: dict[Role, Promise] = {
    Role.COMMISSIONER: _("Commissioner"),
    Role.LEAD_PRACTITIONER: _("Lead practitioner"),
    Role.FACILITATOR: _("Facilitator"),
    Role.RECRUITER: _("Recruiter"),
    Role.EXPERT: _("Expert"),
    Role.PARTICIPANT: _("Participant"),
    Role.OVERSIGHT: _("Oversight"),
    Role.OBSERVER: _("Observer"),
}

MODEL_LABELS: dict[ProcessModel, Promise] = {
    ProcessModel.CITIZENS_ASSEMBLY: _("Citizens' assembly"),
    ProcessModel.CITIZENS_JURY: _("Citizens' jury"),
    ProcessModel.CITIZENS_PANEL: _("Citizens' panel"),
    ProcessModel.PLANNING_CELL: _("Planning cell"),
    ProcessModel.CONSENSUS_CONFERENCE: _("Consensus conference"),
    ProcessModel.DELIBERATIVE_POLL: _("Deliberative poll"),
    ProcessModel.PERMANENT_COUNCIL: _("Permanent citizens' council"),
}

VISIBILITY_LABELS: dict[Visibility, Promise] = {
    Visibility.PRIVATE: _("Private: only members can see it"),
    Visibility.PUBLIC: _("Public: anyone can read it"),
}


def choices(labels: Mapping[Choice, Promise]) -> list[tuple[str, Promise]]:
    """Django ``choices`` from one of the label tables, in the core's order."""
    return [(str(value), label) for value, label in labels.items()]
