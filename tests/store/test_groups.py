"""Event groups: the grouping rules on hand-made mentions, the store hook on hand-made events, and a written
corpus (tests/fixtures/dedup) coded by the real pipeline whose groups must equal the truth, in any order."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legation.model import (
    ActorRef,
    Article,
    CameoCoding,
    CodedArticle,
    Event,
    EventDate,
    Evidence,
    PloverCoding,
)
from legation.pipeline import Pipeline
from legation.readers import read_articles
from legation.store.events import EventStore
from legation.store.groups import (
    BLOCK_SQL,
    MENTION_SELECT,
    GroupMention,
    cluster,
    compatible,
    dates_compatible,
    mention_from_row,
    source_key,
    summarize,
)

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "dedup"
# The truth for the corpus: each real event as the set of its (article, sentence) mentions.
TRUTH = {
    # one phone call between the Kenyan and Ethiopian foreign ministers (14 March), told by three outlets
    frozenset({("d01_nairobi_call", 0), ("d02_addis_statement", 0), ("d03_regional_roundup", 0)}),
    # one German aid delivery to Jordan (13 March), told twice by one article and once by another
    frozenset({("d03_regional_roundup", 1), ("d04_amman_aid", 0), ("d04_amman_aid", 1)}),
    # the same pair and type two weeks later: another event
    frozenset({("d08_late_march_talks", 0)}),
    # the same pair and type in May (the meeting and "the talks" in one article): another event
    frozenset({("d05_may_meeting", 0), ("d05_may_meeting", 1)}),
    # the same pair on the day of the call, another type: another event
    frozenset({("d06_border_accusation", 0)}),
    # the same donor and recipient in July: another delivery
    frozenset({("d07_aid_july", 0)}),
}
# Fictional countries (PETRARCH's validation world): the hand-made cases test mechanics, not world knowledge.
ARNOR, GONDOR, ROHAN = "ARN", "GON", "ROH"


def mention(
    event_id: str,
    when: str | None = "2020-03-10",
    *,
    article_id: str | None = None,
    actors: tuple[str, ...] = (ARNOR,),
    recipients: tuple[str, ...] = (GONDOR,),
    plover: str = "CONSULT",
    symmetric: bool = False,
    negated: bool = False,
    evidence: str = "",
    quantities: tuple[float, ...] = (),
) -> GroupMention:
    precision = None if when is None else ("year", "month", "day")[when.count("-")]
    start = None if when is None else date.fromisoformat((when + "-01-01")[:10])
    return GroupMention(
        event_id=event_id,
        article_id=article_id or event_id.split(":")[0],
        plover_event=plover,
        actor_countries=frozenset(actors),
        recipient_countries=frozenset(recipients),
        date=when,
        date_precision=precision,
        date_start=start,
        symmetric=symmetric,
        negated=negated,
        evidence=evidence,
        quantities=frozenset(quantities),
        source=f"article:{article_id or event_id.split(':')[0]}",
    )


def ids(groups: list[tuple[GroupMention, ...]]) -> set[frozenset[str]]:
    return {frozenset(item.event_id for item in members) for members in groups}


@pytest.mark.parametrize(
    ("first", "second", "same_article", "expected"),
    [
        ("2020-03-10", "2020-03-12", False, True),
        ("2020-03-10", "2020-03-13", False, False),
        ("2020-03-31", "2020-03", False, True),
        ("2020-04-01", "2020-03", False, False),
        ("2020-03", "2020", False, True),
        ("2021-03", "2020", False, False),
        ("2020-03-10", None, False, False),
        ("2020-03-10", None, True, True),
        (None, None, False, False),
    ],
)
def test_dates_compatible_window_depends_on_precision(
    first: str | None, second: str | None, same_article: bool, expected: bool
) -> None:
    other_article = "a" if same_article else "b"
    assert dates_compatible(mention("a:0:0", first), mention(f"{other_article}:1:0", second)) is expected


@pytest.mark.parametrize(
    ("symmetric", "expected"),
    [(False, False), (True, True)],
)
def test_compatible_direction_matters_unless_symmetric(symmetric: bool, expected: bool) -> None:
    forward = mention("a:0:0", symmetric=symmetric)
    backward = mention("b:0:0", actors=(GONDOR,), recipients=(ARNOR,))
    assert compatible(forward, backward) is expected


@pytest.mark.parametrize(
    "changes",
    [{"plover": "ACCUSE"}, {"recipients": (ROHAN,)}, {"negated": True}],
)
def test_compatible_rejects_other_type_pair_or_polarity(changes: dict[str, Any]) -> None:
    assert not compatible(mention("a:0:0"), mention("b:0:0", **changes))


def test_compatible_countryless_mentions_only_within_one_article() -> None:
    lone = {"actors": (), "recipients": ()}
    assert compatible(mention("a:0:0", **lone), mention("a:3:0", **lone))
    assert not compatible(mention("a:0:0", **lone), mention("b:0:0", **lone))


def test_cluster_never_chains_past_the_window() -> None:
    # 10 ~ 12 and 12 ~ 14, but 10 and 14 are four days apart: one event cannot span them.
    days = ("2020-03-10", "2020-03-12", "2020-03-14")
    groups = cluster([mention(f"{article}:0:0", day) for article, day in zip("abc", days, strict=True)])
    assert ids(groups) == {frozenset({"a:0:0", "b:0:0"}), frozenset({"c:0:0"})}


def test_cluster_groups_never_span_two_years() -> None:
    # Blocks are per year, so that a write regroups only the years it touches (a documented loss).
    groups = cluster([mention("a:0:0", "2020-12-31"), mention("b:0:0", "2021-01-01")])
    assert ids(groups) == {frozenset({"a:0:0"}), frozenset({"b:0:0"})}


def test_cluster_coarse_mention_joins_the_most_similar_group() -> None:
    phone = mention("a:0:0", "2020-03-05", evidence="The ministers spoke by telephone about fisheries.")
    visit = mention("b:0:0", "2020-03-20", evidence="The king visited the capital for trade talks.")
    vague = mention("c:0:0", "2020-03", evidence="In March the ministers discussed fisheries by telephone.")
    assert ids(cluster([visit, vague, phone])) == {frozenset({"a:0:0", "c:0:0"}), frozenset({"b:0:0"})}


def test_cluster_shared_quantity_breaks_a_tie() -> None:
    first = mention("a:0:0", "2020-03-05", plover="AID", quantities=(40.0,))
    second = mention("b:0:0", "2020-03-25", plover="AID", quantities=(900.0,))
    vague = mention("c:0:0", "2020-03", plover="AID", quantities=(900.0,))
    assert ids(cluster([first, second, vague])) == {frozenset({"a:0:0"}), frozenset({"b:0:0", "c:0:0"})}


MANY = [
    mention("a:0:0", "2020-03-10", evidence="phone call about fisheries"),
    mention("b:0:0", "2020-03-11", symmetric=True, actors=(GONDOR,), recipients=(ARNOR,)),
    mention("c:0:0", "2020-03-12"),
    mention("c:2:0", "2020-03-13"),
    mention("d:0:0", "2020-03", evidence="fisheries call"),
    mention("d:1:0", None),
    mention("e:0:0", "2020"),
    mention("f:0:0", "2020-03-10", plover="ACCUSE"),
    mention("g:0:0", "2020-03-10", negated=True),
]


@settings(max_examples=60, deadline=None)
@given(st.permutations(MANY))
def test_cluster_result_does_not_depend_on_order(shuffled: list[GroupMention]) -> None:
    assert cluster(shuffled) == cluster(MANY)


@pytest.mark.parametrize(
    ("source", "url", "expected"),
    [
        ("Reuters ", "https://www.example.com/a", "reuters"),
        (None, "https://www.Example.com/world/1", "example.com"),
        ("", "not a url", "article:x1"),
        (None, None, "article:x1"),
    ],
)
def test_source_key_falls_back_to_url_host_then_article(
    source: str | None, url: str | None, expected: str
) -> None:
    assert source_key("x1", source, url) == expected


def test_summarize_counts_mentions_articles_and_sources() -> None:
    members = [
        replace(mention("b:1:0", "2020-03"), source="wire"),
        replace(mention("b:0:0", "2020-03-11"), source="wire"),
        replace(mention("a:0:0", "2020-03-10"), source="wire"),
        replace(mention("c:0:0", "2020-03-10"), source="daily"),
    ]
    group = summarize(members)
    assert (group.group_id, group.num_mentions, group.num_articles, group.num_sources) == ("a:0:0", 4, 3, 2)
    assert (group.date, group.date_precision, group.event_ids[0]) == ("2020-03-10", "day", "a:0:0")


# --- the store hook, on hand-made events ---------------------------------------------------------------


def make_event(
    article_id: str, sentence_index: int = 0, *, when: str = "2020-03-10", plover: str = "CONSULT"
) -> Event:
    text = "The king of Arnor spoke with the steward of Gondor."
    return Event(
        event_id=f"{article_id}:{sentence_index}:0",
        article_id=article_id,
        sentence_index=sentence_index,
        date=EventDate(when, "day", "text"),
        plover=PloverCoding(plover),
        cameo=CameoCoding("040", goldstein=1.0, quad_class=1),
        actor=(ActorRef("the king of Arnor", country=ARNOR),),
        recipient=(ActorRef("the steward of Gondor", country=GONDOR),),
        evidence=Evidence(text, 0, len(text)),
        coder_version="test-1",
    )


def make_coded(
    article_id: str, *events: Event, text: str = "text", source: str | None = None
) -> CodedArticle:
    return CodedArticle(Article(article_id=article_id, text=text, source=source), events=events)


def group_ids(store: EventStore) -> dict[str, str | None]:
    return dict(store.connection().execute("SELECT event_id, group_id FROM events").fetchall())


@pytest.fixture
def store(tmp_path: Path) -> Any:
    with EventStore(tmp_path / "groups.duckdb") as opened:
        yield opened


def test_write_groups_one_event_reported_by_two_articles(store: EventStore) -> None:
    store.write([make_coded("b", make_event("b")), make_coded("a", make_event("a", 2), source="wire")])
    assert group_ids(store) == {"a:2:0": "a:2:0", "b:0:0": "a:2:0"}
    sql = "SELECT group_id, num_mentions, num_articles, num_sources FROM event_groups"
    assert store.connection().execute(sql).fetchall() == [("a:2:0", 2, 2, 2)]


def test_write_replacing_an_article_regroups_the_block_it_left(store: EventStore) -> None:
    store.write([make_coded(article_id, make_event(article_id)) for article_id in "abc"])
    store.write([make_coded("a", make_event("a", plover="ACCUSE"), text="new text")])
    assert group_ids(store) == {"a:0:0": "a:0:0", "b:0:0": "b:0:0", "c:0:0": "b:0:0"}
    sql = "SELECT group_id, plover_event, num_mentions FROM event_groups ORDER BY 1"
    assert store.connection().execute(sql).fetchall() == [("a:0:0", "ACCUSE", 1), ("b:0:0", "CONSULT", 2)]


def test_write_force_replaces_an_unchanged_article(store: EventStore) -> None:
    store.write([make_coded("a", make_event("a"))])
    summary = store.write([make_coded("a", make_event("a"), make_event("a", 1))], force=True)
    assert (summary.replaced, summary.unchanged) == (1, 0)
    assert store.counts() == {"articles": 1, "events": 2}


def test_group_returns_counts_and_every_mention(store: EventStore) -> None:
    store.write([make_coded("a", make_event("a")), make_coded("b", make_event("b", when="2020-03-11"))])
    found = store.group("b:0:0")
    assert found is not None
    assert (found["group_id"], found["num_mentions"], found["num_articles"]) == ("a:0:0", 2, 2)
    assert [item["event_id"] for item in found["mentions"]] == ["a:0:0", "b:0:0"]
    assert (found["countries"], found["date"]) == ([ARNOR, GONDOR], "2020-03-10")


@pytest.mark.parametrize("when", ["2020-03-10", "2020-03", "2020", None])
def test_block_sql_matches_the_python_block(store: EventStore, when: str | None) -> None:
    event = replace(make_event("a"), date=EventDate(when, None, None))
    store.write([make_coded("a", event)])
    rows = store.connection().execute(f"SELECT *, {BLOCK_SQL} FROM ({MENTION_SELECT})").fetchall()
    assert [mention_from_row(row[:-1]).block for row in rows] == [row[-1] for row in rows]


def test_group_of_an_unknown_event_is_none(store: EventStore) -> None:
    assert store.group("nowhere:0:0") is None


# --- the written corpus, coded by the real pipeline ----------------------------------------------------


def coded_corpus(pipeline: Pipeline) -> list[CodedArticle]:
    items = pipeline.code(read_articles([CORPUS], max_chars=100_000))
    coded = [item for item in items if isinstance(item, CodedArticle)]
    assert len(coded) == 8
    return coded


def stored_groups(store: EventStore) -> dict[str, frozenset[tuple[str, int]]]:
    rows = store.connection().execute("SELECT group_id, article_id, sentence_index FROM events").fetchall()
    groups: dict[str, set[tuple[str, int]]] = {}
    for group_id, article_id, sentence_index in rows:
        groups.setdefault(group_id, set()).add((article_id, sentence_index))
    return {group_id: frozenset(members) for group_id, members in groups.items()}


def summaries(store: EventStore) -> list[tuple[Any, ...]]:
    return store.connection().execute("SELECT * FROM event_groups ORDER BY group_id").fetchall()


@pytest.fixture(scope="module")
def corpus(shared_pipeline: Pipeline) -> list[CodedArticle]:
    return coded_corpus(shared_pipeline)


@pytest.mark.model
def test_groups_of_the_corpus_equal_the_truth(corpus: list[CodedArticle], tmp_path: Path) -> None:
    with EventStore(tmp_path / "corpus.duckdb") as store:
        store.write(corpus)
        assert set(stored_groups(store).values()) == TRUTH
        call = store.group("d02_addis_statement:0:0")
    assert call is not None
    assert (call["group_id"], call["num_mentions"], call["num_articles"]) == ("d01_nairobi_call:0:0", 3, 3)


@pytest.mark.model
@pytest.mark.parametrize("order", ["twice", "reverse", "shuffled", "one_by_one"])
def test_groups_of_the_corpus_do_not_depend_on_ingest_order(
    corpus: list[CodedArticle], tmp_path: Path, order: str
) -> None:
    with EventStore(tmp_path / "forward.duckdb") as store:
        store.write(corpus)
        expected = stored_groups(store), summaries(store)
    shuffled = list(corpus)
    random.Random(6).shuffle(shuffled)
    batches = {
        "twice": [corpus, corpus],
        "reverse": [corpus[::-1]],
        "shuffled": [shuffled],
        "one_by_one": [[item] for item in shuffled],
    }[order]
    with EventStore(tmp_path / f"{order}.duckdb") as store:
        for batch in batches:
            store.write(batch)
        found = stored_groups(store), summaries(store)
    assert found == expected
