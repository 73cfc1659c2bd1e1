"""Demo story: The members' recommendations: drafts, amendments, comments and votes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from minipublic.accounts.models import User
from minipublic.processes.models import Process

Step = tuple[datetime, Callable[[], None]]


def drafting_steps(process: Process, users: dict[str, User]) -> list[Step]:
    """The dated steps of this story for ``process`` (none for processes it skips)."""
    return []
