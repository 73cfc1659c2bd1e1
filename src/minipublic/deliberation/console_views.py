"""The facilitator console: record who speaks at one table, from a phone.

Without JavaScript every person is a form whose one big button starts their turn (or
stops it, if it is the recorder's running turn), posted to ``console_start`` /
``console_stop`` with a turn UUID made when the page was drawn, so a form sent twice is
recorded once; times are the server's. With JavaScript ``speaking-console.js`` takes the
same presses, queues them with their own UUIDs and times in localStorage, sends them to
``console_events`` (JSON) whenever the connection allows and redraws from the state the
server returns (``console_state``). Only the team recording speaking time
(RECORD_SPEAKING) opens any of it.
"""

from __future__ import annotations

import json
import math
import uuid
from datetime import UTC, datetime
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from minipublic import clock
from minipublic.accounts.models import User
from minipublic.deliberation.models import Table
from minipublic.deliberation.speaking import (
    EVENTS_MAX,
    Outcome,
    TurnEvent,
    day_start,
    do_finish_recording,
    do_record_events,
    do_start_turn,
    do_stop_turn,
)
from minipublic.deliberation.speaking_figures import (
    console_state,
    last_finished,
    names,
    state_json,
)
from minipublic.deliberation.speaking_text import duration_text, gini_text
from minipublic.lifecycle import Action, LifecycleError
from minipublic.processes.access import access_process_for_user
from minipublic.processes.error_text import describe
from minipublic.processes.models import Process

#: Console times (milliseconds since 1970) outside these years are not times at all.
_EARLIEST_MS, _LATEST_MS = 0, 7_258_118_400_000  # 1970 to 2200


def _open(request: HttpRequest, slug: str, session: int, number: int) -> tuple[Process, Table]:
    process = access_process_for_user(request.user, slug, Action.RECORD_SPEAKING)
    table = (
        Table.objects.select_related("session", "session__process")
        .filter(session__process=process, session__number=session, number=number)
        .first()
    )
    if table is None:
        raise Http404(f"{session}/{number}")
    return process, table


def _console_url(table: Table) -> str:
    return reverse(
        "deliberation:speaking_console",
        args=[table.session.process.slug, table.session.number, table.number],
    )


@require_http_methods(["GET", "HEAD"])
def console(request: HttpRequest, slug: str, session: int, table: int) -> HttpResponse:
    """The console of one table: a big button per person, the running turn, the totals."""
    process, place = _open(request, slug, session, table)
    user = cast(User, request.user)
    now = clock.now()
    state = console_state(place, user, now)
    rows = [
        {
            "person": person,
            "total": duration_text(person.seconds),
            "uuid": person.my_turn.uuid if person.my_turn else uuid.uuid4(),
        }
        for person in state.people
    ]
    known = {person.key: person.name for person in state.people}
    figures = state.equity
    context = {
        "process": process,
        "session": place.session,
        "table": place,
        "state": state,
        "rows": rows,
        "mine_name": known.get(state.mine.attendee, "") if state.mine else "",
        "mine_elapsed": duration_text((now - state.mine.started_at).total_seconds())
        if state.mine
        else "",
        "others": [known.get(turn.attendee, turn.attendee) for turn in state.others],
        "not_started": now < day_start(place.session),
        "finished_at": last_finished(place),
        "total": duration_text(figures.total_seconds),
        "gini": gini_text(figures.gini),
        "tables": place.session.tables.order_by("number"),
        "state_data": state_json(state),
        "texts": _script_texts(),
    }
    return render(request, "deliberation/speaking/console.html", context)


def _script_texts() -> dict[str, str]:
    """The console script's words, translated here (it has no catalogue of its own)."""
    return {
        "speaking": gettext("Speaking — tap to stop"),
        "other": gettext("Speaking (another team member records it) — tap to record"),
        "start": gettext("Tap when they start"),
        "silent": gettext("Not spoken yet — tap when they start"),
        "nobody": gettext("Nobody: tap a person when they start speaking."),
        "saved": gettext("Online: every tap is saved on the server."),
        "sending": gettext("Sending the taps to the server (waiting: %(count)s)…"),
        "offline": gettext(
            "Offline: the taps are kept on this phone and sent when the connection returns "
            "(waiting: %(count)s)."
        ),
        "signin": gettext(
            "The server did not accept the taps (%(status)s): sign in again in another tab. "
            "They are kept on this phone (waiting: %(count)s)."
        ),
        "refused": gettext("Not recorded: %(message)s"),
        "reload": gettext("The seating of this table has changed: reload the page."),
        "finish_offline": gettext("Finishing needs the connection: wait until you are online."),
        "h": gettext("%(h)d h %(m)02d min"),
        "m": gettext("%(m)d min %(s)02d s"),
        "s": gettext("%(s)d s"),
    }


class _StartForm(forms.Form):
    attendee = forms.CharField(max_length=40)
    uuid = forms.UUIDField()


class _StopForm(forms.Form):
    uuid = forms.UUIDField()


def _after(request: HttpRequest, outcome: Outcome, done: str) -> None:
    if outcome.status == "duplicate":
        messages.info(request, gettext("That press had already been recorded."))
    else:
        messages.success(request, done)


@require_POST
def console_start(request: HttpRequest, slug: str, session: int, table: int) -> HttpResponse:
    """Start a person's turn now (the form of their button), ending the recorder's own."""
    process, place = _open(request, slug, session, table)
    form = _StartForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("That press could not be read: reload the page."))
        return redirect(_console_url(place))
    attendee = form.cleaned_data["attendee"]
    try:
        outcome = do_start_turn(
            request.user, process, place, attendee, uuid=form.cleaned_data["uuid"]
        )
    except LifecycleError as error:
        messages.error(request, describe(error))
    else:
        name = names(process).get(attendee, attendee)
        _after(request, outcome, gettext("%(name)s is speaking.") % {"name": name})
    return redirect(_console_url(place))


@require_POST
def console_stop(request: HttpRequest, slug: str, session: int, table: int) -> HttpResponse:
    """Stop the recorder's running turn now."""
    process, place = _open(request, slug, session, table)
    form = _StopForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("That press could not be read: reload the page."))
        return redirect(_console_url(place))
    try:
        outcome = do_stop_turn(request.user, process, place, uuid=form.cleaned_data["uuid"])
    except LifecycleError as error:
        messages.error(request, describe(error))
    else:
        _after(request, outcome, gettext("The turn has stopped."))
    return redirect(_console_url(place))


@require_POST
def console_finish(request: HttpRequest, slug: str, session: int, table: int) -> HttpResponse:
    """End every running turn at the table and note in the record that it is finished."""
    process, place = _open(request, slug, session, table)
    try:
        ended = do_finish_recording(request.user, process, place)
    except LifecycleError as error:
        messages.error(request, describe(error))
    else:
        messages.success(
            request,
            gettext("The recording at this table is finished; %(count)s running turns ended.")
            % {"count": ended},
        )
    return redirect(_console_url(place))


def _moment(value: Any, name: str, position: int) -> datetime | None:
    if value is None:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or not _EARLIEST_MS <= value <= _LATEST_MS
    ):
        raise LifecycleError(
            "event_malformed",
            "Event {position} cannot be read: {problem}.",
            position=position,
            problem=f"{name} is not a time in milliseconds",
        )
    return datetime.fromtimestamp(value / 1000, tz=UTC)


def _event(raw: Any, position: int) -> TurnEvent:
    """One event of the console's JSON, or LifecycleError saying what is wrong with it."""

    def bad(problem: str) -> LifecycleError:
        return LifecycleError(
            "event_malformed",
            "Event {position} cannot be read: {problem}.",
            position=position,
            problem=problem,
        )

    if not isinstance(raw, dict):
        raise bad("it is not an object")
    kind = raw.get("kind")
    if kind not in ("start", "stop"):
        raise bad("kind must be start or stop")
    try:
        turn = uuid.UUID(str(raw.get("uuid")))
    except ValueError:
        raise bad("uuid is not a UUID") from None
    attendee = raw.get("attendee", "")
    if kind == "start" and (not isinstance(attendee, str) or not attendee):
        raise bad("a start names its attendee")
    return TurnEvent(kind, turn, str(attendee), _moment(raw.get("at"), "at", position))


def _result(raw: Any, outcome: Outcome | None, error: LifecycleError | None) -> dict[str, Any]:
    if outcome is not None:
        error = outcome.error
        row: dict[str, Any] = {
            "kind": outcome.kind,
            "uuid": str(outcome.uuid),
            "status": outcome.status,
            "adjusted": outcome.adjusted,
        }
    else:
        raw = raw if isinstance(raw, dict) else {}
        row = {"kind": raw.get("kind"), "uuid": raw.get("uuid"), "status": "refused"}
    if error is not None:
        row["code"], row["message"] = error.code, describe(error)
    return row


@require_POST
def console_events(request: HttpRequest, slug: str, session: int, table: int) -> JsonResponse:
    """Record the console's queued events (JSON ``{"sent_at": ms, "events": [...]}``).

    Answers with one result per event, in order (``recorded``, ``duplicate`` or
    ``refused`` with a message) and the table's state afterwards. A body that is not
    such an object is refused whole (400), and nothing is recorded.
    """
    process, place = _open(request, slug, session, table)
    try:
        body = json.loads(request.body)
        raws = body["events"]
        if not isinstance(raws, list):
            raise TypeError
        sent_at = _moment(body.get("sent_at"), "sent_at", 0)
    except (ValueError, KeyError, TypeError, AttributeError, LifecycleError):
        message = gettext('Send a JSON object with "sent_at" and a list of "events".')
        return JsonResponse({"error": message}, status=400)
    if len(raws) > EVENTS_MAX:
        message = gettext("Send at most %(limit)s events at a time.") % {"limit": EVENTS_MAX}
        return JsonResponse({"error": message}, status=400)
    parsed: list[TurnEvent | LifecycleError] = []
    for position, raw in enumerate(raws, start=1):
        try:
            parsed.append(_event(raw, position))
        except LifecycleError as error:
            parsed.append(error)
    valid = [event for event in parsed if isinstance(event, TurnEvent)]
    outcomes = iter(do_record_events(request.user, process, place, valid, sent_at=sent_at))
    results = [
        _result(raw, None, item)
        if isinstance(item, LifecycleError)
        else _result(raw, next(outcomes), None)
        for raw, item in zip(raws, parsed, strict=True)
    ]
    state = console_state(place, cast(User, request.user), clock.now())
    return JsonResponse({"results": results, "state": state_json(state)})


@require_http_methods(["GET", "HEAD"])
def console_state_json(request: HttpRequest, slug: str, session: int, table: int) -> JsonResponse:
    """The table's state as the console script reads it."""
    _, place = _open(request, slug, session, table)
    state = console_state(place, cast(User, request.user), clock.now())
    return JsonResponse(state_json(state))
