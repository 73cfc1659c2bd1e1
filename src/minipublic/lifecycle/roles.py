"""Who takes part in a mini-public, what kind of mini-public it is, and who may see it."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """A role a person holds in one process; a person may hold several."""

    COMMISSIONER = "commissioner"
    LEAD_PRACTITIONER = "lead_practitioner"
    FACILITATOR = "facilitator"
    RECRUITER = "recruiter"
    EXPERT = "expert"
    PARTICIPANT = "participant"
    OVERSIGHT = "oversight"
    OBSERVER = "observer"


class ProcessModel(StrEnum):
    """The recognised mini-public designs (after the OECD's catalogue of models)."""

    CITIZENS_ASSEMBLY = "citizens_assembly"
    CITIZENS_JURY = "citizens_jury"
    CITIZENS_PANEL = "citizens_panel"
    PLANNING_CELL = "planning_cell"
    CONSENSUS_CONFERENCE = "consensus_conference"
    DELIBERATIVE_POLL = "deliberative_poll"
    PERMANENT_COUNCIL = "permanent_council"


class Visibility(StrEnum):
    """Whether the public can read a process, or only its members."""

    PRIVATE = "private"
    PUBLIC = "public"
