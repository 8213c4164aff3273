"""Gazetteer: country, place, organisation and sector-term matches over blank-English Docs (no model)."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from legation.actors.gazetteer import Gazetteer, PlaceMatch, SectorMatch
from legation.lexicons.world import Country, Organization, SectorTerm, World


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.blank("en")


@pytest.fixture(scope="module")
def gazetteer(nlp: Language) -> Gazetteer:
    return Gazetteer(World.load(), nlp)


def country(iso3: str, name: str, **lists: tuple[str, ...]) -> Country:
    return Country(
        iso3=iso3,
        name=name,
        aliases=lists.get("aliases", ()),
        demonyms=lists.get("demonyms", ()),
        capitals=lists.get("capitals", ()),
        cities=lists.get("cities", ()),
        region="Europe",
        seats=lists.get("seats", ()),
        secondary=frozenset(lists.get("secondary", ())),
    )


@pytest.fixture(scope="module")
def middle_earth(nlp: Language) -> Gazetteer:
    """Fictional countries (PETRARCH's Arnor and Gondor) to test the mechanics without world knowledge."""
    world = World(
        countries=(
            country("ARN", "Arnor", aliases=("Old Arnor",), demonyms=("Arnorian",), cities=("~Bree",)),
            country("NAR", "North Arnor", demonyms=("North Arnorian",), cities=("~Bree",)),
            country(
                "GON", "Gondor", demonyms=("Gondorian",), capitals=("Minas Tirith",), seats=("White Tower",)
            ),
        ),
        organizations=(Organization("IGO", "Council of the Wise", ("White Council",), ("CotW",), "GOV"),),
        sector_terms=(
            SectorTerm("steward", "GOV", "title", None),
            SectorTerm("deputy steward of the realm", "GOV", "title", "executive"),
            SectorTerm("guards", "MIL", "group", "military"),
        ),
        not_places=("Arnor Sea",),
    )
    return Gazetteer(world, nlp)


def places(gazetteer: Gazetteer, nlp: Language, text: str) -> list[tuple[str, str, str]]:
    return [(match.text, match.code, match.kind) for match in gazetteer.places(nlp.make_doc(text))]


def sectors(gazetteer: Gazetteer, nlp: Language, text: str) -> list[tuple[str, str, str, str | None]]:
    return [(m.text, m.sector, m.kind, m.context) for m in gazetteer.sectors(nlp.make_doc(text))]


# Mechanics (fictional world)


def test_places_longest_match_wins(middle_earth: Gazetteer, nlp: Language) -> None:
    assert places(middle_earth, nlp, "North Arnor and Old Arnor met Arnor.") == [
        ("North Arnor", "NAR", "country"),
        ("Old Arnor", "ARN", "alias"),
        ("Arnor", "ARN", "country"),
    ]


def test_places_returns_doc_token_offsets(middle_earth: Gazetteer, nlp: Language) -> None:
    doc = nlp.make_doc("The steward of Gondor rode to Minas Tirith.")
    assert middle_earth.places(doc[4:]) == [
        PlaceMatch(6, 8, "Minas Tirith", "GON", "capital"),
    ]
    assert middle_earth.places(doc)[0] == PlaceMatch(3, 4, "Gondor", "GON", "country")


def test_places_skip_names_every_listing_marks_ambiguous(middle_earth: Gazetteer, nlp: Language) -> None:
    assert places(middle_earth, nlp, "They met in Bree.") == []
    assert middle_earth.country_of("Bree") is None


def test_places_not_place_phrase_blocks_the_name_inside(middle_earth: Gazetteer, nlp: Language) -> None:
    assert places(middle_earth, nlp, "Ships sailed the Arnor Sea to Gondor.") == [
        ("Gondor", "GON", "country")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("GONDORIAN guards", [("GONDORIAN", "GON", "demonym")]),
        ("the gondorian guards", []),
        ("Gondor's steward", [("Gondor", "GON", "country")]),
        ("Gondor’s steward", [("Gondor", "GON", "country")]),
        ("Gondorian-made swords", [("Gondorian", "GON", "demonym")]),
        ("the White Tower said", [("White Tower", "GON", "seat")]),
        (
            "the White Council and CotW",
            [("White Council", "IGO", "organization"), ("CotW", "IGO", "organization")],
        ),
    ],
)
def test_places_match_case_possessive_and_compounds(
    middle_earth: Gazetteer, nlp: Language, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert places(middle_earth, nlp, text) == expected


def test_sectors_longest_match_wins_case_insensitively(middle_earth: Gazetteer, nlp: Language) -> None:
    assert sectors(middle_earth, nlp, "The Deputy Steward of the Realm and the steward's guards") == [
        ("Deputy Steward of the Realm", "GOV", "title", "executive"),
        ("steward", "GOV", "title", None),
        ("guards", "MIL", "group", "military"),
    ]


def test_sectors_returns_doc_token_offsets(middle_earth: Gazetteer, nlp: Language) -> None:
    doc = nlp.make_doc("Gondor sent guards.")
    assert middle_earth.sectors(doc[1:]) == [SectorMatch(2, 3, "guards", "MIL", "group", "military")]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Gondor", "GON"),
        ("Gondor's", "GON"),
        ("Gondor’s", "GON"),
        ("the Gondorian", "GON"),
        ("  Minas   Tirith ", "GON"),
        ("GONDOR", "GON"),
        ("gondor", None),
        ("Council of the Wise", None),
        ("Rohan", None),
    ],
)
def test_country_of_normalises_the_text(middle_earth: Gazetteer, text: str, code: str | None) -> None:
    assert middle_earth.country_of(text) == code


@pytest.mark.parametrize("text", ["White Council", "CotW", "the Council of the Wise", "COTW"])
def test_organization_finds_every_form(middle_earth: Gazetteer, text: str) -> None:
    found = middle_earth.organization(text)
    assert found is not None and found.name == "Council of the Wise"


def test_organization_is_none_for_a_country(middle_earth: Gazetteer) -> None:
    assert middle_earth.organization("Gondor") is None


# The shipped world


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "South Korea’s Foreign Affairs Minister spoke to her Moroccan counterpart.",
            [("South Korea", "KOR", "country"), ("Moroccan", "MAR", "demonym")],
        ),
        ("Morocco's king", [("Morocco", "MAR", "country")]),
        (
            "the US and the U.S. and the UK",
            [("US", "USA", "alias"), ("U.S.", "USA", "alias"), ("UK", "GBR", "alias")],
        ),
        ("a U.S.-led coalition", [("U.S.", "USA", "alias")]),
        ("Kazakh-manufactured test kits", [("Kazakh", "KAZ", "demonym")]),
        (
            "North Korean and South Korean and Korean",
            [
                ("North Korean", "PRK", "demonym"),
                ("South Korean", "KOR", "demonym"),
                ("Korean", "KOR", "demonym"),
            ],
        ),
        (
            "Guinea-Bissau, Papua New Guinea, Equatorial Guinea and Guinea",
            [
                ("Guinea-Bissau", "GNB", "country"),
                ("Papua New Guinea", "PNG", "country"),
                ("Equatorial Guinea", "GNQ", "country"),
                ("Guinea", "GIN", "country"),
            ],
        ),
        ("Niger and Nigeria", [("Niger", "NER", "country"), ("Nigeria", "NGA", "country")]),
        ("South Sudan and Sudan", [("South Sudan", "SSD", "country"), ("Sudan", "SDN", "country")]),
        (
            "the Democratic Republic of Congo, the Republic of Congo and Congo-Brazzaville",
            [
                ("Democratic Republic of Congo", "COD", "alias"),
                ("Republic of Congo", "COG", "alias"),
                ("Congo-Brazzaville", "COG", "alias"),
            ],
        ),
        ("DRC troops in Congo", [("DRC", "COD", "alias"), ("Congo", "COD", "alias")]),
        ("Turkey served turkey", [("Turkey", "TUR", "country")]),
        ("TURKEY AND CHINA", [("TURKEY", "TUR", "country"), ("CHINA", "CHN", "country")]),
        (
            "Côte d’Ivoire and Cote d'Ivoire",
            [("Côte d’Ivoire", "CIV", "country"), ("Cote d'Ivoire", "CIV", "country")],
        ),
        (
            "The Kremlin, the Elysee and Downing Street",
            [("Kremlin", "RUS", "seat"), ("Elysee", "FRA", "seat"), ("Downing Street", "GBR", "seat")],
        ),
        (
            "officials in Rabat and Washington",
            [("Rabat", "MAR", "capital"), ("Washington", "USA", "capital")],
        ),
        ("New Mexico, the South China Sea and the Gulf of Guinea", []),
    ],
)
def test_places_in_news_sentences(
    gazetteer: Gazetteer, nlp: Language, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert places(gazetteer, nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("UNICEF", "UNO"),
        ("UNHCR", "UNO"),
        ("the U.N. Security Council", "UNO"),
        ("World Food Programme", "UNO"),
        ("WHO", "UNO"),
        ("the EU", "EUR"),
        ("European Commission", "EUR"),
        ("European Parliament", "EUR"),
        ("NATO", "IGO"),
        ("African Union", "IGO"),
        ("Arab League", "IGO"),
        ("Amnesty International", "NGO"),
        ("Human Rights Watch", "NGO"),
        ("Doctors Without Borders", "NGO"),
        ("Red Cross", "NGO"),
    ],
)
def test_places_code_organizations(gazetteer: Gazetteer, nlp: Language, text: str, code: str) -> None:
    [match] = gazetteer.places(nlp.make_doc(text))
    assert (match.code, match.kind) == (code, "organization")
    found = gazetteer.organization(match.text)
    assert found is not None and found.code == code


@pytest.mark.parametrize(
    ("text", "sector"), [("ICC", "JUD"), ("International Court of Justice", "JUD"), ("NATO", "MIL")]
)
def test_organization_carries_its_sector(gazetteer: Gazetteer, text: str, sector: str) -> None:
    found = gazetteer.organization(text)
    assert found is not None and found.sector == sector


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Deputy Foreign Minister", [("Deputy Foreign Minister", "GOV", "title", "diplomatic")]),
        (
            "the minister of foreign affairs and the FM",
            [
                ("minister of foreign affairs", "GOV", "title", "diplomatic"),
                ("FM", "GOV", "title", "diplomatic"),
            ],
        ),
        ("the health ministry", [("health ministry", "GOV", "group", "health")]),
        ("troops and police", [("troops", "MIL", "group", "military"), ("police", "COP", "group", "crime")]),
        ("the importers association", [("importers association", "BUS", "group", "economic")]),
        ("Prime Minister", [("Prime Minister", "GOV", "title", None)]),
    ],
)
def test_sectors_in_news_sentences(
    gazetteer: Gazetteer, nlp: Language, text: str, expected: list[tuple[str, str, str, str | None]]
) -> None:
    assert sectors(gazetteer, nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Morocco's", "MAR"),
        ("Morocco’s", "MAR"),
        ("the US", "USA"),
        ("U.S.", "USA"),
        ("Korean", "KOR"),
        ("Kremlin", "RUS"),
        ("The Hague", "NLD"),
        ("Ivory Coast", "CIV"),
        ("Cote d'Ivoire", "CIV"),
        ("Virgin Islands", None),
        ("turkey", None),
        ("UN", None),
    ],
)
def test_country_of_reads_the_shipped_world(gazetteer: Gazetteer, text: str, code: str | None) -> None:
    assert gazetteer.country_of(text) == code


def test_places_never_overlap_and_are_sorted(gazetteer: Gazetteer, nlp: Language) -> None:
    text = (
        "The U.N. Security Council, the Democratic Republic of the Congo, Papua New Guinea's prime minister, "
        "the Republic of Korea and North Korean envoys met in New York, Washington D.C. and Guinea."
    )
    matches = gazetteer.places(nlp.make_doc(text))
    spans = [(match.start, match.end) for match in matches]
    assert spans == sorted(spans)
    assert all(left[1] <= right[0] for left, right in zip(spans, spans[1:], strict=False))
    assert [match.code for match in matches] == ["UNO", "COD", "PNG", "KOR", "PRK", "USA", "USA", "GIN"]
