"""The command tree. Each command is small and delegates to the apps."""

from __future__ import annotations

from typing import Annotated

import typer

from minipublic import __version__
from minipublic.cli.accountability import accountability
from minipublic.cli.conformance import conformance
from minipublic.cli.django_setup import err, fail, out, setup_django, unapplied_migrations
from minipublic.cli.integrity import erase_personal_data, release_reports
from minipublic.cli.record import audit, export
from minipublic.cli.researchers import researchers
from minipublic.cli.selection import certify, replace, select, verify
from minipublic.cli.worker import worker

app = typer.Typer(
    name="minipublic",
    help="Run deliberative mini-publics with integrity. Settings come from the environment "
    "(see docs/configuration.md).",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)


def _version(value: bool) -> None:
    if value:
        out.print(f"minipublic {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Run deliberative mini-publics with integrity."""


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Worker processes.")] = 2,
    reload: Annotated[bool, typer.Option(help="Restart when code changes (development).")] = False,
) -> None:
    """Serve the site with gunicorn (static files included, no other server needed)."""
    setup_django()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections

    from minipublic.cli.server import run_gunicorn

    pending = unapplied_migrations()
    if pending:
        raise fail(
            f"the database needs {pending} migration(s) before it can be served.",
            hint="Run: minipublic migrate   (or: minipublic demo, for the demo assembly)",
        )
    if not settings.DEBUG:
        call_command("collectstatic", interactive=False, verbosity=0)
    connections.close_all()  # never share a database connection with forked workers
    out.print(f"Serving minipublic {__version__} on [bold]http://{host}:{port}/[/] (Ctrl+C stops)")
    run_gunicorn(host=host, port=port, workers=workers, reload=reload)


@app.command()
def demo() -> None:
    """Migrate the database if needed, then load (or restore) the demo assembly."""
    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    from minipublic.cli.demo_table import print_demo_accounts
    from minipublic.demo import DemoRefusedError, load_demo

    if not settings.DEBUG:
        raise fail(
            "refused: the demo creates accounts whose password is 'demo', so it only runs "
            "with DEBUG=1, never on a production site.",
            hint="For a local demo: DEBUG=1 minipublic demo",
        )
    try:
        if unapplied_migrations():
            err.print("Migrating the database…")
        call_command("migrate", interactive=False, verbosity=0)
        summary = load_demo()
    except DemoRefusedError as error:
        raise fail(f"{error}", hint="For a local demo: DEBUG=1 minipublic demo") from None
    print_demo_accounts(summary)


@app.command()
def migrate() -> None:
    """Create or update the database tables."""
    setup_django()
    from django.core.management import call_command

    call_command("migrate", interactive=False)


app.command("select")(select)
app.command("replace")(replace)
app.command("certify")(certify)
app.command("verify")(verify)
app.command("export")(export)
app.command("release-reports")(release_reports)
app.command("erase-personal-data")(erase_personal_data)
app.command("conformance")(conformance)
app.add_typer(audit)
app.add_typer(accountability)
app.add_typer(researchers)
app.command("worker")(worker)


@app.command("delete-process")
def delete_process(
    slug: Annotated[str, typer.Argument(help="The process's short name, as in /p/<slug>/.")],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete a process and its whole record. Nobody can do this through the site."""
    setup_django()
    from minipublic.processes.access import SYSTEM
    from minipublic.processes.actions import do_delete_process
    from minipublic.processes.models import Process

    process = Process.objects.filter(slug=slug).first()
    if process is None:
        raise fail(f"there is no process called {slug!r}.")
    if not yes:
        typer.confirm(
            f"Delete “{process.title}” ({slug}) with its members and history? "
            "This cannot be undone.",
            abort=True,
        )
    do_delete_process(SYSTEM, process)
    out.print(f"Deleted the process {slug}.")


@app.command(
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    add_help_option=False,
)
def manage(ctx: typer.Context) -> None:
    """Run any Django management command, e.g. [bold]minipublic manage createsuperuser[/]."""
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["minipublic manage", *ctx.args])
