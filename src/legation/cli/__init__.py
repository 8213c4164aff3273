"""The `legation` command. `core` defines the group and the read/code/store/query commands; each other module adds
the commands of one feature to the same group when it is imported here."""

from legation.cli.core import main

from legation.cli import actors  # noqa: F401

__all__ = ["main"]
