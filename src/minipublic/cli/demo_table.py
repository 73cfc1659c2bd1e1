"""Print the demo accounts after ``minipublic demo``."""

from __future__ import annotations

from rich.table import Table

from minipublic.cli.django_setup import out
from minipublic.demo import DEMO_PASSWORD, DemoSummary


def print_demo_accounts(summary: DemoSummary) -> None:
    """A table of every demo account, its password and its roles per process."""
    from minipublic.processes.labels import ROLE_LABELS

    table = Table(title="Demo accounts (sign in at /accounts/login/)", title_justify="left")
    table.add_column("User name", style="bold")
    table.add_column("Password")
    table.add_column("Roles")
    for username, held in summary.roles.items():
        roles = "; ".join(
            f"{slug}: {', '.join(str(ROLE_LABELS[role]).lower() for role in roles)}"
            for slug, roles in held
        )
        table.add_row(username, DEMO_PASSWORD, roles or "—")
    out.print(table)
    out.print(
        f"Demo processes loaded: {', '.join(summary.processes)}. "
        "The public page of the assembly is /p/demo/."
    )
