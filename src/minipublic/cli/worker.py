"""``minipublic worker``: the background worker that executes selection runs and sends
participants' e-mails about the responses."""

from __future__ import annotations

from typing import Annotated

import typer

from minipublic.cli.django_setup import out, setup_django


def worker(
    batch: Annotated[
        bool, typer.Option("--batch", help="Execute the waiting runs, then exit.")
    ] = False,
    interval: Annotated[
        float,
        typer.Option(min=0.1, help="Seconds between looks for new work when there is none."),
    ] = 1.0,
    max_tasks: Annotated[
        int | None, typer.Option(min=1, help="Exit after executing this many tasks.")
    ] = None,
) -> None:
    """Execute selection runs and send participants' e-mails in the background (keep it
    running next to the web server)."""
    setup_django()
    from django.core.management import call_command

    from minipublic.selection.runs import fail_stale_runs

    failed = fail_stale_runs()
    if failed:
        out.print(f"Marked {failed} run(s) failed whose worker had stopped; start them again.")
    options: dict[str, object] = {
        "interval": interval,
        "batch": batch,
        "reload": False,
        "startup_delay": False,
        "verbosity": 1,
    }
    if max_tasks is not None:
        options["max_tasks"] = max_tasks
    call_command("db_worker", **options)
