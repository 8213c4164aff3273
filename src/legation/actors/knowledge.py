"""What legation knows about named actors beyond the article: the dated office-holder table, the learning
registry.

The resolver asks each source in turn, after the article itself has had its say.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol


@dataclass(frozen=True, slots=True)
class KnownActor:
    """A named person or organisation as a knowledge source knows it on a given day."""

    name: str  # canonical name, e.g. "Nasser Bourita"
    country: str | None  # ISO3 or IGO code
    sector: str | None  # PLOVER sector (GOV, MIL, BUS, ELI for a former office holder, ...)
    title: str | None = None  # "Minister of Foreign Affairs"
    source: str = "registry"  # "officeholders", "user", "learned", "phoenix"
    confidence: float = 0.9


class ActorKnowledge(Protocol):
    """A source the resolver can ask: who is `name` on day `on` (None when the date is unknown)?"""

    def lookup(self, name: str, on: date | None) -> KnownActor | None: ...
