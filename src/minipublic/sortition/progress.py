"""Progress reporting: the engine emits events, callers attach a reporter.

The command line shows a progress bar; the web app can store progress in a database
row. A reporter that raises never breaks a selection, except on purpose: raising
``Cancelled`` from ``update`` stops the computation (nothing has been written by then,
because the engine writes files only after it has finished computing).
"""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    """Receives progress events from long computations."""

    def update(self, stage: str, fraction: float | None = None, detail: str = "") -> None:
        """``stage`` is a short name; ``fraction`` in [0, 1] when known."""


class Cancelled(Exception):  # noqa: N818 (the name says what happened to the selection)
    """Raise from ``Progress.update`` to stop the selection."""


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
        try:
            self.inner.update(stage, fraction, detail)
        except Cancelled:
            raise
        except Exception:  # noqa: S110 (a broken progress bar must not stop a selection)
            pass
