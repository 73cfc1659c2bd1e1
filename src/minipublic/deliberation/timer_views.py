"""The facilitator's live timer pages (RUN_TIMER).

The page works without JavaScript: each button is a form posting to the timer, which
answers with the page again (post, redirect, get), the time used rendered on the
server. With JavaScript, ``deliberation/timer.js`` ticks the clock between reloads and
re-syncs with ``timer_state`` (JSON) every few seconds, reloading the page when
someone else has changed the timer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from minipublic import clock
from minipublic.deliberation import timer
from minipublic.deliberation.agenda_report import SessionReport, pending_requests, session_report
from minipublic.deliberation.models import AgendaItem, Session
from minipublic.ledger import format_time
from minipublic.lifecycle import Action, LifecycleError
from minipublic.processes.access import access_process_for_user, can
from minipublic.processes.error_text import describe
from minipublic.processes.models import Process
from minipublic.room.timing import ItemState


def _session(process: Process, number: int) -> Session:
    return get_object_or_404(Session, process=process, number=number)


@login_required
@require_safe
def timer_sessions(request: HttpRequest, slug: str) -> HttpResponse:
    """The sessions to run the timer for, today's first."""
    process = access_process_for_user(request.user, slug, Action.RUN_TIMER)
    today = timezone.localdate(clock.now())
    rows = list(Session.objects.filter(process=process).order_by("number"))
    context = {
        "process": process,
        "today": [session for session in rows if session.date == today],
        "sessions": rows,
    }
    return render(request, "deliberation/agenda/timer_sessions.html", context)


# What each button asks the timer to do, and what the facilitator is told when it did
# (or when it had been done already, by someone else or a second press).
_STEPS: dict[str, tuple[Callable[..., bool], Promise, Promise]] = {
    "start": (
        timer.do_start_item,
        _("“%(title)s” is running."),
        _("“%(title)s” was already running."),
    ),
    "pause": (
        timer.do_pause_item,
        _("“%(title)s” is paused."),
        _("“%(title)s” was not running."),
    ),
    "stop": (
        timer.do_stop_item,
        _("“%(title)s” is finished."),
        _("“%(title)s” was already finished."),
    ),
}
_REOPENED = _("“%(title)s” is open and running again.")
_MOVED_ON = _("The item before is finished; “%(title)s” is running.")


def _integer(text: str | None) -> int:
    try:
        return int(text or "")
    except ValueError:
        raise Http404(text) from None


@login_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def timer_page(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """One session's timer: the item running, its time used and left, every item's
    buttons; POST ``step`` (start, pause, stop, reopen) and ``item`` (its id)."""
    process = access_process_for_user(request.user, slug, Action.RUN_TIMER)
    session = _session(process, number)
    if request.method == "POST":
        return _press(request, process, session)
    report = session_report(session, clock.now())
    return render(request, "deliberation/agenda/timer.html", _context(request, process, report))


def _press(request: HttpRequest, process: Process, session: Session) -> HttpResponse:
    step = request.POST.get("step", "")
    try:
        item_id = int(request.POST.get("item", ""))
    except ValueError:
        return HttpResponse(status=400)
    if step not in (*_STEPS, "reopen", "next"):
        return HttpResponse(status=400)
    item = get_object_or_404(AgendaItem, session=session, pk=item_id)
    title = {"title": item.title}
    done: Promise
    same: Promise
    try:
        if step == "reopen":
            changed = timer.do_start_item(request.user, process, item, reopen=True)
            done, same = _REOPENED, _REOPENED
        elif step == "next":
            finishing = get_object_or_404(
                AgendaItem, session=session, pk=_integer(request.POST.get("finish"))
            )
            changed = timer.do_move_on(request.user, process, finishing, item)
            done, same = _MOVED_ON, _STEPS["start"][2]
        else:
            action, done, same = _STEPS[step]
            changed = action(request.user, process, item)
    except LifecycleError as error:
        messages.error(request, describe(error))
    else:
        if changed:
            messages.success(request, str(done) % title)
        else:
            messages.info(request, str(same) % title)
    url = reverse("deliberation:timer", args=[process.slug, session.number])
    return redirect(f"{url}#item-{item.pk}")


def _context(request: HttpRequest, process: Process, report: SessionReport) -> dict[str, Any]:
    running = next((line for line in report.lines if line.use.state is ItemState.RUNNING), None)
    waiting = [
        line for line in report.lines if line.use.state in (ItemState.WAITING, ItemState.PAUSED)
    ]
    upcoming = waiting[0] if waiting else None
    # The item to move on to from the one running: the next in the agenda still to run.
    following = None
    if running is not None:
        later = [line for line in waiting if line.item.position > running.item.position]
        following = (later or waiting)[0] if (later or waiting) else None
    pending = pending_requests(process).filter(item__session=report.session)
    others = Session.objects.filter(process=process).exclude(pk=report.session.pk)
    return {
        "process": process,
        "session": report.session,
        "report": report,
        "running": running,
        "upcoming": upcoming if running is None else None,
        "following": following,
        "pending": pending,
        "may_decide": can(request.user, Action.DECIDE_TIME, process),
        "previous": others.filter(number__lt=report.session.number).order_by("-number").first(),
        "next": others.filter(number__gt=report.session.number).order_by("number").first(),
        "rendered_at": clock.now(),
    }


@login_required
@never_cache
@require_safe
def timer_state(request: HttpRequest, slug: str, number: int) -> JsonResponse:
    """The session's timer as JSON, for the page's script: the item running (its id),
    and each item's state and seconds used and allowed, as of ``now``."""
    process = access_process_for_user(request.user, slug, Action.RUN_TIMER)
    session = _session(process, number)
    now = clock.now()
    report = session_report(session, now)
    running = next(
        (line.item.pk for line in report.lines if line.use.state is ItemState.RUNNING), None
    )
    return JsonResponse(
        {
            "session": session.number,
            "now": format_time(now),
            "running": running,
            "items": [
                {
                    "id": line.item.pk,
                    "state": line.use.state.value,
                    "used_seconds": line.use.used,
                    "allowed_seconds": line.use.allowed,
                }
                for line in report.lines
            ],
        }
    )
