"""Import a pool of registrants from a CSV or XLSX file (e.g. an external panel provider).

Every row is checked before anything is saved: one bad row and nothing is imported. The
ledger records only the number of rows and the file's SHA-256, never a person.
"""

from __future__ import annotations

import hashlib

from minipublic import clock
from minipublic.integrity.record import append
from minipublic.lifecycle import Action, LifecycleError
from minipublic.processes.access import Actor, performs
from minipublic.processes.actions import _actor_role
from minipublic.processes.models import Process
from minipublic.recruitment.addresses import _records
from minipublic.recruitment.models import Registrant
from minipublic.recruitment.registration import (
    check_answers,
    check_contact,
    find_duplicate,
    household_of,
    new_pseudonym,
)

CONTACT_COLUMNS = ("first_name", "last_name", "email", "phone", "address", "postcode")


@performs(Action.MANAGE_RECRUITMENT)
def do_import_pool(actor: Actor, process: Process, *, filename: str, content: bytes) -> int:
    """Add every row of the file to the pool (source "import") and return how many.

    Columns: first_name, last_name, email, phone, address, postcode and one per question
    (header = its name) holding answer names. Errors name the file, row and column.
    """
    features = list(process.features.prefetch_related("values"))
    if not features:
        raise LifecycleError("pool_no_questions", "Set up the questions before importing a pool.")
    records = _records(filename, content)
    header = [cell.strip().casefold() for cell in records[0][1]] if records else []
    needed = [*CONTACT_COLUMNS[:2], *(feature.name for feature in features)]
    for column in needed:
        if column not in header:
            raise LifecycleError(
                "pool_column_missing",
                "{file}: there is no column {column}. The columns are: {columns}.",
                file=filename,
                column=column,
                columns=", ".join(header),
            )
    rows = [(n, cells) for n, cells in records[1:] if any(c.strip() for c in cells)]
    if not rows:
        raise LifecycleError("pool_no_rows", "{file} has no rows below its header.", file=filename)
    people = []
    for number, cells in rows:
        cell = {name: (cells[i] if i < len(cells) else "").strip() for i, name in enumerate(header)}
        where = f"{filename}, row {number}, column "
        fields = {name: cell.get(name, "") for name in CONTACT_COLUMNS}
        check_contact(fields, where)
        people.append((fields, check_answers(features, cell, where)))
    today = clock.now().date()
    for fields, answers in people:
        Registrant.objects.create(
            process=process,
            pseudonym=new_pseudonym(process),
            source="import",
            answers=answers,
            household=household_of(fields["address"], fields["postcode"]),
            registered_on=today,
            duplicate_of=find_duplicate(
                process, **{k: fields[k] for k in ("first_name", "last_name", "email", "postcode")}
            ),
            **fields,
        )
    append(
        process,
        _actor_role(actor, process, Action.MANAGE_RECRUITMENT),
        "pool.imported",
        {"rows": len(people), "sha256": hashlib.sha256(content).hexdigest()},
    )
    return len(people)
