"""Frozen records passed between stages: Article → ParsedArticle → ActorRef/Event, and Drop for what is left
out.

Every stage takes one of these and returns new ones; nothing here is mutated after construction.
`Event.to_dict()` is the output shape of CONTRACT.md ("Output: events").
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

# The 16 PLOVER event types, in CONTRACT.md's order (lexicons/data/plover_events.csv describes each).
PLOVER_EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Article:
    """One input article. `text` is the text as stored: every evidence offset points into it."""

    article_id: str
    text: str
    title: str | None = None
    published: date | None = None
    # Where the publication date came from: "header", "metadata", "page", "inferred", or None.
    published_basis: str | None = None
    url: str | None = None
    source: str | None = None
    language: str | None = None
    # Where it was read from ("path" or "path:line"), for messages.
    origin: str | None = None
    # Place named by the dateline ("Rabat –"), kept as the article's location.
    location: str | None = None

    def content_hash(self) -> str:
        """A stable digest of what coding depends on: text, title and publication date."""
        digest = hashlib.sha256()
        for part in (self.text, self.title or "", self.published.isoformat() if self.published else ""):
            digest.update(part.encode("utf-8"))
            digest.update(b"\x00")
        return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class Drop:
    """Something left out, with why: counted per reason in run summaries (never a silent `None`)."""

    stage: str  # "read", "parse", "code", "store"
    reason: str  # short key: "empty", "not_utf8", "bad_json", "not_english", ...
    detail: str  # human message that says where and what
    article_id: str | None = None
    origin: str | None = None


@dataclass(frozen=True, slots=True)
class Region:
    """A character range of the article text that no event may come from (dateline, byline, link list,
    ...)."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """An article with its spaCy Doc (built over `article.text`, so token offsets are article offsets)."""

    article: Article
    doc: Doc
    excluded: tuple[Region, ...] = ()


@dataclass(frozen=True, slots=True)
class ActorRef:
    """One resolved actor of an event (CONTRACT: `actor` / `recipient` entries)."""

    text: str
    name: str | None = None
    title: str | None = None
    country: str | None = None
    sector: str | None = None
    start: int | None = None
    end: int | None = None
    # How it was resolved: "gazetteer", "title", "context", "coreference", "officeholders", "registry"; for a
    # recipient the text does not name: "implied" (PLOVER's domestic convention) or "place" (where it
    # happened).
    resolved_by: str | None = None
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "name": self.name,
            "title": self.title,
            "country": self.country,
            "sector": self.sector,
            "resolved_by": self.resolved_by,
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True, slots=True)
class PloverCoding:
    event: str
    mode: str | None = None
    contexts: tuple[str, ...] = ()
    intensity: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "event": self.event,
            "mode": self.mode,
            "contexts": list(self.contexts),
            "intensity": self.intensity,
        }


@dataclass(frozen=True, slots=True)
class CameoCoding:
    code: str
    goldstein: float
    quad_class: int

    @property
    def root(self) -> str:
        return self.code[:2]

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "root": self.root,
            "goldstein": self.goldstein,
            "quad_class": self.quad_class,
        }


@dataclass(frozen=True, slots=True)
class Modality:
    negated: bool = False
    future: bool = False
    hypothetical: bool = False

    def to_dict(self) -> dict[str, bool]:
        return {"negated": self.negated, "future": self.future, "hypothetical": self.hypothetical}


@dataclass(frozen=True, slots=True)
class Quantity:
    text: str
    value: float | None = None
    unit: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "value": self.value, "unit": self.unit}


@dataclass(frozen=True, slots=True)
class Evidence:
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class EventDate:
    """A resolved date: `value` is YYYY-MM-DD, YYYY-MM or YYYY; `precision` day|month|year; `basis`
    text|publication|inferred."""

    value: str | None = None
    precision: str | None = None
    basis: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event (CONTRACT.md "Output")."""

    event_id: str
    article_id: str
    sentence_index: int
    date: EventDate
    plover: PloverCoding
    cameo: CameoCoding
    actor: tuple[ActorRef, ...]
    recipient: tuple[ActorRef, ...]
    evidence: Evidence
    symmetric: bool = False
    modality: Modality = field(default_factory=Modality)
    quantities: tuple[Quantity, ...] = ()
    confidence: float = 1.0
    trigger: str | None = None
    coder_version: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON object (plus the added `confidence`, `trigger` and `coder_version`)."""
        return {
            "event_id": self.event_id,
            "article_id": self.article_id,
            "sentence_index": self.sentence_index,
            "date": self.date.value,
            "date_precision": self.date.precision,
            "date_basis": self.date.basis,
            "plover": self.plover.to_dict(),
            "cameo": self.cameo.to_dict(),
            "actor": [actor.to_dict() for actor in self.actor],
            "recipient": [actor.to_dict() for actor in self.recipient],
            "symmetric": self.symmetric,
            "modality": self.modality.to_dict(),
            "quantities": [quantity.to_dict() for quantity in self.quantities],
            "evidence": self.evidence.to_dict(),
            "confidence": round(self.confidence, 3),
            "trigger": self.trigger,
            "coder_version": self.coder_version,
        }


@dataclass(frozen=True, slots=True)
class CodedArticle:
    """What the pipeline returns for one article: its events and what was dropped on the way."""

    article: Article
    events: tuple[Event, ...] = ()
    drops: tuple[Drop, ...] = ()
