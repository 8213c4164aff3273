"""OfficeHolders: who is in office on a day, former holders as ELI, aliases, undated lookups; the table's
validation."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from legation.actors.officeholders import OfficeHolders, name_key
from legation.errors import LexiconError
from legation.lexicons import Lexicons
from legation.lexicons.offices import OFFICE_HOLDERS, OfficeTerm, load_office_terms

HEADER = "name,aliases,country,role,title,sector,start,end\n"
COUNTRIES = frozenset({"ARN", "GDR", "EUR"})  # Arnor and Gondor, PETRARCH's fictional test countries


def term(
    name: str,
    start: str,
    end: str | None,
    *,
    aliases: tuple[str, ...] = (),
    role: str = "foreign_minister",
    title: str = "Minister of Foreign Affairs",
    country: str = "ARN",
) -> OfficeTerm:
    return OfficeTerm(
        name,
        aliases,
        country,
        role,
        title,
        "GOV",
        date.fromisoformat(start),
        date.fromisoformat(end) if end else None,
    )


@pytest.fixture
def holders() -> OfficeHolders:
    return OfficeHolders([
        term("Aragorn Elessar", "2010-01-01", "2015-06-30", aliases=("Aragorn Elessar Telcontar",)),
        term("Aragorn Elessar", "2015-07-01", None, role="head_of_state", title="King"),
        term("Denethor Ecthelion", "2005-01-01", "2012-12-31", country="GDR", title="Steward"),
        term("Faramir Hurin", "2013-01-01", None, country="GDR", title="Steward"),
    ])  # fmt: skip


@pytest.mark.parametrize(
    ("name", "on", "sector", "title"),
    [
        ("Aragorn Elessar", date(2012, 3, 1), "GOV", "Minister of Foreign Affairs"),
        ("Aragorn Elessar", date(2020, 3, 1), "GOV", "King"),
        ("Denethor Ecthelion", date(2011, 5, 5), "GOV", "Steward"),
        ("Denethor Ecthelion", date(2013, 1, 1), "ELI", "former Steward"),
    ],
)
def test_lookup_codes_by_the_day(
    holders: OfficeHolders, name: str, on: date, sector: str, title: str
) -> None:
    known = holders.lookup(name, on)
    assert known is not None
    assert (known.sector, known.title, known.source) == (sector, title, "officeholders")


def test_lookup_former_holder_is_less_sure_than_a_current_one(holders: OfficeHolders) -> None:
    former = holders.lookup("Denethor Ecthelion", date(2014, 1, 1))
    current = holders.lookup("Faramir Hurin", date(2014, 1, 1))
    assert former is not None and current is not None
    assert former.confidence < current.confidence


@pytest.mark.parametrize(
    "name", ["Aragorn Elessar Telcontar", "aragorn-elessar", "ARAGORN  ELESSAR", "Áragorn Elessar"]
)
def test_lookup_matches_aliases_and_normalised_forms(holders: OfficeHolders, name: str) -> None:
    known = holders.lookup(name, date(2012, 1, 1))
    assert known is not None and known.name == "Aragorn Elessar" and known.country == "ARN"


def test_lookup_ignores_unknown_names(holders: OfficeHolders) -> None:
    assert holders.lookup("Gandalf", date(2012, 1, 1)) is None


def test_lookup_surname_is_the_one_holder_of_it_in_office_that_day(holders: OfficeHolders) -> None:
    known = holders.lookup("Elessar", date(2012, 1, 1))  # "President Bush", "Putin said"
    assert known is not None and (known.name, known.country, known.sector) == (
        "Aragorn Elessar",
        "ARN",
        "GOV",
    )
    full = holders.lookup("Aragorn Elessar", date(2012, 1, 1))
    assert full is not None and known.confidence < full.confidence


@pytest.mark.parametrize(
    ("name", "on", "why"),
    [
        ("Elessar", None, "no date: a surname alone is too weak"),
        ("Ecthelion", date(2014, 1, 1), "out of office that day"),
        ("Hurin", date(2014, 1, 1), "two holders named Hurin in office that day"),
    ],
)
def test_lookup_surname_refuses_when_unsure(
    holders: OfficeHolders, name: str, on: date | None, why: str
) -> None:
    twin = OfficeHolders(
        [*holders.terms, term("Turin Hurin", "2013-06-01", None, country="ROH", title="Marshal")]
    )
    assert twin.lookup(name, on) is None, why


def test_lookup_without_a_date_takes_the_latest_term_less_surely(holders: OfficeHolders) -> None:
    known = holders.lookup("Aragorn Elessar", None)
    dated = holders.lookup("Aragorn Elessar", date(2020, 1, 1))
    assert known is not None and dated is not None
    assert known.title == "King" and known.confidence < dated.confidence


def test_lookup_before_the_first_term_gives_the_country_only(holders: OfficeHolders) -> None:
    known = holders.lookup("Faramir Hurin", date(2000, 1, 1))
    assert known is not None and (known.country, known.sector) == ("GDR", None)


@pytest.mark.parametrize(
    ("country", "office", "on", "expected"),
    [
        ("GDR", "Steward", date(2010, 1, 1), "Denethor Ecthelion"),
        ("GDR", "steward", date(2014, 1, 1), "Faramir Hurin"),
        ("ARN", "foreign_minister", date(2011, 1, 1), "Aragorn Elessar"),
        ("ARN", "foreign_minister", date(2016, 1, 1), None),
    ],
)
def test_holder_of_finds_the_person_in_office(
    holders: OfficeHolders, country: str, office: str, on: date, expected: str | None
) -> None:
    known = holders.holder_of(country, office, on)
    assert (known.name if known else None) == expected


def test_name_key_folds_case_hyphens_and_accents() -> None:
    assert name_key("Kang Kyung-wha") == name_key("kang kyung wha") == name_key("Kang  Kyung Wha")
    assert name_key("Mevlüt Çavuşoğlu") == name_key("Mevlut Cavusoglu")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            "Aragorn,,XXX,foreign_minister,Minister,GOV,2010-01-01,",
            r"holders\.csv:2: country: expected an ISO3",
        ),
        ("Aragorn,,ARN,king,King,GOV,2010-01-01,", r"holders\.csv:2: role: expected one of"),
        (
            "Aragorn,,ARN,head_of_state,King,KNG,2010-01-01,",
            r"holders\.csv:2: sector: expected a PLOVER sector",
        ),
        ("Aragorn,,ARN,head_of_state,King,GOV,2010-13-01,", r"holders\.csv:2: start: expected a date"),
        (
            "Aragorn,,ARN,head_of_state,King,GOV,2010-01-01,2009-01-01",
            r"holders\.csv:2: end: expected a date on or after",
        ),
        ("Aragorn,a||b,ARN,head_of_state,King,GOV,2010-01-01,", r"holders\.csv:2: aliases: expected names"),
        (",,ARN,head_of_state,King,GOV,2010-01-01,", r"holders\.csv:2: name: expected text"),
        ("Aragorn,,ARN,head_of_state,King,GOV,2010-01-01", r"holders\.csv:2: row: expected 8 fields"),
    ],
)
def test_load_office_terms_reports_file_line_and_field(tmp_path: Path, row: str, message: str) -> None:
    path = tmp_path / OFFICE_HOLDERS
    path.write_text(HEADER + row + "\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=message):
        load_office_terms(path, countries=COUNTRIES)


def test_load_office_terms_lists_every_bad_row_and_repeats(tmp_path: Path) -> None:
    path = tmp_path / OFFICE_HOLDERS
    good = "Aragorn,,ARN,head_of_state,King,GOV,2010-01-01,"
    path.write_text(HEADER + f"{good}\nX,,QQQ,head_of_state,King,GOV,2010-01-01,\n{good}\n", encoding="utf-8")
    with pytest.raises(LexiconError) as error:
        load_office_terms(path, countries=COUNTRIES)
    assert [problem.split(":")[1] for problem in error.value.problems] == ["3", "4"]


def test_load_office_terms_reads_month_precision_as_month_bounds(tmp_path: Path) -> None:
    path = tmp_path / OFFICE_HOLDERS
    path.write_text(HEADER + "Aragorn,,ARN,head_of_state,King,GOV,2010-02,2012-02\n", encoding="utf-8")
    (loaded,) = load_office_terms(path, countries=COUNTRIES)
    assert (loaded.start, loaded.end) == (date(2010, 2, 1), date(2012, 2, 29))


def test_packaged_table_codes_known_holders_by_date() -> None:
    holders = OfficeHolders(Lexicons.load().office_terms)
    bourita = holders.lookup("Nasser Bourita", date(2020, 3, 30))
    kang = holders.lookup("Kang Kyung Wha", date(2020, 3, 30))
    kang_later = holders.lookup("Kang Kyung-wha", date(2022, 1, 1))
    assert bourita is not None and (bourita.country, bourita.sector) == ("MAR", "GOV")
    assert kang is not None and (kang.country, kang.sector) == ("KOR", "GOV")
    assert kang_later is not None and kang_later.sector == "ELI"
    minister = holders.holder_of("MAR", "foreign_minister", date(2020, 3, 30))
    assert minister is not None and minister.name == "Nasser Bourita"
