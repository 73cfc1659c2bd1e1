"""``minipublic release-reports``: let held anonymous reports into the register."""

from __future__ import annotations

from typing import Annotated

import typer

from minipublic.cli.django_setup import fail, out, setup_django


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
