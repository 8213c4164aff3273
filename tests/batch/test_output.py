"""Batch output folder: atomic shard files with a fixed schema, done markers, read back as Event.to_dict()."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from legation.batch.output import (
    ARTICLE_SCHEMA,
    EVENT_SCHEMA,
    ShardResult,
    finished,
    make_folders,
    read_events,
    remove_temporaries,
    shard_file,
    write_shard,
)
from legation.errors import InputError
from legation.model import (
    ActorRef,
    Article,
    CameoCoding,
    CodedArticle,
    Drop,
    Event,
    EventDate,
    Evidence,
    PloverCoding,
    Quantity,
)


def make_coded(article_id: str, events: int, *, text: str = "Arnor met Gondor.") -> CodedArticle:
    """An article of the fictional Arnor and Gondor with `events` hand-made events."""
    article = Article(
        article_id=article_id, text=text, published=date(2020, 3, 30), origin=f"{article_id}.txt"
    )
    made = tuple(
        Event(
            event_id=f"{article_id}:0:{number}", article_id=article_id, sentence_index=0,
            date=EventDate("2020-03", "month", "text"),
            plover=PloverCoding("CONSULT", "visit" if number else None, ("diplomatic",), 1.5),
            cameo=CameoCoding("042", 1.9, 1),
            actor=(ActorRef("Arnor", country="ARN", sector="GOV"),),
            recipient=(ActorRef("Gondor", country="GON"),),
            evidence=Evidence(text, 0, len(text)), symmetric=True, quantities=(Quantity("two", 2.0),),
            confidence=0.5, trigger="met", coder_version="test",
        )
        for number in range(events)
    )  # fmt: skip
    return CodedArticle(article, made)


def write(out: Path, name: str, coded: list[CodedArticle], parts: tuple[str, ...] = ("a.jsonl:1-2",)) -> None:
    make_folders(out)
    drops = [Drop("read", "bad_json", "a.jsonl:2: invalid JSON", None, "a.jsonl:2")]
    result = ShardResult(0, len(coded), sum(len(item.events) for item in coded), {"bad_json": 1}, 0.1, parts)
    write_shard(out, name, coded, drops, result)


def test_write_shard_events_read_back_as_to_dict(tmp_path: Path) -> None:
    coded = [make_coded("a", 2), make_coded("b", 1)]
    write(tmp_path, "shard-00000", coded)
    assert list(read_events(tmp_path)) == [event.to_dict() for item in coded for event in item.events]


@pytest.mark.parametrize("events", [0, 1])
def test_write_shard_has_the_store_schema_even_when_empty(tmp_path: Path, events: int) -> None:
    write(tmp_path, "shard-00000", [make_coded("a", events)])
    assert pq.read_schema(shard_file(tmp_path, "events", "shard-00000")).names == EVENT_SCHEMA.names
    assert pq.read_schema(shard_file(tmp_path, "articles", "shard-00000")) == ARTICLE_SCHEMA
    assert pq.read_table(shard_file(tmp_path, "events", "shard-00000")).num_rows == events


def test_write_shard_records_drops_and_marker(tmp_path: Path) -> None:
    write(tmp_path, "shard-00003", [make_coded("a", 1)])
    skipped = shard_file(tmp_path, "skipped", "shard-00003").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["reason"] for line in skipped] == ["bad_json"]
    done = finished(tmp_path, "shard-00003", ("a.jsonl:1-2",))
    assert done is not None and done.already_done and (done.articles, done.events) == (1, 1)
    assert done.skipped == 1


def test_write_shard_leaves_no_temporary_files(tmp_path: Path) -> None:
    write(tmp_path, "shard-00000", [make_coded("a", 1)])
    assert sorted(path.name for path in tmp_path.rglob(".*")) == []


def test_finished_is_none_without_marker(tmp_path: Path) -> None:
    make_folders(tmp_path)
    assert finished(tmp_path, "shard-00000", ()) is None


def test_finished_rejects_a_folder_of_another_plan(tmp_path: Path) -> None:
    write(tmp_path, "shard-00000", [make_coded("a", 1)], parts=("a.jsonl:1-2",))
    with pytest.raises(InputError, match="holds another run"):
        finished(tmp_path, "shard-00000", ("a.jsonl:1-250",))


def test_finished_rejects_an_unreadable_marker(tmp_path: Path) -> None:
    make_folders(tmp_path)
    shard_file(tmp_path, "done", "shard-00000").write_text("{", encoding="utf-8")
    with pytest.raises(InputError, match="unreadable done marker"):
        finished(tmp_path, "shard-00000", ())


def test_remove_temporaries_deletes_only_leftovers(tmp_path: Path) -> None:
    write(tmp_path, "shard-00000", [make_coded("a", 1)])
    leftover = tmp_path / "events" / ".shard-00001.parquet.tmp-123"
    leftover.write_bytes(b"half")
    assert remove_temporaries(tmp_path) == 1
    assert not leftover.exists() and shard_file(tmp_path, "events", "shard-00000").exists()


def test_write_shard_replaces_a_partial_earlier_write(tmp_path: Path) -> None:
    write(tmp_path, "shard-00000", [make_coded("a", 3)])
    shard_file(tmp_path, "done", "shard-00000").unlink()  # as if killed before the marker
    write(tmp_path, "shard-00000", [make_coded("a", 3)])
    assert len([event["event_id"] for event in read_events(tmp_path)]) == 3
