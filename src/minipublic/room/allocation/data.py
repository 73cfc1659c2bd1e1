"""What the facilitator asks for, as plain data: attendees, sessions, pins and groups."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

# Far above any real room; a request beyond them would only tie up the server.
MAX_ATTENDEES = 1000
MAX_SESSIONS = 40
MAX_TABLES = 200
MAX_SLACK = 50


@dataclass(frozen=True)
class Attendee:
    """One person to seat: a key without personal data and their answers (feature → value).

    A feature the attendee did not answer counts as a value of its own ("not given") and is
    spread across tables like any other value.
    """

    key: str
    features: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SessionPlan:
    """One session (round) to allocate, with its tables.

    Give either ``tables`` (how many; sizes as equal as possible) or ``capacities`` (the
    seats at table 1, 2, …; people are spread as evenly as those seats allow). ``absent``
    lists attendees who will not be at this session.
    """

    key: str
    tables: int = 0
    capacities: tuple[int, ...] = ()
    absent: tuple[str, ...] = ()

    @property
    def table_count(self) -> int:
        """How many tables this session has."""
        return len(self.capacities) if self.capacities else self.tables


@dataclass(frozen=True)
class Pin:
    """Attendee ``attendee`` sits at table ``table`` (1, 2, …) in session ``session``."""

    attendee: str
    session: str
    table: int


@dataclass(frozen=True)
class Problem:
    """Everything the allocation needs.

    ``features``: the features to balance across tables. ``together``: groups who must
    share a table in every session (e.g. the people who need the hearing-loop table; pin
    one of them to put the group at a given table). ``apart``: groups no two of whom may
    share a table. ``history``: groups of attendees who have already sat together at
    earlier sessions, so that people meet new faces rather than the same ones again.

    ``balance_slack`` trades balance for mixing: 0 (the default) keeps every session at
    the fewest people outside their fair range that any seating can have, whatever that
    costs the mixing; ``k`` lets each session have up to ``k`` more people outside when
    that lets people meet more others. With many features and few tables the best balance
    can force the same people together in every session; a slack of 1 or 2 frees them.
    """

    attendees: tuple[Attendee, ...]
    features: tuple[str, ...]
    sessions: tuple[SessionPlan, ...]
    pins: tuple[Pin, ...] = ()
    together: tuple[tuple[str, ...], ...] = ()
    apart: tuple[tuple[str, ...], ...] = ()
    history: tuple[tuple[str, ...], ...] = ()
    balance_slack: int = 0


NOT_GIVEN = ""
"""The value of a feature an attendee did not answer."""
