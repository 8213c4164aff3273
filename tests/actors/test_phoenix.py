"""Phoenix/PETRARCH actor dictionaries: names, aliases, dated codes → registry entries; codes → country and
sector."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from legation.actors.phoenix import map_code, parse_code, parse_date, phrase_to_name, read_phoenix
from legation.actors.registry import ActorRegistry
from legation.errors import InputError

# Our own tiny dictionary in the TABARI/PETRARCH layout, with fictional actors (Arnor ARN, Gondor GDR).
DICTIONARY = """\
# fictional actors for the tests
ARNOR_  [ARN]
+NORTH_KINGDOM_

ARAGORN_ELESSAR_  # a dated career
+STRIDER_
\t[ARNELI 900101-001231]
\t[ARNGOV >010101]
FARAMIR_HURIN_
\t[GDRMIL <091231]
\t[GDRGOV 20100101-20151231]
\t[ELI]
WHITE_COUNCIL_ [IGOUNO] # an organisation on one line
RANGERS_OF_THE_NORTH_ [---]
"""


@pytest.fixture
def dictionary(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.actors.txt"
    path.write_text(DICTIONARY, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("USAGOV", ("USA", "GOV")),
        ("MARGOVFRM", ("MAR", "GOV")),
        ("AFGELI", ("AFG", "ELI")),
        ("IGOUNO", ("UNO", None)),
        ("IGOEUREEC", ("EUR", None)),
        ("NGOHLH", ("NGO", "HLH")),
        ("ELI", (None, "ELI")),
        ("JAPGOV", ("JPN", "GOV")),
    ],
)
def test_map_code_gives_country_and_sector(code: str, expected: tuple[str | None, str | None]) -> None:
    assert map_code(code, aliases={"JAP": "JPN"}) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("011222", date(2001, 12, 22)), ("320101", date(1932, 1, 1)), ("300101", date(2030, 1, 1)),
     ("19270101", date(1927, 1, 1))],
)  # fmt: skip
def test_parse_date_reads_two_digit_years_as_tabari_does(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("USAGOV 19890120-19930120", (date(1989, 1, 20), date(1993, 1, 20))),
        ("USAGOV >011222", (date(2001, 12, 22), None)),
        ("USAGOV <900823", (None, date(1990, 8, 23))),
        ("USAGOV", (None, None)),
    ],
)
def test_parse_code_honours_date_ranges(text: str, dates: tuple[date | None, date | None]) -> None:
    code = parse_code(text)
    assert code is not None and (code.valid_from, code.valid_until) == dates


@pytest.mark.parametrize(
    ("text", "message"), [("USAGOV 9008223-911221", "YYMMDD"), ("usagov", "a code like")]
)
def test_parse_code_rejects_malformed_codes(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_code(text)


def test_read_phoenix_reads_names_aliases_and_dated_codes(dictionary: Path) -> None:
    entries = list(read_phoenix(dictionary))
    strider = [entry for entry in entries if entry.name_key == "strider"]
    assert {entry.name for entry in strider} == {"Aragorn Elessar"}
    assert {(entry.sector, entry.valid_from, entry.valid_until) for entry in strider} == {
        ("ELI", date(1990, 1, 1), date(2000, 12, 31)),
        ("GOV", date(2001, 1, 1), None),
    }
    assert {entry.source for entry in entries} == {"phoenix"}


def test_read_phoenix_skips_places_and_uncoded_entries(dictionary: Path) -> None:
    names = {entry.name for entry in read_phoenix(dictionary)}
    assert names == {"Aragorn Elessar", "Faramir Hurin", "White Council"}


def test_read_phoenix_bare_sector_keeps_the_actors_country(dictionary: Path) -> None:
    registry = ActorRegistry(read_phoenix(dictionary))
    later = registry.lookup("Faramir Hurin", date(2020, 1, 1))
    during = registry.lookup("Faramir Hurin", date(2012, 1, 1))
    assert later is not None and (later.country, later.sector) == ("GDR", "ELI")
    assert during is not None and (during.country, during.sector) == ("GDR", "GOV")


def test_read_phoenix_reports_a_bad_code_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.actors.txt"
    path.write_text("GOOD_ [ARNGOV]\nBAD_\n\t[ARNGOV 9913-]\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.actors\.txt:3: code"):
        list(read_phoenix(path))
    problems: list[str] = []
    assert [entry.name for entry in read_phoenix(path, problems=problems)] == ["Good"]
    assert problems and problems[0].startswith("bad.actors.txt:3: code")


def test_read_phoenix_rejects_a_code_line_before_any_name(tmp_path: Path) -> None:
    path = tmp_path / "orphan.actors.txt"
    path.write_text("\t[ARNGOV]\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"orphan\.actors\.txt:1: code: expected a name line"):
        list(read_phoenix(path))


def test_phrase_to_name_turns_underscores_into_words() -> None:
    assert phrase_to_name("JEAN-MARIE_GUEHENNO_") == "Jean-Marie Guehenno"


@pytest.mark.shared
def test_read_phoenix_reads_the_published_dictionary(shared_dir: Path) -> None:
    path = shared_dir / "reference" / "Phoenix.International.actors.txt"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    problems: list[str] = []
    registry = ActorRegistry(read_phoenix(path, problems=problems))
    assert len(registry) > 1000 and len(problems) < 10
    during = registry.lookup("Kofi Annan", date(2000, 1, 1))
    after = registry.lookup("Kofi Annan", date(2010, 1, 1))
    assert during is not None and during.country == "UNO" and during.sector is None
    assert after is not None and after.sector == "ELI"
