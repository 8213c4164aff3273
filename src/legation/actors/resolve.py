"""Actor resolution: a role's head token → ActorRef list (country, sector, name, title, how it was resolved).

The article is read once first (`prepare`): places, people and organisations named with a nationality cue, and
acronyms bound to their expansion. Later short mentions ("Bourita", "Kyung Wha", "the official", "AMDIE",
"the two countries") are resolved against that context, the nearest earlier mention first.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from legation.actors.gazetteer import Gazetteer, PlaceMatch, SectorMatch
from legation.actors.knowledge import ActorKnowledge
from legation.actors.mentions import (
    Mention,
    Name,
    inherit,
    learned_how,
    mention_heads,
    names_a_people,
    nearest_before,
    pair_actors,
    phrase_head,
)
from legation.actors.phrases import (
    Coordination,
    abbreviates,
    acronym_after,
    coordinated,
    coordination,
    described,
    envoy_before,
    excluded_tokens,
    headed_body,
    heads_a_body,
    in_name,
    is_ethnic,
    is_location,
    is_stance,
    name_keys,
    name_tokens,
    noun_phrase,
    person_tail,
    sender_of,
    title_after,
    title_before,
    with_entity,
    without_places,
)
from legation.lexicons.world import fold
from legation.model import ActorRef, ParsedArticle

HEAD_PLACE_KINDS = frozenset({"capital", "city", "seat"})
PERSON_LIKE = frozenset(
    {
        "he",
        "she",
        "him",
        "her",
        "official",
        "minister",
        "ambassador",
        "president",
        "king",
        "diplomat",
        "envoy",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "premier",
        "chancellor",
        "leader",
        "counterpart",
        "secretary",
        "monarch",
        "prince",
        "emir",
        "sultan",
        "foreign",
    }
)
COUNTRY_LIKE = frozenset({"country", "kingdom", "nation", "state", "republic", "government", "it"})
NAME_LABELS = frozenset({"PERSON", "ORG"})
OWNER_WORDS = frozenset({"its", "their"})
# Where a named organisation acts or is acted on (subject, object, in a list or apposition with one).
ACTING_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "conj", "appos", "ROOT"})


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
    published: date | None = None
    coordination: Coordination = Coordination({}, {})
    # One mention per nationality sharing a noun ("U.S. and Russian negotiators"), found once per article.
    shared: tuple[ActorRef, ...] = ()
    person_positions: tuple[int, ...] = ()
    country_positions: tuple[int, ...] = ()
    # Countries and organisations in text order: what "its" and "their" point back to.
    owners: tuple[Mention, ...] = ()
    owner_positions: tuple[int, ...] = ()
    named: tuple[Name, ...] = ()


class ActorResolver:
    """Resolves actor phrases with the gazetteer and the article's own context."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        common_words: frozenset[str] = frozenset(),
        *,
        knowledge: Sequence[ActorKnowledge] = (),
    ) -> None:
        self.gazetteer = gazetteer
        self.regions = {
            country.iso3: (country.region, country.subregion) for country in gazetteer.world.countries
        }
        # Words that are never a name on their own ("minister", "general", "the"): sector terms, stop words.
        self.common_words = common_words
        # Asked in order when the article gives a named person or organisation no country (issue 3).
        self.knowledge = tuple(knowledge)
        # Diseases and other phrases that name no actor even when the model tags them PERSON or ORG.
        self._not_actors = frozenset(fold(phrase) for phrase in gazetteer.world.not_places)

    def prepare(self, parsed: ParsedArticle) -> ArticleContext:
        """Read the article once: places, sector words, and named people and organisations with their
        country."""
        doc = parsed.doc
        excluded = excluded_tokens(doc, parsed.excluded)
        places = tuple(match for match in self.gazetteer.places(doc) if match.start not in excluded)
        place_at = {index: match for match in places for index in range(match.start, match.end)}
        entity_at = {index: entity for entity in doc.ents for index in range(entity.start, entity.end)}
        sectors = tuple(
            match
            for match in self.gazetteer.sectors(doc)
            if match.start not in excluded and not in_name(match, entity_at.get(match.start))
        )
        shared_noun = coordination(places, sectors, doc)
        context = ArticleContext(
            doc=doc,
            excluded=excluded,
            places=places,
            place_at=place_at,
            sectors=sectors,
            coordination=shared_noun,
            shared=tuple(coordinated(places, shared_noun, excluded, doc)),
            names={},
            full_names=(),
            people=(),
            countries=(),
            focus=(),
            published=parsed.article.published,
        )
        countries = tuple(
            Mention(match.start, ActorRef(text=match.text, country=match.code, resolved_by="gazetteer"))
            for match in places
            if match.kind not in HEAD_PLACE_KINDS and not is_stance(match, doc) and not is_ethnic(match, doc)
        )
        counts = Counter(mention.actor.country for mention in countries)
        context = replace(
            context,
            countries=countries,
            country_positions=tuple(mention.token for mention in countries),
            owners=countries,
            owner_positions=tuple(mention.token for mention in countries),
            focus=tuple(code for code, _ in counts.most_common() if code),
            location=self.gazetteer.country_of(parsed.article.location) if parsed.article.location else None,
            named=tuple(self._names(doc, excluded, place_at)),
        )
        return self._learn_names(context)

    def _names(
        self, doc: Doc, excluded: frozenset[int], place_at: Mapping[int, PlaceMatch]
    ) -> Iterator[Name]:
        """People and organisations named in the article: no place taken for a person ("Rabat –"), no disease
        ("COVID-19"), and the person's name an organisation entity ends with, as a person."""
        for entity in doc.ents:
            if entity.label_ not in NAME_LABELS or entity.root.i in excluded or self._not_actor(entity):
                continue
            label = entity.label_  # a trimmed span has no label
            span = without_places(entity, place_at) if label == "PERSON" else entity
            if span is None:
                continue  # a place the model took for a person ("Rabat –" datelines, cities)
            tail = person_tail(span, self.common_words) if label == "ORG" else None
            if tail is not None:
                yield Name(tail, "PERSON")
            elif name_tokens(span):
                yield Name(span, label)

    def _not_actor(self, entity: Span) -> bool:
        """A disease or other phrase of not_places.csv, which names no actor even when tagged as one."""
        text = entity.text[4:] if entity.text.lower().startswith("the ") else entity.text
        return fold(text) in self._not_actors

    def _learn_names(self, context: ArticleContext) -> ArticleContext:
        """Register every name the article resolves from its own words (or a knowledge source) for later
        mentions; then a titled person with no country cue: an earlier spelling of the name ("Kim Dong Op" is
        the "Kim Tong Op" of the embassy), else the dateline or focus country ("Deputy Chairman ... Nigar
        Bayramova")."""
        learned: list[tuple[Name, ActorRef]] = []
        pending: list[tuple[Name, ActorRef]] = []
        for name in context.named:
            actor = self._resolve_name(name, context, fallback=False)
            (learned if actor.country else pending).append((name, actor))
            if actor.country and name.label == "ORG":
                owners = sorted(
                    [*context.owners, Mention(name.span.root.i, actor)], key=lambda mention: mention.token
                )
                context = replace(
                    context, owners=tuple(owners), owner_positions=tuple(m.token for m in owners)
                )
        context = self._registered(context, learned)
        for name, actor in pending:
            if actor.title and name.label == "PERSON":
                actor = self._from_names(actor, name.span, context)
                guessed = actor.country is None
                actor = self._from_setting(actor, name.span.root, context) if guessed else actor
                learned.append((name, actor))
        return self._registered(context, learned)

    def _registered(
        self, context: ArticleContext, learned: Sequence[tuple[Name, ActorRef]]
    ) -> ArticleContext:
        names: dict[str, ActorRef] = {}
        ambiguous: set[str] = set()
        full_names: list[tuple[str, ActorRef]] = []
        people: list[Mention] = []
        for name, actor in learned:
            key_name = " ".join(name_tokens(name.span))
            full_names.append((key_name.lower(), actor))
            # People are named again by any part of their name ("Bourita", "Kyung Wha"); organisations only
            # by their full name or acronym, or "ministry" would point to the first ministry of the article.
            keys = name_keys(key_name) if name.label == "PERSON" else [key_name.lower()]
            for key in keys:
                if key in self.common_words:
                    continue
                if key in names and names[key].country != actor.country:
                    ambiguous.add(key)
                names.setdefault(key, actor)
            acronym = acronym_after(name.span)
            if acronym:
                names.setdefault(acronym.lower(), actor)
            if name.label == "PERSON" and (actor.title or actor.sector is None):
                people.append(Mention(name.span.root.i, actor))
        for key in ambiguous:
            names.pop(key, None)
        people.sort(key=lambda mention: mention.token)
        return replace(
            context,
            names=names,
            full_names=tuple(full_names),
            people=tuple(people),
            person_positions=tuple(mention.token for mention in people),
        )

    def resolve(self, head: Token, context: ArticleContext) -> list[ActorRef]:
        """Actors named by the phrase headed by `head` (two for "the two countries"), or [] when none is
        found."""
        return [actor for actor in self._candidates(head, context) if actor.country]

    def mentions(self, parsed: ParsedArticle, context: ArticleContext | None = None) -> list[ActorRef]:
        """Every actor mention of the article (entities and noun phrases naming a country, organisation,
        office or sector word), resolved, in text order; a named person or organisation is listed even when
        no country is found for it (country None)."""
        context = context if context is not None else self.prepare(parsed)
        found: dict[tuple[int | None, int | None, str | None], ActorRef] = {}
        for head in mention_heads(context):
            for actor in self._candidates(head, context):
                if actor.country or actor.name:
                    found.setdefault((actor.start, actor.end, actor.country), actor)
        for actor in context.shared:
            found.setdefault((actor.start, actor.end, actor.country), actor)
        for name in context.named:
            # A name no phrase covered ("... manufacturer and distributor Osang Healthcare", parsed as an
            # apposition of the government before it): its own mention, with the description before it.
            start, end = name.span.start_char, name.span.end_char
            if not any(a.country and (a.start or 0) <= start and end <= (a.end or 0) for a in found.values()):
                actor = self._resolve_name(name, context, fallback=True)
                if actor.country or actor.name:
                    found.setdefault((actor.start, actor.end, actor.country), actor)
        # A mention inside a longer one of the same country is that one ("Moroccan FM" in "Moroccan FM Nasser
        # Bourita", "South" in "his South Korean counterpart ...").
        spans = [(actor.start or 0, actor.end or 0, actor.country) for actor in found.values()]
        kept = [
            actor
            for actor in found.values()
            if not any(
                start <= (actor.start or 0)
                and (actor.end or 0) <= end
                and country == actor.country
                and (start, end) != (actor.start or 0, actor.end or 0)
                for start, end, country in spans
            )
        ]
        return sorted(kept, key=lambda actor: (actor.start or 0, actor.end or 0))

    def _candidates(self, head: Token, context: ArticleContext) -> list[ActorRef]:
        if head.i in context.excluded:
            return []
        pair = pair_actors(head, context.focus)
        if pair:
            return pair
        phrase = noun_phrase(head)
        shared = [  # "U.S. and Russian negotiators": both sides, each with the noun's sector
            actor
            for actor in context.shared
            if actor.start is not None
            and head.left_edge.idx <= actor.start
            and actor.end == head.idx + len(head.text)
        ]
        if len(shared) > 1:
            return shared
        around = [ent for ent in head.doc.ents if ent.start <= head.i < ent.end]
        entity = next(
            (
                ent
                for ent in [*around, *phrase.ents]
                if ent.label_ in NAME_LABELS and not self._not_actor(ent)
            ),
            None,
        )
        if entity is not None and entity.label_ == "ORG" and entity.start <= head.i < entity.end:
            phrase = with_entity(phrase, entity)
        person = entity if entity is not None and entity.label_ == "PERSON" else None
        actor = self._resolve_phrase(phrase, context, person=person)
        name = actor.name or (" ".join(name_tokens(entity)) if entity is not None else "")
        organization = entity is not None and entity.label_ == "ORG"
        return [self._complete(actor, head, phrase, context, name=name, organization=organization)]

    def _resolve_name(self, name: Name, context: ArticleContext, *, fallback: bool) -> ActorRef:
        """A name in the phrase around it, or with the description before it when the parse cut it off."""
        head = phrase_head(name.span.root)
        phrase = with_entity(noun_phrase(head), name.span) if name.label == "ORG" else noun_phrase(head)
        description = described(name.span)
        if not (phrase.start <= name.span.start and name.span.end <= phrase.end):
            head, phrase = name.span.root, description
        elif description.start < phrase.start:
            phrase = context.doc[description.start : phrase.end]  # "Deputy Chairman of ... Nigar Bayramova"
        actor = self._resolve_phrase(phrase, context, person=name.span if name.label == "PERSON" else None)
        key_name = " ".join(name_tokens(name.span))
        if not fallback:
            actor = self._from_owner(actor, phrase, context) if actor.country is None else actor
            actor = self._from_knowledge(actor, key_name, context) if actor.country is None else actor
            return replace(actor, name=actor.name or key_name)
        return self._complete(actor, head, phrase, context, name=key_name, organization=name.label == "ORG")

    def _complete(
        self,
        actor: ActorRef,
        head: Token,
        phrase: Span,
        context: ArticleContext,
        *,
        name: str,
        organization: bool,
    ) -> ActorRef:
        """Fill in a country the phrase does not give: "its" owner, earlier names, knowledge, coreference,
        setting."""
        if actor.country is None and (actor.sector or actor.name):
            actor = self._from_owner(actor, phrase, context)
        if actor.country is None:
            actor = self._from_names(actor, phrase, context)
        if actor.country is None and name:
            actor = self._from_knowledge(actor, name, context)
        if actor.country is None and not actor.name:
            actor = self._from_coreference(actor, head, context)  # a named person is nobody named before
        if actor.country is None and actor.sector is not None:
            actor = self._from_setting(actor, head, context)
        if actor.country is None and organization:
            actor = self._from_sentence(actor, head, context)
        if actor.country is None and name:
            actor = replace(actor, name=actor.name or name, confidence=0.0)
        return actor

    def _from_knowledge(self, actor: ActorRef, name: str, context: ArticleContext) -> ActorRef:
        """A named actor the article gives no country: the first knowledge source that knows it on the day."""
        if not name:
            return actor
        for source in self.knowledge:
            known = source.lookup(name, context.published)
            if known is not None and known.country:
                return replace(
                    actor,
                    name=known.name,
                    title=actor.title or known.title,
                    country=known.country,
                    sector=actor.sector or known.sector,
                    resolved_by="officeholders" if known.source == "officeholders" else "registry",
                    confidence=known.confidence,
                )
        return actor

    def _resolve_phrase(self, phrase: Span, context: ArticleContext, *, person: Span | None) -> ActorRef:
        place, envoy = self._place_in(phrase, context)
        sector = envoy or self._title_of(phrase, context, person)
        if sector is None and place is not None:
            sector = context.coordination.shared.get(place.start)
        sector_code = sector.sector if sector else None
        if place is not None and place.kind in HEAD_PLACE_KINDS and sector_code is None:
            # "Rabat welcomed ..." is the Moroccan government speaking; "a curfew in Algiers" falls on its
            # people.
            sector_code = "CVL" if is_location(phrase.root) else "GOV"
        if place is not None and place.kind == "organization":
            organization = self.gazetteer.organization(place.text)
            if organization is not None and organization.sector and sector_code is None:
                sector_code = organization.sector
        if sector_code is None and names_a_people(phrase.root, context.place_at):
            sector_code = (
                "CVL"  # "Palestinians", "Iraqi Kurds", "a Palestinian": the population, PLOVER's CVL
            )
        name = name_tokens(token for token in person if token.i not in context.place_at) if person else []
        return ActorRef(
            text=phrase.text,
            name=" ".join(name) or None,
            title=sector.text if sector is not None and sector.kind == "title" else None,
            country=place.code if place else None,
            sector=sector_code,
            start=phrase.start_char,
            end=phrase.end_char,
            resolved_by="gazetteer" if place else None,
            confidence=0.95 if place else 0.5,
        )

    def _title_of(self, phrase: Span, context: ArticleContext, person: Span | None) -> SectorMatch | None:
        """The phrase's own sector word; a title in apposition after a person's name; for "her counterpart",
        the title of the other side (same title, other country: seed 000)."""
        sector = self._sector_in(phrase, context)
        if person is not None and (sector is None or sector.kind != "title"):
            sector = title_after(person, context.sectors) or sector
        if (sector is None or sector.kind != "title") and any(
            token.lemma_ == "counterpart" for token in phrase
        ):
            model = title_before(phrase, context.sectors)
            if model is not None:
                return model
            mention = nearest_before(context.people, context.person_positions, phrase.start)
            if mention is not None and mention.actor.title:
                return SectorMatch(
                    phrase.start,
                    phrase.start,
                    mention.actor.title,
                    mention.actor.sector or "GOV",
                    "title",
                    None,
                )
        return headed_body(sector, phrase, context.sectors) if sector is not None else None

    def _place_in(
        self, phrase: Span, context: ArticleContext
    ) -> tuple[PlaceMatch | None, SectorMatch | None]:
        """The place naming the actor's country, and the envoy title when the phrase held only the host
        state."""
        doc = context.doc
        candidates: list[PlaceMatch] = []
        for match in dict.fromkeys(
            context.place_at[i] for i in range(phrase.start, phrase.end) if i in context.place_at
        ):
            if match.start in context.excluded or is_stance(match, doc) or is_ethnic(match, doc):
                continue
            if match.kind in HEAD_PLACE_KINDS and not (match.start <= phrase.root.i < match.end):
                continue  # "talks in Rabat" names a place; only "Rabat said" is the government
            envoy = envoy_before(match, doc, context.sectors) if phrase.end > match.end else None
            if envoy is not None:
                # "Ambassador of South Korea to Azerbaijan Kim Tong Op": the envoy belongs to the sending
                # state.
                return sender_of(envoy, match.start - 1, context.places), envoy
            candidates.append(match)
        at_root = [match for match in candidates if match.start <= phrase.root.i < match.end]
        if at_root and at_root[0].kind in {"country", "alias"}:
            return at_root[0], None  # "NATO-member Norway" is Norway
        if not candidates:
            modifier = context.coordination.modifier
            shared = [
                modifier[m.start]
                for m in context.sectors
                if phrase.start <= m.start < phrase.end and m.start in modifier
            ]
            return (shared[0] if shared else None), None
        return candidates[0], None

    def _sector_in(self, phrase: Span, context: ArticleContext) -> SectorMatch | None:
        inside = [
            match for match in context.sectors if phrase.start <= match.start and match.end <= phrase.end
        ]
        if not inside:
            return None
        at_root = [match for match in inside if match.start <= phrase.root.i < match.end]
        if at_root:
            return at_root[0]  # the head noun decides: "workers of the Bus Company" are LAB, not BUS
        titles = [match for match in inside if match.kind == "title"]
        return (
            (titles or inside)[-1]
            if phrase.root.lemma_.lower() not in {"counterpart"}
            else (titles or inside)[0]
        )

    def _from_names(self, actor: ActorRef, phrase: Span, context: ArticleContext) -> ActorRef:
        words = " ".join(name_tokens(phrase)).replace("-", " ").split()  # keys are hyphen-free (name_keys)
        for size in range(len(words), 0, -1):
            for start in range(len(words) - size + 1):
                known = context.names.get(" ".join(words[start : start + size]).lower())
                if known is not None:
                    return inherit(actor, known, learned_how(known), 0.85)
        if words:
            candidates = [name for name, _ in context.full_names]
            close = difflib.get_close_matches(" ".join(words).lower(), candidates, n=1, cutoff=0.8)
            if close:
                known = dict(context.full_names)[close[0]]
                return inherit(actor, known, "context", 0.7)
        acronyms = [word for word in words if word.isupper() and len(word) >= 3]
        known = next(
            (known for full, known in context.full_names for word in acronyms if abbreviates(word, full)),
            None,
        )
        return inherit(actor, known, "context", 0.7) if known is not None else actor

    def _from_coreference(self, actor: ActorRef, head: Token, context: ArticleContext) -> ActorRef:
        lemma = head.lemma_.lower()
        if (lemma in PERSON_LIKE or head.lower_ in PERSON_LIKE) and head.tag_ not in {"NNS", "NNPS"}:
            mention = nearest_before(context.people, context.person_positions, head.i)
            if mention is not None:
                return inherit(actor, mention.actor, "coreference", 0.65)
        if lemma in COUNTRY_LIKE and head.pos_ != "PROPN":
            mention = nearest_before(context.countries, context.country_positions, head.i)
            area = described_area(head)
            if area is not None:  # "the north African country": the nearest country in North Africa
                regions = self.regions
                fitting = [
                    item
                    for item in context.countries
                    if item.token < head.i and in_area(regions.get(item.actor.country or ""), area)
                ]
                mention = fitting[-1] if fitting else None
            if mention is not None:
                return inherit(actor, mention.actor, "coreference", 0.55)
        return actor

    def _from_owner(self, actor: ActorRef, phrase: Span, context: ArticleContext) -> ActorRef:
        """ "its president", "their envoy": the nearest country or organisation before, in this sentence or
        the one before; the head of a body takes the body's sector ("its president" of an importers'
        association: BUS)."""
        owner = next(
            (child for child in phrase.root.children if child.dep_ == "poss" and child.lower_ in OWNER_WORDS),
            None,
        )
        if owner is None:
            return actor
        mention = nearest_before(context.owners, context.owner_positions, owner.i)
        sentence = owner.sent
        earliest = context.doc[sentence.start - 1].sent.start if sentence.start > 0 else 0
        if mention is None or mention.token < earliest:
            return actor
        sector = actor.sector
        if mention.actor.sector and (sector is None or heads_a_body(actor.title)):
            sector = mention.actor.sector
        return replace(
            actor, country=mention.actor.country, sector=sector, resolved_by="coreference", confidence=0.6
        )

    def _from_setting(self, actor: ActorRef, head: Token, context: ArticleContext) -> ActorRef:
        """ "police", "rebels", "the government" with no country: the country where the sentence is set, then
        the dateline's, then the article's focus. A named office holder with no country cue ("Minister of
        Health Khalid Ait") takes the dateline's country first."""
        sentence = head.sent
        doc = context.doc
        # Where the sentence is set: a city, or a place after "in"/"at" ("talks in Rabat"); a demonym
        # elsewhere in the sentence belongs to another phrase.
        settings = [
            match
            for match in context.places
            if sentence.start <= match.start < sentence.end
            and (match.kind in HEAD_PLACE_KINDS or doc[match.end - 1].head.lower_ in {"in", "at"})
        ]
        nearest = min(settings, key=lambda match: abs(match.start - head.i)).code if settings else None
        choices = [
            (nearest, 0.5),
            (context.location, 0.45),
            (context.focus[0] if context.focus else None, 0.4),
        ]
        if actor.name and actor.title:
            choices[:2] = choices[1::-1]  # the dateline first: a domestic office holder reports from home
        for code, confidence in choices:
            if code:
                return replace(actor, country=code, resolved_by="context", confidence=confidence)
        return actor

    def _from_sentence(self, actor: ActorRef, head: Token, context: ArticleContext) -> ActorRef:
        """A named organisation with no country cue of its own: the country its sentence names nearest ("The
        Homeland Union (Conservatives) ... the Lithuanian Parliament")."""
        if head.dep_ not in ACTING_DEPS:
            return actor  # "according to Konas.net", "in charge of Foreign Trade": no actor of the sentence
        sentence = head.sent
        inside = [mention for mention in context.countries if sentence.start <= mention.token < sentence.end]
        if not inside:
            return actor
        nearest = min(inside, key=lambda mention: abs(mention.token - head.i))
        return replace(actor, country=nearest.actor.country, resolved_by="context", confidence=0.35)


AREA_DEPS = frozenset({"amod", "compound", "npadvmod", "advmod"})
REGION_WORDS = {"african": "Africa", "asian": "Asia", "european": "Europe", "american": "Americas",
                "caribbean": "Americas", "pacific": "Oceania", "oceanian": "Oceania"}  # fmt: skip
DIRECTION_WORDS = {"north": "Northern", "northern": "Northern", "south": "Southern", "southern": "Southern",
                   "west": "Western", "western": "Western", "east": "Eastern", "eastern": "Eastern",
                   "central": "Central", "southeast": "South-eastern",
                   "south-east": "South-eastern"}  # fmt: skip


def described_area(head: Token) -> tuple[str, str | None] | None:
    """(region, direction) of "the north African country", "the Asian nation"; None without a region word."""
    modifiers = [child for child in head.children if child.dep_ in AREA_DEPS]
    words = [token.lower_ for token in modifiers]
    words += [grand.lower_ for child in modifiers for grand in child.children if grand.dep_ in AREA_DEPS]
    region = next((REGION_WORDS[word] for word in words if word in REGION_WORDS), None)
    if region is None:
        return None
    return region, next((DIRECTION_WORDS[word] for word in words if word in DIRECTION_WORDS), None)


def in_area(place: tuple[str, str] | None, area: tuple[str, str | None]) -> bool:
    """Whether a country's (region, subregion) fits an area: "north African" is UN M49's Northern Africa."""
    if place is None:
        return False
    region, direction = area
    if place[0] != region:
        return False
    if direction is None:
        return True
    subregion = place[1]
    return subregion.startswith(direction) or (direction == "Central" and subregion.startswith("Middle"))
