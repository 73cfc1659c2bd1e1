"""``minipublic conformance``: re-evaluate the standards nightly, so a label follows deadlines."""

from __future__ import annotations

from typing import Annotated

import typer

from minipublic.cli.django_setup import fail, out, setup_django


def conformance(
    process_slug: Annotated[
        str | None,
        typer.Option("--process", help="Only this process (its short name); all if omitted."),
    ] = None,
) -> None:
    """Re-evaluate every process against the standards and log each changed label or gate.

    Run it daily (e.g. by cron): a deadline that passes (a response not published in time)
    changes the label even when nobody acts.
    """
    setup_django()
    from minipublic.conformance.actions import do_reevaluate
    from minipublic.integrity.models import LedgerEntry
    from minipublic.processes.access import SYSTEM
    from minipublic.processes.models import Process

    processes = Process.objects.order_by("slug")
    if process_slug is not None:
        processes = processes.filter(slug=process_slug)
        if not processes.exists():
            raise fail(f"there is no process called {process_slug!r}.")
    for process in processes:
        before = LedgerEntry.objects.filter(process=process).count()
        report = do_reevaluate(SYSTEM, process)
        changed = LedgerEntry.objects.filter(process=process).count() > before
        note = "label or gates changed, logged" if changed else "unchanged"
        out.print(f"{process.slug}: {report.label} ({note}).", highlight=False)
