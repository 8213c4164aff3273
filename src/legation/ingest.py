"""Ingest: paths → read → code → EventStore, streaming, with a summary of what was stored and what was
skipped."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from legation.actors.registry import ActorRegistry
from legation.lexicons import Lexicons
from legation.model import Article, CodedArticle, Drop
from legation.pipeline import Pipeline, build_pipeline, knowledge_sources
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
        yield (
            f"articles: {self.inserted} new, {self.replaced} replaced, {self.unchanged} unchanged; "
            f"events written: {self.events}"
        )
        if self.skipped:
            reasons = ", ".join(
                f"{reason} {count}" for reason, count in sorted(self.skipped_by_reason.items())
            )
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
    registry: ActorRegistry | None = None,
    progress: bool = False,
    limit: int | None = None,
    wait_s: float = 0.0,
) -> IngestSummary:
    """Code everything under `paths` into the store at `settings.db`; bad inputs are skipped and reported.

    Articles are committed `settings.batch_size` at a time (one transaction each), so a killed run keeps
    every batch it finished and a rerun stores the rest exactly once. `wait_s`: how long to wait for another
    process to release the store before failing with a StoreError.

    The actor registry in the store (issue 3) is loaded first, learns from each coded article before the next
    is coded, and is saved at the end. A caller passing its own `pipeline` passes the `registry` that pipeline
    asks (or none: nothing is learned).
    """
    if pipeline is None:
        lexicons = Lexicons.load()
        registry = registry if registry is not None else ActorRegistry()
        pipeline = build_pipeline(
            settings, lexicons=lexicons, knowledge=knowledge_sources(lexicons, registry)
        )
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
            if registry is not None:
                registry.learn(item)
            yield item

    with EventStore(settings.db, wait_s=wait_s) as store:
        if registry is not None:
            registry.load(store)
        written = store.write(coded(), batch_size=settings.batch_size)
        if registry is not None:
            registry.save(store)
    return IngestSummary(
        inserted=written.inserted,
        unchanged=written.unchanged,
        replaced=written.replaced,
        events=written.events_written,
        skipped_by_reason=dict(reasons),
        skipped_details=tuple(details),
    )
