"""Date expressions in text resolved against the publication date (issue 5): str → DateExpression / EventDate.

Plain regular expressions and `datetime` over the words of lexicons/data/date_words.csv: dateparser is heavy,
slow, and guesses where news conventions (tense, nearest past occurrence, honest precision) must decide.
"""

from __future__ import annotations

import calendar
import csv
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from types import MappingProxyType

from legation.errors import InputError, LexiconError
from legation.model import EventDate

DEFAULT_PATH = Path(__file__).resolve().parents[1] / "lexicons" / "data" / "date_words.csv"
TENSES = frozenset({"past", "present", "future"})
Interval = tuple[date, date]
Groups = Mapping[str, str | None]  # the named groups of one regex match
Resolver = Callable[[Groups, "_Anchor | None", str | None], "Interval | None"]

_INT_KINDS: Mapping[str, tuple[int, int]] = MappingProxyType({
    "month": (1, 12), "month_abbr": (1, 12), "weekday": (0, 6), "day_offset": (-9, 9), "week_offset": (-9, 9),
    "weekend_offset": (-9, 9), "month_offset": (-9, 9), "year_offset": (-9, 9), "relation": (-1, 1),
    "number": (1, 99),
})  # fmt: skip
_UNITS = frozenset({"day", "week", "month", "year"})
_PLAIN_KINDS = frozenset({"time_of_day", "modifier", "cue", "present_cue", "bound"})
_OFFSET_KINDS = ("day_offset", "week_offset", "weekend_offset", "month_offset", "year_offset")
_PHRASE = re.compile(r"^[a-z][a-z' ]*[a-z']$|^[a-z]$")
_YEAR = r"(?:1[89]|20)[0-9]{2}(?![0-9])(?![.,][0-9])(?!\s*(?i:%|percent|per\s+cent))"
_DAY = r"(?<![\w,.\-/])(?P<d>[0-3]?[0-9])(?:st|nd|rd|th)?(?![0-9:])"
_DAY_RANGE = r"(?:\s*(?:-|–|to|and)\s*(?P<d2>[0-3]?[0-9])(?:st|nd|rd|th)?(?![0-9:]))?"
_CLAUSE_BREAK = re.compile(r"[;!?]|\.\s+[A-Z]")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"'‘])|\n+")
_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|(?i:to|until|through|and))\s*")
_CAPITALIZED_BEFORE = re.compile(r"([A-Z][\w'’.-]*)\s+$")


@dataclass(frozen=True, slots=True)
class DateExpression:
    """A date expression at `text[start:end]`; `value`/`precision` are None when it cannot be resolved."""

    start: int
    end: int
    text: str
    value: str | None
    precision: str | None


@dataclass(frozen=True, slots=True)
class DateWords:
    """The word lists of date_words.csv, by kind: phrase → value (an int, a unit name, or None)."""

    entries: Mapping[str, Mapping[str, int | str | None]]

    def of(self, *kinds: str) -> Mapping[str, int | str | None]:
        """Every phrase of `kinds` with its value."""
        return {phrase: value for kind in kinds for phrase, value in self.entries.get(kind, {}).items()}

    @classmethod
    def load(cls, path: Path = DEFAULT_PATH) -> DateWords:
        """Read and validate the CSV; every problem is reported as `file:line: field: expected X, found Y`."""
        entries: dict[str, dict[str, int | str | None]] = {}
        problems: list[str] = []
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames != ["phrase", "kind", "value"]:
                raise LexiconError(
                    f"{path.name}:1: header: expected phrase,kind,value, found {reader.fieldnames}"
                )
            for row in reader:
                where = f"{path.name}:{reader.line_num}"
                parsed = _parse_row(row, where, problems)
                if parsed is not None:
                    kind, phrase, value = parsed
                    if phrase in entries.setdefault(kind, {}):
                        problems.append(
                            f"{where}: phrase: expected a phrase new to kind {kind}, found {phrase!r}"
                        )
                    entries[kind][phrase] = value
        if problems:
            raise LexiconError("\n".join(problems))
        return cls(MappingProxyType({kind: MappingProxyType(values) for kind, values in entries.items()}))


def _parse_row(row: Groups, where: str, problems: list[str]) -> tuple[str, str, int | str | None] | None:
    phrase, kind, raw = (row.get(name) or "" for name in ("phrase", "kind", "value"))
    before = len(problems)
    if not _PHRASE.match(phrase):
        problems.append(f"{where}: phrase: expected lowercase words, found {phrase!r}")
    value: int | str | None = None
    if kind in _INT_KINDS:
        low, high = _INT_KINDS[kind]
        if not re.fullmatch(r"-?[0-9]+", raw) or not low <= int(raw) <= high:
            problems.append(f"{where}: value: expected an integer from {low} to {high}, found {raw!r}")
        else:
            value = int(raw)
    elif kind == "unit":
        if raw not in _UNITS:
            problems.append(f"{where}: value: expected one of {sorted(_UNITS)}, found {raw!r}")
        value = raw
    elif kind in _PLAIN_KINDS:
        if raw:
            problems.append(f"{where}: value: expected nothing for kind {kind}, found {raw!r}")
    else:
        known = sorted({*_INT_KINDS, "unit", *_PLAIN_KINDS})
        problems.append(f"{where}: kind: expected one of {', '.join(known)}, found {kind!r}")
    return (kind, phrase, value) if len(problems) == before else None


@dataclass(frozen=True, slots=True)
class _Anchor:
    """The reference day (mid-month / mid-year when only the month / year is known) and its precision."""

    day: date
    precision: str


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    kind: str
    groups: Groups


def _alternation(phrases: Iterable[str], *, capitalized: bool = False) -> str:
    forms = {
        form
        for phrase in phrases
        for form in ((phrase.capitalize(), phrase.upper()) if capitalized else (phrase,))
    }
    ordered = sorted(forms, key=lambda form: (-len(form), form))
    return "|".join(re.escape(form).replace(r"\ ", r"\s+") for form in ordered)


def _normal(phrase: str | None) -> str:
    return " ".join((phrase or "").casefold().replace("’", "'").split())


@dataclass(frozen=True, slots=True)
class DateRules:
    """Compiled date patterns built from DateWords; build once per pipeline and pass as `rules=`."""

    words: DateWords
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    name_exceptions: frozenset[str]

    @classmethod
    def load(cls, path: Path = DEFAULT_PATH) -> DateRules:
        """Load the word lists at `path` and compile the patterns."""
        words = DateWords.load(path)
        full = _alternation(words.of("month"), capitalized=True)
        abbreviated = _alternation(words.of("month_abbr"), capitalized=True)
        month = rf"(?<![\w])(?P<m>{full}|(?:{abbreviated})\.?)(?![A-Za-z])"
        weekday = rf"(?<![\w])(?P<wd>{_alternation(words.of('weekday'), capitalized=True)})(?![\w])"
        modifiers = _alternation(words.of("modifier"))
        modifier = rf"(?<![\w])(?P<mod>(?i:{modifiers}))[\s-]+(?:of\s+)?"
        relation = rf"(?<![\w])(?P<rel>(?i:{_alternation(words.of('relation'))}))\s+"
        cue = rf"(?<![\w-])(?P<cue>(?i:{_alternation(words.of('cue'))}))\s+"
        year = rf"(?P<y>{_YEAR})"
        optional_year = rf"(?:,?\s+{year})?"
        times = _alternation(words.of("time_of_day"))
        leading_weekday = rf"(?:{weekday},?\s+)?"
        sources = {
            "iso": r"(?<![\w/.-])(?P<y>(?:1[89]|20)[0-9]{2})(?P<sep>[-/])(?P<m>0[1-9]|1[0-2])(?P=sep)"
            r"(?P<d>[0-3][0-9])(?![0-9]|[-/][0-9])",
            "numeric": r"(?<![\w/.-])(?P<a>[0-9]{1,2})(?P<sep>[/.])(?P<b>[0-9]{1,2})(?P=sep)"
            rf"(?P<y>{_YEAR})(?![/.][0-9])",
            "day_month": rf"{leading_weekday}(?:(?i:the)\s+)?{_DAY}{_DAY_RANGE}(?:\s+of)?\s+{month}"
            rf"{optional_year}",
            "month_day": rf"{leading_weekday}{month}\s+(?:the\s+)?{_DAY}{_DAY_RANGE}{optional_year}",
            "month_year": rf"(?:{modifier})?{month},?\s+(?:of\s+)?{year}",
            "month_alone": rf"(?:{cue})?(?P<x>(?:{modifier})?(?:{relation})?(?<![\w])(?P<m>{full})(?![\w]))",
            "year": rf"(?:{cue})?(?P<x>(?:{modifier})?{year})",
            "year_range": rf"{cue}(?P<x>(?P<y>{_YEAR})\s*"
            rf"(?:-|–|—|(?i:and|to|until|through))\s*(?P<y2>{_YEAR}))",
            "decade": rf"(?P<x>(?i:the)\s+(?:(?i:{modifiers})[\s-]+)?(?:1[89]|20)[0-9]0s"
            r"|(?<!\w)['’][0-9]0s)(?!\w)",
            "offset": rf"(?<![\w-])(?P<phrase>(?i:{_alternation(words.of(*_OFFSET_KINDS))}))(?![\w-])",
            "weekday": rf"(?:{relation})?{weekday}(?:\s+(?P<tod>(?i:{times}))\b)?",
            "ago": rf"(?<![\w-])(?P<n>[0-9]{{1,3}}|(?i:{_alternation(words.of('number'))}))\s+"
            rf"(?P<u>(?i:{_alternation(words.of('unit'))}))s?\s+(?i:ago)(?![\w-])",
        }
        exceptions = frozenset(
            _normal(word)
            for phrase in words.of("cue", "relation", "modifier", "month", "weekday", "month_abbr")
            for word in phrase.split()
        )
        return cls(words, tuple((kind, re.compile(source)) for kind, source in sources.items()), exceptions)

    def find(
        self, text: str, reference: EventDate | None, *, tense: str | None = None
    ) -> list[DateExpression]:
        """Every date expression in `text`, in order, resolved against `reference` (find_date_expressions)."""
        if tense is not None and tense not in TENSES:
            raise InputError(f"date resolution: tense: expected one of {sorted(TENSES)}, found {tense!r}")
        anchor = _anchor(reference)
        chosen = _select(self._candidates(text))
        resolved = []
        for candidate in chosen:
            try:
                resolved.append((candidate, self._interval(candidate, anchor, tense)))
            except (ValueError, OverflowError):
                continue  # an impossible date (February 30, 13/13/2020, 2019-2016): not a date at all
        expressions: list[DateExpression] = []
        for start, end, interval in _merge_ranges(text, resolved):
            value, precision = _describe(interval)
            expressions.append(DateExpression(start, end, text[start:end], value, precision))
        return expressions

    def _candidates(self, text: str) -> list[_Candidate]:
        candidates = []
        for kind, pattern in self.patterns:
            for match in pattern.finditer(text):
                start, end = match.span("x") if "x" in pattern.groupindex else match.span()
                groups = match.groupdict()
                if start < end and self._plausible(kind, groups, text, start):
                    candidates.append(_Candidate(start, end, kind, MappingProxyType(groups)))
        return candidates

    def _plausible(self, kind: str, groups: Groups, text: str, start: int) -> bool:
        """No bare month or year without a cue; no weekday or month just after a name (Good Friday)."""
        if kind in {"month_alone", "year"} and not (
            groups.get("cue") or groups.get("mod") or groups.get("rel")
        ):
            return False
        if kind in {"weekday", "month_year"}:  # a day number makes "Germany July 7" a date
            before = _CAPITALIZED_BEFORE.search(text, max(0, start - 40), start)
            if before and _normal(before.group(1).rstrip(".")) not in self.name_exceptions:
                return False
        return True

    def _interval(self, candidate: _Candidate, anchor: _Anchor | None, tense: str | None) -> Interval | None:
        resolvers: dict[str, Resolver] = {
            "iso": self._calendar, "day_month": self._calendar, "month_day": self._calendar,
            "numeric": _numeric, "month_year": self._month_year, "month_alone": self._month_alone,
            "year": _year, "year_range": _year_range, "decade": _vague,
            "offset": self._relative, "weekday": self._relative, "ago": self._relative,
        }  # fmt: skip
        try:
            return resolvers[candidate.kind](candidate.groups, anchor, tense)
        except KeyError as error:  # a word the pattern matched but the word list lacks (odd case folding)
            raise ValueError(f"unknown date word {error}") from error

    def _month(self, name: str | None) -> int:
        number = self.words.of("month", "month_abbr")[_normal(name).rstrip(".")]
        return int(number) if number is not None else 0

    def _calendar(self, groups: Groups, anchor: _Anchor | None, tense: str | None) -> Interval | None:
        month = int(groups["m"] or 0) if groups.get("sep") else self._month(groups["m"])
        first = int(groups["d"] or 0)
        last = int(groups.get("d2") or first)
        if last < first:
            raise ValueError(f"day range {first}-{last} runs backwards")
        if groups.get("y"):
            year = int(groups["y"] or 0)
        elif anchor is None:
            return None
        else:
            year = _year_for_day(month, first, anchor, tense)
        return date(year, month, first), date(year, month, last)

    def _month_year(self, groups: Groups, anchor: _Anchor | None, tense: str | None) -> Interval:
        return _month_span(int(groups["y"] or 0), self._month(groups["m"]))

    def _month_alone(self, groups: Groups, anchor: _Anchor | None, tense: str | None) -> Interval | None:
        if anchor is None:
            return None
        relation = self.words.of("relation")[_normal(groups["rel"])] if groups.get("rel") else None
        month = self._month(groups["m"])
        if anchor.precision == "year" and not relation:
            return _month_span(anchor.day.year, month)
        span = _month_span(_year_for_month(month, relation, anchor, tense), month)
        return _widen(span, anchor.precision)

    def _relative(self, groups: Groups, anchor: _Anchor | None, tense: str | None) -> Interval | None:
        """Expressions counted from the reference day; the result is never finer than the reference."""
        if anchor is None:
            return None
        if groups.get("wd"):
            span = self._weekday(groups, anchor, tense)
        elif groups.get("u"):
            span = self._ago(groups, anchor)
        else:
            span = self._offset(_normal(groups["phrase"]), anchor, tense)
        return _widen(span, anchor.precision)

    def _weekday(self, groups: Groups, anchor: _Anchor, tense: str | None) -> Interval:
        weekday = int(self.words.of("weekday")[_normal(groups["wd"])] or 0)
        relation = self.words.of("relation")[_normal(groups["rel"])] if groups.get("rel") else None
        behind = (anchor.day.weekday() - weekday) % 7
        ahead = (weekday - anchor.day.weekday()) % 7
        if relation == -1:
            day = anchor.day - timedelta(days=behind or 7)
        elif relation == 1 or (tense == "future" and relation is None):
            day = anchor.day + timedelta(days=ahead or 7)
        elif tense == "future":
            day = anchor.day + timedelta(days=ahead)
        else:  # news convention: "on Monday" in a report dated Monday is that day, else the Monday before
            day = anchor.day - timedelta(days=behind)
        return day, day

    def _ago(self, groups: Groups, anchor: _Anchor) -> Interval:
        raw = groups["n"] or "0"
        count = int(raw) if raw.isdigit() else int(self.words.of("number")[_normal(raw)] or 0)
        unit = str(self.words.of("unit")[_normal(groups["u"])])
        if unit == "day":
            day = anchor.day - timedelta(days=count)
            return day, day
        if unit == "week":
            return _week_of(anchor.day - timedelta(weeks=count))
        if unit == "month":
            return _month_span(*_shift_month(anchor.day, -count))
        return _year_span(anchor.day.year - count)

    def _offset(self, phrase: str, anchor: _Anchor, tense: str | None) -> Interval:
        kind = next((kind for kind in _OFFSET_KINDS if phrase in self.words.of(kind)), None)
        if kind is None:
            raise ValueError(f"unknown relative date {phrase!r}")
        count = int(self.words.of(kind)[phrase] or 0)
        if kind == "day_offset":
            day = anchor.day + timedelta(days=count)
            return day, day
        if kind == "week_offset":
            return (
                _this_week(anchor, phrase, tense)
                if count == 0
                else _week_of(anchor.day + timedelta(weeks=count))
            )
        if kind == "weekend_offset":
            saturday = anchor.day - timedelta(days=(anchor.day.weekday() - 5) % 7 or 7)
            if count >= 0:
                saturday = anchor.day + timedelta(days=5 - anchor.day.weekday() + 7 * count)
            return saturday, saturday + timedelta(days=1)
        if kind == "month_offset":
            return _month_span(*_shift_month(anchor.day, count))
        return _year_span(anchor.day.year + count)


def _this_week(anchor: _Anchor, phrase: str, tense: str | None) -> Interval:
    """The reference's Monday-to-Sunday week, cut at the reference when wording or tense says which side."""
    monday, sunday = _week_of(anchor.day)
    if phrase.startswith("earlier") or (tense == "past" and not phrase.startswith("later")):
        return monday, anchor.day
    if phrase.startswith("later") or tense == "future":
        return anchor.day, sunday
    return monday, sunday


def _week_of(day: date) -> Interval:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def _numeric(groups: Groups, anchor: _Anchor | None, tense: str | None) -> Interval:
    """3/26/2020 and 26.03.2020: day and month are told apart only when one of them is over 12."""
    first, second, year = (int(groups[name] or 0) for name in ("a", "b", "y"))
    readings = []
    for month, day in ((first, second), (second, first)):
        if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]:
            readings.append(date(year, month, day))
    if not readings:
        raise ValueError(f"{first}/{second}/{year} is no date in either order")
    return min(readings), max(readings)


def _year(groups: Groups, anchor: _Anchor | None, tense: str | None) -> Interval:
    return _year_span(int(groups["y"] or 0))


def _year_range(groups: Groups, anchor: _Anchor | None, tense: str | None) -> Interval:
    first, last = int(groups["y"] or 0), int(groups["y2"] or 0)
    if last < first:
        raise ValueError(f"year range {first}-{last} runs backwards")
    return date(first, 1, 1), date(last, 12, 31)


def _vague(groups: Groups, anchor: _Anchor | None, tense: str | None) -> None:
    """A decade ("the 1990s") names a time but no date an event can carry."""
    return None


def _year_for_day(month: int, day: int, anchor: _Anchor, tense: str | None) -> int:
    """Month and day without a year: the nearest occurrence on or before the reference (after, if future)."""
    year = anchor.day.year
    if anchor.precision == "year":
        return year
    key = (month,) if anchor.precision == "month" else (month, day)
    reference = (anchor.day.month,) if anchor.precision == "month" else (anchor.day.month, anchor.day.day)
    if tense == "future":
        return year if key >= reference else year + 1
    return year if key <= reference else year - 1


def _year_for_month(month: int, relation: int | str | None, anchor: _Anchor, tense: str | None) -> int:
    year, current = anchor.day.year, anchor.day.month
    if relation == -1:
        return year if month < current else year - 1
    if relation == 1:
        return year if month > current else year + 1
    if relation == 0:
        return year
    if tense == "future":
        return year if month >= current else year + 1
    return year if month <= current else year - 1


def _shift_month(day: date, count: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + count
    return index // 12, index % 12 + 1


def _month_span(year: int, month: int) -> Interval:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _year_span(year: int) -> Interval:
    return date(year, 1, 1), date(year, 12, 31)


def _widen(span: Interval, precision: str) -> Interval:
    first, last = span
    if precision == "year":
        return _year_span(first.year)[0], _year_span(last.year)[1]
    if precision == "month":
        return _month_span(first.year, first.month)[0], _month_span(last.year, last.month)[1]
    return span


def _describe(span: Interval | None) -> tuple[str | None, str | None]:
    """The finest value that covers the whole interval: a day, a month, a year, or nothing."""
    if span is None:
        return None, None
    first, last = span
    if first == last:
        return first.isoformat(), "day"
    if first.year != last.year:
        return None, None
    if first.month == last.month:
        return f"{first.year:04d}-{first.month:02d}", "month"
    return f"{first.year:04d}", "year"


def _anchor(reference: EventDate | None) -> _Anchor | None:
    if reference is None or reference.value is None:
        return None
    match = re.fullmatch(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?", reference.value)
    precision = "day" if match and match.group(3) else "month" if match and match.group(2) else "year"
    if match is None or reference.precision not in {None, precision}:
        raise InputError(
            f"date resolution: reference: expected YYYY-MM-DD, YYYY-MM or YYYY with a matching "
            f"precision, found {reference.value!r} ({reference.precision})"
        )
    year = int(match.group(1))
    # Only the year (or month) known: anchor mid-year (mid-month) so that "yesterday" stays inside it.
    month, day = int(match.group(2) or 7), int(match.group(3) or (15 if match.group(2) else 1))
    try:
        anchor_day = date(year, month, day)
    except ValueError as error:
        raise InputError(
            f"date resolution: reference: expected a real date, found {reference.value!r}"
        ) from error
    return _Anchor(anchor_day, precision)


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """Longest matches first, then no overlaps; returned in text order."""
    taken: list[_Candidate] = []
    for candidate in sorted(candidates, key=lambda item: (item.start - item.end, item.start)):
        if all(candidate.end <= other.start or candidate.start >= other.end for other in taken):
            taken.append(candidate)
    return sorted(taken, key=lambda item: item.start)


def _merge_ranges(
    text: str, resolved: list[tuple[_Candidate, Interval | None]]
) -> list[tuple[int, int, Interval | None]]:
    """Join "from March 3 to April 5", "between Monday and Wednesday" into one interval."""
    merged: list[tuple[int, int, Interval | None]] = []
    for candidate, interval in resolved:
        if merged and interval is not None and merged[-1][2] is not None:
            start, end, previous = merged[-1]
            join = _RANGE_JOIN.fullmatch(text, end, candidate.start)
            opener = re.search(r"(?i:between)\s+$", text[max(0, start - 12) : start])
            if (
                join
                and previous
                and (opener or "and" not in join.group().lower())
                and previous[0] <= interval[1]
            ):
                merged[-1] = (start, candidate.end, (previous[0], interval[1]))
                continue
        merged.append((candidate.start, candidate.end, interval))
    return merged


def _choose(expressions: list[DateExpression], focus: int | None, text: str) -> DateExpression:
    """The expression in the trigger's clause nearest to it by characters; ties go to the one after it."""
    if focus is None:
        return expressions[0]

    def distance(expression: DateExpression) -> tuple[bool, int, int]:
        if expression.start <= focus < expression.end:
            return False, 0, 0
        after = expression.start >= focus
        low, high = (focus, expression.start) if after else (expression.end, focus)
        return bool(_CLAUSE_BREAK.search(text, low, high)), high - low, 0 if after else 1

    return min(expressions, key=distance)


def find_date_expressions(
    text: str, reference: EventDate | None, *, tense: str | None = None, rules: DateRules | None = None
) -> list[DateExpression]:
    """Every date expression in `text`, resolved against the publication date `reference`.

    `tense` ("past", "present", "future" or None) decides between the last and the next occurrence of a
    weekday or of a month and day without a year. Expressions that cannot be resolved (a relative one without
    a reference, a decade) are kept with value and precision None. A period (a week, a weekend, a range)
    gets the finest precision that covers all of it: "last week" inside one month → that month, across two
    months → the year, across New Year → no value. A reference known only to the month or year caps the
    precision of relative expressions ("on Monday" with reference "2020" → "2020"), while a month and day
    without a year take the reference's year at day precision.
    """
    return (rules or DateRules.load()).find(text, reference, tense=tense)


def resolve_event_date(
    text: str,
    reference: EventDate | None,
    *,
    tense: str | None = None,
    focus: int | None = None,
    rules: DateRules | None = None,
) -> EventDate:
    """The date of the event whose trigger starts at `focus` in `text` (basis "text"), else the publication's.

    The publication date (basis "publication") is used only when the text names no date at all; a date the
    text names but that cannot be resolved gives an empty EventDate (issue 5: never silently fall back).
    """
    expressions = [
        expression
        for expression in find_date_expressions(text, reference, tense=tense, rules=rules)
        if not _dates_another_noun(text, expression, focus)
    ]
    resolved = [expression for expression in expressions if expression.value is not None]
    if resolved:
        chosen = _choose(resolved, focus, text)
        return EventDate(chosen.value, chosen.precision, "text")
    if expressions or reference is None or reference.value is None:
        return EventDate()
    return EventDate(reference.value, reference.precision, "publication")


_POSSESSIVE = re.compile(r"^['’]s?\s+")


def _dates_another_noun(text: str, expression: DateExpression, focus: int | None) -> bool:
    """ "last year's floods" dates the floods: a possessive date names the event of its own noun, which is
    the trigger's only when the trigger is that noun ("Sunday's vote" for a vote)."""
    after = _POSSESSIVE.match(text[expression.end :])
    if after is None:
        return False
    noun_start = expression.end + after.end()
    return focus is not None and not noun_start <= focus <= noun_start + 1


def infer_publication_date(text: str, *, rules: DateRules | None = None) -> EventDate | None:
    """The publication year from dated references to the present ("will celebrate ... in November 2020").

    Evidence: a month or day with a year in a sentence with a present/future cue ("will", "is set to", ...),
    or a year paired with "this year" / "last year" / "next year" in one sentence. The latest such year wins;
    history ("signed in May 2016") and deadlines ("by 2030") give nothing. None without evidence.
    """
    rules = rules or DateRules.load()
    found = [_sentence_year(sentence, rules) for sentence in _SENTENCE_BREAK.split(text)]
    years = [year for year in found if year is not None]
    return EventDate(f"{max(years):04d}", "year", "inferred") if years else None


def _word_before(text: str, start: int) -> str:
    return _normal(text[:start]).rstrip(",").rpartition(" ")[2]


def _sentence_year(sentence: str, rules: DateRules) -> int | None:
    expressions = rules.find(sentence, None)
    bounds = rules.words.of("bound")
    dated = [
        expression
        for expression in expressions
        if expression.value is not None and _word_before(sentence, expression.start) not in bounds
    ]
    years = {int((expression.value or "")[:4]) for expression in dated}
    year_words = rules.words.of("year_offset")
    offsets = {int(year_words[_normal(expression.text)] or 0) for expression in expressions
               if expression.value is None and _normal(expression.text) in year_words}  # fmt: skip
    if len(years) == 1 and len(offsets) == 1:
        return years.pop() - offsets.pop()
    cues = _alternation(rules.words.of("present_cue"))
    if dated and re.search(rf"(?<![\w'])(?i:{cues})(?![\w'])", sentence.replace("’", "'")):
        exact = [expression.value or "" for expression in dated if expression.precision in {"day", "month"}]
        return max(int(value[:4]) for value in exact) if exact else None
    return None
