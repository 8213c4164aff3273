"""Where actors are named: the head token of every phrase that names a country, organisation, office or group.

ArticleContext → head tokens (`mention_heads`), one text → its mentions (`text_mentions`); the records of
what a mention resolved to (`Mention`, `Name`), and how a later mention inherits from an earlier one.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from legation.actors.gazetteer import PlaceMatch
from legation.model import ActorRef, Article

if TYPE_CHECKING:
    from legation.actors.resolve import ArticleContext
    from legation.pipeline import Pipeline

# Dependencies and prepositions that keep a word inside the noun phrase of its head (see resolve.PHRASE_DEPS).
INSIDE_DEPS = frozenset(
    {"compound", "amod", "poss", "nmod", "flat", "nummod", "appos", "quantmod", "npadvmod"}
)
INSIDE_PREPS = frozenset({"of"})
# "U.S.-led forces", "Iranian-backed militia": the participle belongs to the noun phrase it modifies.
LINK_PARTICIPLES = frozenset({"led", "backed", "based", "sponsored", "funded", "controlled", "run", "owned"})
NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
ENTITY_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
PAIR_NOUNS = frozenset(
    {
        "country",
        "nation",
        "side",
        "government",
        "state",
        "party",
        "leader",
        "minister",
        "president",
        "head",
        "official",
        "delegation",
        "ally",
        "neighbour",
        "neighbor",
        "partner",
        "foreign minister",
        "counterpart",
    }
)
QUANTITY_WORDS = frozenset({"thousands", "hundreds", "dozens", "millions", "tens", "scores", "some", "many"})


@dataclass(frozen=True, slots=True)
class Mention:
    """A resolved mention found while reading the article: where it is and what it resolved to."""

    token: int
    actor: ActorRef


@dataclass(frozen=True, slots=True)
class Name:
    """A person's or organisation's name in the article (an entity, or the person's name an ORG entity
    ends with)."""

    span: Span
    label: str  # "PERSON" | "ORG"


def mention_heads(context: ArticleContext) -> list[Token]:
    """The head token of each phrase that names an actor: entities, places, organisations and sector words."""
    doc = context.doc
    starts = [match.start for match in context.places] + [match.end - 1 for match in context.sectors]
    starts += [entity.root.i for entity in doc.ents if entity.label_ in ENTITY_LABELS]
    # A name learned earlier in the article, whatever the model tagged it ("Bayramova" as LOC, seed 002).
    starts += [token.i for token in doc if token.pos_ == "PROPN" and token.lower_ in context.names]
    organization_at = {
        index: entity
        for entity in doc.ents
        if entity.label_ == "ORG"
        for index in range(entity.start, entity.end)
    }
    heads: dict[int, Token] = {}
    for index in starts:
        if index in context.excluded:
            continue
        head = phrase_head(doc[index])
        if head.i in organization_at:
            # One head per organisation: "(AMDIE)" hangs off "Development", inside the agency's name
            # (seed 004).
            head = phrase_head(organization_at[head.i].root)
        heads.setdefault(head.i, head)
    return [heads[index] for index in sorted(heads)]


def phrase_head(token: Token) -> Token:
    """Climb from a word to the head of the noun phrase it sits in ("South Korea's" → "Wha")."""
    while token.head is not token:
        parent = token.head
        if not _inside(token, parent):
            return token
        token = parent
    return token


def _inside(token: Token, parent: Token) -> bool:
    if token.dep_ == "pobj":
        return parent.lower_ in INSIDE_PREPS and parent.dep_ == "prep" and parent.head.pos_ in NOMINAL
    if token.dep_ == "prep":
        return token.lower_ in INSIDE_PREPS and parent.pos_ in NOMINAL
    if parent.lower_ in LINK_PARTICIPLES and parent.dep_ == "amod":
        return True  # "Vietnamese" under "-led", itself under "forces"
    if token.dep_ == "amod" and token.lower_ in LINK_PARTICIPLES:
        return parent.pos_ in NOMINAL
    return token.dep_ in INSIDE_DEPS and parent.pos_ in NOMINAL


def text_mentions(pipeline: Pipeline, text: str, *, published: date | None = None) -> list[ActorRef]:
    """Every actor mention of one text, resolved by the pipeline's resolver (`legation actors resolve`)."""
    article = Article(
        article_id="text", text=text, published=published, published_basis="metadata" if published else None
    )
    parsed = next(iter(pipeline.parser([article])))
    return pipeline.coder.resolver.mentions(parsed)


def names_a_people(root: Token, place_at: Mapping[int, PlaceMatch]) -> bool:
    """A nationality or ethnic group used as a noun: "Palestinians", "Kurds", "a Palestinian"."""
    if root.lower_ in QUANTITY_WORDS:
        # "Thousands of Nigerians": the people are the object of "of"
        objects = [grand for child in root.children if child.lower_ == "of" for grand in child.children]
        return any(names_a_people(obj, place_at) for obj in objects if obj.dep_ == "pobj")
    if root.pos_ not in {"NOUN", "PROPN"}:
        return False
    match = place_at.get(root.i)
    if match is not None:
        return match.kind == "demonym"
    return root.ent_type_ == "NORP" and root.tag_ in {"NNS", "NNPS"}


def learned_how(known: ActorRef) -> str:
    """A later mention of an actor a knowledge source named keeps that source; otherwise it is context."""
    return known.resolved_by if known.resolved_by in {"registry", "officeholders"} else "context"


def inherit(actor: ActorRef, known: ActorRef, how: str, confidence: float) -> ActorRef:
    return replace(
        actor,
        name=known.name or actor.name,  # the canonical name: "Bourita" is Nasser Bourita
        title=actor.title or known.title,
        country=known.country,
        sector=actor.sector or known.sector,
        resolved_by=how,
        confidence=min(confidence, known.confidence),  # a name learned from a guess stays a guess
    )


def nearest_before(mentions: Sequence[Mention], positions: Sequence[int], index: int) -> Mention | None:
    position = bisect_left(positions, index)
    return mentions[position - 1] if position > 0 else None


def pair_actors(head: Token, focus: Sequence[str]) -> list[ActorRef]:
    """ "the two countries", "both sides" → the two countries the article is about (its focus)."""
    from legation.actors.phrases import noun_phrase  # phrases imports this module

    if head.lemma_.lower() not in PAIR_NOUNS or head.tag_ not in {"NNS", "NNPS"}:
        return []
    markers = {child.lower_ for child in head.children}
    if not markers & {"two", "both"} or len(focus) < 2:
        return []
    text = noun_phrase(head).text
    return [
        ActorRef(text=text, country=code, resolved_by="coreference", confidence=0.6) for code in focus[:2]
    ]
