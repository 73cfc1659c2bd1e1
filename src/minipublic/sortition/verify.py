"""Re-derive a published selection from its files and confirm the drawn panel.

Checks, using only the published files and none of the solving code:
  1. commitment.json's hashes match inputs.json, lottery.json, probabilities.csv and
     certificate.json, and its commitment is the hash of its own contents;
  2. every panel of the lottery is valid for the quotas and households in inputs.json;
  3. the lottery gives everyone the chance probabilities.csv states, up to the rounding
     change the commitment declares;
  4. the randomness in draw.json selects the panel draw.json and panel.csv name;
  5. for replacements, the reduced inputs follow from the original quotas and the
     confirmed members, and every panel completes the confirmed members to a panel
     that meets the original quotas (full_panel.csv lists that whole panel).

When ``inputs.json`` is not published (the pool's answers can point to people, so a
process may publish only its hash), checks 2 and 5 are skipped, check 1 confirms every
other file, check 3 uses the people of probabilities.csv, and check 4 is unchanged: the
draw is still fully checked, the quotas only by whoever holds ``inputs.json``.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any


def _canonical(document: Any) -> bytes:
    # Written again here rather than imported: a verifier that shares code with what it
    # verifies would repeat its mistakes.
    return json.dumps(
        document, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def _panel_number(randomness: str, commitment: str, size: int) -> tuple[int, str]:
    text = randomness.strip()
    if text.isascii() and text.isdigit() and int(text) < size:
        return int(text), "digits"
    digest = hashlib.sha256(f"minipublic-draw-1\n{commitment}\n{text}".encode()).digest()
    return int.from_bytes(digest, "big") % size, "sha256"


@dataclass(frozen=True)
class Check:
    """One verification step and its outcome."""

    name: str
    ok: bool
    detail: str
    #: True when the check could not be made from the files given (``ok`` is then True).
    skipped: bool = False


def panel_problems(inputs: dict[str, Any], panel: list[str]) -> list[str]:
    """Why ``panel`` (ids) is not a valid panel for ``inputs`` (empty if it is)."""
    people = {person["id"]: person for person in inputs["people"]}
    problems = []
    if len(panel) != inputs["k"]:
        problems.append(f"has {len(panel)} members, not {inputs['k']}")
    if len(set(panel)) != len(panel):
        problems.append("names someone twice")
    unknown = [i for i in panel if i not in people]
    if unknown:
        return [*problems, f"names people not in the pool: {unknown[:5]}"]
    features = inputs["features"]
    counts = Counter(
        (feature, people[i]["values"][f]) for i in panel for f, feature in enumerate(features)
    )
    for quota in inputs["quotas"]:
        have = counts[(quota["feature"], quota["value"])]
        if not quota["min"] <= have <= quota["max"]:
            problems.append(
                f"{quota['feature']} {quota['value']}: {have} outside {quota['min']}-{quota['max']}"
            )
    households = Counter(
        people[i]["household"] for i in panel if people[i]["household"] is not None
    )
    if any(count > 1 for count in households.values()):
        problems.append("takes two people from one household")
    return problems


def verify_directory(directory: Path) -> list[Check]:
    """All checks for the selection in ``directory`` (some skipped without inputs.json)."""
    read = directory.joinpath
    lottery_bytes = read("lottery.json").read_bytes()
    lottery = json.loads(lottery_bytes)
    commitment = json.loads(read("commitment.json").read_text(encoding="utf-8"))
    inputs_bytes = read("inputs.json").read_bytes() if read("inputs.json").exists() else None
    checks = [_commitment(directory, commitment, inputs_bytes, lottery_bytes)]
    if inputs_bytes is None:
        withheld = (
            "inputs.json is not published (the pool's answers), so this was not checked; "
            "whoever holds inputs.json can check it"
        )
        checks.append(Check("panels", True, withheld, skipped=True))
        checks.append(_marginals(directory, None, lottery, commitment))
    else:
        inputs = json.loads(inputs_bytes)
        checks.append(_panels(inputs, lottery))
        checks.append(_marginals(directory, inputs, lottery, commitment))
        if "replacement" in inputs:
            checks.append(_whole_panels(directory, inputs, lottery))
    if read("draw.json").exists():
        checks.append(_draw(directory, commitment, lottery))
    else:
        checks.append(Check("draw", True, "no draw yet: the lottery is committed, not drawn"))
    return checks


def _commitment(
    directory: Path,
    commitment: dict[str, Any],
    inputs_bytes: bytes | None,
    lottery_bytes: bytes,
) -> Check:
    body = {key: value for key, value in commitment.items() if key not in ("format", "commitment")}
    problems = []
    # A withheld inputs.json cannot be hashed here; its hash is still part of the
    # commitment, which is checked below with the rest.
    if (
        inputs_bytes is not None
        and hashlib.sha256(inputs_bytes).hexdigest() != commitment["inputs_sha256"]
    ):
        problems.append("inputs.json does not match its hash")
    if hashlib.sha256(lottery_bytes).hexdigest() != commitment["lottery_sha256"]:
        problems.append("lottery.json does not match its hash")
    for name, digest in commitment["results_sha256"].items():
        path = directory / Path(name).name
        if not path.exists() or hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            problems.append(f"{path.name} does not match its hash")
    if hashlib.sha256(_canonical(body)).hexdigest() != commitment["commitment"]:
        problems.append("the commitment is not the hash of the committed contents")
    detail = "; ".join(problems) or f"commitment {commitment['commitment']} matches the files"
    if inputs_bytes is None and not problems:
        detail += f" (inputs.json not published; committed hash {commitment['inputs_sha256']})"
    return Check("commitment", not problems, detail)


def _panels(inputs: dict[str, Any], lottery: dict[str, Any]) -> Check:
    bad = []
    for number, panel in enumerate(lottery["panels"]):
        problems = panel_problems(inputs, panel)
        if problems:
            bad.append(f"panel {number} {problems[0]}")
    if len(lottery["panels"]) != lottery["size"]:
        bad.append("the lottery does not hold the number of panels it states")
    detail = (
        "; ".join(bad[:5]) or f"all {lottery['size']} panels meet every quota and household rule"
    )
    return Check("panels", not bad, detail)


def _marginals(
    directory: Path,
    inputs: dict[str, Any] | None,
    lottery: dict[str, Any],
    commitment: dict[str, Any],
) -> Check:
    with directory.joinpath("probabilities.csv").open(encoding="utf-8", newline="") as handle:
        stated = {row["id"]: float(row["probability"]) for row in csv.DictReader(handle)}
    seats = Counter(i for panel in lottery["panels"] for i in panel)
    size = lottery["size"]
    # Without inputs.json the pool is the people probabilities.csv lists; anyone in a
    # panel but not listed is still caught, since the sets must agree.
    pool = set(stated) if inputs is None else {p["id"] for p in inputs["people"]}
    change = max(abs(seats[i] / size - stated.get(i, 0.0)) for i in pool | set(seats))
    declared = float(commitment["max_rounding_change"])
    ok = change <= declared + 1e-9 and set(stated) == pool and set(seats) <= pool
    detail = (
        f"largest difference between lottery and stated probabilities {change:.6f} "
        f"(declared {declared:.6f})"
    )
    return Check("probabilities", ok, detail)


def _whole_panels(directory: Path, inputs: dict[str, Any], lottery: dict[str, Any]) -> Check:
    """A replacement: the reduced inputs follow from the original ones, and every panel of
    the lottery completes the confirmed members to a panel that meets the original quotas."""
    record = inputs["replacement"]
    confirmed = [person["id"] for person in record["confirmed"]]
    bad = []
    pool = inputs["people"]
    set_aside = set(confirmed) | set(record["dropouts"]) | set(record["excluded_housemates"])
    homes = {p["household"] for p in record["confirmed"] if p["household"] is not None}
    if any(p["id"] in set_aside or p["household"] in homes for p in pool):
        bad.append("the pool holds a confirmed member, a dropout or a confirmed member's housemate")
    if inputs["k"] + len(confirmed) != record["panel_size"]:
        bad.append("the number of replacements plus confirmed members is not the panel size")
    features = inputs["features"]
    have = Counter(
        (feature, p["values"][f]) for p in record["confirmed"] for f, feature in enumerate(features)
    )
    reduced = {(q["feature"], q["value"]): q for q in inputs["quotas"]}
    for quota in record["quotas"]:
        c = have[(quota["feature"], quota["value"])]
        mine = reduced.get((quota["feature"], quota["value"]))
        if mine is None or (mine["min"], mine["max"]) != (
            max(0, quota["min"] - c),
            quota["max"] - c,
        ):
            bad.append(
                f"the quota {quota['feature']} {quota['value']} is not the original less "
                "the confirmed members"
            )
    whole = {
        "k": record["panel_size"],
        "features": features,
        "quotas": record["quotas"],
        "people": [*pool, *record["confirmed"]],
    }
    for number, panel in enumerate(lottery["panels"]):
        problems = panel_problems(whole, [*confirmed, *panel])
        if problems:
            bad.append(f"panel {number} with the confirmed members {problems[0]}")
    full = directory / "full_panel.csv"
    if full.exists() and directory.joinpath("draw.json").exists():
        drawn = json.loads(directory.joinpath("draw.json").read_text(encoding="utf-8"))["panel"]
        with full.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        expected = [*confirmed, *drawn]
        if sorted(_panel_ids(rows, set(expected))) != sorted(expected):
            bad.append("full_panel.csv lists other people than the confirmed and the drawn")
    detail = "; ".join(bad[:5]) or (
        f"{len(confirmed)} confirmed members plus any panel of the lottery meet every original "
        "quota and the household rule"
    )
    return Check("whole panel", not bad, detail)


def _draw(directory: Path, commitment: dict[str, Any], lottery: dict[str, Any]) -> Check:
    draw = json.loads(directory.joinpath("draw.json").read_text(encoding="utf-8"))
    number, method = _panel_number(draw["randomness"], commitment["commitment"], lottery["size"])
    problems = []
    if draw.get("commitment") != commitment["commitment"]:
        problems.append("draw.json names another commitment than commitment.json")
    if (number, method) != (draw["panel_number"], draw["method"]):
        problems.append(f"the randomness selects panel {number}, not {draw['panel_number']}")
    if lottery["panels"][number] != draw["panel"]:
        problems.append("draw.json lists other people than that panel")
    panel_file = directory / "panel.csv"
    if panel_file.exists():
        with panel_file.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        ids = _panel_ids(rows, set(lottery["panels"][number]))
        if sorted(ids) != sorted(lottery["panels"][number]):
            problems.append("panel.csv lists other people than the drawn panel")
    detail = "; ".join(problems) or (
        f"randomness {draw['randomness']!r} selects panel {number} ({method}); panel.csv matches"
    )
    return Check("draw", not problems, detail)


def _panel_ids(rows: list[list[str]], expected: set[str]) -> list[str]:
    """The ids in panel.csv: the column whose values are the drawn ids, or row numbers."""
    header, body = rows[0], rows[1:]
    for column in range(len(header)):
        values = [row[column] for row in body]
        if set(values) == expected:
            return values
    return []
