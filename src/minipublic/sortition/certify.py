"""Check a certificate independently of the code that produced it.

This module shares nothing with the solving path: it reads the published files
(inputs.json, certificate.json, probabilities.csv), builds its own integer programme
over people (one binary per person, the quotas, the panel size and one row per
household) and solves it once per level with HiGHS, to optimality.

A level with value z, weights y over the people not fixed before it (summing to 1) and
weights w over those fixed before holds if the heaviest valid panel P satisfies
    y(P) + w(P) - sum(w_i * v_i for earlier-fixed i) = z   (within the tolerance),
where v_i is the value of the level that fixed person i. For any lottery that gives
everyone fixed earlier at least their level, the y-weighted average chance of the
others is then at most z: nobody can be raised above z without lowering someone whose
chance is already as small as it can be. Separately, everyone is checked to have the
probability of their level.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import highspy
import numpy as np

from minipublic.sortition.highs_banner import quiet_highs, run


@dataclass(frozen=True)
class LevelCheck:
    """The outcome for one level."""

    level: int
    value: float
    heaviest_panel: float
    ok: bool
    problems: tuple[str, ...]


@dataclass(frozen=True)
class CertifyResult:
    """Every level's check and the checks of the probabilities themselves."""

    levels: tuple[LevelCheck, ...]
    problems: tuple[str, ...]
    complete: bool
    smallest: float = 0.0  # the smallest probability in probabilities.csv

    @property
    def ok(self) -> bool:
        """Whether everything checked out."""
        return not self.problems and all(level.ok for level in self.levels)


class _PersonPanelIp:
    """max weights·x over x in {0,1}^n with the quotas, size k and households."""

    def __init__(self, inputs: dict[str, Any]) -> None:
        people = inputs["people"]
        features = inputs["features"]
        n = len(people)
        self.ids = [person["id"] for person in people]
        h = quiet_highs()
        for name, value in (("output_flag", False), ("threads", 1), ("mip_rel_gap", 0.0)):
            h.setOptionValue(name, value)
        h.setOptionValue("mip_abs_gap", 1e-12)
        h.addVars(n, np.zeros(n), np.ones(n))
        h.changeColsIntegrality(
            n, np.arange(n, dtype=np.int32), np.full(n, highspy.HighsVarType.kInteger)
        )
        column = {feature: f for f, feature in enumerate(features)}
        for quota in inputs["quotas"]:
            f = column[quota["feature"]]
            members = [i for i, p in enumerate(people) if p["values"][f] == quota["value"]]
            h.addRow(
                quota["min"],
                quota["max"],
                len(members),
                np.array(members, dtype=np.int32),
                np.ones(len(members)),
            )
        h.addRow(inputs["k"], inputs["k"], n, np.arange(n, dtype=np.int32), np.ones(n))
        households: dict[int, list[int]] = {}
        for i, person in enumerate(people):
            if person["household"] is not None:
                households.setdefault(person["household"], []).append(i)
        for group in households.values():
            if len(group) > 1:
                h.addRow(
                    -highspy.kHighsInf,
                    1,
                    len(group),
                    np.array(group, dtype=np.int32),
                    np.ones(len(group)),
                )
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        self.highs = h
        self.n = n

    def heaviest(self, weights: np.ndarray[Any, np.dtype[np.float64]]) -> float:
        self.highs.changeColsCost(self.n, np.arange(self.n, dtype=np.int32), weights)
        run(self.highs)
        status = self.highs.modelStatusToString(self.highs.getModelStatus())
        if status != "Optimal":
            raise RuntimeError(f"the checking integer programme ended with status {status}")
        return float(self.highs.getInfo().objective_function_value)


def _read_probabilities(path: Path) -> dict[str, float]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["id"]: float(row["probability"]) for row in csv.DictReader(handle)}


def certify_directory(directory: Path) -> CertifyResult:
    """Check certificate.json in ``directory`` against inputs.json and probabilities.csv."""
    inputs = json.loads((directory / "inputs.json").read_text(encoding="utf-8"))
    certificate = json.loads((directory / "certificate.json").read_text(encoding="utf-8"))
    probabilities = _read_probabilities(directory / "probabilities.csv")
    return certify(inputs, certificate, probabilities)


def certify(
    inputs: dict[str, Any], certificate: dict[str, Any], probabilities: dict[str, float]
) -> CertifyResult:
    """Check every level of ``certificate``; see the module docstring for what is proved."""
    tolerance = float(certificate.get("tolerance", 1e-6))
    ids = [person["id"] for person in inputs["people"]]
    problems = _check_probabilities(ids, probabilities, inputs["k"], tolerance)
    ip = _PersonPanelIp(inputs)
    index = {person_id: i for i, person_id in enumerate(ids)}
    fixed: dict[str, float] = {}
    checks = []
    # Only LEXIMIN claims that each level's people get exactly the level's value; for the
    # other algorithms the first level is a bound on the best possible minimum.
    exact = bool(certificate.get("complete"))
    for level in certificate["levels"]:
        checks.append(_check_level(level, ip, index, fixed, probabilities, tolerance, exact))
        fixed.update(dict.fromkeys(level["people"], float(level["value"])))
    levels = certificate["levels"]
    if not levels:
        problems.append("the certificate has no levels: it proves nothing")
    if levels and abs(certificate["min_probability"] - min(probabilities.values())) > tolerance:
        problems.append("min_probability does not match probabilities.csv")
    if levels and certificate.get("complete") and set(fixed) != set(ids):
        problems.append("the levels do not cover everybody in the pool")
    if levels and not _same_weights(certificate["weights"], levels[0]["weights"], tolerance):
        problems.append("the top-level weights are not the first level's weights")
    if levels and abs(certificate["best_possible_minimum"] - levels[0]["value"]) > tolerance:
        problems.append("best_possible_minimum is not the first level's value")
    gap = certificate["min_probability"] - levels[0]["value"] if levels else 0.0
    optimal_minimum = certificate.get("algorithm") in ("leximin", "maximin")
    if optimal_minimum and abs(gap) > tolerance:
        problems.append("the minimum probability differs from the first level's value")
    if gap > tolerance:
        problems.append("the minimum probability is above the proven best possible minimum")
    smallest = min(probabilities.values(), default=0.0)
    return CertifyResult(
        tuple(checks), tuple(problems), bool(certificate.get("complete")), smallest
    )


def _same_weights(first: dict[str, float], second: dict[str, float], tolerance: float) -> bool:
    if set(first) != set(second):
        return False
    return all(abs(first[key] - second[key]) <= tolerance for key in first)


def _check_probabilities(
    ids: list[str], probabilities: dict[str, float], k: int, tolerance: float
) -> list[str]:
    problems = []
    if set(probabilities) != set(ids):
        problems.append("probabilities.csv does not list exactly the people in inputs.json")
    values = list(probabilities.values())
    if any(p < -tolerance or p > 1 + tolerance for p in values):
        problems.append("some probability is outside [0, 1]")
    if abs(sum(values) - k) > tolerance * max(1, len(values)):
        problems.append(f"probabilities add up to {sum(values):.9f}, not the panel size {k}")
    return problems


def _check_level(
    level: dict[str, Any],
    ip: _PersonPanelIp,
    index: dict[str, int],
    fixed: dict[str, float],
    probabilities: dict[str, float],
    tolerance: float,
    exact: bool,
) -> LevelCheck:
    problems: list[str] = []
    weights = np.zeros(ip.n)
    offset = 0.0
    for person_id, weight in level["weights"].items():
        if weight < 0:
            problems.append(f"negative weight for {person_id}")
        if person_id in fixed:
            problems.append(f"{person_id} was fixed at an earlier level")
        weights[index[person_id]] += weight
    for person_id, weight in level["fixed_weights"].items():
        if weight < 0 or person_id not in fixed:
            problems.append(f"bad weight on earlier-fixed {person_id}")
        weights[index[person_id]] += weight
        offset += weight * fixed.get(person_id, 0.0)
    if abs(sum(level["weights"].values()) - 1.0) > tolerance:
        problems.append("the weights do not add up to 1")
    value = float(level["value"])
    heaviest = ip.heaviest(weights) - offset
    if abs(heaviest - value) > tolerance:
        problems.append(f"the heaviest valid panel weighs {heaviest:.9f}, not {value:.9f}")
    for person_id in level["people"] if exact else ():
        if abs(probabilities.get(person_id, -1.0) - value) > tolerance:
            problems.append(
                f"{person_id} has probability {probabilities.get(person_id)} not {value}"
            )
            break
    return LevelCheck(int(level["level"]), value, heaviest, not problems, tuple(problems))
