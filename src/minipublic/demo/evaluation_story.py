"""Demo story: The member evaluation questionnaire at the start and the end."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from minipublic.accounts.models import User
from minipublic.processes.models import Process

Step = tuple[datetime, Callable[[], None]]


def evaluation_steps(process: Process, users: dict[str, User]) -> list[Step]:
    """The dated steps of this story for ``process`` (none for processes it skips)."""
    return []
