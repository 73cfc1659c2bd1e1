"""The support budget: totals per process, and the payment list.

Totals are aggregates only — sums by kind, status and currency, and how many people have
each kind of support — and may go to a finance officer as CSV. The payment list names
people, their payment method and reference: personal data, so every export of it is
logged (``recruitment.PersonalDataExport``) and shown on the totals page.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Sum

from minipublic import clock
from minipublic.deliberation.roster import roster
from minipublic.integrity.uploads import spreadsheet_safe
from minipublic.lifecycle import Action
from minipublic.participants.support_models import ItemKind, ItemStatus, SupportItem
from minipublic.processes.access import Actor, performs
from minipublic.processes.actions import _actor_role, _person
from minipublic.processes.models import Process
from minipublic.recruitment.models import PersonalDataExport

#: What the payment-list export is called in the export log.
PAYMENTS_EXPORT = "support payments (CSV)"
_MONEY = (ItemStatus.DUE, ItemStatus.APPROVED, ItemStatus.PAID)
_LIVE = (ItemStatus.NEEDED, ItemStatus.ARRANGED, *_MONEY)


@dataclass
class TotalRow:
    """Money for one kind of item in one currency."""

    kind: str
    label: str
    currency: str
    due: Decimal = Decimal("0.00")
    approved: Decimal = Decimal("0.00")
    paid: Decimal = Decimal("0.00")

    @property
    def committed(self) -> Decimal:
        """Everything owed or paid: due + approved + paid."""
        return self.due + self.approved + self.paid


@dataclass
class Totals:
    """The budget of a process's support: money rows and people supported by kind."""

    money: list[TotalRow] = field(default_factory=list)
    people: list[tuple[str, int]] = field(default_factory=list)
    plans: int = 0


def totals(process: Process) -> Totals:
    """Sums due, approved and paid by kind and currency, and the number of people with
    each kind of support (cancelled and declined items do not count)."""
    items = SupportItem.objects.filter(plan__process=process)
    labels = dict(ItemKind.choices)
    rows: dict[tuple[str, str], TotalRow] = {}
    grouped = (
        items.filter(status__in=_MONEY, amount__isnull=False)
        .values_list("kind", "currency", "status")
        .annotate(total=Sum("amount"))
        .order_by("kind", "currency", "status")
    )
    for kind, currency, status, total in grouped:
        row = rows.setdefault(
            (kind, currency), TotalRow(kind, str(labels.get(kind, kind)), currency)
        )
        setattr(row, str(status), Decimal(total).quantize(Decimal("0.01")))
    people = (
        items.filter(status__in=_LIVE)
        .values_list("kind")
        .annotate(n=Count("plan", distinct=True))
        .order_by("kind")
    )
    return Totals(
        money=[rows[key] for key in sorted(rows)],
        people=[(str(labels.get(kind, kind)), n) for kind, n in people],
        plans=process.support_plans.count(),
    )


def totals_csv(process: Process) -> bytes:
    """The totals as CSV: kind, currency, due, approved, paid (no personal data)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["kind", "currency", "due", "approved", "paid", "total"])
    summary = totals(process)
    for row in summary.money:
        writer.writerow([row.kind, row.currency, row.due, row.approved, row.paid, row.committed])
    writer.writerow([])
    writer.writerow(["kind", "people supported"])
    for label, n in summary.people:
        writer.writerow([label, n])
    return out.getvalue().encode("utf-8")


PAYMENT_COLUMNS = (
    "name",
    "attendee",
    "item",
    "meeting",
    "amount",
    "currency",
    "status",
    "payment method",
    "payment details",
    "payment reference",
    "approved on",
    "paid on",
)


@performs(Action.VIEW_SUPPORT)
def do_export_payments(actor: Actor, process: Process) -> bytes:
    """Every stipend and expense due, approved or paid, with names, payment methods,
    details and references, as CSV (personal data); logged as a PersonalDataExport."""
    names = {attendee.key: attendee.name for attendee in roster(process)}
    items = (
        SupportItem.objects.filter(plan__process=process, status__in=_MONEY, amount__isnull=False)
        .select_related("plan", "session")
        .order_by("plan__attendee_key", "created_at", "pk")
    )
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(PAYMENT_COLUMNS)
    count = 0
    for item in items:
        plan = item.plan
        cells = [
            names.get(plan.attendee_key, ""),
            plan.attendee_key,
            ItemKind(item.kind).label,
            item.session.number if item.session else "",
            item.amount,
            item.currency,
            item.status,
            plan.payment_method,
            plan.payment_details,
            item.payment_reference,
            item.approved_at.date().isoformat() if item.approved_at else "",
            item.paid_at.date().isoformat() if item.paid_at else "",
        ]
        writer.writerow([spreadsheet_safe(cell) for cell in cells])
        count += 1
    PersonalDataExport.objects.create(
        process=process,
        exported_by=_person(actor),
        exported_by_role=_actor_role(actor, process, Action.VIEW_SUPPORT),
        what=PAYMENTS_EXPORT,
        rows=count,
        exported_at=clock.now(),
    )
    return out.getvalue().encode("utf-8")


def payment_exports(process: Process) -> list[PersonalDataExport]:
    """The log of payment-list exports, newest first."""
    rows = PersonalDataExport.objects.filter(process=process, what=PAYMENTS_EXPORT)
    return list(rows.select_related("exported_by").order_by("-exported_at", "-pk"))
