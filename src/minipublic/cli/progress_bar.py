"""A terminal progress bar for the selection engine (shown once work takes over a second)."""

from __future__ import annotations

import time
from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn


class ProgressBar:
    """A ``Progress`` reporter (see minipublic.sortition.progress) drawing a rich bar."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.started = time.monotonic()
        self.bar: Progress | None = None
        self.task = TaskID(0)

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self.bar is not None:
            self.bar.stop()

    def update(self, stage: str, fraction: float | None = None, detail: str = "") -> None:
        """Show the stage, its fraction done and a detail, after the first second."""
        if self.bar is None:
            if time.monotonic() - self.started < 1.0:
                return
            self.bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TextColumn("{task.fields[detail]}"),
                TimeElapsedColumn(),
                console=self.console,
                transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task(stage, total=1.0, detail=detail)
        self.bar.update(
            self.task,
            description=stage,
            completed=fraction or 0.0,
            total=1.0 if fraction is not None else None,
            detail=detail,
        )
