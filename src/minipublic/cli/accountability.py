"""``minipublic accountability check-deadlines``: notice overdue answers without a request."""

from __future__ import annotations

from typing import Annotated

import typer

from minipublic.cli.django_setup import fail, out, setup_django

accountability = typer.Typer(
    name="accountability",
    help="The commissioner's answers to the recommendations and their follow-up.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)


@accountability.command("check-deadlines")
def check_deadlines(
    process_slug: Annotated[
        str | None,
        typer.Option("--process", help="Only this process (its short name); all if omitted."),
    ] = None,
) -> None:
    """Flag answers that are overdue, e-mail the oversight group once about each, and send
    participants' e-mails and messages that the worker has not picked up. Safe to run every
    hour."""
    setup_django()
    from minipublic import clock
    from minipublic.accountability.mail import send_stale_mailings
    from minipublic.accountability.response_actions import do_check_deadlines
    from minipublic.accountability.standing import overdue
    from minipublic.participants.message_mail import sweep_messages
    from minipublic.processes.access import SYSTEM
    from minipublic.processes.models import Process

    processes = Process.objects.order_by("slug")
    if process_slug is not None:
        processes = processes.filter(slug=process_slug)
        if not processes.exists():
            raise fail(f"there is no process called {process_slug!r}.")
    today = clock.now().date()
    for process in processes:
        waiting = overdue(process, today)
        if not waiting:
            continue
        noticed = do_check_deadlines(SYSTEM, process, today=today)
        out.print(
            f"{process.slug}: {len(waiting)} overdue, {len(noticed)} newly flagged, "
            f"{sum(n.recipients for n in noticed)} e-mail(s) to oversight.",
            highlight=False,
        )
    sent = send_stale_mailings()
    if sent:
        out.print(f"Sent {sent} participants' e-mail(s) the worker had not picked up.")
    swept = sweep_messages()
    if swept:
        out.print(f"Went through {swept} message(s) to participants the worker had left behind.")
