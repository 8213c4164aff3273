"""find_modality and ModalityCues: negation, future/intent, hypothetical and tense on hand-built parses."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from legation.errors import LexiconError
from legation.events.modality import ModalityCues, find_modality
from legation.model import Modality

VOCAB = spacy.blank("en").vocab

CUES = ModalityCues(
    negation=frozenset({"not", "n't", "never"}),
    future_aux=frozenset({"will", "shall"}),
    intent_verb=frozenset({"plan", "agree"}),
    hypothetical_mark=frozenset({"if", "unless"}),
    hypothetical_aux=frozenset({"could", "might"}),
)


def make_doc(table: str) -> Doc:
    """One token per line, `word head dep pos tag lemma`; `head` is the absolute index of the head token."""
    rows = [line.split() for line in table.strip().splitlines()]
    words, heads, deps, pos, tags, lemmas = (list(column) for column in zip(*rows, strict=True))
    return Doc(
        VOCAB, words=words, heads=[int(head) for head in heads], deps=deps, pos=pos, tags=tags, lemmas=lemmas
    )


def modality_at(table: str, token: int) -> tuple[Modality, str]:
    return find_modality(make_doc(table)[token], CUES)


DID_NOT_SIGN = """
Arnor 3 nsubj PROPN NNP Arnor
did 3 aux AUX VBD do
not 3 neg PART RB not
sign 3 ROOT VERB VB sign
the 5 det DET DT the
treaty 3 dobj NOUN NN treaty
. 3 punct PUNCT . .
"""

WILL_OPEN = """
Arnor 2 nsubj PROPN NNP Arnor
will 2 aux AUX MD will
open 2 ROOT VERB VB open
an 4 det DET DT an
embassy 2 dobj NOUN NN embassy
. 2 punct PUNCT . .
"""

PLANS_TO_VISIT = """
Arnor 1 nsubj PROPN NNP Arnor
plans 1 ROOT VERB VBZ plan
to 3 aux PART TO to
visit 1 xcomp VERB VB visit
Gondor 3 dobj PROPN NNP Gondor
. 1 punct PUNCT . .
"""

# "If Arnor visits Gondor, Rohan will protest."
IF_VISITS = """
If 2 mark SCONJ IN if
Arnor 2 nsubj PROPN NNP Arnor
visits 7 advcl VERB VBZ visit
Gondor 2 dobj PROPN NNP Gondor
, 7 punct PUNCT , ,
Rohan 7 nsubj PROPN NNP Rohan
will 7 aux AUX MD will
protest 7 ROOT VERB VB protest
. 7 punct PUNCT . .
"""

QUESTION = """
Did 2 aux AUX VBD do
Arnor 2 nsubj PROPN NNP Arnor
sign 2 ROOT VERB VB sign
the 4 det DET DT the
treaty 2 dobj NOUN NN treaty
? 2 punct PUNCT . ?
"""

MIGHT_SIGN = """
Arnor 2 nsubj PROPN NNP Arnor
might 2 aux AUX MD might
sign 2 ROOT VERB VB sign
the 4 det DET DT the
treaty 2 dobj NOUN NN treaty
. 2 punct PUNCT . .
"""

SIGNED = """
Arnor 1 nsubj PROPN NNP Arnor
signed 1 ROOT VERB VBD sign
the 3 det DET DT the
treaty 1 dobj NOUN NN treaty
. 1 punct PUNCT . .
"""

SIGNS = """
Arnor 1 nsubj PROPN NNP Arnor
signs 1 ROOT VERB VBZ sign
the 3 det DET DT the
treaty 1 dobj NOUN NN treaty
. 1 punct PUNCT . .
"""

HAS_SIGNED = """
Arnor 2 nsubj PROPN NNP Arnor
has 2 aux AUX VBZ have
signed 2 ROOT VERB VBN sign
the 4 det DET DT the
treaty 2 dobj NOUN NN treaty
. 2 punct PUNCT . .
"""

HELD_TALKS = """
Arnor 1 nsubj PROPN NNP Arnor
held 1 ROOT VERB VBD hold
talks 1 dobj NOUN NNS talk
. 1 punct PUNCT . .
"""

HOLDS_TALKS = """
Arnor 1 nsubj PROPN NNP Arnor
holds 1 ROOT VERB VBZ hold
talks 1 dobj NOUN NNS talk
. 1 punct PUNCT . .
"""

# "Arnor signed the treaty but did not ratify it."
SIGNED_BUT_NOT_RATIFIED = """
Arnor 1 nsubj PROPN NNP Arnor
signed 1 ROOT VERB VBD sign
the 3 det DET DT the
treaty 1 dobj NOUN NN treaty
but 1 cc CCONJ CC but
did 7 aux AUX VBD do
not 7 neg PART RB not
ratify 1 conj VERB VB ratify
it 7 dobj PRON PRP it
. 1 punct PUNCT . .
"""

# "Arnor did not sign the treaty but ratified it."
NOT_SIGNED_BUT_RATIFIED = """
Arnor 3 nsubj PROPN NNP Arnor
did 3 aux AUX VBD do
not 3 neg PART RB not
sign 3 ROOT VERB VB sign
the 5 det DET DT the
treaty 3 dobj NOUN NN treaty
but 3 cc CCONJ CC but
ratified 3 conj VERB VBD ratify
it 7 dobj PRON PRP it
. 3 punct PUNCT . .
"""

# "Arnor did not agree to sign the treaty."
NOT_AGREE_TO_SIGN = """
Arnor 3 nsubj PROPN NNP Arnor
did 3 aux AUX VBD do
not 3 neg PART RB not
agree 3 ROOT VERB VB agree
to 5 aux PART TO to
sign 3 xcomp VERB VB sign
the 7 det DET DT the
treaty 5 dobj NOUN NN treaty
. 3 punct PUNCT . .
"""


def test_find_modality_did_not_sign_is_negated_past() -> None:
    assert modality_at(DID_NOT_SIGN, 3) == (Modality(negated=True), "past")


def test_find_modality_will_open_is_future() -> None:
    assert modality_at(WILL_OPEN, 2) == (Modality(future=True), "future")


def test_find_modality_intent_verb_makes_complement_future() -> None:
    assert modality_at(PLANS_TO_VISIT, 3) == (Modality(future=True), "future")


def test_find_modality_intent_verb_itself_is_not_future() -> None:
    assert modality_at(PLANS_TO_VISIT, 1) == (Modality(), "present")


def test_find_modality_if_clause_is_hypothetical() -> None:
    modality, _ = modality_at(IF_VISITS, 2)
    assert modality.hypothetical
    assert not modality.negated


@pytest.mark.parametrize(("table", "token"), [(QUESTION, 2), (MIGHT_SIGN, 2)], ids=["question_mark", "might"])
def test_find_modality_question_or_modal_is_hypothetical(table: str, token: int) -> None:
    assert modality_at(table, token)[0].hypothetical


def test_find_modality_plain_statement_has_no_flags() -> None:
    assert modality_at(SIGNED, 1)[0] == Modality()


@pytest.mark.parametrize(
    ("table", "token", "tense"),
    [
        (SIGNED, 1, "past"),
        (HAS_SIGNED, 2, "past"),
        (DID_NOT_SIGN, 3, "past"),
        (SIGNS, 1, "present"),
        (WILL_OPEN, 2, "future"),
        (HELD_TALKS, 2, "past"),
        (HOLDS_TALKS, 2, "present"),
    ],
    ids=["vbd", "perfect", "did_aux", "vbz", "will", "noun_under_past_verb", "noun_under_present_verb"],
)
def test_find_modality_tense(table: str, token: int, tense: str) -> None:
    assert modality_at(table, token)[1] == tense


@pytest.mark.parametrize(
    ("table", "token", "negated"),
    [
        (SIGNED_BUT_NOT_RATIFIED, 1, False),
        (SIGNED_BUT_NOT_RATIFIED, 7, True),
        (NOT_SIGNED_BUT_RATIFIED, 3, True),
        (NOT_SIGNED_BUT_RATIFIED, 7, False),
    ],
    ids=["signed", "not_ratified", "not_signed", "ratified"],
)
def test_find_modality_negated_conjunct_does_not_negate_the_other(
    table: str, token: int, negated: bool
) -> None:
    assert modality_at(table, token)[0].negated is negated


def test_find_modality_negated_governor_negates_its_complement() -> None:
    modality, _ = modality_at(NOT_AGREE_TO_SIGN, 5)
    assert modality.negated


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "modality.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_modality_cues_load_groups_cues_by_kind(tmp_path: Path) -> None:
    rows = ["cue,kind", "not,negation", " Will ,future_aux", "plan,intent_verb", "if,hypothetical_mark",
            "might,hypothetical_aux", "never,negation"]  # fmt: skip
    path = write(tmp_path, "\n".join(rows) + "\n")
    cues = ModalityCues.load(path)
    assert cues.negation == frozenset({"not", "never"})
    assert cues.future_aux == frozenset({"will"})  # trimmed and lowercased
    assert cues.intent_verb == frozenset({"plan"})
    assert cues.hypothetical_mark == frozenset({"if"})
    assert cues.hypothetical_aux == frozenset({"might"})


def test_modality_cues_load_allows_empty_kinds(tmp_path: Path) -> None:
    cues = ModalityCues.load(write(tmp_path, "cue,kind\nnot,negation\n"))
    assert cues.future_aux == frozenset()


def test_modality_cues_load_rejects_missing_columns(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match=r"modality\.csv:1: header: expected columns cue,kind"):
        ModalityCues.load(write(tmp_path, "word,type\nnot,negation\n"))


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (",negation", r"modality\.csv:3: cue: expected a word, found nothing"),
        ("never,negative", r"modality\.csv:3: kind: expected one of negation, .*found 'negative'"),
        ("never,", r"modality\.csv:3: kind: expected one of .*found ''"),
    ],
    ids=["empty_cue", "unknown_kind", "empty_kind"],
)
def test_modality_cues_load_reports_bad_row(tmp_path: Path, row: str, message: str) -> None:
    with pytest.raises(LexiconError, match=message):
        ModalityCues.load(write(tmp_path, f"cue,kind\nnot,negation\n{row}\n"))


def test_modality_cues_load_lists_every_problem(tmp_path: Path) -> None:
    path = write(tmp_path, "cue,kind\n,negation\nnot,negation\nwill,futur\n")
    with pytest.raises(LexiconError) as caught:
        ModalityCues.load(path)
    lines = str(caught.value).splitlines()
    assert [line.split(": ")[0] for line in lines] == ["modality.csv:2", "modality.csv:4"]
