"""Record files: JSONL (a JSON object a line) and CSV (a header row, then a row an article) → Article or Drop.

Both stream line by line, so memory is bounded by the longest record, never by the file.
"""

from __future__ import annotations

import bz2
import codecs
import csv
import gzip
import io
import json
import lzma
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any, cast

from legation.model import Article, Drop
from legation.readers.text import (
    STAGE,
    ReadProblem,
    normalize_newlines,
    parse_metadata_date,
    utf16_without_bom,
)

FIELDS = ("id", "text", "title", "date", "url", "source", "language")
REQUIRED = ("id", "text")
_OPTIONAL_STRINGS = ("title", "url", "source", "language")
_SNIFF_BYTES = 8192
# A line may hold a text of max_chars characters written as JSON escapes (up to 12 bytes each: \ud83d\ude00),
# plus the other fields: longer lines are skipped unread, so one runaway line cannot fill the memory.
_BYTES_PER_CHAR_ESCAPED = 12
_LINE_SLACK = 65_536
# csv.field_size_limit is process-wide and capped by a C long; it is only ever raised.
_MAX_FIELD_LIMIT = 2**31 - 1
_JSON_KINDS = {dict: "object", list: "array", str: "string", int: "number", float: "number", bool: "boolean"}

Lines = Iterator[tuple[int, str | ReadProblem]]


def read_jsonl(
    path_or_stream: str | Path | IO[str] | IO[bytes] | Iterable[str] | Iterable[bytes],
    *,
    max_chars: int,
    origin: str | None = None,
) -> Iterator[Article | Drop]:
    """Articles of a JSONL file or stream (`origin` names it in messages; default: the path, or "stream").

    One Drop per bad line ("bad_json", "bad_record", "bad_encoding", "binary", "empty", "too_large"); blank
    lines are skipped, and an input of blank lines only is one Drop("empty"). A record with an unreadable
    `date` is kept with `published` None and followed by a Drop("bad_date").
    """
    limit = line_limit(max_chars)
    if isinstance(path_or_stream, str | Path):
        where = origin or str(path_or_stream)
        lines = file_lines(Path(path_or_stream), limit=limit, where=where)
    else:
        where = origin or "stream"
        lines = decoded_lines(path_or_stream, limit=limit, where=where)
    nothing = True
    for item in _guarded(lines, where=where):
        if isinstance(item, Drop):
            nothing = False
            yield item
        elif item[1].strip():
            nothing = False
            yield from _jsonl_line(item[1], where=f"{where}:{item[0]}", max_chars=max_chars)
    if nothing:
        yield _drop("empty", where, "no records (the input is empty or blank)")


def read_csv(path: str | Path, *, max_chars: int) -> Iterator[Article | Drop]:
    """Articles of a CSV file with a header row naming at least `id` and `text` (case and blanks ignored).

    Extra columns are ignored; a row with more or fewer fields than the header is a Drop("bad_record"). A
    file without the required columns is one Drop. An undecodable line ends the file with a Drop (a quoted
    field may span lines, so reading on could misalign every later row).
    """
    where = str(path)
    _allow_fields_of(2 * max_chars + 1)
    lines = file_lines(Path(path), limit=line_limit(max_chars), where=where)
    try:
        yield from _csv_articles(
            _text_only(_guarded(lines, where=where), where=where), where=where, max_chars=max_chars
        )
    except _SourceStopped as stop:
        yield stop.drop


def record_articles(record: Any, *, where: str, max_chars: int) -> Iterator[Article | Drop]:
    """Article from one record (a JSON object or a CSV row), or a Drop; a bad `date` adds a Drop after it."""
    if not isinstance(record, dict):
        yield _drop("bad_record", where, f"expected a JSON object, found {_kind(record)}")
        return
    article_id = _record_id(record.get("id"))
    checks = [_id_problem(record.get("id")), _text_problem(record.get("text"))]
    checks += [_optional_problem(name, record.get(name)) for name in _OPTIONAL_STRINGS]
    if problems := [message for message in checks if message]:
        yield _drop("bad_record", where, "; ".join(problems), article_id)
        return
    strings = [article_id, record["text"], *(record.get(name) for name in _OPTIONAL_STRINGS)]
    if not all(_encodable(value) for value in strings if isinstance(value, str)):
        yield _drop(
            "bad_encoding", where, "a field holds an undecodable character (unpaired surrogate)", article_id
        )
        return
    text = normalize_newlines(record["text"])
    if not text.strip():
        yield _drop("empty", where, "text: no text", article_id)
    elif len(text) > max_chars:
        yield _drop(
            "too_large", where, f"text: {len(text)} characters, more than max_chars={max_chars}", article_id
        )
    else:
        yield from _dated_article(record, text=text, article_id=str(article_id), where=where)


def _dated_article(
    record: dict[str, Any], *, text: str, article_id: str, where: str
) -> Iterator[Article | Drop]:
    raw_date = record.get("date")
    published = parse_metadata_date(raw_date) if isinstance(raw_date, str) and raw_date.strip() else None
    yield Article(
        article_id=article_id,
        text=text,
        title=_optional(record.get("title")),
        published=published,
        published_basis="metadata" if published else None,
        url=_optional(record.get("url")),
        source=_optional(record.get("source")),
        language=_optional(record.get("language")),
        origin=where,
    )
    has_date = raw_date is not None and not (isinstance(raw_date, str) and not raw_date.strip())
    if published is None and has_date:
        message = (
            f"date: expected an ISO date or datetime, found {raw_date!r}; kept the article without a date"
        )
        yield _drop("bad_date", where, message, article_id)


def _record_id(value: Any) -> str | None:
    # Integer ids (common in exports) are accepted and kept as their decimal string.
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    return value if isinstance(value, str) and value.strip() else None


def _id_problem(value: Any) -> str | None:
    if value is None:
        return "id: missing"
    if isinstance(value, str) and not value.strip():
        return "id: expected a non-empty string, found an empty one"
    if _record_id(value) is None:
        return f"id: expected a string, found {_kind(value)}"
    return None


def _text_problem(value: Any) -> str | None:
    if value is None:
        return "text: missing"
    if not isinstance(value, str):
        return f"text: expected a string, found {_kind(value)}"
    return None


def _optional_problem(name: str, value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return None
    return f"{name}: expected a string or null, found {_kind(value)}"


def _optional(value: str | None) -> str | None:
    return value.strip() or None if value else None


def _encodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _kind(value: Any) -> str:
    return "null" if value is None else _JSON_KINDS.get(type(value), type(value).__name__)


def _jsonl_line(line: str, *, where: str, max_chars: int) -> Iterator[Article | Drop]:
    if not line.strip():
        return
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        truncated = error.pos >= len(line.rstrip())
        hint = " (the line ends inside the record: truncated?)" if truncated else ""
        yield _drop("bad_json", where, f"invalid JSON: {error.msg} at column {error.colno}{hint}")
        return
    except (ValueError, RecursionError) as error:  # integers too long to convert, nesting too deep
        yield _drop("bad_json", where, f"invalid JSON: {error}")
        return
    yield from record_articles(record, where=where, max_chars=max_chars)


def _csv_articles(lines: Iterator[str], *, where: str, max_chars: int) -> Iterator[Article | Drop]:
    reader = csv.reader(lines)
    try:
        header = next(reader, None)
        if header is None:
            yield _drop("empty", where, "no header row")
            return
        columns = [name.strip().lower() for name in header]
        if missing := [name for name in REQUIRED if name not in columns]:
            found = ", ".join(repr(name) for name in header)
            yield _drop("bad_record", f"{where}:1", f"missing column(s) {', '.join(missing)} (found {found})")
            return
        end = reader.line_num
        for row in reader:
            start, end = end + 1, reader.line_num
            yield from _csv_row(row, columns, where=f"{where}:{start}", max_chars=max_chars)
    except csv.Error as error:
        reason = "too_large" if "field limit" in str(error) else "bad_record"
        yield _drop(reason, f"{where}:{reader.line_num}", f"{error}; the rest of the file was not read")


def _csv_row(row: list[str], columns: list[str], *, where: str, max_chars: int) -> Iterator[Article | Drop]:
    if not any(field.strip() for field in row):
        return
    if len(row) != len(columns):
        yield _drop("bad_record", where, f"expected {len(columns)} fields (as the header), found {len(row)}")
        return
    record: dict[str, Any] = {}
    for name, value in zip(columns, row, strict=True):
        if name in FIELDS:
            record.setdefault(name, value)
    yield from record_articles(record, where=where, max_chars=max_chars)


def _allow_fields_of(size: int) -> None:
    if csv.field_size_limit() < size:
        csv.field_size_limit(min(size, _MAX_FIELD_LIMIT))


def line_limit(max_chars: int) -> int:
    """The longest line (bytes or characters) read for an article of at most `max_chars` characters."""
    return _BYTES_PER_CHAR_ESCAPED * max_chars + _LINE_SLACK


def file_lines(path: Path, *, limit: int, where: str) -> Lines:
    """Numbered decoded lines of a file (newlines kept); raises ReadProblem when the whole file is unfit."""
    try:
        handle = path.open("rb")
    except OSError as error:
        reason = "missing" if isinstance(error, FileNotFoundError) else "unreadable"
        raise ReadProblem(reason, where, f"cannot read: {error.strerror or error}") from error
    with handle:
        head = handle.read(_SNIFF_BYTES)
        handle.seek(0)
        utf16 = "utf-16" if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else None
        if (utf16 := utf16 or utf16_without_bom(head)) is not None:
            yield from decoded_lines(
                io.TextIOWrapper(handle, encoding=utf16, newline=""), limit=limit, where=where
            )
            return
        if (nul := head.find(b"\x00")) >= 0:
            raise ReadProblem("binary", where, f"NUL byte at byte offset {nul}: not a text file")
        yield from decoded_lines(handle, limit=limit, where=where)


def decoded_lines(
    source: IO[str] | IO[bytes] | Iterable[str] | Iterable[bytes], *, limit: int, where: str
) -> Lines:
    """Numbered lines of a stream as text; a line that cannot be used comes as a ReadProblem in its place."""
    offset = 0
    for number, raw, size in _raw_lines(source, limit=limit):
        at = f"{where}:{number}"
        if raw is None:
            yield number, ReadProblem("too_large", at, f"line of more than {limit} characters; not read")
        elif isinstance(raw, str):
            yield number, _checked(raw.removeprefix("\ufeff") if number == 1 else raw, at)
        else:
            yield number, _decoded_line(raw, at=at, first=number == 1, offset=offset)
        offset += size


def _checked(line: str, where: str) -> str | ReadProblem:
    if "\x00" in line:
        return ReadProblem("binary", where, "NUL character in the line: not text")
    return line


def _decoded_line(raw: bytes, *, at: str, first: bool, offset: int) -> str | ReadProblem:
    skipped = len(codecs.BOM_UTF8) if first and raw.startswith(codecs.BOM_UTF8) else 0
    if (nul := raw.find(b"\x00")) >= 0:
        return ReadProblem("binary", at, f"NUL byte at byte offset {offset + nul}: not text")
    try:
        return raw[skipped:].decode("utf-8")
    except UnicodeDecodeError as error:
        found = raw[skipped + error.start : skipped + error.start + 4].hex(" ")
        message = f"byte offset {offset + skipped + error.start}: expected UTF-8, found bytes {found}"
        return ReadProblem("bad_encoding", at, message)


def _raw_lines(
    source: IO[str] | IO[bytes] | Iterable[str] | Iterable[bytes], *, limit: int
) -> Iterator[tuple[int, str | bytes | None, int]]:
    """(number, line or None when over `limit`, its size); file objects are read by a bounded readline."""
    readline: Callable[[int], str | bytes] | None = getattr(source, "readline", None)
    if readline is None:
        lines: Iterable[str | bytes] = source
        for number, line in enumerate(lines, 1):
            yield number, (line if len(line) <= limit else None), len(line)
        return
    number = 0
    while line := readline(limit):
        number += 1
        if len(line) >= limit and line[-1:] not in ("\n", b"\n"):
            yield number, None, len(line) + _skip_rest_of_line(readline, limit)
        else:
            yield number, line, len(line)


def _skip_rest_of_line(readline: Callable[[int], str | bytes], limit: int) -> int:
    skipped = 0
    while chunk := readline(limit):
        skipped += len(chunk)
        if chunk[-1:] in ("\n", b"\n"):
            break
    return skipped


def _guarded(lines: Lines, *, where: str) -> Iterator[tuple[int, str] | Drop]:
    """Lines as (number, text), line problems as Drops; a failure of the whole source ends it with a Drop."""
    number = 0
    try:
        for number, line in lines:
            yield line.to_drop() if isinstance(line, ReadProblem) else (number, line)
    except ReadProblem as problem:
        yield problem.to_drop()
    except UnicodeDecodeError as error:
        message = (
            f"after line {number}: expected {error.encoding.upper()} ({error.reason}); the rest was not read"
        )
        yield _drop("bad_encoding", where, message)
    except OSError as error:
        yield _drop(
            "unreadable", where, f"after line {number}: {error.strerror or error}; the rest was not read"
        )


class _SourceStopped(Exception):
    """Ends a CSV read at the first unusable line, carrying the Drop that says so."""

    def __init__(self, drop: Drop) -> None:
        super().__init__(drop.detail)
        self.drop = drop


def _text_only(items: Iterator[tuple[int, str] | Drop], *, where: str) -> Iterator[str]:
    """The lines csv needs; the first problem stops the read (a quoted field may span lines)."""
    for item in items:
        if isinstance(item, Drop):
            rest = "; the rest of the file was not read" if item.origin != where else ""
            raise _SourceStopped(
                Drop(item.stage, item.reason, item.detail + rest, item.article_id, item.origin)
            )
        yield item[1]


def _drop(reason: str, where: str, message: str, article_id: str | None = None) -> Drop:
    return Drop(STAGE, reason, f"{where}: {message}", article_id=article_id, origin=where)


COMPRESSED_OPENERS: dict[str, Callable[[Path], IO[bytes]]] = {
    ".xz": lambda path: lzma.open(path, "rb"),
    ".gz": lambda path: cast(IO[bytes], gzip.open(path, "rb")),
    ".bz2": lambda path: bz2.open(path, "rb"),
}


def read_compressed_jsonl(path: str | Path, *, max_chars: int) -> Iterator[Article | Drop]:
    """JSONL compressed with xz, gzip or bzip2 (`*.jsonl.xz`, ...), decompressed as a stream."""
    path = Path(path)
    opener = COMPRESSED_OPENERS[path.suffix.lower()]
    try:
        with opener(path) as stream:
            yield from read_jsonl(stream, max_chars=max_chars, origin=str(path))
    except (OSError, EOFError, lzma.LZMAError) as error:
        yield Drop(STAGE, "unreadable", f"{path}: cannot decompress: {error}", None, str(path))
