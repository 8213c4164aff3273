"""Roles from the dependency parse: a trigger token → the head tokens of its actor and recipient phrases.

Active and passive voice, light-verb objects ("held talks with X"), nominal triggers ("X's visit to Y"),
"between X and Y", coordination, and subjects inherited through control, raising, conjunction and relative
clauses.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Token

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "obj"})
DATIVE_DEPS = frozenset({"dative", "iobj"})
# Clauses whose missing subject is the subject (or, with an object, the object) of the governing verb.
INHERITING_DEPS = frozenset({"xcomp", "advcl", "conj", "ccomp", "pcomp", "acomp"})  # acomp: "is willing to"
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
REPORTED_PRONOUNS = frozenset({"they", "it", "he", "she", "we"})
# "thanked X for sending", "congratulated X on holding", "accused X of violating": X does the inner act.
OBJECT_CONTROL_PREPS = frozenset({"on", "for", "of"})
DEFAULT_RECIPIENT_PREPS = ("with", "to", "for", "against", "on", "toward", "towards", "from", "at", "into")
SYMMETRIC_PREPS = frozenset({"between", "among", "amongst"})
ACTOR_PREPS_OF_NOUNS = frozenset({"by", "of", "from"})
# Links from a nominal trigger up to the verb that governs it (object, prepositional adjunct, compound).
NOMINAL_LINKS = frozenset({"dobj", "obj", "pobj", "prep", "compound", "attr", "nmod"})
CLAUSAL_POS = frozenset({"VERB", "AUX"})
# "on Monday", "for two years", "by 5 percent": never who an act is aimed at.
NOT_ACTOR_ENTITIES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})


@dataclass(frozen=True, slots=True)
class Roles:
    """Head tokens (Doc indices) of the actor and recipient phrases of one trigger."""

    actors: tuple[int, ...] = ()
    recipients: tuple[int, ...] = ()
    # True when both sides came from one "between X and Y" phrase. A coordinated subject alone is not joint
    # ("France and Germany protested" is two protesters); the coder splits it only for symmetric triggers.
    joint: bool = False
    passive: bool = False
    # Who acts when none of `actors` turns out to name anyone: the subject of the verb governing a nominal
    # trigger ("jailed 52 members on allegations of treason": the jailers, not "treason").
    fallback_actors: tuple[int, ...] = ()
    # Partners after the usual prepositions when the trigger's own list of prepositions finds no one who
    # resolves ("confiscated weapons from armed groups" under an entry that names no "from").
    fallback_recipients: tuple[int, ...] = ()


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
            objects.extend(
                grandchild
                for grandchild in child.children
                if grandchild.dep_ in {"pobj", "pcomp"} and grandchild.ent_type_ not in NOT_ACTOR_ENTITIES
            )
    return with_conjuncts(objects)


def _subject_of(verb: Token, depth: int = 0) -> list[Token]:
    """The subject of `verb`, inherited from governing verbs when the clause has none of its own."""
    subjects = _children(verb, SUBJECT_DEPS)
    if subjects:
        subject = subjects[0]
        if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return with_conjuncts([verb.head])
        if subject.lower_ in REPORTED_PRONOUNS and verb.dep_ == "ccomp" and depth < 4:
            # "the rebels said they will release ...": the speaker, named in the reporting clause
            speakers = [item for item in _subject_of(verb.head, depth + 1) if item.pos_ != "PRON"]
            if speakers:
                return speakers
        return with_conjuncts(subjects)
    agents = _prep_objects(verb, ("by",))
    participle = verb.dep_ == "acl" and verb.tag_ == "VBN"  # "disinfectants delivered by X to Y"
    if agents and (participle or _children(verb, PASSIVE_SUBJECT_DEPS | {"auxpass"})):
        return agents
    if verb.dep_ == "relcl" and verb.head.pos_ in {"NOUN", "PROPN"}:
        return with_conjuncts([verb.head])
    if depth < 4 and verb.dep_ in INHERITING_DEPS and verb.head is not verb:
        governor = verb.head
        if verb.dep_ == "pcomp" and governor.dep_ == "prep":
            preposition = governor.lower_
            governor = governor.head  # "met Gondor after signing": climb through "after" to "met"
            objects = _children(governor, OBJECT_DEPS)
            if preposition in OBJECT_CONTROL_PREPS and objects:
                return with_conjuncts(objects)  # "congratulated Gondor on holding ...": Gondor holds it
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
        token for token in with_conjuncts(_children(verb, OBJECT_DEPS | DATIVE_DEPS)) if token.i not in own
    )
    recipients.extend(_prep_objects(verb, recipient_preps))
    joint_sides.extend(_prep_objects(verb, SYMMETRIC_PREPS))
    # The partner hangs on the object: "demanded a truce with X", "threatened action against Y".
    for noun in _children(verb, OBJECT_DEPS):
        if noun.i not in own:
            recipients.extend(_prep_objects(noun, recipient_preps))
    # Light verbs: the partner hangs on the event noun ("a phone conversation with X", "a deal with Y"),
    # or owns it ("rejected North Korea's demand", "welcomed Kazakhstan's decision").
    for index in trigger_tokens:
        noun = verb.doc[index]
        if noun.i != verb.i and noun.pos_ in {"NOUN", "PROPN"}:
            # "rejected North Korea's demand": the owner is the other side; "reiterated its demand": the
            # subject.
            recipients.extend(
                owner
                for owner in with_conjuncts(_children(noun, frozenset({"poss"})))
                if owner.pos_ != "PRON"
            )
            recipients.extend(_prep_objects(noun, ("by",)))  # "rejected calls by X": X's call
            recipients.extend(_prep_objects(noun, recipient_preps))
            joint_sides.extend(_prep_objects(noun, SYMMETRIC_PREPS))
    # "expelled two Russian diplomats", "closed the Gondorian embassy": the trigger's own object noun, when a
    # nationality or name modifies it, is who the act falls on.
    recipients.extend(
        verb.doc[index]
        for index in trigger_tokens
        if verb.doc[index].dep_ in OBJECT_DEPS
        and verb.doc[index].head.i == verb.i
        and _is_named(verb.doc[index])
    )
    if not recipients and not joint_sides:
        recipients.extend(_clause_recipients(verb, recipient_preps))
    return _combine(actors, recipients, joint_sides, passive=passive)


def _is_named(noun: Token) -> bool:
    return any(
        child.dep_ in {"amod", "compound", "nmod", "poss"}
        and child.pos_ in {"PROPN", "ADJ"}
        and child.text[:1].isupper()
        for child in noun.children
    )


def _clause_recipients(verb: Token, recipient_preps: Sequence[str]) -> list[Token]:
    """Who a clause under the trigger is aimed at, when the trigger itself names no one.

    "demanded that X forsake ...": the subject of the that-clause; "threatened to break relations with Y",
    "vowed to punish Y": the object or partner of the infinitive clause.
    """
    for clause in _children(verb, frozenset({"ccomp"})):
        subjects = with_conjuncts(_children(clause, SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS))
        if subjects:
            return subjects
    for clause in _children(verb, frozenset({"xcomp"})):
        found = with_conjuncts(_children(clause, OBJECT_DEPS | DATIVE_DEPS)) + _prep_objects(
            clause, recipient_preps
        )
        for noun in _children(clause, OBJECT_DEPS):  # "to break relations with Russia"
            found.extend(_prep_objects(noun, recipient_preps))
        if found:
            return found
    return []


def _noun_roles(noun: Token, recipient_preps: Sequence[str]) -> Roles:
    actors = with_conjuncts(_children(noun, frozenset({"poss"})))
    # "the invasion of Kuwait": where the entry names "of" for its recipient, "of" never gives the actor
    actors.extend(_prep_objects(noun, ACTOR_PREPS_OF_NOUNS - set(recipient_preps)))
    if not actors:  # "Gondorian attacks", "the Arnor visit"; not "ethnic cleansing"
        actors = [
            child
            for child in noun.children
            if child.dep_ in {"compound", "amod", "nmod"}
            and child.pos_ in {"PROPN", "ADJ"}
            and child.text[:1].isupper()
        ]
    verb = _governing_verb(noun)
    governor_subject = _governing_subject(verb) if verb is not None else []
    recipients = _prep_objects(noun, recipient_preps)
    joint_sides = _prep_objects(noun, SYMMETRIC_PREPS)
    roles = _combine(actors or governor_subject, recipients, joint_sides, passive=False)
    if not actors:
        return roles
    fallback = tuple(token.i for token in governor_subject if token.i not in roles.recipients)
    return replace(roles, fallback_actors=fallback)


def _governing_verb(noun: Token) -> Token | None:
    """The verb whose subject also performs a nominal trigger in its object or adjunct: "staged a rally",
    "converged for a rally", "were engaged in ethnic cleansing", "undertook a mediation mission"."""
    token, through_preposition = noun, False
    for _ in range(4):
        if token.dep_ not in NOMINAL_LINKS or token.head.i == token.i:
            return None
        through_preposition = through_preposition or token.dep_ == "prep"
        token = token.head
        if token.pos_ in CLAUSAL_POS:
            # "condemned Russia over the detention": an adjunct of a verb with an object is about that object
            if through_preposition and _children(token, OBJECT_DEPS):
                return None
            return token
    return None


def _governing_subject(verb: Token) -> list[Token]:
    """Who performs a nominal trigger under `verb`: its subject, or the subject of an agentless passive
    ("Serb forces were engaged in ethnic cleansing")."""
    subjects = _subject_of(verb)
    if subjects or _prep_objects(verb, ("by",)):
        return subjects
    return with_conjuncts(_children(verb, PASSIVE_SUBJECT_DEPS))


def _combine(
    actors: list[Token], recipients: list[Token], joint_sides: list[Token], *, passive: bool
) -> Roles:
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
    roles = (
        _verb_roles(token, trigger_tokens, preps) if token.pos_ in CLAUSAL_POS else _noun_roles(token, preps)
    )
    taken = set(roles.actors) | set(roles.recipients)
    candidates = [] if preps == DEFAULT_RECIPIENT_PREPS else _prep_objects(token, DEFAULT_RECIPIENT_PREPS)
    # "demanded support from the Assembly", "violated a ban by the general": the partner hangs on the object
    for noun in _children(token, OBJECT_DEPS) if token.pos_ in CLAUSAL_POS else []:
        candidates.extend(_prep_objects(noun, (*DEFAULT_RECIPIENT_PREPS, "by")))
    # "refused a demand from X", "rejected calls by X": whose the thing acted on is
    for head in roles.recipients:
        candidates.extend(_prep_objects(token.doc[head], ("from", "by")))
    extra = tuple(dict.fromkeys(item.i for item in candidates if item.i not in taken))
    return replace(roles, fallback_recipients=extra) if extra else roles


def obligation_speakers(token: Token) -> tuple[int, ...]:
    """Heads of the speaker in "X said (that) Y must V": X demands that Y do V (CAMEO 10, PLOVER REQUEST).

    Empty unless the trigger verb carries "must" and is the complement of a verb with a subject of its own.
    """
    if token.pos_ not in CLAUSAL_POS or not any(
        child.dep_ == "aux" and child.lower_ == "must" for child in token.children
    ):
        return ()
    clause = token
    while clause.dep_ == "conj" and clause.head is not clause:
        clause = clause.head
    if clause.dep_ != "ccomp" or clause.head.pos_ not in CLAUSAL_POS:
        return ()
    return tuple(item.i for item in _subject_of(clause.head))
