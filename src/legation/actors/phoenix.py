"""PETRARCH/Phoenix actor dictionaries (TABARI format) → registry entries with dated codes honoured.

A name line (`HAMID_KARZAI_`), alias lines (`+KARZAI_`), code lines (`[AFGGOV >011222]`,
`[AFGELI 750101-000101]`) and `#` comments. A code is split into 3-letter parts: the first names the country,
the first known sector after it the PLOVER sector. Bare country entries (`AFGHANISTAN_ [AFG]` and its
provinces) are places, not actors: skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from legation.actors.registry import RegistryEntry, make_entry
from legation.errors import InputError
from legation.lexicons.world import SECTOR_CODES

CODE = re.compile(r"\[([^\]]*)\]")
DATES = re.compile(
    r"^(?:(?P<from>\d{6,8})?\s*-\s*(?P<until>\d{6,8})?|>\s*(?P<after>\d{6,8})|<\s*(?P<before>\d{6,8})"
    r"|(?P<single>\d{6,8}))$"
)
CODE_WORD = re.compile(r"^~?[A-Z][A-Z0-9]{2,}$")
# CAMEO's international codes whose second part PLOVER uses as the country
# ("IGOUNO" → UNO, "IGOEUREEC" → EUR).
NON_STATE = frozenset({"IGO", "NGO", "MNC"})
NON_STATE_SECOND = frozenset({"UNO", "EUR"})
CONFIDENCE = 0.7  # dictionaries are dated (mostly before 2018) and hand-made
PIVOT = 30  # TABARI/PETRARCH: YY from 00 to 30 is 20YY, otherwise 19YY


@dataclass(frozen=True, slots=True)
class PhoenixCode:
    """One bracketed code of an actor, mapped to country and sector, with its dates."""

    code: str
    country: str | None
    sector: str | None
    valid_from: date | None = None
    valid_until: date | None = None


@dataclass
class _Block:
    """The actor being read: its name line, aliases and codes (mutable while reading one entry only)."""

    name: str
    line: int
    aliases: list[str] = field(default_factory=list)
    codes: list[PhoenixCode] = field(default_factory=list)


def parse_date(text: str) -> date:
    """YYYYMMDD or YYMMDD (00-30 → 20YY, else 19YY, as TABARI and PETRARCH read them); ValueError
    otherwise."""
    if len(text) not in {6, 8}:
        raise ValueError(f"expected a date YYMMDD or YYYYMMDD, found {text!r}")
    if len(text) == 6:
        year = int(text[:2])
        year += 2000 if year <= PIVOT else 1900
        return date(year, int(text[2:4]), int(text[4:6]))
    return date(int(text[:4]), int(text[4:6]), int(text[6:8]))


def map_code(code: str, *, aliases: Mapping[str, str] | None = None) -> tuple[str | None, str | None]:
    """A Phoenix code → (country, PLOVER sector): "USAGOV" → (USA, GOV), "IGOUNO" → (UNO, None),
    "ELI" → (None, ELI)."""
    bare = code.lstrip("~")
    parts = [bare[index : index + 3] for index in range(0, len(bare), 3)]
    if not parts:
        return None, None
    if parts[0] in SECTOR_CODES and parts[0] not in NON_STATE:
        return None, parts[0]  # a bare sector ("[ELI]", agents' "[~GOV]")
    country = (aliases or {}).get(parts[0], parts[0])
    rest = parts[1:]
    if country in NON_STATE and rest and rest[0] in NON_STATE_SECOND:
        country, rest = rest[0], rest[1:]
    sector = next((part for part in rest if part in SECTOR_CODES), None)
    return country, sector


def parse_code(text: str, *, aliases: Mapping[str, str] | None = None) -> PhoenixCode | None:
    """The inside of one bracket ("AFGGOV 790916-791227") → PhoenixCode; "---" (no code) → None."""
    word, _, dates = text.strip().partition(" ")
    if word.startswith("---") or not word:
        return None
    if not CODE_WORD.match(word):
        raise ValueError(f"expected a code like USAGOV, found {word!r}")
    country, sector = map_code(word, aliases=aliases)
    try:
        valid_from, valid_until = _dates(dates.strip())
    except ValueError as error:
        raise ValueError(f"[{text.strip()}]: {error}") from error
    return PhoenixCode(word, country, sector, valid_from, valid_until)


def _dates(text: str) -> tuple[date | None, date | None]:
    if not text:
        return None, None
    match = DATES.match(text)
    if match is None:
        raise ValueError(f"expected dates like 790916-791227, >011222 or <900823, found {text!r}")
    groups = {key: parse_date(value) if value else None for key, value in match.groupdict().items()}
    if match.group("after") or match.group("single"):
        return groups["after"] or groups["single"], None
    if match.group("before"):
        return None, groups["before"]
    return groups["from"], groups["until"]


def read_phoenix(
    path: str | Path, *, aliases: Mapping[str, str] | None = None, problems: list[str] | None = None
) -> Iterator[RegistryEntry]:
    """Registry entries (source "phoenix"), one per name form and dated code.

    A malformed code is an InputError with file:line, or, when `problems` is given, is listed there and left
    out (the published dictionaries hold a few typos, like a seven-digit date).
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8", errors="strict").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read a Phoenix dictionary: {error}") from error
    for block in _blocks(path, lines, aliases or {}, problems):
        yield from _entries(block)


def _blocks(
    path: Path, lines: Iterable[str], aliases: Mapping[str, str], problems: list[str] | None
) -> Iterator[_Block]:
    block: _Block | None = None
    for number, raw in enumerate(lines, start=1):
        text = raw.split("#", 1)[0].rstrip()
        if not text.strip() or text.lstrip().startswith("<!"):
            continue
        head, codes = _split_codes(text, f"{path.name}:{number}", aliases, problems)
        if text[0] in " \t" and not head:
            if block is None:
                raise InputError(
                    f"{path}:{number}: code: expected a name line before it, found {text.strip()!r}"
                )
            block.codes.extend(codes)
        elif head.startswith("+"):
            if block is None:
                raise InputError(f"{path}:{number}: alias: expected a name line before it, found {head!r}")
            block.aliases.append(head[1:])
            block.codes.extend(codes)
        else:
            if block is not None:
                yield block
            block = _Block(head, number, codes=list(codes))
    if block is not None:
        yield block


def _split_codes(
    text: str, where: str, aliases: Mapping[str, str], problems: list[str] | None
) -> tuple[str, list[PhoenixCode]]:
    codes: list[PhoenixCode] = []
    for match in CODE.finditer(text):
        try:
            code = parse_code(match.group(1), aliases=aliases)
        except ValueError as error:
            if problems is None:
                raise InputError(f"{where}: code: {error}") from error
            problems.append(f"{where}: code: {error}")
            continue
        if code is not None:
            codes.append(code)
    return CODE.sub(" ", text).strip(), codes


def _entries(block: _Block) -> Iterator[RegistryEntry]:
    codes = [code for code in block.codes if code.country is not None or code.sector is not None]
    if not codes or all(len(code.code.lstrip("~")) == 3 and code.sector is None for code in codes):
        return  # no code, or a place: the gazetteer's business
    name = phrase_to_name(block.name)
    # A bare sector ("[ELI]" after the dated terms) is about the same actor: it keeps the block's country.
    country = next((code.country for code in codes if code.country is not None), None)
    codes = [replace(code, country=country) if code.country is None else code for code in codes]
    for form in dict.fromkeys([block.name, *block.aliases]):
        for code in codes:
            entry = make_entry(
                phrase_to_name(form),
                source="phoenix",
                country=code.country,
                sector=code.sector,
                confidence=CONFIDENCE,
                valid_from=code.valid_from,
                valid_until=code.valid_until,
            )
            yield replace(entry, name=name)


def phrase_to_name(phrase: str) -> str:
    """ "HAMID_KARZAI_" → "Hamid Karzai" (underscores are spaces; capitalised word by word, hyphens kept)."""
    words = phrase.replace("_", " ").split()
    return " ".join(
        "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-")) for word in words
    )
