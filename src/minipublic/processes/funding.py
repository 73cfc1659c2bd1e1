"""A process's funding: set by the lead practitioner as part of its design, logged, public.

A demanding reader asks who pays, how much, for what, and whether the people running the
process are paid by the body whose question they run. ``do_set_funding`` replaces the
whole statement at once and logs it in full as ``process.funding_set``, so the record
shows every version; nothing here is personal (a private donor is named only if the
form's warning was heeded).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from minipublic import clock
from minipublic.integrity.record import append
from minipublic.lifecycle import Action, LifecycleError
from minipublic.processes.access import Actor, performs
from minipublic.processes.actions import _actor_role
from minipublic.processes.funding_models import FunderKind, FundingSource, FundingStatement
from minipublic.processes.models import Process

MAX_SOURCES = 20
FUNDER_MAX = 200
TEXT_MAX = 2000
AMOUNT_MAX = Decimal("999999999999.99")
_CURRENCY = re.compile(r"[A-Z]{3}\Z")


@dataclass(frozen=True)
class FunderLine:
    """One funder as entered: ``amount`` None for support in kind or an undisclosed sum."""

    funder: str
    kind: str
    pays_for: str
    amount: Decimal | None = None
    currency: str = ""

    def as_json(self) -> dict[str, Any]:
        """The line as the ledger records it (the amount as a decimal string)."""
        return {
            "funder": self.funder,
            "kind": self.kind,
            "amount": None if self.amount is None else f"{self.amount:.2f}",
            "currency": self.currency,
            "pays_for": self.pays_for,
        }


@dataclass(frozen=True)
class Funding:
    """The whole funding statement of a process."""

    sources: tuple[FunderLine, ...] = ()
    practitioners_paid_by: str = ""
    participants_paid: str = ""
    notes: str = ""

    def totals(self) -> list[tuple[str, Decimal]]:
        """The sum of the stated amounts per currency, currencies in alphabetical order."""
        sums: dict[str, Decimal] = defaultdict(Decimal)
        for line in self.sources:
            if line.amount is not None:
                sums[line.currency] += line.amount
        return sorted(sums.items())

    def as_json(self) -> dict[str, Any]:
        """The statement as the ledger records it."""
        return {
            "sources": [line.as_json() for line in self.sources],
            "totals": {currency: f"{amount:.2f}" for currency, amount in self.totals()},
            "practitioners_paid_by": self.practitioners_paid_by,
            "participants_paid": self.participants_paid,
            "notes": self.notes,
        }

    @property
    def is_empty(self) -> bool:
        """Whether nothing at all has been stated."""
        return not (
            self.sources or self.practitioners_paid_by or self.participants_paid or self.notes
        )


@dataclass(frozen=True)
class FundingView:
    """What the portal shows: the statement and when it was last changed (None: never)."""

    funding: Funding = field(default_factory=Funding)
    updated_at: Any = None


def funding_of(process: Process) -> FundingView:
    """The current funding statement of ``process`` (empty if none was ever set)."""
    statement = FundingStatement.objects.filter(process=process).first()
    if statement is None:
        return FundingView()
    sources = tuple(
        FunderLine(
            funder=row.funder,
            kind=row.kind,
            pays_for=row.pays_for,
            amount=row.amount,
            currency=row.currency,
        )
        for row in FundingSource.objects.filter(process=process).order_by("position")
    )
    return FundingView(
        Funding(
            sources=sources,
            practitioners_paid_by=statement.practitioners_paid_by,
            participants_paid=statement.participants_paid,
            notes=statement.notes,
        ),
        statement.updated_at,
    )


_LABELS = {
    "practitioners_paid_by": _("Who pays the practitioners"),
    "participants_paid": _("What the participants receive"),
    "notes": _("Other notes on the funding"),
}


def _clean_text(value: str, *, name: str) -> str:
    text = value.strip()
    if len(text) > TEXT_MAX:
        raise LifecycleError(
            "funding_text_too_long",
            "{label} has at most {limit} characters.",
            field=name,
            label=_LABELS[name],
            limit=TEXT_MAX,
        )
    return text


def _clean_line(value: str, *, line: int, limit: int) -> str:
    text = " ".join(value.split()) if limit == FUNDER_MAX else value.strip()
    if len(text) > limit:
        raise LifecycleError(
            "funding_line_too_long",
            "Funder {line}: a name has at most {name_limit} characters, what it pays for "
            "at most {text_limit}.",
            line=line,
            name_limit=FUNDER_MAX,
            text_limit=TEXT_MAX,
        )
    return text


def check_funding(funding: Funding) -> Funding:
    """The statement with its texts trimmed; LifecycleError naming the first bad line."""
    if len(funding.sources) > MAX_SOURCES:
        raise LifecycleError(
            "funding_too_many_sources", "List at most {limit} funders.", limit=MAX_SOURCES
        )
    lines = []
    for number, line in enumerate(funding.sources, start=1):
        funder = _clean_line(line.funder, line=number, limit=FUNDER_MAX)
        if not funder:
            raise LifecycleError(
                "funding_funder_missing", "Funder {line} needs a name.", line=number
            )
        if line.kind not in FunderKind.values:
            raise LifecycleError(
                "funding_kind_unknown", "Funder {line} has an unknown kind.", line=number
            )
        pays_for = _clean_line(line.pays_for, line=number, limit=TEXT_MAX)
        if not pays_for:
            raise LifecycleError(
                "funding_purpose_missing",
                "Say what funder {line} ({funder}) pays for.",
                line=number,
                funder=funder,
            )
        currency = line.currency.strip().upper()
        if line.amount is not None:
            if not Decimal(0) <= line.amount <= AMOUNT_MAX:
                raise LifecycleError(
                    "funding_amount_out_of_range",
                    "The amount of funder {line} ({funder}) must be zero or more.",
                    line=number,
                    funder=funder,
                )
            if not _CURRENCY.match(currency):
                raise LifecycleError(
                    "funding_currency_invalid",
                    "Give the currency of funder {line} ({funder}) as a three-letter code "
                    "such as GBP or EUR.",
                    line=number,
                    funder=funder,
                )
        elif currency:
            currency = ""  # no amount: a currency alone says nothing
        lines.append(FunderLine(funder, line.kind, pays_for, line.amount, currency))
    return Funding(
        sources=tuple(lines),
        practitioners_paid_by=_clean_text(
            funding.practitioners_paid_by, name="practitioners_paid_by"
        ),
        participants_paid=_clean_text(funding.participants_paid, name="participants_paid"),
        notes=_clean_text(funding.notes, name="notes"),
    )


@performs(Action.EDIT_DESIGN)
def do_set_funding(actor: Actor, process: Process, funding: Funding) -> Funding:
    """Replace the funding statement of ``process``; logs ``process.funding_set`` if it changed.

    The entry holds the whole new statement (funders, amounts, currencies, what each
    pays for, the totals per currency, who pays the practitioners, what participants
    receive), so the record shows every version side by side.
    """
    funding = check_funding(funding)
    if funding == funding_of(process).funding:
        return funding
    FundingSource.objects.filter(process=process).delete()
    FundingSource.objects.bulk_create(
        FundingSource(
            process=process,
            position=position,
            funder=line.funder,
            kind=line.kind,
            amount=line.amount,
            currency=line.currency,
            pays_for=line.pays_for,
        )
        for position, line in enumerate(funding.sources, start=1)
    )
    FundingStatement.objects.update_or_create(
        process=process,
        defaults={
            "practitioners_paid_by": funding.practitioners_paid_by,
            "participants_paid": funding.participants_paid,
            "notes": funding.notes,
            "updated_at": clock.now(),
        },
    )
    append(
        process,
        _actor_role(actor, process, Action.EDIT_DESIGN),
        "process.funding_set",
        funding.as_json(),
    )
    return funding
