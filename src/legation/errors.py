"""Exception types of legation: each says where (file, line, article, field) and what was expected."""

from __future__ import annotations

from collections.abc import Sequence


class LegationError(Exception):
    """Base of every error legation raises on purpose."""


class InputError(LegationError):
    """An input file or record cannot be read (unknown suffix, bad encoding, malformed record)."""


class LexiconError(LegationError):
    """A data file in lexicons/data is invalid; the message lists every problem as `file:line: field: ...`.

    `problems` holds the problems alone (no headings), one per item, for `legation lexicon check`.
    """

    def __init__(self, message: str, problems: Sequence[str] | None = None) -> None:
        super().__init__(message)
        lines = [line for line in message.splitlines() if line.strip()]
        self.problems: tuple[str, ...] = tuple(problems) if problems is not None else tuple(lines)


class ConfigError(LegationError):
    """An unknown or invalid setting."""


class StoreError(LegationError):
    """The event store cannot be opened, migrated or written."""


class ModelError(LegationError):
    """The spaCy model named in the settings cannot be loaded."""
