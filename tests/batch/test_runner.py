"""Batch runs end to end with the model: same events as `legation code`, reruns finish what a killed worker
left."""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from pathlib import Path

import dask
import pytest
from click.testing import CliRunner
from distributed import LocalCluster

from legation.batch import read_events, run_batch
from legation.batch.cluster import code_shard_on_worker
from legation.batch.output import ShardResult
from legation.batch.runner import ShardTask
from legation.batch.shards import Shard
from legation.cli import main
from legation.errors import LegationError
from legation.settings import Settings, load_settings

pytestmark = pytest.mark.model


def _coded_events(paths: list[Path]) -> list[dict[str, object]]:
    result = CliRunner().invoke(main, ["code", *map(str, paths), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def _by_id(events: list[dict[str, object]]) -> list[dict[str, object]]:
    return sorted(events, key=lambda event: str(event["event_id"]))


def _done_markers(out: Path) -> list[str]:
    return sorted(path.name for path in (out / "done").glob("*.json"))


def test_batch_cli_on_dask_gives_the_events_of_code(corpus: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "out"
    arguments = ["batch", *map(str, corpus), "--out", str(out), "--engine", "dask", "--workers", "2",
                 "--shard-size", "3"]  # fmt: skip
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 0, result.output
    assert "shards 5/5 done" in result.stderr  # 5 files in 3s, 7 lines in 3s
    batched = list(read_events(out))
    assert batched and _by_id(batched) == _by_id(_coded_events(corpus))
    assert len({event["event_id"] for event in batched}) == len(batched)


def test_run_batch_local_skips_done_shards(corpus: list[Path], tmp_path: Path) -> None:
    settings = load_settings(env={})
    first = run_batch(corpus, out=tmp_path, settings=settings, engine="local", shard_size=4)
    stamps = {path: path.stat().st_mtime_ns for path in (tmp_path / "events").iterdir()}
    second = run_batch(corpus, out=tmp_path, settings=settings, engine="local", shard_size=4)
    assert all(result.already_done for result in second.results)
    assert (
        (second.articles, second.events)
        == (first.articles, first.events)
        == (first.articles, len(list(read_events(tmp_path))))
    )
    assert {path: path.stat().st_mtime_ns for path in (tmp_path / "events").iterdir()} == stamps


def _killing_task(*, armed: Path, victim: int) -> ShardTask:
    """A shard task that kills its worker process on shard `victim` once (the file `armed` is the
    fuse), leaving a half-written temporary file behind. A closure: Dask ships it by value (workers cannot
    import tests)."""

    def task(shard: Shard, out: Path, settings: Settings) -> ShardResult:
        if shard.index == victim and armed.exists():
            (out / "events" / f".{shard.name}.parquet.tmp-killed").write_bytes(b"half a file")
            # one death only: however Dask reschedules the task, it cannot loop on killing workers
            armed.unlink()
            os._exit(1)
        return code_shard_on_worker(shard, out, settings)

    return task


def test_run_batch_after_a_killed_worker_rerun_finishes_each_shard_once(
    corpus: list[Path], tmp_path: Path
) -> None:
    settings = load_settings(env={})
    clean = run_batch(corpus, out=tmp_path / "clean", settings=settings, engine="local", shard_size=2)
    armed = tmp_path / "armed"
    armed.touch()
    out = tmp_path / "out"
    task = _killing_task(armed=armed, victim=1)
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster,
    ):
        # With allowed-failures 0 the scheduler normally fails the shard whose worker died; if the death races
        # the task's assignment, Dask may instead run it again elsewhere. Either way the rerun must finish the
        # job.
        try:
            run_batch(
                corpus,
                out=out,
                settings=settings,
                engine="dask",
                scheduler=cluster.scheduler_address,
                shard_size=2,
                task=task,
            )
        except LegationError as error:
            assert re.search(r"shards failed[\s\S]*shard-00001 ", str(error))
            assert "shard-00001.json" not in _done_markers(out)
        assert not armed.exists(), "the worker was never killed"
        rerun = run_batch(
            corpus,
            out=out,
            settings=settings,
            engine="dask",
            scheduler=cluster.scheduler_address,
            shard_size=2,
            task=task,
        )
    assert (
        _done_markers(out) == _done_markers(tmp_path / "clean") == [f"shard-{n:05d}.json" for n in range(7)]
    )
    assert any(result.already_done for result in rerun.results)
    event_ids = Counter(event["event_id"] for event in read_events(out))
    assert max(event_ids.values()) == 1
    assert (rerun.articles, rerun.events) == (clean.articles, clean.events)
    assert _by_id(list(read_events(out))) == _by_id(list(read_events(tmp_path / "clean")))
    assert not list(out.rglob(".*tmp*"))
