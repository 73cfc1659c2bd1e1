"""``minipublic select``, ``certify`` and ``verify`` through the real command line.

Every test here runs ``python -m minipublic`` in a subprocess: exit statuses, messages
on stderr and the files written are the contract. The randomness-to-panel rule is
recomputed here from its specification (SHA-256 of "minipublic-draw-1", the commitment
and the text, modulo m; a plain number below m is used as it is).
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.engine.brute import BENCH

POOL = """id,name,gender,age,street,zip
a1,Ann,F,young,1 High St,AB1
a2,Bob,M,young,1 High St,AB1
a3,Cat,F,old,2 Low Rd,AB2
a4,Dan,M,old,3 Mid Ln,AB3
a5,Eve,F,young,4 Oak Av,AB4
a6,Fay,F,old,4 Oak Av,AB4
a7,Gus,M,old,5 Elm St,AB5
a8,Hal,M,old,6 Ash Ct,AB6
a9,Ivy,F,old,7 Fir Wy,AB7
a10,Jon,M,young,8 Yew Pl,AB8
"""
QUOTAS = """feature,value,min,max
gender,F,2,2
gender,M,2,2
age,young,2,2
age,old,2,2
"""
K = 4
ADDRESS = "street,zip"
M = 1000  # default lottery size


def minipublic(
    *args: object, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the command line; wide COLUMNS keeps rich from wrapping most messages."""
    return subprocess.run(
        [sys.executable, "-m", "minipublic", *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200", **(env or {})},
        timeout=600,
        check=False,
    )


def said(result: subprocess.CompletedProcess[str]) -> str:
    """stdout and stderr with all whitespace runs made single spaces."""
    return " ".join((result.stdout + result.stderr).split())


def ok(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, said(result)
    return result


def read_json(path: Path) -> dict:  # type: ignore[type-arg]
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def drawn_number(randomness: str, commitment: str, m: int) -> int:
    text = randomness.strip()
    if text.isascii() and text.isdigit() and int(text) < m:
        return int(text)
    digest = hashlib.sha256(f"minipublic-draw-1\n{commitment}\n{text}".encode()).digest()
    return int.from_bytes(digest, "big") % m


def write_inputs(folder: Path, pool: str = POOL, quotas: str = QUOTAS) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    people, quota_file = folder / "people.csv", folder / "quotas.csv"
    people.write_text(pool, encoding="utf-8")
    quota_file.write_text(quotas, encoding="utf-8")
    return people, quota_file


def select(folder: Path, out: Path, *extra: object, k: int = K) -> subprocess.CompletedProcess[str]:
    people, quotas = folder / "people.csv", folder / "quotas.csv"
    return minipublic(
        "select", people, quotas, "--size", k, "--out", out, "--address-columns", ADDRESS, *extra
    )


def check_panel_rows(rows: list[list[str]]) -> None:
    """panel.csv rows of POOL: k people, quotas met, at most one per address."""
    header, body = rows[0], rows[1:]
    assert header == POOL.splitlines()[0].split(",")
    assert len(body) == K
    assert len({row[0] for row in body}) == K
    source = {line.split(",")[0]: line.split(",") for line in POOL.splitlines()[1:]}
    for row in body:
        assert row == source[row[0]]  # every column, unchanged
    counts = Counter(value for row in body for value in (row[2], row[3]))
    assert counts == {"F": 2, "M": 2, "young": 2, "old": 2}
    addresses = [(row[4], row[5]) for row in body]
    assert len(set(addresses)) == K


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("inputs")
    write_inputs(folder)
    return folder


@pytest.fixture(scope="module")
def seed_run(inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seed") / "out"
    ok(select(inputs, out, "--seed", "cli test"))
    return out


@pytest.fixture(scope="module")
def committed(inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("committed") / "out"
    result = ok(select(inputs, out, "--commit-only"))
    assert "Committed" in said(result)
    return out


@pytest.fixture
def fresh_commitment(committed: Path, tmp_path: Path) -> Path:
    """A private copy of the committed directory, to draw into."""
    return Path(shutil.copytree(committed, tmp_path / "out"))


# ------------------------------------------------------------------------ a seed run


def test_seed_run_writes_probabilities(seed_run: Path) -> None:
    rows = read_csv(seed_run / "probabilities.csv")
    assert rows[0] == ["id", "probability"]
    assert [row[0] for row in rows[1:]] == [f"a{i}" for i in range(1, 11)]
    values = [float(row[1]) for row in rows[1:]]
    assert abs(sum(values) - K) <= 1e-9
    assert all(0 <= v <= 1 for v in values)
    # the LEXIMIN optimum (derived for the same pool as households_ten in
    # test_known_optima.py): young 1/2, old 1/3
    young = {"a1", "a2", "a5", "a10"}
    for person_id, value in zip([row[0] for row in rows[1:]], values, strict=True):
        assert value == pytest.approx(0.5 if person_id in young else 1 / 3, abs=1e-9)


def test_seed_run_writes_the_drawn_panel(seed_run: Path) -> None:
    rows = read_csv(seed_run / "panel.csv")
    check_panel_rows(rows)
    draw = read_json(seed_run / "draw.json")
    lottery = read_json(seed_run / "lottery.json")
    commitment = read_json(seed_run / "commitment.json")["commitment"]
    number = drawn_number("cli test", commitment, M)
    assert draw["panel_number"] == number
    assert sorted(row[0] for row in rows[1:]) == sorted(lottery["panels"][number])
    assert draw["mode"] == "seed"


def test_seed_run_writes_certificate_and_report(seed_run: Path) -> None:
    certificate = read_json(seed_run / "certificate.json")
    assert certificate["min_probability"] == pytest.approx(1 / 3, abs=1e-9)
    assert abs(sum(certificate["weights"].values()) - 1) <= 1e-6
    assert [level["value"] for level in certificate["levels"]] == pytest.approx([1 / 3, 1 / 2])
    report = read_json(seed_run / "report.json")
    for key in ("algorithm", "n", "k", "min_probability", "commitment", "runtime_seconds"):
        assert key in report
    assert report["engine_version"]
    assert (report["algorithm"], report["n"], report["k"]) == ("leximin", 10, K)
    assert report["min_probability"] == pytest.approx(1 / 3, abs=1e-9)
    assert report["commitment"] == read_json(seed_run / "commitment.json")["commitment"]
    assert report["runtime_seconds"] >= 0
    html = (seed_run / "report.html").read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html")
    assert report["commitment"] in html


def test_certify_and_verify_accept_the_seed_run(seed_run: Path) -> None:
    certified = ok(minipublic("certify", seed_run))
    assert "Certified" in said(certified)
    verified = ok(minipublic("verify", seed_run))
    assert "Verified" in said(verified)
    assert "FAILED" not in said(verified)


# ---------------------------------------------------------------- commit, then draw


def test_commit_only_writes_no_draw(committed: Path, seed_run: Path) -> None:
    assert (committed / "commitment.json").exists()
    assert not (committed / "draw.json").exists()
    assert not (committed / "panel.csv").exists()
    # same inputs and parameters: the same commitment as the seed run's
    assert read_json(committed / "commitment.json") == read_json(seed_run / "commitment.json")
    ok(minipublic("verify", committed))


def test_draw_gives_the_recomputed_panel(inputs: Path, fresh_commitment: Path) -> None:
    before = (fresh_commitment / "commitment.json").read_bytes()
    text = "Lotto 2026-05-02: 3 11 19 27 35 42"
    result = ok(select(inputs, fresh_commitment, "--draw", text))
    commitment = json.loads(before)["commitment"]
    number = drawn_number(text, commitment, M)
    assert f"Drew panel {number} (sha256)" in said(result)
    lottery = read_json(fresh_commitment / "lottery.json")
    rows = read_csv(fresh_commitment / "panel.csv")
    check_panel_rows(rows)
    assert sorted(row[0] for row in rows[1:]) == sorted(lottery["panels"][number])
    draw = read_json(fresh_commitment / "draw.json")
    assert (draw["panel_number"], draw["method"], draw["randomness"]) == (number, "sha256", text)
    assert draw["commitment"] == commitment
    assert (fresh_commitment / "commitment.json").read_bytes() == before  # not re-committed
    ok(minipublic("verify", fresh_commitment))


def test_digits_pick_that_panel(inputs: Path, fresh_commitment: Path) -> None:
    ok(select(inputs, fresh_commitment, "--draw", "042"))
    draw = read_json(fresh_commitment / "draw.json")
    assert (draw["panel_number"], draw["method"]) == (42, "digits")
    lottery = read_json(fresh_commitment / "lottery.json")
    rows = read_csv(fresh_commitment / "panel.csv")
    assert sorted(row[0] for row in rows[1:]) == sorted(lottery["panels"][42])
    assert draw["panel"] == lottery["panels"][42]


def test_seed_and_commit_then_draw_agree(
    inputs: Path, fresh_commitment: Path, seed_run: Path
) -> None:
    ok(select(inputs, fresh_commitment, "--draw", "cli test"))
    assert (fresh_commitment / "panel.csv").read_bytes() == (seed_run / "panel.csv").read_bytes()


def test_draw_without_commitment_exits_2(inputs: Path, tmp_path: Path) -> None:
    result = select(inputs, tmp_path / "nothing", "--draw", "17")
    assert result.returncode == 2, said(result)
    assert "commitment.json is missing" in said(result)
    assert "commit first" in said(result)
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "nothing" / "panel.csv").exists()


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        ("people.csv", "a9,Ivy,F,old", "a9,Ivy,F,young"),
        ("quotas.csv", "age,old,2,2", "age,old,1,2"),
    ],
)
def test_draw_after_changing_the_inputs_exits_2(
    fresh_commitment: Path, tmp_path: Path, file: str, old: str, new: str
) -> None:
    changed = tmp_path / "changed"
    write_inputs(changed)
    path = changed / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    result = select(changed, fresh_commitment, "--draw", "17")
    assert result.returncode == 2, said(result)
    assert "differ from those committed" in said(result)
    assert "Traceback" not in result.stderr
    assert not (fresh_commitment / "draw.json").exists()
    assert not (fresh_commitment / "panel.csv").exists()


def test_only_one_of_commit_draw_and_seed(inputs: Path, tmp_path: Path) -> None:
    result = select(inputs, tmp_path / "out", "--commit-only", "--seed", "x")
    assert result.returncode == 2
    assert "only one of" in said(result)


# ------------------------------------------------------------------ infeasible quotas

SMALL = """id,gender,age
p1,F,young
p2,M,old
p3,F,old
p4,M,young
p5,F,young
p6,M,old
"""


def select_small(tmp_path: Path, quotas: str, k: int) -> subprocess.CompletedProcess[str]:
    people, quota_file = write_inputs(tmp_path, SMALL, quotas)
    return minipublic("select", people, quota_file, "--size", k, "--out", tmp_path / "out")


def test_minimum_above_the_pool_exits_3(tmp_path: Path) -> None:
    quotas = "feature,value,min,max\ngender,F,0,3\ngender,M,0,3\nage,young,5,5\nage,old,0,3\n"
    result = select_small(tmp_path, quotas, 3)
    text = said(result)
    assert result.returncode == 3, text
    assert "age young min 5 but only 3 in the pool" in text
    assert "minimums of age add up to 5 > panel size 3" in text
    assert "age young: minimum 5 → 3" in text  # the smallest relaxation
    # with three young people on a panel of three, the old are on no panel
    assert "3 people are on no valid panel: p2, p3, p6" in text
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out" / "lottery.json").exists()


def test_minimums_above_the_panel_size_exit_3(tmp_path: Path) -> None:
    quotas = "feature,value,min,max\ngender,F,2,3\ngender,M,2,3\nage,young,1,2\nage,old,1,2\n"
    result = select_small(tmp_path, quotas, 3)
    text = said(result)
    assert result.returncode == 3, text
    assert "minimums of gender add up to 4 > panel size 3" in text
    assert "gender F: minimum 2 → 1" in text or "gender M: minimum 2 → 1" in text
    assert "Traceback" not in result.stderr


# ------------------------------------------------------------------------- bad input

GOOD_QUOTAS = "feature,value,min,max\ngender,F,1,2\ngender,M,1,2\nage,young,1,2\nage,old,1,2\n"
BAD_INPUTS = {
    # name: (people, quotas, extra options, the words the message must contain)
    "missing column": (
        "id,gender\np1,F\np2,M\np3,F\n",
        GOOD_QUOTAS,
        [],
        ["people.csv", "row 1", "'age'", "no column"],
    ),
    "unknown feature": (
        SMALL,
        GOOD_QUOTAS + "height,tall,0,1\n",
        [],
        ["people.csv", "row 1", "'height'"],
    ),
    "non-integer min": (
        SMALL,
        GOOD_QUOTAS.replace("gender,F,1,2", "gender,F,1.5,2"),
        [],
        ["quotas.csv", "row 2", "column 'min'", "'1.5'", "whole number"],
    ),
    "negative max": (
        SMALL,
        GOOD_QUOTAS.replace("age,old,1,2", "age,old,1,-2"),
        [],
        ["quotas.csv", "row 5", "column 'max'", "negative"],
    ),
    "min above max": (
        SMALL,
        GOOD_QUOTAS.replace("gender,M,1,2", "gender,M,3,2"),
        [],
        ["quotas.csv", "row 3", "column 'min'", "greater than the maximum"],
    ),
    "empty people file": ("", GOOD_QUOTAS, [], ["people.csv", "empty"]),
    "empty quotas file": (SMALL, "", [], ["quotas.csv", "empty"]),
    "header only": ("id,gender,age\n", GOOD_QUOTAS, [], ["people.csv", "no people"]),
    "duplicate ids": (
        SMALL.replace("p5,F,young", "p1,F,young"),
        GOOD_QUOTAS,
        [],
        ["people.csv", "rows 2 and 6", "column 'id'", "'p1'", "twice"],
    ),
    "unknown value": (
        SMALL.replace("p4,M,young", "p4,X,young"),
        GOOD_QUOTAS,
        [],
        ["people.csv", "row 5", "column 'gender'", "'X'"],
    ),
    "missing id column": (SMALL, GOOD_QUOTAS, ["--id-column", "pid"], ["people.csv", "'pid'"]),
    "missing address column": (
        SMALL,
        GOOD_QUOTAS,
        ["--address-columns", "street"],
        ["people.csv", "'street'"],
    ),
    "panel size above n": (SMALL, GOOD_QUOTAS, ["--size", "7"], ["people.csv", "panel size", "7"]),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_exits_2_naming_the_place(case: str, tmp_path: Path) -> None:
    pool, quotas, extra, words = BAD_INPUTS[case]
    people, quota_file = write_inputs(tmp_path, pool, quotas)
    size = [] if "--size" in extra else ["--size", 2]
    result = minipublic("select", people, quota_file, *size, "--out", tmp_path / "out", *extra)
    text = said(result)
    assert result.returncode == 2, text
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in text, (word, text)
    assert not (tmp_path / "out" / "commitment.json").exists()


# ---------------------------------------------------------------- benchmark layouts


def test_paper_layout_without_ids_uses_row_numbers(tmp_path: Path) -> None:
    folder = BENCH / "paper_small_20"
    out = tmp_path / "out"
    ok(
        minipublic(
            "select",
            folder / "respondents.csv",
            folder / "categories.csv",
            "--size",
            20,
            "--out",
            out,
            "--seed",
            "paper",
        )
    )
    probabilities = read_csv(out / "probabilities.csv")
    assert [row[0] for row in probabilities[1:]] == [str(i) for i in range(1, 201)]
    assert all(float(row[1]) == pytest.approx(0.1, abs=1e-9) for row in probabilities[1:])
    source = read_csv(folder / "respondents.csv")
    panel = read_csv(out / "panel.csv")
    assert panel[0] == ["id", *source[0]]
    assert len(panel) == 21
    for row in panel[1:]:
        assert row[1:] == source[int(row[0])]  # id n is the n-th person (file row n + 1)
    ok(minipublic("verify", out))
    ok(minipublic("certify", out))


def run_sf_fixture(out: Path, hash_seed: str) -> None:
    folder = BENCH / "sf_fixture_22"
    ok(
        minipublic(
            "select",
            folder / "candidates.csv",
            folder / "features.csv",
            "--size",
            22,
            "--out",
            out,
            "--id-column",
            "nationbuilder_id",
            "--address-columns",
            "primary_address1,primary_zip",
            "--seed",
            "same seed",
            env={"PYTHONHASHSEED": hash_seed},
        )
    )


def test_outputs_are_byte_identical_across_hash_seeds(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    run_sf_fixture(first, "0")
    run_sf_fixture(second, "12345")
    names = sorted(path.name for path in first.iterdir())
    assert names == sorted(path.name for path in second.iterdir())
    for name in ("probabilities.csv", "certificate.json", "inputs.json", "lottery.json"):
        assert name in names
    for name in ("commitment.json", "draw.json", "panel.csv"):
        assert name in names
    for name in names:
        if name in ("report.json", "report.html"):
            continue
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    reports = [read_json(folder / "report.json") for folder in (first, second)]
    for report in reports:
        del report["runtime_seconds"], report["created"]
    assert reports[0] == reports[1]


# ---------------------------------------------------------------------- algorithms


@pytest.mark.parametrize("algorithm", ["leximin", "maximin", "nash", "legacy"])
def test_each_algorithm_runs(algorithm: str, inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    ok(select(inputs, out, "--seed", "algorithms", "--algorithm", algorithm))
    report = read_json(out / "report.json")
    assert report["algorithm"] == algorithm
    check_panel_rows(read_csv(out / "panel.csv"))
    probabilities = [float(row[1]) for row in read_csv(out / "probabilities.csv")[1:]]
    assert abs(sum(probabilities) - K) <= 1e-6
    ok(minipublic("verify", out))
    estimates = [w for w in report["warnings"] if "estimates" in w]
    if algorithm == "legacy":
        assert estimates, report["warnings"]
        assert "estimates" in (out / "report.html").read_text(encoding="utf-8")
        assert all(level["method"].startswith("upper bound only") for level in report["levels"])
    else:
        assert not estimates
    if algorithm in ("leximin", "maximin"):
        assert min(probabilities) == pytest.approx(1 / 3, abs=1e-6)


@pytest.mark.parametrize("algorithm", ["maximin", "nash", "legacy"])
def test_certify_accepts_the_bound_of_other_algorithms(
    algorithm: str, inputs: Path, tmp_path: Path
) -> None:
    # Only LEXIMIN's certificate is complete; for the others certify proves the bound on
    # the best possible minimum (it used to reject untouched NASH and legacy selections
    # because their level-1 people do not sit exactly at the bound).
    out = tmp_path / "out"
    ok(select(inputs, out, "--seed", "algorithms", "--algorithm", algorithm))
    result = minipublic("certify", out)
    assert result.returncode == 0, said(result)
    assert "the bound on the smallest chance checks out" in said(result)


def test_compare_legacy_puts_an_estimate_in_the_report(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    ok(select(inputs, out, "--seed", "compare", "--compare-legacy", 200))
    report = read_json(out / "report.json")
    estimate = report["legacy_estimate"]
    assert estimate is not None
    assert estimate["runs"] == 200
    assert estimate["failures"] >= 0
    shares = estimate["probabilities_sorted"]
    assert len(shares) == 10
    assert shares == sorted(shares)
    assert sum(shares) == pytest.approx(K)  # every greedy panel has k members
    assert all(round(share * 200) == pytest.approx(share * 200) for share in shares)
    assert estimate["min"] == shares[0]
    assert estimate["min_upper_99"] >= estimate["min"]
    assert report["algorithm"] == "leximin"  # the comparison does not replace the selection
    ok(select(inputs, tmp_path / "default", "--seed", "compare"))
    assert read_json(tmp_path / "default" / "report.json")["legacy_estimate"]["runs"] == 300
    ok(select(inputs, tmp_path / "plain", "--seed", "compare", "--compare-legacy", 0))
    assert read_json(tmp_path / "plain" / "report.json")["legacy_estimate"] is None


def test_one_commitment_allows_one_draw(inputs: Path, fresh_commitment: Path) -> None:
    ok(select(inputs, fresh_commitment, "--draw", "381"))
    drawn = (fresh_commitment / "draw.json").read_bytes()
    ok(select(inputs, fresh_commitment, "--draw", " 381 "))  # the same panel: accepted
    assert (fresh_commitment / "draw.json").read_bytes() == drawn  # and the record kept
    again = select(inputs, fresh_commitment, "--draw", "382")
    assert again.returncode == 2, said(again)
    assert "already drawn from this commitment" in " ".join(said(again).split())
    assert "Traceback" not in again.stderr
    recommit = select(inputs, fresh_commitment, "--commit-only")
    assert recommit.returncode == 2, said(recommit)
    assert "already holds a drawn panel" in " ".join(said(recommit).split())
    assert (fresh_commitment / "draw.json").read_bytes() == drawn
    ok(minipublic("verify", fresh_commitment))


def test_a_dry_run_may_be_repeated_in_place(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "dry"
    ok(select(inputs, out, "--seed", "first"))
    ok(select(inputs, out, "--seed", "second"))
    assert read_json(out / "draw.json")["randomness"] == "second"
    ok(minipublic("verify", out))


def test_select_checks_its_own_certificate(seed_run: Path) -> None:
    report = read_json(seed_run / "report.json")
    assert report["certification"]["ok"] is True
    assert report["levels"]
    assert all(level["certified"] is True for level in report["levels"])
    assert report["inputs"]["quota_layout"] == "feature,value,min,max"
