"""``minipublic export`` and ``minipublic audit verify``: the public record of a process."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from minipublic.cli.django_setup import err, fail, out, setup_django

audit = typer.Typer(
    name="audit",
    help="Check the tamper-evident public record of processes.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)


def export(
    slug: Annotated[str, typer.Argument(help="The process's short name, as in /p/<slug>/.")],
    out_dir: Annotated[
        Path,
        typer.Option("--out", help="A new or empty directory to write the bundle into."),
    ],
) -> None:
    """Export a process's public record for anyone to check offline.

    Writes manifest.json (every file with its SHA-256, the slug, the ledger's head hash
    and the export time), ledger.jsonl (the public ledger), dictionary.json (what every
    file, event and field means) and documents/ (every published document). Check it
    with: minipublic audit verify DIR.
    """
    setup_django()
    from minipublic.integrity.documents import write_process_bundle
    from minipublic.ledger import LedgerError
    from minipublic.ledger.verify import DICTIONARY, LEDGER, MANIFEST
    from minipublic.processes.models import Process

    process = Process.objects.filter(slug=slug).first()
    if process is None:
        raise fail(f"there is no process called {slug!r}.")
    try:
        head = write_process_bundle(process, out_dir)
    except LedgerError as error:
        raise fail(f"cannot export {slug}: {error}", code=1) from None
    files = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))["files"]
    documents = [name for name in files if name not in (LEDGER, DICTIONARY)]
    lines = (out_dir / LEDGER).read_bytes().count(b"\n")
    out.print(
        f"Exported {lines} entries and {len(documents)} documents of {slug} to {out_dir}",
        highlight=False,
    )
    out.print(f"Head: {head}", highlight=False)


@audit.command("verify")
def verify(
    directory: Annotated[
        Path | None, typer.Argument(help="An exported bundle (from minipublic export).")
    ] = None,
    database: Annotated[
        bool,
        typer.Option("--database", help="Check every process's record in the database instead."),
    ] = False,
    checkpoint: Annotated[
        list[str] | None,
        typer.Option(
            "--checkpoint",
            help="A head hash noted earlier (e.g. from the public page) that the bundle's "
            "ledger must still contain. May be repeated.",
        ),
    ] = None,
) -> None:
    """Check an exported bundle, or with --database the stored records; exit 1 if broken."""
    if (directory is None) == (not database):
        raise fail("give either a bundle directory or --database (not both).")
    if database:
        if checkpoint:
            raise fail("--checkpoint applies to a bundle, not to --database.")
        setup_django()
        from minipublic.integrity.record import verify_database

        problems = verify_database()
        what = "the records in the database"
    else:
        from minipublic.ledger import verify_bundle

        bundle = Path(directory or ".")
        problems = verify_bundle(bundle, checkpoint or ())
        what = str(bundle)
    if problems:
        for problem in problems:
            err.print(f"[bold red]Broken:[/] {problem}", highlight=False)
        raise typer.Exit(1)
    out.print(f"OK: {what} verify.", highlight=False)
