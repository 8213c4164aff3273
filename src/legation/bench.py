"""Benchmark: the full path (read → code → store) against bare `nlp.pipe` of the same model on the same texts.

Both paths run in one process on the same articles, in alternating blocks (block k: bare then full, block k+1:
full then bare), and each path's times are summed: background load hits both alike. Memory is sampled as the
resident set size after every `MEMORY_EVERY` articles, so its flatness over the run can be read off.
"""

from __future__ import annotations

import itertools
import resource
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import psutil

from legation.model import Article, CodedArticle
from legation.pipeline import Pipeline, build_pipeline
from legation.readers import read_articles
from legation.settings import Settings
from legation.store.events import EventStore

WARMUP_ARTICLES = 20
BLOCK_ARTICLES = 250
MEMORY_EVERY = 1000
MB = 1024 * 1024


@dataclass(frozen=True)
class BenchReport:
    """Summed times per path, words coded, events stored, peak RSS and RSS after each MEMORY_EVERY
    articles."""

    articles: int
    words: int
    bare_seconds: float
    full_seconds: float
    events: int
    peak_rss_mb: float
    model: str
    memory: tuple[tuple[int, float], ...] = ()
    block: int = BLOCK_ARTICLES

    @property
    def ratio(self) -> float:
        """Full-path throughput divided by bare nlp.pipe throughput (1.0: legation adds nothing)."""
        return self.bare_seconds / self.full_seconds

    def lines(self) -> Iterator[str]:
        yield (
            f"model {self.model}: {self.articles} articles, {self.words:,} words, "
            f"alternating blocks of {self.block}"
        )
        yield f"{'path':<28} {'seconds':>8} {'articles/s':>11} {'words/s':>9}"
        for name, seconds in (
            ("bare nlp.pipe", self.bare_seconds),
            ("full (read, code, store)", self.full_seconds),
        ):
            yield f"{name:<28} {seconds:>8.1f} {self.articles / seconds:>11.1f} {self.words / seconds:>9,.0f}"
        yield f"ratio full/bare throughput: {self.ratio:.2f}"
        yield f"events stored: {self.events}; peak memory (max RSS): {self.peak_rss_mb:,.0f} MB"
        if self.memory:
            yield f"{'articles':>9} {'RSS MB':>8}"
            yield from (f"{count:>9} {rss:>8,.0f}" for count, rss in self.memory)


@dataclass
class _Totals:
    articles: int = 0
    words: int = 0
    bare: float = 0.0
    full: float = 0.0
    events: int = 0


def run_bench(
    paths: Iterable[str | Path],
    *,
    settings: Settings,
    limit: int,
    db: str | None = None,
    block: int = BLOCK_ARTICLES,
) -> BenchReport:
    """Time bare nlp.pipe and the full path on the first `limit` readable articles of `paths`, block by
    block."""
    paths = list(paths)
    with tempfile.TemporaryDirectory() as folder:
        run_settings = settings.replace(db=db or str(Path(folder) / "bench.duckdb"))
        pipeline = build_pipeline(run_settings)
        _warm_up(pipeline, _articles(paths, WARMUP_ARTICLES, settings.max_article_chars))
        totals, memory = _Totals(), []
        process = psutil.Process()
        articles = _articles(paths, limit, settings.max_article_chars)
        with EventStore(run_settings.db) as store:
            for number in itertools.count():
                started = time.perf_counter()
                chunk = list(itertools.islice(articles, block))  # reading is part of the full path
                read_seconds = time.perf_counter() - started
                if not chunk:
                    break
                _time_block(pipeline, store, chunk, totals, full_first=number % 2 == 1)
                totals.full += read_seconds
                before = totals.articles
                totals.articles += len(chunk)
                memory += [
                    (mark, process.memory_info().rss / MB)
                    for mark in range(before + 1, totals.articles + 1)
                    if mark % MEMORY_EVERY == 0
                ]
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return BenchReport(
        totals.articles,
        totals.words,
        totals.bare,
        totals.full,
        totals.events,
        peak_kb / 1024,
        settings.model,
        tuple(memory),
        block,
    )


def _articles(paths: list[str | Path], limit: int, max_chars: int) -> Iterator[Article]:
    items = (item for item in read_articles(paths, max_chars=max_chars) if isinstance(item, Article))
    return itertools.islice(items, limit)


def _warm_up(pipeline: Pipeline, articles: Iterable[Article]) -> None:
    """First batches pay one-time allocation costs: keep them out of both timings."""
    sample = list(articles)
    for _doc in pipeline.parser.nlp.pipe([article.text for article in sample]):
        pass
    for _item in pipeline.code(sample):
        pass


def _time_block(
    pipeline: Pipeline, store: EventStore, chunk: list[Article], totals: _Totals, *, full_first: bool
) -> None:
    """Run both paths on `chunk` (in the order given) and add their times to `totals`."""
    for path in ("full", "bare") if full_first else ("bare", "full"):
        started = time.perf_counter()
        if path == "bare":
            texts = [article.text for article in chunk]
            for _doc in pipeline.parser.nlp.pipe(
                texts, batch_size=pipeline.settings.batch_size, n_process=pipeline.settings.n_process
            ):
                pass
            totals.bare += time.perf_counter() - started
        else:
            coded = (item for item in pipeline.code(chunk) if isinstance(item, CodedArticle))
            totals.events += store.write(coded, batch_size=pipeline.settings.batch_size).events_written
            totals.full += time.perf_counter() - started
    totals.words += sum(len(article.text.split()) for article in chunk)
