"""Replacements: complete a drawn panel after dropouts, fairly, verifiably, with clear errors."""

# ruff: noqa: S311
# (a seeded random.Random makes the small test pool reproducible)

from __future__ import annotations

import csv
import dataclasses
import json
import os
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from minipublic.sortition.errors import InfeasibleQuotasError, InputError
from minipublic.sortition.inputs import load_instance
from minipublic.sortition.legacy import legacy_panel
from minipublic.sortition.model import Instance, Quota
from minipublic.sortition.replace import (
    draw_replacements,
    replacement_instance,
    run_replacement,
    write_replacement_commitment,
)

BENCH = Path("/work/shared/sortition-bench")
SYNTH = BENCH / "synth_a"
SF = BENCH / "sf_fixture_22"
needs_bench = pytest.mark.skipif(not BENCH.is_dir(), reason="needs the benchmark instances")


# ------------------------------------------------------------------------ helpers


def run(*args: object) -> subprocess.CompletedProcess[str]:
    """``python -m minipublic ARGS``, with wide, plain output for the assertions."""
    env = dict(os.environ, COLUMNS="400", NO_COLOR="1", TERM="dumb")
    return subprocess.run(
        [sys.executable, "-m", "minipublic", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def column(path: Path, name: str) -> list[str]:
    return [row[name] for row in csv_rows(path)]


def context() -> dict[str, object]:
    """The report context the command line would give."""
    names = {"people": "people.csv", "quotas": "quotas.csv", "quota_layout": "feature_value"}
    return {"inputs": {**names, "id_column": "id", "address_columns": []}}


def select_panel(folder: Path, instance: Instance, seed: int = 5) -> list[str]:
    """A valid panel for ``instance`` (the greedy method: quick) in ``folder/panel.csv``."""
    panel = legacy_panel(instance, random.Random(seed))
    assert panel is not None
    folder.mkdir(parents=True)
    with (folder / "panel.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(instance.pool.header)
        writer.writerows(instance.pool.rows[i] for i in panel)
    return [instance.pool.people[i].id for i in panel]


def assert_whole_panel_valid(original: Instance, ids: list[str]) -> None:
    """Size k, nobody twice, every original quota met, at most one per household."""
    assert len(ids) == original.k
    assert len(set(ids)) == len(ids)
    index = original.pool.index_of()
    people = [original.pool.people[index[i]] for i in ids]
    features = original.pool.features
    counts = Counter((f, p.values[i]) for p in people for i, f in enumerate(features))
    for quota in original.quotas:
        assert quota.min <= counts[(quota.feature, quota.value)] <= quota.max, quota
    homes = Counter(p.household for p in people if p.household is not None)
    assert all(count == 1 for count in homes.values())


def write_town(folder: Path) -> tuple[Path, Path]:
    """A 60-person pool with households and one person from the Islands (who must sit)."""
    rng = random.Random(11)
    rows: list[list[str]] = []
    house = 0
    while len(rows) < 60:
        for _ in range(rng.choice([1, 1, 2, 3])):
            values = [rng.choice(["F", "M"]), rng.choice(["young", "middle", "old"])]
            region = rng.choice(["North", "South"])
            rows.append([f"t{len(rows)}", *values, region, f"{house} High St.", "ab1"])
        house += 1
    rows = rows[:60]
    rows[7][3] = "Islands"
    people, quotas = folder / "people.csv", folder / "quotas.csv"
    with people.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["id", "gender", "age", "region", "street", "postcode"]])
        csv.writer(handle).writerows(rows)
    quotas.write_text(
        "feature,value,min,max\nGender,F,4,6\nGender,M,4,6\nage,young,2,5\nage,middle,2,5\n"
        "age,old,2,5\nregion,North,3,6\nregion,South,3,6\nregion,Islands,1,1\n",
        encoding="utf-8",
    )
    return people, quotas


def load_town(people: Path, quotas: Path, k: int = 10) -> Instance:
    return load_instance(people, quotas, k, address_columns=["street", "postcode"])


# ------------------------------------------------------------------------ fixtures


@pytest.fixture(scope="module")
def synth(tmp_path_factory: pytest.TempPathFactory) -> tuple[Instance, Path]:
    """synth_a (k = 30) with a drawn panel in ``original/panel.csv``."""
    folder = tmp_path_factory.mktemp("synth")
    instance = load_instance(SYNTH / "people.csv", SYNTH / "quotas.csv", 30)
    select_panel(folder / "original", instance)
    return instance, folder / "original" / "panel.csv"


@pytest.fixture(scope="module")
def town(tmp_path_factory: pytest.TempPathFactory) -> tuple[Instance, Path, Path, Path]:
    """The small town pool (k = 10, households) with a drawn panel."""
    folder = tmp_path_factory.mktemp("town")
    people, quotas = write_town(folder)
    instance = load_town(people, quotas)
    select_panel(folder / "original", instance)
    return instance, people, quotas, folder / "original" / "panel.csv"


# ------------------------------------------------------------------------ the CLI


@needs_bench
def test_cli_replaces_dropouts_and_the_result_verifies(
    synth: tuple[Instance, Path], tmp_path: Path
) -> None:
    original, panel = synth
    ids = column(panel, "id")
    dropouts = [ids[0], ids[4], ids[9]]
    out = tmp_path / "replacements"
    result = run(
        "replace", SYNTH / "people.csv", SYNTH / "quotas.csv", "--size", 30, "--panel", panel,
        "--dropouts", ",".join(dropouts), "--out", out, "--seed", "dice 4 2 6",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    confirmed = [i for i in ids if i not in dropouts]

    drawn = column(out / "panel.csv", "id")
    assert len(drawn) == 3
    assert not set(drawn) & set(ids)
    whole = column(out / "full_panel.csv", "id")
    assert sorted(whole) == sorted(confirmed + drawn)
    assert_whole_panel_valid(original, whole)
    header = csv_rows(out / "full_panel.csv")[0].keys()
    assert list(header) == list(original.pool.header)

    chances = {row["id"]: float(row["probability"]) for row in csv_rows(out / "probabilities.csv")}
    assert sum(chances.values()) == pytest.approx(3, abs=1e-6)
    assert not set(chances) & set(ids)
    assert len(chances) == original.n - 30
    lottery = json.loads((out / "lottery.json").read_text(encoding="utf-8"))
    assert all(not set(p) & set(ids) for p in lottery["panels"])
    for p in lottery["panels"][:50]:
        assert_whole_panel_valid(original, confirmed + p)

    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    record = report["replacement"]
    assert sorted(record["confirmed"]) == sorted(confirmed)
    assert sorted(record["dropouts"]) == sorted(dropouts)
    assert record["needed"] == 3
    assert sorted(record["full_panel"]) == sorted(whole)
    assert all(q["min"] <= q["selected"] <= q["max"] for q in record["quotas"])
    assert "Replacements</h2>" in (out / "report.html").read_text(encoding="utf-8")
    inputs = json.loads((out / "inputs.json").read_text(encoding="utf-8"))
    assert sorted(p["id"] for p in inputs["replacement"]["confirmed"]) == sorted(confirmed)
    assert inputs["replacement"]["panel_size"] == 30

    verified = run("verify", out)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "whole panel" in verified.stdout
    certified = run("certify", out)
    assert certified.returncode == 0, certified.stdout + certified.stderr

    (out / "full_panel.csv").write_text(  # drop a member: verify notices
        "\n".join((out / "full_panel.csv").read_text(encoding="utf-8").splitlines()[:-1]) + "\n",
        encoding="utf-8",
    )
    assert run("verify", out).returncode == 1


@needs_bench
def test_cli_commit_then_draw_with_households_and_a_dropouts_file(tmp_path: Path) -> None:
    people, quotas = SF / "candidates.csv", SF / "features.csv"
    address = "primary_address1,primary_zip"
    options = ["--id-column", "nationbuilder_id", "--address-columns", address]
    original = load_instance(
        people, quotas, 22, id_column="nationbuilder_id",
        address_columns=["primary_address1", "primary_zip"],
    )  # fmt: skip
    select_panel(tmp_path / "original", original)
    panel = tmp_path / "original" / "panel.csv"
    ids = column(panel, "nationbuilder_id")
    listed = tmp_path / "dropouts.txt"
    listed.write_text(f"nationbuilder_id\n{ids[3]}\n\n{ids[11]}\n", encoding="utf-8")
    out = tmp_path / "replacements"
    base = [people, quotas, "--size", 22, "--panel", panel, "--dropouts", listed, "--out", out]

    committed = run("replace", *base, *options, "--commit-only")
    assert committed.returncode == 0, committed.stderr
    assert not (out / "panel.csv").exists()
    assert run("verify", out).returncode == 0
    drawn = run("replace", *base, *options, "--draw", "0417")
    assert drawn.returncode == 0, drawn.stderr
    whole = column(out / "full_panel.csv", "nationbuilder_id")
    assert_whole_panel_valid(original, whole)
    assert {ids[3], ids[11]}.isdisjoint(whole)
    assert run("verify", out).returncode == 0

    other = run("replace", *base[:7], ids[5], *base[8:], *options, "--draw", "0417")
    assert other.returncode == 2
    assert "differ from those committed" in other.stderr
    assert "Traceback" not in other.stderr


def test_housemates_of_confirmed_members_are_set_aside(
    town: tuple[Instance, Path, Path, Path], tmp_path: Path
) -> None:
    original, people, quotas, panel = town
    ids = column(panel, "id")
    index = original.pool.index_of()
    person = {i: original.pool.people[index[i]] for i in ids}
    homes = Counter(p.household for p in original.pool.people)
    keep = next(i for i in ids if homes[person[i].household] > 1 and i != "t7")
    housemates = {
        p.id for p in original.pool.people if p.household == person[keep].household and p.id != keep
    }
    dropouts = [i for i in ids if i not in {keep, "t7"}][:2]
    out = tmp_path / "out"
    result = run(
        "replace", people, quotas, "--size", 10, "--panel", panel, "--dropouts",
        ",".join(dropouts), "--out", out, "--address-columns", "street,postcode",
        "--seed", "7", "--lottery-size", 100,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    chances = {row["id"]: float(row["probability"]) for row in csv_rows(out / "probabilities.csv")}
    assert housemates, "the fixture should give the kept member housemates"
    assert not housemates & set(chances)
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert housemates <= set(report["replacement"]["excluded_housemates"])
    assert_whole_panel_valid(original, column(out / "full_panel.csv", "id"))
    assert run("verify", out).returncode == 0
    assert run("certify", out).returncode == 0


def test_a_value_missing_from_the_rest_of_the_pool_exits_3(
    town: tuple[Instance, Path, Path, Path], tmp_path: Path
) -> None:
    _, people, quotas, panel = town
    assert "t7" in column(panel, "id")  # the only Islands person is on every panel
    result = run(
        "replace", people, quotas, "--size", 10, "--panel", panel, "--dropouts", "t7",
        "--out", tmp_path / "out", "--address-columns", "street,postcode",
    )  # fmt: skip
    assert result.returncode == 3
    assert "region Islands" in result.stderr
    assert "confirmed" in result.stderr
    assert "Traceback" not in result.stderr


def test_confirmed_members_above_a_maximum_exit_3(
    town: tuple[Instance, Path, Path, Path], tmp_path: Path
) -> None:
    _, people, _, panel = town
    ids = column(panel, "id")
    quotas = tmp_path / "quotas.csv"
    quotas.write_text(
        "feature,value,min,max\nGender,F,0,10\nGender,M,0,10\nage,young,0,10\nage,middle,0,10\n"
        "age,old,0,10\nregion,North,0,10\nregion,South,0,10\nregion,Islands,0,0\n",
        encoding="utf-8",
    )
    dropout = next(i for i in ids if i != "t7")
    result = run(
        "replace", people, quotas, "--size", 10, "--panel", panel, "--dropouts", dropout,
        "--out", tmp_path / "out",
    )  # fmt: skip
    assert result.returncode == 3
    assert "region Islands max 0" in result.stderr


@pytest.mark.parametrize(
    ("dropouts", "expected"),
    [
        ("t7,nobody", "--dropouts: 'nobody' is not a member of the panel"),
        ("", "No dropouts were given"),
        ("FILE", "dropouts.txt, row 3: 'nobody' is not a member of the panel"),
    ],
)
def test_unknown_dropouts_exit_2(
    town: tuple[Instance, Path, Path, Path], tmp_path: Path, dropouts: str, expected: str
) -> None:
    _, people, quotas, panel = town
    if dropouts == "FILE":
        dropouts = str(tmp_path / "dropouts.txt")
        Path(dropouts).write_text("id\nt7\nnobody\n", encoding="utf-8")
    result = run(
        "replace", people, quotas, "--size", 10, "--panel", panel, "--dropouts", dropouts,
        "--out", tmp_path / "out",
    )  # fmt: skip
    assert result.returncode == 2
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_bad_panels_and_output_directories_exit_2(
    town: tuple[Instance, Path, Path, Path], tmp_path: Path
) -> None:
    _, people, quotas, panel = town
    base = ["replace", people, quotas, "--dropouts", "t7"]
    wrong_size = run(*base, "--size", 11, "--panel", panel, "--out", tmp_path / "a")
    assert wrong_size.returncode == 2
    assert "the panel has 10 members but the panel size (--size) is 11" in wrong_size.stderr

    stranger = tmp_path / "panel.csv"
    stranger.write_text(panel.read_text(encoding="utf-8") + "t999,F,old,North,x,y\n")
    unknown = run(*base, "--size", 10, "--panel", stranger, "--out", tmp_path / "b")
    assert unknown.returncode == 2
    assert f"{stranger}, row 12, column 'id': the id 't999' is not in the pool" in unknown.stderr

    over_original = run(*base, "--size", 10, "--panel", panel, "--out", panel.parent)
    assert over_original.returncode == 2
    assert "would be written over this panel file" in over_original.stderr
    selection = tmp_path / "selection"  # an ordinary selection's record is left alone
    selection.mkdir()
    inputs = '{"format":"minipublic-inputs-1","k":10,"people":[]}'
    (selection / "inputs.json").write_text(inputs, encoding="utf-8")
    over_selection = run(*base, "--size", 10, "--panel", panel, "--out", selection)
    assert over_selection.returncode == 2
    assert "holds a selection that is not a replacement" in over_selection.stderr
    assert [p.name for p in selection.iterdir()] == ["inputs.json"]


# ------------------------------------------------------------------------ the Python API


@needs_bench
def test_reduced_instance_shifts_quotas_and_shrinks_the_pool(synth: tuple[Instance, Path]) -> None:
    original, panel = synth
    ids = column(panel, "id")
    confirmed, dropouts = ids[2:], ids[:2]
    reduced = replacement_instance(original, confirmed, dropouts)
    assert reduced.k == 2
    assert reduced.n == original.n - 30
    assert not {p.id for p in reduced.pool.people} & set(ids)
    index = original.pool.index_of()
    rows = {p.id: row for p, row in zip(reduced.pool.people, reduced.pool.rows, strict=True)}
    assert all(rows[i] == original.pool.rows[index[i]] for i in rows)
    features = original.pool.features
    people = [original.pool.people[index[i]] for i in confirmed]
    have = Counter((f, p.values[j]) for p in people for j, f in enumerate(features))
    for before, after in zip(original.quotas, reduced.quotas, strict=True):
        c = have[(before.feature, before.value)]
        assert (after.min, after.max) == (max(0, before.min - c), before.max - c)
    assert any(before.min - have[(before.feature, before.value)] < 0 for before in original.quotas)
    assert reduced.replacement is not None
    assert reduced.replacement.k == 30
    assert sorted(reduced.replacement.dropouts) == sorted(dropouts)


def test_python_api_selects_and_draws(
    town: tuple[Instance, Path, Path, Path], tmp_path: Path
) -> None:
    original, _, _, panel = town
    ids = column(panel, "id")
    dropouts = [i for i in ids if i != "t7"][-2:]
    reduced = replacement_instance(original, [i for i in ids if i not in dropouts], dropouts)
    selection = run_replacement(reduced, lottery_size=100)
    assert selection.probabilities.sum() == pytest.approx(2, abs=1e-6)
    write_replacement_commitment(selection, tmp_path, context())
    draw = draw_replacements(original, reduced, tmp_path, "12", mode="draw")
    whole = column(tmp_path / "full_panel.csv", "id")
    assert whole[-2:] == draw["panel"]
    assert_whole_panel_valid(original, whole)


def test_python_api_refuses_bad_ids_and_impossible_quotas(
    town: tuple[Instance, Path, Path, Path],
) -> None:
    original, _, _, panel = town
    ids = column(panel, "id")
    keep, dropouts = ids[1:], ids[:1]
    stranger = next(p.id for p in original.pool.people if p.id not in ids)
    with pytest.raises(InputError, match="nobody with the id 'ghost'"):
        replacement_instance(original, keep, ["ghost"])
    with pytest.raises(InputError, match="both a confirmed member and a dropout"):
        replacement_instance(original, ids, dropouts)
    with pytest.raises(InputError, match="no seat to fill"):
        replacement_instance(original, ids, [stranger])
    capped = tuple(
        dataclasses.replace(q, max=0) if q.value == "Islands" else q for q in original.quotas
    )
    assert all(isinstance(q, Quota) for q in capped)
    dropout = next(i for i in ids if i != "t7")
    keep = [i for i in ids if i != dropout]
    with pytest.raises(InfeasibleQuotasError, match="region Islands max 0") as error:
        replacement_instance(dataclasses.replace(original, quotas=capped), keep, [dropout])
    assert error.value.exit_code == 3
