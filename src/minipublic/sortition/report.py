"""The selection report: report.json for programs, report.html for people."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from minipublic.sortition.model import Instance
from minipublic.sortition.select import ENGINE_VERSION, Selection
from minipublic.sortition.types import FloatArray


def gini(values: FloatArray) -> float:
    """Gini coefficient of non-negative values (0: all equal)."""
    if len(values) == 0 or values.sum() <= 0:
        return 0.0
    ordered = np.sort(values)
    n = len(ordered)
    ranks = np.arange(1, n + 1)
    return float((2 * (ranks * ordered).sum()) / (n * ordered.sum()) - (n + 1) / n)


def quota_table(
    instance: Instance, probabilities: FloatArray, panel: list[int] | None
) -> list[dict[str, Any]]:
    """Per quota: pool count, target, expected members under the lottery, and drawn."""
    features = instance.pool.features
    rows = []
    for quota in instance.quotas:
        f = features.index(quota.feature)
        has = np.array([person.values[f] == quota.value for person in instance.pool.people])
        rows.append(
            {
                "feature": quota.feature,
                "value": quota.value,
                "min": quota.min,
                "max": quota.max,
                "pool": int(has.sum()),
                "expected": float(probabilities[has].sum()),
                "selected": int(has[panel].sum()) if panel is not None else None,
            }
        )
    return rows


def build_report(selection: Selection, commitment: str, context: dict[str, Any]) -> dict[str, Any]:
    """The report of a committed (not yet drawn) selection."""
    instance, probabilities = selection.instance, selection.probabilities
    people = instance.pool.people
    with_household: dict[int, int] = {}
    for person in people:
        if person.household is not None:
            with_household[person.household] = with_household.get(person.household, 0) + 1
    return {
        "engine": "minipublic",
        "engine_version": ENGINE_VERSION,
        "algorithm": selection.algorithm.value,
        "n": instance.n,
        "k": instance.k,
        "min_probability": float(probabilities.min()),
        "max_probability": float(probabilities.max()),
        "gini": gini(probabilities),
        "runtime_seconds": round(selection.runtime_seconds, 3),
        "commitment": commitment,
        "created": context.get("created"),
        "inputs": context.get("inputs", {}),
        "solution_path": selection.path,
        "probabilities_sorted": sorted(float(p) for p in probabilities),
        "legacy_estimate": selection.legacy,
        "quotas": quota_table(instance, probabilities, None),
        "levels": selection.levels,
        "lottery": {
            "size": selection.lottery.size,
            "distinct_panels": len(set(selection.lottery.panels)),
            "max_rounding_change": selection.lottery.max_change,
        },
        "draw": None,
        "households": {
            "checked": bool(context.get("inputs", {}).get("address_columns")),
            "households_with_several_people": sum(1 for c in with_household.values() if c > 1),
            "people_without_address": sum(1 for p in people if p.household is None)
            if context.get("inputs", {}).get("address_columns")
            else 0,
        },
        "warnings": list(instance.warnings) + selection.notes + _zero_warnings(selection),
    } | _replacement(instance, probabilities, None)


def replacement_table(
    instance: Instance, probabilities: FloatArray, panel: list[int] | None
) -> list[dict[str, Any]]:
    """Per original quota, for a replacement: the whole panel's confirmed, expected, drawn."""
    record = instance.replacement
    if record is None:
        return []
    features = instance.pool.features
    confirmed = Counter(
        (feature, person.values[f])
        for person in record.confirmed
        for f, feature in enumerate(features)
    )
    rows = []
    for quota in record.quotas:
        f = features.index(quota.feature)
        has = np.array([person.values[f] == quota.value for person in instance.pool.people])
        already = confirmed[(quota.feature, quota.value)]
        rows.append(
            {
                "feature": quota.feature,
                "value": quota.value,
                "min": quota.min,
                "max": quota.max,
                "confirmed": already,
                "expected": already + float(probabilities[has].sum()),
                "selected": already + int(has[panel].sum()) if panel is not None else None,
            }
        )
    return rows


def _replacement(
    instance: Instance, probabilities: FloatArray, drawn: list[str] | None
) -> dict[str, Any]:
    """The report's "replacement" entry (nothing for an ordinary selection)."""
    record = instance.replacement
    if record is None:
        return {}
    index = instance.pool.index_of()
    panel = None if drawn is None else [index[i] for i in drawn]
    confirmed = [person.id for person in record.confirmed]
    return {
        "replacement": {
            "panel_size": record.k,
            "confirmed": confirmed,
            "dropouts": list(record.dropouts),
            "excluded_housemates": list(record.housemates),
            "needed": instance.k,
            "quotas": replacement_table(instance, probabilities, panel),
            "full_panel": None if drawn is None else [*confirmed, *drawn],
        }
    }


def _zero_warnings(selection: Selection) -> list[str]:
    zero = [
        p.id
        for p, prob in zip(selection.instance.pool.people, selection.probabilities, strict=True)
        if prob <= 1e-9
    ]
    if not zero:
        return []
    shown = ", ".join(zero[:20]) + (" …" if len(zero) > 20 else "")
    return [f"{len(zero)} people are on no valid panel and cannot be selected: {shown}"]


def write_report(directory: Path, report: dict[str, Any]) -> None:
    """Write report.json and report.html."""
    from minipublic.sortition.report_html import render_report_html

    text = json.dumps(report, sort_keys=True, indent=1, ensure_ascii=False) + "\n"
    (directory / "report.json").write_text(text, encoding="utf-8")
    (directory / "report.html").write_text(render_report_html(report), encoding="utf-8")


def add_certification(directory: Path, levels_ok: list[bool], problems: list[str]) -> None:
    """Record in the report what the independent checker (``certify``) found per level."""
    report: dict[str, Any] = json.loads((directory / "report.json").read_text(encoding="utf-8"))
    for level, ok in zip(report["levels"], levels_ok, strict=False):
        level["certified"] = ok
    report["certification"] = {
        "checker": "minipublic certify: one person-level integer programme per level",
        "ok": all(levels_ok) and not problems,
        "problems": problems,
    }
    write_report(directory, report)


def add_draw(
    directory: Path, instance: Instance, draw: dict[str, Any], note: str
) -> dict[str, Any]:
    """Record the draw in report.json/.html, with the drawn panel's quota counts."""
    report: dict[str, Any] = json.loads((directory / "report.json").read_text(encoding="utf-8"))
    with (directory / "probabilities.csv").open(encoding="utf-8", newline="") as handle:
        probabilities = np.array([float(row["probability"]) for row in csv.DictReader(handle)])
    index = instance.pool.index_of()
    panel = [index[i] for i in draw["panel"]]
    report["quotas"] = quota_table(instance, probabilities, panel)
    report.update(_replacement(instance, probabilities, list(draw["panel"])))
    report["draw"] = {
        "mode": draw["mode"],
        "randomness": draw["randomness"],
        "panel_number": draw["panel_number"],
        "method": draw["method"],
        "note": note,
    }
    write_report(directory, report)
    return report
