"""Import a pool of registrants from a CSV or XLSX file (e.g. an external panel provider).

Every row is checked before anything is saved: one bad row and nothing is imported. The
ledger records only the number of rows and the file's SHA-256, never a person.
"""

from __future__ import annotations

import hashlib
import random

from minipublic import clock
from minipublic.integrity.record import append
from minipublic.lifecycle import Action, LifecycleError
from minipublic.processes.access import Actor, performs
from minipublic.processes.actions import _actor_role
from minipublic.processes.models import Process
from minipublic.recruitment.addresses import read_records
from minipublic.recruitment.models import Registrant
from minipublic.recruitment.registration import (
    check_answers,
    check_contact,
    contact_keys,
    household_of,
    pseudonym_candidate,
)
from minipublic.tabular import non_blank

CONTACT_COLUMNS = ("first_name", "last_name", "email", "phone", "address", "postcode")


class _KnownRegistrants:
    """The process's registrants held in memory while a file is imported.

    The same rules as ``registration.find_duplicate`` (its ``contact_keys``: an earlier
    registrant, not itself a duplicate, with the same e-mail, or the same name and
    postcode) and ``new_pseudonym``, without two queries per row: a pool of thousands
    imports in seconds instead of minutes.
    """

    def __init__(self, process: Process) -> None:
        self.pseudonyms: set[str] = set()
        self.by_email: dict[str, Registrant] = {}
        self.by_name: dict[tuple[str, str, str], Registrant] = {}
        for registrant in process.registrants.order_by("pk"):
            self.add(registrant)

    def add(self, registrant: Registrant) -> None:
        """Remember ``registrant`` (the first one with a key wins, as ordered by pk)."""
        self.pseudonyms.add(registrant.pseudonym)
        if registrant.duplicate_of_id is not None:
            return
        email_key, name_key = contact_keys(
            registrant.first_name, registrant.last_name, registrant.email, registrant.postcode
        )
        if email_key is not None:
            self.by_email.setdefault(email_key, registrant)
        if name_key is not None:
            self.by_name.setdefault(name_key, registrant)

    def duplicate_of(self, fields: dict[str, str]) -> Registrant | None:
        """The registrant ``fields`` repeats, if any."""
        email_key, name_key = contact_keys(
            fields["first_name"], fields["last_name"], fields["email"], fields["postcode"]
        )
        if email_key is not None and email_key in self.by_email:
            return self.by_email[email_key]
        return None if name_key is None else self.by_name.get(name_key)

    def new_pseudonym(self, rng: random.Random | None) -> str:
        """A pseudonym no registrant of the process has."""
        while True:
            candidate = pseudonym_candidate(rng)
            if candidate not in self.pseudonyms:
                return candidate


@performs(Action.MANAGE_RECRUITMENT)
def do_import_pool(
    actor: Actor,
    process: Process,
    *,
    filename: str,
    content: bytes,
    rng: random.Random | None = None,
) -> int:
    """Add every row of the file to the pool (source "import") and return how many.

    Columns: first_name, last_name, email, phone, address, postcode and one per question
    (header = its name) holding answer names. Errors name the file, row and column.
    ``rng`` seeds the pseudonyms (a demo only; see ``registration.new_pseudonym``).
    """
    features = list(process.features.prefetch_related("values"))
    if not features:
        raise LifecycleError("pool_no_questions", "Set up the questions before importing a pool.")
    records = non_blank(read_records(filename, content))
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
    rows = records[1:]
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
    known = _KnownRegistrants(process)
    for fields, answers in people:
        registrant = Registrant.objects.create(
            process=process,
            pseudonym=known.new_pseudonym(rng),
            source="import",
            answers=answers,
            household=household_of(fields["address"], fields["postcode"]),
            registered_on=today,
            duplicate_of=known.duplicate_of(fields),
            **fields,
        )
        known.add(registrant)
    append(
        process,
        _actor_role(actor, process, Action.MANAGE_RECRUITMENT),
        "pool.imported",
        {"rows": len(people), "sha256": hashlib.sha256(content).hexdigest()},
    )
    return len(people)
