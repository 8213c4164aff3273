"""HTML pages → Article: main text, title, date, url, site and language via trafilatura and htmldate.

Nothing is fetched: pages are read from disk (or given as strings); paragraphs become lines joined by "\n".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from configparser import ConfigParser
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import htmldate
import trafilatura
from lxml.html import HtmlElement
from trafilatura.settings import Document, use_config
from trafilatura.utils import decode_file, load_html

from legation.errors import InputError
from legation.model import Article, Drop

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_LANGUAGE_CODE = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*$")
_LANGUAGE_XPATHS = (
    "/html/@lang",
    "/html/@xml:lang",
    "//meta[translate(@http-equiv,'CONTENT-LANGUAGE','content-language')='content-language']/@content",
    "//meta[@property='og:locale']/@content",
)


def read_html(path: Path, *, max_chars: int) -> Iterator[Article | Drop]:
    """Yield the one article of a saved page (id = file name without extension), or a Drop saying why not."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read HTML page: {error.strerror}") from error
    item = parse_html(decode_file(raw), article_id=path.stem, origin=str(path))
    yield limit_length(item, max_chars=max_chars)


def parse_html(
    html: str, *, article_id: str, url: str | None = None, origin: str | None = None
) -> Article | Drop:
    """Extract the main text and metadata of one page; an empty or unparsable page is a Drop."""
    tree = load_html(html) if html.strip() else None
    if tree is None:
        return Drop("read", "empty", f"{origin or article_id}: no HTML to read", article_id, origin)
    published = find_page_date(tree, url=url)
    language = find_page_language(tree)
    extracted = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_images=False,
        include_links=False,
        favor_precision=True,
        config=_extraction_config(),
    )
    # trafilatura ≥ 2 returns a Document; as_dict=True (not used here) would give a dict.
    document = extracted if isinstance(extracted, Document) else None
    text = _body_text(document.text if document else None, document.title if document else None)
    if not text:
        return Drop(
            "read", "empty", f"{origin or article_id}: no main text found in the page", article_id, origin
        )
    page_url = url or (document.url if document else None)
    return Article(
        article_id=article_id,
        text=text,
        title=document.title if document else None,
        published=published,
        published_basis="page" if published else None,
        url=page_url,
        source=(document.sitename if document else None) or host_of(page_url),
        language=language,
        origin=origin,
    )


def find_page_date(tree: HtmlElement, *, url: str | None = None) -> date | None:
    """The page's publication date from its markup and url only (never from sidebar text)."""
    found = htmldate.find_date(tree, extensive_search=False, original_date=True, url=url)
    return date.fromisoformat(found) if found else None


def find_page_language(tree: HtmlElement) -> str | None:
    """The page's declared language as a lower-case ISO 639 code ("en"), or None when it declares none."""
    for xpath in _LANGUAGE_XPATHS:
        for value in tree.xpath(xpath, namespaces={"xml": "http://www.w3.org/XML/1998/namespace"}):
            match = _LANGUAGE_CODE.match(str(value).strip())
            if match:
                return match.group(1).lower()
    return None


def host_of(url: str | None) -> str | None:
    """The host of an http(s) url without a leading "www.", or None."""
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return None
    return parts.hostname.removeprefix("www.")


def limit_length(item: Article | Drop, *, max_chars: int) -> Article | Drop:
    """Turn an article longer than `max_chars` into a Drop that says so."""
    if isinstance(item, Drop) or len(item.text) <= max_chars:
        return item
    where = item.origin or item.article_id
    detail = f"{where}: {len(item.text)} characters, more than max_chars={max_chars}"
    return Drop("read", "too_large", detail, item.article_id, item.origin)


def _body_text(text: str | None, title: str | None) -> str:
    """Paragraph lines without the repeated headline that trafilatura puts first."""
    lines = [line.strip() for line in (text or "").split("\n")]
    lines = [line for line in lines if line]
    if lines and title and lines[0] == title.strip():
        lines = lines[1:]
    return "\n".join(lines)


def _extraction_config() -> ConfigParser:
    """trafilatura settings for offline use: no signal-based timeout (unsafe in threads), keep short pages."""
    config: ConfigParser = use_config()
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "100")
    config.set("DEFAULT", "MIN_OUTPUT_SIZE", "1")
    return config
