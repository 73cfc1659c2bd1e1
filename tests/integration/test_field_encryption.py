"""Participants' support needs, payment details and receipts are encrypted at rest: the
database holds Fernet tokens, the models read plain values, and keys can be rotated."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import override_settings

from minipublic import clock
from minipublic.participants.encryption import fernet
from minipublic.participants.models import ItemKind, ItemStatus, SupportItem, SupportPlan
from tests.cast import Cast

pytestmark = pytest.mark.django_db

SECRET_NEED = "Wheelchair user; needs a step-free route and a carer's seat"


def _raw(table: str, column: str, pk: int) -> str | bytes:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608 (names are ours)
        value = cursor.fetchone()[0]
    return bytes(value) if isinstance(value, memoryview) else value


def _plan(cast: Cast) -> SupportPlan:
    now = clock.now()
    return SupportPlan.objects.create(
        process=cast.process,
        attendee_key="u:1",
        needs=SECRET_NEED,
        payment_details="Sort code 00-00-00, account 12345678",
        created_at=now,
        updated_at=now,
    )


def test_text_is_stored_encrypted_and_read_back_plain(cast: Cast) -> None:
    plan = _plan(cast)
    raw = _raw("participants_supportplan", "needs", plan.pk)
    assert isinstance(raw, str)
    assert "Wheelchair" not in raw
    assert "12345678" not in _raw("participants_supportplan", "payment_details", plan.pk)
    assert fernet().decrypt(raw.encode()).decode() == SECRET_NEED
    assert SupportPlan.objects.get(pk=plan.pk).needs == SECRET_NEED


def test_receipts_are_stored_encrypted(cast: Cast) -> None:
    plan = _plan(cast)
    now = clock.now()
    receipt = b"%PDF-1.4 bus ticket 4.20 GBP"
    item = SupportItem.objects.create(
        plan=plan,
        kind=ItemKind.EXPENSE_TRAVEL,
        status=ItemStatus.DUE,
        amount="4.20",
        currency="GBP",
        receipt=receipt,
        receipt_name="ticket.pdf",
        receipt_type="application/pdf",
        created_at=now,
        updated_at=now,
    )
    raw = _raw("participants_supportitem", "receipt", item.pk)
    assert b"bus ticket" not in raw
    assert bytes(SupportItem.objects.get(pk=item.pk).receipt) == receipt


def test_a_rotated_key_still_reads_old_records_and_a_removed_one_fails_loudly(
    cast: Cast, settings: object
) -> None:
    plan = _plan(cast)
    old_keys = list(settings.FIELD_ENCRYPTION_KEYS)  # type: ignore[attr-defined]
    new_key = Fernet.generate_key().decode()
    with override_settings(FIELD_ENCRYPTION_KEYS=[new_key, *old_keys]):
        assert SupportPlan.objects.get(pk=plan.pk).needs == SECRET_NEED
    with (
        override_settings(FIELD_ENCRYPTION_KEYS=[new_key]),
        pytest.raises(ImproperlyConfigured, match="Put the key it was written with back"),
    ):
        SupportPlan.objects.get(pk=plan.pk)
