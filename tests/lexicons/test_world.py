"""World data: the shipped countries, organisations and sector terms, and the loader's validation."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from legation.errors import LexiconError
from legation.lexicons.world import NON_STATE_CODES, SECTOR_CODES, SECTOR_KINDS, World

COUNTRY_HEADER = "iso3,name,aliases,demonyms,capitals,cities,seats,region,subregion"
ARNOR = (
    "ARN,Arnor,Kingdom of Arnor|North Kingdom,Arnorian|Arnorians,Annuminas,Fornost,Tower Hall,Europe,North"
)
GONDOR = (
    "GON,Gondor,South Kingdom,Gondorian|Gondorians,Minas Tirith,Osgiliath|Pelargir,White Tower,Africa,South"
)
ORGANIZATION_HEADER = "code,name,aliases,acronyms,sector,region"
COUNCIL = "IGO,Council of Middle-earth,Free Peoples Council,CME,,EUR"
SECTOR_HEADER = "phrase,sector,kind,context"
STEWARD = "steward,GOV,title,"
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


@pytest.fixture(scope="module")
def world() -> World:
    return World.load()


def write_world(
    folder: Path,
    *,
    countries: tuple[str, ...] = (ARNOR, GONDOR),
    organizations: tuple[str, ...] = (COUNCIL,),
    sectors: tuple[str, ...] = (STEWARD,),
    not_places: tuple[str, ...] | None = None,
    country_header: str = COUNTRY_HEADER,
) -> Path:
    """Tiny world files (fictional countries) in `folder`."""
    files = {
        "countries.csv": (country_header, *countries),
        "organizations.csv": (ORGANIZATION_HEADER, *organizations),
        "sectors.csv": (SECTOR_HEADER, *sectors),
    }
    if not_places is not None:
        files["not_places.csv"] = ("phrase,note", *not_places)
    for name, lines in files.items():
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


# The shipped data


def test_world_lists_every_iso_country(world: World) -> None:
    assert len(world.countries) >= 249


def test_world_iso3_codes_are_unique_upper_case_letters(world: World) -> None:
    codes = [country.iso3 for country in world.countries]
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in codes)
    assert [code for code, count in Counter(codes).items() if count > 1] == []


def test_world_every_country_has_a_name_a_demonym_and_a_region(world: World) -> None:
    lacking = [c.iso3 for c in world.countries if not c.name or not c.demonyms or not c.region]
    assert lacking == []


@pytest.mark.parametrize(
    ("form", "code"),
    [
        ("Morocco", "MAR"),
        ("Moroccan", "MAR"),
        ("Moroccans", "MAR"),
        ("S. Korea", "KOR"),
        ("ROK", "KOR"),
        ("Republic of Korea", "KOR"),
        ("Korean", "KOR"),
        ("South Korean", "KOR"),
        ("DPRK", "PRK"),
        ("North Korean", "PRK"),
        ("UAE", "ARE"),
        ("Emirati", "ARE"),
        ("US", "USA"),
        ("U.S.", "USA"),
        ("USA", "USA"),
        ("America", "USA"),
        ("American", "USA"),
        ("UK", "GBR"),
        ("Britain", "GBR"),
        ("Great Britain", "GBR"),
        ("British", "GBR"),
        ("Briton", "GBR"),
        ("Holland", "NLD"),
        ("Ivory Coast", "CIV"),
        ("Burma", "MMR"),
        ("Czechia", "CZE"),
        ("Kazakh", "KAZ"),
        ("Kazakhstani", "KAZ"),
        ("Azerbaijani", "AZE"),
        ("Azeri", "AZE"),
        ("Peking", None),
        ("Beijing", "CHN"),
        ("Moscow", "RUS"),
        ("Kremlin", "RUS"),
        ("White House", "USA"),
        ("Elysee", "FRA"),
        ("Downing Street", "GBR"),
        ("DR Congo", "COD"),
        ("DRC", "COD"),
        ("Democratic Republic of Congo", "COD"),
        ("Republic of Congo", "COG"),
        ("Congo-Brazzaville", "COG"),
        ("Congo", "COD"),
        ("Congolese", "COD"),
        ("Niger", "NER"),
        ("Nigeria", "NGA"),
        ("Nigerien", "NER"),
        ("Nigerian", "NGA"),
        ("Georgia", "GEO"),
        ("Jordan", "JOR"),
        ("Chad", "TCD"),
        ("Dominican", "DOM"),
    ],
)
def test_world_place_names_read_common_forms(world: World, form: str, code: str | None) -> None:
    readings = {name.form: name.code for name in world.place_names()}
    assert readings.get(form) == code


def test_world_organizations_use_non_state_codes(world: World) -> None:
    assert {org.code for org in world.organizations} <= NON_STATE_CODES


@pytest.mark.parametrize(
    ("acronym", "code"),
    [
        ("UN", "UNO"),
        ("UNICEF", "UNO"),
        ("UNHCR", "UNO"),
        ("WFP", "UNO"),
        ("WHO", "UNO"),
        ("UNESCO", "UNO"),
        ("EU", "EUR"),
        ("NATO", "IGO"),
        ("AU", "IGO"),
        ("GCC", "IGO"),
        ("ASEAN", "IGO"),
        ("OPEC", "IGO"),
        ("ICC", "IGO"),
        ("ICJ", "UNO"),
        ("HRW", "NGO"),
        ("MSF", "NGO"),
        ("ICRC", "NGO"),
    ],
)
def test_world_organizations_code_agencies(world: World, acronym: str, code: str) -> None:
    matches = [org.code for org in world.organizations if acronym in org.acronyms]
    assert matches == [code]


def test_world_sector_terms_use_plover_sectors_and_kinds(world: World) -> None:
    assert len(world.sector_terms) >= 300
    assert {term.sector for term in world.sector_terms} <= SECTOR_CODES
    assert {term.kind for term in world.sector_terms} == SECTOR_KINDS


@pytest.mark.parametrize(
    ("phrase", "sector", "kind"),
    [
        ("deputy foreign minister", "GOV", "title"),
        ("minister of foreign affairs", "GOV", "title"),
        ("foreign affairs minister", "GOV", "title"),
        ("fm", "GOV", "title"),
        ("minister delegate", "GOV", "title"),
        ("king", "GOV", "title"),
        ("troops", "MIL", "group"),
        ("police", "COP", "group"),
        ("court", "JUD", "group"),
        ("lawmakers", "LEG", "group"),
        ("rebels", "REB", "group"),
        ("protesters", "OPP", "group"),
        ("ceo", "BUS", "title"),
        ("importers association", "BUS", "group"),
        ("health ministry", "GOV", "group"),
    ],
)
def test_world_sector_terms_code_titles_and_groups(world: World, phrase: str, sector: str, kind: str) -> None:
    terms = {term.phrase: term for term in world.sector_terms}
    assert (terms[phrase].sector, terms[phrase].kind) == (sector, kind)


def test_world_ambiguous_names_are_the_fully_marked_ones(world: World) -> None:
    assert "Virgin Islands" in world.ambiguous_names()
    assert "Congo" not in world.ambiguous_names()


@pytest.mark.shared
def test_world_covers_every_country_code_of_the_plover_gold(world: World) -> None:
    gold = SHARED / "gold" / "plover-gsr-dev.json"
    if not gold.is_file():
        pytest.skip("../shared is absent")
    records = json.loads(gold.read_text(encoding="utf-8"))
    roles = [record.get(role) or [] for record in records for role in ("source", "target")]
    codes = {actor["code"] for role in roles if isinstance(role, list) for actor in role}
    # CAMEO's own codes (JAP, ITL) and non-state groups (IMG, ISM) are not ISO 3166-1.
    codes -= NON_STATE_CODES | {"JAP", "ITL", "IMG", "ISM"}
    assert codes - {country.iso3 for country in world.countries} == set()


# Loading tiny files


def test_world_load_reads_fictional_files(tmp_path: Path) -> None:
    world = World.load(write_world(tmp_path))
    arnor = world.country("ARN")
    assert arnor is not None
    assert arnor.aliases == ("Kingdom of Arnor", "North Kingdom")
    assert (arnor.demonyms, arnor.seats) == (("Arnorian", "Arnorians"), ("Tower Hall",))
    assert (world.organizations[0].region, world.organizations[0].sector) == ("EUR", None)
    assert world.sector_terms[0].context is None


def test_world_load_without_not_places_file_has_none(tmp_path: Path) -> None:
    assert World.load(write_world(tmp_path)).not_places == ()


def test_world_secondary_mark_keeps_the_default_reading(tmp_path: Path) -> None:
    gondor = GONDOR.replace("Gondorian|", "Gondorian|~Arnorian|")
    world = World.load(write_world(tmp_path, countries=(ARNOR, gondor)))
    assert {name.form: name.code for name in world.place_names()}["Arnorian"] == "ARN"
    assert world.ambiguous_names() == frozenset()


def test_world_marking_every_listing_makes_a_name_ambiguous(tmp_path: Path) -> None:
    arnor = ARNOR.replace("Fornost", "~Dunedain")
    gondor = GONDOR.replace("Osgiliath", "~Dunedain")
    world = World.load(write_world(tmp_path, countries=(arnor, gondor)))
    assert "Dunedain" not in {name.form for name in world.place_names()}
    assert world.ambiguous_names() == frozenset({"Dunedain"})


@pytest.mark.parametrize(
    ("countries", "message"),
    [
        ((ARNOR.replace("ARN", "Ar1", 1),), r"countries.csv:2: iso3: expected three upper-case letters"),
        ((ARNOR, GONDOR.replace("GON", "ARN", 1)), r"countries.csv:3: iso3: expected a code not used before"),
        (
            (ARNOR, GONDOR.replace("Osgiliath", "Fornost")),
            r"countries.csv:3: cities: expected a name no other .*'Fornost' \(also ARN at line 2\)",
        ),
        ((ARNOR, GONDOR.replace("South Kingdom", "ARNORIAN")), r"countries.csv:3: aliases: expected a name"),
        ((ARNOR.replace("Europe", "Middle-earth"),), r"countries.csv:2: region: .*'Middle-earth'"),
        ((ARNOR.replace("Arnorian|Arnorians", ""),), r"countries.csv:2: demonyms: expected at least one"),
        ((ARNOR.replace("Fornost", "Fornost||Bree"),), r"countries.csv:2: cities: expected a \|-separated"),
        ((ARNOR.replace(",Arnor,", ",,"),), r"countries.csv:2: name: expected a name, found ''"),
        ((ARNOR + ",extra",), r"countries.csv:2: row: expected 9 fields"),
    ],
)
def test_world_load_rejects_bad_countries(tmp_path: Path, countries: tuple[str, ...], message: str) -> None:
    with pytest.raises(LexiconError, match=message):
        World.load(write_world(tmp_path, countries=countries))


def test_world_load_rejects_a_missing_column(tmp_path: Path) -> None:
    header = COUNTRY_HEADER.replace(",seats", "")
    rows = (ARNOR.replace(",Tower Hall", ""),)
    with pytest.raises(LexiconError, match=r"countries.csv:1: header: expected columns .*seats"):
        World.load(write_world(tmp_path, countries=rows, country_header=header))


@pytest.mark.parametrize(
    ("organization", "message"),
    [
        ("XYZ,Council of Middle-earth,,CME,,", r"organizations.csv:2: code: expected one of .*found 'XYZ'"),
        ("IGO,Council of Middle-earth,,CME,WIZ,", r"organizations.csv:2: sector: expected a PLOVER .*'WIZ'"),
        ("IGO,Council of Middle-earth,,CME,,MORDOR", r"organizations.csv:2: region: .*'MORDOR'"),
        ("IGO,Council of Middle-earth,Gondor,CME,,", r"organizations.csv:2: name: .*'Gondor'"),
    ],
)
def test_world_load_rejects_bad_organizations(tmp_path: Path, organization: str, message: str) -> None:
    with pytest.raises(LexiconError, match=message):
        World.load(write_world(tmp_path, organizations=(organization,)))


@pytest.mark.parametrize(
    ("sector", "message"),
    [
        ("steward,WIZ,title,", r"sectors.csv:3: sector: expected a PLOVER sector code, found 'WIZ'"),
        ("steward,GOV,person,", r"sectors.csv:3: kind: expected one of .*found 'person'"),
        ("Steward,GOV,title,", r"sectors.csv:3: phrase: expected a lower-case phrase, found 'Steward'"),
        ("steward,GOV,title,", r"sectors.csv:3: phrase: expected a phrase not listed before, .*\(line 2\)"),
        ("ranger,MIL,group,Wild Lands", r"sectors.csv:3: context: expected a PLOVER context or nothing"),
    ],
)
def test_world_load_rejects_bad_sector_terms(tmp_path: Path, sector: str, message: str) -> None:
    with pytest.raises(LexiconError, match=message):
        World.load(write_world(tmp_path, sectors=(STEWARD, sector)))


def test_world_load_checks_contexts_against_the_ontology_table(tmp_path: Path) -> None:
    folder = write_world(tmp_path, sectors=("ranger,MIL,group,military", "healer,HLH,group,magic"))
    contexts = "context,description\nmilitary,armed forces\n"
    (folder / "plover_contexts.csv").write_text(contexts, encoding="utf-8")
    with pytest.raises(LexiconError, match=r"sectors.csv:3: context: expected a PLOVER context .*'magic'"):
        World.load(folder)


def test_world_load_rejects_a_not_place_that_names_a_place(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match=r"not_places.csv:3: phrase: expected a phrase that names no"):
        World.load(write_world(tmp_path, not_places=("Dead Marshes,marsh", "Minas Tirith,a capital")))


def test_world_load_reports_every_problem_of_every_file(tmp_path: Path) -> None:
    countries = (ARNOR.replace("ARN", "arn", 1), GONDOR.replace("Africa", "Atlantis"))
    folder = write_world(tmp_path, countries=countries, sectors=("steward,WIZ,title,",))
    with pytest.raises(LexiconError) as caught:
        World.load(folder)
    lines = str(caught.value).splitlines()
    assert [line.split(": ")[0:2] for line in lines] == [
        ["countries.csv:2", "iso3"],
        ["countries.csv:3", "region"],
        ["sectors.csv:2", "sector"],
    ]


def test_world_load_names_a_missing_file(tmp_path: Path) -> None:
    folder = write_world(tmp_path)
    (folder / "sectors.csv").unlink()
    with pytest.raises(LexiconError, match=r"sectors.csv:0: file: expected a readable file"):
        World.load(folder)
