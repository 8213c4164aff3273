"""Who held which office on a given day: OfficeTerm rows →
`OfficeHolders.lookup(name, on) -> KnownActor | None`.

In office on the day: the office's sector (GOV) and title. After the term: PLOVER's ELI, "former <title>".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from legation.actors.knowledge import KnownActor
from legation.lexicons.offices import OfficeTerm
from legation.lexicons.world import fold

SOURCE = "officeholders"
IN_OFFICE = 0.95
FORMER = 0.85
UNDATED = 0.6  # no article date: the most recent term is a guess
NOT_YET = 0.5  # the day is before any known term: the country is known, the office is not
SURNAME = (
    0.8  # a bare surname ("President Bush") matched to the one holder of that surname in office that day
)
_SEPARATORS = re.compile(r"[-‐‑–_.]+")


def name_key(name: str) -> str:
    """A comparison key for person names: case, accents, hyphens and dots do not matter ("Kang Kyung-wha")."""
    return fold(_SEPARATORS.sub(" ", name))


class OfficeHolders:
    """The dated office-holder table, indexed by every name and alias of each holder."""

    def __init__(self, terms: Iterable[OfficeTerm]) -> None:
        self.terms = tuple(terms)
        self._by_key: dict[str, list[OfficeTerm]] = {}
        self._by_surname: dict[str, list[OfficeTerm]] = {}
        for term in self.terms:
            for form in {name_key(term.name), *(name_key(alias) for alias in term.aliases)}:
                self._by_key.setdefault(form, []).append(term)
            self._by_surname.setdefault(name_key(term.name).split()[-1], []).append(term)

    def lookup(self, name: str, on: date | None) -> KnownActor | None:
        """The person named `name` as of day `on` (None: the article's date is unknown), or None if not
        listed."""
        terms = self._by_key.get(name_key(name), [])
        if not terms:
            return self._by_surname_on(name, on)
        if len({term.name for term in terms}) > 1:
            terms = self._disambiguate(terms, on)
        if not terms:
            return None
        if on is None:
            latest = max(terms, key=lambda term: term.start)
            return _known(latest, sector=latest.sector, title=latest.title, confidence=UNDATED)
        current = [term for term in terms if term.covers(on)]
        if current:
            term = max(current, key=lambda term: term.start)
            return _known(term, sector=term.sector, title=term.title, confidence=IN_OFFICE)
        ended = [term for term in terms if term.end is not None and term.end < on]
        if ended:
            term = max(ended, key=lambda term: term.end or term.start)
            return _known(term, sector="ELI", title=f"former {term.title}", confidence=FORMER)
        first = min(terms, key=lambda term: term.start)
        return _known(first, sector=None, title=None, confidence=NOT_YET)

    def _by_surname_on(self, name: str, on: date | None) -> KnownActor | None:
        """A one-word name ("Bush", "Putin") is the holder of that surname in office on the day, if exactly
        one is; never without a date, and never a former holder (too many people share a surname)."""
        key = name_key(name)
        if on is None or " " in key:
            return None
        current = [term for term in self._by_surname.get(key, []) if term.covers(on)]
        if len({term.name for term in current}) != 1:
            return None
        term = max(current, key=lambda term: term.start)
        return _known(term, sector=term.sector, title=term.title, confidence=SURNAME)

    def holder_of(self, country: str, role_or_title: str, on: date) -> KnownActor | None:
        """Who held an office of `country` on day `on`: a role ("foreign_minister") or a title
        ("President")."""
        wanted = fold(role_or_title)
        for term in self.terms:
            if term.country == country and wanted in {term.role, fold(term.title)} and term.covers(on):
                return _known(term, sector=term.sector, title=term.title, confidence=IN_OFFICE)
        return None

    @staticmethod
    def _disambiguate(terms: list[OfficeTerm], on: date | None) -> list[OfficeTerm]:
        """Several people share this name form: keep the one in office on the day, or nobody."""
        if on is None:
            return []
        people = {term.name for term in terms if term.covers(on)}
        return [term for term in terms if term.name in people] if len(people) == 1 else []


def _known(term: OfficeTerm, *, sector: str | None, title: str | None, confidence: float) -> KnownActor:
    return KnownActor(
        name=term.name, country=term.country, sector=sector, title=title, source=SOURCE, confidence=confidence
    )
