"""What the drafting, vote and minority-report pages share: who may read what, and
running one action from a form.

Read rule: with ``VIEW_DRAFTS`` (participants, the team, oversight) a member sees the
whole workspace. Everyone else who may see the process (the commissioner, the public)
sees the decided recommendations with their votes only once the participants' report
has a frozen version: before that the members are still deciding, and nobody outside
should lobby them on a draft. Nobody outside the workspace ever sees who wrote what.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest

from minipublic.lifecycle import Action
from minipublic.processes.access import can
from minipublic.processes.models import Process
from minipublic.recommendations.models import Recommendation, RecommendationStatus
from minipublic.recommendations.report_models import ReportVersion

DECIDED = (RecommendationStatus.ADOPTED, RecommendationStatus.NOT_ADOPTED)


def report_frozen(process: Process) -> bool:
    """Whether the participants' report has a frozen version (results are public)."""
    return ReportVersion.objects.filter(process=process, frozen_at__isnull=False).exists()


def sees_drafts(request: HttpRequest, process: Process) -> bool:
    """Whether the visitor sees the drafting workspace."""
    return can(request.user, Action.VIEW_DRAFTS, process)


def recommendation_for(request: HttpRequest, process: Process, number: int) -> Recommendation:
    """Recommendation ``number`` if the visitor may read it (404 otherwise)."""
    recommendation = Recommendation.objects.filter(process=process, number=number).first()
    if recommendation is None:
        raise Http404(number)
    if sees_drafts(request, process):
        return recommendation
    if recommendation.status in DECIDED and report_frozen(process):
        return recommendation
    raise Http404(number)


def name_of(user: Any) -> str:
    """How the workspace names a member (display name, else user name); "" if gone."""
    return "" if user is None else str(user)
