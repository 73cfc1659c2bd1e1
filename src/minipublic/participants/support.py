"""Support plans: the actions that set a process's stipend, start each participant's plan
from what they told us at registration, and arrange, approve and pay its items.

Everything personal (needs, payment details, item details, receipts, payment references)
is stored encrypted (``encryption.py``) and seen only by the lead practitioner and the
recruiters (``Action.VIEW_SUPPORT``). The public ledger learns only non-personal facts:
the stipend rate, how many plans were started, and the kind and amount of each payment
approved or made — never who it was for.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from minipublic import clock
from minipublic.deliberation.models import Session
from minipublic.deliberation.roster import roster
from minipublic.integrity.record import append
from minipublic.integrity.uploads import UploadError, check_bytes
from minipublic.lifecycle import Action, LifecycleError, Role
from minipublic.participants.support_models import (
    PAYABLE_KINDS,
    ItemKind,
    ItemStatus,
    StipendBasis,
    SupportItem,
    SupportPlan,
    SupportSettings,
)
from minipublic.processes.access import Actor, performs
from minipublic.processes.actions import _actor_role, _person
from minipublic.processes.models import Membership, Process
from minipublic.recruitment.models import Registrant

if TYPE_CHECKING:
    from minipublic.accounts.models import User

#: Currencies accepted for stipends and expenses: ISO 4217 codes in common use. A code
#: outside the list is refused with the list, so a typo ("GPB") cannot slip through.
CURRENCIES = frozenset(
    [
        "AUD",
        "BRL",
        "CAD",
        "CHF",
        "CLP",
        "CNY",
        "COP",
        "CZK",
        "DKK",
        "EUR",
        "GBP",
        "HKD",
        "HUF",
        "IDR",
        "ILS",
        "INR",
        "ISK",
        "JPY",
        "KES",
        "KRW",
        "MXN",
        "MYR",
        "NGN",
        "NOK",
        "NZD",
        "PEN",
        "PHP",
        "PLN",
        "RON",
        "SEK",
        "SGD",
        "THB",
        "TRY",
        "TWD",
        "UAH",
        "USD",
        "ZAR",
    ]
)
#: Ways a process may offer to pay people, each a stable value and its label.
PAYMENT_METHODS: dict[str, object] = {
    "bank_transfer": _("Bank transfer"),
    "voucher": _("Shopping vouchers"),
    "cash": _("Cash"),
    "cheque": _("Cheque"),
    "mobile_payment": _("Mobile payment"),
}
#: The item each access need ticked at registration starts (recruitment.registration).
NEED_ITEMS: dict[str, ItemKind] = {
    "childcare": ItemKind.CHILDCARE,
    "travel": ItemKind.TRAVEL_BOOKING,
    "language": ItemKind.LANGUAGE,
    "disability": ItemKind.DISABILITY,
}
#: Items a person still waits for: not yet arranged, or money not yet paid.
OPEN_STATUSES = frozenset({ItemStatus.NEEDED, ItemStatus.DUE, ItemStatus.APPROVED})
#: Statuses the item form may set; approval and payment are actions of their own.
EDITABLE_STATUSES = (
    ItemStatus.NEEDED,
    ItemStatus.ARRANGED,
    ItemStatus.DUE,
    ItemStatus.DECLINED,
    ItemStatus.CANCELLED,
)
TEXT_MAX = 4000
MAX_AMOUNT = Decimal("99999999.99")


def check_currency(code: str) -> str:
    """``code`` as an accepted currency code (upper case), or LifecycleError."""
    code = code.strip().upper()
    if code not in CURRENCIES:
        raise LifecycleError(
            "support_currency",
            "{given} is not a currency code we accept. Use three capital letters from ISO "
            "4217, such as GBP, EUR or USD (accepted: {accepted}).",
            given=code or "—",
            accepted=", ".join(sorted(CURRENCIES)),
        )
    return code


def check_money(
    amount: object, currency: str, *, required: bool = False
) -> tuple[Decimal | None, str]:
    """An amount and its currency, checked: positive, at most two decimals, and a currency
    whenever there is an amount. Returns (None, "") when there is no amount."""
    if amount in (None, ""):
        if required:
            raise LifecycleError("support_amount_required", "Give the amount to pay.")
        return None, ""
    try:
        value = Decimal(str(amount).strip())
    except InvalidOperation:
        raise LifecycleError(
            "support_amount", "{amount} is not an amount; write it like 60 or 12.50.", amount=amount
        ) from None
    if not value.is_finite() or value <= 0 or value > MAX_AMOUNT:
        raise LifecycleError(
            "support_amount", "{amount} is not an amount; write it like 60 or 12.50.", amount=amount
        )
    if value != value.quantize(Decimal("0.01")):
        raise LifecycleError(
            "support_amount_decimals", "{amount} has more than two decimals.", amount=amount
        )
    if not currency.strip():
        raise LifecycleError(
            "support_currency_required", "Give the currency of {amount}.", amount=amount
        )
    return value.quantize(Decimal("0.01")), check_currency(currency)


def _text(value: str, field: str) -> str:
    text = value.strip()
    if len(text) > TEXT_MAX:
        raise LifecycleError(
            "support_text_too_long",
            "Keep the {field} to {limit} characters (it has {length}).",
            field=field,
            limit=TEXT_MAX,
            length=len(text),
        )
    return text


def settings_of(process: Process) -> SupportSettings | None:
    """The process's support settings, if it has any yet."""
    return SupportSettings.objects.filter(process=process).first()


@performs(Action.MANAGE_SUPPORT)
def do_save_support_settings(
    actor: Actor,
    process: Process,
    *,
    stipend_amount: object,
    currency: str,
    basis: str,
    payment_methods: list[str],
) -> SupportSettings:
    """Set the stipend (amount, currency, per meeting or per day) and the ways of payment
    offered; records ``support.settings_changed`` when anything changes."""
    amount, code = check_money(stipend_amount, currency)
    code = code or check_currency(currency)
    if basis not in StipendBasis.values:
        raise LifecycleError("support_basis", "Choose per meeting or per day.")
    unknown = sorted(set(payment_methods) - set(PAYMENT_METHODS))
    if unknown:
        raise LifecycleError(
            "support_method", "Unknown payment method {method}.", method=unknown[0]
        )
    methods = [method for method in PAYMENT_METHODS if method in payment_methods]
    current = settings_of(process) or SupportSettings(process=process)
    new = (amount or Decimal("0.00"), code, basis, methods)
    old = (current.stipend_amount, current.currency, current.basis, current.payment_methods)
    if current.pk is None or old != new:
        current.stipend_amount, current.currency, current.basis, current.payment_methods = new
        current.save()
        append(
            process,
            _actor_role(actor, process, Action.MANAGE_SUPPORT),
            "support.settings_changed",
            {
                "stipend_amount": str(new[0]),
                "currency": code,
                "basis": basis,
                "payment_methods": methods,
            },
        )
    return current


def plan_from_registration(process: Process, attendee_key: str) -> tuple[SupportPlan, int]:
    """The attendee's plan, started if need be from their registration's access needs
    (one item per need ticked, status needed); returns it and how many items it started.

    Not an action of its own: ``do_start_plans`` and the stipends use it inside theirs.
    """
    plan = SupportPlan.objects.filter(process=process, attendee_key=attendee_key).first()
    if plan is not None:
        return plan, 0
    now = clock.now()
    registrant = None
    if attendee_key.startswith("r:"):
        registrant = Registrant.objects.filter(process=process, pseudonym=attendee_key[2:]).first()
    needs = [] if registrant is None else list(registrant.access_needs or [])
    words = "" if registrant is None else registrant.access_details.strip()
    plan = SupportPlan.objects.create(
        process=process, attendee_key=attendee_key, needs=words, created_at=now, updated_at=now
    )
    for need in needs:
        kind = NEED_ITEMS.get(need, ItemKind.OTHER)
        SupportItem.objects.create(
            plan=plan,
            kind=kind,
            details=words,
            status=ItemStatus.NEEDED,
            created_at=now,
            updated_at=now,
        )
    return plan, len(needs)


@performs(Action.MANAGE_SUPPORT)
def do_start_plans(actor: Actor, process: Process) -> tuple[int, int]:
    """Start a plan for every attendee on the roster who has none, from the access needs
    they gave at registration. Returns (plans started, items started); records
    ``support.plans_started`` with those counts. Running it again starts nothing."""
    started = items = 0
    for attendee in roster(process):
        if SupportPlan.objects.filter(process=process, attendee_key=attendee.key).exists():
            continue
        _plan, count = plan_from_registration(process, attendee.key)
        started += 1
        items += count
    if started:
        append(
            process,
            _actor_role(actor, process, Action.MANAGE_SUPPORT),
            "support.plans_started",
            {"plans": started, "items": items},
        )
    return started, items


@performs(Action.MANAGE_SUPPORT)
def do_save_plan(
    actor: Actor,
    process: Process,
    plan: SupportPlan,
    *,
    needs: str,
    payment_method: str,
    payment_details: str,
) -> SupportPlan:
    """Change a plan's needs (the person's words), payment method and payment details."""
    _own(process, plan)
    offered = settings_of(process)
    if payment_method and payment_method not in (offered.payment_methods if offered else []):
        raise LifecycleError(
            "support_method_not_offered",
            "This process does not offer {method}: choose one it offers, or add it in the "
            "support settings first.",
            method=payment_method,
        )
    plan.needs = _text(needs, "needs")
    plan.payment_method = payment_method
    plan.payment_details = _text(payment_details, "payment details")
    plan.updated_at = clock.now()
    plan.save(update_fields=["needs", "payment_method", "payment_details", "updated_at"])
    return plan


def _own(process: Process, plan: SupportPlan) -> None:
    if plan.process_id != process.pk:
        raise LifecycleError("support_plan_elsewhere", "That plan belongs to another process.")


def item_owners(process: Process) -> list[User]:
    """The people who may be responsible for an item: the lead practitioners and the
    recruiters of the process."""
    from minipublic.accounts.models import User

    roles = [Role.LEAD_PRACTITIONER.value, Role.RECRUITER.value]
    ids = Membership.objects.filter(process=process, role__in=roles).values("user_id")
    return list(User.objects.filter(pk__in=ids).order_by("display_name", "username"))


def _check_owner(process: Process, owner: User | None) -> None:
    if owner is not None and owner.pk not in {user.pk for user in item_owners(process)}:
        raise LifecycleError(
            "support_owner",
            "The person responsible must be a lead practitioner or a recruiter of this process.",
        )


def _check_session(process: Process, session: Session | None) -> None:
    if session is not None and session.process_id != process.pk:
        raise LifecycleError("session_elsewhere", "That session belongs to another process.")


@performs(Action.MANAGE_SUPPORT)
def do_save_item(
    actor: Actor,
    process: Process,
    plan: SupportPlan,
    item: SupportItem | None,
    *,
    kind: str,
    details: str,
    owner: User | None,
    status: str,
    amount: object,
    currency: str,
    session: Session | None,
) -> SupportItem:
    """Add an item to ``plan`` (``item`` None) or change one. Approved or paid items keep
    their kind and amount: the form changes only their details and owner."""
    _own(process, plan)
    _check_owner(process, owner)
    _check_session(process, session)
    if kind not in ItemKind.values:
        raise LifecycleError("support_kind", "Choose what kind of support this is.")
    now = clock.now()
    if item is not None:
        item = SupportItem.objects.select_for_update().get(pk=item.pk, plan=plan)
        if item.status in (ItemStatus.APPROVED, ItemStatus.PAID):
            item.details, item.owner, item.updated_at = _text(details, "details"), owner, now
            item.save(update_fields=["details", "owner", "updated_at"])
            return item
    if status not in [choice.value for choice in EDITABLE_STATUSES]:
        raise LifecycleError(
            "support_status", "Approve or pay an item with its own button, not in the form."
        )
    value, code = check_money(amount, currency, required=False)
    if kind in PAYABLE_KINDS and status == ItemStatus.DUE and value is None:
        raise LifecycleError("support_amount_required", "Give the amount to pay.")
    item = item or SupportItem(plan=plan, created_at=now)
    item.kind, item.details, item.owner, item.status = (
        kind,
        _text(details, "details"),
        owner,
        status,
    )
    item.amount, item.currency, item.session, item.updated_at = value, code, session, now
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError:
        raise LifecycleError(
            "support_stipend_twice", "This person already has a stipend for that meeting."
        ) from None
    return item


#: What a receipt may be (a subset of integrity.uploads.KINDS: scans, photos, PDFs).
RECEIPT_EXTENSIONS = ("pdf", "png", "jpg", "jpeg")


@performs(Action.MANAGE_SUPPORT)
def do_attach_receipt(
    actor: Actor, process: Process, item: SupportItem, *, name: str, content: bytes
) -> SupportItem:
    """Attach a receipt (PDF, PNG or JPEG within the upload limit) to an expense; stored
    encrypted. Replaces an earlier receipt until the expense is paid."""
    _own(process, item.plan)
    if item.kind not in PAYABLE_KINDS or item.kind == ItemKind.STIPEND:
        raise LifecycleError("support_receipt_kind", "Only expenses take a receipt.")
    if item.status == ItemStatus.PAID:
        raise LifecycleError("support_receipt_paid", "This expense is paid: its receipt stays.")
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    if extension not in RECEIPT_EXTENSIONS:
        raise LifecycleError(
            "support_receipt_type",
            "{name}: a receipt must be a PDF, PNG or JPEG file.",
            name=name,
        )
    try:
        checked = check_bytes(name, content)
    except UploadError as error:
        raise LifecycleError("support_receipt_refused", "{reason}", reason=str(error)) from None
    item.receipt = checked.content
    item.receipt_name, item.receipt_type = checked.filename, checked.content_type
    item.updated_at = clock.now()
    item.save(update_fields=["receipt", "receipt_name", "receipt_type", "updated_at"])
    return item


def _locked_payable(process: Process, item: SupportItem) -> SupportItem:
    # Lock the row: two clicks (or two people) racing see one after the other.
    locked = SupportItem.objects.select_for_update().select_related("plan").get(pk=item.pk)
    _own(process, locked.plan)
    if locked.kind not in PAYABLE_KINDS:
        raise LifecycleError("support_not_payable", "Only stipends and expenses are paid.")
    if locked.amount is None:
        raise LifecycleError("support_amount_required", "Give the amount to pay.")
    return locked


@performs(Action.MANAGE_SUPPORT)
def do_approve_item(actor: Actor, process: Process, item: SupportItem) -> SupportItem:
    """Approve a due stipend or expense for payment; records ``support.payment_approved``
    (kind and amount only)."""
    locked = _locked_payable(process, item)
    if locked.status == ItemStatus.APPROVED:
        raise LifecycleError("support_already_approved", "This payment is already approved.")
    if locked.status != ItemStatus.DUE:
        raise LifecycleError(
            "support_not_due",
            "Only a payment that is due can be approved (this one is {status}).",
            status=ItemStatus(locked.status).label,
        )
    locked.status, locked.approved_at = ItemStatus.APPROVED, clock.now()
    locked.approved_by, locked.updated_at = _person(actor), locked.approved_at
    locked.save(update_fields=["status", "approved_at", "approved_by", "updated_at"])
    append(process, _role(actor, process), "support.payment_approved", _payment(locked))
    return locked


@performs(Action.MANAGE_SUPPORT)
def do_mark_paid(
    actor: Actor, process: Process, item: SupportItem, *, reference: str
) -> SupportItem:
    """Mark an approved payment as paid, with the payment's reference (stored encrypted).
    Paid happens once: a second attempt is refused, even when two requests race."""
    locked = _locked_payable(process, item)
    if locked.status == ItemStatus.PAID:
        raise LifecycleError(
            "support_already_paid",
            "This payment was already marked paid on {date}: it is not paid twice.",
            date=locked.paid_at.date().isoformat() if locked.paid_at else "—",
        )
    if locked.status != ItemStatus.APPROVED:
        raise LifecycleError("support_not_approved", "Approve this payment before marking it paid.")
    locked.status, locked.paid_at = ItemStatus.PAID, clock.now()
    locked.paid_by, locked.updated_at = _person(actor), locked.paid_at
    locked.payment_reference = _text(reference, "payment reference")
    locked.save(update_fields=["status", "paid_at", "paid_by", "updated_at", "payment_reference"])
    append(process, _role(actor, process), "support.payment_made", _payment(locked))
    return locked


def _role(actor: Actor, process: Process) -> str:
    return _actor_role(actor, process, Action.MANAGE_SUPPORT)


def _payment(item: SupportItem) -> dict[str, str]:
    # What the ledger learns of a payment: never who it is for.
    return {"kind": item.kind, "amount": str(item.amount), "currency": item.currency}
