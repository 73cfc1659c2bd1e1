"""Progress reporting: the engine emits events, callers attach a reporter.

The command line shows a progress bar; the web app can store progress in a database
row. A reporter that raises never breaks a selection.
"""

from __future__ import annotations

import contextlib
from typing import Protocol


class Progress(Protocol):
    """Receives progress events from long computations."""

    def update(self, stage: str, fraction: float | None = None, detail: str = "") -> None:
        """``stage`` is a short name; ``fraction`` in [0, 1] when known."""


class NullProgress:
    """Ignores every event."""

    def update(self, stage: str, fraction: float | None = None, detail: str = "") -> None:
        """Do nothing."""


class SafeProgress:
    """Wraps a reporter so that its failures cannot stop the computation."""

    def __init__(self, inner: Progress) -> None:
        self.inner = inner

    def update(self, stage: str, fraction: float | None = None, detail: str = "") -> None:
        """Forward the event, swallowing any error the reporter raises."""
        with contextlib.suppress(Exception):  # a broken progress bar must not stop a selection
            self.inner.update(stage, fraction, detail)
