"""Database sessions whose stored expiry is rounded up to the end of a day (UTC).

Django stores each session with ``expire_date`` = the moment it was created or last
changed plus its age, which dates every sign-in to the second. Rounded to the day, the
table no longer says when in the day someone signed in (docs/integrity.md).
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.base_session import AbstractBaseSession


def end_of_day(moment: datetime) -> datetime:
    """The next midnight (UTC) at or after ``moment``."""
    utc = moment.astimezone(UTC)
    midnight = datetime.combine(utc.date(), time(0), tzinfo=UTC)
    return midnight if utc == midnight else midnight + timedelta(days=1)


class SessionStore(DatabaseSessionStore):
    """Django's database session store, keeping only the day a session expires."""

    def create_model_instance(self, data: dict[str, Any]) -> AbstractBaseSession:
        """The row to save, its expiry rounded up to the end of its day."""
        instance = super().create_model_instance(data)
        instance.expire_date = end_of_day(instance.expire_date)
        return instance
