"""Property-based tests: any file either loads or gives an InputError, nothing else."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minipublic.sortition.errors import InputError
from minipublic.sortition.inputs import load_instance
from minipublic.sortition.tables import normalise, read_table
from tests.engine.test_inputs import PEOPLE, QUOTAS, write

# ------------------------------------------------------------------------------ fuzz

TOKENS = st.sampled_from(
    [
        "feature",
        "value",
        "min",
        "max",
        "min_flex",
        "id",
        "gender",
        "age",
        "Female",
        "male ",
        "16-29",
        "30+",
        "1",
        "2",
        "0",
        "-3",
        "2.5",
        ",",
        ",",
        ";",
        "\t",
        "\n",
        "\n",
        "\r\n",
        '"',
        " ",
        "",
        "\ufeff",
        "\x00",
        "é",
    ]
)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def loads_or_input_error(people: Path, quotas: Path, k: int = 1) -> None:
    """Loading either succeeds or raises an InputError with a code and the file."""
    try:
        instance = load_instance(people, quotas, k)
    except InputError as error:
        problem: InputError | None = error
    else:
        problem = None
        assert 1 <= instance.k <= instance.n
    if problem is not None:
        assert problem.code
        assert "file" in problem.params


@FUZZ
@given(data=st.binary(max_size=400))
def test_random_bytes_load_or_raise_input_error(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    folder = tmp_path_factory.mktemp("bytes")
    (folder / "people.csv").write_bytes(data)
    (folder / "quotas.csv").write_bytes(data)
    with contextlib.suppress(InputError):
        read_table(folder / "people.csv")
    loads_or_input_error(folder / "people.csv", write(folder, "q.csv", QUOTAS))
    loads_or_input_error(write(folder, "p.csv", PEOPLE), folder / "quotas.csv")


@FUZZ
@given(
    quota_rows=st.lists(st.lists(TOKENS, max_size=8).map("".join), max_size=6),
    people_rows=st.lists(st.lists(TOKENS, max_size=8).map("".join), max_size=6),
    text=st.text(max_size=200),
)
def test_random_text_loads_or_raises_input_error(
    tmp_path_factory: pytest.TempPathFactory,
    quota_rows: list[str],
    people_rows: list[str],
    text: str,
) -> None:
    folder = tmp_path_factory.mktemp("text")
    quotas = write(
        folder, "quotas.csv", "feature,value,min,max,min_flex,max_flex\n" + "\n".join(quota_rows)
    )
    people = write(folder, "people.csv", "id,gender,age\n" + "\n".join(people_rows))
    loads_or_input_error(people, quotas)
    loads_or_input_error(people, write(folder, "q.csv", QUOTAS))
    loads_or_input_error(write(folder, "p.csv", PEOPLE), quotas)
    loads_or_input_error(write(folder, "t.csv", text), write(folder, "u.csv", text))


SPELLINGS = {
    "gender": ["gender", "Gender ", " GENDER"],
    "Female": ["Female", "female ", "FEMALE"],
    "Male": ["Male", "male"],
    "16-29": ["16-29", " 16-29"],
    "30+": ["30+"],
}
JUNK = st.sampled_from(["", " ", "x", "-1", "2.5", '"', ";", "a,b", "\t", "Femal"])


@st.composite
def mutated(draw: st.DrawFn, cells: list[str]) -> str:
    """A CSV row of ``cells``, sometimes with one cell replaced or one added."""
    if draw(st.integers(0, 3)) == 0:
        position = draw(st.integers(0, len(cells)))
        if draw(st.booleans()) and position < len(cells):
            cells[position] = draw(JUNK)
        else:
            cells.insert(position, draw(JUNK))
    return ",".join(cells)


@st.composite
def quota_files(draw: st.DrawFn) -> str:
    """A quotas file that is usually valid."""
    rows = ["feature,value,min,max,min_flex,max_flex"]
    for feature, values in (("gender", ["Female", "Male"]), ("age", ["16-29", "30+"])):
        for value in values:
            low = draw(st.integers(0, 2))
            high = low + draw(st.integers(0, 3))
            flex = ["0", str(high + 1)] if draw(st.booleans()) else ["", ""]
            name = draw(st.sampled_from(SPELLINGS.get(feature, [feature])))
            rows.append(draw(mutated([name, value, str(low), str(high), *flex])))
    return "\n".join([rows[0], *draw(st.permutations(rows[1:]))])


@st.composite
def people_files(draw: st.DrawFn) -> str:
    """A people file that is usually valid."""
    rows = ["id,gender,age,street"]
    for number in range(draw(st.integers(0, 6))):
        gender = draw(st.sampled_from([*SPELLINGS["Female"], *SPELLINGS["Male"]]))
        age = draw(st.sampled_from([*SPELLINGS["16-29"], *SPELLINGS["30+"]]))
        street = draw(st.sampled_from(["", " ", ".", "12 Main St.", "12 main st", "1 High St"]))
        person = draw(st.sampled_from([f"p{number}", f"p{number} ", "p0"]))
        rows.append(draw(mutated([person, gender, age, street])))
    return "\n".join(rows)


@FUZZ
@given(quotas_text=quota_files(), people_text=people_files(), k=st.integers(0, 4))
def test_csv_like_files_load_or_raise_input_error(
    tmp_path_factory: pytest.TempPathFactory, quotas_text: str, people_text: str, k: int
) -> None:
    folder = tmp_path_factory.mktemp("rows")
    quotas = write(folder, "quotas.csv", quotas_text)
    people = write(folder, "people.csv", people_text)
    try:
        instance = load_instance(people, quotas, k, address_columns=["street"])
    except InputError as error:
        problem: InputError | None = error
    else:
        problem = None
        assert len(instance.pool.people) == len(instance.pool.rows) >= k >= 1
        features = [normalise(feature) for feature in instance.pool.features]
        assert sorted(features) == ["age", "gender"]
        for person in instance.pool.people:
            assert person.values[features.index("gender")] in {"Female", "Male"}
            assert person.values[features.index("age")] in {"16-29", "30+"}
    if problem is not None:
        assert problem.code
        assert "file" in problem.params
