"""Altering any published file of a selection makes ``certify`` or ``verify`` fail.

One ``--seed`` run is made per module; each test alters a copy of its directory in one
way and runs the real command line, which must exit 1 and say what failed.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.engine.test_cli_select import minipublic, ok, read_json, said, select, write_inputs


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tamper")
    write_inputs(folder)
    out = folder / "out"
    ok(select(folder, out, "--seed", "tamper test"))
    return out


@pytest.fixture
def copy(original: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(original, tmp_path / "out"))


def edit_json(path: Path, change: Callable[[Any], None], *, canonical: bool = False) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    if canonical:  # the committed files are compact, sorted JSON
        text = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    else:
        text = json.dumps(document, sort_keys=True, indent=1, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8")


def edit_csv(path: Path, change: Callable[[list[list[str]]], None]) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    change(rows)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def fails(command: str, directory: Path, *words: str) -> str:
    result = minipublic(command, directory)
    text = said(result)
    assert result.returncode == 1, text
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in text, (word, text)
    return text


def test_untouched_selection_passes_both_checks(copy: Path) -> None:
    assert "Certified" in said(ok(minipublic("certify", copy)))
    assert "Verified" in said(ok(minipublic("verify", copy)))


# ------------------------------------------------------------------- certificate.json


def test_empty_certificate_fails_certify(copy: Path) -> None:
    def change(certificate: dict[str, Any]) -> None:
        certificate["levels"] = []

    edit_json(copy / "certificate.json", change)
    fails("certify", copy, "no levels")


def test_changed_level_weight_fails_certify(copy: Path) -> None:
    def change(certificate: dict[str, Any]) -> None:
        weights = certificate["levels"][0]["weights"]
        first = sorted(weights)[0]
        weights[first] += 0.05

    edit_json(copy / "certificate.json", change)
    fails("certify", copy, "weights do not add up to 1")


def test_weight_moved_within_level_fails_certify(copy: Path) -> None:
    # Still adding up to 1, but now some valid panel is heavier than the claimed level.
    def change(certificate: dict[str, Any]) -> None:
        weights = certificate["levels"][0]["weights"]
        names = sorted(weights)
        moved = weights[names[0]] / 2
        weights[names[0]] -= moved
        weights[names[1]] += moved
        weights[names[1]] += weights[names[2]]
        weights[names[2]] = 0.0

    edit_json(copy / "certificate.json", change)
    fails("certify", copy, "heaviest valid panel weighs")


def test_higher_min_probability_claim_fails_certify(copy: Path) -> None:
    def change(certificate: dict[str, Any]) -> None:
        certificate["min_probability"] += 0.05

    edit_json(copy / "certificate.json", change)
    fails("certify", copy, "min_probability does not match probabilities.csv")


def test_higher_level_value_claim_fails_certify(copy: Path) -> None:
    def change(certificate: dict[str, Any]) -> None:
        certificate["levels"][0]["value"] += 0.05
        certificate["min_probability"] += 0.05

    edit_json(copy / "certificate.json", change)
    fails("certify", copy, "heaviest valid panel weighs")


@pytest.mark.parametrize("field", ["weights", "best_possible_minimum"])
def test_changed_top_level_certificate_fields_fail_certify(copy: Path, field: str) -> None:
    def change(certificate: dict[str, Any]) -> None:
        if field == "weights":
            first = sorted(certificate["weights"])[0]
            certificate["weights"][first] += 0.05
        else:
            certificate["best_possible_minimum"] += 0.05

    edit_json(copy / "certificate.json", change)
    fails("certify", copy)


# -------------------------------------------------------------------- probabilities


def test_changed_probability_fails_certify_and_verify(copy: Path) -> None:
    def change(rows: list[list[str]]) -> None:
        rows[3][1] = f"{float(rows[3][1]) + 0.1:.12f}"

    edit_csv(copy / "probabilities.csv", change)
    fails("certify", copy, "probabilities add up to")
    fails("verify", copy, "FAILED probabilities")


# ------------------------------------------------------------- committed files, draw


def test_swapped_person_in_lottery_fails_verify(copy: Path) -> None:
    def change(lottery: dict[str, Any]) -> None:
        panel = lottery["panels"][0]
        outsider = next(f"a{i}" for i in range(1, 11) if f"a{i}" not in panel)
        panel[0] = outsider

    edit_json(copy / "lottery.json", change, canonical=True)
    fails("verify", copy, "FAILED commitment", "lottery.json does not match its hash")


def test_edited_inputs_fail_verify(copy: Path) -> None:
    def change(inputs: dict[str, Any]) -> None:
        person = inputs["people"][2]
        person["values"] = ["M" if v == "F" else v for v in person["values"]]

    edit_json(copy / "inputs.json", change, canonical=True)
    fails("verify", copy, "FAILED commitment", "inputs.json does not match its hash")


def test_changed_commitment_parameters_fail_verify(copy: Path) -> None:
    def change(commitment: dict[str, Any]) -> None:
        commitment["parameters"]["algorithm"] = "maximin"

    edit_json(copy / "commitment.json", change)
    fails("verify", copy, "FAILED commitment", "not the hash of the committed contents")


def test_edited_panel_file_fails_verify(copy: Path) -> None:
    drawn = set(read_json(copy / "draw.json")["panel"])

    def change(rows: list[list[str]]) -> None:
        outsider = next(f"a{i}" for i in range(1, 11) if f"a{i}" not in drawn)
        rows[1][0] = outsider

    edit_csv(copy / "panel.csv", change)
    fails("verify", copy, "FAILED draw", "panel.csv lists other people than the drawn panel")


def test_changed_randomness_fails_verify(copy: Path) -> None:
    def change(draw: dict[str, Any]) -> None:
        draw["randomness"] = "other randomness"

    edit_json(copy / "draw.json", change)
    fails("verify", copy, "FAILED draw", "the randomness selects panel")


def test_changed_panel_number_fails_verify(copy: Path) -> None:
    def change(draw: dict[str, Any]) -> None:
        draw["panel_number"] = (draw["panel_number"] + 1) % 1000

    edit_json(copy / "draw.json", change)
    fails("verify", copy, "FAILED draw")


def test_draw_against_another_commitment_fails_verify(copy: Path) -> None:
    def change(draw: dict[str, Any]) -> None:
        draw["commitment"] = "0" * 64

    edit_json(copy / "draw.json", change)
    fails("verify", copy, "FAILED draw")
