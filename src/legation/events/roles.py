"""Roles from the dependency parse: a trigger token → the head tokens of its actor and recipient phrases.

Active and passive voice, light-verb objects ("held talks with X"), nominal triggers ("X's visit to Y"),
"between X and Y", coordination, and subjects inherited through control, raising, conjunction and relative clauses.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Token

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "obj"})
DATIVE_DEPS = frozenset({"dative", "iobj"})
# Clauses whose missing subject is the subject (or, with an object, the object) of the governing verb.
INHERITING_DEPS = frozenset({"xcomp", "advcl", "conj", "ccomp", "pcomp"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
DEFAULT_RECIPIENT_PREPS = ("with", "to", "for", "against", "on", "toward", "towards", "from", "at", "into")
SYMMETRIC_PREPS = frozenset({"between", "among", "amongst"})
ACTOR_PREPS_OF_NOUNS = frozenset({"by", "of", "from"})
CLAUSAL_POS = frozenset({"VERB", "AUX"})


@dataclass(frozen=True, slots=True)
class Roles:
    """Head tokens (Doc indices) of the actor and recipient phrases of one trigger."""

    actors: tuple[int, ...] = ()
    recipients: tuple[int, ...] = ()
    # True when both sides came from one "between X and Y" phrase. A coordinated subject alone is not joint
    # ("France and Germany protested" is two protesters); the coder splits it only for symmetric triggers.
    joint: bool = False
    passive: bool = False


def with_conjuncts(tokens: Iterable[Token]) -> list[Token]:
    """Each token followed by its coordinated tokens ("Morocco and South Korea" → both)."""
    result: list[Token] = []
    for token in tokens:
        for item in (token, *token.conjuncts):
            if item not in result and item.pos_ not in CLAUSAL_POS:
                result.append(item)
    return result


def _children(token: Token, deps: frozenset[str]) -> list[Token]:
    return [child for child in token.children if child.dep_ in deps]


def _prep_objects(token: Token, preps: Iterable[str]) -> list[Token]:
    wanted = {prep.lower() for prep in preps}
    objects: list[Token] = []
    for child in token.children:
        if child.dep_ in {"prep", "dative", "agent"} and child.lower_ in wanted:
            objects.extend(grandchild for grandchild in child.children if grandchild.dep_ in {"pobj", "pcomp"})
    return with_conjuncts(objects)


def _subject_of(verb: Token, depth: int = 0) -> list[Token]:
    """The subject of `verb`, inherited from governing verbs when the clause has none of its own."""
    subjects = _children(verb, SUBJECT_DEPS)
    if subjects:
        subject = subjects[0]
        if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return with_conjuncts([verb.head])
        return with_conjuncts(subjects)
    agents = _prep_objects(verb, ("by",))
    if agents and _children(verb, PASSIVE_SUBJECT_DEPS | {"auxpass"}):
        return agents
    if verb.dep_ == "relcl" and verb.head.pos_ in {"NOUN", "PROPN"}:
        return with_conjuncts([verb.head])
    if depth < 4 and verb.dep_ in INHERITING_DEPS and verb.head is not verb:
        governor = verb.head
        if verb.dep_ == "pcomp" and governor.dep_ == "prep":
            governor = governor.head  # "met Gondor after signing": climb through "after" to "met"
        # Object control: "invited X to visit", "asked X to provide" → X is the subject of the inner verb.
        if verb.dep_ == "xcomp":
            objects = _children(governor, OBJECT_DEPS)
            if objects:
                return with_conjuncts(objects)
        return _subject_of(governor, depth + 1)
    return []


def _verb_roles(verb: Token, trigger_tokens: Sequence[int], recipient_preps: Sequence[str]) -> Roles:
    passive = bool(_children(verb, PASSIVE_SUBJECT_DEPS | {"auxpass"}))
    actors = _subject_of(verb)
    own = set(trigger_tokens)
    recipients: list[Token] = []
    joint_sides: list[Token] = []
    if passive:
        recipients.extend(
            token for token in with_conjuncts(_children(verb, PASSIVE_SUBJECT_DEPS)) if token.i not in own
        )
    recipients.extend(
        token
        for token in with_conjuncts(_children(verb, OBJECT_DEPS | DATIVE_DEPS))
        if token.i not in own
    )
    recipients.extend(_prep_objects(verb, recipient_preps))
    joint_sides.extend(_prep_objects(verb, SYMMETRIC_PREPS))
    # Light verbs: the partner hangs on the event noun ("a phone conversation with X", "a deal with Y"),
    # or owns it ("rejected North Korea's demand", "welcomed Kazakhstan's decision").
    for index in trigger_tokens:
        noun = verb.doc[index]
        if noun.i != verb.i and noun.pos_ in {"NOUN", "PROPN"}:
            recipients.extend(with_conjuncts(_children(noun, frozenset({"poss"}))))
            recipients.extend(_prep_objects(noun, recipient_preps))
            joint_sides.extend(_prep_objects(noun, SYMMETRIC_PREPS))
    if not recipients and not joint_sides:
        # "demanded that X forsake ...", "urged that Y withdraw": the one addressed is the clause's subject.
        for clause in _children(verb, frozenset({"ccomp"})):
            recipients.extend(with_conjuncts(_children(clause, SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS)))
    return _combine(actors, recipients, joint_sides, passive=passive)


def _noun_roles(noun: Token, recipient_preps: Sequence[str]) -> Roles:
    actors = with_conjuncts(_children(noun, frozenset({"poss"})))
    actors.extend(_prep_objects(noun, ACTOR_PREPS_OF_NOUNS))
    if not actors:
        actors = [
            child
            for child in noun.children
            if child.dep_ in {"compound", "amod", "nmod"} and child.pos_ in {"PROPN", "ADJ"}
        ]
    if not actors and noun.dep_ in OBJECT_DEPS and noun.head.pos_ in CLAUSAL_POS:
        actors = _subject_of(noun.head)
    recipients = _prep_objects(noun, recipient_preps)
    joint_sides = _prep_objects(noun, SYMMETRIC_PREPS)
    return _combine(actors, recipients, joint_sides, passive=False)


def _combine(actors: list[Token], recipients: list[Token], joint_sides: list[Token], *, passive: bool) -> Roles:
    actor_ids = tuple(dict.fromkeys(token.i for token in actors))
    recipient_ids = tuple(dict.fromkeys(token.i for token in recipients if token.i not in actor_ids))
    if joint_sides:
        sides = tuple(dict.fromkeys(token.i for token in joint_sides))
        if not actor_ids:
            return Roles(actors=sides[:1], recipients=sides[1:] + recipient_ids, joint=True, passive=passive)
        return Roles(actors=actor_ids, recipients=recipient_ids + sides, joint=True, passive=passive)
    return Roles(actors=actor_ids, recipients=recipient_ids, joint=False, passive=passive)


def find_roles(
    token: Token,
    trigger_tokens: Sequence[int],
    *,
    recipient_preps: Sequence[str] | None = None,
) -> Roles:
    """Actor and recipient heads for the trigger whose head word is `token`."""
    preps = tuple(recipient_preps) if recipient_preps else DEFAULT_RECIPIENT_PREPS
    if token.pos_ in CLAUSAL_POS:
        return _verb_roles(token, trigger_tokens, preps)
    return _noun_roles(token, preps)
