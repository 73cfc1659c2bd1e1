"""Named actions that lay out the room: sessions, their agenda items and their tables.

A session is one meeting of the members (a day, a half-day or an evening); its agenda
is a list of items, each with the minutes planned and a kind (plenary, small groups,
witness session, reflection, break); its tables are the small groups of that session.
Every change is a public ledger entry: the agenda is part of the process's design.
"""

from __future__ import annotations

from datetime import date, time

from django.db.models import Max

from minipublic.deliberation.models import AgendaItem, ItemKind, Session, Table
from minipublic.integrity.record import append
from minipublic.lifecycle import Action, LifecycleError
from minipublic.processes.access import Actor, performs
from minipublic.processes.actions import _actor_role
from minipublic.processes.models import Process

TITLE_MAX = 200
PLACE_MAX = 200
#: The longest item (a whole day) and the most tables a session may have.
ITEM_MINUTES_MAX = 12 * 60
TABLES_MAX = 60


def _title(text: str) -> str:
    title = " ".join(text.split())
    if not title:
        raise LifecycleError("room_needs_title", "Give it a title.")
    if len(title) > TITLE_MAX:
        raise LifecycleError(
            "room_title_too_long", "A title has at most {limit} characters.", limit=TITLE_MAX
        )
    return title


def _own_session(process: Process, session: Session) -> None:
    if session.process_id != process.pk:
        raise LifecycleError("session_elsewhere", "That session belongs to another process.")


@performs(Action.MANAGE_AGENDA)
def do_add_session(
    actor: Actor,
    process: Process,
    *,
    title: str,
    on: date,
    starts_at: time | None = None,
    location: str = "",
) -> Session:
    """Add a session to ``process``, numbered after the last one."""
    location = " ".join(location.split())
    if len(location) > PLACE_MAX:
        raise LifecycleError(
            "room_place_too_long", "A place has at most {limit} characters.", limit=PLACE_MAX
        )
    last = Session.objects.filter(process=process).aggregate(last=Max("number"))["last"]
    session = Session.objects.create(
        process=process,
        number=(last or 0) + 1,
        title=_title(title),
        date=on,
        starts_at=starts_at,
        location=location,
    )
    append(
        process,
        _actor_role(actor, process, Action.MANAGE_AGENDA),
        "session.added",
        {
            "session": session.number,
            "title": session.title,
            "date": session.date.isoformat(),
            "starts_at": session.starts_at.isoformat("minutes") if session.starts_at else None,
            "location": session.location,
        },
    )
    return session


@performs(Action.MANAGE_AGENDA)
def do_add_item(
    actor: Actor,
    process: Process,
    session: Session,
    *,
    title: str,
    kind: ItemKind | str,
    planned_minutes: int,
    description: str = "",
) -> AgendaItem:
    """Add an item at the end of ``session``'s agenda with the minutes planned for it."""
    _own_session(process, session)
    try:
        kind = ItemKind(kind)
    except ValueError:
        raise LifecycleError(
            "item_kind_unknown", "{kind} is not a kind of item.", kind=kind
        ) from None
    if not 1 <= planned_minutes <= ITEM_MINUTES_MAX:
        raise LifecycleError(
            "item_minutes_out_of_range",
            "Plan between 1 and {limit} minutes for an item.",
            limit=ITEM_MINUTES_MAX,
        )
    last = session.items.aggregate(last=Max("position"))["last"]
    item = AgendaItem.objects.create(
        session=session,
        position=(last or 0) + 1,
        title=_title(title),
        kind=kind.value,
        planned_minutes=planned_minutes,
        description=description.strip(),
    )
    append(
        process,
        _actor_role(actor, process, Action.MANAGE_AGENDA),
        "agenda.item_added",
        {
            "session": session.number,
            "position": item.position,
            "title": item.title,
            "kind": item.kind,
            "planned_minutes": item.planned_minutes,
        },
    )
    return item


@performs(Action.MANAGE_AGENDA)
def do_set_tables(actor: Actor, process: Process, session: Session, count: int) -> list[Table]:
    """Give ``session`` ``count`` tables, numbered 1 to ``count``.

    Tables are added or, when fewer are wanted, the last ones removed, but only while
    nobody sits at them and nothing was recorded there (speaking turns, summaries).
    """
    _own_session(process, session)
    if not 1 <= count <= TABLES_MAX:
        raise LifecycleError(
            "tables_out_of_range", "A session has between 1 and {limit} tables.", limit=TABLES_MAX
        )
    surplus = session.tables.filter(number__gt=count)
    used = surplus.filter(seats__isnull=False) | surplus.filter(turns__isnull=False)
    used |= surplus.filter(summaries__isnull=False)
    if used.exists():
        raise LifecycleError(
            "tables_in_use",
            "Table {number} has people or records: move them before removing it.",
            number=used.order_by("number").values_list("number", flat=True).first(),
        )
    before = session.tables.count()
    surplus.delete()
    existing = set(session.tables.values_list("number", flat=True))
    Table.objects.bulk_create(
        Table(session=session, number=number)
        for number in range(1, count + 1)
        if number not in existing
    )
    if before != count:
        append(
            process,
            _actor_role(actor, process, Action.MANAGE_AGENDA),
            "session.tables_set",
            {"session": session.number, "tables": count},
        )
    return list(session.tables.order_by("number"))
