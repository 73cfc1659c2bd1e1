"""The selection problem as plain data: quotas, people, households, panel size."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Quota:
    """How many panel members must have ``value`` for ``feature``.

    ``min_flex``/``max_flex`` bound how far a relaxation may move ``min`` down and
    ``max`` up (None: no limit beyond 0 and the panel size).
    """

    feature: str
    value: str
    min: int
    max: int
    min_flex: int | None = None
    max_flex: int | None = None


@dataclass(frozen=True)
class Person:
    """One member of the pool.

    ``values`` are the canonical feature values, in the order of ``Pool.features``.
    ``household`` groups people who share a (non-blank) normalised address; None for
    people without an address (they are never treated as a household).
    ``row`` is the line number in the source file, for messages.
    """

    id: str
    row: int
    values: tuple[str, ...]
    household: int | None = None


@dataclass(frozen=True)
class Pool:
    """The people who can be selected, with every column of the source file."""

    source: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    features: tuple[str, ...]
    people: tuple[Person, ...]
    id_column: str | None

    def index_of(self) -> dict[str, int]:
        """Position of each person by id."""
        return {person.id: i for i, person in enumerate(self.people)}


@dataclass(frozen=True)
class Replacement:
    """How a replacement instance was derived from a drawn panel (see replace.py).

    ``k`` and ``quotas`` are the original panel size and quotas; ``confirmed`` the
    panel members who stay; ``dropouts`` the ids of those who left; ``housemates`` the
    ids left out of the pool because they share a household with a confirmed member.
    """

    k: int
    quotas: tuple[Quota, ...]
    confirmed: tuple[Person, ...]
    dropouts: tuple[str, ...]
    housemates: tuple[str, ...]


@dataclass(frozen=True)
class Instance:
    """Everything a selection needs: pool, quotas and panel size ``k``.

    ``replacement`` is set when the instance selects replacements for a drawn panel.
    """

    pool: Pool
    quotas: tuple[Quota, ...]
    k: int
    warnings: tuple[str, ...] = field(default=())
    replacement: Replacement | None = None

    @property
    def n(self) -> int:
        """Pool size."""
        return len(self.pool.people)

    def quotas_for(self, feature: str) -> tuple[Quota, ...]:
        """The quotas of one feature, in file order."""
        return tuple(quota for quota in self.quotas if quota.feature == feature)
