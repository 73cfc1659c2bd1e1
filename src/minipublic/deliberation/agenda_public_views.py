"""The public agenda page: every session's agenda with the minutes planned and used,
overruns and cuts, the totals per kind of item, and the requests for more time with
their decisions ("time is power": the public sees where the time went).

Anyone who may see the process reads it (the public, once the process is public).
Who asked for more time is never shown here.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from minipublic import clock
from minipublic.deliberation.agenda_report import agenda_report, share_sentence_parts
from minipublic.lifecycle import Action
from minipublic.processes.access import access_process_for_user, can


@require_safe
def agenda(request: HttpRequest, slug: str) -> HttpResponse:
    """The agenda and time report of one process."""
    process = access_process_for_user(request.user, slug, Action.VIEW_PROCESS)
    now = clock.now()
    report = agenda_report(process, now)
    context = {
        "process": process,
        "report": report,
        "shares": share_sentence_parts(report),
        "now": now,
        "may_request": can(request.user, Action.REQUEST_TIME, process),
        "may_manage": can(request.user, Action.MANAGE_AGENDA, process),
    }
    return render(request, "deliberation/agenda/public.html", context)
