"""Batch runs: input paths → shards → coded in-process or on Dask → a batch output folder (batch/output.py).

Each shard is coded by `code_shard`, the same function on every engine, through the same `Pipeline` as the
CLI.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from legation.batch.output import ShardResult, finished, make_folders, remove_temporaries, write_shard
from legation.batch.shards import Shard, plan_shards, read_shard
from legation.errors import LegationError
from legation.model import CodedArticle, Drop
from legation.pipeline import Pipeline, build_pipeline
from legation.settings import Settings

ENGINES = ("local", "dask")
DEFAULT_SHARD_SIZE = 250
ShardTask = Callable[[Shard, Path, Settings], ShardResult]


class PipelineCache:
    """Pipelines by Settings, each built at first use: one model load per process or Dask worker."""

    def __init__(self) -> None:
        self._pipelines: dict[Settings, Pipeline] = {}

    def pipeline(self, settings: Settings) -> Pipeline:
        if settings not in self._pipelines:
            self._pipelines[settings] = build_pipeline(settings)
        return self._pipelines[settings]


@dataclass(frozen=True)
class Progress:
    """Where a run stands after one more shard: shards done of total, articles coded, seconds since the
    start."""

    done: int
    total: int
    articles: int
    seconds: float
    last: ShardResult

    @property
    def rate(self) -> float:
        return self.articles / self.seconds if self.seconds > 0 else 0.0


@dataclass(frozen=True)
class BatchSummary:
    """A finished run: per-shard results (in shard order) and the run's wall time."""

    out: Path
    results: tuple[ShardResult, ...]
    seconds: float
    skipped_by_reason: dict[str, int] = field(default_factory=dict)

    @property
    def articles(self) -> int:
        return sum(result.articles for result in self.results)

    @property
    def events(self) -> int:
        return sum(result.events for result in self.results)

    def lines(self) -> Iterator[str]:
        redone = sum(not result.already_done for result in self.results)
        yield (
            f"{len(self.results)} shards ({redone} coded now, {len(self.results) - redone} done before): "
            f"{self.articles} articles, {self.events} events in {self.out}"
        )
        coded = sum(result.articles for result in self.results if not result.already_done)
        if coded and self.seconds > 0:
            yield f"{coded} articles in {self.seconds:.1f} s: {coded / self.seconds:.1f} articles/s"
        if self.skipped_by_reason:
            reasons = ", ".join(
                f"{reason} {count}" for reason, count in sorted(self.skipped_by_reason.items())
            )
            yield (
                f"left out (articles and events, by reason): {sum(self.skipped_by_reason.values())} "
                f"({reasons}); see {self.out / 'skipped'}"
            )


def code_shard(shard: Shard, out: Path, settings: Settings, *, pipelines: PipelineCache) -> ShardResult:
    """Code one shard into `out` unless its done marker exists; the shard's files are replaced whole."""
    parts = tuple(part.describe() for part in shard.parts)
    if (done := finished(out, shard.name, parts)) is not None:
        return done
    remove_temporaries(out, shard.name)
    started = time.perf_counter()
    coded: list[CodedArticle] = []
    drops: list[Drop] = []
    stream = read_shard(shard, max_chars=settings.max_article_chars)
    for item in pipelines.pipeline(settings).code(stream):
        if isinstance(item, Drop):
            drops.append(item)
        else:
            coded.append(item)
            drops.extend(item.drops)
    result = ShardResult(
        index=shard.index,
        articles=len(coded),
        events=sum(len(item.events) for item in coded),
        skipped_by_reason=dict(Counter(drop.reason for drop in drops)),
        seconds=round(time.perf_counter() - started, 3),
        parts=parts,
    )
    write_shard(out, shard.name, coded, drops, result)
    return result


def run_batch(
    paths: Iterable[str | Path],
    *,
    out: str | Path,
    settings: Settings,
    engine: str = "local",
    workers: int = 2,
    scheduler: str | None = None,
    shard_size: int = DEFAULT_SHARD_SIZE,
    limit: int | None = None,
    progress: Callable[[Progress], None] | None = None,
    task: ShardTask | None = None,
) -> BatchSummary:
    """Code `paths` into the folder `out`, shard by shard; shards done by an earlier run are skipped.

    `engine="dask"` uses the cluster at `scheduler`, or a LocalCluster of `workers` processes with one thread
    each. `limit` codes only the first records (see `plan_shards`). `task` replaces the per-shard function
    (it must do what `code_shard` does; tests use it to kill a worker). Shards that fail are listed in a
    LegationError after every other shard has finished.
    """
    if engine not in ENGINES:
        raise LegationError(f"engine: expected one of {', '.join(ENGINES)}, found {engine!r}")
    folder = Path(out)
    make_folders(folder)
    remove_temporaries(folder)
    shards = plan_shards(paths, shard_size=shard_size, limit=limit)
    started = time.perf_counter()
    if engine == "dask":
        from legation.batch.cluster import run_on_dask

        outcomes = run_on_dask(shards, folder, settings, workers=workers, scheduler=scheduler, task=task)
    else:
        outcomes = _run_locally(shards, folder, settings, task=task)
    return _collect(outcomes, folder, len(shards), started, progress)


def _run_locally(
    shards: list[Shard], out: Path, settings: Settings, *, task: ShardTask | None
) -> Iterator[tuple[Shard, ShardResult | BaseException]]:
    pipelines = PipelineCache()

    def default(shard: Shard, folder: Path, run_settings: Settings) -> ShardResult:
        return code_shard(shard, folder, run_settings, pipelines=pipelines)

    run = task or default
    for shard in shards:
        yield shard, run(shard, out, settings)


def _collect(
    outcomes: Iterable[tuple[Shard, ShardResult | BaseException]],
    out: Path,
    total: int,
    started: float,
    progress: Callable[[Progress], None] | None,
) -> BatchSummary:
    results: list[ShardResult] = []
    failures: list[str] = []
    coded = 0
    for shard, outcome in outcomes:
        if isinstance(outcome, BaseException):
            failures.append(
                f"{shard.name} ({', '.join(part.describe() for part in shard.parts)}): {outcome!r}"
            )
            continue
        results.append(outcome)
        coded += 0 if outcome.already_done else outcome.articles
        if progress is not None:
            progress(Progress(len(results), total, coded, time.perf_counter() - started, outcome))
    if failures:
        raise LegationError("\n".join([
            f"{len(failures)} of {total} shards failed ({len(results)} done); run the same command again to "
            "finish them (done shards are skipped):", *failures,
        ]))  # fmt: skip
    reasons: Counter[str] = Counter()
    for result in results:
        reasons.update(result.skipped_by_reason)
    ordered = tuple(sorted(results, key=lambda result: result.index))
    return BatchSummary(out, ordered, time.perf_counter() - started, dict(reasons))
