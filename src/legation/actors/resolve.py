"""Actor resolution: a role's head token → ActorRef list (country, sector, name, title, how it was resolved).

The article is read once first (`prepare`): places, people and organisations named with a nationality cue, and
acronyms bound to their expansion. Later short mentions ("Bourita", "Kyung Wha", "the official", "AMDIE",
"the two countries") are resolved against that context, the nearest earlier mention first.
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from legation.actors.gazetteer import Gazetteer, PlaceMatch, SectorMatch
from legation.model import ActorRef, ParsedArticle, Region

# Dependencies that stay inside an actor's noun phrase ("South Korea's Foreign Affairs Minister Kang Kyung Wha",
# "the minister of foreign affairs of Kazakhstan, Mukhtar Tleuberdi"); clauses and other prepositions do not.
PHRASE_DEPS = frozenset({"compound", "amod", "poss", "case", "det", "nmod", "appos", "nummod", "flat", "punct", "quantmod"})
PHRASE_PREPS = frozenset({"of"})
HEAD_PLACE_KINDS = frozenset({"capital", "city", "seat"})
PERSON_LIKE = frozenset(
    {"he", "she", "him", "her", "official", "minister", "ambassador", "president", "king", "diplomat", "envoy",
     "spokesman", "spokeswoman", "spokesperson", "premier", "chancellor", "leader", "counterpart", "secretary",
     "monarch", "prince", "emir", "sultan", "foreign"}
)
COUNTRY_LIKE = frozenset({"country", "kingdom", "nation", "state", "republic", "government", "it"})
PAIR_NOUNS = frozenset(
    {"country", "nation", "side", "government", "state", "party", "leader", "minister", "president", "head",
     "official", "delegation", "ally", "neighbour", "neighbor", "partner", "foreign minister", "counterpart"}
)
NAME_TOKEN = re.compile(r"^[A-Z][\w'’.-]*$")


@dataclass(frozen=True, slots=True)
class Mention:
    """A resolved mention found while reading the article: where it is and what it resolved to."""

    token: int
    actor: ActorRef


@dataclass(frozen=True)
class ArticleContext:
    """What the article itself says about its actors, built once by `ActorResolver.prepare`."""

    doc: Doc
    excluded: frozenset[int]
    places: tuple[PlaceMatch, ...]
    place_at: Mapping[int, PlaceMatch]
    sectors: tuple[SectorMatch, ...]
    names: Mapping[str, ActorRef]
    full_names: tuple[tuple[str, ActorRef], ...]
    people: tuple[Mention, ...]
    countries: tuple[Mention, ...]
    focus: tuple[str, ...]
    location: str | None = None
    person_positions: tuple[int, ...] = ()
    country_positions: tuple[int, ...] = ()


def excluded_tokens(doc: Doc, regions: Iterable[Region]) -> frozenset[int]:
    """Indices of tokens that fall in a boilerplate region."""
    indices: set[int] = set()
    for region in regions:
        span = doc.char_span(region.start, region.end, alignment_mode="expand")
        if span is not None:
            indices.update(range(span.start, span.end))
    return frozenset(indices)


def noun_phrase(head: Token) -> Span:
    """The smallest span covering `head` and its phrase-internal dependents (no clauses, no conjuncts)."""
    keep = {head.i}
    stack = [head]
    while stack:
        token = stack.pop()
        for child in token.children:
            inside = child.dep_ in PHRASE_DEPS or (child.dep_ == "prep" and child.lower_ in PHRASE_PREPS)
            inside = inside or (child.dep_ == "pobj" and token.dep_ == "prep")
            if inside and child.i not in keep:
                keep.add(child.i)
                stack.append(child)
    start, end = min(keep), max(keep) + 1
    doc = head.doc
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end - 1 > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end]


def name_tokens(span: Span) -> list[str]:
    return [token.text for token in span if NAME_TOKEN.match(token.text) and not token.is_stop]


def name_keys(name: str) -> list[str]:
    """Every contiguous part of a name ("Kang Kyung Wha" → "kyung wha", "wha", ...): later mentions use any of them."""
    parts = name.lower().split()
    return [" ".join(parts[i:j]) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1)]


class ActorResolver:
    """Resolves actor phrases with the gazetteer and the article's own context."""

    def __init__(self, gazetteer: Gazetteer, common_words: frozenset[str] = frozenset()) -> None:
        self.gazetteer = gazetteer
        # Words that are never a name on their own ("minister", "general", "the"): sector terms, stop words.
        self.common_words = common_words

    def prepare(self, parsed: ParsedArticle) -> ArticleContext:
        """Read the article once: places, sector words, and named people and organisations with their country."""
        doc = parsed.doc
        excluded = excluded_tokens(doc, parsed.excluded)
        places = tuple(match for match in self.gazetteer.places(doc) if match.start not in excluded)
        place_at = {index: match for match in places for index in range(match.start, match.end)}
        sectors = tuple(match for match in self.gazetteer.sectors(doc) if match.start not in excluded)
        context = ArticleContext(
            doc=doc, excluded=excluded, places=places, place_at=place_at, sectors=sectors,
            names={}, full_names=(), people=(), countries=(), focus=(),
        )
        names: dict[str, ActorRef] = {}
        ambiguous: set[str] = set()
        full_names: list[tuple[str, ActorRef]] = []
        people: list[Mention] = []
        for entity in doc.ents:
            if entity.label_ not in {"PERSON", "ORG"} or entity.root.i in excluded:
                continue
            if entity.label_ == "PERSON":
                entity = _without_places(entity, place_at)
                if entity is None:
                    continue  # a place the model took for a person ("Rabat –" datelines, cities)
            if not name_tokens(entity):
                continue  # "COVID-19" and other non-names tagged PERSON
            actor = self._resolve_phrase(noun_phrase(entity.root), context, entity=entity)
            if actor.country is None:
                continue
            key_name = " ".join(name_tokens(entity))
            actor = replace(actor, name=actor.name or key_name)
            full_names.append((key_name.lower(), actor))
            # People are named again by any part of their name ("Bourita", "Kyung Wha"); organisations only
            # by their full name or acronym, or "ministry" would point to the first ministry of the article.
            keys = name_keys(key_name) if entity.label_ == "PERSON" else [key_name.lower()]
            for key in keys:
                if key in self.common_words:
                    continue
                if key in names and names[key].country != actor.country:
                    ambiguous.add(key)
                names.setdefault(key, actor)
            acronym = _acronym_after(entity)
            if acronym:
                names.setdefault(acronym.lower(), actor)
            if entity.label_ == "PERSON":
                people.append(Mention(entity.root.i, actor))
        for key in ambiguous:
            names.pop(key, None)
        countries = tuple(
            Mention(match.start, ActorRef(text=match.text, country=match.code, resolved_by="gazetteer"))
            for match in places
            if match.kind not in HEAD_PLACE_KINDS
        )
        counts = Counter(mention.actor.country for mention in countries)
        focus = tuple(code for code, _ in counts.most_common() if code)
        return replace(
            context,
            names=names,
            full_names=tuple(full_names),
            people=tuple(people),
            countries=countries,
            focus=focus,
            location=self.gazetteer.country_of(parsed.article.location) if parsed.article.location else None,
            person_positions=tuple(mention.token for mention in people),
            country_positions=tuple(mention.token for mention in countries),
        )

    def resolve(self, head: Token, context: ArticleContext) -> list[ActorRef]:
        """Actors named by the phrase headed by `head` (two for "the two countries"), or [] when none is found."""
        if head.i in context.excluded:
            return []
        pair = self._pair(head, context)
        if pair:
            return pair
        phrase = noun_phrase(head)
        entity = next((ent for ent in phrase.ents if ent.label_ in {"PERSON", "ORG"}), None)
        actor = self._resolve_phrase(phrase, context, entity=entity)
        if actor.country is None:
            actor = self._from_names(actor, phrase, context)
        if actor.country is None:
            actor = self._from_coreference(actor, head, context)
        if actor.country is None and actor.sector is not None:
            actor = self._from_setting(actor, head, context)
        return [actor] if actor.country else []

    def _resolve_phrase(self, phrase: Span, context: ArticleContext, *, entity: Span | None) -> ActorRef:
        place = self._place_in(phrase, context)
        sector = self._sector_in(phrase, context)
        person = entity if entity is not None and entity.label_ == "PERSON" else None
        country = place.code if place else None
        resolved_by = "gazetteer" if place else None
        sector_code = sector.sector if sector else None
        if place is not None and place.kind in HEAD_PLACE_KINDS and sector_code is None:
            sector_code = "GOV"  # "Rabat welcomed ..." is the Moroccan government speaking
        if place is not None and place.kind == "organization":
            organization = self.gazetteer.organization(place.text)
            if organization is not None and organization.sector and sector_code is None:
                sector_code = organization.sector
        return ActorRef(
            text=phrase.text,
            name=" ".join(name_tokens(person)) if person is not None else None,
            title=sector.text if sector is not None and sector.kind == "title" else None,
            country=country,
            sector=sector_code,
            start=phrase.start_char,
            end=phrase.end_char,
            resolved_by=resolved_by,
            confidence=0.95 if place else 0.5,
        )

    def _place_in(self, phrase: Span, context: ArticleContext) -> PlaceMatch | None:
        for index in range(phrase.start, phrase.end):
            match = context.place_at.get(index)
            if match is None or index in context.excluded:
                continue
            if match.kind in HEAD_PLACE_KINDS and not (match.start <= phrase.root.i < match.end):
                continue  # "talks in Rabat" names a place; only "Rabat said" is the government
            return match
        return None

    def _sector_in(self, phrase: Span, context: ArticleContext) -> SectorMatch | None:
        inside = [match for match in context.sectors if phrase.start <= match.start and match.end <= phrase.end]
        if not inside:
            return None
        titles = [match for match in inside if match.kind == "title"]
        return (titles or inside)[-1] if phrase.root.lemma_.lower() not in {"counterpart"} else (titles or inside)[0]

    def _from_names(self, actor: ActorRef, phrase: Span, context: ArticleContext) -> ActorRef:
        words = name_tokens(phrase)
        for size in range(len(words), 0, -1):
            for start in range(len(words) - size + 1):
                known = context.names.get(" ".join(words[start : start + size]).lower())
                if known is not None:
                    return _inherit(actor, known, "context", 0.85)
        if words:
            candidates = [name for name, _ in context.full_names]
            close = difflib.get_close_matches(" ".join(words).lower(), candidates, n=1, cutoff=0.8)
            if close:
                known = dict(context.full_names)[close[0]]
                return _inherit(actor, known, "context", 0.7)
        return actor

    def _from_coreference(self, actor: ActorRef, head: Token, context: ArticleContext) -> ActorRef:
        lemma = head.lemma_.lower()
        if lemma in PERSON_LIKE or head.lower_ in PERSON_LIKE:
            mention = _nearest_before(context.people, context.person_positions, head.i)
            if mention is not None:
                return _inherit(actor, mention.actor, "coreference", 0.65)
        if lemma in COUNTRY_LIKE and head.pos_ != "PROPN":
            mention = _nearest_before(context.countries, context.country_positions, head.i)
            if mention is not None:
                return _inherit(actor, mention.actor, "coreference", 0.55)
        return actor

    def _from_setting(self, actor: ActorRef, head: Token, context: ArticleContext) -> ActorRef:
        """ "police", "rebels", "the government" with no country: the country where the sentence is set."""
        sentence = head.sent
        doc = context.doc
        # Where the sentence is set: a city, or a place after "in"/"at" ("talks in Rabat"); a demonym elsewhere
        # in the sentence belongs to another phrase.
        settings = [
            match
            for match in context.places
            if sentence.start <= match.start < sentence.end
            and (match.kind in HEAD_PLACE_KINDS or doc[match.end - 1].head.lower_ in {"in", "at"})
        ]
        if settings:
            nearest = min(settings, key=lambda match: abs(match.start - head.i))
            return replace(actor, country=nearest.code, resolved_by="context", confidence=0.5)
        if context.location:
            return replace(actor, country=context.location, resolved_by="context", confidence=0.45)
        if context.focus:
            return replace(actor, country=context.focus[0], resolved_by="context", confidence=0.4)
        return actor

    def _pair(self, head: Token, context: ArticleContext) -> list[ActorRef]:
        """ "the two countries", "both sides" → the two countries the article is about."""
        if head.lemma_.lower() not in PAIR_NOUNS or head.tag_ not in {"NNS", "NNPS"}:
            return []
        markers = {child.lower_ for child in head.children}
        if not markers & {"two", "both"} or len(context.focus) < 2:
            return []
        text = noun_phrase(head).text
        return [
            ActorRef(text=text, country=code, resolved_by="coreference", confidence=0.6)
            for code in context.focus[:2]
        ]


def _inherit(actor: ActorRef, known: ActorRef, how: str, confidence: float) -> ActorRef:
    return replace(
        actor,
        name=actor.name or known.name,
        title=actor.title or known.title,
        country=known.country,
        sector=actor.sector or known.sector,
        resolved_by=how,
        confidence=confidence,
    )


def _nearest_before(mentions: Sequence[Mention], positions: Sequence[int], index: int) -> Mention | None:
    position = bisect_left(positions, index)
    return mentions[position - 1] if position > 0 else None


def _without_places(entity: Span, place_at: Mapping[int, PlaceMatch]) -> Span | None:
    """A PERSON entity with place names trimmed off its edges ("Azerbaijan Kim Tong Op" → "Kim Tong Op")."""
    start, end = entity.start, entity.end
    while start < end and start in place_at:
        start += 1
    while end > start and end - 1 in place_at:
        end -= 1
    if start == end:
        return None
    return entity.doc[start:end] if (start, end) != (entity.start, entity.end) else entity


def _acronym_after(entity: Span) -> str | None:
    """ "Agency for Investment and Export Development (AMDIE)" → "AMDIE"."""
    doc = entity.doc
    if entity.end + 2 < len(doc) and doc[entity.end].text == "(" and doc[entity.end + 2].text == ")":
        candidate = doc[entity.end + 1].text
        if candidate.isupper() and 2 <= len(candidate) <= 10:
            return candidate
    return None
