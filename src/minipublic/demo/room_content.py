"""The Riverford Climate Assembly's room: five weekends of two days, their agendas and tables.

Each day is a session; its agenda lists what was planned and for how long. The first
weekend is for getting to know each other and the basics, the next three for evidence
and deliberation on heat, travel and who pays, the last for writing and voting on the
recommendations.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoItem:
    """One agenda item: title, kind (``ItemKind`` value) and minutes planned."""

    title: str
    kind: str
    minutes: int


@dataclass(frozen=True)
class DemoSession:
    """One day of the assembly."""

    title: str
    on: str
    starts_at: str
    location: str
    items: tuple[DemoItem, ...]


GUILDHALL = "Riverford Guildhall, Main Hall"
LIBRARY = "Riverford Central Library, Community Room"
TABLES_PER_SESSION = 4

_OPENING = DemoItem("Welcome back and plan for the day", "plenary", 20)
_LUNCH = DemoItem("Lunch", "break", 60)
_COFFEE = DemoItem("Coffee", "break", 20)
_CLOSE = DemoItem("What we take home; feedback on the day", "plenary", 25)


def _day(title: str, on: str, place: str, *middle: DemoItem) -> DemoSession:
    return DemoSession(title, on, "10:00", place, (_OPENING, *middle, _CLOSE))


SESSIONS: tuple[DemoSession, ...] = (
    DemoSession(
        "Weekend 1, Saturday: getting started",
        "2026-09-12",
        "10:00",
        GUILDHALL,
        (
            DemoItem("Welcome from the oversight panel; how the assembly works", "plenary", 40),
            DemoItem("Getting to know each other at the tables", "small_groups", 50),
            _COFFEE,
            DemoItem("Drafting our own code of conduct", "small_groups", 60),
            _LUNCH,
            DemoItem("Climate change and Riverford: the basics", "witness_session", 60),
            DemoItem("Questions for the witnesses, at the tables", "small_groups", 45),
            DemoItem("On your own: what surprised you today?", "reflection", 15),
            _CLOSE,
        ),
    ),
    _day(
        "Weekend 1, Sunday: where Riverford's emissions come from",
        "2026-09-13",
        GUILDHALL,
        DemoItem("Riverford's emissions by source", "witness_session", 50),
        DemoItem("What matters to us: values at the tables", "small_groups", 70),
        _LUNCH,
        DemoItem("Which witnesses do we want to hear?", "small_groups", 45),
        _COFFEE,
        DemoItem("Sharing the tables' questions", "plenary", 40),
    ),
    _day(
        "Weekend 2, Saturday: heating our homes",
        "2026-09-26",
        LIBRARY,
        DemoItem("Heat pumps, heat networks and insulation", "witness_session", 75),
        DemoItem("Questions to the heating panel, at the tables", "small_groups", 50),
        _LUNCH,
        DemoItem("Tenants and landlords: a panel of two views", "witness_session", 45),
        _COFFEE,
        DemoItem("Options for homes: first thoughts", "small_groups", 60),
    ),
    _day(
        "Weekend 2, Sunday: heat, continued",
        "2026-09-27",
        LIBRARY,
        DemoItem("Fuel poverty in Riverford", "witness_session", 40),
        DemoItem("Weighing the options for homes", "small_groups", 90),
        _LUNCH,
        DemoItem("On your own: the trade-offs you feel most", "reflection", 20),
        DemoItem("What the tables agree and disagree on", "plenary", 45),
    ),
    _day(
        "Weekend 3, Saturday: how we travel",
        "2026-10-03",
        GUILDHALL,
        DemoItem("Buses, cycling and the car: the evidence", "witness_session", 75),
        DemoItem("Questions on travel, at the tables", "small_groups", 50),
        _LUNCH,
        DemoItem("A workplace parking levy: for and against", "witness_session", 50),
        _COFFEE,
        DemoItem("Options for travel: first thoughts", "small_groups", 60),
    ),
    _day(
        "Weekend 3, Sunday: travel, continued",
        "2026-10-04",
        GUILDHALL,
        DemoItem("Weighing the options for travel", "small_groups", 90),
        _LUNCH,
        DemoItem("Vote on our code of conduct", "plenary", 30),
        DemoItem("What the tables agree and disagree on", "plenary", 45),
    ),
    _day(
        "Weekend 4, Saturday: who pays",
        "2026-10-24",
        LIBRARY,
        DemoItem("Who pays for net zero? Costs and fairness", "witness_session", 60),
        DemoItem("Questions on fairness, at the tables", "small_groups", 50),
        _LUNCH,
        DemoItem("Bringing heat, travel and fairness together", "small_groups", 90),
    ),
    _day(
        "Weekend 4, Sunday: first drafts",
        "2026-10-25",
        LIBRARY,
        DemoItem("Writing first drafts of recommendations", "small_groups", 100),
        _LUNCH,
        DemoItem("Gallery walk: reading every table's drafts", "plenary", 45),
        DemoItem("On your own: what is missing?", "reflection", 15),
    ),
    _day(
        "Weekend 5, Saturday: refining the recommendations",
        "2026-11-07",
        GUILDHALL,
        DemoItem("Amending the drafts", "small_groups", 100),
        _LUNCH,
        DemoItem("Checking the drafts with the witnesses", "witness_session", 45),
        _COFFEE,
        DemoItem("Final wording at the tables", "small_groups", 60),
    ),
    _day(
        "Weekend 5, Sunday: deciding",
        "2026-11-08",
        GUILDHALL,
        DemoItem("Voting on each recommendation", "plenary", 90),
        _LUNCH,
        DemoItem("Minority views and the report", "plenary", 45),
        DemoItem("Thank you and what happens next", "plenary", 30),
    ),
)

#: When the team laid out the sessions (during selection, before the first weekend).
AGENDA_SET_ON = "2026-09-08"
