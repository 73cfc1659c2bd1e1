"""The selection engine's input layer: benchmark instances, quota layouts, pools, errors."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest

from minipublic.sortition.errors import InputError
from minipublic.sortition.inputs import address_key, load_instance, read_pool, read_quotas
from minipublic.sortition.model import Instance, Quota
from minipublic.sortition.tables import read_table

BENCH = Path("/work/shared/sortition-bench")

PEOPLE = "id,gender,age\np1,Female,16-29\np2,Male,30+\np3,Female,30+\np4,Male,16-29\n"
QUOTAS = "feature,value,min,max\ngender,Female,1,2\ngender,Male,1,2\nage,16-29,0,2\nage,30+,0,2\n"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def load(
    folder: Path, people: str = PEOPLE, quotas: str = QUOTAS, k: int = 2, **options: Any
) -> Instance:
    return load_instance(
        write(folder, "people.csv", people), write(folder, "quotas.csv", quotas), k, **options
    )


# ------------------------------------------------------------------------- benchmarks


def partition(keys: list[Any]) -> set[frozenset[int]]:
    """Groups of positions with equal keys (keys that are None stay out)."""
    groups: dict[Any, set[int]] = defaultdict(set)
    for position, key in enumerate(keys):
        if key is not None:
            groups[key].add(position)
    return {frozenset(group) for group in groups.values()}


@pytest.mark.parametrize(
    ("folder", "quotas", "n", "k", "features"),
    [
        ("paper_small_20", 4, 200, 20, ("gender", "leaning")),
        ("paper_large_200", 4, 2000, 200, ("gender", "leaning")),
    ],
)
def test_paper_instances_load(
    folder: str, quotas: int, n: int, k: int, features: tuple[str, ...]
) -> None:
    base = BENCH / folder
    instance = load_instance(base / "respondents.csv", base / "categories.csv", k)
    assert (instance.n, len(instance.quotas), instance.k) == (n, quotas, k)
    assert instance.pool.features == features
    assert instance.pool.id_column is None
    assert [p.id for p in instance.pool.people[:3]] == ["1", "2", "3"]
    assert instance.pool.people[-1].id == str(n)
    assert instance.pool.people[0].row == 2
    assert {q.value for q in instance.quotas_for("leaning")} == {"liberal", "conservative"}
    assert all(p.household is None for p in instance.pool.people)
    assert instance.warnings == ()


def test_sortition_foundation_fixture_loads() -> None:
    base = BENCH / "sf_fixture_22"
    instance = load_instance(
        base / "candidates.csv",
        base / "features.csv",
        22,
        id_column="nationbuilder_id",
        address_columns=["primary_address1", "primary_zip"],
    )
    assert (instance.n, len(instance.quotas)) == (150, 20)
    assert instance.pool.features == ("Gender", "age_bracket", "edu_level", "geo_bucket")
    assert instance.pool.id_column == "nationbuilder_id"
    assert instance.pool.people[0].id == "p0"
    assert instance.quotas[0] == Quota("Gender", "Female", 11, 12, 0, 12)
    households = [p.household for p in instance.pool.people]
    assert households == list(range(150))  # every address differs: all singletons
    assert instance.warnings == ()


@pytest.mark.parametrize(
    ("folder", "quotas"),
    [("synth_a", 34), ("synth_b", 38), ("synth_c", 38), ("synth_d", 40), ("synth_tight", 40)],
)
def test_synthetic_instances_load(folder: str, quotas: int) -> None:
    base = BENCH / folder
    meta = json.loads((base / "meta.json").read_text())
    instance = load_instance(
        base / "people.csv",
        base / "quotas.csv",
        meta["k"],
        address_columns=meta["address_columns"],
    )
    assert (instance.n, instance.k, len(instance.quotas)) == (meta["n"], meta["k"], quotas)
    assert list(instance.pool.features) == meta["features"]
    assert instance.pool.id_column == "id"
    assert instance.pool.people[0].id == f"{folder}-00000"
    assert len({p.values for p in instance.pool.people}) == meta["distinct_feature_vectors"]
    households = [p.household for p in instance.pool.people]
    if not meta["households"]:
        assert set(households) == {None}
        return
    header = instance.pool.header
    columns = [header.index(name) for name in meta["address_columns"]]
    raw = [tuple(row[c] for c in columns) for row in instance.pool.rows]
    assert partition(households) == partition(raw)
    sizes = Counter(Counter(households).values())
    assert sizes == {1: 3994, 2: 3}
    assert households[0] == 0
    assert max(h for h in households if h is not None) == 3996


# -------------------------------------------------------------------------- layouts


@pytest.mark.parametrize(
    ("header", "rows", "layout", "flex"),
    [
        ("feature,value,min,max", ["gender,Female,1,2", "gender,Male,1,2"], "feature_value", False),
        (
            "feature,value,min,max,min_flex,max_flex",
            ["gender,Female,1,2,0,3", "gender,Male,1,2,0,3"],
            "feature_value",
            True,
        ),
        (
            "category,name,min,max,min_flex,max_flex",
            ["gender,Female,1,2,0,3", "gender,Male,1,2,0,3"],
            "category_name",
            True,
        ),
        ("category,name,min,max", ["gender,Female,1,2", "gender,Male,1,2"], "category_name", False),
        (
            "category,feature,min,max",
            ["gender,Female,1,2", "gender,Male,1,2"],
            "category_feature",
            False,
        ),
        (
            " Note , FEATURE ,Value, Min ,MAX,comment",
            ["x, gender ,Female,1,2,hi", "y,gender,Male,1,2,"],
            "feature_value",
            False,
        ),
    ],
)
def test_each_quota_layout_is_read(
    tmp_path: Path, header: str, rows: list[str], layout: str, flex: bool
) -> None:
    quotas_text = "\n".join([header, *rows]) + "\n"
    table = read_table(write(tmp_path, "q.csv", quotas_text))
    quotas, name = read_quotas(table)
    assert name == layout
    expected_flex = (0, 3) if flex else (None, None)
    assert quotas == [
        Quota("gender", "Female", 1, 2, *expected_flex),
        Quota("gender", "Male", 1, 2, *expected_flex),
    ]
    people = "gender\nfemale\nMale\n"
    instance = load_instance(write(tmp_path, "p.csv", people), tmp_path / "q.csv", 1)
    assert [p.values for p in instance.pool.people] == [("Female",), ("Male",)]


def test_numbers_accept_spaces_and_point_zero(tmp_path: Path) -> None:
    text = "feature,value,min,max,min_flex,max_flex\ng,a, 3 ,4.0,+1,5.\ng,b,0,0,,\n"
    quotas, _ = read_quotas(read_table(write(tmp_path, "q.csv", text)))
    assert quotas == [Quota("g", "a", 3, 4, 1, 5), Quota("g", "b", 0, 0)]


def test_the_quota_spelling_is_canonical(tmp_path: Path) -> None:
    quotas = "feature,value,min,max\n Gender , Female ,0,3\ngender,Male,0,3\nAge band,Young,0,3\n"
    people = "Age  Band,GENDER\nyoung,female\nYoung,Female\n"
    instance = load(tmp_path, people, quotas, k=1)
    assert instance.pool.features == ("Gender", "Age band")
    assert [q.feature for q in instance.quotas] == ["Gender", "Gender", "Age band"]
    assert instance.pool.people[0].values == ("Female", "Young")
    assert instance.warnings == (
        "Gender: 'female' read as 'Female' (1 row)",
        "Age band: 'young' read as 'Young' (1 row)",
    )


def test_case_and_spacing_differences_are_read_with_one_warning_per_value(
    tmp_path: Path,
) -> None:
    people = (
        "id,gender,age\n1,female ,16-29\n2,FEMALE,30+\n3,Female,30+\n4,FEMALE,16-29\n"
        "5,male,16-29\n6,Male,30+\n"
    )
    instance = load(tmp_path, people)
    assert [p.values[0] for p in instance.pool.people] == ["Female"] * 4 + ["Male"] * 2
    assert instance.warnings == (
        "gender: 'female ' and 'FEMALE' read as 'Female' (3 rows)",
        "gender: 'male' read as 'Male' (1 row)",
    )
    assert instance.pool.rows[0][1] == "female "  # the rows keep the file's text


def test_value_spacing_inside_is_collapsed(tmp_path: Path) -> None:
    quotas = "feature,value,min,max\nage,16 - 29,0,2\nage,30+,0,2\n"
    instance = load(tmp_path, "age\n16  -  29\n30+\n", quotas, k=1)
    assert instance.pool.people[0].values == ("16 - 29",)
    assert instance.warnings == ("age: '16  -  29' read as '16 - 29' (1 row)",)


# ------------------------------------------------------------------ ids and households


def test_ids_come_from_an_id_column_in_any_case(tmp_path: Path) -> None:
    people = "gender,ID,age\nFemale, a1 ,16-29\nMale,b2,30+\n"
    instance = load(tmp_path, people, k=1)
    assert instance.pool.id_column == "ID"
    assert [p.id for p in instance.pool.people] == ["a1", "b2"]


def test_explicit_id_column_wins(tmp_path: Path) -> None:
    people = "id,ref,gender,age\n1,x,Female,16-29\n1,y,Male,30+\n"
    instance = load(tmp_path, people, k=1, id_column="REF")
    assert instance.pool.id_column == "ref"
    assert [p.id for p in instance.pool.people] == ["x", "y"]


def test_without_id_column_ids_count_data_rows(tmp_path: Path) -> None:
    people = "\ngender,age\n\nFemale,16-29\n\n\nMale,30+\n,\nMale,16-29\n"
    instance = load(tmp_path, people, k=1)
    assert instance.pool.id_column is None
    assert [(p.id, p.row) for p in instance.pool.people] == [("1", 4), ("2", 7), ("3", 9)]
    assert instance.pool.header == ("gender", "age")


def test_households_group_equal_normalised_addresses(tmp_path: Path) -> None:
    people = (
        "id,gender,age,street,postcode\n"
        "1,Female,16-29,12 Main St.,AB1 2CD\n"
        "2,Male,30+,  12 main st ,ab1  2cd\n"
        "3,Male,30+,12 Main St,XY9\n"
        '4,Female,30+,"12, Main; St:",AB1 2CD\n'
        "5,Female,30+,7 High St,ZZ1\n"
    )
    instance = load(tmp_path, people, address_columns=["Street", "postcode"])
    assert [p.household for p in instance.pool.people] == [0, 0, 1, 0, 2]
    assert instance.warnings == ()
    assert address_key(["12 Main St.", "AB1 2CD"]) == address_key([" 12 main st", "ab1 2cd"])


def test_blank_addresses_never_form_a_household(tmp_path: Path) -> None:
    people = (
        "id,gender,age,street,postcode\n"
        "1,Female,16-29,,\n"
        "2,Male,30+,  ,\n"
        "3,Male,30+,12 Main St,XY9\n"
        "4,Female,30+,.,  \n"
        "5,Female,30+,12 Main St,XY9\n"
    )
    instance = load(tmp_path, people, address_columns=["street", "postcode"])
    assert [p.household for p in instance.pool.people] == [None, None, 0, None, 0]
    assert instance.warnings == (
        "3 people have no complete address in columns street, postcode (rows 2, 3, 5); "
        "they are not treated as one household.",
    )


def test_partial_addresses_never_form_a_household(tmp_path: Path) -> None:
    people = (
        "id,gender,age,street,postcode\n"
        "1,Female,16-29,,XY9\n"
        "2,Male,30+,,XY9\n"
        "3,Male,30+,12 Main St,XY9\n"
        "4,Female,30+,12 Main St,XY9\n"
    )
    instance = load(tmp_path, people, address_columns=["street", "postcode"])
    assert [p.household for p in instance.pool.people] == [None, None, 0, 0]
    assert instance.warnings == (
        "2 people have no complete address in columns street, postcode (rows 2, 3); "
        "they are not treated as one household.",
    )


def test_one_person_without_address_is_reported(tmp_path: Path) -> None:
    people = "id,gender,age,street\n1,Female,16-29,\n2,Male,30+,1 High St\n"
    instance = load(tmp_path, people, k=1, address_columns=["street"])
    assert [p.household for p in instance.pool.people] == [None, 0]
    assert instance.warnings == (
        "1 person has no address in column street (row 2); they are not placed in any household.",
    )


def test_warnings_come_in_a_stable_order(tmp_path: Path) -> None:
    people = "id,gender,age,street\n1,male,16-29,\n2,female,30+,\n3,Male,16-29,x\n"
    warnings = load(tmp_path, people, k=1, address_columns=["street"]).warnings
    assert warnings == (
        "gender: 'female' read as 'Female' (1 row)",
        "gender: 'male' read as 'Male' (1 row)",
        "2 people have no address in column street (rows 2, 3); "
        "they are not treated as one household.",
    )


def test_read_pool_keeps_every_column(tmp_path: Path) -> None:
    quotas, _ = read_quotas(read_table(write(tmp_path, "q.csv", QUOTAS)))
    table = read_table(write(tmp_path, "p.csv", "id,gender,age,note\np1,Female,16-29\n"))
    pool, warnings = read_pool(table, quotas)
    assert pool.rows == (("p1", "Female", "16-29", ""),)
    assert pool.source == str(tmp_path / "p.csv")
    assert warnings == []


# --------------------------------------------------------------------- malformed input


def error_of(tmp_path: Path, **kwargs: Any) -> InputError:
    with pytest.raises(InputError) as caught:
        load(tmp_path, **kwargs)
    return caught.value


BAD_QUOTAS = [
    # (quotas, code, row, column, words in the message)
    ("feature,value,min,max\ngender,Female,1,ten\n", "bad_number", 2, "max", ["'ten'", "maximum"]),
    ("feature,value,min,max\ngender,Female,1.5,2\n", "bad_number", 2, "min", ["'1.5'"]),
    ("feature,value,min,max\ngender,Female,-1,2\n", "negative_number", 2, "min", ["'-1'"]),
    ("feature,value,min,max\ngender,Female,,2\n", "missing_number", 2, "min", ["blank"]),
    ("feature,value,min,max\ngender,Female,3,2\n", "min_above_max", 2, "min", ["3", "2"]),
    ("feature,value,min,max\n,Female,1,2\n", "blank_feature", 2, "feature", ["blank"]),
    ("feature,value,min,max\ngender, ,1,2\n", "blank_value", 2, "value", ["blank"]),
    (
        "feature,value,min,max,min_flex,max_flex\ngender,Female,1,2,0,\n",
        "flex_pair",
        2,
        "max_flex",
        ["min_flex"],
    ),
    ("feature,value,min,max,min_flex\ngender,Female,1,2,0\n", "flex_pair", 2, "max_flex", []),
    (
        "feature,value,min,max,min_flex,max_flex\ngender,Female,1,2,2,3\n",
        "bad_min_flex",
        2,
        "min_flex",
        ["at most 1"],
    ),
    (
        "feature,value,min,max,min_flex,max_flex\ngender,Female,1,2,0,1\n",
        "bad_max_flex",
        2,
        "max_flex",
        ["at least 2"],
    ),
    (
        "feature,value,min,max\ngender,Female,1,2\ngender,Male,1,2\n\nGender,female ,1,2\n",
        "duplicate_quota",
        5,
        "value",
        ["rows 2 and 5"],
    ),
    ("feature,value,min,max\nsex,Female,1,2\n", "unknown_feature", 1, "sex", ["'id'", "'age'"]),
    (
        "feature,value,minimum,max\ngender,Female,1,2\n",
        "unknown_layout",
        1,
        None,
        ["category,feature"],
    ),
    ("feature,value,min,max\n", "no_quotas", None, None, []),
    ("", "empty_file", None, None, []),
    ("feature,value,min,Min\n", "duplicate_column", 1, "Min", ["'min'"]),
    ("feature,,min,max\n", "blank_column_name", 1, 2, ["column 2"]),
    ("feature,value,min,max\ngender,Female,1,2,x\n", "extra_cells", 2, 5, ["'x'"]),
]


@pytest.mark.parametrize(("quotas", "code", "row", "column", "words"), BAD_QUOTAS)
def test_malformed_quotas(
    tmp_path: Path, quotas: str, code: str, row: int | None, column: Any, words: list[str]
) -> None:
    error = error_of(tmp_path, quotas=quotas)
    message = str(error)
    assert error.code == code, message
    assert error.params["file"] == str(
        tmp_path / ("people.csv" if code == "unknown_feature" else "quotas.csv")
    )
    assert message.startswith(error.params["file"])
    if row is not None:
        assert error.params["row"] == row
        assert f"row {row}" in message or f"and {row}" in message
    if column is not None:
        assert error.params["column"] == column
        assert str(column) in message
    for word in words:
        assert word in message


BAD_PEOPLE = [
    # (people, options, code, row, column, words in the message)
    (
        "id,gender,age\np1,Femal,16-29\np2,femal,30+\n",
        {},
        "unknown_value",
        2,
        "gender",
        ["'Femal'", "'Female', 'Male'", "also in 1 more row)"],
    ),
    ("id,gender,age\np1,Female,16-29\np2,,30+\n", {}, "missing_value", 3, "gender", ["blank"]),
    ("id,gender,age\np1,Female,16-29\n ,Male,30+\n", {}, "blank_id", 3, "id", ["blank"]),
    (
        "id,gender,age\np1,Female,16-29\n\np1 ,Male,30+\n",
        {},
        "duplicate_id",
        4,
        "id",
        ["rows 2 and 4", "'p1'"],
    ),
    (
        "id,gender,age\np1,Female,16-29\n",
        {"id_column": "ref"},
        "missing_column",
        1,
        "ref",
        ["'id', 'gender', 'age'"],
    ),
    (
        "id,gender,age\np1,Female,16-29\n",
        {"address_columns": ["street"]},
        "missing_column",
        1,
        "street",
        ["'id', 'gender', 'age'"],
    ),
    ("id,gender,age,Gender\n", {}, "duplicate_column", 1, "Gender", ["'gender'"]),
    ("id,gender,age\n", {}, "no_people", None, None, []),
    ("id,gender,age\np1,Female,16-29,extra\n", {}, "extra_cells", 2, 4, ["'extra'"]),
    (
        'id,gender,age\np1,"Female,16-29\np2,Male,30+\n',
        {},
        "unknown_value",
        2,
        "gender",
        ["quote mark"],
    ),
]


@pytest.mark.parametrize(("people", "options", "code", "row", "column", "words"), BAD_PEOPLE)
def test_malformed_people(
    tmp_path: Path,
    people: str,
    options: dict[str, Any],
    code: str,
    row: int | None,
    column: Any,
    words: list[str],
) -> None:
    error = error_of(tmp_path, people=people, k=1, **options)
    message = str(error)
    assert error.code == code, message
    assert error.params["file"] == str(tmp_path / "people.csv")
    assert message.startswith(str(tmp_path / "people.csv"))
    if row is not None:
        assert error.params["row"] == row
        assert f"row {row}" in message or f"and {row}" in message
    if column is not None:
        assert error.params["column"] == column
        assert f"'{column}'" in message or f"column {column}" in message
    for word in words:
        assert word in message


@pytest.mark.parametrize("k", [0, -1, 5, 100])
def test_panel_size_must_fit_the_pool(tmp_path: Path, k: int) -> None:
    error = error_of(tmp_path, k=k)
    assert error.code == "bad_panel_size"
    assert "from 1 to" in str(error)
    assert (error.params["k"], error.params["n"]) == (k, 4)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_instance(tmp_path / "nope.csv", write(tmp_path, "q.csv", QUOTAS), 1)
    assert caught.value.code == "missing_file"
    assert "nope.csv" in str(caught.value)


def test_input_errors_survive_pickling(tmp_path: Path) -> None:
    import pickle

    error = error_of(tmp_path, quotas="feature,value,min,max\ngender,Female,1,ten\n")
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.code, str(copy), dict(copy.params)) == (error.code, str(error), dict(error.params))
