"""Replacements: complete a drawn panel after some of its members drop out.

The panel keeps its confirmed members. Replacements come from the rest of the pool:
not the confirmed members, not the dropouts, and nobody who shares a household with a
confirmed member. The panel size shrinks by the number of confirmed members, and every
quota's minimum and maximum by the confirmed members who have its value (a minimum
never below 0). The reduced problem is an ordinary ``Instance`` whose ``replacement``
records how it was made, so the usual machinery computes the fair lottery over the
replacements, commits to it (the commitment also covers the original quotas, the
confirmed members and the dropouts) and draws from it; ``minipublic verify`` and
``minipublic certify`` check the result like any selection.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from minipublic.sortition.algorithms import Algorithm
from minipublic.sortition.errors import InfeasibleQuotasError, InputError
from minipublic.sortition.inputs import load_instance
from minipublic.sortition.model import Instance, Person, Pool, Quota, Replacement
from minipublic.sortition.outputs import draw_panel, write_commitment
from minipublic.sortition.progress import Progress
from minipublic.sortition.report import add_draw
from minipublic.sortition.select import Selection, run_selection
from minipublic.sortition.tables import normalise, read_table

FULL_PANEL = "full_panel.csv"
_LISTED = 5  # how many examples a message lists before "…"


@dataclass(frozen=True)
class GivenId:
    """An id as the user gave it, with where it was given (for messages)."""

    id: str
    source: str
    row: int | None = None
    column: str | None = None

    def where(self) -> str:
        """'file, row N, column 'c'' (as far as known)."""
        text = self.source
        if self.row is not None:
            text += f", row {self.row}"
        if self.column is not None:
            text += f", column '{self.column}'"
        return text

    def params(self) -> dict[str, object]:
        """The error parameters that locate this id."""
        return {"file": self.source, "row": self.row, "column": self.column, "value": self.id}


# ---------------------------------------------------------------- the reduced instance


def replacement_instance(
    instance: Instance, confirmed_ids: Iterable[str], dropout_ids: Iterable[str]
) -> Instance:
    """The instance that selects replacements for ``dropout_ids``, keeping ``confirmed_ids``.

    Its pool is ``instance``'s minus the confirmed members, the dropouts and everyone
    who shares a household with a confirmed member; its panel size is k minus the
    confirmed members; each quota's bounds are lowered by the confirmed members with
    that value (minimums not below 0). Raises ``InputError`` for ids that are not in
    the pool, and ``InfeasibleQuotasError`` when the confirmed members alone exceed a
    maximum or share a household, or too few people are left.
    """
    pool = instance.pool
    index = pool.index_of()
    confirmed = _positions(pool, index, confirmed_ids, "a confirmed member")
    dropouts = _positions(pool, index, dropout_ids, "a dropout")
    both = [i for i in confirmed if i in set(dropouts)]
    if both:
        raise InputError(
            "confirmed_dropout",
            f"'{pool.people[both[0]].id}' is both a confirmed member and a dropout; "
            "list each panel member as one or the other.",
            value=pool.people[both[0]].id,
        )
    if not dropouts:
        raise InputError(
            "no_dropouts",
            "No dropouts were given, so there is nobody to replace; give the ids of the "
            "panel members who dropped out.",
        )
    needed = instance.k - len(confirmed)
    if needed < 1:
        raise InputError(
            "nothing_to_replace",
            f"There are {len(confirmed)} confirmed members for a panel of {instance.k}, so "
            "there is no seat to fill; check the panel size and the list of dropouts.",
            k=instance.k,
            confirmed=len(confirmed),
        )
    members = tuple(pool.people[i] for i in sorted(confirmed))
    _check_households(members)
    quotas = shifted_quotas(instance, members)
    homes = {person.household for person in members if person.household is not None}
    gone = set(confirmed) | set(dropouts)
    housemates = [
        i
        for i, person in enumerate(pool.people)
        if i not in gone and person.household is not None and person.household in homes
    ]
    keep = [i for i in range(len(pool.people)) if i not in gone and i not in set(housemates)]
    if needed > len(keep):
        message = (
            f"No panel can be completed: {needed} replacements are needed but only "
            f"{len(keep)} people are left in {pool.source} once the confirmed members, the "
            "dropouts and the confirmed members' housemates are set aside."
        )
        raise InfeasibleQuotasError(
            "pool_too_small", message, conflicts=[message], relaxation=None, unreachable=[]
        )
    reduced = Pool(
        source=pool.source,
        header=pool.header,
        rows=tuple(pool.rows[i] for i in keep),
        features=pool.features,
        people=tuple(pool.people[i] for i in keep),
        id_column=pool.id_column,
    )
    record = Replacement(
        k=instance.k,
        quotas=instance.quotas,
        confirmed=members,
        dropouts=tuple(pool.people[i].id for i in sorted(dropouts)),
        housemates=tuple(pool.people[i].id for i in housemates),
    )
    return Instance(reduced, quotas, needed, instance.warnings, record)


def shifted_quotas(instance: Instance, confirmed: Sequence[Person]) -> tuple[Quota, ...]:
    """The quotas less what ``confirmed`` already fill; refuses a maximum they exceed."""
    features = instance.pool.features
    have = Counter(
        (feature, person.values[f]) for person in confirmed for f, feature in enumerate(features)
    )
    over: list[str] = []
    shifted = []
    for quota in instance.quotas:
        c = have[(quota.feature, quota.value)]
        if c > quota.max:
            over.append(
                f"{quota.feature} {quota.value} max {quota.max} but {c} confirmed members "
                "already have it"
            )
            continue
        shifted.append(
            Quota(
                quota.feature,
                quota.value,
                max(0, quota.min - c),
                quota.max - c,
                None if quota.min_flex is None else max(0, quota.min_flex - c),
                None if quota.max_flex is None else quota.max_flex - c,
            )
        )
    if over:
        lines = ["No panel can meet the quotas: the confirmed members alone exceed a maximum."]
        lines += [f"  - {conflict}" for conflict in over]
        lines.append("Raise those maximums, or check the list of dropouts.")
        raise InfeasibleQuotasError(
            "confirmed_above_max", "\n".join(lines), conflicts=over, relaxation=None, unreachable=[]
        )
    return tuple(shifted)


def _positions(pool: Pool, index: dict[str, int], ids: Iterable[str], what: str) -> list[int]:
    """Pool positions of ``ids`` in the order given, without repeats."""
    found: dict[int, None] = {}
    for raw in ids:
        person_id = str(raw).strip()
        at = index.get(person_id)
        if at is None:
            column = f" (column '{pool.id_column}')" if pool.id_column else " (row numbers)"
            raise InputError(
                "unknown_id",
                f"{pool.source}: there is nobody with the id '{person_id}'{column}, given as "
                f"{what}; use the ids of the people file the panel was drawn from.",
                file=pool.source,
                column=pool.id_column,
                value=person_id,
            )
        found[at] = None
    return list(found)


def _check_households(confirmed: Sequence[Person]) -> None:
    homes: dict[int, list[str]] = {}
    for person in confirmed:
        if person.household is not None:
            homes.setdefault(person.household, []).append(person.id)
    shared = [ids for ids in homes.values() if len(ids) > 1]
    if shared:
        conflicts = [f"confirmed members {', '.join(ids)} share a household" for ids in shared]
        raise InfeasibleQuotasError(
            "confirmed_housemates",
            "No panel can meet the household rule (at most one person per household): "
            + "; ".join(conflicts)
            + ". Keep only one of them, or check the address columns.",
            conflicts=conflicts,
            relaxation=None,
            unreachable=[],
        )


# ---------------------------------------------------------------- reading the panel


def read_panel(path: str | Path, pool: Pool) -> list[GivenId]:
    """The members of a drawn panel (panel.csv or full_panel.csv), checked against ``pool``.

    The ids are in the people file's id column (``'id'`` when the people file had none,
    as minipublic writes it).
    """
    table = read_table(path)
    name = pool.id_column or "id"
    at = table.find_column(name)
    if at is None:
        raise InputError(
            "missing_column",
            f"{table.source}, row {table.header_row} (the header): there is no id column "
            f"'{name}'; its columns are {table.columns_text()}. Give the panel file written by "
            "minipublic select (panel.csv), or one with the people file's id column.",
            file=table.source,
            row=table.header_row,
            column=name,
        )
    index = pool.index_of()
    members: list[GivenId] = []
    seen: dict[str, GivenId] = {}
    for row, number in zip(table.rows, table.row_numbers, strict=True):
        given = GivenId(row[at].strip(), table.source, number, table.header[at])
        if not given.id:
            _refuse("blank_id", given, "the id is blank; every panel member needs an id.")
        if given.id in seen:
            _refuse(
                "duplicate_id",
                given,
                f"the id '{given.id}' appears twice (also row {seen[given.id].row}); "
                "list each panel member once.",
            )
        if given.id not in index:
            _refuse(
                "unknown_id",
                given,
                f"the id '{given.id}' is not in the pool {pool.source}; use the people file "
                "(and --id-column) the panel was drawn from.",
            )
        seen[given.id] = given
        members.append(given)
    return members


def read_dropouts(text: str) -> list[GivenId]:
    """Dropout ids: comma-separated text, or the name of a file with one id per line."""
    path = Path(text)
    if text.strip() and path.is_file():
        try:
            content = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(
                "not_utf8", f"{text}: the file is not UTF-8 text; save it as UTF-8.", file=text
            ) from None
        except OSError as error:
            raise InputError(
                "unreadable_file", f"{text}: the file cannot be read ({error}).", file=text
            ) from None
        return [
            GivenId(line.strip(), text, number)
            for number, line in enumerate(content.splitlines(), start=1)
            if line.strip()
        ]
    return [GivenId(part.strip(), "--dropouts") for part in text.split(",") if part.strip()]


def split_panel(
    panel: Sequence[GivenId], dropouts: Sequence[GivenId], k: int, id_column: str
) -> tuple[list[str], list[str]]:
    """The confirmed members (the panel minus the dropouts) and the dropouts, checked.

    The panel must have ``k`` members and every dropout must be one of them; a first
    line of a dropouts file that is just the id column's name is skipped as a header.
    """
    source = panel[0].source if panel else "the panel file"
    if len(panel) != k:
        raise InputError(
            "panel_size_mismatch",
            f"{source}: the panel has {len(panel)} members but the panel size (--size) is "
            f"{k}; give the panel size of the original selection.",
            file=source,
            k=k,
            members=len(panel),
        )
    on_panel = {member.id for member in panel}
    listed = list(dropouts)
    if listed and _is_header(listed[0], id_column, on_panel):
        listed = listed[1:]
    for given in listed:
        if given.id not in on_panel:
            hint = ""
            if given.source == "--dropouts" and len(listed) == 1:
                hint = f" (there is no file called '{given.id}' either)"
            _refuse(
                "unknown_dropout",
                given,
                f"'{given.id}' is not a member of the panel in {source}{hint}; give the ids "
                f"(column '{id_column}') of panel members who dropped out.",
            )
    if not listed:
        raise InputError(
            "no_dropouts",
            "No dropouts were given, so there is nobody to replace; give the ids of the "
            "panel members who dropped out (comma-separated, or a file with one id per line).",
        )
    gone = {given.id for given in listed}
    confirmed = [member.id for member in panel if member.id not in gone]
    return confirmed, list(dict.fromkeys(given.id for given in listed))


def _is_header(given: GivenId, id_column: str, on_panel: set[str]) -> bool:
    """Whether the first line of a dropouts file is just the id column's name."""
    return (
        given.row == 1 and given.id not in on_panel and normalise(given.id) == normalise(id_column)
    )


def _refuse(code: str, given: GivenId, problem: str) -> NoReturn:
    raise InputError(code, f"{given.where()}: {problem}", **given.params())


def load_replacement(
    people: str | Path,
    quotas: str | Path,
    k: int,
    panel: str | Path,
    dropouts: str,
    *,
    id_column: str | None = None,
    address_columns: Sequence[str] = (),
) -> tuple[Instance, Instance]:
    """Read the files of a replacement: (the original instance, the reduced instance)."""
    original = load_instance(
        people, quotas, k, id_column=id_column, address_columns=address_columns
    )
    members = read_panel(panel, original.pool)
    confirmed, dropped = split_panel(
        members, read_dropouts(dropouts), k, original.pool.id_column or "id"
    )
    return original, replacement_instance(original, confirmed, dropped)


# ---------------------------------------------------------------- selecting and drawing


def run_replacement(
    instance: Instance,
    *,
    algorithm: Algorithm = Algorithm.LEXIMIN,
    lottery_size: int = 1000,
    progress: Progress | None = None,
) -> Selection:
    """``run_selection`` on a reduced instance; infeasibility is explained for replacements."""
    try:
        return run_selection(
            instance, algorithm=algorithm, lottery_size=lottery_size, progress=progress
        )
    except InfeasibleQuotasError as error:
        record = instance.replacement
        if record is None:
            raise
        preface = (
            f"No replacements can complete the panel. The quotas below count only the "
            f"{instance.k} replacements (each quota less the {len(record.confirmed)} confirmed "
            f"members who have its value), chosen from the {instance.n} people left in the pool."
        )
        raise InfeasibleQuotasError(
            error.code, f"{preface}\n{error}", **dict(error.params)
        ) from None


def write_replacement_commitment(
    selection: Selection, directory: Path, context: dict[str, Any]
) -> str:
    """``write_commitment`` for replacements (removing a stale full panel); the hash."""
    (directory / FULL_PANEL).unlink(missing_ok=True)
    return write_commitment(selection, directory, context)


def draw_replacements(
    original: Instance,
    instance: Instance,
    directory: Path,
    randomness: str,
    *,
    mode: str,
    note: str = "",
) -> dict[str, Any]:
    """Draw the replacements; writes draw.json, panel.csv, full_panel.csv and the report."""
    try:
        result = draw_panel(instance, directory, randomness, mode=mode, note=note)
    except InputError as error:
        if error.code == "not_committed":
            message = str(error).replace("minipublic select", "minipublic replace")
        elif error.code == "inputs_changed":
            message = (
                f"The people, quotas, panel or dropouts differ from those committed in "
                f"{directory / 'commitment.json'}; draw with exactly the committed files and "
                "dropouts (or make a new commitment before the draw)."
            )
        else:
            raise
        raise InputError(error.code, message, **dict(error.params)) from None
    add_draw(directory, instance, result, note)
    write_full_panel(original, instance, directory, result["panel"])
    return result


def full_panel_ids(instance: Instance, drawn: Sequence[str]) -> list[str]:
    """The whole panel: the confirmed members, then the drawn replacements."""
    record = instance.replacement
    confirmed = [person.id for person in record.confirmed] if record else []
    return [*confirmed, *drawn]


def write_full_panel(
    original: Instance, instance: Instance, directory: Path, drawn: Sequence[str]
) -> list[str]:
    """Write full_panel.csv (every column of the people file) and return its ids."""
    ids = full_panel_ids(instance, drawn)
    index = original.pool.index_of()
    header = list(original.pool.header)
    rows = [list(original.pool.rows[index[i]]) for i in ids]
    if original.pool.id_column is None:  # the people file had no ids: name the row numbers
        header, rows = ["id", *header], [[i, *row] for i, row in zip(ids, rows, strict=True)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    (directory / FULL_PANEL).write_bytes(buffer.getvalue().encode("utf-8"))
    return ids


def check_output_directory(directory: Path, panel: Path) -> None:
    """Refuse to write replacements over the original selection or the panel file."""
    if panel.resolve() in {(directory / name).resolve() for name in ("panel.csv", FULL_PANEL)}:
        raise InputError(
            "panel_in_output",
            f"{panel}: the replacements would be written over this panel file; choose "
            "another --out directory, or copy the panel file elsewhere first.",
            file=str(panel),
        )
    inputs = directory / "inputs.json"
    if not inputs.is_file():
        return
    try:
        document = json.loads(inputs.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        document = {}
    if not isinstance(document, dict) or "replacement" not in document:
        raise InputError(
            "not_a_replacement_directory",
            f"{directory} holds a selection that is not a replacement; write the "
            "replacements to another directory (--out) so that its record stays intact.",
            file=str(directory),
        )


def describe(instance: Instance) -> str:
    """One sentence on what a replacement instance does."""
    record = instance.replacement
    if record is None:
        return f"Selecting {instance.k} of {instance.n} people."
    shown = ", ".join(record.dropouts[:_LISTED]) + (" …" if len(record.dropouts) > _LISTED else "")
    housemates = (
        f"; {_many(len(record.housemates), 'housemate', 'housemates')} of confirmed members "
        "set aside"
        if record.housemates
        else ""
    )
    return (
        f"Keeping {_many(len(record.confirmed), 'confirmed member', 'confirmed members')} of "
        f"the panel of {record.k}; replacing {_many(len(record.dropouts), 'dropout', 'dropouts')}"
        f" ({shown}) with {_many(instance.k, 'person', 'people')} from the {instance.n} left "
        f"in the pool{housemates}."
    )


def _many(number: int, one: str, several: str) -> str:
    return f"{number} {one if number == 1 else several}"
