"""Named actions that change the agenda once laid out: edit a session, edit, move or
remove an agenda item (adding them is in ``sessions.py``).

What has happened in the room stays as it happened: once an item has recorded time or
a request for more time, its title, kind and planned minutes are part of the public
record, so it can no longer be changed, moved or removed (its description can, for
notes); a session whose items have recorded time keeps its date. Every change is a
public ledger entry.
"""

from __future__ import annotations

from datetime import date, time
from typing import Any

from minipublic.deliberation.models import AgendaItem, ItemKind, Session, TimerInterval
from minipublic.deliberation.sessions import (
    ITEM_MINUTES_MAX,
    PLACE_MAX,
    _own_session,
    _title,
)
from minipublic.integrity.record import append
from minipublic.lifecycle import Action, LifecycleError
from minipublic.processes.access import Actor, performs
from minipublic.processes.actions import _actor_role
from minipublic.processes.models import Process

DESCRIPTION_MAX = 2000


def own_item(process: Process, item: AgendaItem) -> None:
    """Refuse ``item`` unless it is on one of ``process``'s sessions."""
    if item.session.process_id != process.pk:
        raise LifecycleError("item_elsewhere", "That agenda item belongs to another process.")


def fresh_item(process: Process, item: AgendaItem) -> None:
    """Re-read ``item`` (inside an action, under the process lock) and check it is still
    one of ``process``'s: another person may have changed it since the page was shown."""
    own_item(process, item)
    try:
        item.refresh_from_db()
    except AgendaItem.DoesNotExist:
        raise LifecycleError(
            "item_gone", "That agenda item has just been removed. Reload the page."
        ) from None


def records_of(item: AgendaItem) -> tuple[bool, int]:
    """Whether ``item`` has recorded time, and how many requests for more time it has."""
    return item.intervals.exists(), item.time_requests.count()


def _refuse_if_recorded(item: AgendaItem, doing: str) -> None:
    timed, requests = records_of(item)
    if not (timed or requests or item.finished_at is not None):
        return
    params = {"position": item.position, "title": item.title}
    if doing == "change":
        raise LifecycleError(
            "item_recorded_change",
            "Item {position} “{title}” already has recorded time or requests for more "
            "time: its title, kind and planned minutes are part of the record. Only its "
            "description can still change.",
            **params,
        )
    if doing == "move":
        raise LifecycleError(
            "item_recorded_move",
            "Item {position} “{title}” already has recorded time or requests for more "
            "time: it keeps its place in the agenda.",
            **params,
        )
    raise LifecycleError(
        "item_recorded_remove",
        "Item {position} “{title}” already has recorded time or requests for more "
        "time: it is part of the record and cannot be removed.",
        **params,
    )


def _kind(kind: ItemKind | str) -> ItemKind:
    try:
        return ItemKind(kind)
    except ValueError:
        raise LifecycleError(
            "item_kind_unknown", "{kind} is not a kind of item.", kind=kind
        ) from None


def _minutes(planned: int) -> int:
    if not 1 <= planned <= ITEM_MINUTES_MAX:
        raise LifecycleError(
            "item_minutes_out_of_range",
            "Plan between 1 and {limit} minutes for an item.",
            limit=ITEM_MINUTES_MAX,
        )
    return planned


def _description(text: str) -> str:
    text = text.strip()
    if len(text) > DESCRIPTION_MAX:
        raise LifecycleError(
            "item_description_too_long",
            "A description has at most {limit} characters.",
            limit=DESCRIPTION_MAX,
        )
    return text


@performs(Action.MANAGE_AGENDA)
def do_edit_session(
    actor: Actor,
    process: Process,
    session: Session,
    *,
    title: str,
    on: date,
    starts_at: time | None,
    location: str,
) -> Session:
    """Change a session's title, date, start time or place.

    The date stays once any of its items has recorded time (the times would no longer
    fall on it). Records ``session.changed`` with the new values of what changed.
    """
    _own_session(process, session)
    location = " ".join(location.split())
    if len(location) > PLACE_MAX:
        raise LifecycleError(
            "room_place_too_long", "A place has at most {limit} characters.", limit=PLACE_MAX
        )
    new: dict[str, Any] = {
        "title": _title(title),
        "date": on,
        "starts_at": starts_at,
        "location": location,
    }
    changed = {name: value for name, value in new.items() if getattr(session, name) != value}
    if "date" in changed and TimerInterval.objects.filter(item__session=session).exists():
        raise LifecycleError(
            "session_has_time",
            "Session {number} already has recorded time: its date can no longer change.",
            number=session.number,
        )
    if not changed:
        return session
    for name, value in changed.items():
        setattr(session, name, value)
    session.save(update_fields=list(changed))
    public = {
        name: value.isoformat("minutes")
        if isinstance(value, time)
        else value.isoformat()
        if isinstance(value, date)
        else value
        for name, value in changed.items()
    }
    append(
        process,
        _actor_role(actor, process, Action.MANAGE_AGENDA),
        "session.changed",
        {"session": session.number, "changes": public},
    )
    return session


@performs(Action.MANAGE_AGENDA)
def do_edit_item(
    actor: Actor,
    process: Process,
    item: AgendaItem,
    *,
    title: str,
    kind: ItemKind | str,
    planned_minutes: int,
    description: str = "",
) -> AgendaItem:
    """Change an item's title, kind, planned minutes or description.

    Once the item has recorded time or requests, only its description may change.
    Records ``agenda.item_changed`` with the new values (the description only as changed).
    """
    fresh_item(process, item)
    new: dict[str, Any] = {
        "title": _title(title),
        "kind": _kind(kind).value,
        "planned_minutes": _minutes(planned_minutes),
    }
    changed = {name: value for name, value in new.items() if getattr(item, name) != value}
    if changed:
        _refuse_if_recorded(item, "change")
    text = _description(description)
    if text != item.description:
        changed["description"] = text
    if not changed:
        return item
    for name, value in changed.items():
        setattr(item, name, value)
    item.save(update_fields=list(changed))
    public = {name: value for name, value in changed.items() if name != "description"}
    if "description" in changed:
        public["description_changed"] = True
    append(
        process,
        _actor_role(actor, process, Action.MANAGE_AGENDA),
        "agenda.item_changed",
        {"session": item.session.number, "position": item.position, "changes": public},
    )
    return item


@performs(Action.MANAGE_AGENDA)
def do_move_item(actor: Actor, process: Process, item: AgendaItem, to_position: int) -> AgendaItem:
    """Move an item to ``to_position`` in its session's agenda, shifting those between.

    An item with recorded time or requests keeps its place. Records ``agenda.item_moved``.
    """
    fresh_item(process, item)
    session = item.session
    count = session.items.count()
    if not 1 <= to_position <= count:
        raise LifecycleError(
            "item_position_out_of_range",
            "Choose a place between 1 and {count}.",
            count=count,
        )
    start = item.position
    if to_position == start:
        return item
    _refuse_if_recorded(item, "move")
    # One row at a time, in an order that never puts two items on one place (the unique
    # constraint is checked row by row on PostgreSQL); 0 is free while the item moves.
    item.position = 0
    item.save(update_fields=["position"])
    if to_position < start:
        between = session.items.filter(position__gte=to_position, position__lt=start)
        step, order = 1, "-position"
    else:
        between = session.items.filter(position__gt=start, position__lte=to_position)
        step, order = -1, "position"
    for other in between.order_by(order):
        other.position += step
        other.save(update_fields=["position"])
    item.position = to_position
    item.save(update_fields=["position"])
    append(
        process,
        _actor_role(actor, process, Action.MANAGE_AGENDA),
        "agenda.item_moved",
        {"session": session.number, "from": start, "to": to_position, "title": item.title},
    )
    return item


@performs(Action.MANAGE_AGENDA)
def do_remove_item(actor: Actor, process: Process, item: AgendaItem) -> None:
    """Remove an item that has no recorded time or requests; the items after it move up.

    Records ``agenda.item_removed``.
    """
    fresh_item(process, item)
    _refuse_if_recorded(item, "remove")
    session, position, title = item.session, item.position, item.title
    item.delete()
    for later in session.items.filter(position__gt=position).order_by("position"):
        later.position -= 1
        later.save(update_fields=["position"])
    append(
        process,
        _actor_role(actor, process, Action.MANAGE_AGENDA),
        "agenda.item_removed",
        {"session": session.number, "position": position, "title": title},
    )
