"""Input paths (files, folders, "-" for standard input) → a stream of Article, or a Drop per input left out.

`read_articles` dispatches on the file suffix through `READERS`; bad input never raises, it becomes a Drop.
"""

from __future__ import annotations

import importlib
import itertools
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import MappingProxyType
from typing import TextIO

from legation.errors import InputError
from legation.model import Article, Drop
from legation.readers.records import read_compressed_jsonl, read_csv, read_jsonl
from legation.readers.text import STAGE, os_error_drop, parse_text, read_text_file, text_articles

__all__ = [
    "READERS",
    "parse_text",
    "read_articles",
    "read_csv",
    "read_jsonl",
    "read_stdin",
    "read_text_file",
    "reader_for",
]

STDIN = "-"
STDIN_ID = "stdin"


Reader = Callable[..., Iterator[Article | Drop]]


def _imported_on_use(module: str, function: str) -> Reader:
    """A reader whose module is imported at its first call (trafilatura, feedparser, warcio load slowly)."""

    def read(path: Path, *, max_chars: int) -> Iterator[Article | Drop]:
        reader: Reader = getattr(importlib.import_module(f"legation.readers.{module}"), function)
        yield from reader(path, max_chars=max_chars)

    read.__name__ = read.__qualname__ = function
    return read


_read_html = _imported_on_use("webpage", "read_html")
_read_feed = _imported_on_use("feeds", "read_feed")
_read_warc = _imported_on_use("warc", "read_warc")
# Suffix (lower case, matched against the end of the file name, longest first) → reader(path, *, max_chars).
READERS: MappingProxyType[str, Reader] = MappingProxyType(
    {
        ".txt": read_text_file,
        ".jsonl": read_jsonl,
        ".jsonl.xz": read_compressed_jsonl,
        ".jsonl.gz": read_compressed_jsonl,
        ".jsonl.bz2": read_compressed_jsonl,
        ".csv": read_csv,
        ".html": _read_html,
        ".htm": _read_html,
        ".xhtml": _read_html,
        ".rss": _read_feed,
        ".atom": _read_feed,
        ".xml": _read_feed,
        ".warc": _read_warc,
        ".warc.gz": _read_warc,
    }
)


def reader_for(path: Path) -> Reader | None:
    """The reader for `path` by its suffix (".warc.gz" before ".gz"), or None for an unknown format."""
    name = path.name.lower()
    for suffix in sorted(READERS, key=len, reverse=True):
        if name.endswith(suffix) and len(name) > len(suffix):
            return READERS[suffix]
    return None


def read_articles(
    paths: Iterable[str | Path] | str | Path,
    *,
    max_chars: int = 2_000_000,
    stdin: TextIO | None = None,
) -> Iterator[Article | Drop]:
    """Every article of `paths` in order (folders recursively, sorted by name), and a Drop per input left out.

    Folders yield only files with a suffix in READERS and skip hidden entries (".name") and links to folders;
    a file named explicitly with another suffix is a Drop("unknown_format"). "-" reads `stdin` (default
    sys.stdin). An id already read in this call is a Drop("duplicate_id"): the first one is kept. A single
    path may be given bare.
    A bad `date` keeps the article (published None) and adds a Drop("bad_date") right after it.
    """
    first_origin: dict[str, str] = {}
    duplicate: str | None = None
    for item in _read_paths(paths, max_chars=max_chars, stdin=stdin):
        if isinstance(item, Drop):
            # The bad_date note of an article dropped as a duplicate would count a problem twice.
            if not (item.reason == "bad_date" and item.article_id == duplicate):
                yield item
            continue
        duplicate = None
        if item.article_id in first_origin:
            duplicate = item.article_id
            earlier = first_origin[item.article_id]
            message = f"id {item.article_id!r} was already read from {earlier}; kept the first"
            yield Drop(STAGE, "duplicate_id", f"{item.origin}: {message}", item.article_id, item.origin)
            continue
        first_origin[item.article_id] = item.origin or item.article_id
        yield item


def read_stdin(stream: TextIO, *, max_chars: int) -> Iterator[Article | Drop]:
    """JSONL when the first non-blank character is "{", else one plain-text article with id "stdin"."""
    limit = 2 * max_chars + 2
    try:
        head = _lines_to_first_content(stream, limit=limit)
        if "".join(head).lstrip("\ufeff \t\r\n").startswith("{"):
            yield from read_jsonl(itertools.chain(head, stream), max_chars=max_chars, origin=STDIN_ID)
            return
        rest = stream.read(limit)
        too_large = len(rest) == limit and stream.read(1) != ""
    except UnicodeDecodeError as error:
        message = f"expected {error.encoding.upper()} ({error.reason})"
        yield Drop(STAGE, "bad_encoding", f"{STDIN_ID}: {message}", STDIN_ID, STDIN_ID)
        return
    if too_large:
        message = f"more than {limit} characters, more than max_chars={max_chars}"
        yield Drop(STAGE, "too_large", f"{STDIN_ID}: {message}", STDIN_ID, STDIN_ID)
        return
    text = "".join(head) + rest
    yield from text_articles(text, article_id=STDIN_ID, origin=STDIN_ID, max_chars=max_chars)


def _lines_to_first_content(stream: TextIO, *, limit: int) -> list[str]:
    head: list[str] = []
    while line := stream.readline(limit):
        head.append(line)
        if line.strip("\ufeff \t\r\n"):
            break
    return head


def _read_paths(
    paths: Iterable[str | Path] | str | Path, *, max_chars: int, stdin: TextIO | None
) -> Iterator[Article | Drop]:
    for name in [paths] if isinstance(paths, str | Path) else paths:
        if str(name) == STDIN:
            yield from read_stdin(stdin if stdin is not None else sys.stdin, max_chars=max_chars)
        else:
            yield from _read_path(Path(name), max_chars=max_chars)


def _read_path(path: Path, *, max_chars: int) -> Iterator[Article | Drop]:
    try:
        mode = path.stat().st_mode
    except OSError as error:
        yield os_error_drop(error, str(path))
        return
    if stat.S_ISDIR(mode):
        for entry in _walk(path):
            if isinstance(entry, Drop):
                yield entry
            else:
                yield from _read_file(entry, max_chars=max_chars)
    elif reader_for(path) is not None and not stat.S_ISREG(mode):
        yield _not_regular(path, mode)
    elif reader_for(path) is not None:
        yield from _read_file(path, max_chars=max_chars)
    else:
        known = ", ".join(READERS)
        message = f"unknown format {path.suffix or '(no suffix)'!r}: expected one of {known}"
        yield Drop(STAGE, "unknown_format", f"{path}: {message}", path.stem, str(path))


def _read_file(path: Path, *, max_chars: int) -> Iterator[Article | Drop]:
    reader = reader_for(path)
    if reader is None:
        return
    nothing = True
    try:
        for item in reader(path, max_chars=max_chars):
            nothing = False
            yield item
    except InputError as error:  # the HTML, feed and WARC readers raise it for a file they cannot read
        yield Drop(STAGE, "unreadable", str(error), path.stem, str(path))
        return
    if nothing:  # an empty feed, a header-only CSV, a WARC without pages: reported, never silent
        yield Drop(STAGE, "empty", f"{path}: no articles in the file", path.stem, str(path))


def _walk(folder: Path) -> Iterator[Path | Drop]:
    """Files of a known suffix under `folder`, depth first, by name; skips hidden entries and folder links.

    A known-suffix entry that is no readable file (a dangling or looping link, a pipe) is a Drop, not silence.
    """
    try:
        entries = sorted(folder.iterdir(), key=lambda entry: entry.name)
    except OSError as error:
        yield os_error_drop(error, str(folder))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            if not entry.is_symlink():
                yield from _walk(entry)
        elif reader_for(entry) is not None:
            yield _regular_file(entry)


def _regular_file(entry: Path) -> Path | Drop:
    """`entry` when it is a readable kind of file; a Drop for a broken or looping link, a pipe, a socket."""
    try:
        mode = entry.stat().st_mode
    except OSError as error:  # a dangling link is "missing", a link loop "unreadable"
        return os_error_drop(error, str(entry), entry.stem)
    return entry if stat.S_ISREG(mode) else _not_regular(entry, mode)


def _not_regular(path: Path, mode: int) -> Drop:
    # Reading a named pipe would block the whole run until something writes to it.
    kind = "named pipe" if stat.S_ISFIFO(mode) else "socket" if stat.S_ISSOCK(mode) else "device"
    message = f"not a regular file (a {kind}); not read"
    return Drop(STAGE, "unreadable", f"{path}: {message}", path.stem, str(path))
