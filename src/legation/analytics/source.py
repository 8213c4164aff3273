"""Where analytics read from: a DuckDB store file or a folder of Parquet files → a DuckDB connection.

Both give the same two relations, `events` and `articles`, with the store's columns (group_id NULL when
absent).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from legation.errors import StoreError

# Article columns the analytics and exports read, typed, for a Parquet folder without articles/.
EMPTY_ARTICLES = (
    "SELECT NULL::VARCHAR AS article_id, NULL::VARCHAR AS title, NULL::DATE AS published,"
    " NULL::VARCHAR AS url, NULL::VARCHAR AS source, NULL::VARCHAR AS language, NULL::VARCHAR AS location,"
    " NULL::TIMESTAMP AS ingested_at WHERE false"
)
REQUIRED_EVENT_COLUMNS = frozenset(
    {"event_id", "article_id", "date_start", "plover_event", "quad_class", "actor_countries",
     "recipient_countries", "goldstein", "plover_intensity"}
)  # fmt: skip


def open_source(path: str | Path) -> duckdb.DuckDBPyConnection:
    """A connection with relations `events` and `articles` over `path`.

    `path` is a .duckdb store file (opened read-only) or a folder written by `legation batch` holding
    events/*.parquet and, optionally, articles/*.parquet (in-memory views over the files).
    """
    source = Path(path)
    if source.is_dir():
        return _open_parquet(source)
    if source.is_file():
        return _open_store(source)
    raise StoreError(f"{source}: no such store: expected a .duckdb file or a folder with events/*.parquet")


def _open_store(path: Path) -> duckdb.DuckDBPyConnection:
    try:
        connection = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as error:
        raise StoreError(f"{path}: cannot open as a DuckDB store: {str(error).strip()}") from error
    try:
        tables = {row[0] for row in connection.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        columns = _columns(connection, "events") if "events" in tables else set()
    except duckdb.Error as error:
        connection.close()
        raise StoreError(f"{path}: cannot read the schema: {str(error).strip()}") from error
    missing = sorted({"events", "articles"} - tables) or sorted(REQUIRED_EVENT_COLUMNS - columns)
    if missing or "group_id" not in columns:
        connection.close()
        what = ", ".join(missing) if missing else "group_id (schema 002)"
        raise StoreError(
            f"{path}: not a legation store at this schema version: missing {what};"
            " open it once with `legation ingest` (or EventStore) to migrate it"
        )
    return connection


def _open_parquet(folder: Path) -> duckdb.DuckDBPyConnection:
    event_files = sorted((folder / "events").glob("*.parquet"))
    if not event_files:
        raise StoreError(f"{folder}: expected Parquet files in {folder / 'events'}, found none")
    connection = duckdb.connect()
    try:
        events = connection.read_parquet([str(file) for file in event_files], union_by_name=True)
        events.create_view("events_files")
        article_files = sorted((folder / "articles").glob("*.parquet"))
        if article_files:
            connection.read_parquet([str(file) for file in article_files], union_by_name=True).create_view(
                "articles"
            )
        else:
            connection.execute(f"CREATE VIEW articles AS {EMPTY_ARTICLES}")
        columns = set(events.columns)
    except duckdb.Error as error:
        connection.close()
        raise StoreError(f"{folder}: cannot read the Parquet files: {str(error).strip()}") from error
    missing = sorted(REQUIRED_EVENT_COLUMNS - columns)
    if missing:
        connection.close()
        raise StoreError(
            f"{folder / 'events'}: columns: expected the store's events columns, missing {missing}"
        )
    group = "" if "group_id" in columns else ", NULL::VARCHAR AS group_id"
    connection.execute(f"CREATE VIEW events AS SELECT *{group} FROM events_files")
    return connection


def _columns(connection: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    rows = connection.execute(
        "SELECT column_name FROM duckdb_columns() WHERE table_name = ?", [table]
    ).fetchall()
    return {row[0] for row in rows}
