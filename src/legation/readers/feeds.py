"""RSS/Atom feeds → Article, one per item (feedparser); an item linking a local HTML file is read from it.

Item text is its content or summary as plain text; the item's date is the publication date (basis "metadata").
"""

from __future__ import annotations

import email.utils
import html
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import feedparser
from trafilatura.utils import decode_file

from legation.errors import InputError
from legation.model import Article, Drop
from legation.readers.webpage import HTML_SUFFIXES, host_of, limit_length, parse_html

FEED_SUFFIXES = (".rss", ".atom", ".xml")
_BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote pre tr table section article header footer dd dt".split()
)
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


def read_feed(path: Path, *, max_chars: int) -> Iterator[Article | Drop]:
    """Yield one Article (or Drop) per item of the RSS/Atom feed at `path`, in feed order."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read feed: {error.strerror}") from error
    # Bytes, not the path: feedparser would fetch a string that looks like a url.
    parsed = feedparser.parse(raw)
    if not parsed.entries and parsed.get("bozo"):
        raise InputError(f"{path}: not an RSS/Atom feed: {parsed.get('bozo_exception')}")
    source = parsed.feed.get("title") or host_of(parsed.feed.get("link"))
    language = _language_code(parsed.feed.get("language"))
    for number, entry in enumerate(parsed.entries, start=1):
        item = _read_item(
            entry, folder=path.parent, origin=f"{path}:item {number}", fallback_id=f"{path.stem}:{number}"
        )
        if isinstance(item, Article) and item.source is None:
            item = replace(item, source=source or host_of(item.url))
        if isinstance(item, Article) and item.language is None:
            item = replace(item, language=language)
        yield limit_length(item, max_chars=max_chars)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: tags stripped, entities decoded, a line per paragraph or list item."""
    if _TAG.search(fragment):
        collector = _TextCollector()
        collector.feed(fragment)
        collector.close()
        plain = "".join(collector.parts)
    else:
        plain = html.unescape(fragment)
    lines = (_SPACES.sub(" ", line).strip() for line in plain.split("\n"))
    return "\n".join(line for line in lines if line)


def local_page(link: str | None, *, folder: Path) -> Path | None:
    """The existing local HTML file a link names (relative to the feed's folder, or file://), else None."""
    if not link:
        return None
    parts = urlsplit(link)
    if parts.scheme == "file":
        candidate = Path(unquote(parts.path))
    elif parts.scheme or parts.netloc:
        return None
    else:
        candidate = folder / unquote(parts.path)
    if candidate.suffix.lower() in HTML_SUFFIXES and candidate.is_file():
        return candidate
    return None


def _read_item(entry: Any, *, folder: Path, origin: str, fallback_id: str) -> Article | Drop:
    article_id = entry.get("id") or entry.get("link") or fallback_id
    published = _item_date(entry)
    page_path = local_page(entry.get("link"), folder=folder)
    if page_path is not None:
        page = _read_page(page_path, article_id=article_id, origin=origin)
        if isinstance(page, Drop):
            return page
        return replace(
            page,
            title=entry.get("title") or page.title,
            published=published or page.published,
            published_basis="metadata" if published else page.published_basis,
        )
    text = html_to_text(_item_html(entry))
    if not text:
        return Drop("read", "empty", f"{origin}: item has no content or summary", article_id, origin)
    link = entry.get("link")
    return Article(
        article_id=article_id,
        text=text,
        title=html_to_text(entry.get("title", "")) or None,
        published=published,
        published_basis="metadata" if published else None,
        url=link if host_of(link) else None,
        language=_language(entry),
        origin=origin,
    )


def _read_page(path: Path, *, article_id: str, origin: str) -> Article | Drop:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InputError(f"{origin}: cannot read linked page {path}: {error.strerror}") from error
    return parse_html(decode_file(raw), article_id=article_id, origin=f"{origin} ({path})")


def _item_html(entry: Any) -> str:
    """The fullest text the item carries: its content, else its summary."""
    for content in entry.get("content") or ():
        if content.get("value", "").strip():
            return str(content["value"])
    return str(entry.get("summary", ""))


def _item_date(entry: Any) -> date | None:
    """The item's own calendar date as written (its time zone kept), else feedparser's UTC reading."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if raw:
            parsed = _parse_feed_date(str(raw))
            if parsed is not None:
                return parsed
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        moment = entry.get(key)
        if moment:
            return date(moment.tm_year, moment.tm_mon, moment.tm_mday)
    return None


def _parse_feed_date(raw: str) -> date | None:
    """RFC 822 (RSS) or ISO 8601 (Atom) date; None when neither reads it."""
    try:
        return email.utils.parsedate_to_datetime(raw).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.fromisoformat(raw.strip()).date()
    except ValueError:
        return None


def _language(entry: Any) -> str | None:
    detail = entry.get("summary_detail") or entry.get("title_detail") or {}
    return _language_code(detail.get("language"))


def _language_code(value: Any) -> str | None:
    """ "en-GB" → "en"; None for nothing."""
    return str(value).split("-")[0].strip().lower() or None if value else None


class _TextCollector(HTMLParser):
    """Collects text, turning block-level tags into line breaks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style"}:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data.replace("\n", " "))
