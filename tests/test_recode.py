"""Recode: stale articles found by coder version, rebuilt from the store, coded again, replaced without
duplicates; with a stub coder (mechanics) and with the real pipeline after a lexicon change (issue 6)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from legation.cli import main
from legation.lexicons import DATA_DIR, Lexicons
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
)
from legation.pipeline import Pipeline, build_pipeline
from legation.readers import read_articles
from legation.recode import articles_to_recode, recode, stored_articles
from legation.settings import load_settings
from legation.store.events import EventStore

CORPUS = Path(__file__).resolve().parent / "fixtures" / "dedup"


class StubCoder:
    """Codes one CONSULT event per paragraph (Arnor → Gondor); drops articles whose text says DROP."""

    def __init__(self, version: str) -> None:
        self.version = version

    def code(self, items: Iterable[Article | Drop]) -> Iterator[CodedArticle | Drop]:
        for article in items:
            assert isinstance(article, Article)
            if "DROP" in article.text:
                yield Drop("screen", "not_english", "stub", article.article_id)
                continue
            events = tuple(self._event(article, index) for index in range(article.text.count("\n\n") + 1))
            yield CodedArticle(article=article, events=events)

    def _event(self, article: Article, index: int) -> Event:
        return Event(
            event_id=f"{article.article_id}:{index}:0",
            article_id=article.article_id,
            sentence_index=index,
            date=EventDate("2020-03-10", "day", "text"),
            plover=PloverCoding("CONSULT"),
            cameo=CameoCoding("040", goldstein=1.0, quad_class=1),
            actor=(ActorRef("Arnor", country="ARN"),),
            recipient=(ActorRef("Gondor", country="GON"),),
            evidence=Evidence(article.text[:10], 0, 10),
            coder_version=self.version,
        )


ARTICLES = [
    Article("a", "Arnor met Gondor.\n\nThey talked.", title="Talks", published=date(2020, 3, 10),
            published_basis="header", url="https://example.com/a", source="wire", origin="a.txt"),
    Article("b", "Arnor called Gondor.", published=date(2020, 3, 11)),
    Article("c", "Nothing happened here."),
]  # fmt: skip


@pytest.fixture
def store(tmp_path: Path) -> Iterator[EventStore]:
    with EventStore(tmp_path / "recode.duckdb") as opened:
        old = StubCoder("old")
        coded = [item for item in old.code(ARTICLES[:2]) if isinstance(item, CodedArticle)]
        opened.write([*coded, CodedArticle(ARTICLES[2])])
        yield opened


def rows(store: EventStore) -> list[tuple[Any, ...]]:
    sql = "SELECT event_id, coder_version, group_id FROM events ORDER BY event_id"
    return store.connection().execute(sql).fetchall()


@pytest.mark.parametrize(
    ("version", "everything", "expected"),
    [("old", False, []), ("new", False, ["a", "b"]), ("old", True, ["a", "b", "c"])],
)
def test_articles_to_recode_are_those_of_another_version(
    store: EventStore, version: str, everything: bool, expected: list[str]
) -> None:
    assert articles_to_recode(store, version, everything=everything) == expected


def test_stored_articles_rebuild_the_ingested_articles(store: EventStore) -> None:
    rebuilt = stored_articles(store, ["b", "a", "missing"])
    assert rebuilt == sorted(ARTICLES[:2], key=lambda article: article.article_id)
    assert rebuilt[0].content_hash() == ARTICLES[0].content_hash()


def test_recode_replaces_events_with_the_new_version_without_duplicates(store: EventStore) -> None:
    summary = recode(store, StubCoder("new"))
    assert (summary.articles, summary.events_before, summary.events_after) == (2, 3, 3)
    assert rows(store) == [("a:0:0", "new", "a:0:0"), ("a:1:0", "new", "a:0:0"), ("b:0:0", "new", "a:0:0")]
    assert store.counts() == {"articles": 3, "events": 3}


def test_recode_twice_recodes_nothing_the_second_time(store: EventStore) -> None:
    recode(store, StubCoder("new"))
    assert recode(store, StubCoder("new")).articles == 0


def test_recode_removes_the_events_of_an_article_now_dropped(store: EventStore) -> None:
    dropped = replace(ARTICLES[1], text="DROP me")
    store.write([CodedArticle(dropped, events=(StubCoder("old")._event(dropped, 0),))])
    summary = recode(store, StubCoder("new"))
    assert summary.dropped_by_reason == {"not_english": 1}
    assert [event_id for event_id, _, _ in rows(store)] == ["a:0:0", "a:1:0"]
    assert store.article("b") is not None


# --- the real pipeline, after a lexicon change ---------------------------------------------------------


def edited_lexicons(folder: Path) -> Lexicons:
    """The package data with one trigger removed ("shipped … to") and one CAMEO code changed (call → 040)."""
    shutil.copytree(DATA_DIR, folder)
    path = folder / "triggers.jsonl"
    entries = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    kept = [entry for entry in entries if entry["id"] != "aid.ship"]
    for entry in kept:
        if entry["id"] == "consult.hold_phone_call":
            entry["cameo"] = "040"
    assert len(kept) == len(entries) - 1
    path.write_text("".join(json.dumps(entry) + "\n" for entry in kept), encoding="utf-8")
    return Lexicons.load(folder)


def coded(pipeline: Pipeline) -> list[CodedArticle]:
    items = pipeline.code(read_articles([CORPUS], max_chars=100_000))
    return [item for item in items if isinstance(item, CodedArticle)]


def codes(store: EventStore) -> set[tuple[str, str, str]]:
    found = store.connection().execute("SELECT event_id, cameo_code, coder_version FROM events").fetchall()
    return set(found)


def summaries(store: EventStore) -> list[tuple[Any, ...]]:
    return store.connection().execute("SELECT * FROM event_groups ORDER BY group_id").fetchall()


@pytest.mark.model
def test_recode_after_a_lexicon_change_replaces_events(shared_pipeline: Pipeline, tmp_path: Path) -> None:
    settings = load_settings(env={})
    old = build_pipeline(settings, lexicons=edited_lexicons(tmp_path / "data"))
    assert old.version != shared_pipeline.version
    with EventStore(tmp_path / "fresh.duckdb") as fresh:
        fresh.write(coded(shared_pipeline))
        expected = codes(fresh), summaries(fresh)
    with EventStore(tmp_path / "old.duckdb") as store:
        store.write(coded(old))
        before = codes(store)
        assert ("d01_nairobi_call:0:0", "040", old.version) in before
        assert not any(event_id == "d04_amman_aid:0:0" for event_id, _, _ in before)
        summary = recode(store, shared_pipeline)
        found = codes(store), summaries(store)
        duplicates = (
            store.connection()
            .execute("SELECT count(*) - count(DISTINCT (article_id, sentence_index, cameo_code)) FROM events")
            .fetchone()
        )
    assert summary.articles == 8
    assert found == expected
    assert {version for _, _, version in found[0]} == {shared_pipeline.version}
    assert duplicates == (0,)


@pytest.mark.model
@pytest.mark.parametrize(("flags", "recoded"), [([], 0), (["--all"], 8)])
def test_recode_command_recodes_stale_or_all_articles(
    shared_pipeline: Pipeline, tmp_path: Path, flags: list[str], recoded: int
) -> None:
    database = tmp_path / "cli.duckdb"
    with EventStore(database) as store:
        store.write(coded(shared_pipeline))
    result = CliRunner().invoke(main, ["recode", "--db", str(database), *flags], env={})
    assert result.exit_code == 0, result.output
    assert f"recoded {recoded} article(s)" in result.output
