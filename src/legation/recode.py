"""Recode: stored articles whose events came from another coder version → coded again by the current pipeline.

Articles are rebuilt from the `articles` table; `EventStore.write(force=True)` replaces each article and all
its events in one transaction per batch and regroups the blocks touched (issue 6).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, cast

import duckdb

from legation.errors import StoreError
from legation.model import Article, CodedArticle, Drop
from legation.store.events import EventStore
from legation.store.groups import pending_blocks, regroup

# Articles with at least one event from another coder version. An article without events records no version,
# so only `everything=True` recodes those.
STALE_ARTICLES = (
    "SELECT DISTINCT article_id FROM events WHERE coder_version IS DISTINCT FROM ? ORDER BY article_id"
)
ALL_ARTICLES = "SELECT article_id FROM articles ORDER BY article_id"
ARTICLE_FIELDS = (
    "article_id", "text", "title", "published", "published_basis", "url", "source", "language", "origin",
    "location",
)  # fmt: skip
ARTICLE_ROWS = (
    f"SELECT {', '.join(ARTICLE_FIELDS)} FROM articles"
    " WHERE article_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY article_id"
)
EVENTS_OF = "SELECT count(*) FROM events WHERE article_id IN (SELECT unnest(?::VARCHAR[]))"


class ArticleCoder(Protocol):
    """What recode needs of a pipeline (legation.pipeline.Pipeline is one): its version, and `code`."""

    @property
    def version(self) -> str: ...

    def code(self, items: Iterable[Article | Drop]) -> Iterator[CodedArticle | Drop]: ...


@dataclass(frozen=True)
class RecodeSummary:
    """What a recode did: articles recoded, their events before and after, and articles now dropped."""

    coder_version: str
    articles: int = 0
    events_before: int = 0
    events_after: int = 0
    groups: int = 0
    dropped_by_reason: dict[str, int] = field(default_factory=dict)

    def lines(self) -> Iterator[str]:
        yield (
            f"recoded {self.articles} article(s) with coder {self.coder_version}: "
            f"events {self.events_before} → {self.events_after}"
        )
        if self.dropped_by_reason:
            reasons = ", ".join(f"{reason} {n}" for reason, n in sorted(self.dropped_by_reason.items()))
            yield f"now dropped (their events removed): {reasons}"
        if self.groups:
            yield f"regrouped {self.groups} event group(s) that were not grouped yet"


def articles_to_recode(store: EventStore, coder_version: str, *, everything: bool = False) -> list[str]:
    """Ids of the stored articles with events from another coder version (or of every article), sorted."""
    rows = _fetch(store, ALL_ARTICLES, []) if everything else _fetch(store, STALE_ARTICLES, [coder_version])
    return [str(row[0]) for row in rows]


def stored_articles(store: EventStore, article_ids: Sequence[str]) -> list[Article]:
    """The stored articles with these ids, rebuilt as Article records (same content hash as when ingested)."""
    rows = _fetch(store, ARTICLE_ROWS, [list(article_ids)])
    return [Article(**cast(dict[str, Any], dict(zip(ARTICLE_FIELDS, row, strict=True)))) for row in rows]


def recode(
    store: EventStore, pipeline: ArticleCoder, *, everything: bool = False, batch_size: int = 200
) -> RecodeSummary:
    """Code the stale (or all) stored articles again, replace their events, then group what is ungrouped."""
    if batch_size < 1:
        raise StoreError(f"{store.path}: batch_size: expected a positive integer, found {batch_size}")
    ids = articles_to_recode(store, pipeline.version, everything=everything)
    before = _count(store, ids)
    dropped: Counter[str] = Counter()
    written = 0
    for start in range(0, len(ids), batch_size):
        articles = stored_articles(store, ids[start : start + batch_size])
        coded = list(_coded_or_empty(pipeline, articles, dropped))
        written += store.write(coded, batch_size=batch_size, force=True).events_written
    return RecodeSummary(
        coder_version=pipeline.version,
        articles=len(ids),
        events_before=before,
        events_after=written,
        groups=regroup_pending(store),
        dropped_by_reason=dict(dropped),
    )


def regroup_pending(store: EventStore, *, everything: bool = False) -> int:
    """Group the events not grouped yet (stored before grouping existed), or all; return how many groups."""
    connection = store.connection()
    try:
        connection.begin()
        try:
            groups = regroup(connection, pending_blocks(connection, everything=everything))
        except BaseException:
            connection.rollback()
            raise
        connection.commit()
    except duckdb.Error as error:
        raise StoreError(f"{store.path}: cannot regroup events; rolled back: {str(error).strip()}") from error
    return len(groups)


def _coded_or_empty(
    pipeline: ArticleCoder, articles: list[Article], dropped: Counter[str]
) -> Iterator[CodedArticle]:
    """Each article coded; one the pipeline now drops is stored with no events (its old ones must go)."""
    by_id = {article.article_id: article for article in articles}
    for item in pipeline.code(articles):
        if isinstance(item, Drop):
            dropped[item.reason] += 1
            if item.article_id in by_id:
                yield CodedArticle(article=by_id[item.article_id], drops=(item,))
            continue
        yield item


def _count(store: EventStore, ids: Sequence[str]) -> int:
    """The stored events of these articles."""
    if not ids:
        return 0
    value = _fetch(store, EVENTS_OF, [list(ids)])[0][0]
    return value if isinstance(value, int) else 0


def _fetch(store: EventStore, sql: str, params: list[object]) -> list[tuple[object, ...]]:
    try:
        return store.connection().execute(sql, params).fetchall()
    except duckdb.Error as error:
        raise StoreError(f"{store.path}: query failed: {str(error).strip()}") from error
