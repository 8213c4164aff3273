"""Load a batch output folder (batch/output.py) into the DuckDB event store, one transaction per done shard.

Each shard's articles replace any stored article of the same id together with its events, so loading twice,
or loading a rerun, leaves the store as loading once. Event groups (store/groups.py) are recomputed once at
the end for every block touched, not per shard: a block re-clustered per shard would cost shards × block
size.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from legation.batch.output import ARTICLES, DONE, EVENTS, shard_file
from legation.errors import StoreError
from legation.store.events import EventStore
from legation.store.groups import pending_blocks, regroup, touched_blocks

_IDS = "SELECT article_id FROM read_parquet($articles)"
_STATEMENTS = (
    f"DELETE FROM events WHERE article_id IN ({_IDS})",
    f"DELETE FROM articles WHERE article_id IN ({_IDS})",
    "INSERT INTO articles BY NAME SELECT * FROM read_parquet($articles)",
    "INSERT INTO events BY NAME SELECT * FROM read_parquet($events)",
)


@dataclass(frozen=True, slots=True)
class LoadSummary:
    """Shards loaded and the store's article and event counts afterwards."""

    shards: int
    articles: int
    events: int

    def line(self) -> str:
        return f"loaded {self.shards} shards; the store holds {self.articles} articles, {self.events} events"


def load_batch(
    out: str | Path, *, db: str | Path, progress: Callable[[str], None] | None = None
) -> LoadSummary:
    """Bring every done shard of the folder `out` into the store at `db` (created and migrated when
    needed)."""
    folder = Path(out)
    if not (folder / DONE).is_dir():
        raise StoreError(f"{folder}: not a batch output folder (expected {folder / DONE}/)")
    markers = sorted((folder / DONE).glob("shard-*.json"))
    with EventStore(db):
        pass  # creates the file and applies every migration before the raw connection below writes to it
    try:
        connection = duckdb.connect(str(db))
    except duckdb.Error as error:
        raise StoreError(f"{db}: cannot open the event store: {error}") from error
    try:
        stale: set[str] = set()
        for marker in markers:
            stale |= _load_shard(connection, folder, marker.stem, db)
            if progress is not None:
                progress(marker.stem)
        _regroup(connection, stale, db)
        articles, events = connection.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events)"
        ).fetchall()[0]
    finally:
        connection.close()
    return LoadSummary(len(markers), int(articles), int(events))


def _load_shard(connection: duckdb.DuckDBPyConnection, folder: Path, name: str, db: str | Path) -> set[str]:
    """Replace the shard's articles and their events in one transaction; return the blocks the old events
    left."""
    files = {
        "articles": str(shard_file(folder, ARTICLES, name)),
        "events": str(shard_file(folder, EVENTS, name)),
    }
    connection.begin()
    try:
        ids = [row[0] for row in connection.execute(_IDS, {"articles": files["articles"]}).fetchall()]
        stale = touched_blocks(connection, ids)
        for statement in _STATEMENTS:
            connection.execute(
                statement, {key: path for key, path in files.items() if f"${key}" in statement}
            )
    except duckdb.Error as error:
        connection.rollback()
        raise StoreError(
            f"{db}: cannot load {name} from {folder}; that shard was rolled back: {error}"
        ) from error
    connection.commit()
    return stale


def _regroup(connection: duckdb.DuckDBPyConnection, stale: set[str], db: str | Path) -> None:
    """Group the loaded events (every block with ungrouped events, and the blocks replaced events left)."""
    connection.begin()
    try:
        regroup(connection, stale | pending_blocks(connection))
    except duckdb.Error as error:
        connection.rollback()
        raise StoreError(
            f"{db}: loaded, but grouping the events failed (load again to retry): {error}"
        ) from error
    connection.commit()
