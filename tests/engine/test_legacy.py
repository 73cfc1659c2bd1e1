"""The LEGACY baseline: valid panels, reproducibility, failure, estimates, Beta quantiles."""

# ruff: noqa: S311
# (seeded random.Random generators are what makes these tests reproducible)

from __future__ import annotations

import csv
import json
import math
import os
import random
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minipublic.sortition.beta import beta_cdf, beta_quantile, jeffreys_interval
from minipublic.sortition.legacy import LegacyEstimate, estimate_legacy, legacy_panel
from minipublic.sortition.model import Instance, Person, Pool, Quota
from tests.engine.brute import make_instance

BENCH = Path("/work/shared/sortition-bench")
REPO = Path(__file__).resolve().parents[2]


# ---------------------------------------------------------------- building instances


def load_bench(name: str) -> Instance:
    """A tiny reader for the synthetic benchmark folders (people.csv, quotas.csv, meta.json)."""
    folder = BENCH / name
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    features = tuple(meta["features"])
    address = tuple(meta.get("address_columns", []))
    with (folder / "people.csv").open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        header = tuple(reader.fieldnames or ())
        records = list(reader)
    homes: dict[tuple[str, ...], int] = {}
    people: list[Person] = []
    for row, record in enumerate(records, start=2):
        key = tuple(record[c].strip().lower() for c in address)
        household = homes.setdefault(key, len(homes)) if any(key) else None
        values = tuple(record[f].strip() for f in features)
        people.append(Person(id=record["id"], row=row, values=values, household=household))
    with (folder / "quotas.csv").open(newline="", encoding="utf-8") as handle:
        quotas = tuple(
            Quota(r["feature"], r["value"], int(r["min"]), int(r["max"]))
            for r in csv.DictReader(handle)
        )
    pool = Pool(
        source=str(folder),
        header=header,
        rows=tuple(tuple(r[c] for c in header) for r in records),
        features=features,
        people=tuple(people),
        id_column="id",
    )
    return Instance(pool=pool, quotas=quotas, k=int(meta["k"]))


def assert_valid_panel(instance: Instance, panel: tuple[int, ...]) -> None:
    """Size k, distinct people, every quota met, at most one person per household."""
    assert len(panel) == instance.k
    assert len(set(panel)) == instance.k
    assert list(panel) == sorted(panel)
    people = [instance.pool.people[i] for i in panel]
    for quota in instance.quotas:
        f = instance.pool.features.index(quota.feature)
        count = sum(1 for p in people if p.values[f] == quota.value)
        assert quota.min <= count <= quota.max, (quota, count)
    homes = Counter(p.household for p in people if p.household is not None)
    assert all(c == 1 for c in homes.values())


def small_instance() -> Instance:
    """24 people, two features, several households, quotas with some slack."""
    genders = ["F", "M"]
    ages = ["young", "middle", "old"]
    values = [(genders[i % 2], ages[i % 3]) for i in range(24)]
    households: list[int | None] = [i // 3 if i < 12 else None for i in range(24)]
    quotas = [
        ("gender", "F", 3, 4),
        ("gender", "M", 3, 4),
        ("age", "young", 2, 3),
        ("age", "middle", 2, 3),
        ("age", "old", 1, 3),
    ]
    return make_instance(("gender", "age"), values, quotas, k=7, households=households)


def symmetric_instance() -> Instance:
    """Two features with two values each; each of the 4 types has 25 people; k = 20."""
    types = [(g, a) for g in ("F", "M") for a in ("young", "old")]
    values = [types[i % 4] for i in range(100)]
    quotas = [
        ("gender", "F", 9, 11),
        ("gender", "M", 9, 11),
        ("age", "young", 9, 11),
        ("age", "old", 9, 11),
    ]
    return make_instance(("gender", "age"), values, quotas, k=20)


# ---------------------------------------------------------------- panels


def test_panels_meet_quotas_and_households() -> None:
    instance = small_instance()
    rng = random.Random(7)
    for _ in range(300):
        panel = legacy_panel(instance, rng)
        assert panel is not None
        assert_valid_panel(instance, panel)


def test_same_rng_state_gives_same_panel() -> None:
    instance = small_instance()
    assert legacy_panel(instance, random.Random(3)) == legacy_panel(instance, random.Random(3))


def test_value_with_zero_maximum_is_never_selected() -> None:
    values = [("F", "yes"), ("M", "no"), ("F", "no"), ("M", "no"), ("F", "yes"), ("M", "no")]
    quotas = [
        ("gender", "F", 1, 2),
        ("gender", "M", 1, 2),
        ("smoker", "yes", 0, 0),
        ("smoker", "no", 0, 4),
    ]
    instance = make_instance(("gender", "smoker"), values, quotas, k=3)
    rng = random.Random(1)
    for _ in range(50):
        panel = legacy_panel(instance, rng)
        assert panel is not None
        assert_valid_panel(instance, panel)
        assert not {0, 4} & set(panel)


def test_impossible_quotas_give_none() -> None:
    values = [("A",), ("A",), ("B",), ("B",), ("B",)]
    too_few = make_instance(("x",), values, [("x", "A", 3, 3), ("x", "B", 0, 3)], k=3)
    assert legacy_panel(too_few, random.Random(0), max_attempts=5) is None
    # Enough people with A, but both live together: only one may sit on the panel.
    housemates = make_instance(
        ("x",), values, [("x", "A", 2, 2), ("x", "B", 0, 3)], k=3, households=[1, 1, 2, 3, 4]
    )
    assert legacy_panel(housemates, random.Random(0), max_attempts=5) is None
    # Quotas that cannot add up to k.
    short = make_instance(("x",), values, [("x", "A", 0, 1), ("x", "B", 0, 1)], k=3)
    assert legacy_panel(short, random.Random(0)) is None


def test_estimate_of_impossible_instance_stops_early() -> None:
    values = [("A",), ("A",), ("B",)]
    instance = make_instance(("x",), values, [("x", "A", 3, 3), ("x", "B", 0, 3)], k=3)
    estimate = estimate_legacy(instance, runs=1000, seed="s", max_attempts=10)
    assert estimate.runs == 0
    assert estimate.failures == 10
    assert estimate.probabilities == (0.0, 0.0, 0.0)


def test_person_value_without_quota_is_an_error() -> None:
    instance = make_instance(("x",), [("A",), ("C",)], [("x", "A", 0, 1)], k=1)
    with pytest.raises(ValueError, match="no quota"):
        legacy_panel(instance, random.Random(0))


def test_greedy_rule_can_fail_where_a_panel_exists() -> None:
    """LEGACY is a heuristic: half of its attempts on this pool get stuck.

    Both panels pair person 1 (a0, b1) with person 0 or 2 (a1, b0). The first pick must
    come from a0 (the only positive ratio); picking person 3 (a0, b0) instead fills a0 and
    b0, which removes everyone else, so the attempt fails and is retried.
    """
    values = [("a1", "b0"), ("a0", "b1"), ("a1", "b0"), ("a0", "b0")]
    quotas = [("f", "a0", 1, 1), ("f", "a1", 0, 1), ("g", "b0", 0, 1), ("g", "b1", 0, 1)]
    instance = make_instance(("f", "g"), values, quotas, k=2)
    estimate = estimate_legacy(instance, runs=400, seed="greedy")
    assert estimate.runs == 400
    assert 200 < estimate.failures < 600  # about one failed attempt per panel
    p = estimate.probabilities
    assert (p[1], p[3]) == (1.0, 0.0)
    assert p[0] + p[2] == pytest.approx(1.0)
    assert abs(p[0] - 0.5) < 0.1
    assert estimate.lower_99[3] < 0.02
    assert estimate.upper_99[1] == 1.0 or estimate.upper_99[1] > 0.99


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 2), st.integers(0, 1), st.integers(0, 4)), max_size=14),
    st.integers(1, 6),
    st.lists(st.tuples(st.integers(0, 3), st.integers(0, 4)), min_size=5, max_size=5),
    st.integers(0, 1000),
)
def test_any_panel_returned_is_valid(
    rows: list[tuple[int, int, int]],
    k: int,
    bounds: list[tuple[int, int]],
    seed: int,
) -> None:
    values = [(f"a{a}", f"b{b}") for a, b, _ in rows]
    households: list[int | None] = [h if h < 3 else None for _, _, h in rows]
    names = [("f", "a0"), ("f", "a1"), ("f", "a2"), ("g", "b0"), ("g", "b1")]
    quotas = [
        (feature, value, low, low + extra)
        for (feature, value), (low, extra) in zip(names, bounds, strict=True)
    ]
    instance = make_instance(("f", "g"), values, quotas, k, households)
    panel = legacy_panel(instance, random.Random(seed), max_attempts=3)
    if panel is not None:
        assert_valid_panel(instance, panel)


# ---------------------------------------------------------------- estimates


def test_fixed_seed_gives_identical_estimates() -> None:
    instance = small_instance()
    first = estimate_legacy(instance, runs=300, seed="audit-2026")
    second = estimate_legacy(instance, runs=300, seed="audit-2026")
    other = estimate_legacy(instance, runs=300, seed="another seed")
    assert first == second
    assert first.probabilities != other.probabilities
    assert isinstance(first, LegacyEstimate)
    assert first.seed == "audit-2026"
    assert first.runs == 300
    assert sum(first.probabilities) == pytest.approx(instance.k)


def test_estimate_intervals_bracket_probabilities() -> None:
    estimate = estimate_legacy(small_instance(), runs=200, seed="x")
    for low, p, high in zip(
        estimate.lower_99, estimate.probabilities, estimate.upper_99, strict=True
    ):
        assert 0.0 <= low <= p <= high <= 1.0 or (p == 0.0 and low > 0.0 and high < 1.0)
        count = round(p * estimate.runs)
        assert (low, high) == jeffreys_interval(count, estimate.runs, 0.99)


def test_symmetric_instance_gives_k_over_n() -> None:
    instance = symmetric_instance()
    estimate = estimate_legacy(instance, runs=2000, seed="symmetric")
    share = instance.k / instance.n
    inside = sum(
        1
        for low, high in zip(estimate.lower_99, estimate.upper_99, strict=True)
        if low <= share <= high
    )
    assert inside >= 95  # of 100 people, each interval at 99%
    assert all(abs(p - share) < 0.05 for p in estimate.probabilities)
    # Pooled over the 25 members of each type the estimate is much tighter.
    for t in range(4):
        pooled = sum(estimate.probabilities[t::4]) / 25
        low, high = jeffreys_interval(round(pooled * 25 * estimate.runs), 25 * estimate.runs)
        assert low <= share <= high


def test_progress_is_reported_and_may_fail() -> None:
    events: list[tuple[str, float | None, str]] = []

    class Recorder:
        def update(self, stage: str, fraction: float | None = None, detail: str = "") -> None:
            events.append((stage, fraction, detail))

    class Broken:
        def update(self, stage: str, fraction: float | None = None, detail: str = "") -> None:
            raise RuntimeError("display gone")

    instance = small_instance()
    estimate_legacy(instance, runs=120, seed="p", progress=Recorder())
    assert [e[1] for e in events] == [0.0, 50 / 120, 100 / 120, 1.0]
    assert all(e[0] == "legacy" for e in events)
    plain = estimate_legacy(instance, runs=60, seed="p")
    assert estimate_legacy(instance, runs=60, seed="p", progress=Broken()) == plain


SUBPROCESS_SCRIPT = """
import hashlib, random
from tests.engine.test_legacy import load_bench, small_instance
from minipublic.sortition.legacy import estimate_legacy, legacy_panel
for instance in (small_instance(), load_bench("synth_a"), load_bench("synth_d")):
    estimate = estimate_legacy(instance, runs=4, seed="hash seed")
    print(legacy_panel(instance, random.Random(11)))
    print(hashlib.sha256(repr(estimate).encode()).hexdigest(), estimate.failures)
"""


def test_output_does_not_depend_on_hash_seed() -> None:
    outputs = []
    for hash_seed in ("0", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        result = subprocess.run(
            [sys.executable, "-c", SUBPROCESS_SCRIPT],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        )
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]
    assert outputs[0].count("\n") == 6


@pytest.mark.parametrize(("name", "panels"), [("synth_a", 40), ("synth_d", 10)])
def test_benchmark_instances(name: str, panels: int) -> None:
    instance = load_bench(name)
    rng = random.Random(name)
    start = time.perf_counter()
    found = [legacy_panel(instance, rng) for _ in range(panels)]
    elapsed = time.perf_counter() - start
    print(f"{name}: {1000 * elapsed / panels:.1f} ms per panel (n={instance.n}, k={instance.k})")
    for panel in found:
        assert panel is not None
        assert_valid_panel(instance, panel)


# ---------------------------------------------------------------- Beta quantiles


@pytest.mark.parametrize("q", [0.0, 0.001, 0.005, 0.1, 0.5, 0.9, 0.995, 1.0])
def test_beta_quantile_closed_forms(q: float) -> None:
    # Beta(1, 1) is uniform.
    assert beta_quantile(q, 1, 1) == pytest.approx(q, abs=1e-13)
    # Beta(1/2, 1/2) is the arcsine law: F(x) = (2/pi) asin(sqrt(x)).
    assert beta_quantile(q, 0.5, 0.5) == pytest.approx(math.sin(math.pi * q / 2) ** 2, abs=1e-13)
    # Beta(a, 1): F(x) = x^a; Beta(1, b): F(x) = 1 - (1 - x)^b.
    assert beta_quantile(q, 3.5, 1) == pytest.approx(q ** (1 / 3.5), abs=1e-13)
    assert beta_quantile(q, 1, 40) == pytest.approx(1 - (1 - q) ** (1 / 40), abs=1e-13)


def test_beta_cdf_and_symmetric_medians() -> None:
    assert beta_quantile(0.5, 0.5, 0.5) == pytest.approx(0.5, abs=1e-14)
    for a in (0.5, 2.0, 30.5, 4000.5):
        assert beta_quantile(0.5, a, a) == pytest.approx(0.5, abs=1e-12)
    # Beta(2, 2): F(x) = 3x^2 - 2x^3.
    for x in (0.1, 0.3, 0.77):
        assert beta_cdf(x, 2, 2) == pytest.approx(3 * x**2 - 2 * x**3, abs=1e-14)
    # Beta(2, 3): F(x) = 6x^2 - 8x^3 + 3x^4 (from the density 12 x (1 - x)^2).
    for x in (0.05, 0.5, 0.9):
        assert beta_cdf(x, 2, 3) == pytest.approx(6 * x**2 - 8 * x**3 + 3 * x**4, abs=1e-14)
    assert beta_cdf(0.0, 2, 3) == 0.0
    assert beta_cdf(1.0, 2, 3) == 1.0


def test_beta_quantile_inverts_cdf_for_large_parameters() -> None:
    for a, b in ((400.5, 9600.5), (0.5, 10000.5), (9999.5, 1.5), (3.5, 2.5)):
        for q in (0.005, 0.5, 0.995):
            assert beta_cdf(beta_quantile(q, a, b), a, b) == pytest.approx(q, rel=1e-9)


def test_jeffreys_interval() -> None:
    # With no successes in t trials the upper bound is the 0.995 quantile of Beta(1/2, t + 1/2);
    # for large t, t * X is close to Gamma(1/2, 1) = chi-square(1) / 2, whose 0.995 quantile is
    # z^2 / 2 with z = the 0.9975 normal quantile, 2.8070338.
    low, high = jeffreys_interval(0, 10_000)
    assert 0 < low < 1e-8
    assert high == pytest.approx(2.8070338**2 / 20_000, rel=1e-3)
    low, high = jeffreys_interval(400, 10_000)
    assert low < 0.04 < high
    assert high - low == pytest.approx(2 * 2.5758 * math.sqrt(0.04 * 0.96 / 10_000), rel=0.02)
    assert jeffreys_interval(3, 7) == pytest.approx(
        tuple(1 - x for x in reversed(jeffreys_interval(4, 7))), abs=1e-13
    )
    with pytest.raises(ValueError, match="successes"):
        jeffreys_interval(5, 3)
