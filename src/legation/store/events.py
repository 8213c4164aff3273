"""The DuckDB event store: CodedArticle → rows (articles, events); queries → CONTRACT-shaped event dicts.

Schema changes are numbered files store/schema/NNN_name.sql, applied in order and recorded in schema_version.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from itertools import islice
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import pyarrow as pa

from legation.errors import StoreError
from legation.model import Article, CodedArticle
from legation.store.connection import (
    Migration,
    Transaction,
    apply_migrations,
    connect,
    load_migrations,
    now,
    reason,
)
from legation.store.groups import GROUP_OF, group_record, regroup, touched_blocks

DATE_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# Each events column and where its value sits in Event.to_dict(); read back, the same paths rebuild that dict.
EVENT_FIELDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("event_id", ("event_id",)), ("article_id", ("article_id",)), ("sentence_index", ("sentence_index",)),
    ("date", ("date",)), ("date_precision", ("date_precision",)), ("date_basis", ("date_basis",)),
    ("plover_event", ("plover", "event")), ("plover_mode", ("plover", "mode")),
    ("plover_contexts", ("plover", "contexts")), ("plover_intensity", ("plover", "intensity")),
    ("cameo_code", ("cameo", "code")), ("cameo_root", ("cameo", "root")),
    ("goldstein", ("cameo", "goldstein")), ("quad_class", ("cameo", "quad_class")),
    ("actors", ("actor",)), ("recipients", ("recipient",)), ("is_symmetric", ("symmetric",)),
    ("negated", ("modality", "negated")), ("future", ("modality", "future")),
    ("hypothetical", ("modality", "hypothetical")), ("quantities", ("quantities",)),
    ("evidence_text", ("evidence", "text")), ("evidence_start", ("evidence", "start")),
    ("evidence_end", ("evidence", "end")), ("confidence", ("confidence",)), ("trigger", ("trigger",)),
    ("coder_version", ("coder_version",)),
)  # fmt: skip
JSON_COLUMNS = frozenset({"actors", "recipients", "quantities"})
EVENT_SELECT = "SELECT " + ", ".join(column for column, _ in EVENT_FIELDS) + " FROM events"
EVENT_ORDER = " ORDER BY date_start NULLS LAST, article_id, sentence_index, event_id"
PAIR_COUNTS = (
    "WITH actor AS (SELECT event_id, unnest(actor_countries) AS country FROM events),"
    " recipient AS (SELECT event_id, unnest(recipient_countries) AS country FROM events),"
    " pairs AS (SELECT DISTINCT actor.event_id, least(actor.country, recipient.country) AS country_a,"
    " greatest(actor.country, recipient.country) AS country_b FROM actor JOIN recipient"
    " ON actor.event_id = recipient.event_id WHERE actor.country <> recipient.country)"
    " SELECT country_a, country_b, count(*) AS n FROM pairs GROUP BY country_a, country_b"
    " ORDER BY n DESC, country_a, country_b"
)
IN_LIST = "IN (SELECT unnest(?::VARCHAR[]))"


@dataclass(frozen=True, slots=True)
class WriteSummary:
    """What EventStore.write() did, counted per article, and the events written for inserted/replaced ones."""

    inserted: int = 0
    unchanged: int = 0
    replaced: int = 0
    events_written: int = 0

    def __add__(self, other: WriteSummary) -> WriteSummary:
        return WriteSummary(
            self.inserted + other.inserted,
            self.unchanged + other.unchanged,
            self.replaced + other.replaced,
            self.events_written + other.events_written,
        )


class EventStore:
    """Articles and their coded events in one DuckDB file; one writing process at a time (DuckDB's rule).

    `dyad=(a, b)` in events() matches events between a and b in either direction (a acts on b, or b on a);
    `directed=True` keeps a → b only.
    """

    def __init__(self, path: str | Path, *, read_only: bool = False, wait_s: float = 0.0) -> None:
        """Open (and migrate) the store; while another process holds the file, retry for up to `wait_s` s."""
        self.path = Path(path)
        self.read_only = read_only
        self._connection: duckdb.DuckDBPyConnection | None = connect(self.path, read_only, wait_s)
        try:
            self._check_schema(load_migrations())
        except duckdb.Error as error:
            self.close()
            raise StoreError(f"{path}: cannot read or migrate the schema: {reason(error)}") from error
        except StoreError:
            self.close()
            raise

    def close(self) -> None:
        """Close the connection (closing twice is harmless)."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def __enter__(self) -> EventStore:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    def write(
        self, coded: Iterable[CodedArticle], *, batch_size: int = 200, force: bool = False
    ) -> WriteSummary:
        """Store articles with their events, `batch_size` articles per transaction, and regroup their events.

        Per article: a new id is inserted; the same id with the same content hash is unchanged (nothing
        is touched) unless `force` (recoding), then it is replaced like an article with a new hash (article
        row and all its events, together). The event groups of the blocks touched are recomputed in the same
        transaction. A failing batch is rolled back whole and raised as StoreError; earlier batches stay.
        """
        if self.read_only:
            raise StoreError(f"{self.path}: the store is open read-only; open it without read_only to write")
        if batch_size < 1:
            raise StoreError(f"{self.path}: batch_size: expected a positive integer, found {batch_size}")
        summary = WriteSummary()
        for batch in _batches(coded, batch_size):
            summary = summary + self._write_batch(batch, force=force)
        return summary

    def connection(self) -> duckdb.DuckDBPyConnection:
        """The open DuckDB connection, for the store's companions (the actor registry, recoding, groups)."""
        return self._cursor()

    def group(self, event_id: str) -> dict[str, Any] | None:
        """The group of an event (GDELT-style counts), with every mention in Event.to_dict()'s shape; or
        None."""
        rows = self._fetch(GROUP_OF, [event_id])
        if not rows:
            return None
        record = group_record(rows[0])
        members = self._fetch(
            EVENT_SELECT + " WHERE coalesce(group_id, event_id) = ? ORDER BY event_id", [record["group_id"]]
        )
        record["mentions"] = [_event_dict(row) for row in members]
        return record

    def has_article(self, article_id: str, content_hash: str | None = None) -> bool:
        """Whether the article is stored (with this content hash, when one is given)."""
        rows = self._fetch("SELECT content_hash FROM articles WHERE article_id = ?", [article_id])
        return bool(rows) and (content_hash is None or rows[0][0] == content_hash)

    def article(self, article_id: str) -> dict[str, Any] | None:
        """The stored article as a JSON-ready dict (Article's fields, content_hash, ingested_at), or None."""
        try:
            cursor = self._cursor().execute("SELECT * FROM articles WHERE article_id = ?", [article_id])
            row = cursor.fetchone()
        except duckdb.Error as error:
            raise StoreError(f"{self.path}: query failed: {reason(error)}") from error
        if row is None:
            return None
        record = dict(zip([column[0] for column in cursor.description or ()], row, strict=True))
        for name in ("published", "ingested_at"):
            record[name] = record[name].isoformat() if record[name] is not None else None
        return record

    def events(
        self,
        *,
        country: str | None = None,
        dyad: tuple[str, str] | None = None,
        directed: bool = False,
        since: date | None = None,
        until: date | None = None,
        plover: str | None = None,
        article_id: str | None = None,
        min_confidence: float | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Events in Event.to_dict()'s shape, ordered by date (undated last), article, sentence, event id.

        `country` matches actor or recipient. `since`/`until` (inclusive) compare the first day of the event's
        date, so "2020-03" counts as 2020-03-01; undated events never match a date bound.
        """
        if (limit is not None and limit < 0) or offset < 0:
            raise StoreError(
                f"events(): limit, offset: expected non-negative integers, found {limit}, {offset}"
            )
        clauses, params = _event_filters(
            country, dyad, directed, since, until, plover, article_id, min_confidence
        )
        sql = EVENT_SELECT + (" WHERE " + " AND ".join(clauses) if clauses else "") + EVENT_ORDER
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        sql += " OFFSET ?"
        params.append(offset)
        return [_event_dict(row) for row in self._fetch(sql, params)]

    def pair_counts(self) -> list[tuple[str, str, int]]:
        """(country_a, country_b, events) with a < b, most events first; an event counts once per pair."""
        return [(str(row[0]), str(row[1]), int(row[2])) for row in self._fetch(PAIR_COUNTS, [])]

    def counts(self) -> dict[str, int]:
        """{"articles": n, "events": m}."""
        row = self._fetch("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events)", [])[0]
        return {"articles": int(row[0]), "events": int(row[1])}

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        if self._connection is None:
            raise StoreError(f"{self.path}: the store is closed")
        return self._connection

    def _fetch(self, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
        try:
            return self._cursor().execute(sql, params).fetchall()
        except duckdb.Error as error:
            raise StoreError(f"{self.path}: query failed: {reason(error)}") from error

    def _check_schema(self, migrations: Sequence[Migration]) -> None:
        """Migrate (unless read-only), then insist that the file is at this code's schema version."""
        connection = self._cursor()
        if not self.read_only:
            apply_migrations(connection, migrations)
        has_table = connection.execute(
            "SELECT count(*) FROM information_schema.tables"
            " WHERE table_schema = 'main' AND table_name = 'schema_version'"
        ).fetchall()[0][0]
        found = (
            connection.execute("SELECT max(version) FROM schema_version").fetchall()[0][0] if has_table else 0
        )
        found, latest = found or 0, migrations[-1].version if migrations else 0
        if found != latest:
            hint = "open it once without read_only to migrate it" if found < latest else "upgrade legation"
            raise StoreError(f"{self.path}: schema version {found}, this legation needs {latest}: {hint}")

    def _write_batch(self, batch: list[CodedArticle], *, force: bool = False) -> WriteSummary:
        ids = [item.article.article_id for item in batch]
        stored = dict(
            self._fetch(f"SELECT article_id, content_hash FROM articles WHERE article_id {IN_LIST}", [ids])
        )
        pending, summary = _classify(batch, stored, force=force)
        if not pending:
            return summary
        try:
            articles = article_table([item.article for item in pending.values()])
            events = event_table(list(pending.values()))
        except (ValueError, pa.ArrowException) as error:
            raise StoreError(f"{self.path}: cannot store the batch, nothing was written: {error}") from error
        replaced = [article_id for article_id in pending if article_id in stored]
        connection = self._cursor()
        try:
            with (
                _staged(connection, {"articles": articles, "events": events}) as tables,
                Transaction(connection),
            ):
                blocks = touched_blocks(connection, replaced)  # the groups the old events leave
                connection.execute(f"DELETE FROM events WHERE article_id {IN_LIST}", [replaced])
                connection.execute(f"DELETE FROM articles WHERE article_id {IN_LIST}", [replaced])
                for table in tables:  # one columnar INSERT per table, never a round trip per row
                    connection.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming_{table}")
                regroup(connection, blocks | touched_blocks(connection, list(pending)))
        except duckdb.Error as error:
            raise StoreError(
                f"{self.path}: cannot write articles {_shorten(list(pending))}; the batch was rolled back: "
                f"{reason(error)}"
            ) from error
        return summary


def _batches(coded: Iterable[CodedArticle], size: int) -> Iterator[list[CodedArticle]]:
    iterator = iter(coded)
    while batch := list(islice(iterator, size)):
        yield batch


def _classify(
    batch: list[CodedArticle], stored: dict[str, str], *, force: bool = False
) -> tuple[dict[str, CodedArticle], WriteSummary]:
    """Decide per article; an id seen twice in a batch is judged against its earlier copy, the last wins."""
    known = dict(stored)
    pending: dict[str, CodedArticle] = {}
    inserted = unchanged = replaced = 0
    for item in batch:
        article_id, content_hash = item.article.article_id, item.article.content_hash()
        if article_id not in known:
            inserted += 1
        elif known[article_id] == content_hash and not force:
            unchanged += 1
            continue
        else:
            replaced += 1
        known[article_id] = content_hash
        pending[article_id] = item
    events_written = sum(len(item.events) for item in pending.values())
    return pending, WriteSummary(inserted, unchanged, replaced, events_written)


@contextmanager
def _staged(connection: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table]) -> Iterator[list[str]]:
    """Expose each non-empty Arrow table as view incoming_<name> during the block; yield the names exposed.

    Registered outside the transaction: unregistering inside an aborted one would hide the original error.
    INSERT … BY NAME then casts every column to the type declared in store/schema/.
    """
    names = [name for name, rows in tables.items() if rows.num_rows]
    for name in names:
        connection.register(f"incoming_{name}", tables[name])
    try:
        yield names
    finally:
        for name in names:
            connection.unregister(f"incoming_{name}")


def article_table(articles: list[Article]) -> pa.Table:
    ingested_at = now()
    rows = [
        {
            "article_id": article.article_id, "content_hash": article.content_hash(),
            "text": article.text, "title": article.title, "published": article.published,
            "published_basis": article.published_basis, "url": article.url, "source": article.source,
            "language": article.language, "location": article.location, "origin": article.origin,
            "ingested_at": ingested_at,
        }
        for article in articles
    ]  # fmt: skip
    return pa.Table.from_pylist(rows)


def event_table(coded: list[CodedArticle]) -> pa.Table:
    """Rows for the events of `coded`; a ValueError lists every event that cannot be stored."""
    rows: list[dict[str, Any]] = []
    problems: list[str] = []
    for item in coded:
        for event in item.events:
            try:
                rows.append(_event_row(event.to_dict(), item.article.article_id))
            except ValueError as error:
                problems.append(f"article {item.article.article_id}: event {event.event_id}: {error}")
    if problems:
        raise ValueError("\n".join(["invalid events:", *problems]))
    return pa.Table.from_pylist(rows)


def _event_row(record: dict[str, Any], article_id: str) -> dict[str, Any]:
    """Flatten one Event.to_dict() of article `article_id` into a row (a ValueError names the field)."""
    if record["article_id"] != article_id:
        raise ValueError(f"article_id: expected {article_id!r}, found {record['article_id']!r}")
    row: dict[str, Any] = {}
    for column, path in EVENT_FIELDS:
        value = record
        for key in path:
            value = value[key]
        row[column] = _json(column, value) if column in JSON_COLUMNS else value
    row["date_start"] = _first_day(record["date"])
    row["actor_countries"] = _countries(record["actor"])
    row["recipient_countries"] = _countries(record["recipient"])
    return row


def _event_dict(row: tuple[Any, ...]) -> dict[str, Any]:
    """One EVENT_SELECT row → exactly Event.to_dict()'s shape (same keys, same order, same values)."""
    record: dict[str, Any] = {}
    for (column, path), value in zip(EVENT_FIELDS, row, strict=True):
        parent = record
        for key in path[:-1]:
            parent = parent.setdefault(key, {})
        parent[path[-1]] = json.loads(value) if column in JSON_COLUMNS else value
    return record


def _event_filters(
    country: str | None,
    dyad: tuple[str, str] | None,
    directed: bool,
    since: date | None,
    until: date | None,
    plover: str | None,
    article_id: str | None,
    min_confidence: float | None,
) -> tuple[list[str], list[Any]]:
    """SQL conditions (constant text, values only as parameters) for the filters that are set."""
    clauses: list[str] = []
    params: list[Any] = []
    if country is not None:
        clauses.append("(list_contains(actor_countries, ?) OR list_contains(recipient_countries, ?))")
        params += [country, country]
    if dyad is not None:
        one_way = "(list_contains(actor_countries, ?) AND list_contains(recipient_countries, ?))"
        clauses.append(one_way if directed else f"({one_way} OR {one_way})")
        params += [dyad[0], dyad[1]] if directed else [dyad[0], dyad[1], dyad[1], dyad[0]]
    optional = (
        ("date_start >= ?", since), ("date_start <= ?", until), ("plover_event = ?", plover),
        ("article_id = ?", article_id), ("confidence >= ?", min_confidence),
    )  # fmt: skip
    for clause, value in optional:
        if value is not None:
            clauses.append(clause)
            params.append(value)
    return clauses, params


def _first_day(value: str | None) -> date | None:
    """The first day of an event date: "2020-03" → 2020-03-01, "2020" → 2020-01-01."""
    if value is None:
        return None
    if not DATE_VALUE.match(value):
        raise ValueError(f"date: expected YYYY-MM-DD, YYYY-MM or YYYY, found {value!r}")
    parts = [int(part) for part in value.split("-")] + [1, 1]
    try:
        return date(parts[0], parts[1], parts[2])
    except ValueError as error:
        raise ValueError(f"date: expected a calendar date, found {value!r}") from error


def _countries(actors: list[dict[str, Any]]) -> list[str]:
    return list(dict.fromkeys(actor["country"] for actor in actors if actor["country"]))


def _json(field: str, value: Any) -> str:
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False)
    except ValueError as error:
        raise ValueError(f"{field}: expected finite numbers, found {value!r}") from error


def _shorten(ids: list[str], shown: int = 5) -> str:
    more = f" and {len(ids) - shown} more" if len(ids) > shown else ""
    return ", ".join(ids[:shown]) + more
