"""A batch output folder: per shard, events and articles as Parquet, Drops as JSONL, and a done marker
written last.

Layout (read by `legation load` and by analytics over a Parquet folder):
`events/shard-NNNNN.parquet`, `articles/shard-NNNNN.parquet`, `skipped/shard-NNNNN.jsonl`,
`done/shard-NNNNN.json`.
Every file is written under a hidden temporary name, synced and renamed, so a reader never sees half a file.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from legation.errors import InputError
from legation.model import CodedArticle, Drop
from legation.store.events import EVENT_FIELDS, JSON_COLUMNS, article_table, event_table

EVENTS, ARTICLES, SKIPPED, DONE = "events", "articles", "skipped", "done"
_TEMP_MARK = ".tmp-"
_TEXT = pa.string()
_TEXT_LIST = pa.list_(pa.string())
# The store's columns (store/schema/*.sql) as Arrow types, so that every shard's file has the same schema even
# when a shard has no events or a column holds only nulls.
EVENT_SCHEMA = pa.schema([
    ("event_id", _TEXT), ("article_id", _TEXT), ("sentence_index", pa.int32()), ("date", _TEXT),
    ("date_precision", _TEXT), ("date_basis", _TEXT), ("date_start", pa.date32()), ("plover_event", _TEXT),
    ("plover_mode", _TEXT), ("plover_contexts", _TEXT_LIST), ("plover_intensity", pa.float64()),
    ("cameo_code", _TEXT), ("cameo_root", _TEXT), ("goldstein", pa.float64()), ("quad_class", pa.int32()),
    ("actor_countries", _TEXT_LIST), ("recipient_countries", _TEXT_LIST), ("actors", _TEXT),
    ("recipients", _TEXT), ("is_symmetric", pa.bool_()), ("negated", pa.bool_()), ("future", pa.bool_()),
    ("hypothetical", pa.bool_()), ("quantities", _TEXT), ("evidence_text", _TEXT),
    ("evidence_start", pa.int32()), ("evidence_end", pa.int32()), ("confidence", pa.float64()),
    ("trigger", _TEXT), ("coder_version", _TEXT),
])  # fmt: skip
ARTICLE_SCHEMA = pa.schema([
    ("article_id", _TEXT), ("content_hash", _TEXT), ("text", _TEXT), ("title", _TEXT),
    ("published", pa.date32()), ("published_basis", _TEXT), ("url", _TEXT), ("source", _TEXT),
    ("language", _TEXT), ("location", _TEXT), ("origin", _TEXT), ("ingested_at", pa.timestamp("us")),
])  # fmt: skip


@dataclass(frozen=True, slots=True)
class ShardResult:
    """What coding one shard gave; `already_done` when an earlier run had finished it (nothing was redone)."""

    index: int
    articles: int
    events: int
    skipped_by_reason: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    parts: tuple[str, ...] = ()
    already_done: bool = False

    @property
    def skipped(self) -> int:
        return sum(self.skipped_by_reason.values())


def shard_file(out: Path, kind: str, name: str) -> Path:
    """`out/<kind>/<name>.<suffix>` for kind events, articles (Parquet), skipped (JSONL) or done (JSON)."""
    suffix = {EVENTS: ".parquet", ARTICLES: ".parquet", SKIPPED: ".jsonl", DONE: ".json"}[kind]
    return out / kind / f"{name}{suffix}"


def make_folders(out: Path) -> None:
    for kind in (EVENTS, ARTICLES, SKIPPED, DONE):
        (out / kind).mkdir(parents=True, exist_ok=True)


def remove_temporaries(out: Path, name: str = "") -> int:
    """Delete temporary files left by a killed writer (of shard `name`, or all); return how many."""
    removed = 0
    for kind in (EVENTS, ARTICLES, SKIPPED, DONE):
        for path in (out / kind).glob(f".{name}*{_TEMP_MARK}*"):
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def finished(out: Path, name: str, parts: Sequence[str]) -> ShardResult | None:
    """The result recorded by the done marker of shard `name`, or None when the shard is not done.

    A marker made from other parts means the folder belongs to another plan: an InputError, never a mix.
    """
    marker = shard_file(out, DONE, name)
    try:
        record = json.loads(marker.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        raise InputError(
            f"{marker}: unreadable done marker ({error}); delete it to redo the shard"
        ) from error
    if tuple(record.get("parts", ())) != tuple(parts):
        raise InputError(
            f"{marker}: parts: expected {list(parts)}, found {record.get('parts')}: this folder holds "
            "another run (other inputs or shard size); use a new --out folder"
        )
    return ShardResult(**{**record, "parts": tuple(record["parts"]), "already_done": True})


def write_shard(
    out: Path, name: str, coded: list[CodedArticle], drops: list[Drop], result: ShardResult
) -> None:
    """Write the shard's files, the done marker last: a shard with a marker is complete."""
    events = conform(event_table(coded), EVENT_SCHEMA)
    articles = conform(article_table([item.article for item in coded]), ARTICLE_SCHEMA)
    _write_atomic(shard_file(out, EVENTS, name), lambda handle: pq.write_table(events, handle))
    _write_atomic(shard_file(out, ARTICLES, name), lambda handle: pq.write_table(articles, handle))
    lines = "".join(json.dumps(asdict(drop), ensure_ascii=False) + "\n" for drop in drops)
    _write_atomic(shard_file(out, SKIPPED, name), lambda handle: handle.write(lines.encode("utf-8")))
    record = {**asdict(result), "parts": list(result.parts)}
    record.pop("already_done")
    marker = json.dumps(record, ensure_ascii=False, indent=1).encode("utf-8")
    _write_atomic(shard_file(out, DONE, name), lambda handle: handle.write(marker))


def conform(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """`table` with `schema`'s columns first, cast to their types (missing ones as nulls), any others
    after."""
    if table.num_rows == 0:
        return schema.empty_table()
    columns = [
        table.column(item.name).cast(item.type) if item.name in table.column_names
        else pa.nulls(table.num_rows, item.type)
        for item in schema
    ]  # fmt: skip
    extra = [name for name in table.column_names if name not in schema.names]
    fields = [*schema, *(table.schema.field(name) for name in extra)]
    return pa.Table.from_arrays([*columns, *(table.column(name) for name in extra)], schema=pa.schema(fields))


def read_events(out: Path) -> Iterator[dict[str, Any]]:
    """Every event of a batch output in Event.to_dict()'s shape, shard by shard, in file order."""
    names = [column for column, _ in EVENT_FIELDS]
    for path in sorted((out / EVENTS).glob("shard-*.parquet")):
        for row in pq.read_table(path, columns=names).to_pylist():
            yield _nested(row)


def _nested(row: dict[str, Any]) -> dict[str, Any]:
    record: dict[str, Any] = {}
    for column, path in EVENT_FIELDS:
        parent = record
        for key in path[:-1]:
            parent = parent.setdefault(key, {})
        parent[path[-1]] = json.loads(row[column]) if column in JSON_COLUMNS else row[column]
    return record


def _write_atomic(target: Path, write: Callable[[IO[bytes]], object]) -> None:
    temporary = target.with_name(f".{target.name}{_TEMP_MARK}{uuid.uuid4().hex}")
    try:
        with temporary.open("wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename durable (a crash after it must not bring back the old name)."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
