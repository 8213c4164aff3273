"""The CAMEO and PLOVER tables (codes, Goldstein, quad class, PLOVER types, modes, contexts, intensities).

CSV files in a data folder → a validated, immutable `Ontology`; `check_ontology(dir)` lists every problem.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from legation.errors import LexiconError
from legation.model import CameoCoding, PloverCoding

CAMEO_CODES = "cameo_codes.csv"
PLOVER_EVENTS = "plover_events.csv"
PLOVER_MODES = "plover_modes.csv"
PLOVER_CONTEXTS = "plover_contexts.csv"
CAMEO_PLOVER = "cameo_plover.csv"

HEADERS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        CAMEO_CODES: ("code", "name", "goldstein", "quad_class"),
        PLOVER_EVENTS: ("event", "quad_class", "intensity", "description"),
        PLOVER_MODES: ("event", "mode", "intensity", "description"),
        PLOVER_CONTEXTS: ("context", "description"),
        CAMEO_PLOVER: ("cameo", "plover_event", "plover_mode", "contexts", "basis", "note"),
    }
)
# "plover": PLOVER's CAMEO table gives the type; "closest": PLOVER drops the code, we chose the nearest type.
MAPPING_BASES = frozenset({"plover", "closest"})
# CAMEO quad class by root (last root of each class): 01-05 verbal coop., 06-08 material coop., 09-13, 14-20.
QUAD_CLASS_LAST_ROOT = ((5, 1), (8, 2), (13, 3), (20, 4))

CODE_PATTERN = re.compile(r"\d{2,4}")
EVENT_PATTERN = re.compile(r"[A-Z]+")
NAME_PATTERN = re.compile(r"[a-z][a-z_-]*")

Row = dict[str, str]


@dataclass(frozen=True, slots=True)
class CameoMapping:
    """How one CAMEO code maps to PLOVER, and on what basis (see MAPPING_BASES)."""

    cameo: str
    event: str
    mode: str | None
    contexts: tuple[str, ...]
    basis: str
    note: str


@dataclass(frozen=True, slots=True)
class _Tables:
    """Validated rows of every file, keyed for lookup, with the problems found while reading them."""

    cameo: Mapping[str, tuple[str, CameoCoding]]
    events: Mapping[str, tuple[int, float]]
    modes: Mapping[tuple[str, str], float]
    contexts: frozenset[str]
    mappings: Mapping[str, CameoMapping]
    problems: tuple[str, ...]


def default_data_dir() -> Path:
    """The package's own lexicons/data folder."""
    return Path(__file__).resolve().parent / "data"


def quad_class_of_root(root: int) -> int | None:
    """CAMEO quad class (1-4) of a root 1..20, or None outside that range."""
    if root < 1:
        return None
    return next((quad for last, quad in QUAD_CLASS_LAST_ROOT if root <= last), None)


@dataclass(frozen=True, slots=True)
class Ontology:
    """CAMEO codes (Goldstein, quad class), PLOVER types, modes and contexts, and the CAMEO→PLOVER map."""

    plover_events: tuple[str, ...]
    contexts: frozenset[str]
    cameo_codes: tuple[str, ...]
    _cameo: Mapping[str, tuple[str, CameoCoding]]
    _events: Mapping[str, tuple[int, float]]
    _modes: Mapping[tuple[str, str], float]
    _mappings: Mapping[str, CameoMapping]

    @classmethod
    def load(cls, data_dir: Path | None = None) -> Ontology:
        """Read and validate the five tables; raise LexiconError listing every problem."""
        tables = _read_tables(data_dir or default_data_dir())
        if tables.problems:
            raise LexiconError(
                f"{len(tables.problems)} problem(s) in the ontology:\n" + "\n".join(tables.problems),
                tables.problems,
            )
        return cls(
            plover_events=tuple(tables.events),
            contexts=tables.contexts,
            cameo_codes=tuple(tables.cameo),
            _cameo=tables.cameo,
            _events=tables.events,
            _modes=tables.modes,
            _mappings=tables.mappings,
        )

    def has_cameo(self, code: str) -> bool:
        return code in self._cameo

    def cameo(self, code: str) -> CameoCoding:
        """Goldstein score and quad class of a CAMEO code; unknown code → LexiconError."""
        return self._cameo_entry(code)[1]

    def cameo_name(self, code: str) -> str:
        return self._cameo_entry(code)[0]

    def mapping(self, code: str) -> CameoMapping:
        """The CAMEO→PLOVER row of a code, with its basis and note."""
        self._cameo_entry(code)
        return self._mappings[code]

    def plover_for_cameo(self, code: str) -> PloverCoding:
        """PLOVER event, mode, contexts and intensity for a CAMEO code."""
        row = self.mapping(code)
        return PloverCoding(
            event=row.event,
            mode=row.mode,
            contexts=row.contexts,
            intensity=self.intensity(row.event, row.mode),
        )

    def intensity(self, event: str, mode: str | None = None) -> float:
        """PLOVER intensity of an event type, or of one of its modes; unknown event or mode → LexiconError."""
        if event not in self._events:
            raise LexiconError(
                f"unknown PLOVER event {event!r} (expected one of {', '.join(self.plover_events)})"
            )
        if mode is None:
            return self._events[event][1]
        if (event, mode) not in self._modes:
            known = ", ".join(name for kind, name in self._modes if kind == event) or "none"
            raise LexiconError(f"unknown mode {mode!r} of PLOVER event {event} (its modes: {known})")
        return self._modes[(event, mode)]

    def quad_class(self, event: str) -> int:
        """PLOVER quad class (1-4) of an event type."""
        if event not in self._events:
            raise LexiconError(
                f"unknown PLOVER event {event!r} (expected one of {', '.join(self.plover_events)})"
            )
        return self._events[event][0]

    def is_plover_event(self, event: str) -> bool:
        return event in self._events

    def is_mode(self, event: str, mode: str) -> bool:
        return (event, mode) in self._modes

    def modes(self, event: str) -> tuple[str, ...]:
        return tuple(name for kind, name in self._modes if kind == event)

    def is_context(self, context: str) -> bool:
        return context in self.contexts

    def _cameo_entry(self, code: str) -> tuple[str, CameoCoding]:
        if code not in self._cameo:
            raise LexiconError(f"unknown CAMEO code {code!r} (not in {CAMEO_CODES})")
        return self._cameo[code]


def check_ontology(data_dir: Path) -> list[str]:
    """Every problem in the five tables as `file:line: field: expected X, found Y` (empty when valid)."""
    return list(_read_tables(data_dir).problems)


# --- reading and validation ---------------------------------------------------------------------------------


class _Problems:
    """Collects problems; one instance per `_read_tables` call."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, file: str, line: int, field: str, expected: str, found: str) -> None:
        self.items.append(f"{file}:{line}: {field}: expected {expected}, found {found}")


def _rows(data_dir: Path, file: str, problems: _Problems) -> Iterator[tuple[int, Row]]:
    """(line number, row) for each well-formed row; header, field-count and read problems are recorded."""
    path = data_dir / file
    header = HEADERS[file]
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            records = list(csv.reader(handle))
    except (OSError, UnicodeDecodeError) as error:
        problems.add(file, 0, "file", "a readable UTF-8 CSV file", f"{type(error).__name__} at {path}")
        return
    if not records or tuple(records[0]) != header:
        problems.add(
            file, 1, "header", ",".join(header), ",".join(records[0]) if records else "an empty file"
        )
        return
    for line, record in enumerate(records[1:], start=2):
        if len(record) != len(header):
            problems.add(file, line, "row", f"{len(header)} fields", f"{len(record)}")
            continue
        yield line, dict(zip(header, (value.strip() for value in record), strict=True))


def _number(
    file: str, line: int, field: str, raw: str, problems: _Problems, *, low: float = -10.0, high: float = 10.0
) -> float | None:
    try:
        value = float(raw)
    except ValueError:
        problems.add(file, line, field, f"a number from {low:g} to {high:g}", repr(raw))
        return None
    if not low <= value <= high:
        problems.add(file, line, field, f"a number from {low:g} to {high:g}", raw)
        return None
    return value


def _unique(
    file: str, line: int, field: str, key: object, seen: dict[object, int], problems: _Problems
) -> bool:
    if key in seen:
        problems.add(file, line, field, f"a value not already on line {seen[key]}", f"duplicate {key!r}")
        return False
    seen[key] = line
    return True


def _read_cameo_codes(
    data_dir: Path, problems: _Problems
) -> tuple[dict[str, tuple[str, CameoCoding]], dict[str, int]]:
    codes: dict[str, tuple[str, CameoCoding]] = {}
    seen: dict[object, int] = {}
    for line, row in _rows(data_dir, CAMEO_CODES, problems):
        code = row["code"]
        root_quad = quad_class_of_root(int(code[:2])) if CODE_PATTERN.fullmatch(code) else None
        if root_quad is None:
            problems.add(CAMEO_CODES, line, "code", "2-4 digits with a root from 01 to 20", repr(code))
            continue
        if not _unique(CAMEO_CODES, line, "code", code, seen, problems):
            continue
        if not row["name"]:
            problems.add(CAMEO_CODES, line, "name", "a short name", "nothing")
        goldstein = _number(CAMEO_CODES, line, "goldstein", row["goldstein"], problems)
        if row["quad_class"] != str(root_quad):
            problems.add(
                CAMEO_CODES, line, "quad_class", f"{root_quad} for root {code[:2]}", repr(row["quad_class"])
            )
        if goldstein is not None:
            codes[code] = (row["name"], CameoCoding(code=code, goldstein=goldstein, quad_class=root_quad))
    for code, line in (
        (code, line) for code, line in seen.items() if isinstance(code, str) and len(code) > 2
    ):
        if code[:-1] not in seen:
            problems.add(CAMEO_CODES, line, "code", f"its parent code {code[:-1]!r} to be listed", "none")
    return codes, {str(code): line for code, line in seen.items()}


def _read_events(data_dir: Path, problems: _Problems) -> tuple[dict[str, tuple[int, float]], dict[str, int]]:
    events: dict[str, tuple[int, float]] = {}
    seen: dict[object, int] = {}
    for line, row in _rows(data_dir, PLOVER_EVENTS, problems):
        event = row["event"]
        if not EVENT_PATTERN.fullmatch(event):
            problems.add(PLOVER_EVENTS, line, "event", "an upper-case name", repr(event))
            continue
        if not _unique(PLOVER_EVENTS, line, "event", event, seen, problems):
            continue
        if row["quad_class"] not in {"1", "2", "3", "4"}:
            problems.add(PLOVER_EVENTS, line, "quad_class", "1, 2, 3 or 4", repr(row["quad_class"]))
        if not row["description"]:
            problems.add(PLOVER_EVENTS, line, "description", "a description", "nothing")
        intensity = _number(PLOVER_EVENTS, line, "intensity", row["intensity"], problems)
        if intensity is not None and row["quad_class"] in {"1", "2", "3", "4"}:
            events[event] = (int(row["quad_class"]), intensity)
    return events, {str(event): line for event, line in seen.items()}


def _read_modes(
    data_dir: Path, events: Mapping[str, object], problems: _Problems
) -> dict[tuple[str, str], float]:
    modes: dict[tuple[str, str], float] = {}
    seen: dict[object, int] = {}
    for line, row in _rows(data_dir, PLOVER_MODES, problems):
        event, mode = row["event"], row["mode"]
        if event not in events:
            problems.add(PLOVER_MODES, line, "event", f"a PLOVER event of {PLOVER_EVENTS}", repr(event))
            continue
        if not NAME_PATTERN.fullmatch(mode):
            problems.add(PLOVER_MODES, line, "mode", "a lower-case name", repr(mode))
            continue
        if not _unique(PLOVER_MODES, line, "mode", (event, mode), seen, problems):
            continue
        if not row["description"]:
            problems.add(PLOVER_MODES, line, "description", "a description", "nothing")
        intensity = _number(PLOVER_MODES, line, "intensity", row["intensity"], problems)
        if intensity is not None:
            modes[(event, mode)] = intensity
    return modes


def _read_contexts(data_dir: Path, problems: _Problems) -> frozenset[str]:
    seen: dict[object, int] = {}
    for line, row in _rows(data_dir, PLOVER_CONTEXTS, problems):
        context = row["context"]
        if not NAME_PATTERN.fullmatch(context):
            problems.add(PLOVER_CONTEXTS, line, "context", "a lower-case name", repr(context))
            continue
        _unique(PLOVER_CONTEXTS, line, "context", context, seen, problems)
        if not row["description"]:
            problems.add(PLOVER_CONTEXTS, line, "description", "a description", "nothing")
    return frozenset(str(context) for context in seen)


def _check_mapping_row(line: int, row: Row, known: _Tables, problems: _Problems) -> CameoMapping | None:
    cameo, event, mode = row["cameo"], row["plover_event"], row["plover_mode"]
    ok = True

    def fail(field: str, expected: str, found: str) -> None:
        nonlocal ok
        ok = False
        problems.add(CAMEO_PLOVER, line, field, expected, found)

    if cameo not in known.cameo:
        fail("cameo", f"a code of {CAMEO_CODES}", repr(cameo))
    if event not in known.events:
        fail("plover_event", f"a PLOVER event of {PLOVER_EVENTS}", repr(event))
    elif mode and (event, mode) not in known.modes:
        fail("plover_mode", f"a mode of {event} in {PLOVER_MODES} or nothing", repr(mode))
    contexts = tuple(context for context in row["contexts"].split("|") if context)
    for context in contexts:
        if context not in known.contexts:
            fail("contexts", f"contexts of {PLOVER_CONTEXTS} separated by |", repr(context))
    if row["basis"] not in MAPPING_BASES:
        fail("basis", " or ".join(sorted(MAPPING_BASES)), repr(row["basis"]))
    elif row["basis"] == "closest" and not row["note"]:
        fail("note", "a note saying why the closest type was chosen", "nothing")
    if not ok:
        return None
    return CameoMapping(cameo, event, mode or None, contexts, row["basis"], row["note"])


def _read_mappings(
    data_dir: Path, known: _Tables, problems: _Problems
) -> tuple[dict[str, CameoMapping], set[str]]:
    """Valid mapping rows by code, and every code that has a row at all (valid or not)."""
    mappings: dict[str, CameoMapping] = {}
    seen: dict[object, int] = {}
    for line, row in _rows(data_dir, CAMEO_PLOVER, problems):
        if not _unique(CAMEO_PLOVER, line, "cameo", row["cameo"], seen, problems):
            continue
        mapping = _check_mapping_row(line, row, known, problems)
        if mapping is not None:
            mappings[mapping.cameo] = mapping
    return mappings, {str(code) for code in seen}


def _check_coverage(
    code_lines: Mapping[str, int],
    event_lines: Mapping[str, int],
    mappings: Mapping[str, CameoMapping],
    present: set[str],
    problems: _Problems,
) -> None:
    """Every CAMEO code needs a mapping row, and every PLOVER event must be reachable from some code."""
    for code, line in code_lines.items():
        if code not in present:
            problems.add(CAMEO_CODES, line, "code", f"a row in {CAMEO_PLOVER}", f"none for {code!r}")
    reached = {mapping.event for mapping in mappings.values()}
    for event, line in event_lines.items():
        if event not in reached:
            problems.add(
                PLOVER_EVENTS,
                line,
                "event",
                f"a CAMEO code mapped to it in {CAMEO_PLOVER}",
                f"none for {event}",
            )


def _read_tables(data_dir: Path) -> _Tables:
    problems = _Problems()
    cameo, code_lines = _read_cameo_codes(data_dir, problems)
    events, event_lines = _read_events(data_dir, problems)
    modes = _read_modes(data_dir, events, problems)
    contexts = _read_contexts(data_dir, problems)
    known = _Tables(cameo, events, modes, contexts, {}, ())
    mappings, present = _read_mappings(data_dir, known, problems)
    _check_coverage(code_lines, event_lines, mappings, present, problems)
    return _Tables(
        cameo=MappingProxyType(cameo),
        events=MappingProxyType(events),
        modes=MappingProxyType(modes),
        contexts=contexts,
        mappings=MappingProxyType(mappings),
        problems=tuple(problems.items),
    )
