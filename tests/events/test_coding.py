"""Constructions of issue 4 coded end to end by the real pipeline, on sentences we wrote (marked `model`)."""

from __future__ import annotations

from datetime import date

import pytest

from legation.model import Event
from legation.pipeline import Pipeline, build_pipeline
from legation.settings import load_settings

PUBLISHED = date(2024, 5, 15)

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def all_events() -> Pipeline:
    """Events with or without a named recipient (require_dyad off), as for domestic event data."""
    return build_pipeline(load_settings(env={}, overrides={"require_dyad": False}))


def coded(
    pipeline: Pipeline, text: str
) -> list[tuple[str, str, tuple[str | None, ...], tuple[str | None, ...]]]:
    return [summary(event) for event in pipeline.code_text(text, published=PUBLISHED)]


def summary(event: Event) -> tuple[str, str, tuple[str | None, ...], tuple[str | None, ...]]:
    actors = tuple(actor.country for actor in event.actor)
    recipients = tuple(actor.country for actor in event.recipient)
    return event.plover.event, event.cameo.code, actors, recipients


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Norway said on Monday it would impose sanctions on Belarus.", ("THREATEN", "13")),
        ("Japan plans to give humanitarian aid to Nepal.", ("AGREE", "033")),
        ("Kenya is willing to withdraw its troops from Somalia.", ("AGREE", "035")),
    ],
)
def test_coding_announced_acts_become_threats_or_agreements(
    all_events: Pipeline, text: str, expected: tuple[str, str]
) -> None:
    events = coded(all_events, text)
    assert events, text
    plover, cameo = events[0][0], events[0][1]
    assert (plover, cameo[: len(expected[1])]) == expected


def test_coding_reported_obligation_is_the_speakers_demand(shared_pipeline: Pipeline) -> None:
    events = coded(
        shared_pipeline, "Germany said on Tuesday that Serbia must withdraw its police from Kosovo."
    )
    assert events[0][:2] == ("REQUEST", "100")
    assert events[0][2:] == (("DEU",), ("SRB",))


def test_coding_object_with_a_nationality_is_the_recipient(shared_pipeline: Pipeline) -> None:
    assert coded(shared_pipeline, "Estonia expelled two Russian diplomats on Friday.")[0][2:] == (
        ("EST",),
        ("RUS",),
    )


def test_coding_partner_of_an_infinitive_clause_is_the_recipient(shared_pipeline: Pipeline) -> None:
    events = coded(
        shared_pipeline, "The Georgian parliament threatened on Monday to cut relations with Russia."
    )
    assert ("THREATEN", ("GEO",), ("RUS",)) in [(event[0], event[2], event[3]) for event in events]


def test_coding_main_event_of_the_sentence_comes_first(shared_pipeline: Pipeline) -> None:
    text = "Peruvian troops backed by Brazilian aircraft attacked rebel camps in Colombia on Sunday."
    assert coded(shared_pipeline, text)[0][0] == "ASSAULT"


def test_coding_domestic_protest_is_aimed_at_the_own_government(all_events: Pipeline) -> None:
    events = all_events.code_text(
        "Thousands of Chilean students protested in Santiago on Friday.", published=PUBLISHED
    )
    protest = next(event for event in events if event.plover.event == "PROTEST")
    assert [(actor.country, actor.sector) for actor in protest.recipient] == [("CHL", "GOV")]


def test_coding_domestic_protest_naming_no_place_is_aimed_at_the_own_government(all_events: Pipeline) -> None:
    events = all_events.code_text("Thousands of Chilean students protested on Friday.", published=PUBLISHED)
    protest = next(event for event in events if event.plover.event == "PROTEST")
    assert [(actor.country, actor.sector, actor.resolved_by) for actor in protest.recipient] == [
        ("CHL", "GOV", "implied")
    ]


def test_coding_domestic_recipient_of_another_sector_is_kept(shared_pipeline: Pipeline) -> None:
    events = coded(shared_pipeline, "The Sudanese government accused Darfur rebels of attacking a convoy.")
    assert ("ACCUSE", ("SDN",), ("SDN",)) in [(event[0], event[2], event[3]) for event in events]


def test_coding_declined_to_comment(all_events: Pipeline) -> None:
    events = all_events.code_text(
        "The Chilean embassy declined to comment on the report.", published=PUBLISHED
    )
    assert [event.cameo.code for event in events] == ["011"]


@pytest.mark.parametrize(
    ("text", "assault"),
    [
        ("Ethiopian troops fought Eritrean forces near the border.", True),
        ("Kurdish fighters fought against Turkish troops.", True),
        ("Ghana and Togo agreed to fight the pandemic together.", False),
        ("Senegal joined the fight against malaria.", False),
    ],
)
def test_coding_fighting_a_disease_or_a_crisis_is_no_assault(
    all_events: Pipeline, text: str, assault: bool
) -> None:
    events = all_events.code_text(text, published=PUBLISHED)
    assert any(event.plover.event == "ASSAULT" for event in events) is assault


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Turkey said it would not meet the demands of the Greek government.", ("REJECT", "124")),
        ("Chile refused to release the Peruvian prisoners.", ("REJECT", "12")),
        ("The Chilean government released the Peruvian prisoners on Monday.", ("RETREAT", "0841")),
    ],
)
def test_coding_not_yielding_is_a_refusal(all_events: Pipeline, text: str, expected: tuple[str, str]) -> None:
    events = coded(all_events, text)
    assert events and (events[0][0], events[0][1][: len(expected[1])]) == expected


def test_coding_ending_a_mediation_is_a_sanction(all_events: Pipeline) -> None:
    assert coded(all_events, "Norway ended its mediation efforts in Sri Lanka on Friday.")[0][:2] == (
        "SANCTION",
        "165",
    )


def test_coding_target_placed_by_where_it_is(shared_pipeline: Pipeline) -> None:
    events = coded(shared_pipeline, "Turkish jets bombed positions near Kobani on Tuesday.")
    assert events[0][0] == "ASSAULT" and events[0][2:] == (("TUR",), ("SYR",))


def test_coding_partner_after_a_usual_preposition(shared_pipeline: Pipeline) -> None:
    events = coded(shared_pipeline, "Palestinian police confiscated weapons from Israeli settlers on Friday.")
    assert ("COERCE", ("PSE",), ("ISR",)) in [(event[0], event[2], event[3]) for event in events]


def test_coding_coordinated_nationalities_sharing_one_noun_are_both_sides(shared_pipeline: Pipeline) -> None:
    events = coded(shared_pipeline, "Indian and Chinese negotiators held talks in Moscow on Monday.")
    assert any(event[0] == "CONSULT" and {*event[2], *event[3]} == {"IND", "CHN"} for event in events), events


def test_coding_protest_without_a_target_is_aimed_where_it_happens(all_events: Pipeline) -> None:
    events = coded(all_events, "Kurdish prisoners rioted at a jail in southern Turkey on Monday.")
    assert ("PROTEST", ("TUR",)) in [(event[0], event[3]) for event in events], events


def test_coding_conditional_attack_is_no_threat(all_events: Pipeline) -> None:
    events = all_events.code_text("Norway will defend Iceland if it is attacked.", published=PUBLISHED)
    attack = next(event for event in events if event.trigger == "attacked")
    assert attack.plover.event == "ASSAULT" and attack.modality.hypothetical


def test_coding_transnational_armed_group_has_its_own_code(shared_pipeline: Pipeline) -> None:
    events = coded(shared_pipeline, "Al-Qaeda threatened to attack Denmark over the cartoons.")
    assert ("THREATEN", ("IMG",), ("DNK",)) in [(event[0], event[2], event[3]) for event in events], events


def test_coding_nominal_conflict_placed_on_its_verb(shared_pipeline: Pipeline) -> None:
    events = coded(shared_pipeline, "Sudanese militias were engaged in ethnic cleansing in Chad last year.")
    assert ("ASSAULT", ("SDN",), ("TCD",)) in [(event[0], event[2], event[3]) for event in events], events
