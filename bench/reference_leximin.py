"""Run sortition-algorithms' LEXIMIN on one benchmark instance (``make bench-compare``).

This script runs INSIDE the comparison virtualenv ``var/bench-compare/venv`` (made by
``make bench-compare``), never with the project's own interpreter: minipublic never imports
sortition-algorithms or gurobipy, and neither is a dependency of the package.

It converts the instance to what sortition-algorithms 0.12.15 reads (quotas as
``feature,value,min,max[,min_flex,max_flex]``, people with an id column), calls the library's
``find_distribution_leximin`` with its default solver backend (HiGHS for the panel ILP, Gurobi
for the LEXIMIN LPs, as in the library's own ``run_stratification`` with
``selection_algorithm="leximin"``) and a fixed random seed (``--seed``, default 1), and writes
a JSON result to ``--result``: the seconds the LEXIMIN call took, and the lowest selection
probability of the distribution it returned; or the failure (for example Gurobi's "Model too
large for size-limited license").
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import sys
import time
import traceback
from importlib.metadata import version
from pathlib import Path
from typing import Any

ROW_ID = "__row__"
"""Id column added to a pool that has none (the Nature paper's respondents.csv)."""

QUOTA_LAYOUTS = (("feature", "value"), ("category", "name"), ("category", "feature"))
"""Quota headers we accept (ours, old Sortition Foundation, Nature paper), as (feature, value)."""


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """Header and rows of a CSV file."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


def quota_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """The quotas in the library's own layout: feature,value,min,max[,min_flex,max_flex]."""
    header, rows = read_csv(path)
    names = [name.strip().lower() for name in header]
    for feature_column, value_column in QUOTA_LAYOUTS:
        if feature_column in names and value_column in names:
            break
    else:
        raise ValueError(f"{path}: unknown quota header {header}")
    extra = [name for name in ("min_flex", "max_flex") if name in names]
    columns = ["feature", "value", "min", "max", *extra]
    converted = []
    for row in rows:
        cells = {key.strip().lower(): (text or "").strip() for key, text in row.items() if key}
        if not cells.get(feature_column):
            continue
        converted.append(
            {
                "feature": cells[feature_column],
                "value": cells[value_column],
                **{name: cells[name] for name in columns[2:]},
            }
        )
    return columns, converted


def people_rows(path: Path, id_column: str | None) -> tuple[str, list[str], list[dict[str, str]]]:
    """Id column, header and rows of the pool; numbers the rows if it has no id column."""
    header, rows = read_csv(path)
    if id_column:
        return id_column, header, rows
    for number, row in enumerate(rows, start=1):
        row[ROW_ID] = str(number)
    return ROW_ID, [ROW_ID, *header], rows


def load(arguments: argparse.Namespace) -> tuple[Any, Any, list[str]]:
    """Features, people and address columns in sortition-algorithms' own objects."""
    from sortition_algorithms import Settings, read_in_features, read_in_people

    quota_header, quotas = quota_rows(arguments.quotas)
    features, _, _ = read_in_features(quota_header, quotas, number_to_select=arguments.size)
    id_column, people_header, people = people_rows(arguments.people, arguments.id_column)
    address = [name for name in (arguments.address_columns or "").split(",") if name]
    settings = Settings(
        id_column=id_column,
        columns_to_keep=[],
        check_same_address=bool(address),
        check_same_address_columns=address,
    )
    pool, _ = read_in_people(people_header, people, features, settings)
    return features, pool, settings.normalised_address_columns


def lowest_probability(
    pool: Any, committees: list[frozenset[str]], probabilities: list[float]
) -> float:
    """The lowest selection probability (marginal) over everyone in the pool."""
    marginals = dict.fromkeys(pool, 0.0)
    for committee, probability in zip(committees, probabilities, strict=True):
        for person in committee:
            marginals[person] = marginals.get(person, 0.0) + probability
    return min(marginals.values())


def solve(arguments: argparse.Namespace, result: dict[str, Any]) -> None:
    """Load the instance and run LEXIMIN, filling in ``result``."""
    from sortition_algorithms.committee_generation import (
        GUROBI_AVAILABLE,
        find_distribution_leximin,
    )
    from sortition_algorithms.settings import DEFAULT_BACKEND
    from sortition_algorithms.utils import set_random_provider

    if not GUROBI_AVAILABLE:
        raise RuntimeError("gurobipy is not installed in this environment")
    # The library draws random starting weights and solver seeds; fix them so that reruns
    # take the same path (0 would mean the library's unseeded default).
    set_random_provider(arguments.seed)
    result["seed"] = arguments.seed
    started = time.perf_counter()
    features, pool, address = load(arguments)
    result["load_seconds"] = time.perf_counter() - started
    result["n"] = pool.count
    result["backend"] = f"{DEFAULT_BACKEND} + gurobi"
    started = time.perf_counter()
    try:
        committees, probabilities, _ = find_distribution_leximin(
            features, pool, arguments.size, address, DEFAULT_BACKEND
        )
    finally:
        result["seconds"] = time.perf_counter() - started
    result["min_probability"] = lowest_probability(pool, committees, probabilities)
    result["panels"] = sum(1 for weight in probabilities if weight > 0)
    result["status"] = "ok"


def main() -> int:
    """Run one instance and write its JSON result."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("people", type=Path)
    parser.add_argument("quotas", type=Path)
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--id-column")
    parser.add_argument("--address-columns")
    parser.add_argument("--result", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1, help="the library's random seed")
    arguments = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    result: dict[str, Any] = {"status": "error"}
    try:
        import gurobipy

        result["versions"] = {
            "sortition-algorithms": version("sortition-algorithms"),
            "gurobipy": ".".join(map(str, gurobipy.gurobi.version())),
        }
        solve(arguments, result)
    except Exception as error:  # report every failure, the licence limit among them
        result["error"] = f"{type(error).__name__}: {error}".strip()
        traceback.print_exc()
    arguments.result.parent.mkdir(parents=True, exist_ok=True)
    arguments.result.write_text(json.dumps(result, indent=1))
    return 0 if result["status"] == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
