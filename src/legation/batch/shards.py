"""Sharding: input paths → a deterministic list of Shard (file, line range) descriptions, and Shard → Article
stream.

A shard names where its records lie, never their text: the worker that codes it reads them itself. JSONL files
(plain or compressed) are split by line ranges; every other file is read whole by `read_articles`.
"""

from __future__ import annotations

import codecs
import lzma
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from legation.errors import InputError
from legation.model import Article, Drop
from legation.readers import read_articles, reader_for
from legation.readers.records import COMPRESSED_OPENERS, read_jsonl
from legation.readers.text import STAGE

# Files of one article each: they are packed into shards as weight 1; other whole files get a shard of their
# own.
SINGLE_ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".xhtml")
SPLIT_SUFFIXES = (".jsonl", ".jsonl.xz", ".jsonl.gz", ".jsonl.bz2")
_CHUNK = 1 << 20
_SNIFF_BYTES = 8192


@dataclass(frozen=True, slots=True)
class ShardPart:
    """A file, or lines `first_line` (1-based) up to `stop_line` (exclusive) of a JSONL file."""

    path: str
    first_line: int = 1
    stop_line: int | None = None

    def describe(self) -> str:
        return self.path if self.stop_line is None else f"{self.path}:{self.first_line}-{self.stop_line - 1}"


@dataclass(frozen=True, slots=True)
class Shard:
    """One unit of work: its number and the parts it reads, in input order."""

    index: int
    parts: tuple[ShardPart, ...]

    @property
    def name(self) -> str:
        return f"shard-{self.index:05d}"


def plan_shards(paths: Iterable[str | Path], *, shard_size: int, limit: int | None = None) -> list[Shard]:
    """Shards of at most `shard_size` records each, in the order `read_articles` reads `paths`.

    The plan depends only on the paths, their contents' line counts, `shard_size` and `limit` (the first
    `limit` JSONL lines or files in all), so a rerun plans the same.
    """
    if shard_size < 1 or (limit is not None and limit < 1):
        raise InputError(f"shard_size, limit: expected positive integers, found {shard_size}, {limit}")
    shards: list[Shard] = []
    current: list[ShardPart] = []
    filled = 0
    for part, weight in _limited(_weighted_parts(paths, shard_size), limit):
        if current and filled + weight > shard_size:
            shards.append(Shard(len(shards), tuple(current)))
            current, filled = [], 0
        current.append(part)
        filled += weight
    if current:
        shards.append(Shard(len(shards), tuple(current)))
    return shards


def read_shard(shard: Shard, *, max_chars: int) -> Iterator[Article | Drop]:
    """The articles (and Drops) of a shard, read from its files by whoever codes it."""
    for part in shard.parts:
        if part.stop_line is None:
            yield from read_articles([part.path], max_chars=max_chars)
        else:
            yield from _read_line_range(part, max_chars=max_chars)


def input_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Each input file in `read_articles` order: folders depth first by name, hidden entries and folder links
    skipped; a path named explicitly is kept even when missing or of unknown format (reading it gives the
    Drop)."""
    for name in paths:
        if str(name) == "-":
            raise InputError("-: batch runs cannot read standard input; write it to a file first")
        path = Path(name)
        try:
            is_folder = stat.S_ISDIR(path.stat().st_mode)
        except OSError:
            is_folder = False
        yield from _walk(path) if is_folder else [path]


def _walk(folder: Path) -> Iterator[Path]:
    try:
        entries = sorted(folder.iterdir(), key=lambda entry: entry.name)
    except OSError:
        yield folder  # read_articles reports the unreadable folder
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            if not entry.is_symlink():
                yield from _walk(entry)
        elif reader_for(entry) is not None and entry.is_file():
            yield entry


def _limited(parts: Iterator[tuple[ShardPart, int]], limit: int | None) -> Iterator[tuple[ShardPart, int]]:
    left = limit
    for part, weight in parts:
        if left is None:
            yield part, weight
            continue
        if left <= 0:
            return
        if part.stop_line is not None and weight > left:
            part, weight = ShardPart(part.path, part.first_line, part.first_line + left), left
        left -= weight if part.stop_line is not None else 1
        yield part, weight


def _weighted_parts(paths: Iterable[str | Path], shard_size: int) -> Iterator[tuple[ShardPart, int]]:
    for path in input_files(paths):
        name = path.name.lower()
        lines = _splittable_lines(path) if name.endswith(SPLIT_SUFFIXES) else None
        if lines is not None:
            for first in range(1, lines + 1, shard_size):
                stop = min(first + shard_size, lines + 1)
                yield ShardPart(str(path), first, stop), stop - first
        elif name.endswith(SINGLE_ARTICLE_SUFFIXES):
            yield ShardPart(str(path)), 1
        else:
            yield ShardPart(str(path)), shard_size


def _splittable_lines(path: Path) -> int | None:
    """The line count of a JSONL file that can be read by line ranges; None when it must be read whole
    (unreadable, UTF-16, binary, blank at the start), so that `read_articles` reports its problem once."""
    try:
        with _open_binary(path) as stream:
            head = stream.read(_SNIFF_BYTES)
            if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in head:
                return None
            count, last = head.count(b"\n"), head
            while chunk := stream.read(_CHUNK):
                count, last = count + chunk.count(b"\n"), chunk
    except (OSError, EOFError, lzma.LZMAError):
        return None
    lines = count + (1 if last and not last.endswith(b"\n") else 0)
    return lines if head.strip() else None


def _open_binary(path: Path) -> IO[bytes]:
    opener = COMPRESSED_OPENERS.get(path.suffix.lower())
    return opener(path) if opener is not None else path.open("rb")


def _read_line_range(part: ShardPart, *, max_chars: int) -> Iterator[Article | Drop]:
    path = Path(part.path)
    try:
        with _open_binary(path) as stream:
            for item in read_jsonl(_window(stream, part), max_chars=max_chars, origin=part.path):
                # A range of blank lines is no empty input: the whole-input "empty" Drop belongs to empty
                # files, which are read whole (see _splittable_lines).
                if not (isinstance(item, Drop) and item.reason == "empty" and item.origin == part.path):
                    yield item
    except (OSError, EOFError, lzma.LZMAError) as error:
        yield Drop(STAGE, "unreadable", f"{part.describe()}: cannot read: {error}", None, part.path)


def _window(stream: IO[bytes], part: ShardPart) -> Iterator[bytes]:
    """The file's lines with those before the range blanked (so line numbers stay true), up to the range's
    end."""
    for number, line in enumerate(stream, 1):
        if part.stop_line is not None and number >= part.stop_line:
            return
        yield line if number >= part.first_line else b"\n"
