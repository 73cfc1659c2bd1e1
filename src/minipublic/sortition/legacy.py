"""The Sortition Foundation's LEGACY greedy selection, as a baseline, and its estimator.

One attempt builds a panel person by person. Before every pick each quota value
(a feature-value pair, numbered by its position in ``Instance.quotas``) gets the ratio

    (min - selected) / remaining

where ``remaining`` counts the people still in the pool who have that value. The value
with the highest ratio wins (ties: the lowest value index) and a uniformly random
remaining person with that value joins the panel. Values without remaining people
take no part. The ratio may be zero or negative once every minimum is met; the same
rule still applies (as in the incumbent implementation): the pick goes to the
lowest-numbered value with people left whose minimum is met exactly, or, when every such
value is above its minimum, to the value with the smallest surplus (selected - min) per
remaining person.

After a pick the person's housemates leave the pool (they are not selected), and for
each of the person's values that has reached its maximum everyone else with that value
leaves the pool, so every remaining person can still be added without breaking a
maximum. People having a value whose maximum is 0 are removed before the first pick.
The attempt fails as soon as some value can no longer reach its minimum
(selected + remaining < min) or nobody is left; a failed attempt is thrown away and
the whole attempt repeated, up to ``max_attempts`` times. A final check confirms
that every minimum and maximum is met.

Everything is iterated in index order and all randomness comes from the given
``random.Random``, so results do not depend on ``PYTHONHASHSEED``.

``estimate_legacy`` runs the algorithm many times and reports each person's selection
frequency with a 99% Jeffreys interval. LEGACY itself computes no probabilities, so
simulation is the way to compare it with algorithms that do.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from minipublic.sortition.beta import jeffreys_interval
from minipublic.sortition.model import Instance
from minipublic.sortition.progress import Progress, SafeProgress

IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]

_REJECTION_TRIES = 4
"""Random draws from a whole value group before falling back to listing who is left."""

PROGRESS_EVERY = 50
"""``estimate_legacy`` reports progress after every this many runs."""


@dataclass(frozen=True)
class _Tables:
    """What every attempt needs, computed once per instance.

    ``value_of[p]`` are person ``p``'s value indices (one per feature with quotas);
    ``members[v]`` the people having value ``v`` in increasing order; ``housemates[p]``
    the other members of ``p``'s household. ``start_alive``/``start_remaining`` are
    the pool and its per-value counts after people with a zero maximum are removed.
    """

    k: int
    value_of: IntArray
    members: tuple[IntArray, ...]
    lower: IntArray
    upper: IntArray
    housemates: tuple[tuple[int, ...], ...]
    start_alive: BoolArray
    start_remaining: IntArray


def _value_index(instance: Instance) -> tuple[tuple[int, ...], dict[tuple[int, str], int]]:
    """The pool feature positions that have quotas, and (position, value) -> quota index."""
    position = {feature: f for f, feature in enumerate(instance.pool.features)}
    index: dict[tuple[int, str], int] = {}
    used: list[int] = []
    for v, quota in enumerate(instance.quotas):
        f = position.get(quota.feature)
        if f is None:
            continue  # a quota on a column nobody has: it only matters if its min > 0
        if (f, quota.value) in index:
            raise ValueError(f"two quotas for {quota.feature}={quota.value!r}")
        index[(f, quota.value)] = v
        if f not in used:
            used.append(f)
    return tuple(sorted(used)), index


def _value_matrix(instance: Instance) -> IntArray:
    """``value_of[p, j]``: the quota index of person ``p``'s value for the j-th quota feature."""
    features, index = _value_index(instance)
    people = instance.pool.people
    columns: list[list[int]] = []
    for f in features:
        column = [index.get((f, person.values[f]), -1) for person in people]
        if -1 in column:
            person = people[column.index(-1)]
            raise ValueError(
                f"person {person.id!r} has {instance.pool.features[f]}={person.values[f]!r}, "
                "which has no quota"
            )
        columns.append(column)
    return np.array(columns, dtype=np.int64).reshape(len(features), len(people)).T.copy()


def _housemates(instance: Instance) -> tuple[tuple[int, ...], ...]:
    households: dict[int, list[int]] = {}
    for p, person in enumerate(instance.pool.people):
        if person.household is not None:
            households.setdefault(person.household, []).append(p)
    result: list[tuple[int, ...]] = []
    for p, person in enumerate(instance.pool.people):
        group = households.get(person.household, []) if person.household is not None else []
        result.append(tuple(q for q in group if q != p))
    return tuple(result)


def _build_tables(instance: Instance) -> _Tables:
    value_of = _value_matrix(instance)
    n_values = len(instance.quotas)
    members = tuple(
        np.flatnonzero((value_of == v).any(axis=1)).astype(np.int64) for v in range(n_values)
    )
    lower = np.array([q.min for q in instance.quotas], dtype=np.int64)
    upper = np.array([q.max for q in instance.quotas], dtype=np.int64)
    alive = np.ones(instance.n, dtype=np.bool_)
    remaining = np.array([len(m) for m in members], dtype=np.int64)
    for v in range(n_values):
        if upper[v] <= 0:
            _drop(members[v], alive, remaining, value_of)
    return _Tables(
        k=instance.k,
        value_of=value_of,
        members=members,
        lower=lower,
        upper=upper,
        housemates=_housemates(instance),
        start_alive=alive,
        start_remaining=remaining,
    )


def _drop(group: IntArray, alive: BoolArray, remaining: IntArray, value_of: IntArray) -> bool:
    """Remove every person of ``group`` still in the pool, updating the value counts.

    Returns whether anyone was removed.
    """
    gone = group[alive[group]]
    if not gone.size:
        return False
    alive[gone] = False
    remaining -= np.bincount(value_of[gone].ravel(), minlength=len(remaining))
    return True


class _Attempt:
    """The state of one greedy attempt.

    ``deficit[v]`` is ``min - selected`` and ``headroom[v]`` is ``max - selected`` for
    value ``v``; ``remaining[v]`` counts the people with ``v`` still in the pool.
    """

    def __init__(self, tables: _Tables) -> None:
        self.tables = tables
        self.alive = tables.start_alive.copy()
        self.remaining = tables.start_remaining.copy()
        self.deficit = tables.lower.copy()
        self.headroom = tables.upper.copy()
        self.ratio = np.empty(len(self.remaining), dtype=np.float64)
        self.panel: list[int] = []

    def stuck(self) -> bool:
        """Whether some minimum can no longer be reached."""
        return bool((self.remaining < self.deficit).any())

    def choose_value(self) -> int:
        """The value with the highest ratio deficit / remaining (lowest index on ties), or -1."""
        ratio = self.ratio
        ratio.fill(-np.inf)
        np.divide(self.deficit, self.remaining, out=ratio, where=self.remaining > 0)
        best = int(ratio.argmax())  # argmax returns the first maximum
        return -1 if ratio[best] == -np.inf else best

    def pick(self, value: int, rng: random.Random) -> int:
        """A uniformly random person with ``value`` still in the pool."""
        group = self.tables.members[value]
        alive = self.alive
        for _ in range(_REJECTION_TRIES):  # cheap while most of the group is still there
            person = int(group[rng.randrange(len(group))])
            if alive[person]:
                return person
        candidates = group[alive[group]]
        return int(candidates[rng.randrange(len(candidates))])

    def select(self, person: int) -> bool:
        """Put ``person`` on the panel and prune the pool; False if a minimum became unreachable."""
        tables = self.tables
        value_of = tables.value_of
        values = value_of[person]
        self.panel.append(person)
        self.alive[person] = False
        self.remaining[values] -= 1
        self.deficit[values] -= 1
        self.headroom[values] -= 1
        pruned = False
        for mate in tables.housemates[person]:
            if self.alive[mate]:
                self.alive[mate] = False
                self.remaining[value_of[mate]] -= 1
                pruned = True
        for full in values[self.headroom[values] <= 0].tolist():
            pruned = _drop(tables.members[full], self.alive, self.remaining, value_of) or pruned
        return not (pruned and self.stuck())

    def complete(self) -> bool:
        """Whether the panel meets every minimum and maximum."""
        return bool((self.deficit <= 0).all() and (self.headroom >= 0).all())


def _attempt(tables: _Tables, rng: random.Random) -> list[int] | None:
    """One greedy attempt: the panel's person indices, or None if it got stuck."""
    state = _Attempt(tables)
    if state.stuck():
        return None
    for _ in range(tables.k):
        value = state.choose_value()
        if value < 0 or not state.select(state.pick(value, rng)):
            return None
    return state.panel if state.complete() else None


_last_tables: tuple[Instance, _Tables] | None = None


def _tables_for(instance: Instance) -> _Tables:
    """The tables of ``instance``, reusing those of the previous call for the same object."""
    global _last_tables
    last = _last_tables
    if last is not None and last[0] is instance:
        return last[1]
    tables = _build_tables(instance)
    _last_tables = (instance, tables)
    return tables


def _panel(tables: _Tables, rng: random.Random, max_attempts: int) -> tuple[list[int] | None, int]:
    """Up to ``max_attempts`` attempts: the first panel found and how many attempts failed."""
    for failures in range(max_attempts):
        panel = _attempt(tables, rng)
        if panel is not None:
            return panel, failures
    return None, max_attempts


def legacy_panel(
    instance: Instance, rng: random.Random, *, max_attempts: int = 100
) -> tuple[int, ...] | None:
    """One LEGACY panel as sorted person indices, or None if every attempt failed.

    The panel has ``instance.k`` members, meets every quota minimum and maximum and
    has at most one person per household. The result depends only on the instance and
    the state of ``rng``. The lookup tables of the most recent instance are kept, so
    repeated calls with the same ``Instance`` object skip building them.
    """
    if max_attempts < 1:
        raise ValueError(f"max_attempts must be at least 1, got {max_attempts}")
    panel, _ = _panel(_tables_for(instance), rng, max_attempts)
    return None if panel is None else tuple(sorted(panel))


@dataclass(frozen=True)
class LegacyEstimate:
    """Selection frequencies of LEGACY over many simulated panels.

    ``probabilities[i]`` is the share of the ``runs`` panels that contain person ``i``;
    ``lower_99``/``upper_99`` bound it by the equal-tailed 99% Jeffreys interval
    (quantiles 0.005 and 0.995 of Beta(count + 1/2, runs - count + 1/2)). ``failures``
    counts single attempts that were thrown away; ``seed`` is the seed text used.
    """

    probabilities: tuple[float, ...]
    runs: int
    failures: int
    seed: str
    lower_99: tuple[float, ...]
    upper_99: tuple[float, ...]


def rng_from_seed(seed: str) -> random.Random:
    """A ``random.Random`` seeded with the SHA-256 digest of ``seed`` (UTF-8) as an integer."""
    digest = hashlib.sha256(seed.encode("utf-8")).digest()
    return random.Random(int.from_bytes(digest, "big"))  # noqa: S311 (reproducible simulation, not security)


def estimate_legacy(
    instance: Instance,
    *,
    runs: int,
    seed: str,
    max_attempts: int = 100,
    progress: Progress | None = None,
) -> LegacyEstimate:
    """Estimate each person's LEGACY selection probability from ``runs`` simulated panels.

    Each run makes up to ``max_attempts`` attempts (as ``legacy_panel`` does); runs
    share one generator from ``rng_from_seed(seed)``. A run that finds no panel adds
    nothing to ``runs`` of the result; if the very first run finds none the simulation
    stops, since the instance is then practically out of LEGACY's reach.
    ``progress.update("legacy", fraction, detail)`` is called every 50 runs.
    """
    if runs < 0:
        raise ValueError(f"runs must not be negative, got {runs}")
    if max_attempts < 1:
        raise ValueError(f"max_attempts must be at least 1, got {max_attempts}")
    reporter = SafeProgress(progress) if progress is not None else None
    tables = _tables_for(instance)
    rng = rng_from_seed(seed)
    counts = np.zeros(instance.n, dtype=np.int64)
    panels = failures = 0
    if reporter is not None:
        reporter.update("legacy", 0.0, f"0/{runs} runs")
    for run in range(1, runs + 1):
        panel, failed = _panel(tables, rng, max_attempts)
        failures += failed
        if panel is not None:
            counts[panel] += 1
            panels += 1
        elif panels == 0:
            break
        if reporter is not None and (run % PROGRESS_EVERY == 0 or run == runs):
            reporter.update("legacy", run / runs, f"{run}/{runs} runs, {failures} failed attempts")
    return _estimate(counts, panels, failures, seed)


def _estimate(counts: IntArray, runs: int, failures: int, seed: str) -> LegacyEstimate:
    """Turn selection counts into frequencies and Jeffreys intervals (one per distinct count)."""
    intervals: dict[int, tuple[float, float]] = {}
    lower: list[float] = []
    upper: list[float] = []
    for count in counts.tolist():
        if count not in intervals:
            intervals[count] = jeffreys_interval(count, runs, 0.99)
        low, high = intervals[count]
        lower.append(low)
        upper.append(high)
    probabilities = (counts / runs).tolist() if runs else [0.0] * len(counts)
    return LegacyEstimate(
        probabilities=tuple(float(p) for p in probabilities),
        runs=runs,
        failures=failures,
        seed=seed,
        lower_99=tuple(lower),
        upper_99=tuple(upper),
    )
