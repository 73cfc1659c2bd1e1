"""``minipublic researchers grant|revoke|list``: mark the accounts that may run research
projects (docs/cli.md, docs/learning.md)."""

from __future__ import annotations

from typing import Annotated

import typer

from minipublic.cli.django_setup import fail, out, setup_django

researchers = typer.Typer(
    name="researchers",
    help="The accounts that may start research projects and code transcripts.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)

Username = Annotated[str, typer.Argument(help="The account's user name.")]


def _set(username: str, value: bool) -> None:
    setup_django()
    from minipublic.accounts.models import User

    user = User.objects.filter(username=username).first()
    if user is None:
        raise fail(f"there is no account called {username!r}.")
    user.is_researcher = value
    user.save(update_fields=["is_researcher"])


@researchers.command("grant")
def grant(username: Username) -> None:
    """Mark an account as a researcher: it may start research projects."""
    _set(username, True)
    out.print(f"{username} is now a researcher.", highlight=False)


@researchers.command("revoke")
def revoke(username: Username) -> None:
    """Stop an account being a researcher (its projects stay; it can no longer open them)."""
    _set(username, False)
    out.print(f"{username} is no longer a researcher.", highlight=False)


@researchers.command("list")
def list_researchers() -> None:
    """List the accounts marked as researchers."""
    setup_django()
    from minipublic.accounts.models import User

    names = list(User.objects.filter(is_researcher=True).order_by("username"))
    if not names:
        out.print("No account is marked as a researcher.")
    for user in names:
        out.print(f"{user.username}\t{user}", highlight=False)
