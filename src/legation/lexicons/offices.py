"""Dated office holders as data: lexicons/data/office_holders.csv → tuple[OfficeTerm], every row validated.

One row is one term of one person in one office (heads of state and government, foreign ministers); an empty
`end` means still in office when the file was written.
"""

from __future__ import annotations

import calendar
import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from legation.errors import LexiconError
from legation.lexicons.world import LIST_SEPARATOR, SECTOR_CODES

OFFICE_HOLDERS = "office_holders.csv"
COLUMNS = ("name", "aliases", "country", "role", "title", "sector", "start", "end")
ROLES = frozenset({"head_of_state", "head_of_government", "foreign_minister"})
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")


@dataclass(frozen=True, slots=True)
class OfficeTerm:
    """One person's term in one office: who, which country, which role and title, from `start` to `end`."""

    name: str
    aliases: tuple[str, ...]
    country: str
    role: str  # one of ROLES
    title: str  # "Minister of Foreign Affairs", "President", ...
    sector: str  # PLOVER sector while in office (GOV)
    start: date
    end: date | None  # None: still in office

    def covers(self, on: date) -> bool:
        """Whether the person held this office on day `on` (both ends included)."""
        return self.start <= on and (self.end is None or on <= self.end)


def parse_term_date(text: str, *, at_end: bool) -> date:
    """YYYY-MM-DD, or YYYY-MM when only the month is sure (its first day as a start, its last as an end)."""
    if _DAY.match(text):
        return date.fromisoformat(text)
    if _MONTH.match(text):
        year, month = int(text[:4]), int(text[5:])
        return date(year, month, calendar.monthrange(year, month)[1] if at_end else 1)
    raise ValueError(text)


def load_office_terms(path: Path, *, countries: frozenset[str]) -> tuple[OfficeTerm, ...]:
    """Read and validate the table; a LexiconError lists every bad row as `file:line: field: expected X, found
    Y`."""
    problems: list[str] = []
    terms: list[OfficeTerm] = []
    seen: dict[tuple[str, str, str, date], int] = {}
    for line, row in _rows(path, problems):
        term = _term(path.name, line, row, countries, problems)
        if term is None:
            continue
        key = (term.name, term.country, term.role, term.start)
        if key in seen:
            problems.append(
                f"{path.name}:{line}: row: expected one row per term, found a repeat of line {seen[key]}"
            )
            continue
        seen[key] = line
        terms.append(term)
    if problems:
        raise LexiconError("\n".join(problems))
    return tuple(terms)


def _rows(path: Path, problems: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            found = tuple(reader.fieldnames or ())
            if found[: len(COLUMNS)] != COLUMNS:
                problems.append(
                    f"{path.name}:1: header: expected {','.join(COLUMNS)}, found {','.join(found)}"
                )
                return
            for line, row in enumerate(reader, start=2):
                if None in row or any(row.get(column) is None for column in COLUMNS):
                    problems.append(
                        f"{path.name}:{line}: row: expected {len(COLUMNS)} fields, found another number"
                    )
                    continue
                yield line, {column: (row[column] or "").strip() for column in COLUMNS}
    except OSError as error:
        problems.append(f"{path.name}:0: file: expected a readable file, found {error.strerror}")
    except UnicodeDecodeError as error:
        problems.append(f"{path.name}:0: file: expected UTF-8, found {error.reason}")


def _term(
    file: str, line: int, row: dict[str, str], countries: frozenset[str], problems: list[str]
) -> OfficeTerm | None:
    where = f"{file}:{line}"
    before = len(problems)
    for column in ("name", "title"):
        if not row[column]:
            problems.append(f"{where}: {column}: expected text, found nothing")
    aliases = tuple(alias.strip() for alias in row["aliases"].split(LIST_SEPARATOR)) if row["aliases"] else ()
    if any(not alias for alias in aliases):
        problems.append(
            f"{where}: aliases: expected names separated by '|', found an empty one in {row['aliases']!r}"
        )
    if row["country"] not in countries:
        problems.append(
            f"{where}: country: expected an ISO3 code of countries.csv or EUR, found {row['country']!r}"
        )
    if row["role"] not in ROLES:
        problems.append(f"{where}: role: expected one of {', '.join(sorted(ROLES))}, found {row['role']!r}")
    if row["sector"] not in SECTOR_CODES:
        problems.append(f"{where}: sector: expected a PLOVER sector code, found {row['sector']!r}")
    start = _date(where, "start", row["start"], problems, at_end=False)
    end = _date(where, "end", row["end"], problems, at_end=True) if row["end"] else None
    if start is not None and end is not None and end < start:
        problems.append(f"{where}: end: expected a date on or after start {start}, found {row['end']!r}")
    if len(problems) > before or start is None:
        return None
    return OfficeTerm(
        row["name"], aliases, row["country"], row["role"], row["title"], row["sector"], start, end
    )


def _date(where: str, column: str, text: str, problems: list[str], *, at_end: bool) -> date | None:
    try:
        return parse_term_date(text, at_end=at_end)
    except ValueError:
        problems.append(f"{where}: {column}: expected a date YYYY-MM-DD or YYYY-MM, found {text!r}")
        return None
