"""The ``minipublic`` command line: serve the site, load the demo, run Django commands."""

from __future__ import annotations

from minipublic.cli.app import app


def main() -> None:
    """Entry point of the ``minipublic`` command."""
    app()


__all__ = ["app", "main"]
