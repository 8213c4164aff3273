"""Benchmark: the full path (read → code → store) against bare `nlp.pipe` of the same model on the same texts.

Both are timed in one run, on the same first N articles; the ratio full/bare throughput says how much legation's
own logic costs beyond the language model. Peak memory is the process's maximum resident set size.
"""

from __future__ import annotations

import itertools
import resource
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from legation.ingest import ingest
from legation.model import Article
from legation.nlp.parse import load_model
from legation.pipeline import build_pipeline
from legation.readers import read_articles
from legation.settings import Settings

WARMUP_ARTICLES = 20


@dataclass(frozen=True)
class BenchReport:
    articles: int
    words: int
    bare_seconds: float
    full_seconds: float
    events: int
    peak_rss_mb: float
    model: str

    def lines(self) -> Iterator[str]:
        bare_rate = self.articles / self.bare_seconds
        full_rate = self.articles / self.full_seconds
        yield f"model {self.model}: {self.articles} articles, {self.words:,} words"
        yield f"{'path':<28} {'seconds':>8} {'articles/s':>11} {'words/s':>9}"
        yield (f"{'bare nlp.pipe':<28} {self.bare_seconds:>8.1f} {bare_rate:>11.1f} "
               f"{self.words / self.bare_seconds:>9,.0f}")
        yield (f"{'full (read, code, store)':<28} {self.full_seconds:>8.1f} {full_rate:>11.1f} "
               f"{self.words / self.full_seconds:>9,.0f}")
        yield f"ratio full/bare throughput: {full_rate / bare_rate:.2f}"
        yield f"events stored: {self.events}; peak memory (max RSS): {self.peak_rss_mb:,.0f} MB"


def _first_articles(paths: Iterable[str | Path], limit: int, max_chars: int) -> list[Article]:
    items = (item for item in read_articles(paths, max_chars=max_chars) if isinstance(item, Article))
    return list(itertools.islice(items, limit))


def run_bench(paths: Iterable[str | Path], *, settings: Settings, limit: int, db: str | None = None) -> BenchReport:
    """Time bare nlp.pipe and the full ingest path on the first `limit` readable articles of `paths`."""
    paths = list(paths)
    articles = _first_articles(paths, limit, settings.max_article_chars)
    words = sum(len(article.text.split()) for article in articles)
    nlp = load_model(settings.model)
    warmup = [article.text for article in articles[:WARMUP_ARTICLES]]
    for _doc in nlp.pipe(warmup, batch_size=settings.batch_size):
        pass  # first batches pay one-time allocation costs: keep them out of both timings
    started = time.perf_counter()
    for _doc in nlp.pipe((article.text for article in articles), batch_size=settings.batch_size,
                         n_process=settings.n_process):
        pass
    bare_seconds = time.perf_counter() - started
    del nlp
    with tempfile.TemporaryDirectory() as folder:
        target = db or str(Path(folder) / "bench.duckdb")
        run_settings = settings.replace(db=target)
        pipeline = build_pipeline(run_settings)
        for _item in pipeline.code(articles[:WARMUP_ARTICLES]):
            pass
        started = time.perf_counter()
        summary = ingest(paths, settings=run_settings, pipeline=pipeline, limit=len(articles))
        full_seconds = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return BenchReport(
        articles=len(articles),
        words=words,
        bare_seconds=bare_seconds,
        full_seconds=full_seconds,
        events=summary.events,
        peak_rss_mb=peak_kb / 1024,
        model=settings.model,
    )
