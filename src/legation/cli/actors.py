"""`legation actors …`: the actor registry and actor resolution, one subcommand per module that attaches to
this group."""

from __future__ import annotations

from legation.cli.core import main


@main.group()
def actors() -> None:
    """Inspect and teach the actor registry, and show how mentions are resolved."""
