"""The actor registry: named people and organisations remembered across articles, kept in the event store.

CodedArticle → learned entries (with article, date and evidence); user and Phoenix entries are added by hand
or imported. `ActorRegistry.lookup(name, on)` answers as an ActorKnowledge: user > learned > phoenix.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, fields, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from legation.actors.knowledge import ActorKnowledge, KnownActor
from legation.actors.officeholders import name_key
from legation.errors import InputError, StoreError
from legation.model import ActorRef, CodedArticle, Event
from legation.store.events import EventStore

SOURCES = ("user", "learned", "phoenix")  # in order of precedence
LEARN_FROM = frozenset(
    {"context", "gazetteer", "title"}
)  # never "registry" or "coreference": no echo, no guesses
LEARNED_CEILING = 0.85
SURNAME_FACTOR = 0.85  # "Petrov" for the only registered "Zorana Petrov"
UNDATED_FACTOR = 0.8  # no article date, only dated entries
TABLE = "actor_registry"
_ARROW_SCHEMA = pa.schema(
    [
        ("name_key", pa.string()), ("name", pa.string()), ("country", pa.string()), ("sector", pa.string()),
        ("title", pa.string()), ("source", pa.string()), ("article_id", pa.string()),
        ("article_date", pa.date32()), ("evidence", pa.string()), ("confidence", pa.float64()),
        ("valid_from", pa.date32()), ("valid_until", pa.date32()), ("created_at", pa.timestamp("us")),
    ]
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class RegistryEntry:
    """One name form of a known actor from one source, with where it was learned and when it holds."""

    name_key: str
    name: str
    country: str | None
    sector: str | None
    title: str | None
    source: str
    confidence: float
    article_id: str | None = None
    article_date: date | None = None
    evidence: str | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    created_at: datetime | None = None

    @property
    def dated(self) -> bool:
        return self.valid_from is not None or self.valid_until is not None

    def covers(self, on: date) -> bool:
        """Whether the entry holds on day `on` (an undated entry always does)."""
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_until is None or on <= self.valid_until
        )

    def known(self, confidence: float | None = None) -> KnownActor:
        return KnownActor(
            name=self.name,
            country=self.country,
            sector=self.sector,
            title=self.title,
            source=self.source,
            confidence=self.confidence if confidence is None else confidence,
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (dates as ISO strings): one line of `legation actors export`."""
        return {
            key: value.isoformat() if isinstance(value, date) else value
            for key, value in asdict(self).items()
        }


def make_entry(
    name: str,
    *,
    source: str,
    country: str | None,
    sector: str | None,
    title: str | None = None,
    confidence: float = 1.0,
    **provenance: Any,
) -> RegistryEntry:
    """An entry keyed by `name` (provenance: article_id, article_date, evidence, valid_from, valid_until)."""
    if source not in SOURCES:
        raise InputError(
            f"registry entry {name!r}: source: expected one of {', '.join(SOURCES)}, found {source!r}"
        )
    if not name_key(name):
        raise InputError(f"registry entry: name: expected a name, found {name!r}")
    return RegistryEntry(
        name_key(name),
        name.strip(),
        country,
        sector,
        title,
        source,
        confidence,
        created_at=provenance.pop("created_at", None) or _now(),
        **provenance,
    )


class ActorRegistry:
    """Registry entries in memory (one instance per run); `load`/`save` read and write the store's table."""

    def __init__(self, entries: Iterable[RegistryEntry] = (), *, min_confidence: float = 0.8) -> None:
        self.min_confidence = min_confidence
        self._entries: dict[tuple[str, str], list[RegistryEntry]] = {}
        # last word → {canonical name key: one of its name forms}, built on demand
        # ("petrov" → "zorana petrov")
        self._surnames: dict[str, dict[str, str]] | None = None
        for entry in entries:
            self.add(entry)

    def __len__(self) -> int:
        return sum(len(entries) for entries in self._entries.values())

    def entries(self, *, source: str | None = None, country: str | None = None) -> list[RegistryEntry]:
        """Every entry, sorted by name and source, optionally of one source or one country."""
        chosen = [
            entry for entries in self._entries.values() for entry in entries
            if (source is None or entry.source == source) and (country is None or entry.country == country)
        ]  # fmt: skip
        return sorted(
            chosen,
            key=lambda e: (e.name.casefold(), e.name_key, SOURCES.index(e.source), e.valid_from or date.min),
        )

    def named(self, name: str) -> list[RegistryEntry]:
        """The entries for this name form, in order of precedence."""
        key = name_key(name)
        return [entry for source in SOURCES for entry in self._entries.get((key, source), [])]

    def add(self, entry: RegistryEntry) -> None:
        """Add an entry: a user or learned entry replaces the same source's entry for that name; Phoenix ones
        add up."""
        self._surnames = None
        slot = self._entries.setdefault((entry.name_key, entry.source), [])
        if entry.source != "phoenix":
            slot.clear()
        elif any((e.valid_from, e.valid_until) == (entry.valid_from, entry.valid_until) for e in slot):
            slot[:] = [
                e for e in slot if (e.valid_from, e.valid_until) != (entry.valid_from, entry.valid_until)
            ]
        slot.append(entry)

    def remove(self, name: str, *, source: str | None = None) -> int:
        """Forget the entries for `name` (a name form or a canonical name), of one source or all; how many
        went."""
        key = name_key(name)
        removed = 0
        self._surnames = None
        for slot_key, slot in list(self._entries.items()):
            if source is not None and slot_key[1] != source:
                continue
            kept = [entry for entry in slot if slot_key[0] != key and name_key(entry.name) != key]
            removed += len(slot) - len(kept)
            if kept:
                self._entries[slot_key] = kept
            else:
                del self._entries[slot_key]
        return removed

    def lookup(self, name: str, on: date | None) -> KnownActor | None:
        """Who `name` is on day `on`: the first source in precedence order with an entry that holds then."""
        found = self._lookup_key(name_key(name), on)
        if found is not None or " " in name_key(name):
            return found
        full = self._only_full_name(name_key(name))
        if full is None:
            return None
        known = self._lookup_key(full, on)
        return replace(known, confidence=known.confidence * SURNAME_FACTOR) if known else None

    def only(self, *sources: str) -> ActorKnowledge:
        """A view that answers from these sources alone (e.g. user entries before the office-holder table)."""
        return _SourceView(self, frozenset(sources))

    def learn(self, coded: CodedArticle) -> int:
        """Record the named, confidently resolved actors of the article's events; how many entries were
        new."""
        learned = 0
        for event in coded.events:
            for ref in (*event.actor, *event.recipient):
                if self._learnable(ref) and self._learn_one(self._learned_entry(coded, event, ref)):
                    learned += 1
        return learned

    def load(self, store: EventStore) -> ActorRegistry:
        """Replace what is in memory with the store's registry table; returns self."""
        columns = ", ".join(field.name for field in fields(RegistryEntry))
        try:
            rows = store.connection().execute(f"SELECT {columns} FROM {TABLE}").fetchall()
        except duckdb.Error as error:
            raise StoreError(f"{store.path}: cannot read the actor registry: {error}") from error
        self._entries.clear()
        self._surnames = None
        for row in rows:
            self.add(RegistryEntry(*row))
        return self

    def save(self, store: EventStore) -> int:
        """Write every entry to the store (replacing its registry table) in one transaction; how many rows."""
        entries = self.entries()
        table = pa.Table.from_pylist([asdict(entry) for entry in entries], schema=_ARROW_SCHEMA)
        connection = store.connection()
        try:
            connection.begin()
            connection.execute(f"DELETE FROM {TABLE}")
            connection.register("incoming_registry", table)
            connection.execute(f"INSERT INTO {TABLE} BY NAME SELECT * FROM incoming_registry")
            connection.unregister("incoming_registry")
            connection.commit()
        except duckdb.Error as error:
            connection.rollback()
            raise StoreError(f"{store.path}: cannot write the actor registry: {error}") from error
        return len(entries)

    def _lookup_key(self, key: str, on: date | None) -> KnownActor | None:
        for source in SOURCES:
            known = _choose(self._entries.get((key, source), []), on)
            if known is not None:
                return known
        return None

    def _only_full_name(self, surname: str) -> str | None:
        """The one registered multi-word name ending with this word, or None (none, or several people)."""
        if self._surnames is None:
            self._surnames = {}
            for (key, _), slot in self._entries.items():
                if " " in key:
                    people = self._surnames.setdefault(key.rsplit(" ", 1)[1], {})
                    people.update((name_key(entry.name), key) for entry in slot)
        people = self._surnames.get(surname, {})
        return next(iter(people.values())) if len(people) == 1 else None

    def _learnable(self, ref: ActorRef) -> bool:
        return bool(
            ref.name
            and ref.country
            and ref.resolved_by in LEARN_FROM
            and ref.confidence >= self.min_confidence
        )

    def _learned_entry(self, coded: CodedArticle, event: Event, ref: ActorRef) -> RegistryEntry:
        return make_entry(
            ref.name or "",
            source="learned",
            country=ref.country,
            sector=ref.sector,
            title=ref.title,
            confidence=min(ref.confidence, LEARNED_CEILING),
            article_id=coded.article.article_id,
            article_date=coded.article.published,
            evidence=event.evidence.text,
        )

    def _learn_one(self, entry: RegistryEntry) -> bool:
        """Keep the entry learned from the latest article (an undated article never replaces a dated one)."""
        previous = self._entries.get((entry.name_key, "learned"), [])
        if previous:
            old = previous[0].article_date
            if old is not None and (entry.article_date is None or entry.article_date < old):
                return False
        self.add(entry)
        return not previous


@dataclass(frozen=True)
class _SourceView:
    registry: ActorRegistry
    sources: frozenset[str]

    def lookup(self, name: str, on: date | None) -> KnownActor | None:
        entries = [entry for entry in self.registry.named(name) if entry.source in self.sources]
        return _choose(entries, on)


def _choose(entries: Sequence[RegistryEntry], on: date | None) -> KnownActor | None:
    """The entry that holds on the day: a dated one over an undated default; with no day, the default or
    the latest."""
    if not entries:
        return None
    if on is not None:
        holding = [entry for entry in entries if entry.covers(on)]
        dated = [entry for entry in holding if entry.dated]
        chosen = dated or holding
        return chosen[-1].known() if chosen else None
    undated = [entry for entry in entries if not entry.dated]
    if undated:
        return undated[-1].known()
    latest = max(entries, key=lambda entry: entry.valid_from or date.min)
    return latest.known(latest.confidence * UNDATED_FACTOR)


def read_jsonl(path: Path) -> Iterator[RegistryEntry]:
    """Entries from a file written by `legation actors export`; a bad line is an InputError with file:line."""
    known = {field.name for field in fields(RegistryEntry)}
    with path.open(encoding="utf-8") as handle:
        for line, text in enumerate(handle, start=1):
            if not text.strip():
                continue
            try:
                record = json.loads(text)
                if not isinstance(record, dict) or "name" not in record:
                    raise ValueError("expected an object with a name")
                extra = sorted(set(record) - known)
                if extra:
                    raise ValueError(f"unknown fields {', '.join(extra)}")
                yield _entry_from_record(record)
            except (ValueError, TypeError) as error:
                raise InputError(
                    f"{path}:{line}: expected a registry entry, found {text.strip()[:60]!r}: {error}"
                ) from error


def _entry_from_record(record: dict[str, Any]) -> RegistryEntry:
    dates = {
        key: date.fromisoformat(record[key]) if record.get(key) else None
        for key in ("article_date", "valid_from", "valid_until")
    }
    created = datetime.fromisoformat(record["created_at"]) if record.get("created_at") else None
    entry = make_entry(
        record["name"],
        source=record.get("source", "user"),
        country=record.get("country"),
        sector=record.get("sector"),
        title=record.get("title"),
        confidence=float(record.get("confidence", 1.0)),
        article_id=record.get("article_id"),
        evidence=record.get("evidence"),
        created_at=created,
        **dates,
    )
    return replace(entry, name_key=record.get("name_key") or entry.name_key)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
