"""Model fields encrypted at rest with the keys in ``FIELD_ENCRYPTION_KEYS``.

Participants' support needs, payment details and receipts are stored as Fernet tokens
(AES-128-CBC with HMAC-SHA256, from the ``cryptography`` library): a copy of the database
without the keys reveals none of them. The first key encrypts; every key decrypts, so a
key can be rotated (docs/configuration.md). Encrypted fields cannot be searched or
ordered by the database — by design.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from cryptography.fernet import InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    from cryptography.fernet import Fernet

    return MultiFernet([Fernet(key) for key in keys])


def fernet() -> MultiFernet:
    """The cipher for the configured keys."""
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt(data: bytes) -> bytes:
    """``data`` encrypted with the current key."""
    return fernet().encrypt(data)


def decrypt(token: bytes) -> bytes:
    """The data in ``token``; refuses loudly if no configured key opens it."""
    try:
        return fernet().decrypt(token)
    except InvalidToken:
        raise ImproperlyConfigured(
            "An encrypted field cannot be read with FIELD_ENCRYPTION_KEYS: was a key removed "
            "or changed? Put the key it was written with back in the list."
        ) from None


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    """Text stored encrypted; reads and writes as ordinary text in Python."""

    def get_prep_value(self, value: Any) -> Any:
        """Encrypt on the way to the database (empty text stays empty)."""
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return encrypt(str(value).encode("utf-8")).decode("ascii")

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        """Decrypt on the way from the database."""
        if value in (None, ""):
            return value
        return decrypt(value.encode("ascii")).decode("utf-8")


class EncryptedBinaryField(models.BinaryField):  # type: ignore[type-arg]
    """Bytes (a receipt's file) stored encrypted."""

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        """Encrypt on the way to the database."""
        if value is None or value == b"":
            return super().get_db_prep_value(value, connection, prepared)
        return super().get_db_prep_value(encrypt(bytes(value)), connection, prepared)

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        """Decrypt on the way from the database."""
        if value is None or bytes(value) == b"":
            return value
        return decrypt(bytes(value))
