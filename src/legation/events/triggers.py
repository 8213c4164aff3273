"""Find trigger-lexicon entries in a sentence: Span → list[TriggerMatch] (finds only; `assemble` decides).

Reads only token attributes (lemma_, pos_, dep_, children, lower_), so tests can build Docs by hand.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from legation.lexicons.triggers import TriggerEntry

VERB_POS = frozenset({"VERB"})
NOUN_POS = frozenset({"NOUN", "PROPN"})
# advmod: the small model often tags particles as adverbs ("stepped down", "pulled back").
PARTICLE_DEPS = frozenset({"prep", "prt", "advmod"})
OBJECT_DEPS = frozenset({"dobj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass"})
MODIFIER_DEPS = frozenset({"compound", "amod"})


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    """One entry matched at one token.

    `token` is the Doc index of the head word (the verb, or the event noun); `tokens` all trigger words
    (verb, particle, object noun, modifier); `specificity` the number of satisfied constraints.
    """

    entry: TriggerEntry
    token: int
    tokens: tuple[int, ...]
    specificity: int


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _objects(token: Token) -> Iterator[Token]:
    """A verb's object candidates: direct object, passive subject, the noun it modifies, their conjuncts, and
    a bare infinitive complement ("declined to comment")."""
    heads = [child for child in token.children if child.dep_ in OBJECT_DEPS | PASSIVE_SUBJECT_DEPS]
    heads.extend(
        child
        for child in token.children
        if child.dep_ == "xcomp" and not any(grand.dep_ in OBJECT_DEPS for grand in child.children)
    )
    if token.dep_ == "acl" and token.head.pos_ in NOUN_POS:  # "the agreement signed by ..."
        heads.append(token.head)
    for head in heads:
        yield head
        yield from (child for child in head.children if child.dep_ == "conj")


def _noun_objects(token: Token) -> Iterator[Token]:
    """Object candidates of an event noun: the complement of its "of" ("the release of prisoners")."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    yield pobj
                    yield from (grand for grand in pobj.children if grand.dep_ == "conj")


def _opposed(token: Token) -> Iterator[Token]:
    """The complements of "against" on a trigger."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "against":
            yield from (pobj for pobj in child.children if pobj.dep_ == "pobj")


def _modifier(token: Token, lemmas: Sequence[str]) -> Token | None:
    found = (child for child in token.children if child.dep_ in MODIFIER_DEPS and _lemma(child) in lemmas)
    return next(found, None)


def _particle(token: Token, word: str) -> Token | None:
    found = (child for child in token.children if child.dep_ in PARTICLE_DEPS and child.lower_ == word)
    return next(found, None)


def _match_entry(entry: TriggerEntry, token: Token) -> TriggerMatch | None:
    """The match of `entry` at `token`, or None when a constraint fails."""
    tokens = [token.i]
    objects = list(_objects(token) if entry.kind == "verb" else _noun_objects(token))
    # "fight the pandemic", "the fight against poverty": what is opposed rules an entry out like an object
    # does.
    opposed = [*objects, *_opposed(token)]
    if entry.not_object is not None and any(_lemma(obj) in entry.not_object for obj in opposed):
        return None
    if entry.prep is not None:
        particle = _particle(token, entry.prep)
        if particle is None:
            return None
        tokens.append(particle.i)
    if entry.object is not None:
        found = _find_object(entry.object, entry.object_mod, objects)
        if found is None:
            return None
        tokens.extend(found)
    elif entry.object_mod is not None:  # a noun entry: the modifier belongs to the noun ("phone call")
        modifier = _modifier(token, entry.object_mod)
        if modifier is None:
            return None
        tokens.append(modifier.i)
    specificity = 1 + sum(value is not None for value in (entry.prep, entry.object, entry.object_mod))
    indices = tuple(sorted(set(tokens)))
    return TriggerMatch(entry=entry, token=token.i, tokens=indices, specificity=specificity)


def _find_object(
    lemmas: Sequence[str], modifiers: Sequence[str] | None, objects: list[Token]
) -> list[int] | None:
    """Indices of the first object in `lemmas` (and its modifier in `modifiers`, when given), or None."""
    for obj in objects:
        if _lemma(obj) not in lemmas:
            continue
        if modifiers is None:
            return [obj.i]
        modifier = _modifier(obj, modifiers)
        if modifier is not None:
            return [obj.i, modifier.i]
    return None


class TriggerFinder:
    """Matches trigger entries against sentences; built once from the lexicon, no spaCy model needed."""

    def __init__(self, entries: Sequence[TriggerEntry]) -> None:
        verbs: dict[str, list[TriggerEntry]] = defaultdict(list)
        nouns: dict[str, list[TriggerEntry]] = defaultdict(list)
        for entry in entries:
            (verbs if entry.kind == "verb" else nouns)[entry.lemma].append(entry)
        self._verbs = {lemma: tuple(found) for lemma, found in verbs.items()}
        self._nouns = {lemma: tuple(found) for lemma, found in nouns.items()}

    def __call__(self, sent: Span) -> list[TriggerMatch]:
        """The most specific matches of each token of `sent`, in token order (ties ordered by id)."""
        verb_matches = [
            match for token in sent if token.pos_ in VERB_POS for match in self._best(token, self._verbs)
        ]
        # A noun that is the object of a matched light verb ("held talks") is part of that trigger.
        light = (match for match in verb_matches if match.entry.object is not None)
        covered = {index for match in light for index in match.tokens}
        noun_matches = [
            match
            for token in sent
            if token.pos_ in NOUN_POS and token.i not in covered
            for match in self._best(token, self._nouns)
        ]
        return sorted(verb_matches + noun_matches, key=lambda match: (match.token, match.entry.id))

    def _best(self, token: Token, index: dict[str, tuple[TriggerEntry, ...]]) -> list[TriggerMatch]:
        candidates = index.get(_lemma(token), ())
        if not candidates and token.lower_.endswith("ed"):
            # The small model's lemmatizer cuts "staged", "waged", "raped" to "stag", "wag", "rap".
            candidates = index.get(token.lower_[:-1], ())
        matches = [match for entry in candidates if (match := _match_entry(entry, token)) is not None]
        if not matches:
            return []
        top = max(match.specificity for match in matches)
        best = (match for match in matches if match.specificity == top)
        return sorted(best, key=lambda match: match.entry.id)
