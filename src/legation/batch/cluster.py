"""The Dask engine: shards → tasks on a LocalCluster or an existing scheduler → (shard, result or error) as
done.

Each worker holds one PipelinePlugin whose PipelineCache builds the pipeline at the worker's first shard, so
the model is loaded once per worker process; the client ships only shard descriptions and settings.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

from distributed import Client, LocalCluster, as_completed, get_worker
from distributed.diagnostics.plugin import WorkerPlugin

from legation.batch.output import ShardResult
from legation.batch.runner import PipelineCache, ShardTask, code_shard
from legation.batch.shards import Shard
from legation.settings import Settings

PLUGIN_NAME = "legation-pipelines"


class PipelinePlugin(WorkerPlugin):
    """Lives on each worker: the worker's cache of pipelines (Dask keeps the plugin object; nothing
    global)."""

    name = PLUGIN_NAME

    def __init__(self) -> None:
        self.pipelines = PipelineCache()


def code_shard_on_worker(shard: Shard, out: Path, settings: Settings) -> ShardResult:
    """`code_shard` with the pipeline of the worker it runs on."""
    plugin = get_worker().plugins[PLUGIN_NAME]
    if not isinstance(plugin, PipelinePlugin):
        raise TypeError(
            f"worker plugin {PLUGIN_NAME!r}: expected PipelinePlugin, found {type(plugin).__name__}"
        )
    return code_shard(shard, out, settings, pipelines=plugin.pipelines)


def run_on_dask(
    shards: list[Shard],
    out: Path,
    settings: Settings,
    *,
    workers: int,
    scheduler: str | None,
    task: ShardTask | None = None,
) -> Iterator[tuple[Shard, ShardResult | BaseException]]:
    """Submit one task per shard; yield each shard with its result, or the error that ended it, as they
    finish."""
    with ExitStack() as stack:
        if scheduler is None:
            cluster = stack.enter_context(
                LocalCluster(n_workers=workers, threads_per_worker=1, processes=True)
            )
            client = stack.enter_context(Client(cluster))
        else:
            client = stack.enter_context(Client(scheduler))
        client.register_plugin(PipelinePlugin(), name=PLUGIN_NAME)
        run = task or code_shard_on_worker
        token = uuid.uuid4().hex[:8]
        futures = {
            client.submit(run, shard, out.resolve(), settings, key=f"legation-{shard.name}-{token}",
                          pure=False, priority=-shard.index): shard
            for shard in shards
        }  # fmt: skip
        for future in as_completed(futures):
            shard = futures.pop(future)
            if future.status == "finished":
                yield shard, future.result()
            elif future.status == "error":
                yield shard, future.exception()
            else:
                yield shard, RuntimeError(f"task {future.key}: {future.status}")
            future.release()
