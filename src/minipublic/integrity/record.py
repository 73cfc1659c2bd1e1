"""Append to a process's ledger, read its head and check the stored chain.

``append`` is the only code that adds ledger rows. It runs in a transaction holding the
process row locked (on SQLite, IMMEDIATE transactions serialise writers), so the head it
reads is the head it extends; the unique (process, sequence) constraint refuses a fork
should anything else try.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from minipublic import clock
from minipublic.integrity.models import LedgerEntry
from minipublic.ledger import GENESIS, Entry, LedgerError, Problem, format_time, make_entry
from minipublic.ledger.verify import verify_chain
from minipublic.processes.models import Process


def append(
    process: Process,
    actor_role: str,
    event: str,
    payload: Mapping[str, Any],
    private_fields: Iterable[str] = (),
    *,
    time: str | None = None,
) -> LedgerEntry:
    """Add the entry recording ``event`` to the end of ``process``'s ledger and return it.

    Top-level ``private_fields`` of ``payload`` stay in the database; the public record
    holds only a salted commitment to each (see ``minipublic.ledger.entries``). ``time``
    replaces the entry's time (now, to the second), e.g. with ``format_time(now, "day")``
    so that an anonymous report's entry reveals only its day.
    """
    private = list(dict.fromkeys(private_fields))
    with transaction.atomic():
        Process.objects.select_for_update().only("pk").get(pk=process.pk)
        last = LedgerEntry.objects.filter(process=process).order_by("-sequence").first()
        entry = make_entry(
            None if last is None else last.to_entry(),
            format_time(clock.now()) if time is None else time,
            actor_role,
            event,
            payload,
            private,
        )
        return LedgerEntry.objects.create(
            process=process,
            sequence=entry.sequence,
            time=entry.time,
            actor_role=entry.actor_role,
            event=entry.event,
            payload=entry.payload,
            salts=entry.salts,
            private_fields=private,
            previous=entry.previous,
            hash=entry.hash,
        )


def entries(process: Process) -> QuerySet[LedgerEntry]:
    """The stored entries of ``process``, in order."""
    return LedgerEntry.objects.filter(process=process).order_by("sequence")


def head(process: Process) -> str:
    """The hash of the last entry of ``process``'s ledger (GENESIS while it is empty)."""
    last = entries(process).values_list("hash", flat=True).last()
    return GENESIS if last is None else str(last)


def ledger_entries(process: Process) -> list[Entry]:
    """The entries of ``process`` as ledger entries; LedgerError if a row fails its hash."""
    return [row.to_entry() for row in entries(process)]


def public_entries(process: Process) -> list[dict[str, Any]]:
    """The public records of ``process``'s ledger (what ledger.jsonl publishes)."""
    return [entry.public_record() for entry in ledger_entries(process)]


def verify_database(process: Process | None = None) -> list[Problem]:
    """Problems of the stored ledgers (of ``process``, or of every process); empty if sound.

    Each row is rebuilt from its private copy, so a changed payload, salt or hash is
    noticed, and the rebuilt public records are checked as a chain. Every problem's
    message names the process and the entry.
    """
    processes = [process] if process is not None else list(Process.objects.order_by("slug", "pk"))
    problems: list[Problem] = []
    for item in processes:
        problems.extend(_process_problems(item))
    return problems


def _process_problems(process: Process) -> list[Problem]:
    rows: list[dict[str, Any]] = []
    for row in entries(process):
        try:
            rows.append(row.to_entry().public_record())
        except (LedgerError, KeyError, TypeError, ValueError) as error:
            return [
                Problem(
                    "row_broken",
                    f"process {process.slug}: entry {row.sequence} is broken: {error}",
                    entry=row.sequence,
                    params={"slug": process.slug},
                )
            ]
    return [
        Problem(
            problem.code,
            f"process {process.slug}: {problem.message}",
            entry=problem.entry,
            file=problem.file,
            params={**problem.params, "slug": process.slug},
        )
        for problem in verify_chain(rows)
    ]
