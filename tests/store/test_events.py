"""EventStore on real DuckDB files in tmp_path: write, replace, roll back, query, and opening errors."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest

from legation.errors import StoreError
from legation.model import (
    ActorRef,
    Article,
    CameoCoding,
    CodedArticle,
    Event,
    EventDate,
    Evidence,
    Modality,
    PloverCoding,
    Quantity,
)
from legation.store.events import EventStore, WriteSummary, apply_migrations, load_migrations

# Fictional countries (PETRARCH's validation world): the store tests mechanics, not world knowledge.
ARNOR, GONDOR, ROHAN, MORDOR = "ARN", "GON", "ROH", "MOR"
LATEST = load_migrations()[-1].version


def make_event(
    article_id: str,
    sentence_index: int = 0,
    number: int = 0,
    *,
    actors: tuple[str | None, ...] = (ARNOR,),
    recipients: tuple[str | None, ...] = (GONDOR,),
    when: str | None = "2020-03-30",
    plover: str = "CONSULT",
    confidence: float = 0.9,
    evidence: str = "The king of Arnor met the steward of Gondor.",
    event_id: str | None = None,
) -> Event:
    return Event(
        event_id=event_id or f"{article_id}:{sentence_index}:{number}",
        article_id=article_id,
        sentence_index=sentence_index,
        date=EventDate(when, None if when is None else ("day", "month", "year")[2 - when.count("-")], "text"),
        plover=PloverCoding(plover, mode="phone", contexts=("diplomatic",), intensity=1.5),
        cameo=CameoCoding("041", goldstein=1.0, quad_class=1),
        actor=tuple(ActorRef(f"actor {country}", country=country, sector="GOV") for country in actors),
        recipient=tuple(ActorRef(f"recipient {country}", country=country) for country in recipients),
        evidence=Evidence(evidence, start=0, end=len(evidence)),
        symmetric=True,
        confidence=confidence,
        trigger="meet",
        coder_version="test-1",
    )


def make_coded(article_id: str, *events: Event, text: str = "Arnor and Gondor met.") -> CodedArticle:
    article = Article(article_id, text, title="Council", published=date(2020, 3, 31), source="test")
    return CodedArticle(article, events)


@pytest.fixture
def store(tmp_path: Path) -> Any:
    with EventStore(tmp_path / "events.duckdb") as opened:
        yield opened


def event_ids(events: list[dict[str, Any]]) -> list[str]:
    return [event["event_id"] for event in events]


def test_store_creates_schema_version(tmp_path: Path) -> None:
    EventStore(tmp_path / "new.duckdb").close()
    with duckdb.connect(str(tmp_path / "new.duckdb"), read_only=True) as connection:
        versions = connection.execute("SELECT version, name FROM schema_version").fetchall()
    expected = [(migration.version, migration.name) for migration in load_migrations()]
    assert versions == expected
    assert versions[0] == (1, "001_init.sql")


def test_write_new_articles_are_inserted(store: EventStore) -> None:
    summary = store.write([make_coded("a1", make_event("a1"), make_event("a1", 1)), make_coded("a2")])
    assert summary == WriteSummary(inserted=2, unchanged=0, replaced=0, events_written=2)
    assert store.counts() == {"articles": 2, "events": 2}


def test_write_same_article_twice_changes_nothing(store: EventStore) -> None:
    coded = make_coded("a1", make_event("a1"), make_event("a1", 1))
    store.write([coded])
    before = (store.article("a1"), store.events())
    summary = store.write([coded])
    assert summary == WriteSummary(inserted=0, unchanged=1, replaced=0, events_written=0)
    assert (store.article("a1"), store.events()) == before


def test_write_changed_article_replaces_all_its_events(store: EventStore) -> None:
    store.write([make_coded("a1", make_event("a1"), make_event("a1", 1)), make_coded("a2", make_event("a2"))])
    changed = make_coded("a1", make_event("a1", plover="AGREE"), make_event("a1", 2), text="Arnor agreed.")
    summary = store.write([changed])
    assert summary == WriteSummary(inserted=0, unchanged=0, replaced=1, events_written=2)
    assert event_ids(store.events(article_id="a1")) == ["a1:0:0", "a1:2:0"]
    assert store.events(article_id="a1")[0]["plover"]["event"] == "AGREE"
    assert store.counts() == {"articles": 2, "events": 3}
    assert store.has_article("a1", changed.article.content_hash())


def test_write_failed_replace_keeps_previous_events(store: EventStore) -> None:
    original = make_coded("a1", make_event("a1"), make_event("a1", 1))
    store.write([original])
    before = store.events()
    broken = make_coded("a1", make_event("a1", 3), make_event("a1", 3), text="Changed text.")
    with pytest.raises(StoreError, match=r"cannot write articles a1; the batch was rolled back.*a1:3:0"):
        store.write([broken])
    assert store.events() == before
    assert store.has_article("a1", original.article.content_hash())


def test_write_failed_batch_stores_none_of_it(store: EventStore) -> None:
    store.write([make_coded("a0", make_event("a0"))])
    batch = [make_coded("a1", make_event("a1")), make_coded("a2", make_event("a2", event_id="a0:0:0"))]
    with pytest.raises(StoreError, match="rolled back"):
        store.write(batch)
    assert store.counts() == {"articles": 1, "events": 1}
    assert not store.has_article("a1")


def test_write_commits_batches_before_a_failing_one(store: EventStore) -> None:
    batch = [make_coded("a1", make_event("a1")), make_coded("a2", make_event("a2", event_id="a1:0:0"))]
    with pytest.raises(StoreError, match="a2"):
        store.write(batch, batch_size=1)
    assert store.has_article("a1") and not store.has_article("a2")


def test_write_counts_across_batches(store: EventStore) -> None:
    coded = [make_coded(f"a{number}", make_event(f"a{number}")) for number in range(5)]
    store.write(coded[:2])
    summary = store.write(coded, batch_size=2)
    assert summary == WriteSummary(inserted=3, unchanged=2, replaced=0, events_written=3)
    assert store.counts() == {"articles": 5, "events": 5}


def test_write_same_id_twice_in_one_batch_keeps_the_last(store: EventStore) -> None:
    first = make_coded("a1", make_event("a1"))
    second = make_coded("a1", make_event("a1", 4), text="Second version.")
    summary = store.write([first, first, second])
    assert summary == WriteSummary(inserted=1, unchanged=1, replaced=1, events_written=1)
    assert event_ids(store.events()) == ["a1:4:0"]


def test_write_invalid_date_names_the_event_and_writes_nothing(store: EventStore) -> None:
    with pytest.raises(
        StoreError, match=r"event a1:0:0: date: expected YYYY-MM-DD, YYYY-MM or YYYY, found '30/03'"
    ):
        store.write([make_coded("a1", make_event("a1", when="30/03"))])
    assert store.counts() == {"articles": 0, "events": 0}


def test_write_rejects_an_event_of_another_article(store: EventStore) -> None:
    with pytest.raises(StoreError, match="article a2: event a1:0:0: article_id: expected 'a2', found 'a1'"):
        store.write([make_coded("a2", make_event("a1"))])
    assert store.counts() == {"articles": 0, "events": 0}


def test_write_rejects_a_bad_batch_size(store: EventStore) -> None:
    with pytest.raises(StoreError, match="batch_size: expected a positive integer, found 0"):
        store.write([], batch_size=0)


@pytest.mark.parametrize(
    "event",
    [
        make_event("a1"),
        make_event("a1", when="2020-03", actors=(ARNOR, ROHAN), recipients=()),
        make_event("a1", when="2020", actors=(None,), recipients=(GONDOR, None)),
        make_event("a1", when=None, evidence="Éowyn — «Rohan» rode; 1.5 million ✓", confidence=0.12345),
        Event(
            event_id="a1:7:0",
            article_id="a1",
            sentence_index=7,
            date=EventDate(),
            plover=PloverCoding("AID"),
            cameo=CameoCoding("0234", goldstein=3.4, quad_class=2),
            actor=(ActorRef("Arnor", name="Aragorn", title="King", country=ARNOR, resolved_by="registry"),),
            recipient=(),
            evidence=Evidence("Arnor sent grain.", 10, 27),
            modality=Modality(negated=True, future=True, hypothetical=True),
            quantities=(Quantity("500 tonnes", 500.0, "tonne"), Quantity("some")),
        ),
    ],
    ids=["day", "month-no-recipient", "year-unresolved", "undated-unicode", "all-fields"],
)
def test_events_round_trip_exactly(store: EventStore, event: Event) -> None:
    store.write([make_coded("a1", event)])
    assert store.events() == [event.to_dict()]


@pytest.fixture
def filled(store: EventStore) -> EventStore:
    store.write(
        [
            make_coded(
                "a1", make_event("a1", 0, when="2020-01-15"), make_event("a1", 1, recipients=(ROHAN,))
            ),
            make_coded("a2", make_event("a2", 0, actors=(GONDOR,), recipients=(ARNOR,), when="2020-03")),
            make_coded(
                "a3", make_event("a3", 0, actors=(MORDOR,), plover="ASSAULT", confidence=0.4, when=None)
            ),
            make_coded("a4", make_event("a4", 2, actors=(ROHAN,), recipients=(MORDOR,), when="2021")),
        ]
    )
    return store


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["a1:0:0", "a2:0:0", "a1:1:0", "a4:2:0", "a3:0:0"]),
        ({"country": ROHAN}, ["a1:1:0", "a4:2:0"]),
        ({"country": MORDOR}, ["a4:2:0", "a3:0:0"]),
        ({"dyad": (ARNOR, GONDOR)}, ["a1:0:0", "a2:0:0"]),
        ({"dyad": (GONDOR, ARNOR)}, ["a1:0:0", "a2:0:0"]),
        ({"dyad": (ARNOR, GONDOR), "directed": True}, ["a1:0:0"]),
        ({"dyad": (GONDOR, ARNOR), "directed": True}, ["a2:0:0"]),
        ({"since": date(2020, 3, 1)}, ["a2:0:0", "a1:1:0", "a4:2:0"]),
        ({"until": date(2020, 3, 1)}, ["a1:0:0", "a2:0:0"]),
        ({"since": date(2020, 2, 1), "until": date(2020, 12, 31)}, ["a2:0:0", "a1:1:0"]),
        ({"plover": "ASSAULT"}, ["a3:0:0"]),
        ({"article_id": "a1"}, ["a1:0:0", "a1:1:0"]),
        ({"min_confidence": 0.5}, ["a1:0:0", "a2:0:0", "a1:1:0", "a4:2:0"]),
        ({"limit": 2}, ["a1:0:0", "a2:0:0"]),
        ({"limit": 2, "offset": 3}, ["a4:2:0", "a3:0:0"]),
        ({"country": ARNOR, "plover": "ASSAULT"}, []),
    ],
    ids=lambda value: str(value) if isinstance(value, dict) else "",
)
def test_events_filters(filled: EventStore, filters: dict[str, Any], expected: list[str]) -> None:
    assert event_ids(filled.events(**filters)) == expected


def test_events_orders_by_date_then_article_sentence_and_id(store: EventStore) -> None:
    store.write(
        [
            make_coded(
                "b", make_event("b", 2, 1, when="2020-05-01"), make_event("b", 2, 0, when="2020-05-01")
            ),
            make_coded("a", make_event("a", 9, when="2020-05-01"), make_event("a", 1, when="2020-06-01")),
        ]
    )
    assert event_ids(store.events()) == ["a:9:0", "b:2:0", "b:2:1", "a:1:0"]


@pytest.mark.parametrize(("limit", "offset"), [(-1, 0), (None, -2)])
def test_events_rejects_negative_limit_or_offset(store: EventStore, limit: int | None, offset: int) -> None:
    with pytest.raises(StoreError, match="limit, offset: expected non-negative integers"):
        store.events(limit=limit, offset=offset)


def test_pair_counts_sorted_pairs_by_count(filled: EventStore) -> None:
    assert filled.pair_counts() == [
        (ARNOR, GONDOR, 2),
        (ARNOR, ROHAN, 1),
        (GONDOR, MORDOR, 1),
        (MORDOR, ROHAN, 1),
    ]


def test_pair_counts_counts_an_event_once_per_pair_and_skips_self_pairs(store: EventStore) -> None:
    event = make_event("a1", actors=(ARNOR, GONDOR, ARNOR), recipients=(GONDOR, ARNOR))
    store.write([make_coded("a1", event)])
    assert store.pair_counts() == [(ARNOR, GONDOR, 1)]


def test_has_article_checks_id_and_hash(store: EventStore) -> None:
    coded = make_coded("a1")
    store.write([coded])
    assert store.has_article("a1") and store.has_article("a1", coded.article.content_hash())
    assert not store.has_article("a1", "0" * 64) and not store.has_article("nope")


def test_article_returns_stored_fields(store: EventStore) -> None:
    coded = make_coded("a1", text="Gondor — Minas Tirith.")
    store.write([coded])
    record = store.article("a1")
    assert record is not None
    assert record["text"] == "Gondor — Minas Tirith." and record["published"] == "2020-03-31"
    assert record["content_hash"] == coded.article.content_hash() and record["url"] is None
    assert store.article("missing") is None


def test_read_only_store_cannot_write(tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    EventStore(path).close()
    with EventStore(path, read_only=True) as store, pytest.raises(StoreError, match="read-only"):
        store.write([make_coded("a1")])


def test_read_only_store_reads_what_was_written(tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    with EventStore(path) as store:
        store.write([make_coded("a1", make_event("a1"))])
    with EventStore(path, read_only=True) as store:
        assert event_ids(store.events()) == ["a1:0:0"]


def test_read_only_missing_file_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="missing.duckdb: cannot open the event store"):
        EventStore(tmp_path / "missing.duckdb", read_only=True)


def test_read_only_unmigrated_database_is_a_store_error(tmp_path: Path) -> None:
    duckdb.connect(str(tmp_path / "plain.duckdb")).close()
    with pytest.raises(
        StoreError, match=rf"schema version 0, this legation needs {LATEST}: open it once without read_only"
    ):
        EventStore(tmp_path / "plain.duckdb", read_only=True)


def test_open_non_database_file_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_text("not a database\n" * 500, encoding="utf-8")
    with pytest.raises(StoreError, match=r"notes\.duckdb: cannot open the event store: .*not a valid DuckDB"):
        EventStore(path)


def test_open_file_locked_by_another_process_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    EventStore(path).close()
    holder = (
        "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('ready', flush=True); sys.stdin.read()"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", holder, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match="events.duckdb: cannot open the event store: another process"):
            EventStore(path)
    finally:
        process.communicate("", timeout=30)


def test_newer_schema_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    EventStore(path).close()
    with duckdb.connect(str(path)) as connection:
        connection.execute("INSERT INTO schema_version VALUES (99, '099_future.sql', now()::TIMESTAMP)")
    with pytest.raises(
        StoreError, match=rf"schema version 99, this legation needs {LATEST}: upgrade legation"
    ):
        EventStore(path)


def test_closed_store_is_a_store_error(tmp_path: Path) -> None:
    store = EventStore(tmp_path / "events.duckdb")
    store.close()
    with pytest.raises(StoreError, match="the store is closed"):
        store.counts()


def test_load_migrations_orders_by_number(tmp_path: Path) -> None:
    (tmp_path / "010_later.sql").write_text("CREATE TABLE later (x INTEGER);", encoding="utf-8")
    (tmp_path / "002_first.sql").write_text("CREATE TABLE first (x INTEGER);", encoding="utf-8")
    (tmp_path / "README.md").write_text("not a migration", encoding="utf-8")
    assert [migration.version for migration in load_migrations(tmp_path)] == [2, 10]


@pytest.mark.parametrize(
    ("names", "message"),
    [
        (["1_init.sql"], r"migration name: expected NNN_name\.sql, found '1_init\.sql'"),
        (["001_a.sql", "001_b.sql"], "version 1 is also used by 001_"),
    ],
)
def test_load_migrations_rejects_bad_names(tmp_path: Path, names: list[str], message: str) -> None:
    for name in names:
        (tmp_path / name).write_text("SELECT 1;", encoding="utf-8")
    with pytest.raises(StoreError, match=message):
        load_migrations(tmp_path)


def test_apply_migrations_applies_each_once_in_order(tmp_path: Path) -> None:
    (tmp_path / "001_make.sql").write_text("CREATE TABLE log (step INTEGER);", encoding="utf-8")
    (tmp_path / "002_fill.sql").write_text("INSERT INTO log VALUES (2);", encoding="utf-8")
    migrations = load_migrations(tmp_path)
    with duckdb.connect(str(tmp_path / "m.duckdb")) as connection:
        assert apply_migrations(connection, migrations) == [1, 2]
        assert apply_migrations(connection, migrations) == []
        assert connection.execute("SELECT step FROM log").fetchall() == [(2,)]
