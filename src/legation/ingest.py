"""Ingest: paths → read → code → EventStore, streaming, with a summary of what was stored and what was skipped."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from legation.model import Article, CodedArticle, Drop
from legation.pipeline import Pipeline, build_pipeline
from legation.readers import read_articles
from legation.settings import Settings
from legation.store.events import EventStore

MAX_DETAILS = 50


@dataclass(frozen=True)
class IngestSummary:
    """Counts of a run: articles inserted/unchanged/replaced, events written, and skipped inputs by reason."""

    inserted: int
    unchanged: int
    replaced: int
    events: int
    skipped_by_reason: dict[str, int] = field(default_factory=dict)
    skipped_details: tuple[str, ...] = ()

    @property
    def skipped(self) -> int:
        return sum(self.skipped_by_reason.values())

    def lines(self) -> Iterator[str]:
        yield (f"articles: {self.inserted} new, {self.replaced} replaced, {self.unchanged} unchanged; "
               f"events written: {self.events}")
        if self.skipped:
            reasons = ", ".join(f"{reason} {count}" for reason, count in sorted(self.skipped_by_reason.items()))
            yield f"skipped: {self.skipped} ({reasons})"
            yield from (f"  {detail}" for detail in self.skipped_details)


def first_articles(items: Iterable[Article | Drop], limit: int) -> Iterator[Article | Drop]:
    """The stream up to its `limit`-th article (drops on the way are kept)."""
    count = 0
    for item in items:
        if isinstance(item, Article):
            if count >= limit:
                return
            count += 1
        yield item


def ingest(
    paths: Iterable[str | Path],
    *,
    settings: Settings,
    pipeline: Pipeline | None = None,
    progress: bool = False,
    limit: int | None = None,
) -> IngestSummary:
    """Code everything under `paths` into the store at `settings.db`; bad inputs are skipped and reported."""
    pipeline = pipeline or build_pipeline(settings)
    reasons: Counter[str] = Counter()
    details: list[str] = []

    def coded() -> Iterator[CodedArticle]:
        items = read_articles(paths, max_chars=settings.max_article_chars)
        stream = pipeline.code(items if limit is None else first_articles(items, limit))
        for item in tqdm(stream, disable=not progress, unit=" articles", desc="ingest"):
            if isinstance(item, Drop):
                reasons[item.reason] += 1
                if len(details) < MAX_DETAILS:
                    details.append(f"{item.origin or item.article_id or '?'}: {item.reason}: {item.detail}")
                continue
            yield item

    with EventStore(settings.db) as store:
        written = store.write(coded())
    return IngestSummary(
        inserted=written.inserted,
        unchanged=written.unchanged,
        replaced=written.replaced,
        events=written.events_written,
        skipped_by_reason=dict(reasons),
        skipped_details=tuple(details),
    )
