"""``minipublic release-reports`` and ``erase-personal-data``: the nightly integrity jobs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from minipublic.cli.django_setup import fail, out, setup_django

if TYPE_CHECKING:
    from minipublic.recruitment.retention import Retention


def release_reports(
    slug: Annotated[
        str | None, typer.Argument(help="Only this process (its short name); all if omitted.")
    ] = None,
) -> None:
    """Let anonymous reports made before today into the register (run it daily, e.g. by cron).

    Each is held until its day is over, then enters in a random order, timed only to its day.
    """
    setup_django()
    from minipublic.integrity.release import release_held_reports
    from minipublic.processes.models import Process

    process = None
    if slug is not None:
        process = Process.objects.filter(slug=slug).first()
        if process is None:
            raise fail(f"there is no process called {slug!r}.")
    released = release_held_reports(process)
    noun = "report" if released == 1 else "reports"
    out.print(f"Released {released} held anonymous {noun} into the register.", highlight=False)


def _describe_retention(slug: str, retention: Retention, erased: int, *, dry_run: bool) -> str:
    """One line about one process: what was (or would be) erased, and what comes next."""
    if erased:
        verb = "would erase" if dry_run else "erased"
        noun = "person" if erased == 1 else "people"
        return (
            f"{slug}: {verb} the personal data of {erased} unselected {noun} "
            f"(drawn on {retention.draw_date}, kept {retention.retention_days} days)."
        )
    if retention.draw_date is None:
        return (
            f"{slug}: nothing to erase before the panel's draw; then after "
            f"{retention.retention_days} days."
        )
    if not retention.waiting:
        return f"{slug}: nothing left to erase."
    due_on = retention.due_on
    if retention.replacement_pending and due_on is not None and retention.today >= due_on:
        return f"{slug}: erasure waits while a replacement run is under way."
    return (
        f"{slug}: nothing to erase yet; the data of {retention.waiting} unselected "
        f"{'person' if retention.waiting == 1 else 'people'} is due for erasure on "
        f"{retention.due_on}."
    )


def erase_personal_data(
    process_slug: Annotated[
        str | None,
        typer.Option("--process", help="Only this process (its short name); all if omitted."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would be erased, erase nothing.")
    ] = False,
) -> None:
    """Erase the personal data of registrants never selected, once their retention is over,
    and the support data (needs, payment details, receipts) of closed processes.

    Run it nightly, e.g. by cron. The pseudonymous rows the draw is checked against stay,
    and so do the amounts and statuses of support payments, for the accounts.
    """
    setup_django()
    from django.db.models import Q

    from minipublic import clock
    from minipublic.participants.support_retention import (
        do_erase_support_personal_data,
        plans_due_for_erasure,
        support_erasure_due_on,
    )
    from minipublic.processes.access import SYSTEM
    from minipublic.processes.models import Process
    from minipublic.recruitment.retention import (
        do_erase_unselected_personal_data,
        due_for_erasure,
        retention_of,
    )

    if process_slug is not None:
        processes = list(Process.objects.filter(slug=process_slug))
        if not processes:
            raise fail(f"there is no process called {process_slug!r}.")
    else:
        with_data = Q(registrants__isnull=False) | Q(support_plans__isnull=False)
        processes = list(Process.objects.filter(with_data).distinct())
    today = clock.now().date()
    for process in sorted(processes, key=lambda p: p.slug):
        if dry_run:
            erased = due_for_erasure(process, today).count()
        else:
            erased = do_erase_unselected_personal_data(SYSTEM, process, today=today)
        line = _describe_retention(
            process.slug, retention_of(process, today), erased, dry_run=dry_run
        )
        out.print(line, highlight=False)
        if dry_run:
            plans = plans_due_for_erasure(process, today).count()
        else:
            plans = do_erase_support_personal_data(SYSTEM, process, today=today)
        if plans:
            verb = "would erase" if dry_run else "erased"
            out.print(
                f"{process.slug}: {verb} the support needs, payment details and receipts of "
                f"{plans} {'participant' if plans == 1 else 'participants'} "
                f"(closed, kept until {support_erasure_due_on(process)}).",
                highlight=False,
            )
    if not processes:
        out.print("No process has registrants.", highlight=False)
