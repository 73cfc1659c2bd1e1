"""Stipends made due by attendance.

The attendance part calls ``sync_stipends_for_session`` after every change to a meeting's
attendance. Everyone present gets one *due* stipend at the process's rate
(``SupportSettings``): one per meeting, or — when the stipend is counted per day — one per
day, however many meetings that day they attended. Someone later marked absent loses a
stipend that is still only due (it is cancelled); an approved or paid stipend is never
taken back (the plan page says so). Running it again changes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from minipublic import clock
from minipublic.participants.attendance_models import Attendance, AttendanceStatus
from minipublic.participants.support import plan_from_registration
from minipublic.participants.support_models import (
    ItemKind,
    ItemStatus,
    StipendBasis,
    SupportItem,
    SupportSettings,
)

if TYPE_CHECKING:
    from minipublic.deliberation.models import Session

#: Stipends the sync never touches: someone already decided on them.
_SETTLED = frozenset({ItemStatus.APPROVED, ItemStatus.PAID, ItemStatus.DECLINED})


def _group(session: Session, basis: str) -> list[Session]:
    # The meetings one stipend covers: this one, or every meeting on the same day.
    if basis != StipendBasis.PER_DAY:
        return [session]
    from minipublic.deliberation.models import Session as SessionModel

    same_day = SessionModel.objects.filter(process_id=session.process_id, date=session.date)
    return list(same_day.order_by("starts_at", "number"))


def sync_stipends_for_session(session: Session) -> None:
    """Make the stipends of ``session`` match its attendance: one due stipend for each
    person present, none (unless already approved or paid) for anyone absent."""
    settings = SupportSettings.objects.filter(process_id=session.process_id).first()
    if settings is None or not settings.stipend_amount:
        return
    group = _group(session, settings.basis)
    order = {meeting.pk: index for index, meeting in enumerate(group)}
    present: dict[str, list[int]] = defaultdict(list)
    for key, session_id in Attendance.objects.filter(
        session__in=group, status=AttendanceStatus.PRESENT
    ).values_list("attendee_key", "session_id"):
        present[key].append(session_id)
    items: dict[str, list[SupportItem]] = defaultdict(list)
    for item in (
        SupportItem.objects.select_for_update()
        .filter(plan__process_id=session.process_id, kind=ItemKind.STIPEND, session__in=group)
        .select_related("plan")
    ):
        items[item.plan.attendee_key].append(item)
    for key in sorted(set(present) | set(items)):
        _sync_one(
            session, settings, key, sorted(present.get(key, []), key=order.__getitem__), items[key]
        )


def _sync_one(
    session: Session,
    settings: SupportSettings,
    key: str,
    present_at: list[int],
    items: list[SupportItem],
) -> None:
    if any(item.status in _SETTLED for item in items):
        return  # approved, paid or declined: a person decided; attendance does not undo it
    now = clock.now()
    keep = next((i for i in items if i.session_id in present_at), None) if present_at else None
    for item in items:
        if item is not keep and item.status != ItemStatus.CANCELLED:
            item.status, item.updated_at = ItemStatus.CANCELLED, now
            item.save(update_fields=["status", "updated_at"])
    if not present_at:
        return
    if keep is None:
        plan, _started = plan_from_registration(session.process, key)
        SupportItem.objects.create(
            plan=plan,
            kind=ItemKind.STIPEND,
            status=ItemStatus.DUE,
            amount=settings.stipend_amount,
            currency=settings.currency,
            session_id=present_at[0],
            created_at=now,
            updated_at=now,
        )
    elif keep.status != ItemStatus.DUE:
        keep.status, keep.updated_at = ItemStatus.DUE, now
        keep.amount, keep.currency = settings.stipend_amount, settings.currency
        keep.save(update_fields=["status", "amount", "currency", "updated_at"])
