"""World knowledge as data: countries, international organisations and sector terms, loaded and validated.

lexicons/data/{countries,organizations,sectors,not_places}.csv → `World`; every bad row is reported as
`file:line: field: expected X, found Y` in one LexiconError.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from legation.errors import LexiconError

DATA_DIR = Path(__file__).resolve().parent / "data"
COUNTRIES = "countries.csv"
ORGANIZATIONS = "organizations.csv"
SECTORS = "sectors.csv"
NOT_PLACES = "not_places.csv"
PLOVER_CONTEXTS = "plover_contexts.csv"

# A name listed for several countries must carry this mark in all listings but one (the default reading);
# marked in all of them, it is ambiguous and matched for none ("Congo": COD by default, "~Congo" for COG).
SECONDARY_MARK = "~"
LIST_SEPARATOR = "|"

REGIONS = frozenset({"Africa", "Americas", "Asia", "Europe", "Oceania", "Antarctica"})
# IMG: transnational armed groups (CAMEO), which belong to no one country.
NON_STATE_CODES = frozenset({"IGO", "UNO", "EUR", "NGO", "MNC", "IMG"})
# CAMEO-style regional codes an organisation may carry beside its non-state code.
REGION_CODES = frozenset(
    {
        "AFR",
        "ASA",
        "EUR",
        "LAM",
        "MEA",
        "NAF",
        "WAF",
        "EAF",
        "SAF",
        "CFR",
        "SAS",
        "SEA",
        "CAS",
        "CAU",
        "BLK",
        "BAL",
        "EEU",
        "WST",
        "NMR",
        "CRB",
        "SAM",
    }
)
# PLOVER / CAMEO actor sector codes (the GSR's JRN is written MED here, as in CAMEO).
SECTOR_CODES = frozenset(
    {
        "GOV",
        "MIL",
        "REB",
        "OPP",
        "PTY",
        "COP",
        "JUD",
        "SPY",
        "LEG",
        "BUS",
        "MED",
        "EDU",
        "CVL",
        "CRM",
        "LAB",
        "REF",
        "HLH",
        "ELI",
        "AGR",
        "ENV",
        "HRI",
        "DEV",
        "REL",
        "UAF",
        "NGO",
        "IGO",
    }
)
# "suffix": a word that ends a company's name ("Group", "Limited"), matched only capitalised after a name.
SECTOR_KINDS = frozenset({"title", "group", "organization", "suffix"})
# When one country lists the same form under several columns, the first kind here names the match.
PLACE_KINDS = ("country", "alias", "demonym", "capital", "city", "seat")

_ISO3 = re.compile(r"^[A-Z]{3}$")
_CONTEXT = re.compile(r"^[a-z][a-z_]*$")
_COUNTRY_COLUMNS = (
    "iso3",
    "name",
    "aliases",
    "demonyms",
    "capitals",
    "cities",
    "seats",
    "region",
    "subregion",
)
_ORGANIZATION_COLUMNS = ("code", "name", "aliases", "acronyms", "sector", "region")
_SECTOR_COLUMNS = ("phrase", "sector", "kind", "context")
_NOT_PLACE_COLUMNS = ("phrase", "note")
_KIND_COLUMN = {
    "alias": "aliases",
    "demonym": "demonyms",
    "capital": "capitals",
    "city": "cities",
    "seat": "seats",
}


@dataclass(frozen=True, slots=True)
class Country:
    """One ISO 3166-1 country or territory and the forms that name it in news."""

    iso3: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    cities: tuple[str, ...]  # cities and other places inside the country used as datelines or metonyms
    region: str
    seats: tuple[str, ...] = ()  # seats of power used as metonyms: "Kremlin", "White House"
    subregion: str = ""
    secondary: frozenset[str] = frozenset()  # forms marked "~": another country is their default reading

    def forms(self) -> Iterator[tuple[str, str]]:
        """Every (form, kind) of this country, the name first."""
        yield self.name, "country"
        for kind in PLACE_KINDS[1:]:
            for form in getattr(self, _KIND_COLUMN[kind]):
                yield form, kind


@dataclass(frozen=True, slots=True)
class Organization:
    """An international organisation with its PLOVER non-state code (IGO, UNO, EUR, NGO, MNC, IMG)."""

    code: str
    name: str
    aliases: tuple[str, ...]
    acronyms: tuple[str, ...]
    sector: str | None
    region: str | None = None

    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases, *self.acronyms)


@dataclass(frozen=True, slots=True)
class SectorTerm:
    """A lower-case title or role noun and its PLOVER sector ("foreign minister": GOV, diplomatic)."""

    phrase: str
    sector: str
    kind: (
        str  # "title" (a person's office), "group" (a collective), "organization" (a kind of body), "suffix"
    )
    context: str | None


@dataclass(frozen=True, slots=True)
class PlaceName:
    """One form a gazetteer matches, with the code it stands for and how it names it."""

    form: str
    code: str
    kind: str  # a PLACE_KINDS entry or "organization"


@dataclass(frozen=True, slots=True)
class World:
    """Countries, organisations and sector terms, validated; `not_places` are phrases that name no actor."""

    countries: tuple[Country, ...]
    organizations: tuple[Organization, ...]
    sector_terms: tuple[SectorTerm, ...]
    not_places: tuple[str, ...] = ()

    @classmethod
    def load(cls, data_dir: Path | None = None) -> World:
        """Read and validate the four files in `data_dir` (default: the package's data folder)."""
        folder = Path(data_dir) if data_dir is not None else DATA_DIR
        problems: list[str] = []
        countries = _read_countries(folder, problems)
        organizations = _read_organizations(folder, problems)
        sector_terms = _read_sectors(folder, _known_contexts(folder), problems)
        not_places = _read_not_places(folder, problems)
        world = cls(countries, organizations, sector_terms, not_places)
        if not problems:
            problems.extend(_cross_problems(world, folder))
        if problems:
            raise LexiconError("\n".join(problems))
        return world

    def actor_codes(self) -> frozenset[str]:
        """Every code an actor may carry: ISO3 countries, organisation codes, non-state and regional codes."""
        return (
            frozenset(country.iso3 for country in self.countries)
            | frozenset(organization.code for organization in self.organizations)
            | NON_STATE_CODES
            | REGION_CODES
        )

    def country(self, iso3: str) -> Country | None:
        """The country with this ISO3 code, or None."""
        return next((country for country in self.countries if country.iso3 == iso3), None)

    def place_names(self) -> tuple[PlaceName, ...]:
        """Every unambiguous form → code: country forms at their default reading, then organisation forms."""
        readings: dict[str, list[tuple[str, str, bool]]] = {}
        for country in self.countries:
            for form, kind in country.forms():
                readings.setdefault(form, []).append((country.iso3, kind, form in country.secondary))
        names: list[PlaceName] = []
        for form, listed in readings.items():
            chosen = [entry for entry in listed if not entry[2]] or (
                listed if len({e[0] for e in listed}) == 1 else []
            )
            if chosen:
                names.append(PlaceName(form, chosen[0][0], chosen[0][1]))
        names.extend(
            PlaceName(form, org.code, "organization") for org in self.organizations for form in org.forms()
        )
        return tuple(names)

    def ambiguous_names(self) -> frozenset[str]:
        """Forms that every listing marks secondary: they name several countries and none by default."""
        resolved = {name.form for name in self.place_names()}
        return frozenset(form for c in self.countries for form, _ in c.forms() if form not in resolved)


def fold(text: str) -> str:
    """A comparison key: accents removed, curly apostrophes straightened, case folded, spaces collapsed."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(text.casefold().split())


def _rows(
    folder: Path, file: str, columns: tuple[str, ...], problems: list[str]
) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a CSV with its line numbers; a missing file or column is one problem and yields nothing."""
    path = folder / file
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            found = tuple(reader.fieldnames or ())
            missing = [column for column in columns if column not in found]
            if missing:
                problems.append(
                    f"{file}:1: header: expected columns {', '.join(columns)}, found {', '.join(found)}"
                )
                return
            for line, row in enumerate(reader, start=2):
                if None in row or any(row[column] is None for column in columns):
                    problems.append(f"{file}:{line}: row: expected {len(found)} fields, found another number")
                    continue
                yield line, {key: (value or "").strip() for key, value in row.items() if key is not None}
    except OSError as error:
        problems.append(f"{file}:0: file: expected a readable file, found {error.strerror}")
    except UnicodeDecodeError as error:
        problems.append(f"{file}:0: file: expected UTF-8, found {error.reason}")


def _split(value: str, where: str, problems: list[str]) -> tuple[str, ...]:
    """A `|` list: every item non-empty and without surrounding spaces."""
    if not value:
        return ()
    items = tuple(value.split(LIST_SEPARATOR))
    for item in items:
        if not item or item != item.strip() or item == SECONDARY_MARK:
            problems.append(f"{where}: expected a |-separated list of non-empty names, found {value!r}")
            return tuple(item.strip() for item in items if item.strip() and item.strip() != SECONDARY_MARK)
    return items


def _read_countries(folder: Path, problems: list[str]) -> tuple[Country, ...]:
    countries: list[Country] = []
    first_line: dict[str, int] = {}
    for line, row in _rows(folder, COUNTRIES, _COUNTRY_COLUMNS, problems):
        where = f"{COUNTRIES}:{line}"
        iso3 = row["iso3"]
        if not _ISO3.match(iso3):
            problems.append(f"{where}: iso3: expected three upper-case letters, found {iso3!r}")
        elif iso3 in first_line:
            problems.append(
                f"{where}: iso3: expected a code not used before, found {iso3!r} (line {first_line[iso3]})"
            )
        first_line.setdefault(iso3, line)
        countries.append(_country(row, where, problems))
    problems.extend(_duplicate_problems(countries, first_line))
    return tuple(countries)


def _country(row: dict[str, str], where: str, problems: list[str]) -> Country:
    if not row["name"] or row["name"].startswith(SECONDARY_MARK):
        problems.append(f"{where}: name: expected a name, found {row['name']!r}")
    if row["region"] not in REGIONS:
        problems.append(
            f"{where}: region: expected one of {', '.join(sorted(REGIONS))}, found {row['region']!r}"
        )
    lists = {column: _split(row[column], f"{where}: {column}", problems) for column in _KIND_COLUMN.values()}
    if not lists["demonyms"]:
        problems.append(f"{where}: demonyms: expected at least one demonym, found none")
    secondary = frozenset(
        item[1:] for items in lists.values() for item in items if item.startswith(SECONDARY_MARK)
    )
    plain = {
        column: tuple(item.removeprefix(SECONDARY_MARK) for item in items) for column, items in lists.items()
    }
    return Country(
        iso3=row["iso3"],
        name=row["name"],
        aliases=plain["aliases"],
        demonyms=plain["demonyms"],
        capitals=plain["capitals"],
        cities=plain["cities"],
        region=row["region"],
        seats=plain["seats"],
        subregion=row["subregion"],
        secondary=secondary,
    )


def _duplicate_problems(countries: list[Country], lines: dict[str, int]) -> list[str]:
    """A form (compared folded) listed by several countries must be marked "~" in all listings but one."""
    listings: dict[str, list[tuple[Country, str, str]]] = {}
    for country in countries:
        for form, kind in country.forms():
            listings.setdefault(fold(form), []).append((country, form, kind))
    problems: list[str] = []
    for listed in listings.values():
        codes = {country.iso3 for country, _, _ in listed}
        plain = [(c, form, kind) for c, form, kind in listed if form not in c.secondary]
        if len(codes) > 1 and len({c.iso3 for c, _, _ in plain}) > 1:
            first, later = plain[0], plain[-1]
            column = "name" if later[2] == "country" else _KIND_COLUMN[later[2]]
            problems.append(
                f"{COUNTRIES}:{lines.get(later[0].iso3, 0)}: {column}: expected a name no other country uses "
                f"(or marked '{SECONDARY_MARK}'), found {later[1]!r} (also {first[0].iso3} at line "
                f"{lines.get(first[0].iso3, 0)})"
            )
    return problems


def _read_organizations(folder: Path, problems: list[str]) -> tuple[Organization, ...]:
    organizations: list[Organization] = []
    for line, row in _rows(folder, ORGANIZATIONS, _ORGANIZATION_COLUMNS, problems):
        where = f"{ORGANIZATIONS}:{line}"
        if row["code"] not in NON_STATE_CODES:
            problems.append(
                f"{where}: code: expected one of {', '.join(sorted(NON_STATE_CODES))}, found {row['code']!r}"
            )
        if not row["name"]:
            problems.append(f"{where}: name: expected a name, found ''")
        if row["sector"] and row["sector"] not in SECTOR_CODES:
            problems.append(
                f"{where}: sector: expected a PLOVER sector code or nothing, found {row['sector']!r}"
            )
        if row["region"] and row["region"] not in REGION_CODES:
            problems.append(
                f"{where}: region: expected a CAMEO regional code or nothing, found {row['region']!r}"
            )
        aliases = _split(row["aliases"], f"{where}: aliases", problems)
        acronyms = _split(row["acronyms"], f"{where}: acronyms", problems)
        organizations.append(
            Organization(
                row["code"], row["name"], aliases, acronyms, row["sector"] or None, row["region"] or None
            )
        )
    return tuple(organizations)


def _known_contexts(folder: Path) -> frozenset[str] | None:
    """PLOVER contexts from the ontology's table when it sits beside us (None: check the form only)."""
    path = folder / PLOVER_CONTEXTS
    if not path.is_file():
        return None
    with path.open(encoding="utf-8", newline="") as handle:
        return frozenset((row.get("context") or "").strip() for row in csv.DictReader(handle))


def _read_sectors(
    folder: Path, contexts: frozenset[str] | None, problems: list[str]
) -> tuple[SectorTerm, ...]:
    terms: list[SectorTerm] = []
    first_line: dict[str, int] = {}
    for line, row in _rows(folder, SECTORS, _SECTOR_COLUMNS, problems):
        where = f"{SECTORS}:{line}"
        phrase, sector, kind, context = row["phrase"], row["sector"], row["kind"], row["context"]
        if not phrase or phrase != phrase.lower() or "  " in phrase:
            problems.append(f"{where}: phrase: expected a lower-case phrase, found {phrase!r}")
        elif fold(phrase) in first_line:
            problems.append(
                f"{where}: phrase: expected a phrase not listed before, found {phrase!r} "
                f"(line {first_line[fold(phrase)]})"
            )
        first_line.setdefault(fold(phrase), line)
        if sector not in SECTOR_CODES:
            problems.append(f"{where}: sector: expected a PLOVER sector code, found {sector!r}")
        if kind not in SECTOR_KINDS:
            problems.append(
                f"{where}: kind: expected one of {', '.join(sorted(SECTOR_KINDS))}, found {kind!r}"
            )
        if context and (not _CONTEXT.match(context) or (contexts is not None and context not in contexts)):
            problems.append(f"{where}: context: expected a PLOVER context or nothing, found {context!r}")
        terms.append(SectorTerm(phrase, sector, kind, context or None))
    return tuple(terms)


def _read_not_places(folder: Path, problems: list[str]) -> tuple[str, ...]:
    if not (folder / NOT_PLACES).is_file():
        return ()
    phrases: list[str] = []
    for line, row in _rows(folder, NOT_PLACES, _NOT_PLACE_COLUMNS, problems):
        if not row["phrase"]:
            problems.append(f"{NOT_PLACES}:{line}: phrase: expected a phrase, found ''")
        phrases.append(row["phrase"])
    return tuple(phrase for phrase in phrases if phrase)


def _cross_problems(world: World, folder: Path) -> list[str]:
    """Organisation forms must not repeat across organisations or countries; not_places must name nothing."""
    owner: dict[str, str] = {
        fold(form): country.iso3 for country in world.countries for form, _ in country.forms()
    }
    problems: list[str] = []
    for line, org in enumerate(world.organizations, start=2):
        for form in dict.fromkeys(org.forms()):
            taken = owner.get(fold(form))
            if taken is not None and taken != org.name:
                problems.append(
                    f"{ORGANIZATIONS}:{line}: name: expected a form no other entry uses, "
                    f"found {form!r} (also {taken})"
                )
            owner.setdefault(fold(form), org.name)
    if (folder / NOT_PLACES).is_file():
        for line, phrase in enumerate(world.not_places, start=2):
            if fold(phrase) in owner:
                problems.append(
                    f"{NOT_PLACES}:{line}: phrase: expected a phrase that names no place, "
                    f"found {phrase!r} (a form of {owner[fold(phrase)]})"
                )
    return problems
