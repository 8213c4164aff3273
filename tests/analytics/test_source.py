"""open_source: a store file or a Parquet folder → the same relations; anything else is a StoreError."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from legation.analytics import network, open_source
from legation.errors import StoreError


def write_parquet_folder(store: Path, folder: Path, *, with_group: bool) -> Path:
    (folder / "events").mkdir(parents=True)
    (folder / "articles").mkdir()
    columns = "*" if with_group else "* EXCLUDE (group_id)"
    with duckdb.connect(str(store), read_only=True) as connection:
        connection.execute(
            f"COPY (SELECT {columns} FROM events) TO $path (FORMAT parquet)",
            {"path": str(folder / "events" / "part-0.parquet")},
        )
        connection.execute(
            "COPY articles TO $path (FORMAT parquet)", {"path": str(folder / "articles" / "part-0.parquet")}
        )
    return folder


def test_open_source_store_is_read_only(toy_store: Path) -> None:
    connection = open_source(toy_store)
    with pytest.raises(duckdb.Error, match="read-only"):
        connection.execute("DELETE FROM events")
    connection.close()


@pytest.mark.parametrize(("with_group", "arn_gon"), [(True, 5), (False, 7)])
def test_open_source_parquet_folder(toy_store: Path, tmp_path: Path, with_group: bool, arn_gon: int) -> None:
    # without group_id every mention is its own event: the CONSULT group's three mentions count three times
    connection = open_source(write_parquet_folder(toy_store, tmp_path / "batch", with_group=with_group))
    frame = network(connection)
    connection.close()
    assert frame.iloc[0][["country_a", "country_b", "events"]].tolist() == ["ARN", "GON", arn_gon]


def test_open_source_parquet_without_articles(toy_store: Path, tmp_path: Path) -> None:
    folder = write_parquet_folder(toy_store, tmp_path / "batch", with_group=True)
    (folder / "articles" / "part-0.parquet").unlink()
    connection = open_source(folder)
    assert connection.execute("SELECT count(*) FROM articles").fetchall() == [(0,)]
    assert connection.execute("SELECT count(*) FROM events").fetchall() == [(11,)]
    connection.close()


def test_open_source_missing_path(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"no such store: expected a \.duckdb file or a folder"):
        open_source(tmp_path / "absent.duckdb")


def test_open_source_folder_without_parquet(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"expected Parquet files in .*events, found none"):
        open_source(tmp_path)


def test_open_source_not_a_duckdb_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_text("not a database\n", encoding="utf-8")
    with pytest.raises(StoreError, match="cannot open as a DuckDB store"):
        open_source(path)


def test_open_source_store_without_events_table(tmp_path: Path) -> None:
    path = tmp_path / "other.duckdb"
    duckdb.connect(str(path)).close()
    with pytest.raises(StoreError, match="not a legation store.*missing articles, events"):
        open_source(path)


def test_open_source_store_before_migration_002(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as connection:
        connection.execute("CREATE TABLE articles (article_id VARCHAR)")
        connection.execute(
            "CREATE TABLE events (event_id VARCHAR, article_id VARCHAR, date_start DATE,"
            " plover_event VARCHAR, quad_class INTEGER, actor_countries VARCHAR[],"
            " recipient_countries VARCHAR[], goldstein DOUBLE, plover_intensity DOUBLE)"
        )
    with pytest.raises(StoreError, match=r"missing group_id \(schema 002\)"):
        open_source(path)
