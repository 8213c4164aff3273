"""The EventCoder's pure helpers: select, confidence, parse_number, find_quantities, evidence_of and
publication_reference, on hand-built matches, events and Docs (no spaCy model).
"""

from __future__ import annotations

from datetime import date

import pytest
import spacy
from spacy.tokens import Doc

from legation.events.assemble import (
    Candidate,
    confidence,
    evidence_of,
    find_quantities,
    implied_recipients,
    parse_number,
    publication_reference,
    select,
)
from legation.events.dates import DateRules
from legation.events.triggers import TriggerMatch
from legation.lexicons.triggers import TriggerEntry
from legation.model import (
    ActorRef,
    Article,
    CameoCoding,
    Event,
    EventDate,
    Evidence,
    Modality,
    ParsedArticle,
    PloverCoding,
    Quantity,
)

VOCAB = spacy.blank("en").vocab
ARNOR = ActorRef(text="Arnor", country="ARN", resolved_by="gazetteer")
GONDOR = ActorRef(text="Gondor", country="GON", resolved_by="gazetteer")
ROHAN = ActorRef(text="Rohan", country="ROH", resolved_by="gazetteer")


def entry(ident: str, cameo: str, plover: str) -> TriggerEntry:
    return TriggerEntry(
        id=ident, kind="verb", lemma="meet", cameo=cameo, plover=plover, example="Arnor met Gondor."
    )


def match(ident: str = "consult.meet", *, cameo: str = "040", plover: str = "CONSULT", token: int = 1,
          specificity: int = 1) -> TriggerMatch:  # fmt: skip
    found = entry(ident, cameo, plover)
    return TriggerMatch(entry=found, token=token, tokens=(token,), specificity=specificity)


def candidate(
    trigger: TriggerMatch,
    *,
    actors: tuple[ActorRef, ...] = (ARNOR,),
    recipients: tuple[ActorRef, ...] = (GONDOR,),
) -> Candidate:
    event = Event(
        event_id="",
        article_id="a1",
        sentence_index=0,
        date=EventDate(),
        plover=PloverCoding(event=trigger.entry.plover),
        cameo=CameoCoding(code=trigger.entry.cameo, goldstein=1.0, quad_class=1),
        actor=actors,
        recipient=recipients,
        evidence=Evidence(text="Arnor met Gondor.", start=0, end=17),
        trigger=trigger.entry.id,
    )
    return Candidate(match=trigger, event=event)


def kept_ids(candidates: list[Candidate]) -> list[str]:
    return [item.match.entry.id for item in select(candidates)]


def test_select_drops_statements_when_a_substantive_event_is_present() -> None:
    statement = candidate(match("statement.say", cameo="010", plover="CONSULT", token=1))
    meeting = candidate(match("consult.meet", token=3))
    assert kept_ids([statement, meeting]) == ["consult.meet"]


def test_select_keeps_statements_when_nothing_else_was_said() -> None:
    statement = candidate(match("statement.say", cameo="010", plover="CONSULT"))
    assert kept_ids([statement]) == ["statement.say"]


def test_select_keeps_the_most_specific_event_per_type_and_dyad() -> None:
    plain = candidate(match("consult.meet", token=1, specificity=1))
    specific = candidate(match("consult.hold_talks", cameo="043", token=4, specificity=2))
    assert kept_ids([plain, specific]) == ["consult.hold_talks"]


def test_select_ties_keep_the_first_candidate() -> None:
    first = candidate(match("consult.meet", token=1))
    second = candidate(match("consult.talks", token=4))
    assert kept_ids([first, second]) == ["consult.meet"]


@pytest.mark.parametrize(
    ("other", "why"),
    [
        (candidate(match("accuse.condemn", cameo="111", plover="ACCUSE", token=5)), "another type"),
        (candidate(match("consult.talks", token=5), recipients=(ROHAN,)), "another recipient"),
        (candidate(match("consult.talks", token=5), actors=(ROHAN,)), "another actor"),
    ],
    ids=["type", "recipient", "actor"],
)
def test_select_keeps_one_event_per_distinct_type_or_dyad(other: Candidate, why: str) -> None:
    first = candidate(match("consult.meet", token=1))
    assert kept_ids([other, first]) == ["consult.meet", other.match.entry.id], why


def test_select_orders_by_trigger_position() -> None:
    late = candidate(match("accuse.condemn", cameo="111", plover="ACCUSE", token=7))
    early = candidate(match("consult.meet", token=2))
    assert kept_ids([late, early]) == ["consult.meet", "accuse.condemn"]


def test_confidence_negated_is_lower_than_plain() -> None:
    trigger = match()
    plain = confidence(trigger, [ARNOR], [GONDOR], Modality())
    negated = confidence(trigger, [ARNOR], [GONDOR], Modality(negated=True))
    assert 0.0 <= negated < plain <= 1.0


def test_confidence_hypothetical_is_lower_than_plain() -> None:
    trigger = match()
    assert confidence(trigger, [ARNOR], [GONDOR], Modality(hypothetical=True)) < confidence(
        trigger, [ARNOR], [GONDOR], Modality()
    )


def test_confidence_coreference_resolved_actor_lowers_it() -> None:
    inferred = ActorRef(text="the country", country="ARN", resolved_by="coreference", confidence=0.6)
    trigger = match()
    direct = confidence(trigger, [ARNOR], [GONDOR], Modality())
    assert confidence(trigger, [inferred], [GONDOR], Modality()) < direct


def test_confidence_missing_recipient_lowers_it() -> None:
    trigger = match()
    assert confidence(trigger, [ARNOR], [], Modality()) < confidence(trigger, [ARNOR], [GONDOR], Modality())


def test_confidence_rises_with_specificity_and_stays_within_bounds() -> None:
    scores = [confidence(match(specificity=level), [ARNOR], [GONDOR], Modality()) for level in (1, 2, 3, 9)]
    assert scores[0] < scores[1] < scores[2] == scores[3] <= 1.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("100,000", 100_000.0),
        ("$5 million", 5e6),
        ("2.5 billion dollars", 2.5e9),
        ("1,500 troops", 1_500.0),
        ("40%", 40.0),
        ("two", None),
        ("", None),
    ],
)
def test_parse_number(text: str, expected: float | None) -> None:
    assert parse_number(text) == expected


def test_find_quantities_reads_amount_and_goods_of_the_object() -> None:
    # "Arnor donated 100,000 masks to Gondor."
    doc = Doc(
        VOCAB,
        words=["Arnor", "donated", "100,000", "masks", "to", "Gondor", "."],
        heads=[1, 1, 3, 1, 1, 4, 1],
        deps=["nsubj", "ROOT", "nummod", "dobj", "prep", "pobj", "punct"],
        pos=["PROPN", "VERB", "NUM", "NOUN", "ADP", "PROPN", "PUNCT"],
        lemmas=["Arnor", "donate", "100,000", "mask", "to", "Gondor", "."],
        ents=["B-GPE", "O", "B-CARDINAL", "O", "O", "B-GPE", "O"],
    )
    expected = Quantity(text="100,000 masks", value=100_000.0, unit="mask")
    assert list(find_quantities(doc[1], (1,))) == [expected]


def test_find_quantities_ignores_numbers_outside_the_trigger_phrase() -> None:
    # "Two officials said Arnor met Gondor." — the number belongs to the subject, not the event.
    doc = Doc(
        VOCAB,
        words=["Two", "officials", "said", "Arnor", "met", "Gondor", "."],
        heads=[1, 2, 2, 4, 2, 4, 2],
        deps=["nummod", "nsubj", "ROOT", "nsubj", "ccomp", "dobj", "punct"],
        pos=["NUM", "NOUN", "VERB", "PROPN", "VERB", "PROPN", "PUNCT"],
        ents=["B-CARDINAL", "O", "O", "B-GPE", "O", "B-GPE", "O"],
    )
    assert list(find_quantities(doc[4], (4,))) == []


def two_sentence_doc() -> Doc:
    """ "Arnor met Gondor.\\n\\n  Rohan left." with the blank line as a whitespace token."""
    return Doc(
        VOCAB,
        words=["Arnor", "met", "Gondor", ".", "\n\n ", "Rohan", "left", "."],
        spaces=[True, True, False, False, True, True, False, False],
        sent_starts=[True, False, False, False, True, False, False, False],
    )


@pytest.mark.parametrize(("index", "expected"), [(0, "Arnor met Gondor."), (1, "Rohan left.")])
def test_evidence_of_offsets_slice_the_doc_text(index: int, expected: str) -> None:
    doc = two_sentence_doc()
    evidence = evidence_of(list(doc.sents)[index])
    assert evidence.text == expected
    assert doc.text[evidence.start : evidence.end] == expected


def test_evidence_of_trailing_whitespace_is_trimmed() -> None:
    doc = Doc(VOCAB, words=["Arnor", "met", "Gondor", ".", "\n"], spaces=[True, True, False, False, False])
    evidence = evidence_of(doc[:])
    assert (evidence.text, evidence.start, evidence.end) == ("Arnor met Gondor.", 0, 17)


@pytest.fixture(scope="module")
def rules() -> DateRules:
    return DateRules.load()


def parsed(article: Article) -> ParsedArticle:
    return ParsedArticle(article=article, doc=Doc(VOCAB, words=article.text.split()))


@pytest.mark.parametrize(
    ("basis", "expected"),
    [
        ("header", EventDate("2020-03-30", "day", "header")),
        (None, EventDate("2020-03-30", "day", "metadata")),
    ],
    ids=["declared_basis", "default_basis"],
)
def test_publication_reference_uses_the_article_date(
    rules: DateRules, basis: str | None, expected: EventDate
) -> None:
    published = date(2020, 3, 30)
    article = Article(article_id="a1", text="Arnor met Gondor.", published=published, published_basis=basis)
    assert publication_reference(parsed(article), rules) == expected


def test_publication_reference_without_date_or_evidence_is_none(rules: DateRules) -> None:
    assert publication_reference(parsed(Article(article_id="a1", text="Arnor met Gondor.")), rules) is None


def test_publication_reference_infers_the_year_from_the_text(rules: DateRules) -> None:
    article = Article(article_id="a1", text="Arnor will host the summit in November 2031.")
    assert publication_reference(parsed(article), rules) == EventDate("2031", "year", "inferred")


IMPLICIT = {"PROTEST": ((frozenset({"CVL", "OPP"}), "GOV"),), "COERCE": ((frozenset({"COP"}), "CVL"),)}


def test_implied_recipients_protesters_act_on_their_own_government() -> None:
    protesters = ActorRef(text="Thousands of Arnorians", country="ARN", sector="CVL", resolved_by="gazetteer")
    implied = implied_recipients([protesters], "PROTEST", IMPLICIT)
    assert [(actor.country, actor.sector, actor.resolved_by) for actor in implied] == [
        ("ARN", "GOV", "implied")
    ]
    assert implied[0].confidence < protesters.confidence


@pytest.mark.parametrize(
    ("actor", "plover", "why"),
    [
        (
            ActorRef(text="Arnor", country="ARN", sector="GOV"),
            "PROTEST",
            "a government's protest names no target",
        ),
        (ActorRef(text="protesters", sector="CVL"), "PROTEST", "no country to act on"),
        (ActorRef(text="protesters", country="ARN", sector="CVL"), "CONSULT", "no rule for the type"),
    ],
)
def test_implied_recipients_only_where_the_table_says(actor: ActorRef, plover: str, why: str) -> None:
    assert implied_recipients([actor], plover, IMPLICIT) == [], why


def test_select_main_first_puts_the_trigger_nearest_the_root_first() -> None:
    # "Forces backed by Arnor attacked Gondor": tokens 0 Forces, 1 backed, 2 by, 3 Arnor, 4 attacked, 5 Gondor
    doc = Doc(VOCAB, words=["Forces", "backed", "by", "Arnor", "attacked", "Gondor"],
              heads=[4, 0, 1, 2, 4, 4], deps=["nsubj", "acl", "agent", "pobj", "ROOT", "dobj"])  # fmt: skip
    backing = candidate(match("support.back", cameo="051", plover="SUPPORT", token=1))
    attack = candidate(match("assault.attack", cameo="190", plover="ASSAULT", token=4))
    assert [c.match.entry.id for c in select([backing, attack], main_first=doc)] == [
        "assault.attack",
        "support.back",
    ]
    assert kept_ids([backing, attack]) == ["support.back", "assault.attack"]


def test_implied_recipients_police_repression_falls_on_their_own_population() -> None:
    police = ActorRef(text="Arnorian police", country="ARN", sector="COP", resolved_by="gazetteer")
    assert [(a.country, a.sector) for a in implied_recipients([police], "COERCE", IMPLICIT)] == [
        ("ARN", "CVL")
    ]


def test_implied_recipients_never_for_an_organisation() -> None:
    un = ActorRef(text="UN protesters", country="UNO", sector="CVL", resolved_by="gazetteer")
    assert implied_recipients([un], "PROTEST", IMPLICIT, frozenset({"ARN"})) == []
