"""The `legation` command. `core` defines the group and the read/code/store/query commands; each other module
adds the commands of one feature to the same group when it is imported here."""

from legation.cli import (
    actors,  # noqa: F401
    actors_registry,  # noqa: F401
    actors_resolve,  # noqa: F401
    analytics,  # noqa: F401
    batch,  # noqa: F401
    export,  # noqa: F401
    recode,  # noqa: F401
    serve,  # noqa: F401
)
from legation.cli.core import main

__all__ = ["main"]
