"""Stipends made due by attendance (the support part fills this in).

The attendance part calls ``sync_stipends_for_session`` after every change to a meeting's
attendance; the support part owns what it does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from minipublic.deliberation.models import Session


def sync_stipends_for_session(session: Session) -> None:
    """Make the stipends of ``session`` match its attendance: one due stipend for each
    person present, none (unless already approved or paid) for anyone absent."""
    del session
