"""Crash safety: `legation ingest` killed with SIGKILL at several points, then rerun, loses and doubles
nothing; a second writer on the same database file waits or fails with a clear message, never corrupting
it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from legation.errors import StoreError
from legation.store.events import EventStore

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ARTICLES = 30
CLI = [sys.executable, "-c", "from legation.cli import main; main()"]
# Two articles per transaction (settings.batch_size), so that a run commits fifteen times.
ENV = {**os.environ, "LEGATION_BATCH_SIZE": "2"}
Snapshot = tuple[dict[str, tuple[Any, ...]], dict[str, list[dict[str, Any]]]]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five example articles repeated under 30 ids."""
    folder = tmp_path_factory.mktemp("crash") / "corpus"
    folder.mkdir()
    examples = sorted(EXAMPLES.glob("*.txt"))
    for number in range(ARTICLES):
        source = examples[number % len(examples)]
        (folder / f"a{number:03d}_{source.stem}.txt").write_text(source.read_text(encoding="utf-8"), "utf-8")
    return folder


def start_ingest(corpus: Path, db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*CLI, "ingest", str(corpus), "--db", str(db)],
        env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def snapshot(db: Path) -> Snapshot:
    """Every stored article (without ingested_at) and its events, as the store gives them back."""
    with EventStore(db) as store:
        rows = (
            store.connection()
            .execute("SELECT article_id, content_hash, text, published FROM articles ORDER BY article_id")
            .fetchall()
        )
        events = {row[0]: store.events(article_id=row[0]) for row in rows}
    return {row[0]: tuple(row) for row in rows}, events


@pytest.fixture(scope="module")
def clean_run(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    db = tmp_path_factory.mktemp("clean") / "events.duckdb"
    process = start_ingest(corpus, db)
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 0, stderr
    articles, events = snapshot(db)
    assert len(articles) == ARTICLES and sum(map(len, events.values())) > 0
    return articles, events


def wal_size(db: Path) -> int:
    wal = db.with_name(db.name + ".wal")
    return wal.stat().st_size if wal.exists() else -1


# Kill points: before the store exists, as its file appears, right after the migrations, after a few
# committed batches, near the end, and during the closing checkpoint (the file itself grows).
KILL_POINTS: dict[str, Callable[[Path, float], bool]] = {
    "after_0.5s": lambda db, elapsed: elapsed >= 0.5,
    "db_file_appears": lambda db, elapsed: db.exists(),
    "wal_appears": lambda db, elapsed: wal_size(db) >= 0,
    "mid_batch": lambda db, elapsed: wal_size(db) > 20_000,
    "late": lambda db, elapsed: wal_size(db) > 100_000,
    "checkpoint": lambda db, elapsed: db.exists() and db.stat().st_size > 12_288,
}


def kill_when(process: subprocess.Popen[str], db: Path, point: Callable[[Path, float], bool]) -> str | None:
    """SIGKILL the process as soon as `point` holds (None); when it ended first, what it wrote to stderr."""
    started = time.monotonic()
    while process.poll() is None:
        if point(db, time.monotonic() - started):
            os.kill(process.pid, signal.SIGKILL)
            process.communicate(timeout=60)
            return None
        time.sleep(0.002)
    return f"exit {process.returncode}: {process.communicate(timeout=60)[1]}"


@pytest.mark.model
@pytest.mark.parametrize("point", list(KILL_POINTS))
def test_ingest_killed_then_rerun_stores_each_article_once(
    corpus: Path, tmp_path: Path, clean_run: Snapshot, point: str
) -> None:
    db = tmp_path / "events.duckdb"
    ended = kill_when(start_ingest(corpus, db), db, KILL_POINTS[point])
    assert ended is None, f"the run ended before the kill point {point}: {ended}"
    if db.exists():  # what the killed run left opens cleanly; each stored article has all its events
        articles, events = snapshot(db)
        assert set(articles) <= set(clean_run[0])
        assert all(events[article_id] == clean_run[1][article_id] for article_id in articles)
    rerun = start_ingest(corpus, db)
    _, stderr = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, stderr
    assert snapshot(db) == clean_run
    with EventStore(db, read_only=True) as store:  # exactly once: no duplicate rows under any id
        duplicates = (
            store.connection()
            .execute(
                "SELECT (SELECT count(*) - count(DISTINCT article_id) FROM articles),"
                " (SELECT count(*) - count(DISTINCT event_id) FROM events)"
            )
            .fetchall()
        )
    assert duplicates == [(0, 0)]


HOLDER = """
import sys
from legation.model import Article, CodedArticle
from legation.store.events import EventStore
with EventStore(sys.argv[1]) as store:
    store.write([CodedArticle(Article("held", "Gondor met Arnor."))])
    print("ready", flush=True)
    sys.stdin.readline()
"""


def start_holder(db: Path) -> subprocess.Popen[str]:
    """A second real process that holds the store open for writing until told to close it."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    return process


def release(process: subprocess.Popen[str]) -> None:
    process.communicate("\n", timeout=60)
    assert process.returncode == 0


def test_event_store_second_writer_fails_with_holder_pid(tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    holder = start_holder(db)
    try:
        message = rf"another legation process, pid {holder.pid}, waited 0.3 s\); wait or use another --db"
        with pytest.raises(StoreError, match=message):
            EventStore(db, wait_s=0.3)
    finally:
        release(holder)
    with EventStore(db, read_only=True) as store:
        assert store.counts()["articles"] == 1


def test_event_store_second_writer_waits_for_the_first(tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    holder = start_holder(db)
    waiter = subprocess.Popen(
        [sys.executable, "-c", "import sys; from legation.store.events import EventStore;"
         " s = EventStore(sys.argv[1], wait_s=60); print(s.counts()['articles'])", str(db)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    time.sleep(1.0)
    assert waiter.poll() is None, "the second writer should still be waiting"
    release(holder)
    stdout, stderr = waiter.communicate(timeout=60)
    assert waiter.returncode == 0, stderr
    assert stdout.strip() == "1"


@pytest.mark.model
def test_ingest_while_another_process_writes_fails_clearly(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    holder = start_holder(db)
    try:
        blocked = subprocess.run(
            [*CLI, "ingest", str(EXAMPLES), "--db", str(db)],
            env=ENV, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
    finally:
        release(holder)
    assert blocked.returncode == 1
    assert f"in use by another legation process, pid {holder.pid}" in blocked.stderr
    assert "wait or use another --db" in blocked.stderr
    retried = subprocess.run(
        [*CLI, "ingest", str(EXAMPLES), "--db", str(db)], env=ENV, capture_output=True, text=True, timeout=300
    )
    assert retried.returncode == 0, retried.stderr
    with EventStore(db, read_only=True) as store:
        assert store.counts()["articles"] == 1 + len(list(EXAMPLES.glob("*.txt")))
