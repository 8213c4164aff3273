"""Plain text → Regions of boilerplate (link lists, read-also, social, bylines, credits...) and the dateline.

Regions are exact offsets into the unchanged text. Cue words are data (lexicons/data/boilerplate.csv,
columns cue,kind,language); the shapes they appear in (whole line, line start, list, dateline) are rules here.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from legation.errors import LexiconError
from legation.model import Region

DEFAULT_CUES = Path(__file__).resolve().parents[1] / "lexicons" / "data" / "boilerplate.csv"
CUE_HEADER = ("cue", "kind", "language")
CUE_KINDS = frozenset(
    {
        "section",
        "read_also",
        "social",
        "cookie",
        "subscribe",
        "copyright",
        "byline",
        "credit",
        "photo_credit",
        "agency",
        "not_place",
    }
)
# Longest line (in words) each line-start kind may mark: longer lines are prose that happens to start alike.
LINE_START_MAX_WORDS = MappingProxyType(
    {"social": 25, "cookie": 60, "subscribe": 30, "copyright": 25, "credit": 40}
)
HEADLINE_MAX_WORDS = 20

_LANGUAGE = re.compile(r"^[a-z]{2}$")
_SEPARATOR = re.compile(r"^\\?(?:[-–—*=_#~•·.]\s*){2,}$")
_BULLET = r"[-–—•*·▪►»]\s+"
_TIME = r"\d{1,2}[:h]\d{2}(?:\s*[ap]\.?m\.?)?\s+"
_LIST_ITEM = re.compile(rf"^(?P<bullet>{_BULLET})?(?P<time>{_TIME})?(?P<rest>.*)$", re.IGNORECASE)
_NAV_SPLIT = re.compile(r"\s+[|·•]\s+")
_UPPER = "A-ZÀ-ÖØ-Þ"
_WORD = rf"[{_UPPER}][\w'’.\-]*"
_PARTICLE = r"(?:de|del|des|du|da|do|di|es|el|al|la|le|of|upon|am|an|sur)"
_PLACE = rf"{_WORD}(?:[ ](?:{_PARTICLE}[ ])?{_WORD}){{0,3}}"
_PLACES = rf"(?P<place>{_PLACE}(?:(?:\s*/\s*|,\s*){_PLACE}){{0,3}})"
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE = rf"(?:(?:,\s*|\s+)(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})(?:,?\s+\d{{4}})?)"
_DASH = r"(?:--|[-–—])"
_NAME = (
    rf"[{_UPPER}][\w'’\-]*\.?(?:\s+(?:(?:al|el|de|da|del|der|di|du|van|von|bin|ben|la|le)[\s\-])?"
    rf"[{_UPPER}][\w'’\-]*\.?){{0,4}}"
)
_AFFILIATION = rf"[{_UPPER}][\w'’&.\-]*(?:\s+[\w'’&.\-]+){{0,6}}"


@dataclass(frozen=True, slots=True)
class Cue:
    """One row of boilerplate.csv."""

    cue: str
    kind: str
    language: str


@dataclass(frozen=True, slots=True)
class BoilerplateRules:
    """Compiled rules built from the cues; build once with `load_rules()` and pass it to the finders."""

    section: re.Pattern[str]
    read_also: re.Pattern[str]
    line_starts: tuple[tuple[str, re.Pattern[str]], ...]
    byline: re.Pattern[str]
    photo_credit: re.Pattern[str]
    credit_note: re.Pattern[str]
    datelines: tuple[re.Pattern[str], ...]
    bare_dateline: re.Pattern[str]
    not_place: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Line:
    start: int  # offset of the first non-space character
    end: int  # offset after the last non-space character
    text: str


def read_cues(path: Path = DEFAULT_CUES) -> tuple[Cue, ...]:
    """Read and validate boilerplate.csv; every problem is reported at once as a LexiconError."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
    except (OSError, UnicodeDecodeError) as error:
        raise LexiconError(f"{path}: cannot read boilerplate cues: {error}") from error
    problems: list[str] = []
    if not rows or tuple(rows[0]) != CUE_HEADER:
        found = ",".join(rows[0]) if rows else "an empty file"
        raise LexiconError(f"{path}:1: header: expected {','.join(CUE_HEADER)}, found {found}")
    cues: list[Cue] = []
    seen: dict[tuple[str, str], int] = {}
    for line, row in enumerate(rows[1:], start=2):
        cue = _check_row(row, where=f"{path}:{line}", problems=problems)
        if cue is None:
            continue
        key = (cue.cue.casefold(), cue.kind)
        if key in seen:
            problems.append(
                f"{path}:{line}: cue: expected a cue not listed before (line {seen[key]}), found {cue.cue!r}"
            )
            continue
        seen[key] = line
        cues.append(cue)
    if problems:
        raise LexiconError("\n".join(problems))
    return tuple(cues)


def load_rules(path: Path = DEFAULT_CUES) -> BoilerplateRules:
    """Read the cue file and compile the rules."""
    return compile_rules(read_cues(path))


def compile_rules(cues: Iterable[Cue]) -> BoilerplateRules:
    """Build the regular expressions of every rule from the cue words."""
    by_kind: dict[str, list[str]] = {kind: [] for kind in CUE_KINDS}
    for cue in cues:
        by_kind[cue.kind].append(cue.cue)
    agencies = _alternation(by_kind["agency"])
    photo = rf"{_alternation(by_kind['photo_credit'])}\s*(?::|\bby\b|©|/|\||–|—|-)"
    bylines = _alternation([*by_kind["byline"], *(cue.upper() for cue in by_kind["byline"])])
    return BoilerplateRules(
        section=re.compile(rf"^(?:{_BULLET})?{_alternation(by_kind['section'])}\s*[:»›>]?$", re.IGNORECASE),
        read_also=re.compile(rf"^{_alternation(by_kind['read_also'])}\s*(?P<rest>.*)$", re.IGNORECASE),
        line_starts=tuple(
            (kind, re.compile(rf"^\(?{_alternation(by_kind[kind])}", re.IGNORECASE))
            for kind in LINE_START_MAX_WORDS
        ),
        byline=re.compile(
            rf"^{bylines}\s+{_NAME}(?:\s*(?:,|&|\band\b)\s*{_NAME})*(?:\s*[,|/–—-]\s*{_AFFILIATION})?$"
        ),
        photo_credit=re.compile(rf"^\(?{photo}", re.IGNORECASE),
        credit_note=re.compile(
            rf"\(\s*(?:(?P<credit>{_alternation(by_kind['credit'])})|{photo})[^()\n]*\)", re.IGNORECASE
        ),
        datelines=(
            re.compile(
                rf"(?:{_PLACES})?{_DATE}?\s*(?:,|{_DASH})?\s*\((?:{agencies})\)(?:\s*{_DASH})?(?=\s|$)"
            ),
            re.compile(rf"{_PLACES}{_DATE}?\s*\({_WORD}(?:[ ]{_WORD}){{0,3}}\)\s*{_DASH}(?=\s|$)"),
            re.compile(rf"{_PLACES}{_DATE}?,\s*(?:{agencies})(?:\s*{_DASH})?(?=\s|$)"),
        ),
        bare_dateline=re.compile(rf"{_PLACES}{_DATE}?\s*(?P<dash>{_DASH})(?=\s)"),
        not_place=frozenset(cue.casefold() for cue in by_kind["not_place"]),
    )


def find_boilerplate(text: str, *, rules: BoilerplateRules | None = None) -> tuple[Region, ...]:
    """Regions of `text` that are boilerplate, sorted by offset; prose paragraphs are never marked."""
    rules = rules or load_rules()
    lines = _lines(text)
    regions: list[Region] = []
    index = 0
    while index < len(lines):
        region, index = _match_block(lines, index, rules)
        if region is not None:
            regions.append(region)
    for note in _credit_notes(text, rules):
        if not any(note.start < region.end and region.start < note.end for region in regions):
            regions.append(note)
    return tuple(sorted(regions, key=lambda region: (region.start, region.end)))


def find_dateline(
    text: str, *, rules: BoilerplateRules | None = None, max_paragraphs: int = 3
) -> tuple[Region | None, str | None]:
    """The dateline ("RABAT, Morocco —", "BEIJING (Reuters) -") at the start of one of the first paragraphs.

    Returns its region (the dateline characters only, kind "dateline") and its place, or (None, None).
    Three paragraphs are tried because pages often keep a headline and a teaser line before the dateline.
    """
    rules = rules or load_rules()
    for line in _lines(text)[:max_paragraphs]:
        found = _match_dateline(line, rules)
        if found is not None:
            return found
    return None, None


def _check_row(row: Sequence[str], *, where: str, problems: list[str]) -> Cue | None:
    if len(row) != len(CUE_HEADER):
        problems.append(f"{where}: row: expected {len(CUE_HEADER)} fields, found {len(row)}")
        return None
    cue, kind, language = row
    before = len(problems)
    if not cue.strip() or cue != cue.strip():
        problems.append(f"{where}: cue: expected a phrase without surrounding spaces, found {cue!r}")
    if kind not in CUE_KINDS:
        problems.append(f"{where}: kind: expected one of {', '.join(sorted(CUE_KINDS))}, found {kind!r}")
    if not _LANGUAGE.match(language):
        problems.append(f"{where}: language: expected a two-letter ISO 639-1 code, found {language!r}")
    return Cue(cue, kind, language) if len(problems) == before else None


def _alternation(cues: Iterable[str]) -> str:
    """A regex group matching any cue as whole words (longest first); never matches when there are none."""
    parts = [
        re.escape(cue) + (r"(?!\w)" if cue[-1].isalnum() else "")
        for cue in sorted(set(cues), key=len, reverse=True)
    ]
    return f"(?:{'|'.join(parts)})" if parts else "(?!)"


def _lines(text: str) -> list[_Line]:
    """Non-blank lines with the offsets of their stripped content."""
    lines = []
    for match in re.finditer(r"[^\n]+", text):
        content = match.group()
        stripped = content.strip()
        if stripped:
            start = match.start() + len(content) - len(content.lstrip())
            lines.append(_Line(start, start + len(stripped), stripped))
    return lines


def _match_block(lines: list[_Line], index: int, rules: BoilerplateRules) -> tuple[Region | None, int]:
    """The boilerplate block starting at lines[index] (or None) and the index of the next unexamined line."""
    line = lines[index]
    if _SEPARATOR.match(line.text):
        return Region(line.start, line.end, "separator"), index + 1
    if rules.section.match(line.text):
        last = _follow_headlines(lines, index + 1, rules)
        return Region(line.start, lines[last - 1].end, "link_list"), last
    read_also = rules.read_also.match(line.text)
    if read_also and _is_read_also(read_also.group("rest")):
        last = _follow_headlines(lines, index + 1, rules) if not read_also.group("rest") else index + 1
        return Region(line.start, lines[last - 1].end, "read_also"), last
    run_end = _list_run(lines, index)
    if run_end is not None:
        return Region(line.start, lines[run_end - 1].end, "link_list"), run_end
    kind = _line_kind(line.text, rules)
    return (Region(line.start, line.end, kind) if kind else None), index + 1


def _line_kind(text: str, rules: BoilerplateRules) -> str | None:
    """The kind of a single boilerplate line (social, cookie, byline, ...), or None for content."""
    words = len(text.split())
    for kind, pattern in rules.line_starts:
        if pattern.match(text) and words <= LINE_START_MAX_WORDS[kind]:
            return kind
    if words <= 14 and rules.byline.match(text):
        return "byline"
    if words <= 30 and rules.photo_credit.match(text):
        return "photo_credit"
    if _is_navigation(text):
        return "navigation"
    return None


def _follow_headlines(lines: list[_Line], index: int, rules: BoilerplateRules) -> int:
    """Index after the headlines that follow a section or read-also cue (stops at prose or a new section)."""
    while index < len(lines):
        text = lines[index].text
        item = _LIST_ITEM.match(text)
        rest = item.group("rest") if item else text
        if rules.section.match(text) or not _is_headline(rest):
            break
        index += 1
    return index


def _list_run(lines: list[_Line], index: int) -> int | None:
    """End index of a run of two or more timestamped headline lines ("- 17:10 Headline") starting at `index`.

    Bulleted lines without times are left alone unless a section cue introduces them: in prose they are
    content lists (budget measures, agreed points) as often as link lists.
    """
    end = index
    while end < len(lines):
        item = _LIST_ITEM.match(lines[end].text)
        if item is None or not item.group("time") or not _is_headline(item.group("rest")):
            break
        end += 1
    return end if end - index >= 2 else None


def _is_headline(text: str) -> bool:
    """A short line that does not end like a sentence (headlines carry no final period)."""
    words = text.split()
    if not 1 <= len(words) <= HEADLINE_MAX_WORDS or not any(char.isalpha() for char in text):
        return False
    tail = text.rstrip("\"'”’»)]")
    return tail.endswith(("...", "…")) or tail[-1:] not in {".", ";", ":", ","}


def _is_read_also(rest: str) -> bool:
    """After a read-also cue: nothing, a separator then a headline, or a capitalised headline."""
    if not rest:
        return True
    if rest[0] in ":-–—|»›>•":
        return _is_headline(rest[1:].strip()) or not rest[1:].strip()
    return rest[0].isupper() and _is_headline(rest)


def _is_navigation(text: str) -> bool:
    """ "Home | World | Politics | Business": four or more short items between bars or dots."""
    items = _NAV_SPLIT.split(text)
    return len(items) >= 4 and all(1 <= len(item.split()) <= 4 and _is_headline(item) for item in items)


def _credit_notes(text: str, rules: BoilerplateRules) -> list[Region]:
    """Parenthesised credits anywhere: "(Reporting by …; Editing by …)", "(Photo: …)"."""
    return [
        Region(match.start(), match.end(), "credit" if match.group("credit") else "photo_credit")
        for match in rules.credit_note.finditer(text)
    ]


def _match_dateline(line: _Line, rules: BoilerplateRules) -> tuple[Region, str | None] | None:
    for pattern in rules.datelines:
        match = pattern.match(line.text)
        if match:
            return Region(line.start, line.start + match.end(), "dateline"), _place_name(match.group("place"))
    match = rules.bare_dateline.match(line.text)
    if match and _plausible_bare_dateline(line.text, match, rules):
        return Region(line.start, line.start + match.end(), "dateline"), _place_name(match.group("place"))
    return None


def _plausible_bare_dateline(text: str, match: re.Match[str], rules: BoilerplateRules) -> bool:
    """ "Rabat – Morocco's king…" is a dateline; "Bourita – the minister – said…" is prose with an aside."""
    place = match.group("place")
    if place.split()[0].rstrip(",").casefold() in rules.not_place or len(place.split()) > 4:
        return False
    after = text[match.end() :].lstrip()
    if not after or not (after[0].isupper() or after[0].isdigit() or after[0] in "\"“‘'"):
        return False
    # "Sophie Scholl - The Final Days" (a title): a mixed-case place needs a typographic dash, as "Rabat –".
    if not place.isupper() and match.group("dash") == "-":
        return False
    sentence = re.split(r"[.!?](?:\s|$)", after, maxsplit=1)[0]
    return re.search(rf"\s{_DASH}\s", sentence) is None


def _place_name(place: str | None) -> str | None:
    """The first place of the dateline ("WEST PALM BEACH, Fla./WASHINGTON" → "West Palm Beach")."""
    if not place:
        return None
    first = re.split(r"\s*[,/]\s*", place)[0].strip()
    return " ".join(word.capitalize() for word in first.split()) if first.isupper() else first
