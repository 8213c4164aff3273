"""Sharding: deterministic plans of line ranges and files, read back as exactly what read_articles reads."""

from __future__ import annotations

import lzma
from pathlib import Path

import pytest

from legation.batch.shards import Shard, ShardPart, plan_shards, read_shard
from legation.errors import InputError
from legation.model import Article, Drop
from legation.readers import read_articles


def _signature(items: list[Article | Drop]) -> list[tuple[str, str | None, str | None]]:
    return [(type(item).__name__, item.article_id, item.origin) for item in items]


def _read_all(shards: list[Shard]) -> list[Article | Drop]:
    return [item for shard in shards for item in read_shard(shard, max_chars=100_000)]


@pytest.mark.parametrize("shard_size", [1, 2, 3, 4, 100])
def test_read_shard_gives_what_read_articles_gives(corpus: list[Path], shard_size: int) -> None:
    shards = plan_shards(corpus, shard_size=shard_size)
    expected = list(read_articles(corpus, max_chars=100_000))
    assert _signature(_read_all(shards)) == _signature(expected)
    assert [item.text for item in _read_all(shards) if isinstance(item, Article)] == [
        item.text for item in expected if isinstance(item, Article)
    ]


def test_plan_shards_is_deterministic_and_numbered(corpus: list[Path]) -> None:
    first = plan_shards(corpus, shard_size=3)
    assert first == plan_shards(corpus, shard_size=3)
    assert [shard.index for shard in first] == list(range(len(first)))
    assert first[0].name == "shard-00000"


def test_plan_shards_splits_jsonl_by_line_ranges(corpus: list[Path]) -> None:
    records = str(corpus[1])
    parts = [part for shard in plan_shards([records], shard_size=3) for part in shard.parts]
    # 7 lines (5 records, a blank and a bad line): 1-3, 4-6, 7
    assert parts == [ShardPart(records, 1, 4), ShardPart(records, 4, 7), ShardPart(records, 7, 8)]


def test_plan_shards_packs_single_article_files(corpus: list[Path]) -> None:
    shards = plan_shards([corpus[0]], shard_size=2)
    assert [len(shard.parts) for shard in shards] == [2, 2, 1]
    assert all(part.stop_line is None for shard in shards for part in shard.parts)


def test_plan_shards_splits_compressed_jsonl(corpus: list[Path], tmp_path: Path) -> None:
    packed = tmp_path / "records.jsonl.xz"
    packed.write_bytes(lzma.compress(corpus[1].read_bytes()))
    shards = plan_shards([packed], shard_size=2)
    assert len(shards) == 4
    assert _signature(_read_all(shards)) == _signature(list(read_articles([packed], max_chars=100_000)))


@pytest.mark.parametrize(("limit", "articles"), [(1, 1), (5, 5), (7, 7), (8, 7), (9, 8), (100, 10)])
def test_plan_shards_limit_counts_files_and_lines(corpus: list[Path], limit: int, articles: int) -> None:
    shards = plan_shards(corpus, shard_size=3, limit=limit)
    assert sum(isinstance(item, Article) for item in _read_all(shards)) == articles


def test_plan_shards_reads_an_unreadable_jsonl_whole(tmp_path: Path) -> None:
    broken = tmp_path / "broken.jsonl.xz"
    broken.write_bytes(b"not xz at all")
    shards = plan_shards([broken], shard_size=2)
    assert shards == [Shard(0, (ShardPart(str(broken)),))]
    items = _read_all(shards)
    assert [item.reason for item in items if isinstance(item, Drop)] == ["unreadable"]


@pytest.mark.parametrize(
    ("paths", "size", "message"),
    [(["-"], 10, "cannot read standard input"), (["x.jsonl"], 0, "shard_size, limit: expected positive")],
)
def test_plan_shards_rejects(paths: list[str], size: int, message: str) -> None:
    with pytest.raises(InputError, match=message):
        plan_shards(paths, shard_size=size)


def test_plan_shards_keeps_a_missing_path_for_its_drop(tmp_path: Path) -> None:
    missing = tmp_path / "absent.jsonl"
    items = _read_all(plan_shards([missing], shard_size=5))
    assert [item.reason for item in items if isinstance(item, Drop)] == ["missing"]
