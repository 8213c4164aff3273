"""Batch runs over many articles: shard the input, code shards locally or on Dask, write Parquet, load the
store."""

from legation.batch.load import LoadSummary, load_batch
from legation.batch.output import read_events
from legation.batch.runner import BatchSummary, Progress, run_batch
from legation.batch.shards import Shard, ShardPart, plan_shards, read_shard

__all__ = [
    "BatchSummary",
    "LoadSummary",
    "Progress",
    "Shard",
    "ShardPart",
    "load_batch",
    "plan_shards",
    "read_events",
    "read_shard",
    "run_batch",
]
