"""Start Django for a command, turning configuration errors into a clear message."""

from __future__ import annotations

import os

import typer
from django.core.exceptions import ImproperlyConfigured
from rich.console import Console

err = Console(stderr=True)
out = Console()


def fail(message: str, *, hint: str | None = None, code: int = 2) -> typer.Exit:
    """Print an error (and a hint) to stderr and return the Exit to raise."""
    err.print(f"[bold red]Error:[/] {message}", highlight=False)
    if hint:
        err.print(hint, highlight=False)
    return typer.Exit(code)


def setup_django() -> None:
    """Load settings and apps; a bad setting stops the command, naming the variable."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minipublic.config.settings")
    import django

    try:
        django.setup()
    except ImproperlyConfigured as error:
        raise fail(
            f"configuration: {error}", hint="See docs/configuration.md for every setting."
        ) from None


def unapplied_migrations() -> int:
    """How many migrations the database still needs."""
    from django.db import connections
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connections["default"])
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
