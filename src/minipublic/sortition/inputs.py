"""Turn a people file, a quotas file and a panel size into an ``Instance``.

Quotas may use our layout (feature,value,min,max[,min_flex,max_flex]), the Sortition
Foundation's (the same, or the older category,name,min,max) or the layout of the
Nature paper's replication data (category,feature,min,max). Feature names and values
are matched between the two files ignoring case and spacing; the quotas file's
spelling is kept. Every problem is an ``InputError`` that names the file, the row and
the column, and says what to change.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from minipublic.sortition.errors import InputError
from minipublic.sortition.model import Instance, Person, Pool, Quota
from minipublic.sortition.tables import Table, normalise, read_table

_WHOLE = re.compile(r"\+?([0-9]+)(?:\.0*)?", re.ASCII)
_NEGATIVE = re.compile(r"-\s*[0-9]+(?:\.[0-9]*)?", re.ASCII)
_ADDRESS_PUNCTUATION = str.maketrans("", "", ",.;:")
_LISTED = 5  # how many examples a message lists before "…"


@dataclass(frozen=True)
class QuotaLayout:
    """One accepted header of a quotas file: which columns hold feature and value."""

    name: str
    feature_column: str
    value_column: str

    def describe(self) -> str:
        """The header as a user would write it."""
        return f"{self.feature_column},{self.value_column},min,max"


LAYOUTS = (
    QuotaLayout("feature_value", "feature", "value"),
    QuotaLayout("category_name", "category", "name"),
    QuotaLayout("category_feature", "category", "feature"),
)
"""Accepted quota layouts, tried in this order.

``feature_value``: ours and the Sortition Foundation's; ``category_name``: the older
Sortition Foundation layout; ``category_feature``: the Nature paper's, where
"category" holds the feature and "feature" the value.
"""

_NUMBER_NAMES = {
    "min": "minimum",
    "max": "maximum",
    "min_flex": "lowest minimum a relaxation may use (min_flex)",
    "max_flex": "highest maximum a relaxation may use (max_flex)",
}


def load_instance(
    people_path: str | Path,
    quotas_path: str | Path,
    k: int,
    *,
    id_column: str | None = None,
    address_columns: Sequence[str] = (),
) -> Instance:
    """Read and check both files and the panel size; raise ``InputError`` on any problem."""
    quotas, _layout = read_quotas(read_table(quotas_path))
    pool, warnings = read_pool(read_table(people_path), quotas, id_column, address_columns)
    check_panel_size(k, pool)
    return Instance(pool, tuple(quotas), k, tuple(warnings))


def check_panel_size(k: int, pool: Pool) -> None:
    """Refuse a panel size outside 1..n."""
    n = len(pool.people)
    if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= n:
        raise InputError(
            "bad_panel_size",
            f"The panel size must be a whole number from 1 to the number of people in "
            f"{pool.source} ({n}); got {k!r}. Choose a panel size in that range.",
            file=pool.source,
            k=k,
            n=n,
        )


# ---------------------------------------------------------------------------- quotas


def find_layout(table: Table) -> QuotaLayout:
    """The layout of a quotas table, judged by its header."""
    return _layout_columns(table)[0]


def _layout_columns(table: Table) -> tuple[QuotaLayout, int, int]:
    """The layout and the positions of its feature and value columns."""
    for layout in LAYOUTS:
        feature_at = table.find_column(layout.feature_column)
        value_at = table.find_column(layout.value_column)
        has_bounds = None not in (table.find_column("min"), table.find_column("max"))
        if feature_at is not None and value_at is not None and has_bounds:
            return layout, feature_at, value_at
    accepted = "; ".join(f"'{layout.describe()}'" for layout in LAYOUTS)
    raise InputError(
        "unknown_layout",
        f"{table.source}, row {table.header_row}: the header {table.columns_text()} is not a "
        f"quotas header. The first row must name the columns, in one of these layouts: "
        f"{accepted} (optionally with min_flex,max_flex). Rename the columns to match.",
        file=table.source,
        row=table.header_row,
        header=table.header,
        accepted=tuple(layout.describe() for layout in LAYOUTS),
    )


def read_quotas(table: Table) -> tuple[list[Quota], str]:
    """The quotas of a quotas table, in file order, and the name of its layout.

    Feature names keep the spelling of their first row; values are trimmed.
    """
    layout, feature_at, value_at = _layout_columns(table)
    columns = {name: table.find_column(name) for name in ("min", "max", "min_flex", "max_flex")}
    features: dict[str, str] = {}
    seen: dict[tuple[str, str], int] = {}
    quotas: list[Quota] = []
    for index in range(len(table.rows)):
        feature = _required_text(table, index, feature_at, "feature")
        value = _required_text(table, index, value_at, "value")
        feature = features.setdefault(normalise(feature), feature)
        key = (normalise(feature), normalise(value))
        if key in seen:
            _duplicate_quota(table, seen[key], index, feature, value_at)
        seen[key] = index
        numbers = {name: _whole_number(table, index, at) for name, at in columns.items()}
        quotas.append(_quota(table, index, columns, feature, value, numbers))
    if not quotas:
        raise InputError(
            "no_quotas",
            f"{table.source}: there are no quotas below the header; add one row per "
            "feature value with its minimum and maximum.",
            file=table.source,
        )
    return quotas, layout.name


def _quota(
    table: Table,
    index: int,
    columns: dict[str, int | None],
    feature: str,
    value: str,
    numbers: dict[str, int | None],
) -> Quota:
    low = _required_number(table, index, columns, numbers, "min")
    high = _required_number(table, index, columns, numbers, "max")
    low_flex, high_flex = numbers["min_flex"], numbers["max_flex"]
    if low > high:
        raise InputError(
            "min_above_max",
            f"{_where(table, index, columns['min'], 'min')}: the minimum {low} is greater than "
            f"the maximum {high}; make the minimum at most the maximum.",
            **_params(table, index, columns["min"], "min"),
        )
    if (low_flex is None) != (high_flex is None):
        given, blank = ("min_flex", "max_flex") if high_flex is None else ("max_flex", "min_flex")
        raise InputError(
            "flex_pair",
            f"{_where(table, index, columns[blank], blank)}: {blank} is blank but {given} is "
            f"given; fill in both {blank} and {given}, or leave both blank.",
            **_params(table, index, columns[blank], blank),
        )
    if low_flex is not None and low_flex > low:
        raise InputError(
            "bad_min_flex",
            f"{_where(table, index, columns['min_flex'], 'min_flex')}: min_flex {low_flex} is "
            f"greater than the minimum {low}; a relaxation may only lower the minimum, so "
            f"write a min_flex of at most {low}.",
            **_params(table, index, columns["min_flex"], "min_flex"),
        )
    if high_flex is not None and high_flex < high:
        raise InputError(
            "bad_max_flex",
            f"{_where(table, index, columns['max_flex'], 'max_flex')}: max_flex {high_flex} is "
            f"less than the maximum {high}; a relaxation may only raise the maximum, so "
            f"write a max_flex of at least {high}.",
            **_params(table, index, columns["max_flex"], "max_flex"),
        )
    return Quota(feature, value, low, high, low_flex, high_flex)


def _required_number(
    table: Table,
    index: int,
    columns: dict[str, int | None],
    numbers: dict[str, int | None],
    name: str,
) -> int:
    number = numbers[name]
    if number is None:
        raise InputError(
            "missing_number",
            f"{_where(table, index, columns[name], name)}: the {_NUMBER_NAMES[name]} is "
            f"blank; write the {_NUMBER_NAMES[name]} as a number such as 0.",
            **_params(table, index, columns[name], name),
        )
    return number


def _required_text(table: Table, index: int, at: int, what: str) -> str:
    text = table.rows[index][at].strip()
    if not text:
        advice = (
            "write the feature's name (a column of the people file)"
            if what == "feature"
            else "write the value, as it appears in the people file"
        )
        raise InputError(
            f"blank_{what}",
            f"{_where(table, index, at)}: the {what} is blank; {advice}, or delete the row.",
            **_params(table, index, at),
        )
    return text


def _whole_number(table: Table, index: int, at: int | None) -> int | None:
    """The whole number in a cell; None if the cell is blank or the column is absent."""
    if at is None:
        return None
    raw = table.rows[index][at]
    text = raw.strip()
    if not text:
        return None
    match = _WHOLE.fullmatch(text)
    if match:
        return int(match.group(1))
    name = normalise(table.header[at])
    label = _NUMBER_NAMES.get(name, name)
    if _NEGATIVE.fullmatch(text):
        problem, code = "is negative", "negative_number"
    else:
        problem, code = "is not a whole number", "bad_number"
    raise InputError(
        code,
        f"{_where(table, index, at)}: '{text}' {problem}; write the {label} as a whole number "
        f"of 0 or more, such as 10.",
        value=raw,
        **_params(table, index, at),
    )


def _duplicate_quota(table: Table, first: int, again: int, feature: str, at: int) -> NoReturn:
    rows = table.row_numbers
    raise InputError(
        "duplicate_quota",
        f"{table.source}, rows {rows[first]} and {rows[again]}, column '{table.header[at]}': "
        f"{feature} '{table.rows[first][at].strip()}' and '{table.rows[again][at].strip()}' "
        f"are the same value (capitals and spaces do not count); keep only one of the rows.",
        first_row=rows[first],
        **_params(table, again, at),
    )


# ---------------------------------------------------------------------------- people


@dataclass
class _Spellings:
    """People-file spellings that differ from the canonical value of one quota."""

    variants: dict[str, None]
    rows: int = 0


def read_pool(
    table: Table,
    quotas: Sequence[Quota],
    id_column: str | None = None,
    address_columns: Sequence[str] = (),
) -> tuple[Pool, list[str]]:
    """The pool of a people table, matched against ``quotas``, and warnings for the user.

    Warnings report values read only after ignoring case and spacing, and people with a
    blank address (who are never placed in a household).
    """
    if not table.rows:
        raise InputError(
            "no_people",
            f"{table.source}: there are no people below the header; add one row per person.",
            file=table.source,
        )
    features = tuple(dict.fromkeys(quota.feature for quota in quotas))
    feature_at = [_feature_column(table, feature) for feature in features]
    allowed: list[dict[str, str]] = [{} for _ in features]
    for quota in quotas:
        allowed[features.index(quota.feature)].setdefault(normalise(quota.value), quota.value)
    id_at = _id_column(table, id_column)
    address_at = [_named_column(table, name, "address column") for name in address_columns]
    spellings: dict[tuple[int, str], _Spellings] = {}
    ids: dict[str, int] = {}
    people: list[Person] = []
    for index in range(len(table.rows)):
        values = tuple(
            _canonical_value(table, index, at, allowed[f], spellings, (f, features[f]))
            for f, at in enumerate(feature_at)
        )
        person_id = str(index + 1) if id_at is None else _person_id(table, index, id_at, ids)
        people.append(Person(person_id, table.row_numbers[index], values))
    households, homeless = _households(table, address_at)
    people = [
        Person(person.id, person.row, person.values, household)
        for person, household in zip(people, households, strict=True)
    ]
    warnings = _spelling_warnings(features, allowed, spellings)
    if homeless:
        warnings.append(_homeless_warning(table, address_at, homeless))
    pool = Pool(
        source=table.source,
        header=table.header,
        rows=table.rows,
        features=features,
        people=tuple(people),
        id_column=None if id_at is None else table.header[id_at],
    )
    return pool, warnings


def _feature_column(table: Table, feature: str) -> int:
    at = table.find_column(feature)
    if at is None:
        raise InputError(
            "unknown_feature",
            f"{table.source}, row {table.header_row} (the header): the quotas name the feature "
            f"'{feature}', but this file has no "
            f"column of that name; its columns are {table.columns_text()}. Rename the "
            f"feature in the quotas or the column in {table.source} so that they match.",
            file=table.source,
            row=table.header_row,
            column=feature,
            feature=feature,
            columns=table.header,
        )
    return at


def _named_column(table: Table, name: str, what: str) -> int:
    at = table.find_column(name)
    if at is None:
        raise InputError(
            "missing_column",
            f"{table.source}, row {table.header_row} (the header): there is no {what} "
            f"'{name}'; the columns are "
            f"{table.columns_text()}. Give the name of one of them.",
            file=table.source,
            row=table.header_row,
            column=name,
            columns=table.header,
        )
    return at


def _id_column(table: Table, id_column: str | None) -> int | None:
    if id_column is not None:
        return _named_column(table, id_column, "id column")
    return table.find_column("id")


def _person_id(table: Table, index: int, at: int, ids: dict[str, int]) -> str:
    person_id = table.rows[index][at].strip()
    if not person_id:
        raise InputError(
            "blank_id",
            f"{_where(table, index, at)}: the id is blank; give every person an id.",
            **_params(table, index, at),
        )
    if person_id in ids:
        first = table.row_numbers[ids[person_id]]
        raise InputError(
            "duplicate_id",
            f"{table.source}, rows {first} and {table.row_numbers[index]}, column "
            f"'{table.header[at]}': the id '{person_id}' appears twice; every person needs "
            "an id of their own, so correct or delete one of the rows.",
            first_row=first,
            value=person_id,
            **_params(table, index, at),
        )
    ids[person_id] = index
    return person_id


def _canonical_value(
    table: Table,
    index: int,
    at: int,
    allowed: dict[str, str],
    spellings: dict[tuple[int, str], _Spellings],
    feature: tuple[int, str],
) -> str:
    raw = table.rows[index][at]
    canonical = allowed.get(normalise(raw))
    if canonical is None:
        _unknown_value(table, index, at, allowed, feature[1])
    if raw != canonical:
        seen = spellings.setdefault((feature[0], canonical), _Spellings({}))
        seen.variants[raw] = None
        seen.rows += 1
    return canonical


def _unknown_value(
    table: Table, index: int, at: int, allowed: dict[str, str], feature: str
) -> NoReturn:
    raw = table.rows[index][at]
    choices = ", ".join(f"'{value}'" for value in allowed.values())
    where = _where(table, index, at)
    if not raw.strip():
        raise InputError(
            "missing_value",
            f"{where}: the cell is blank; every person needs one of the values {choices}. "
            "Fill it in, or remove the person from the file.",
            allowed=tuple(allowed.values()),
            feature=feature,
            **_params(table, index, at),
        )
    key = normalise(raw)
    others = sum(1 for row in table.rows[index + 1 :] if normalise(row[at]) == key)
    also = f" (also in {others} more row{'s' if others > 1 else ''})" if others else ""
    quote = (
        ' The cell runs over several lines: a quote mark (") may be missing its partner.'
        if "\n" in raw
        else ""
    )
    raise InputError(
        "unknown_value",
        f"{where}: '{raw.strip()}'{also} is not a value of the quotas for "
        f"'{feature}'; the values are {choices}. Correct the value, or add a "
        f"quota row for it (with minimum 0 if it needs no seats).{quote}",
        value=raw,
        allowed=tuple(allowed.values()),
        feature=feature,
        **_params(table, index, at),
    )


def _spelling_warnings(
    features: tuple[str, ...],
    allowed: list[dict[str, str]],
    spellings: dict[tuple[int, str], _Spellings],
) -> list[str]:
    warnings = []
    for f, feature in enumerate(features):
        for canonical in allowed[f].values():
            seen = spellings.get((f, canonical))
            if seen is None:
                continue
            variants = _and_list([f"'{variant}'" for variant in seen.variants])
            rows = "1 row" if seen.rows == 1 else f"{seen.rows} rows"
            warnings.append(f"{feature}: {variants} read as '{canonical}' ({rows})")
    return warnings


# ------------------------------------------------------------------------- households


def address_key(parts: Sequence[str]) -> tuple[str, ...]:
    """The normalised address: case, spacing and the characters , . ; : do not count."""
    return tuple(normalise(part.translate(_ADDRESS_PUNCTUATION)) for part in parts)


def _households(table: Table, address_at: Sequence[int]) -> tuple[list[int | None], list[int]]:
    """Household number of each person (None without a complete address) and the rows
    lacking one."""
    if not address_at:
        return [None] * len(table.rows), []
    numbers: dict[tuple[str, ...], int] = {}
    households: list[int | None] = []
    homeless: list[int] = []
    for index, row in enumerate(table.rows):
        key = address_key([row[at] for at in address_at])
        if not all(key):  # a partial address (only a postcode, say) is no household either
            households.append(None)
            homeless.append(table.row_numbers[index])
            continue
        households.append(numbers.setdefault(key, len(numbers)))
    return households, homeless


def _homeless_warning(table: Table, address_at: Sequence[int], rows: list[int]) -> str:
    columns = ", ".join(table.header[at] for at in address_at)
    plural = "s" if len(address_at) > 1 else ""
    missing = "no complete address" if plural else "no address"
    listed = ", ".join(str(row) for row in rows[:_LISTED])
    more = " …" if len(rows) > _LISTED else ""
    if len(rows) == 1:
        return (
            f"1 person has {missing} in column{plural} {columns} (row {listed}); "
            "they are not placed in any household."
        )
    return (
        f"{len(rows)} people have {missing} in column{plural} {columns} "
        f"(rows {listed}{more}); they are not treated as one household."
    )


# ---------------------------------------------------------------------------- helpers


def _where(table: Table, index: int, at: int | None, name: str | None = None) -> str:
    """'file, row N, column 'c'' for a cell (``name`` when the column is absent)."""
    column = table.header[at] if at is not None else name
    return f"{table.source}, row {table.row_numbers[index]}, column '{column}'"


def _params(table: Table, index: int, at: int | None, name: str | None = None) -> dict[str, object]:
    column = table.header[at] if at is not None else name
    return {"file": table.source, "row": table.row_numbers[index], "column": column}


def _and_list(items: Sequence[str]) -> str:
    if len(items) > _LISTED:
        items = [*items[:_LISTED], f"{len(items) - _LISTED} more"]
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]
