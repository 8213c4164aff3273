"""Find country, place, organisation and sector-term mentions in spaCy Docs, built once from a `World`.

Doc or Span → list[PlaceMatch] / list[SectorMatch] (longest match wins, no overlaps, sorted by start).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from legation.lexicons.world import Organization, PlaceName, World, fold

# Match keys are "code|kind" (places) and "sector|kind|context" (sectors); not-place phrases use BLOCK_KEY.
BLOCK_KEY = "|block"
# Hyphen-minus, hyphen and en dash, as in "U.S.-led" and "U.N.–backed".
HYPHENS = ("-", "\u2010", "\u2013")


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    """A country, place or organisation named in a Doc: tokens [start, end) of the Doc, and its code."""

    start: int
    end: int
    text: str
    code: str
    kind: str  # "country" | "alias" | "demonym" | "capital" | "city" | "seat" | "organization"


@dataclass(frozen=True, slots=True)
class SectorMatch:
    """A title or role noun in a Doc ("deputy foreign minister" → GOV): tokens [start, end) of the Doc."""

    start: int
    end: int
    text: str
    sector: str
    kind: str  # "title" | "group" | "organization"
    context: str | None


class Gazetteer:
    """Matchers over one World: names case-sensitively (as written and in capitals), sector terms on LOWER."""

    def __init__(self, world: World, nlp: Language) -> None:
        self.world = world
        names = world.place_names()
        self._places = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._sectors = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._strings = nlp.vocab.strings
        _add_patterns(self._places, nlp, _place_patterns(names, world.not_places))
        _add_patterns(self._sectors, nlp, _sector_patterns(world))
        self._exact = {variant: name for name in names for variant in _variants(name.form)}
        self._folded = {fold(name.form): name for name in reversed(names)}
        self._organizations = {fold(form): org for org in world.organizations for form in org.forms()}

    def places(self, doc_or_span: Doc | Span) -> list[PlaceMatch]:
        """Countries, aliases, demonyms, capitals, cities, seats and organisations; longest match wins."""
        doc = doc_or_span.doc if isinstance(doc_or_span, Span) else doc_or_span
        found = [(start, end, self._strings[key]) for key, start, end in self._places(doc_or_span)]
        kept = _longest(found)
        matches = [
            PlaceMatch(start, end, doc[start:end].text, *key.split("|"))
            for start, end, key in kept
            if key != BLOCK_KEY
        ]
        covered = {i for start, end, _ in kept for i in range(start, end)}
        matches.extend(self._hyphenated(doc_or_span, covered))
        return sorted(matches, key=lambda match: match.start)

    def sectors(self, doc_or_span: Doc | Span) -> list[SectorMatch]:
        """Title and role nouns with their PLOVER sector; longest match wins ("deputy foreign minister")."""
        doc = doc_or_span.doc if isinstance(doc_or_span, Span) else doc_or_span
        found = [(start, end, self._strings[key]) for key, start, end in self._sectors(doc_or_span)]
        matches = []
        for start, end, key in _longest(found):
            sector, kind, context = key.split("|")
            if kind == "suffix" and not _ends_a_name(doc, start):
                continue  # "the group said" is no company; "China National Biotec Group" is one
            matches.append(SectorMatch(start, end, doc[start:end].text, sector, kind, context or None))
        return sorted(matches, key=lambda match: match.start)

    def country_of(self, text: str) -> str | None:
        """The ISO3 code of a name, alias, demonym, capital, city or seat ("Morocco's" → MAR), or None.

        Lower-case text only matches a form written in lower case ("turkey" is not Turkey).
        """
        name = self._lookup(text)
        return name.code if name is not None and name.kind != "organization" else None

    def organization(self, text: str) -> Organization | None:
        """The organisation a name, alias or acronym stands for ("U.N." → United Nations), or None."""
        name = self._lookup(text)
        if name is None or name.kind != "organization":
            return None
        return self._organizations.get(fold(name.form))

    def _lookup(self, text: str) -> PlaceName | None:
        for key in _candidates(text):
            name = self._exact.get(key)
            if name is None and key != key.lower():
                name = self._folded.get(fold(key))
            if name is not None:
                return name
        return None

    def _hyphenated(self, doc_or_span: Doc | Span, covered: set[int]) -> Iterator[PlaceMatch]:
        """One-token compounds the tokenizer keeps whole ("U.S.-led"): the first part that is a known form."""
        for token in doc_or_span:
            if token.i in covered or not any(hyphen in token.text for hyphen in HYPHENS):
                continue
            for part in _parts(token.text):
                name = self._exact.get(part)
                if name is not None:
                    yield PlaceMatch(token.i, token.i + 1, part, name.code, name.kind)
                    break


def _ends_a_name(doc: Doc, start: int) -> bool:
    """A company suffix written capitalised right after a capitalised word ("Biotec Group", "Osang Ltd")."""
    word = doc[start].text
    return start > 0 and word[:1].isupper() and doc[start - 1].text[:1].isupper()


def _parts(text: str) -> list[str]:
    for hyphen in HYPHENS[1:]:
        text = text.replace(hyphen, HYPHENS[0])
    return [part for part in text.split(HYPHENS[0]) if part]


def _candidates(text: str) -> list[str]:
    """A looked-up text as given, then without a possessive "'s", then without a leading "the"."""
    text = " ".join(text.replace("\u2019", "'").split())
    forms = [text]
    for suffix in (" 's", "'s", "'"):
        if text.endswith(suffix) and len(text) > len(suffix):
            forms.append(text[: -len(suffix)])
            break
    for form in list(forms):
        head, _, rest = form.partition(" ")
        if head.lower() == "the" and rest:
            forms.append(rest)
    return forms


def _spellings(form: str) -> list[str]:
    """A form as written, with curly apostrophes, and without accents."""
    return list(dict.fromkeys([form, form.replace("'", "\u2019"), _without_accents(form)]))


def _variants(form: str) -> list[str]:
    """The spellings of a form, as written and in capitals (headlines, datelines)."""
    spellings = _spellings(form)
    return list(dict.fromkeys([*spellings, *(spelling.upper() for spelling in spellings)]))


def _without_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize(
        "NFC", "".join(char for char in decomposed if not unicodedata.combining(char))
    )


def _place_patterns(names: Iterable[PlaceName], not_places: Iterable[str]) -> dict[str, list[str]]:
    patterns: dict[str, list[str]] = {}
    for name in names:
        patterns.setdefault(f"{name.code}|{name.kind}", []).extend(_variants(name.form))
    for phrase in not_places:
        patterns.setdefault(BLOCK_KEY, []).extend(_variants(phrase))
    return patterns


def _sector_patterns(world: World) -> dict[str, list[str]]:
    patterns: dict[str, list[str]] = {}
    for term in world.sector_terms:
        key = f"{term.sector}|{term.kind}|{term.context or ''}"
        patterns.setdefault(key, []).extend(_spellings(term.phrase))
    return patterns


def _add_patterns(matcher: PhraseMatcher, nlp: Language, patterns: dict[str, list[str]]) -> None:
    for key, forms in patterns.items():
        matcher.add(key, [nlp.make_doc(form) for form in dict.fromkeys(forms)])


def _longest(found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Non-overlapping matches, longest first, then earliest (spaCy's filter_spans rule)."""
    taken: set[int] = set()
    kept: list[tuple[int, int, str]] = []
    for start, end, key in sorted(found, key=lambda item: (item[0] - item[1], item[0])):
        if not taken.intersection(range(start, end)):
            kept.append((start, end, key))
            taken.update(range(start, end))
    return kept
