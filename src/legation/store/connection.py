"""The store's plumbing: opening the DuckDB file (waiting for another writer), transactions and migrations.

Schema changes are numbered files store/schema/NNN_name.sql, applied in order and recorded in schema_version.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from types import TracebackType

import duckdb

from legation.errors import StoreError

MIGRATION_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")
# DuckDB's lock conflict names the holder: 'Conflicting lock is held in /usr/bin/python3 (PID 4242)'.
LOCK_HOLDER = re.compile(r"\(PID (\d+)\)")
LOCK_POLL_S = 0.1


@dataclass(frozen=True, slots=True)
class Migration:
    """One numbered schema file."""

    version: int
    name: str
    sql: str


def load_migrations(directory: Traversable | Path | None = None) -> tuple[Migration, ...]:
    """The NNN_name.sql files of `directory` (default: the packaged store/schema/), in version order."""
    folder = directory if directory is not None else resources.files("legation.store").joinpath("schema")
    migrations: dict[int, Migration] = {}
    for entry in folder.iterdir():
        if not entry.name.endswith(".sql"):
            continue
        match = MIGRATION_NAME.match(entry.name)
        if match is None:
            raise StoreError(f"{entry}: migration name: expected NNN_name.sql, found {entry.name!r}")
        version = int(match.group(1))
        if version in migrations:
            raise StoreError(f"{entry}: version {version} is also used by {migrations[version].name}")
        migrations[version] = Migration(version, entry.name, entry.read_text(encoding="utf-8"))
    return tuple(migrations[version] for version in sorted(migrations))


def apply_migrations(connection: duckdb.DuckDBPyConnection, migrations: Sequence[Migration]) -> list[int]:
    """Apply the migrations not yet in schema_version, each in its own transaction; return those applied."""
    connection.execute(
        "CREATE TABLE IF NOT EXISTS schema_version"
        " (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
    )
    applied = {row[0] for row in connection.execute("SELECT version FROM schema_version").fetchall()}
    done: list[int] = []
    for migration in migrations:
        if migration.version in applied:
            continue
        with Transaction(connection):
            connection.execute(migration.sql)
            connection.execute(
                "INSERT INTO schema_version VALUES (?, ?, ?)", [migration.version, migration.name, now()]
            )
        done.append(migration.version)
    return done


class Transaction:
    """BEGIN … COMMIT, rolled back when anything (an error, an interrupt) leaves the block early."""

    def __init__(self, connection: duckdb.DuckDBPyConnection) -> None:
        self.connection = connection

    def __enter__(self) -> None:
        self.connection.begin()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        if kind is None:
            self.connection.commit()
        else:
            self.connection.rollback()


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def reason(error: duckdb.Error) -> str:
    return str(error).strip()


def connect(path: Path, read_only: bool, wait_s: float) -> duckdb.DuckDBPyConnection:
    """duckdb.connect, retried every LOCK_POLL_S while another process holds the file, until `wait_s` is
    up."""
    deadline = time.monotonic() + wait_s
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.Error as error:
            holder = LOCK_HOLDER.search(reason(error)) if "lock" in reason(error).lower() else None
            if holder is None:
                raise StoreError(f"{path}: cannot open the event store: {reason(error)}") from error
            if time.monotonic() >= deadline:
                waited = f", waited {wait_s:g} s" if wait_s > 0 else ""
                raise StoreError(
                    f"{path}: cannot open the event store: another process has it open (in use by another "
                    f"legation process, pid {holder.group(1)}{waited}); wait or use another --db"
                ) from error
            time.sleep(min(LOCK_POLL_S, max(0.0, deadline - time.monotonic())))
