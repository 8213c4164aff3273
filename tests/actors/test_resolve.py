"""Actor resolution patterns on sentences written for these tests (model-marked: the patterns live in the
parse)."""

from __future__ import annotations

from datetime import date

import pytest

from legation.actors.knowledge import KnownActor
from legation.actors.mentions import text_mentions
from legation.actors.resolve import ActorResolver
from legation.model import ActorRef, Article
from legation.pipeline import Pipeline

pytestmark = pytest.mark.model


def mentions_of(pipeline: Pipeline, text: str) -> list[ActorRef]:
    return text_mentions(pipeline, text)


def find(found: list[ActorRef], words: str) -> ActorRef:
    """The mention whose text contains `words` and is shortest (the most specific)."""
    chosen = [actor for actor in found if words in actor.text]
    assert chosen, f"no mention contains {words!r}: {[actor.text for actor in found]}"
    return min(chosen, key=lambda actor: len(actor.text))


@pytest.mark.parametrize(
    ("text", "words", "country", "sector"),
    [
        ("Kenya's Foreign Minister Amara Odhiambo met reporters.", "Odhiambo", "KEN", "GOV"),
        ("Peruvian FM Lucia Vargas arrived on Tuesday.", "Vargas", "PER", "GOV"),
        (
            "The deputy prime minister, minister of foreign affairs of Kazakhstan, Arman Sadykov, spoke.",
            "Sadykov",
            "KAZ",
            "GOV",
        ),
        ("South Korean manufacturer Hanbit Devices signed a contract.", "Hanbit", "KOR", "BUS"),
        ("The Moroccan Agency for Rural Development (MARD) opened an office.", "Agency", "MAR", "GOV"),
        ("Thousands of Nigerians marched through the capital.", "Nigerians", "NGA", "CVL"),
        ("NATO-member Norway sent a frigate.", "Norway", "NOR", None),
        ("Vietnamese-led forces crossed the border.", "forces", "VNM", "MIL"),
    ],
)
def test_resolve_phrase_patterns(
    shared_pipeline: Pipeline, text: str, words: str, country: str, sector: str | None
) -> None:
    actor = find(mentions_of(shared_pipeline, text), words)
    assert (actor.country, actor.sector) == (country, sector)


@pytest.mark.parametrize(
    "text",
    [
        "Ambassador of Chile to Norway Pablo Reyes Soto presented his letters.",
        "Bayramova and Ambassador of Chile to Norway Pablo Reyes Soto signed the act.",
        "The Chilean ambassador to Norway, Pablo Reyes Soto, presented his letters.",
    ],
)
def test_resolve_envoy_belongs_to_sending_state(shared_pipeline: Pipeline, text: str) -> None:
    actor = find(mentions_of(shared_pipeline, text), "Reyes")
    assert (actor.country, actor.sector) == ("CHL", "GOV")


def test_resolve_host_country_alone_stays_itself(shared_pipeline: Pipeline) -> None:
    found = mentions_of(shared_pipeline, "The Chilean ambassador to Norway spoke to the press.")
    assert find(found, "Norway").country == "NOR"
    assert find(found, "ambassador").country == "CHL"


def test_resolve_counterpart_takes_own_country(shared_pipeline: Pipeline) -> None:
    text = "Kenya's Foreign Minister Amara Odhiambo called her Peruvian counterpart Lucia Vargas."
    found = mentions_of(shared_pipeline, text)
    assert find(found, "Vargas").country == "PER"
    assert find(found, "Odhiambo").country == "KEN"


def test_resolve_coordinated_nationalities_share_the_noun(shared_pipeline: Pipeline) -> None:
    found = mentions_of(shared_pipeline, "U.S. and Russian negotiators met in Geneva.")
    assert {(actor.country, actor.sector) for actor in found if actor.sector} >= {
        ("USA", "GOV"),
        ("RUS", "GOV"),
    }
    assert find(found, "U.S.").sector == "GOV"


@pytest.mark.parametrize(
    ("text", "words", "wrong"),
    [
        ("The pro-Iranian militia attacked a convoy.", "militia", "IRN"),
        ("An anti-Syria journalist was wounded in Beirut.", "journalist", "SYR"),
        ("Ethnic Albanians protested in Skopje, Macedonia.", "Albanians", "ALB"),
    ],
)
def test_resolve_stance_and_ethnicity_are_not_nationality(
    shared_pipeline: Pipeline, text: str, words: str, wrong: str
) -> None:
    found = [actor for actor in mentions_of(shared_pipeline, text) if words in actor.text]
    assert all(actor.country != wrong for actor in found)


def test_resolve_later_mentions_point_back(shared_pipeline: Pipeline) -> None:
    text = (
        "Peruvian Foreign Minister Lucia Vargas met Kenya's Foreign Minister Amara Odhiambo. "
        "Later, Vargas said the talks went well. The Kenyan official agreed."
    )
    found = mentions_of(shared_pipeline, text)
    later = [actor for actor in found if actor.text == "Vargas"]
    assert later and later[0].country == "PER" and later[0].resolved_by == "context"
    assert find(found, "Kenyan official").country == "KEN"


def test_resolve_misspelt_name_points_back(shared_pipeline: Pipeline) -> None:
    text = "Kenya's Foreign Minister Amara Odhiambo arrived. Then Amarah Odiambo thanked the hosts."
    found = [actor for actor in mentions_of(shared_pipeline, text) if "Odiambo" in actor.text]
    assert found and (found[0].country, found[0].name) == ("KEN", "Amara Odhiambo")


def test_resolve_the_two_countries_is_the_pair(shared_pipeline: Pipeline) -> None:
    text = "Kenya and Peru signed a trade deal. The two countries will meet again in May."
    context = shared_pipeline.coder.resolver.prepare(
        next(iter(shared_pipeline.parser([Article(article_id="t", text=text)])))
    )
    head = next(token for token in context.doc if token.text == "countries")
    assert {actor.country for actor in shared_pipeline.coder.resolver.resolve(head, context)} == {
        "KEN",
        "PER",
    }


class FakeKnowledge:
    """A knowledge source that knows one person on or after one day."""

    def lookup(self, name: str, on: date | None) -> KnownActor | None:
        if name == "Tomas Brandt" and on is not None and on >= date(2020, 1, 1):
            return KnownActor("Tomas Brandt", "DEU", "GOV", "Chancellor", source="officeholders")
        return None


def resolver_with_knowledge(pipeline: Pipeline) -> ActorResolver:
    base = pipeline.coder.resolver
    return ActorResolver(base.gazetteer, base.common_words, knowledge=(FakeKnowledge(),))


@pytest.mark.parametrize(("published", "country"), [(date(2021, 5, 1), "DEU"), (date(2010, 5, 1), None)])
def test_resolve_asks_knowledge_sources_for_named_actors(
    shared_pipeline: Pipeline, published: date, country: str | None
) -> None:
    article = Article(article_id="t", text="Tomas Brandt spoke on Monday.", published=published)
    parsed = next(iter(shared_pipeline.parser([article])))
    actor = find(resolver_with_knowledge(shared_pipeline).mentions(parsed), "Brandt")
    assert actor.country == country
    if country:
        assert (actor.sector, actor.resolved_by) == ("GOV", "officeholders")


def test_resolve_counterpart_takes_the_other_sides_title(shared_pipeline: Pipeline) -> None:
    text = "Kenya's Foreign Minister Amara Odhiambo called her Peruvian counterpart Lucia Vargas on Friday."
    actor = find(mentions_of(shared_pipeline, text), "Vargas")
    assert (actor.country, actor.sector, actor.title) == ("PER", "GOV", "Foreign Minister")


@pytest.mark.parametrize(
    ("text", "words", "country", "sector"),
    [
        # a company named after its description, parsed as an apposition of the first conjunct
        (
            "On May 2, the Kenyan government and Peruvian medical supply manufacturer and distributor "
            "Andes Medica closed a deal.",
            "Andes Medica",
            "PER",
            "BUS",
        ),
        # "Group" ends a company's name; "National" inside it says nothing of the sector
        (
            "On May 2, Kenya and Peru National Tea Group Limited (PNTG) signed an agreement.",
            "Tea Group",
            "PER",
            "BUS",
        ),
        # "its president" of an exporters' association heads a business body
        (
            "A delegation from the Peru Exporters Association, led by its president Jorge Salas, "
            "held talks in Nairobi.",
            "Jorge Salas",
            "PER",
            "BUS",
        ),
        # an agency named after a country, with its acronym, is one government actor
        (
            "The firm signed a deal with the Peruvian Agency for Mining and Export Promotion (PAMEP) "
            "on Monday.",
            "Mining and Export Promotion (PAMEP)",
            "PER",
            "GOV",
        ),
        # a city named as where something happens is its people; as a subject, its government
        ("Kenyan troops fired shells at targets in Mombasa on Friday.", "Mombasa", "KEN", "CVL"),
        ("Nairobi welcomed the decision on Friday.", "Nairobi", "KEN", "GOV"),
    ],
)
def test_resolve_named_organisations_and_places(
    shared_pipeline: Pipeline, text: str, words: str, country: str, sector: str
) -> None:
    actor = find(mentions_of(shared_pipeline, text), words)
    assert (actor.country, actor.sector) == (country, sector)


def test_resolve_acronym_from_word_starts_points_back(shared_pipeline: Pipeline) -> None:
    text = "The Kenya Tea Exporters Association met buyers in Lima. Later, KTEA said prices would rise."
    actor = find(mentions_of(shared_pipeline, text), "KTEA")
    assert (actor.country, actor.sector, actor.name) == ("KEN", "BUS", "Kenya Tea Exporters Association")


def test_resolve_title_in_apposition_after_the_name(shared_pipeline: Pipeline) -> None:
    text = (
        "Peru signed a trade deal with Kenya. The Kenyan delegation met Lucia Vargas, the Minister Delegate "
        "in charge of Foreign Trade, in Lima."
    )
    actor = find(mentions_of(shared_pipeline, text), "Lucia Vargas")
    assert (actor.title, actor.sector) == ("Minister Delegate", "GOV")


def test_resolve_named_office_holder_is_not_the_person_before(shared_pipeline: Pipeline) -> None:
    text = (
        "Peru signed a vaccine deal with China. Peru will make the vaccine, and Peru will test it. "
        "Chinese President Wei Lin praised the deal. "
        "Minister of Health Lucia Vargas said the trials start soon."
    )
    actor = find(mentions_of(shared_pipeline, text), "Lucia Vargas")
    assert (actor.country, actor.sector, actor.name) == ("PER", "GOV", "Lucia Vargas")


@pytest.mark.parametrize(
    "text",
    [
        "COVID-19 spread quickly across Kenya.",
        "Ebola reached Monrovia last week.",
        "Kenya fought COVID-19 with tests from Peru.",
    ],
)
def test_resolve_diseases_are_never_actors(shared_pipeline: Pipeline, text: str) -> None:
    found = mentions_of(shared_pipeline, text)
    assert [actor for actor in found if actor.name in {"COVID-19", "Ebola"}] == []
    assert all("COVID" not in actor.text or actor.country for actor in found)


def test_mentions_hyphenated_name_whole_and_no_nested_duplicates(shared_pipeline: Pipeline) -> None:
    text = (
        "Japanese Foreign Minister Yoko Kamikawa called her South Korean counterpart Cho Tae-yul. "
        "Tae-yul thanked her."
    )
    found = mentions_of(shared_pipeline, text)
    assert [(actor.text, actor.name, actor.country) for actor in found] == [
        ("Japanese Foreign Minister Yoko Kamikawa", "Yoko Kamikawa", "JPN"),
        ("her South Korean counterpart Cho Tae-yul", "Cho Tae-yul", "KOR"),
        ("Tae-yul", "Cho Tae-yul", "KOR"),
    ]


def test_resolve_regional_description_points_to_the_country_of_that_region(shared_pipeline: Pipeline) -> None:
    text = (
        "Egypt bought wheat from a Brazilian exporter. "
        "Brazil will ship more grain to the north African country."
    )
    country = find(mentions_of(shared_pipeline, text), "the north African country")
    assert (country.country, country.resolved_by) == ("EGY", "coreference")
