"""Coded events as the evaluation reads them: an events JSONL file (CONTRACT.md "Output") → tuple[CodedEvent].

Keeps only what the scorers use; a malformed line is reported as `file:line: field: expected X, found Y`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from legation.errors import InputError

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_CAMEO_CODE = re.compile(r"^\d{2,4}$")


@dataclass(frozen=True, slots=True)
class CodedEvent:
    """The parts of one coded event that evaluation compares with gold."""

    article_id: str
    sentence_index: int
    start: int
    cameo_code: str
    plover_event: str
    actor_countries: tuple[str, ...]
    recipient_countries: tuple[str, ...]
    symmetric: bool = False
    date: str | None = None
    event_id: str = ""
    evidence_text: str = ""

    @property
    def cameo_root(self) -> str:
        return self.cameo_code[:2]

    @property
    def position(self) -> tuple[int, int]:
        """Order within the article: sentence, then character offset."""
        return (self.sentence_index, self.start)

    @property
    def is_dyadic(self) -> bool:
        return bool(self.actor_countries) and bool(self.recipient_countries)

    def dyad_text(self) -> str:
        """`ACT→REC` for messages (`+` joins compound sides, `-` for none)."""
        actors = "+".join(self.actor_countries) or "-"
        recipients = "+".join(self.recipient_countries) or "-"
        return f"{actors}→{recipients}"


def events_by_article(events: Iterable[CodedEvent]) -> dict[str, list[CodedEvent]]:
    """Group events by `article_id`, each group in position order."""
    grouped: dict[str, list[CodedEvent]] = {}
    for event in events:
        grouped.setdefault(event.article_id, []).append(event)
    for group in grouped.values():
        group.sort(key=lambda event: event.position)
    return grouped


def read_events(path: str | Path) -> tuple[CodedEvent, ...]:
    """Read an events JSONL file; raise InputError listing every malformed line."""
    source = Path(path)
    events: list[CodedEvent] = []
    problems: list[str] = []
    for where, record in read_json_lines(source, "events file", problems):
        event = _parse_event(record, where, problems)
        if event is not None:
            events.append(event)
    if problems:
        raise InputError(f"{len(problems)} problem(s) in events file:\n" + "\n".join(problems))
    return tuple(events)


def read_json_lines(source: Path, what: str, problems: list[str]) -> Iterator[tuple[str, Any]]:
    """(`file:line`, record) for each non-blank line of a JSONL file, streamed; bad JSON goes to
    `problems`."""
    try:
        handle = source.open(encoding="utf-8")
    except OSError as error:
        raise InputError(f"{source}: cannot read {what}: {error}") from error
    with handle:
        number = 0
        while True:
            try:
                line = handle.readline()
            except UnicodeDecodeError as error:
                raise InputError(f"{source}:{number + 1}: cannot read {what}: {error}") from error
            if not line:
                return
            number += 1
            if not line.strip():
                continue
            where = f"{source}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                problems.append(f"{where}: line: expected a JSON object, found invalid JSON ({error.msg})")
                continue
            yield where, record


def _parse_event(record: Any, where: str, problems: list[str]) -> CodedEvent | None:
    """One JSON object → CodedEvent, or None after appending what is wrong to `problems`."""
    if not isinstance(record, dict):
        problems.append(f"{where}: line: expected a JSON object, found {type(record).__name__}")
        return None
    before = len(problems)
    cameo = _field(record, "cameo", dict, where, problems) or {}
    plover = _field(record, "plover", dict, where, problems) or {}
    evidence = _field(record, "evidence", dict, where, problems) or {}
    article_id = _field(record, "article_id", str, where, problems)
    sentence_index = _field(record, "sentence_index", int, where, problems)
    start = _field(evidence, "start", int, where, problems, prefix="evidence.") if evidence else None
    code = _field(cameo, "code", str, where, problems, prefix="cameo.") if cameo else None
    if isinstance(code, str) and not _CAMEO_CODE.match(code):
        problems.append(f"{where}: cameo.code: expected 2-4 digits, found {code!r}")
    event_type = _field(plover, "event", str, where, problems, prefix="plover.") if plover else None
    date = record.get("date")
    if date is not None and not (isinstance(date, str) and _DATE.match(date)):
        problems.append(f"{where}: date: expected YYYY, YYYY-MM, YYYY-MM-DD or null, found {date!r}")
    symmetric = record.get("symmetric", False)
    if not isinstance(symmetric, bool):
        problems.append(f"{where}: symmetric: expected true or false, found {symmetric!r}")
    actors = _countries(record, "actor", where, problems)
    recipients = _countries(record, "recipient", where, problems)
    if len(problems) > before:
        return None
    return CodedEvent(
        article_id=str(article_id),
        sentence_index=int(sentence_index or 0),
        start=int(start or 0),
        cameo_code=str(code),
        plover_event=str(event_type),
        actor_countries=actors,
        recipient_countries=recipients,
        symmetric=bool(symmetric),
        date=date,
        event_id=str(record.get("event_id") or ""),
        evidence_text=str(evidence.get("text") or ""),
    )


def _field(
    record: dict[str, Any], name: str, kind: type, where: str, problems: list[str], *, prefix: str = ""
) -> Any:
    value = record.get(name)
    # bool is an int subclass: `true` is not a sentence index.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        problems.append(f"{where}: {prefix}{name}: expected {kind.__name__}, found {value!r}")
        return None
    return value


def _countries(record: dict[str, Any], name: str, where: str, problems: list[str]) -> tuple[str, ...]:
    """The non-null `country` codes of the `actor` / `recipient` list, in order, without repeats."""
    entries = record.get(name)
    if not isinstance(entries, list):
        problems.append(f"{where}: {name}: expected a list, found {entries!r}")
        return ()
    countries: list[str] = []
    for position, entry in enumerate(entries):
        country = entry.get("country") if isinstance(entry, dict) else entry
        if not isinstance(entry, dict) or not (country is None or isinstance(country, str)):
            problems.append(
                f"{where}: {name}[{position}].country: expected a code or null, found {country!r}"
            )
        elif country and country not in countries:
            countries.append(country)
    return tuple(countries)
