"""PLOVER GSR evaluation: gold records (plover-gsr-dev.json) + coded events → EvalReport.

Per sentence: type accuracy (some coded event has the gold type) and type+dyad accuracy, overall and per type.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from legation.errors import InputError, LexiconError
from legation.eval.coded import CodedEvent, events_by_article
from legation.eval.report import EvalReport, Table, format_figure, ratio
from legation.model import PLOVER_EVENT_TYPES

# Gold records use PLOVER 0.5b1 names; today's PLOVER merged or renamed these (shared/gold/README.md).
LEGACY_EVENT_NAMES: Mapping[str, str] = MappingProxyType(
    {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
)
PLOVER_EVENTS: frozenset[str] = frozenset(PLOVER_EVENT_TYPES)
_CODE = re.compile(r"^[A-Z]{3}$")
COUNTRY_CODES_FILE = "cameo_country_codes.csv"
IGO_MEMBERS = frozenset({"UNO", "EUR"})


@dataclass(frozen=True, slots=True)
class PloverGold:
    """One gold sentence: its PLOVER type in today's names, and source/target codes normalised to ISO3."""

    gold_id: str
    event: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    legacy_event: str = ""

    @property
    def reciprocal(self) -> bool:
        """No target: the sources act on each other (or, with one source, alone)."""
        return not self.targets


def read_country_codes(path: str | Path | None = None) -> Mapping[str, str]:
    """CAMEO country codes that differ from ISO3 (`cameo,iso3`); the packaged table by default."""
    if path is None:
        # Through the top package: importing legation.lexicons would load every lexicon.
        data = resources.files("legation").joinpath("lexicons", "data", COUNTRY_CODES_FILE)
        where, text = COUNTRY_CODES_FILE, data.read_text(encoding="utf-8")
    else:
        where = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise LexiconError(f"{where}: cannot read country code table: {error}") from error
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or rows[0] != ["cameo", "iso3"]:
        raise LexiconError(
            f"{where}:1: header: expected 'cameo,iso3', found {','.join(rows[0]) if rows else 'nothing'!r}"
        )
    codes: dict[str, str] = {}
    problems: list[str] = []
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != 2:
            problems.append(f"{where}:{number}: row: expected 2 fields, found {len(row)}")
            continue
        for name, value in zip(("cameo", "iso3"), row, strict=True):
            if not _CODE.match(value):
                problems.append(f"{where}:{number}: {name}: expected three capital letters, found {value!r}")
        if row[0] in codes:
            problems.append(f"{where}:{number}: cameo: expected a unique code, found {row[0]!r} again")
        codes[row[0]] = row[1]
    if problems:
        raise LexiconError(f"{len(problems)} problem(s) in country code table:\n" + "\n".join(problems))
    return MappingProxyType(codes)


def read_gsr_records(path: str | Path) -> list[Any]:
    """The GSR file's JSON list of records, as is; InputError when it cannot be read or is not a list."""
    source = Path(path)
    try:
        records = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"{source}: cannot read PLOVER gold: {error}") from error
    if not isinstance(records, list):
        raise InputError(f"{source}: file: expected a JSON list of records, found {type(records).__name__}")
    return records


def read_plover_gold(path: str | Path, *, country_codes: Mapping[str, str]) -> tuple[PloverGold, ...]:
    """Read the GSR JSON list (DOCUMENT records skipped); raise InputError listing every problem."""
    source = Path(path)
    records = read_gsr_records(source)
    golds: list[PloverGold] = []
    problems: list[str] = []
    for index, record in enumerate(records):
        if isinstance(record, dict) and record.get("event") == "DOCUMENT":
            continue
        gold = _parse_record(record, f"{source}:[{index}]", country_codes, problems)
        if gold is not None:
            golds.append(gold)
    if problems:
        raise InputError(f"{len(problems)} problem(s) in PLOVER gold:\n" + "\n".join(problems))
    return tuple(golds)


def _parse_record(
    record: Any, where: str, country_codes: Mapping[str, str], problems: list[str]
) -> PloverGold | None:
    if not isinstance(record, dict):
        problems.append(f"{where}: record: expected a JSON object, found {type(record).__name__}")
        return None
    before = len(problems)
    gold_id, legacy = record.get("id"), record.get("event")
    if not isinstance(gold_id, str) or not gold_id:
        problems.append(f"{where}: id: expected a non-empty string, found {gold_id!r}")
    event = LEGACY_EVENT_NAMES.get(legacy, legacy) if isinstance(legacy, str) else None
    if event not in PLOVER_EVENTS:
        problems.append(f"{where}: event: expected a PLOVER event type, found {legacy!r}")
    sources = _codes(record.get("source"), f"{where}: source", country_codes, problems)
    if not sources:
        problems.append(f"{where}: source: expected at least one actor, found {record.get('source')!r}")
    # A target that is not a list (null, "", once the context word "diplomatic") means none: reciprocal.
    target = record.get("target")
    targets = _codes(target, f"{where}: target", country_codes, problems) if isinstance(target, list) else ()
    if len(problems) > before:
        return None
    return PloverGold(
        gold_id=str(gold_id), event=str(event), sources=sources, targets=targets, legacy_event=str(legacy)
    )


def _codes(actors: Any, where: str, country_codes: Mapping[str, str], problems: list[str]) -> tuple[str, ...]:
    """The normalised `code` of each actor, without repeats; IGO, NGO, IMG... compare as they are."""
    if not isinstance(actors, list):
        return ()
    codes: list[str] = []
    for position, actor in enumerate(actors):
        code = actor.get("code") if isinstance(actor, dict) else None
        if not isinstance(code, str) or not code:
            problems.append(f"{where}[{position}].code: expected an actor code, found {code!r}")
            continue
        normalised = country_codes.get(code, code)
        if normalised not in codes:
            codes.append(normalised)
    return tuple(codes)


def dyad_matches(event: CodedEvent, gold: PloverGold) -> bool:
    """An actor among the gold sources and a recipient among the targets (either way for a symmetric event).

    Reciprocal records need actor and recipient both among the sources (two different ones, if there are two);
    a record with a single source and no target is matched by that actor with no recipient or itself.
    """
    actors, recipients = _with_igo(event.actor_countries), _with_igo(event.recipient_countries)
    sources, targets = set(gold.sources), set(gold.targets)
    if targets:
        forward = bool(actors & sources) and bool(recipients & targets)
        return forward or (event.symmetric and bool(actors & targets) and bool(recipients & sources))
    if len(sources) == 1:
        return bool(actors & sources) and (not recipients or bool(recipients & sources))
    return any(actor != recipient for actor in actors & sources for recipient in recipients & sources)


def _with_igo(codes: Sequence[str | None]) -> set[str | None]:
    """Our codes, plus IGO for the UN (UNO) and the EU (EUR): CAMEO codes both as IGO (IGOUNO, IGOEUREEC),
    and the GSR records keep only those three letters."""
    found = set(codes)
    return found | {"IGO"} if found & IGO_MEMBERS else found


@dataclass(frozen=True, slots=True)
class _Outcome:
    gold: PloverGold
    has_event: bool
    type_correct: bool
    dyad_correct: bool


def evaluate_plover(
    events: Sequence[CodedEvent], golds: Sequence[PloverGold], *, errors: bool = False
) -> EvalReport:
    """Score coded events against the PLOVER GSR records (one sentence each, `article_id` = gold `id`)."""
    grouped = events_by_article(events)
    outcomes = [_judge(gold, grouped.get(gold.gold_id, [])) for gold in golds]
    known = {gold.gold_id for gold in golds}
    type_correct = sum(outcome.type_correct for outcome in outcomes)
    dyad_correct = sum(outcome.dyad_correct for outcome in outcomes)
    figures: dict[str, float | int] = {
        "type_accuracy": ratio(type_correct, len(outcomes)),
        "type_dyad_accuracy": ratio(dyad_correct, len(outcomes)),
        "records": len(outcomes),
        "type_correct": type_correct,
        "type_dyad_correct": dyad_correct,
        "no_event": sum(not outcome.has_event for outcome in outcomes),
        "events_ignored": sum(len(group) for article_id, group in grouped.items() if article_id not in known),
    }
    problems = [_describe(outcome, grouped.get(outcome.gold.gold_id, [])) for outcome in outcomes]
    return EvalReport(
        kind="plover",
        figures=figures,
        errors=tuple(problem for problem in problems if problem) if errors else (),
        tables=(_per_type_table(outcomes),),
    )


def _judge(gold: PloverGold, article_events: Sequence[CodedEvent]) -> _Outcome:
    typed = [event for event in article_events if event.plover_event == gold.event]
    return _Outcome(
        gold=gold,
        has_event=bool(article_events),
        type_correct=bool(typed),
        dyad_correct=any(dyad_matches(event, gold) for event in typed),
    )


def _describe(outcome: _Outcome, article_events: Sequence[CodedEvent]) -> str:
    """One error line for a sentence that is not type+dyad correct ("" when it is)."""
    if outcome.dyad_correct:
        return ""
    gold = outcome.gold
    targets = "+".join(gold.targets) or "(reciprocal)"
    coded = ", ".join(f"{event.plover_event} {event.dyad_text()}" for event in article_events) or "no event"
    verdict = "wrong dyad" if outcome.type_correct else "wrong type"
    return f"{verdict} {gold.gold_id}: gold {gold.event} {'+'.join(gold.sources)}→{targets}; coded {coded}"


def _per_type_table(outcomes: Sequence[_Outcome]) -> Table:
    rows: list[tuple[str, ...]] = []
    for event in sorted({outcome.gold.event for outcome in outcomes}):
        chosen = [outcome for outcome in outcomes if outcome.gold.event == event]
        typed = sum(outcome.type_correct for outcome in chosen)
        dyads = sum(outcome.dyad_correct for outcome in chosen)
        rows.append(
            (
                event,
                str(len(chosen)),
                str(typed),
                format_figure(ratio(typed, len(chosen))),
                str(dyads),
                format_figure(ratio(dyads, len(chosen))),
            )
        )
    header = ("gold type", "records", "type ok", "type acc", "dyad ok", "type+dyad acc")
    return Table(title="accuracy per gold event type", header=header, rows=tuple(rows))
