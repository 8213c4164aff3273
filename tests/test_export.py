"""Export: contract event dicts → JSONL, CSV (one flat row per event) and a one-line-per-event table."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from legation.export import CSV_COLUMNS, FORMATS, flat_row, render, to_csv, to_jsonl, to_table
from legation.model import (
    ActorRef,
    CameoCoding,
    Event,
    EventDate,
    Evidence,
    Modality,
    PloverCoding,
    Quantity,
)


def event_dict(
    evidence: str = "Arnor met Gondor.", *, number: int = 0, symmetric: bool = True
) -> dict[str, Any]:
    """A contract event built through model.Event, so the shape is the one the coder emits."""
    return Event(
        event_id=f"a1:0:{number}",
        article_id="a1",
        sentence_index=0,
        date=EventDate("2020-03-30", "day", "text"),
        plover=PloverCoding(event="CONSULT", mode="phone", contexts=("health", "diplomatic"), intensity=1.5),
        cameo=CameoCoding(code="041", goldstein=1.0, quad_class=1),
        actor=(
            ActorRef(text="Arnor", country="ARN", sector="GOV"),
            ActorRef(text="its envoy", country="ARN"),
        ),
        recipient=(ActorRef(text="Gondor", country="GON", sector="GOV"),),
        evidence=Evidence(text=evidence, start=10, end=10 + len(evidence)),
        symmetric=symmetric,
        modality=Modality(future=True),
        quantities=(Quantity(text="100 masks", value=100.0, unit="mask"),),
        confidence=0.8,
        trigger="held",
    ).to_dict()


def test_flat_row_has_exactly_the_csv_columns() -> None:
    assert tuple(flat_row(event_dict())) == CSV_COLUMNS


def test_flat_row_flattens_nested_fields() -> None:
    row = flat_row(event_dict())
    assert row["plover_event"] == "CONSULT"
    assert row["plover_contexts"] == "health|diplomatic"
    assert row["cameo_root"] == "04"
    assert row["actor_countries"] == "ARN|ARN"
    assert row["actor_sectors"] == "GOV|"  # a missing sector stays an empty slot
    assert row["recipient_text"] == "Gondor"
    assert (row["negated"], row["future"], row["hypothetical"]) == (False, True, False)
    assert row["quantities"] == "100 masks"
    assert (row["evidence_start"], row["evidence_end"]) == (10, 27)


def read_csv(lines: list[str]) -> list[list[str]]:
    return list(csv.reader(io.StringIO("\n".join(lines) + "\n")))


def test_to_csv_header_and_one_record_per_event() -> None:
    events = [event_dict(number=0), event_dict(number=1)]
    lines = list(to_csv(events))
    assert lines[0] == ",".join(CSV_COLUMNS)
    records = read_csv(lines)
    assert len(records) == 3
    assert [record[CSV_COLUMNS.index("event_id")] for record in records[1:]] == ["a1:0:0", "a1:0:1"]


def test_to_csv_field_with_comma_and_newline_round_trips() -> None:
    awkward = 'Arnor, said "Gondor",\nmet Rohan.'
    lines = list(to_csv([event_dict(awkward)]))
    assert len(lines) == 2  # one yielded item per record, even when it spans lines
    header, record = read_csv(lines)
    assert dict(zip(header, record, strict=True))["evidence_text"] == awkward


def test_to_csv_without_events_is_only_the_header() -> None:
    assert list(to_csv([])) == [",".join(CSV_COLUMNS)]


def test_to_jsonl_round_trips_to_the_same_dict() -> None:
    events = [event_dict("Arnor – Gondor: «talks»"), event_dict(number=1)]
    lines = list(to_jsonl(events))
    assert [json.loads(line) for line in lines] == events
    assert all("\n" not in line for line in lines)
    assert "«talks»" in lines[0]  # not escaped to \u00ab


def test_to_table_header_and_one_line_per_event() -> None:
    lines = list(to_table([event_dict("Arnor met\nGondor."), event_dict(number=1, symmetric=False)]))
    assert len(lines) == 3
    assert lines[0].split()[:2] == ["date", "actor"]
    assert "ARN" in lines[1] and "<>" in lines[1] and "GON" in lines[1] and "Arnor met Gondor." in lines[1]
    assert "->" in lines[2]


def test_to_table_shortens_long_evidence() -> None:
    line = list(to_table([event_dict("Arnor met Gondor. " * 10)]))[1]
    assert line.endswith("...")
    assert "Arnor met Gondor. " * 10 not in line


def test_to_table_event_without_recipient() -> None:
    event = event_dict()
    event["recipient"] = []
    assert " - " in list(to_table([event]))[1]


@pytest.mark.parametrize("fmt", FORMATS)
def test_render_dispatches_to_the_format(fmt: str) -> None:
    events = [event_dict()]
    expected = {"jsonl": to_jsonl, "csv": to_csv, "table": to_table}[fmt](events)
    assert list(render(events, fmt)) == list(expected)


def test_render_unknown_format_raises() -> None:
    with pytest.raises(ValueError, match=r"unknown format 'xml': expected one of jsonl, csv, table"):
        render([event_dict()], "xml")
