"""WARC files (.warc, .warc.gz) → Article, one per HTML `response` record (warcio); other records are skipped.

The record id is the WARC-Record-ID without its `<urn:uuid:…>` wrapping; the url is WARC-Target-URI.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from trafilatura.utils import decode_file
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from legation.errors import InputError
from legation.model import Article, Drop
from legation.readers.webpage import limit_length, parse_html

WARC_SUFFIXES = (".warc", ".warc.gz")
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(path: Path, *, max_chars: int) -> Iterator[Article | Drop]:
    """Yield one Article (or Drop) per HTML response record of the WARC file at `path`, in file order."""
    try:
        with path.open("rb") as stream:
            records = ArchiveIterator(stream)
            for record in records:
                if record.format != "warc":
                    # warcio reads any text as an ARC record; only WARC is accepted here.
                    raise InputError(f"{path}: not a valid WARC file: found a {record.format} record")
                if not _is_html_response(record):
                    continue
                # Read the payload first: asking warcio for the offset consumes the record.
                payload = record.content_stream().read()
                origin = f"{path}:{records.get_record_offset()}"
                item = _read_record(record, payload, origin=origin)
                yield limit_length(item, max_chars=max_chars)
    except OSError as error:
        raise InputError(f"{path}: cannot read WARC file: {error.strerror or error}") from error
    except ArchiveLoadFailed as error:
        raise InputError(f"{path}: not a valid WARC file: {error.msg}") from error


def record_id(record: ArcWarcRecord) -> str:
    """WARC-Record-ID without the `<urn:uuid:` … `>` wrapping."""
    raw = (record.rec_headers.get_header("WARC-Record-ID") or "").strip()
    return raw.removeprefix("<").removesuffix(">").removeprefix("urn:uuid:")


def _is_html_response(record: ArcWarcRecord) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    return content_type.split(";")[0].strip() in _HTML_TYPES


def _read_record(record: ArcWarcRecord, payload: bytes, *, origin: str) -> Article | Drop:
    article_id = record_id(record) or origin
    url = record.rec_headers.get_header("WARC-Target-URI")
    status = record.http_headers.get_statuscode() if record.http_headers else None
    if not status or not status.startswith("2"):
        detail = f"{origin}: {url}: HTTP status {status}, not a page"
        return Drop("read", "http_status", detail, article_id, origin)
    page = parse_html(decode_file(payload), article_id=article_id, url=url, origin=origin)
    if isinstance(page, Drop) or page.published is not None:
        return page
    # Last resort, when the page states no date: the capture date (publication is on or before it).
    captured = _capture_date(record)
    return replace(page, published=captured, published_basis="metadata") if captured else page


def _capture_date(record: ArcWarcRecord) -> date | None:
    raw = record.rec_headers.get_header("WARC-Date")
    if not raw:
        return None
    try:
        return datetime.fromisoformat(raw.strip()).date()
    except ValueError:
        return None
