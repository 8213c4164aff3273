"""Modality and tense of a trigger from its dependency context: negated, future/intent, hypothetical,
question.

Token → (Modality, tense). The cue words are data (lexicons/data/modality.csv), passed in as a ModalityCues.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Token

from legation.errors import LexiconError
from legation.model import Modality

KINDS = (
    "negation",
    "future_aux",
    "intent_verb",
    "hypothetical_mark",
    "hypothetical_aux",
    "reported_future_aux",
)
CLIMB_DEPS = frozenset({"xcomp", "ccomp", "conj", "advcl"})


@dataclass(frozen=True, slots=True)
class ModalityCues:
    negation: frozenset[str]
    future_aux: frozenset[str]
    intent_verb: frozenset[str]
    hypothetical_mark: frozenset[str]
    hypothetical_aux: frozenset[str]
    # "said it would impose": in a reported clause, the future seen from the past, not a condition.
    reported_future_aux: frozenset[str] = frozenset()

    @classmethod
    def load(cls, path: Path) -> ModalityCues:
        """Read `cue,kind` rows; every bad row is reported as `file:line: field: ...`."""
        groups: dict[str, set[str]] = {kind: set() for kind in KINDS}
        problems: list[str] = []
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames is None or not {"cue", "kind"} <= set(reader.fieldnames):
                raise LexiconError(
                    f"{path.name}:1: header: expected columns cue,kind, found {reader.fieldnames}"
                )
            for line, row in enumerate(reader, start=2):
                cue, kind = (row.get("cue") or "").strip().lower(), (row.get("kind") or "").strip()
                if not cue:
                    problems.append(f"{path.name}:{line}: cue: expected a word, found nothing")
                elif kind not in groups:
                    problems.append(
                        f"{path.name}:{line}: kind: expected one of {', '.join(KINDS)}, found {kind!r}"
                    )
                else:
                    groups[kind].add(cue)
        if problems:
            raise LexiconError("\n".join(problems))
        return cls(**{kind: frozenset(words) for kind, words in groups.items()})


def _clause_chain(token: Token) -> list[Token]:
    """The trigger and the verbs governing it through complement and coordinated clauses."""
    chain = [token]
    current = token
    while current.dep_ in CLIMB_DEPS and current.head is not current and len(chain) < 5:
        current = current.head
        chain.append(current)
    return chain


def find_modality(token: Token, cues: ModalityCues) -> tuple[Modality, str]:
    """Modality flags and tense ("past", "present", "future") of the event whose trigger is `token`."""
    chain = _clause_chain(token)
    negated = False
    future = False
    hypothetical = False
    for position, verb in enumerate(chain):
        children = list(verb.children)
        # A negated governor negates what it governs ("did not agree to sign"), but a negated
        # coordinated verb does not ("signed the deal but did not ratify it").
        if position == 0 or chain[position - 1].dep_ != "conj":
            negated = negated or any(
                child.dep_ == "neg" or child.lower_ in cues.negation for child in children
            )
        reported = verb.dep_ == "ccomp" and not any(
            child.dep_ == "mark" and child.lower_ in cues.hypothetical_mark for child in children
        )
        future = future or any(
            child.dep_ == "aux"
            and (child.lower_ in cues.future_aux or (reported and child.lower_ in cues.reported_future_aux))
            for child in children
        )
        if position > 0 and verb.lemma_.lower() in cues.intent_verb and chain[position - 1].dep_ == "xcomp":
            future = True
        hypothetical = hypothetical or any(
            (child.dep_ == "mark" and child.lower_ in cues.hypothetical_mark)
            or (
                child.dep_ == "aux"
                and child.lower_ in cues.hypothetical_aux
                and not (reported and child.lower_ in cues.reported_future_aux)
            )
            for child in children
        )
    sentence = token.sent
    if sentence.text.rstrip().endswith("?"):
        hypothetical = True
    if future:
        tense = "future"
    elif token.tag_ in {"VBD", "VBN"} or any(
        child.tag_ == "VBD" for child in token.children if child.dep_ in {"aux", "auxpass"}
    ):
        tense = "past"
    elif token.pos_ not in {"VERB", "AUX"} and token.head.tag_ in {"VBD", "VBN"}:
        tense = "past"
    else:
        tense = "present"
    return Modality(negated=negated, future=future, hypothetical=hypothetical), tense
