"""Problems for the allocation tests: the demo pool's people and small hand-built rooms."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from minipublic.room.allocation import Attendee, Pin, Problem, SessionPlan

POOL = Path(__file__).resolve().parents[2] / "src/minipublic/demo/selection/people.csv"
FEATURES = ("gender", "age", "area", "tenure", "climate_concern")


@cache
def pool_attendees() -> tuple[Attendee, ...]:
    """The demo pool's 247 people, keyed by their id, with their five answers."""
    with POOL.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return tuple(Attendee(row["id"], {f: row[f] for f in FEATURES}) for row in rows)


def room(
    n: int,
    sessions: int = 6,
    seats: int = 8,
    features: tuple[str, ...] = FEATURES,
    **extra: object,
) -> Problem:
    """The first ``n`` of the pool in ``sessions`` sessions at tables of at most ``seats``."""
    plans = tuple(SessionPlan(str(s + 1), tables=-(-n // seats)) for s in range(sessions))
    return Problem(pool_attendees()[:n], features, plans, **extra)  # type: ignore[arg-type]


def plain(n: int, tables: int, rounds: int) -> Problem:
    """``n`` interchangeable people, ``tables`` tables, ``rounds`` sessions, nothing to balance."""
    people = tuple(Attendee(f"p{i:02d}") for i in range(n))
    return Problem(people, (), tuple(SessionPlan(str(r + 1), tables=tables) for r in range(rounds)))


def coloured(colours: str, tables: int, rounds: int = 1, pins: tuple[Pin, ...] = ()) -> Problem:
    """One person per letter of ``colours`` (their colour), balanced on colour."""
    people = tuple(Attendee(f"p{i}", {"colour": c}) for i, c in enumerate(colours))
    plans = tuple(SessionPlan(str(r + 1), tables=tables) for r in range(rounds))
    return Problem(people, ("colour",), plans, pins)
