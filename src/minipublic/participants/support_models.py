"""Support plans: what each participant needs to take part, who arranges it, and what
they are paid. Keyed by the attendee key of the room's roster (``r:<pseudonym>`` or
``u:<user id>``, see deliberation/roster.py), so a panel member without an account has a
plan too. Needs and payment details are encrypted at rest (encryption.py)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from minipublic.participants.encryption import EncryptedBinaryField, EncryptedTextField
from minipublic.processes.models import Process

__all__ = [
    "ItemKind",
    "ItemStatus",
    "StipendBasis",
    "SupportItem",
    "SupportPlan",
    "SupportSettings",
]


class StipendBasis(models.TextChoices):
    """What a stipend is counted by."""

    PER_MEETING = "per_meeting", _("per meeting attended")
    PER_DAY = "per_day", _("per day attended")


class SupportSettings(models.Model):
    """A process's stipend and the budget's currency."""

    process = models.OneToOneField(Process, on_delete=models.CASCADE, related_name="support")
    stipend_amount = models.DecimalField(_("stipend"), max_digits=10, decimal_places=2, default=0)
    currency = models.CharField(_("currency"), max_length=3, default="GBP")
    basis = models.CharField(
        _("counted"), max_length=16, choices=StipendBasis.choices, default=StipendBasis.PER_MEETING
    )
    # Offered ways to be paid, e.g. ["bank_transfer", "voucher", "cash"]; each person picks one.
    payment_methods = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.process_id}: {self.stipend_amount} {self.currency} {self.basis}"


class SupportPlan(models.Model):
    """One participant's plan in one process."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="support_plans")
    attendee_key = models.CharField(max_length=40)
    # Started from the access needs given at registration; the person's own words.
    needs = EncryptedTextField(_("needs, in their words"), blank=True)
    payment_method = models.CharField(_("payment method"), max_length=32, blank=True)
    # Bank details or similar, only for those who pay.
    payment_details = EncryptedTextField(_("payment details"), blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    # Set when the retention rule erased the needs, payment details, item details,
    # receipts and references (support_retention.py); amounts and statuses stay.
    personal_data_erased_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["process", "attendee_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "attendee_key"], name="one_plan_per_attendee"
            )
        ]

    def __str__(self) -> str:
        return f"{self.process_id} {self.attendee_key}"


class ItemKind(models.TextChoices):
    """What a support item is."""

    STIPEND = "stipend", _("Stipend")
    EXPENSE_TRAVEL = "expense_travel", _("Travel expense")
    EXPENSE_CARE = "expense_care", _("Care expense")
    EXPENSE_ACCOMMODATION = "expense_accommodation", _("Accommodation expense")
    EXPENSE_OTHER = "expense_other", _("Other expense")
    CHILDCARE = "childcare", _("Childcare")
    ELDERCARE = "eldercare", _("Care for an older or disabled relative")
    TRAVEL_BOOKING = "travel_booking", _("Travel booking")
    ACCOMMODATION_BOOKING = "accommodation_booking", _("Accommodation booking")
    LANGUAGE = "language", _("Language support")
    DISABILITY = "disability", _("Disability support")
    DIETARY = "dietary", _("Dietary needs")
    OTHER = "other", _("Other support")


# Items that are money owed to the participant (stipends and expenses).
PAYABLE_KINDS = frozenset(
    {
        ItemKind.STIPEND,
        ItemKind.EXPENSE_TRAVEL,
        ItemKind.EXPENSE_CARE,
        ItemKind.EXPENSE_ACCOMMODATION,
        ItemKind.EXPENSE_OTHER,
    }
)


class ItemStatus(models.TextChoices):
    """Where an item stands. Arrangements go needed → arranged; money goes due →
    approved → paid (once: a second payment is refused)."""

    NEEDED = "needed", _("Needed")
    ARRANGED = "arranged", _("Arranged")
    DUE = "due", _("Due")
    APPROVED = "approved", _("Approved")
    PAID = "paid", _("Paid")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


class SupportItem(models.Model):
    """One arrangement or payment in a plan, with the person responsible for it."""

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("kind"), max_length=32, choices=ItemKind.choices)
    details = EncryptedTextField(_("details"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible"),
    )
    status = models.CharField(_("status"), max_length=16, choices=ItemStatus.choices)
    amount = models.DecimalField(
        _("amount"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    # The meeting a stipend (or an expense) is for.
    session = models.ForeignKey(
        "deliberation.Session", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    receipt = EncryptedBinaryField(null=True, blank=True)
    receipt_name = models.CharField(max_length=200, blank=True)
    receipt_type = models.CharField(max_length=100, blank=True)
    payment_reference = EncryptedTextField(_("payment reference"), blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    paid_at = models.DateTimeField(null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["plan", "created_at", "pk"]
        constraints = [
            # One stipend per person per meeting.
            models.UniqueConstraint(
                fields=["plan", "session"],
                condition=models.Q(kind="stipend"),
                name="one_stipend_per_meeting",
            )
        ]

    def __str__(self) -> str:
        return f"{self.plan} {self.kind} {self.status}"
