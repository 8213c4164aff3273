"""ActorRegistry: learning from coded articles with provenance, precedence of sources, persistence in the
store."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from legation.actors.registry import ActorRegistry, make_entry, read_jsonl
from legation.errors import InputError
from legation.ingest import ingest
from legation.model import (
    ActorRef,
    Article,
    CameoCoding,
    CodedArticle,
    Event,
    EventDate,
    Evidence,
    PloverCoding,
)  # fmt: skip
from legation.settings import load_settings
from legation.store.events import EventStore

EVIDENCE = "Foreign Minister Zorana Petrov of Arnor met Gondor's envoy."


def coded(article_id: str, published: date | None, *refs: ActorRef) -> CodedArticle:
    event = Event(
        event_id=f"{article_id}:0:0", article_id=article_id, sentence_index=0, date=EventDate(),
        plover=PloverCoding("CONSULT"), cameo=CameoCoding("040", 1.0, 1), actor=refs[:1], recipient=refs[1:],
        evidence=Evidence(EVIDENCE, 0, len(EVIDENCE)),
    )  # fmt: skip
    return CodedArticle(Article(article_id, EVIDENCE, published=published), events=(event,))


def ref(
    name: str | None, *, country: str | None = "ARN", how: str = "context", confidence: float = 0.9
) -> ActorRef:
    return ActorRef(
        text=name or "envoy",
        name=name,
        title="Foreign Minister",
        country=country,
        sector="GOV",
        resolved_by=how,
        confidence=confidence,
    )


def test_learn_records_confident_named_actors_with_provenance() -> None:
    registry = ActorRegistry()
    assert (
        registry.learn(
            coded("a1", date(2024, 3, 1), ref("Zorana Petrov"), ref("Boromir Denethorion", country="GDR"))
        )
        == 2
    )
    (entry,) = registry.named("Zorana Petrov")
    assert (entry.source, entry.country, entry.sector, entry.title) == (
        "learned",
        "ARN",
        "GOV",
        "Foreign Minister",
    )
    assert (entry.article_id, entry.article_date, entry.evidence) == ("a1", date(2024, 3, 1), EVIDENCE)


@pytest.mark.parametrize(
    "actor",
    [
        ref(None),
        ref("Zorana Petrov", country=None),
        ref("Zorana Petrov", how="registry"),
        ref("Zorana Petrov", how="coreference"),
        ref("Zorana Petrov", confidence=0.5),
    ],
)
def test_learn_skips_unnamed_unsure_or_echoed_actors(actor: ActorRef) -> None:
    registry = ActorRegistry()
    assert registry.learn(coded("a1", date(2024, 3, 1), actor)) == 0
    assert len(registry) == 0


def test_learn_keeps_the_latest_article() -> None:
    registry = ActorRegistry()
    registry.learn(coded("new", date(2024, 3, 1), ref("Zorana Petrov")))
    registry.learn(coded("old", date(2020, 1, 1), ref("Zorana Petrov", country="GDR")))
    (entry,) = registry.named("Zorana Petrov")
    assert entry.article_id == "new"


def test_lookup_resolves_a_bare_surname_when_one_person_has_it() -> None:
    registry = ActorRegistry()
    registry.learn(coded("a1", date(2024, 3, 1), ref("Zorana Petrov")))
    known = registry.lookup("Petrov", date(2024, 4, 1))
    full = registry.lookup("zorana petrov", date(2024, 4, 1))
    assert known is not None and full is not None
    assert (known.name, known.country, known.source) == ("Zorana Petrov", "ARN", "learned")
    assert known.confidence < full.confidence


def test_lookup_refuses_a_surname_shared_by_two_people() -> None:
    registry = ActorRegistry()
    registry.learn(coded("a1", date(2024, 3, 1), ref("Zorana Petrov"), ref("Ilija Petrov", country="GDR")))
    assert registry.lookup("Petrov", date(2024, 4, 1)) is None


def test_user_entry_overrides_learned_and_phoenix_entries() -> None:
    registry = ActorRegistry()
    registry.learn(coded("a1", date(2024, 3, 1), ref("Zorana Petrov")))
    registry.add(make_entry("Zorana Petrov", source="phoenix", country="RHN", sector="ELI", confidence=0.7))
    registry.add(make_entry("Zorana Petrov", source="user", country="GDR", sector="BUS"))
    known = registry.lookup("Petrov", date(2024, 4, 1))
    assert known is not None and (known.country, known.sector, known.source) == ("GDR", "BUS", "user")
    user_view = registry.only("user").lookup("Zorana Petrov", None)
    assert user_view is not None and user_view.source == "user"
    assert registry.only("user").lookup("Nobody Here", None) is None


def test_lookup_honours_dated_entries() -> None:
    registry = ActorRegistry([
        make_entry(
            "Aragorn Elessar", source="phoenix", country="ARN", sector="GOV", valid_from=date(2001, 1, 1)
        ),
        make_entry(
            "Aragorn Elessar", source="phoenix", country="ARN", sector="ELI", valid_until=date(2000, 12, 31)
        ),
    ])  # fmt: skip
    before, after = (
        registry.lookup("Aragorn Elessar", date(1999, 1, 1)),
        registry.lookup("Aragorn Elessar", date(2005, 1, 1)),
    )
    assert before is not None and after is not None
    assert (before.sector, after.sector) == ("ELI", "GOV")


def test_remove_forgets_one_source_or_all() -> None:
    registry = ActorRegistry([
        make_entry("Zorana Petrov", source="user", country="GDR", sector="GOV"),
        make_entry("Zorana Petrov", source="learned", country="ARN", sector="GOV"),
    ])  # fmt: skip
    assert registry.remove("zorana petrov", source="user") == 1
    assert [entry.source for entry in registry.named("Zorana Petrov")] == ["learned"]
    assert registry.remove("Zorana Petrov") == 1 and len(registry) == 0


def test_make_entry_rejects_an_unknown_source() -> None:
    with pytest.raises(InputError, match="source: expected one of user, learned, phoenix"):
        make_entry("Zorana Petrov", source="guess", country="ARN", sector="GOV")


def test_save_and_load_round_trip_through_the_store(tmp_path: Path) -> None:
    registry = ActorRegistry()
    registry.learn(coded("a1", date(2024, 3, 1), ref("Zorana Petrov")))
    registry.add(
        make_entry(
            "Aragorn Elessar", source="phoenix", country="ARN", sector="GOV", valid_from=date(2001, 1, 1)
        )
    )
    with EventStore(tmp_path / "store.duckdb") as store:
        assert registry.save(store) == 2
    with EventStore(tmp_path / "store.duckdb", read_only=True) as store:
        loaded = ActorRegistry().load(store)
    assert loaded.entries() == registry.entries()


def test_read_jsonl_reads_an_export_back_and_reports_bad_lines(tmp_path: Path) -> None:
    import json

    registry = ActorRegistry([make_entry("Zorana Petrov", source="user", country="GDR", sector="GOV")])
    path = tmp_path / "actors.jsonl"
    path.write_text(
        "".join(json.dumps(entry.to_dict()) + "\n" for entry in registry.entries()), encoding="utf-8"
    )
    assert list(read_jsonl(path)) == registry.entries()
    path.write_text('{"name": "A B", "colour": "red"}\n', encoding="utf-8")
    with pytest.raises(
        InputError, match=r"actors\.jsonl:1: expected a registry entry.*unknown fields colour"
    ):
        list(read_jsonl(path))


FIRST = (
    " date 2024-03-01 Serbian Foreign Minister Zorana Petrov met Croatian Prime Minister Marko Horvat"
    " in Belgrade on Friday.\n"
)
LATER = " date 2024-03-05 On Tuesday Petrov called on Croatia to reopen the border crossing.\n"


def petrov_events(store: EventStore) -> list[dict[str, object]]:
    return [actor for event in store.events() for actor in event["actor"] if "Petrov" in str(actor["text"])]


@pytest.mark.model
def test_ingest_learns_an_actor_for_later_articles_and_later_runs(tmp_path: Path) -> None:
    settings = load_settings(env={}).replace(db=str(tmp_path / "store.duckdb"))
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "001_first.txt").write_text(FIRST, encoding="utf-8")
    (tmp_path / "a" / "002_later.txt").write_text(LATER, encoding="utf-8")
    ingest([tmp_path / "a"], settings=settings)
    with EventStore(settings.db, read_only=True) as store:
        learned = ActorRegistry().load(store).named("Zorana Petrov")
        bare = [actor for actor in petrov_events(store) if actor["text"] == "Petrov"]
    assert learned and learned[0].article_id == "001_first" and learned[0].country == "SRB"
    assert bare and bare[0]["country"] == "SRB" and bare[0]["resolved_by"] == "registry"

    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "003_next_run.txt").write_text(LATER, encoding="utf-8")
    ingest([tmp_path / "b"], settings=settings)
    with EventStore(settings.db, read_only=True) as store:
        next_run = [e for e in store.events() if e["article_id"] == "003_next_run"]
    assert next_run and next_run[0]["actor"][0]["country"] == "SRB"

    with EventStore(settings.db) as store:
        registry = ActorRegistry().load(store)
        registry.add(make_entry("Zorana Petrov", source="user", country="MNE", sector="GOV"))
        registry.save(store)
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "004_after_user.txt").write_text(LATER, encoding="utf-8")
    ingest([tmp_path / "c"], settings=settings)
    with EventStore(settings.db, read_only=True) as store:
        overridden = [e for e in store.events() if e["article_id"] == "004_after_user"]
    assert overridden and overridden[0]["actor"][0]["country"] == "MNE"
