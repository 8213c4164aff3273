"""Event → line formats of `legation code` / `legation events`: JSONL (CONTRACT.md), CSV and a terminal table.

All three take the contract's event dicts (`Event.to_dict()` or the store's rows), so every front end agrees.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

FORMATS = ("jsonl", "csv", "table")
CSV_COLUMNS = (
    "event_id",
    "article_id",
    "sentence_index",
    "date",
    "date_precision",
    "date_basis",
    "plover_event",
    "plover_mode",
    "plover_contexts",
    "plover_intensity",
    "cameo_code",
    "cameo_root",
    "goldstein",
    "quad_class",
    "actor_countries",
    "actor_sectors",
    "actor_text",
    "recipient_countries",
    "recipient_sectors",
    "recipient_text",
    "symmetric",
    "negated",
    "future",
    "hypothetical",
    "quantities",
    "confidence",
    "evidence_start",
    "evidence_end",
    "evidence_text",
)


def _join(values: Iterable[Any]) -> str:
    return "|".join("" if value is None else str(value) for value in values)


def flat_row(event: Mapping[str, Any]) -> dict[str, Any]:
    """One flat row of CSV_COLUMNS for a contract event dict (lists joined with `|`)."""
    plover, cameo, modality, evidence = event["plover"], event["cameo"], event["modality"], event["evidence"]
    return {
        "event_id": event["event_id"],
        "article_id": event["article_id"],
        "sentence_index": event["sentence_index"],
        "date": event["date"],
        "date_precision": event["date_precision"],
        "date_basis": event["date_basis"],
        "plover_event": plover["event"],
        "plover_mode": plover["mode"],
        "plover_contexts": _join(plover["contexts"]),
        "plover_intensity": plover["intensity"],
        "cameo_code": cameo["code"],
        "cameo_root": cameo["root"],
        "goldstein": cameo["goldstein"],
        "quad_class": cameo["quad_class"],
        "actor_countries": _join(actor["country"] for actor in event["actor"]),
        "actor_sectors": _join(actor["sector"] for actor in event["actor"]),
        "actor_text": _join(actor["text"] for actor in event["actor"]),
        "recipient_countries": _join(actor["country"] for actor in event["recipient"]),
        "recipient_sectors": _join(actor["sector"] for actor in event["recipient"]),
        "recipient_text": _join(actor["text"] for actor in event["recipient"]),
        "symmetric": event["symmetric"],
        "negated": modality["negated"],
        "future": modality["future"],
        "hypothetical": modality["hypothetical"],
        "quantities": _join(quantity["text"] for quantity in event["quantities"]),
        "confidence": event.get("confidence"),
        "evidence_start": evidence["start"],
        "evidence_end": evidence["end"],
        "evidence_text": evidence["text"],
    }


def to_jsonl(events: Iterable[Mapping[str, Any]]) -> Iterator[str]:
    for event in events:
        yield json.dumps(event, ensure_ascii=False)


def to_csv(events: Iterable[Mapping[str, Any]]) -> Iterator[str]:
    """A header line, then one CSV record per event (records may span lines when a field holds a newline)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")

    def take() -> str:
        value = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return value.rstrip("\n")

    writer.writeheader()
    yield take()
    for event in events:
        writer.writerow(flat_row(event))
        yield take()


def to_table(events: Iterable[Mapping[str, Any]]) -> Iterator[str]:
    """One line per event: date, dyad, PLOVER/CAMEO, and the start of the evidence."""
    yield (
        f"{'date':<10}  {'actor':<8} {'':2} {'recipient':<9} {'plover':<10} "
        f"{'cameo':<5} {'gold':>5}  evidence"
    )
    for event in events:
        actor = ",".join(sorted({a["country"] or "?" for a in event["actor"]})) or "-"
        recipient = ",".join(sorted({a["country"] or "?" for a in event["recipient"]})) or "-"
        arrow = "<>" if event["symmetric"] else "->"
        text = " ".join(event["evidence"]["text"].split())
        evidence = text if len(text) <= 70 else text[:67] + "..."
        yield (
            f"{event['date'] or '':<10}  {actor:<8} {arrow:2} {recipient:<9} {event['plover']['event']:<10} "
            f"{event['cameo']['code']:<5} {event['cameo']['goldstein']:>5}  {evidence}"
        )


def render(events: Iterable[Mapping[str, Any]], fmt: str) -> Iterator[str]:
    """Lines of `events` in `fmt` (one of FORMATS)."""
    if fmt == "jsonl":
        return to_jsonl(events)
    if fmt == "csv":
        return to_csv(events)
    if fmt == "table":
        return to_table(events)
    raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
