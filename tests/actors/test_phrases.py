"""Phrase cues without a model: acronyms from a name's word starts, company suffixes, head titles and
descriptions over Docs built by hand (words, heads, deps, pos)."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from legation.actors.gazetteer import Gazetteer, SectorMatch
from legation.actors.phrases import (
    abbreviates,
    described,
    headed_body,
    heads_a_body,
    is_location,
    title_after,
)
from legation.lexicons.world import Country, SectorTerm, World


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.blank("en")


@pytest.mark.parametrize(
    ("acronym", "name", "expected"),
    [
        ("GTEA", "gondor tea exporters association", True),
        ("GOTEA", "gondor tea exporters association", True),  # two letters from "Gondor"
        ("AMC", "arnor mining company limited", True),  # a company suffix may be left out
        ("NATO", "north atlantic treaty organization", True),
        ("GTX", "gondor tea exporters association", False),
        ("AG", "aragorn", False),  # one word is no expansion
        ("TEA", "gondor tea exporters association", False),  # must start with the first word
    ],
)
def test_abbreviates_word_starts_in_order(acronym: str, name: str, expected: bool) -> None:
    assert abbreviates(acronym, name) is expected


def suffix_world() -> World:
    return World(
        countries=(Country("GON", "Gondor", (), ("Gondorian",), (), (), "Europe"),),
        organizations=(),
        sector_terms=(
            SectorTerm("group", "BUS", "suffix", "economic"),
            SectorTerm("guards", "MIL", "group", None),
        ),
    )


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Gondor National Tea Group signed a deal", ["Group"]),
        ("the group signed a deal", []),  # lower case: no company
        ("Group members signed a deal", []),  # nothing capitalised before it
    ],
)
def test_gazetteer_company_suffix_only_ends_a_name(nlp: Language, text: str, found: list[str]) -> None:
    gazetteer = Gazetteer(suffix_world(), nlp)
    assert [match.text for match in gazetteer.sectors(nlp.make_doc(text))] == found


def doc_of(nlp: Language, words: list[str], heads: list[int], deps: list[str], pos: list[str]) -> Doc:
    return Doc(
        nlp.vocab,
        words=words,
        heads=heads,
        deps=deps,
        pos=pos,
        sent_starts=[True] + [False] * (len(words) - 1),
    )


def test_described_walks_back_over_the_description_not_the_conjunct(nlp: Language) -> None:
    words = [
        "the",
        "Arnorian",
        "government",
        "and",
        "Gondorian",
        "tea",
        "exporter",
        "and",
        "seller",
        "Minas",
        "Tea",
        "signed",
    ]
    heads = [2, 2, 11, 2, 6, 6, 2, 6, 6, 10, 2, 11]
    deps = [
        "det",
        "amod",
        "nsubj",
        "cc",
        "amod",
        "compound",
        "conj",
        "cc",
        "conj",
        "compound",
        "appos",
        "ROOT",
    ]
    pos = ["DET", "ADJ", "NOUN", "CCONJ", "ADJ", "NOUN", "NOUN", "CCONJ", "NOUN", "PROPN", "PROPN", "VERB"]
    doc = doc_of(nlp, words, heads, deps, pos)
    assert described(doc[9:11]).text == "Gondorian tea exporter and seller Minas Tea"


def test_described_crosses_of_the_inside_a_title(nlp: Language) -> None:
    words = [",", "Deputy", "Head", "of", "the", "Water", "Board", "Ilse", "Varga", "said"]
    heads = [9, 2, 9, 2, 6, 6, 3, 8, 3, 9]
    deps = ["punct", "compound", "nsubj", "prep", "det", "compound", "compound", "compound", "pobj", "ROOT"]
    pos = ["PUNCT", "PROPN", "PROPN", "ADP", "DET", "PROPN", "PROPN", "PROPN", "PROPN", "VERB"]
    doc = doc_of(nlp, words, heads, deps, pos)
    assert described(doc[7:9]).text == "Deputy Head of the Water Board Ilse Varga"


def test_title_after_a_comma_belongs_to_the_name(nlp: Language) -> None:
    doc = doc_of(
        nlp,
        ["met", "Ilse", "Varga", ",", "the", "Steward", "of", "Trade"],
        [0, 2, 0, 2, 5, 2, 5, 6],
        ["ROOT", "compound", "dobj", "punct", "det", "appos", "prep", "pobj"],
        ["VERB", "PROPN", "PROPN", "PUNCT", "DET", "PROPN", "ADP", "PROPN"],
    )
    steward = SectorMatch(5, 6, "Steward", "GOV", "title", None)
    assert title_after(doc[1:3], [steward]) == steward
    assert title_after(doc[1:2], [steward]) is None  # no comma right after the name


def test_head_title_takes_the_sector_of_the_body_it_heads(nlp: Language) -> None:
    doc = doc_of(
        nlp,
        ["president", "of", "the", "exporters", "association"],
        [0, 0, 4, 4, 1],
        ["ROOT", "prep", "det", "compound", "pobj"],
        ["NOUN", "ADP", "DET", "NOUN", "NOUN"],
    )
    title = SectorMatch(0, 1, "president", "GOV", "title", None)
    body = SectorMatch(3, 5, "exporters association", "BUS", "group", "economic")
    assert headed_body(title, doc[0:5], [title, body]).sector == "BUS"
    assert headed_body(title, doc[0:1], [title, body]).sector == "GOV"  # the body outside the phrase


@pytest.mark.parametrize(
    ("title", "expected"),
    [("Deputy Chairman", True), ("leaders", True), ("minister", False), (None, False), ("", False)],
)
def test_heads_a_body_reads_the_last_word(title: str | None, expected: bool) -> None:
    assert heads_a_body(title) is expected


def test_is_location_only_after_a_locative_preposition(nlp: Language) -> None:
    doc = doc_of(
        nlp,
        ["curfew", "in", "Minas", "and", "Minas", "said"],
        [0, 0, 1, 2, 5, 5],
        ["ROOT", "prep", "pobj", "cc", "nsubj", "ROOT"],
        ["NOUN", "ADP", "PROPN", "CCONJ", "PROPN", "VERB"],
    )
    assert is_location(doc[2]) is True
    assert is_location(doc[4]) is False
