"""Plain-text articles: `*.txt` bytes (optional ` date YYYY-MM-DD ` first-line header) → Article, or a Drop.

Also holds what the readers share: decoding bytes, normalising newlines, ISO dates, read problems as Drops.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from legation.errors import InputError
from legation.model import Article, Drop

STAGE = "read"
# CONTRACT "Input": leading space, the word `date`, a date, then a space (or the end of the line). The date
# must look like one (digits and dashes) so that prose such as " date of the talks ..." is never a header.
_HEADER = re.compile(r" date (\d{4}-\d{1,2}-\d{1,2})(?: |(?=\n)|$)")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DAY_AND_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})[T ](?:[01]\d|2[0-3]):[0-5]\d")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# Share of control characters (besides tab, newlines, form feed) above which decoded text counts as binary.
_MAX_CONTROL_SHARE = 0.05
_SNIFF_CHARS = 8192
# UTF-8 needs at most 4 bytes a character: a larger file cannot fit in max_chars, whatever it holds.
MAX_BYTES_PER_CHAR = 4
# UTF-16 without a BOM: share of byte pairs with a NUL on one side, and the most allowed on the other.
_UTF16_NUL_SHARE = 0.6
_UTF16_STRAY_SHARE = 0.02


class ReadProblem(InputError):
    """Why an input (or one line of it) cannot become an article; readers turn it into a Drop."""

    def __init__(self, reason: str, where: str, message: str, *, article_id: str | None = None) -> None:
        super().__init__(f"{where}: {message}")
        self.reason = reason
        self.where = where
        self.article_id = article_id

    def to_drop(self, article_id: str | None = None) -> Drop:
        return Drop(
            STAGE, self.reason, str(self), article_id=article_id or self.article_id, origin=self.where
        )


@dataclass(frozen=True, slots=True)
class Header:
    """A text split at its ` date YYYY-MM-DD ` header: the date as written, the date if valid, the body."""

    date_text: str | None
    published: date | None
    body: str


def normalize_newlines(text: str) -> str:
    """`\\r\\n` and lone `\\r` become `\\n`, so that offsets mean the same on every platform."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_header(text: str) -> Header:
    """Split off the header; the rest of its line is the first paragraph (leading blanks are dropped)."""
    match = _HEADER.match(text)
    if match is None:
        return Header(None, None, text)
    date_text = match.group(1)
    body = text[match.end() :].lstrip()
    published = parse_day(date_text) if _ISO_DAY.fullmatch(date_text) else None
    return Header(date_text, published, body)


def parse_day(value: str) -> date | None:
    """A `YYYY-MM-DD` date, or None when it is no real day (2021-02-30)."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def parse_metadata_date(value: str) -> date | None:
    """An ISO date or datetime (`2020-03-30`, `2020-03-30T14:05:00Z`, `2020-03-30 14:05+02:00`) → its date."""
    value = value.strip()
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        pass
    # Timestamps fromisoformat refuses (nanoseconds, odd zones) still carry a valid day before the time.
    match = _ISO_DAY_AND_TIME.match(value)
    return parse_day(match.group(1)) if match else None


def parse_text(text: str, *, article_id: str, origin: str | None = None) -> Article:
    """One article from plain text: newlines normalised, header split off (its date becomes `published`).

    A header whose date is no real day is still removed and leaves `published` None (read_text_file says so).
    """
    return _article(_split(text), article_id=article_id, origin=origin)


def _split(text: str) -> Header:
    return split_header(normalize_newlines(text).removeprefix("\ufeff"))


def _article(header: Header, *, article_id: str, origin: str | None) -> Article:
    return Article(
        article_id=article_id,
        text=header.body,
        published=header.published,
        published_basis="header" if header.published else None,
        origin=origin,
    )


def text_articles(text: str, *, article_id: str, origin: str, max_chars: int) -> Iterator[Article | Drop]:
    """Article (or Drop) from decoded text; a bad header date yields the Article, then a Drop("bad_date").

    Reasons: "empty" (only blanks after the header), "too_large" (more than max_chars characters as stored),
    "bad_encoding" (unpaired surrogates, as from a wrongly decoded stream), "bad_date".
    """
    if (surrogate := _SURROGATE.search(text)) is not None:
        yield _drop("bad_encoding", origin, f"undecodable character at {surrogate.start()}", article_id)
        return
    header = _split(text)
    article = _article(header, article_id=article_id, origin=origin)
    if not article.text.strip():
        yield _drop("empty", origin, "no text (after the date header)", article_id)
    elif len(article.text) > max_chars:
        yield _drop(
            "too_large",
            origin,
            f"{len(article.text)} characters, more than max_chars={max_chars}",
            article_id,
        )
    else:
        yield article
        if header.date_text is not None and header.published is None:
            message = (
                f"header date {header.date_text!r} is not a YYYY-MM-DD day; kept the article without a date"
            )
            yield _drop("bad_date", f"{origin}:1", message, article_id)


def read_text_file(path: Path, *, max_chars: int) -> Iterator[Article | Drop]:
    """The one article of a `*.txt` file (id = file name without extension), or a Drop saying why not."""
    path = Path(path)
    origin, article_id = str(path), path.stem
    try:
        size = path.stat().st_size
        if size > MAX_BYTES_PER_CHAR * max_chars + len(codecs.BOM_UTF8):
            yield _drop(
                "too_large", origin, f"{size} bytes, more than max_chars={max_chars} characters", article_id
            )
            return
        data = path.read_bytes()
    except OSError as error:
        yield os_error_drop(error, origin, article_id)
        return
    try:
        text = decode_bytes(data, where=origin)
    except ReadProblem as problem:
        yield problem.to_drop(article_id)
        return
    yield from text_articles(text, article_id=article_id, origin=origin, max_chars=max_chars)


def decode_bytes(data: bytes, *, where: str) -> str:
    """Decode UTF-8 (BOM dropped) or UTF-16 (with a BOM, or mostly ASCII without); raise ReadProblem."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decode(data, "utf-16", where=where, skipped=0)
    elif (utf16 := utf16_without_bom(data[:_SNIFF_CHARS])) is not None:
        text = _decode(data, utf16, where=where, skipped=0)
    else:
        if (nul := data.find(b"\x00")) >= 0:
            raise ReadProblem("binary", where, f"NUL byte at byte offset {nul}: not a text file")
        skipped = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
        text = _decode(data[skipped:], "utf-8", where=where, skipped=skipped)
    check_text_like(text, where=where)
    return text


def utf16_without_bom(head: bytes) -> str | None:
    """ "utf-16-le" / "utf-16-be" when `head` looks like mostly-ASCII UTF-16 written without a BOM, else None.

    Such text has a NUL in (nearly) every other byte, always on the same side: random binary data does not.
    """
    pairs = len(head) // 2
    if pairs < 4:
        return None
    nul_first, nul_second = head[0 : 2 * pairs : 2].count(0), head[1 : 2 * pairs : 2].count(0)
    if nul_second >= _UTF16_NUL_SHARE * pairs and nul_first <= _UTF16_STRAY_SHARE * pairs:
        return "utf-16-le"
    if nul_first >= _UTF16_NUL_SHARE * pairs and nul_second <= _UTF16_STRAY_SHARE * pairs:
        return "utf-16-be"
    return None


def check_text_like(text: str, *, where: str) -> None:
    """Raise ReadProblem("binary") when decoded text holds NULs or is dense with control characters."""
    sample = text[:_SNIFF_CHARS]
    controls = len(_CONTROL.findall(sample))
    if "\x00" in sample or (sample and controls / len(sample) > _MAX_CONTROL_SHARE):
        raise ReadProblem(
            "binary", where, f"{controls} control characters in the first {len(sample)}: not text"
        )


def _decode(data: bytes, encoding: str, *, where: str, skipped: int) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        offset = skipped + error.start
        found = data[error.start : error.start + 4].hex(" ")
        message = f"byte offset {offset}: expected {encoding.upper()}, found bytes {found} ({error.reason})"
        raise ReadProblem("bad_encoding", where, message) from error


def os_error_drop(error: OSError, where: str, article_id: str | None = None) -> Drop:
    """A Drop for a file that cannot be opened: "missing" when it is gone, "unreadable" otherwise."""
    reason = "missing" if isinstance(error, FileNotFoundError) else "unreadable"
    return _drop(reason, where, f"cannot read: {error.strerror or error}", article_id)


def _drop(reason: str, where: str, message: str, article_id: str | None = None) -> Drop:
    return Drop(STAGE, reason, f"{where}: {message}", article_id=article_id, origin=where)
