"""The app's hold on one DuckDB file: a shared read-only connection (a cursor per request), and a writer.

DuckDB lets one process open a file either read-only or read-write, so a write closes the readers first.
While the read-only connection is open no other process can write the file: analytics results are cached
until the app's own next write.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from legation.errors import StoreError
from legation.store.events import EventStore

T = TypeVar("T")


class _ReadWriteLock:
    """Many readers or one writer; a waiting writer holds new readers back so it is not starved."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._readers = 0
        self._writing = False
        self._writers_waiting = 0

    @contextmanager
    def shared(self) -> Iterator[None]:
        with self._condition:
            self._condition.wait_for(lambda: not self._writing and not self._writers_waiting)
            self._readers += 1
        try:
            yield
        finally:
            with self._condition:
                self._readers -= 1
                self._condition.notify_all()

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        with self._condition:
            self._writers_waiting += 1
            self._condition.wait_for(lambda: not self._writing and not self._readers)
            self._writers_waiting -= 1
            self._writing = True
        try:
            yield
        finally:
            with self._condition:
                self._writing = False
                self._condition.notify_all()


class Database:
    """Read-only cursors for the read endpoints; EventStore opened for writing only inside `writing()`."""

    def __init__(self, path: str | Path, *, cache_size: int = 256) -> None:
        self.path = Path(path)
        self.cache_size = cache_size
        self._lock = _ReadWriteLock()
        self._guard = threading.Lock()
        self._connection: duckdb.DuckDBPyConnection | None = None
        self._cache: OrderedDict[Hashable, Any] = OrderedDict()

    def check(self) -> None:
        """Open the file once as the store does (schema version checked); StoreError when unreadable."""
        if not self.path.is_file():
            raise StoreError(f"{self.path}: no such event store; create it with `legation ingest`")
        with EventStore(self.path, read_only=True):
            pass

    @contextmanager
    def reading(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of the shared read-only connection, valid inside the block."""
        with self._lock.shared():
            cursor = self._base().cursor()
            try:
                yield cursor
            finally:
                cursor.close()

    def cached(self, key: Hashable, compute: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        """compute(cursor), remembered under `key` until the next write (the least recently used beyond
        cache_size are forgotten); an error is not remembered."""
        with self._guard:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]  # type: ignore[no-any-return]
        with self.reading() as cursor:
            value = compute(cursor)
            with self._guard:  # still reading: a write cannot clear the cache between compute and store
                self._cache[key] = value
                while len(self._cache) > self.cache_size:
                    self._cache.popitem(last=False)
        return value

    @contextmanager
    def writing(self) -> Iterator[EventStore]:
        """The store opened for writing, once every reader has finished; readers reopen afterwards."""
        with self._lock.exclusive():
            self.close()
            try:
                with EventStore(self.path) as store:
                    yield store
            finally:
                with self._guard:
                    self._cache.clear()

    def close(self) -> None:
        with self._guard:
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    def _base(self) -> duckdb.DuckDBPyConnection:
        with self._guard:
            if self._connection is None:
                try:
                    self._connection = duckdb.connect(str(self.path), read_only=True)
                except duckdb.Error as error:
                    raise StoreError(
                        f"{self.path}: cannot open the event store read-only: {error}"
                    ) from error
            return self._connection
