"""Exception types of legation: each says where (file, line, article, field) and what was expected."""

from __future__ import annotations


class LegationError(Exception):
    """Base of every error legation raises on purpose."""


class InputError(LegationError):
    """An input file or record cannot be read (unknown suffix, bad encoding, malformed record)."""


class LexiconError(LegationError):
    """A data file in lexicons/data is invalid; the message lists every problem as `file:line: field: ...`."""


class ConfigError(LegationError):
    """An unknown or invalid setting."""


class StoreError(LegationError):
    """The event store cannot be opened, migrated or written."""


class ModelError(LegationError):
    """The spaCy model named in the settings cannot be loaded."""
