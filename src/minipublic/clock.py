"""The time actions record: now, unless the demo or an import replays a dated timeline.

Every action takes its time from ``now()`` instead of the system clock, so that loading
the demo assembly (or importing a past process) with ``frozen_at(moment)`` records each
step on its own date, and the ledger's times run forward like the events did.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

_FROZEN: ContextVar[datetime | None] = ContextVar("minipublic_frozen_time", default=None)


def now() -> datetime:
    """The current time (UTC, aware), or the moment set by ``frozen_at``."""
    frozen = _FROZEN.get()
    return frozen if frozen is not None else datetime.now(UTC)


@contextmanager
def frozen_at(moment: datetime) -> Iterator[None]:
    """Make ``now()`` return ``moment`` inside the block (for replaying dated timelines)."""
    if moment.tzinfo is None:
        raise ValueError("frozen_at needs a time with a time zone")
    token = _FROZEN.set(moment)
    try:
        yield
    finally:
        _FROZEN.reset(token)
