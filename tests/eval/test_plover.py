"""PLOVER GSR evaluation: gold reading and normalisation, the dyad rule, type and type+dyad accuracy."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from legation.errors import InputError, LexiconError
from legation.eval import evaluate
from legation.eval.coded import CodedEvent, read_events
from legation.eval.plover import (
    PloverGold,
    dyad_matches,
    evaluate_plover,
    read_country_codes,
    read_plover_gold,
)

HEADER = {"id": "GSR-DOCUMENT-0001", "event": "DOCUMENT", "comment": "file header"}
CODES = {"GND": "GON"}  # a fictional old code, as "JAP" is for Japan


def actor(code: str) -> dict[str, str]:
    return {"actorText": f"the {code} side", "code": code}


def gold_record(
    gold_id: str, event: str = "AGREE", sources: tuple[str, ...] = ("ARN",), target: Any = ("GON",)
) -> dict[str, Any]:
    targets = [actor(code) for code in target] if isinstance(target, tuple) else target
    return {
        "id": gold_id,
        "event": event,
        "source": [actor(code) for code in sources],
        "target": targets,
        "text": f"text of {gold_id}",
    }


def write_gold(tmp_path: Path, records: list[Any]) -> Path:
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps([HEADER, *records]), encoding="utf-8")
    return path


def coded(
    plover: str = "AGREE",
    actors: tuple[str, ...] = ("ARN",),
    recipients: tuple[str, ...] = ("GON",),
    *,
    symmetric: bool = False,
) -> CodedEvent:
    return CodedEvent("s1", 0, 0, "030", plover, actors, recipients, symmetric)


def test_read_country_codes_packaged_table_maps_cameo_to_iso3() -> None:
    codes = read_country_codes()

    assert codes["JAP"] == "JPN"
    assert codes["ITL"] == "ITA"
    assert "IGO" not in codes


def test_read_country_codes_lists_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "codes.csv"
    path.write_text("cameo,iso3\nJAP,jpn\nXX,ITA\nJAP,JPN\n", encoding="utf-8")

    pattern = (
        r"3 problem\(s\)(.|\n)*codes\.csv:2: iso3: expected three capital letters, found 'jpn'"
        r"(.|\n)*:3: cameo: (.|\n)*:4: cameo: expected a unique code"
    )
    with pytest.raises(LexiconError, match=pattern):
        read_country_codes(path)


def test_read_country_codes_checks_header(tmp_path: Path) -> None:
    path = tmp_path / "codes.csv"
    path.write_text("old,new\nJAP,JPN\n", encoding="utf-8")

    with pytest.raises(LexiconError, match=r"codes\.csv:1: header: expected 'cameo,iso3', found 'old,new'"):
        read_country_codes(path)


def test_read_plover_gold_skips_document_header_and_normalises_codes(tmp_path: Path) -> None:
    path = write_gold(tmp_path, [gold_record("s1", sources=("ARN", "IGO"), target=("GND",))])

    (gold,) = read_plover_gold(path, country_codes=CODES)

    assert (gold.gold_id, gold.sources, gold.targets, gold.reciprocal) == (
        "s1",
        ("ARN", "IGO"),
        ("GON",),
        False,
    )


@pytest.mark.parametrize(
    ("legacy", "current"),
    [
        ("DEMAND", "REQUEST"),
        ("DISAPPROVE", "ACCUSE"),
        ("INVESTIGATE", "ACCUSE"),
        ("FIGHT", "ASSAULT"),
        ("AGREE", "AGREE"),
    ],
)
def test_read_plover_gold_renames_legacy_event_types(tmp_path: Path, legacy: str, current: str) -> None:
    (gold,) = read_plover_gold(write_gold(tmp_path, [gold_record("s1", event=legacy)]), country_codes=CODES)

    assert (gold.event, gold.legacy_event) == (current, legacy)


@pytest.mark.parametrize("target", [None, "", "diplomatic", []])
def test_read_plover_gold_treats_missing_target_as_reciprocal(tmp_path: Path, target: Any) -> None:
    path = write_gold(tmp_path, [gold_record("s1", sources=("ARN", "GON"), target=target)])

    (gold,) = read_plover_gold(path, country_codes=CODES)

    assert gold.reciprocal
    assert gold.targets == ()


def test_read_plover_gold_lists_every_problem(tmp_path: Path) -> None:
    records = [gold_record("s1", event="DANCE"), {**gold_record("s2"), "source": [{"actorText": "someone"}]}]

    pattern = (
        r"problem\(s\)(.|\n)*gsr\.json:\[1\]: event: expected a PLOVER event type, found 'DANCE'"
        r"(.|\n)*gsr\.json:\[2\]: source\[0\]\.code: expected an actor code"
    )
    with pytest.raises(InputError, match=pattern):
        read_plover_gold(write_gold(tmp_path, records), country_codes=CODES)


DIRECTED = PloverGold("s1", "AGREE", ("ARN",), ("GON", "ROH"))
RECIPROCAL = PloverGold("s1", "AGREE", ("ARN", "GON"), ())
MONADIC = PloverGold("s1", "RETREAT", ("ARN",), ())


@pytest.mark.parametrize(
    ("event", "gold", "expected"),
    [
        (coded(), DIRECTED, True),
        (coded(recipients=("ROH",)), DIRECTED, True),
        (coded(actors=("GON",), recipients=("ARN",)), DIRECTED, False),
        (coded(actors=("GON",), recipients=("ARN",), symmetric=True), DIRECTED, True),
        (coded(recipients=()), DIRECTED, False),
        (coded(actors=("ARN",), recipients=("GON",)), RECIPROCAL, True),
        (coded(actors=("GON",), recipients=("ARN",)), RECIPROCAL, True),
        (coded(actors=("ARN",), recipients=("ARN",)), RECIPROCAL, False),
        (coded(actors=("ARN",), recipients=("ROH",)), RECIPROCAL, False),
        (coded(actors=("ARN",), recipients=()), MONADIC, True),
        (coded(actors=("ARN",), recipients=("GON",)), MONADIC, False),
    ],
    ids=[
        "forward",
        "second-target",
        "reverse",
        "reverse-symmetric",
        "no-recipient",
        "reciprocal",
        "reciprocal-reversed",
        "reciprocal-same-side",
        "reciprocal-outsider",
        "monadic",
        "monadic-outsider",
    ],
)
def test_dyad_matches(event: CodedEvent, gold: PloverGold, expected: bool) -> None:
    assert dyad_matches(event, gold) is expected


@pytest.fixture
def scenario(tmp_path: Path, write_jsonl, make_event) -> tuple[Path, Path]:
    """s1 right, s2 right type with a wrong dyad, s3 wrong type, s4 no event; legacy FIGHT for s3."""
    gold = write_gold(
        tmp_path,
        [
            gold_record("s1", target=("GND",)),
            gold_record("s2", sources=("ARN", "GON"), target=None),
            gold_record("s3", event="FIGHT", sources=("ROH",), target=("ARN",)),
            gold_record("s4", event="DEMAND"),
        ],
    )
    events = write_jsonl(
        "events.jsonl",
        [
            make_event("s1", plover="CONSULT", sentence=0),
            make_event("s1", plover="AGREE", sentence=0, start=30),
            make_event("s2", plover="AGREE", actors=("ARN",), recipients=("ROH",)),
            make_event("s3", plover="COERCE", actors=("ROH",), recipients=("ARN",)),
            make_event("elsewhere", plover="AGREE"),
        ],
    )
    return events, gold


def test_evaluate_plover_scores_type_and_dyad(scenario: tuple[Path, Path]) -> None:
    events, gold = scenario

    report = evaluate_plover(read_events(events), read_plover_gold(gold, country_codes=CODES))

    figures = report.figures
    assert (figures["records"], figures["type_correct"], figures["type_dyad_correct"]) == (4, 2, 1)
    assert (figures["type_accuracy"], figures["type_dyad_accuracy"]) == (0.5, 0.25)
    assert (figures["no_event"], figures["events_ignored"]) == (1, 1)


def test_evaluate_plover_tables_accuracy_per_gold_type(scenario: tuple[Path, Path]) -> None:
    events, gold = scenario

    report = evaluate_plover(read_events(events), read_plover_gold(gold, country_codes=CODES))

    (table,) = report.tables
    assert table.rows == (
        ("AGREE", "2", "2", "1.000", "1", "0.500"),
        ("ASSAULT", "1", "0", "0.000", "0", "0.000"),
        ("REQUEST", "1", "0", "0.000", "0", "0.000"),
    )


def test_evaluate_plover_lists_each_wrong_sentence(scenario: tuple[Path, Path]) -> None:
    events, gold = scenario

    report = evaluate_plover(read_events(events), read_plover_gold(gold, country_codes=CODES), errors=True)

    assert report.errors == (
        "wrong dyad s2: gold AGREE ARN+GON→(reciprocal); coded AGREE ARN→ROH",
        "wrong type s3: gold ASSAULT ROH→ARN; coded COERCE ROH→ARN",
        "wrong type s4: gold REQUEST ARN→GON; coded no event",
    )


def test_evaluate_reads_files_for_kind_plover(scenario: tuple[Path, Path]) -> None:
    events, gold = scenario

    report = evaluate("plover", events, gold)

    # The packaged table does not know the fictional "GND", so s1's target stays unmatched.
    assert (report.kind, report.figures["type_correct"], report.figures["type_dyad_correct"]) == (
        "plover",
        2,
        0,
    )
