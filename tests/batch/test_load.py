"""`load_batch`: a batch output folder into the DuckDB store, idempotently."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from legation.batch import load_batch, read_events
from legation.cli import main
from legation.errors import StoreError
from legation.store.events import EventStore

from .test_output import make_coded, write


def _dump(db: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    with duckdb.connect(str(db), read_only=True) as connection:
        articles = connection.execute("SELECT * FROM articles ORDER BY article_id").fetchall()
        events = connection.execute("SELECT * FROM events ORDER BY event_id").fetchall()
    return articles, events


@pytest.fixture()
def batch_out(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    write(out, "shard-00000", [make_coded("a", 2), make_coded("b", 0)])
    write(out, "shard-00001", [make_coded("c", 1)])
    return out


def test_load_batch_twice_gives_the_same_store(batch_out: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    first = load_batch(batch_out, db=db)
    once = _dump(db)
    second = load_batch(batch_out, db=db)
    assert (first.articles, first.events) == (second.articles, second.events) == (3, 3)
    assert _dump(db) == once


def test_load_batch_events_read_back_as_written(batch_out: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    load_batch(batch_out, db=db)
    with EventStore(db, read_only=True) as store:
        stored = sorted(store.events(), key=lambda event: event["event_id"])
    assert stored == sorted(read_events(batch_out), key=lambda event: event["event_id"])


def test_load_batch_replaces_an_article_and_its_events(batch_out: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    load_batch(batch_out, db=db)
    write(batch_out, "shard-00002", [make_coded("a", 1, text="Gondor met Arnor.")])
    summary = load_batch(batch_out, db=db)
    # shard 2 comes last, so its copy of "a" (one event) replaces shard 0's (two events)
    assert (summary.articles, summary.events) == (3, 2)


def test_load_batch_skips_shards_without_marker(batch_out: Path, tmp_path: Path) -> None:
    (batch_out / "done" / "shard-00001.json").unlink()
    assert load_batch(batch_out, db=tmp_path / "store.duckdb").articles == 2


def test_load_batch_rejects_a_folder_that_is_no_batch_output(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="not a batch output folder"):
        load_batch(tmp_path, db=tmp_path / "store.duckdb")


def test_load_cli_reports_counts(batch_out: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["load", str(batch_out), "--db", str(tmp_path / "store.duckdb")])
    assert result.exit_code == 0, result.output
    assert "loaded 2 shards; the store holds 3 articles, 3 events" in result.output


def test_load_batch_groups_the_loaded_events(batch_out: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    load_batch(batch_out, db=db)
    with duckdb.connect(str(db), read_only=True) as connection:
        ungrouped = connection.execute("SELECT count(*) FROM events WHERE group_id IS NULL").fetchall()[0][0]
    assert ungrouped == 0
