"""Group interchangeable people into types, and state the panel constraints per type.

Two people are interchangeable when they have the same value for every feature and
neither shares a household with anyone: any fair lottery can treat them alike, so the
optimisation works with one variable per type (how many of its members sit on the
panel) instead of one per person. People in a household with others stay types of
their own, linked by "at most one per household" constraints.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from minipublic.sortition.model import Instance

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class TypeModel:
    """The panel constraints over types.

    ``size[t]`` people share type ``t``; ``members[t]`` lists them (person indices).
    Quota row ``r`` counts the types ``row_types[r]`` and must lie in
    ``[lower[r], upper[r]]``; the panel has ``k`` members; each array in ``cliques``
    is a household whose types may together contribute at most one member.
    ``value_rows[t, f]`` is the quota row of type ``t``'s value for feature ``f``.
    """

    k: int
    size: IntArray
    members: tuple[tuple[int, ...], ...]
    type_of: IntArray
    row_types: tuple[IntArray, ...]
    lower: IntArray
    upper: IntArray
    cliques: tuple[IntArray, ...]
    value_rows: IntArray

    @property
    def n_types(self) -> int:
        """How many types there are."""
        return len(self.members)

    @property
    def n_rows(self) -> int:
        """How many quota rows there are."""
        return len(self.row_types)

    def row_counts(self, counts: NDArray[np.float64] | IntArray) -> FloatArray:
        """How many panel members each quota row counts, for a vector over types."""
        return np.array([counts[types].sum() for types in self.row_types], dtype=float)

    def is_valid_panel(self, counts: IntArray) -> bool:
        """Whether integer ``counts`` per type form a panel that meets every constraint."""
        if counts.sum() != self.k or (counts < 0).any() or (counts > self.size).any():
            return False
        rows = self.row_counts(counts)
        if (rows < self.lower).any() or (rows > self.upper).any():
            return False
        return all(counts[clique].sum() <= 1 for clique in self.cliques)


def build_type_model(instance: Instance) -> TypeModel:
    """Group the pool into types and translate the quotas into rows over types."""
    people = instance.pool.people
    household_sizes = Counter(p.household for p in people if p.household is not None)
    linked = [p.household is not None and household_sizes[p.household] > 1 for p in people]

    keys: dict[tuple[str, ...], int] = {}
    members: list[list[int]] = []
    type_of = np.empty(len(people), dtype=np.int64)
    for index, person in enumerate(people):
        key = (*person.values, f"#person{index}") if linked[index] else person.values
        t = keys.setdefault(key, len(members))
        if t == len(members):
            members.append([])
        members[t].append(index)
        type_of[index] = t

    features = instance.pool.features
    row_of = {(q.feature, q.value): r for r, q in enumerate(instance.quotas)}
    value_rows = np.array(
        [
            [row_of[(feature, people[group[0]].values[f])] for f, feature in enumerate(features)]
            for group in members
        ],
        dtype=np.int64,
    ).reshape(len(members), len(features))
    row_types = tuple(
        np.flatnonzero((value_rows == r).any(axis=1)).astype(np.int64)
        for r in range(len(instance.quotas))
    )
    housemates: dict[int, list[int]] = {}
    for index, person in enumerate(people):
        if linked[index] and person.household is not None:
            housemates.setdefault(person.household, []).append(index)
    cliques = tuple(
        np.unique(type_of[group]).astype(np.int64) for _, group in sorted(housemates.items())
    )
    return TypeModel(
        k=instance.k,
        size=np.array([len(group) for group in members], dtype=np.int64),
        members=tuple(tuple(group) for group in members),
        type_of=type_of,
        row_types=row_types,
        lower=np.array([q.min for q in instance.quotas], dtype=np.int64),
        upper=np.array([q.max for q in instance.quotas], dtype=np.int64),
        cliques=cliques,
        value_rows=value_rows,
    )
