"""Seeds evaluation: gold reading, the matching rule, recall/precision/F1 and the date figure."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from legation.errors import ConfigError, InputError
from legation.eval import evaluate
from legation.eval.coded import CodedEvent, read_events
from legation.eval.seeds import SeedGold, date_is_correct, evaluate_seeds, match_rank, read_seeds_gold


def gold_record(gold_id: str, **fields: Any) -> dict[str, Any]:
    record = {
        "doc": "arn_001.txt",
        "id": gold_id,
        "req": True,
        "sym": False,
        "src": ["ARN"],
        "tgt": ["GON"],
        "cameo": ["04"],
        "plover": ["CONSULT"],
        "date": None,
        "note": f"note of {gold_id}",
    }
    return {**record, **fields}


def coded(
    cameo: str = "040",
    actors: tuple[str, ...] = ("ARN",),
    recipients: tuple[str, ...] = ("GON",),
    *,
    symmetric: bool = False,
    sentence: int = 0,
) -> CodedEvent:
    return CodedEvent("arn_001", sentence, 0, cameo, "CONSULT", actors, recipients, symmetric)


GOLD = SeedGold("g", "arn_001", True, False, frozenset({"ARN"}), frozenset({"GON"}), ("04", "05"))


@pytest.fixture
def scenario(write_jsonl, make_event) -> tuple[Path, Path]:
    """Three required gold events (one missed), one acceptable one, and coded events of every kind."""
    gold = write_jsonl(
        "gold.jsonl",
        [
            gold_record("g-a", date="3019-03-25"),
            gold_record("g-b", sym=True, tgt=["ROH"], cameo=["05", "06"], date="3019-03"),
            gold_record("g-c", src=["GON"], tgt=["ARN"], cameo=["11"]),
            gold_record("g-d", req=False, src=["ROH"], tgt=["ARN"], cameo=["07"]),
        ],
    )
    events = write_jsonl(
        "events.jsonl",
        [
            make_event("arn_001", sentence=0, cameo="040", date="3019-03-25"),
            make_event("arn_001", sentence=1, cameo="051", actors=("ROH",), recipients=("ARN",), date="3019"),
            make_event("arn_001", sentence=2, cameo="070", actors=("ROH",), recipients=("ARN",)),
            make_event("arn_001", sentence=3, cameo="190"),
            make_event("arn_001", sentence=4, cameo="040", recipients=()),
            make_event("other", cameo="190"),
        ],
    )
    return events, gold


def test_read_seeds_gold_takes_article_id_from_doc(write_jsonl) -> None:
    (gold,) = read_seeds_gold(write_jsonl("gold.jsonl", [gold_record("g-a", cameo=["04", "05"])]))

    assert (gold.article_id, gold.cameo_roots, gold.sources, gold.note) == (
        "arn_001",
        ("04", "05"),
        frozenset({"ARN"}),
        "note of g-a",
    )


def test_read_seeds_gold_lists_every_problem(write_jsonl) -> None:
    path = write_jsonl(
        "gold.jsonl", [gold_record("g-a", req="yes"), gold_record("g-b", cameo=["4"], date="soon")]
    )

    with pytest.raises(
        InputError,
        match=r"3 problem\(s\)(.|\n)*gold\.jsonl:1: req: expected true or false"
        r"(.|\n)*:2: cameo: expected two-digit(.|\n)*:2: date: expected YYYY",
    ):
        read_seeds_gold(path)


def test_read_seeds_gold_rejects_duplicate_id(write_jsonl) -> None:
    path = write_jsonl("gold.jsonl", [gold_record("g-a"), gold_record("g-a")])

    with pytest.raises(InputError, match=r":2: id: expected a unique id, found 'g-a' again"):
        read_seeds_gold(path)


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        (coded("040"), (0, 0, 0, 0)),
        (coded("051", sentence=3), (0, 1, 3, 0)),
        (coded("040", ("ROH", "ARN")), (0, 0, 0, 0)),
        (coded("040", ("GON",), ("ARN",)), None),
        (coded("040", ("GON",), ("ARN",), symmetric=True), (1, 0, 0, 0)),
        (coded("190"), None),
        (coded("040", ("ARN",), ("ROH",)), None),
    ],
    ids=[
        "forward",
        "second-root",
        "compound-actor",
        "reverse",
        "reverse-symmetric-event",
        "wrong-root",
        "wrong-target",
    ],
)
def test_match_rank_applies_root_and_direction(event: CodedEvent, expected: tuple[int, ...] | None) -> None:
    assert match_rank(event, GOLD) == expected


def test_match_rank_accepts_reverse_for_symmetric_gold() -> None:
    gold = SeedGold("g", "arn_001", True, True, frozenset({"ARN"}), frozenset({"GON"}), ("04",))

    assert match_rank(coded("040", ("GON",), ("ARN",)), gold) == (1, 0, 0, 0)


@pytest.mark.parametrize(
    ("coded_date", "gold_date", "expected"),
    [
        ("3019-03-25", "3019-03-25", True),
        ("3019-03-25", "3019-03", True),
        ("3019-03-25", "3019", True),
        ("3019-03-24", "3019-03-25", False),
        ("3019-03", "3019-03-25", False),
        ("3019", "3019-03", False),
        ("3019-04-01", "3019-03", False),
        (None, "3019", False),
    ],
)
def test_date_is_correct_at_gold_precision(coded_date: str | None, gold_date: str, expected: bool) -> None:
    assert date_is_correct(coded_date, gold_date) is expected


def test_evaluate_seeds_scores_recall_precision_and_dates(scenario: tuple[Path, Path]) -> None:
    events, gold = scenario

    report = evaluate_seeds(read_events(events), read_seeds_gold(gold))

    figures = report.figures
    assert (figures["gold_required"], figures["found"], figures["recall"]) == (3, 2, pytest.approx(2 / 3))
    assert (figures["coded_dyadic"], figures["coded_matched"], figures["precision"]) == (4, 3, 0.75)
    assert figures["f1"] == pytest.approx(2 * 0.75 * (2 / 3) / (0.75 + 2 / 3))
    assert (figures["date_correct"], figures["date_total"], figures["false_positives"]) == (1, 2, 1)
    assert figures["events_ignored"] == 1
    assert report.errors == ()


def test_evaluate_seeds_lists_misses_false_positives_and_wrong_dates(scenario: tuple[Path, Path]) -> None:
    events, gold = scenario

    report = evaluate_seeds(read_events(events), read_seeds_gold(gold), errors=True)

    assert report.errors == (
        "missed g-c (arn_001): note of g-c",
        "wrong date g-b: gold 3019-03, coded 3019 (arn_001:1:0)",
        "false positive arn_001 sentence 3 cameo 190 ARN→GON: sentence 3 of arn_001",
    )


@pytest.mark.parametrize(
    ("dates", "expected_correct"),
    [
        (("3019-03-25", "3019-01-01", "3019-01-01"), 1),
        (("3019-01-01", "3019-03-25", "3019-01-01"), 1),
        (("3019-01-01", "3019-01-01", "3019-03-25"), 1),
        (("3019-01-01", "3019-03", "3019-03-26"), 0),
    ],
    ids=["reverse-has-it", "forward-has-it", "later-forward-has-it", "none-has-it"],
)
def test_evaluate_seeds_date_is_right_when_a_matching_event_has_it(
    write_jsonl, make_event, dates: tuple[str, str, str], expected_correct: int
) -> None:
    gold = write_jsonl("gold.jsonl", [gold_record("g-a", sym=True, date="3019-03-25")])
    events = write_jsonl(
        "events.jsonl",
        [
            make_event("arn_001", sentence=0, actors=("GON",), recipients=("ARN",), date=dates[0]),
            make_event("arn_001", sentence=5, date=dates[1]),
            make_event("arn_001", sentence=6, date=dates[2]),
            make_event("arn_001", sentence=7, cameo="190", date="3019-03-25"),
        ],
    )

    report = evaluate_seeds(read_events(events), read_seeds_gold(gold))

    assert (report.figures["date_correct"], report.figures["date_total"]) == (expected_correct, 1)


def test_evaluate_seeds_wrong_date_names_the_best_ranked_event(write_jsonl, make_event) -> None:
    gold = write_jsonl("gold.jsonl", [gold_record("g-a", sym=True, date="3019-03-25")])
    events = write_jsonl(
        "events.jsonl",
        [
            make_event("arn_001", sentence=0, actors=("GON",), recipients=("ARN",), date="3019-01-01"),
            make_event("arn_001", sentence=5, date="3019-03"),
        ],
    )

    report = evaluate_seeds(read_events(events), read_seeds_gold(gold), errors=True)

    assert report.errors == ("wrong date g-a: gold 3019-03-25, coded 3019-03 (arn_001:5:0)",)


def test_evaluate_reads_files_for_kind_seeds(scenario: tuple[Path, Path]) -> None:
    events, gold = scenario

    report = evaluate("seeds", events, gold, errors=True)

    assert report.kind == "seeds"
    assert report.figures["found"] == 2
    assert len(report.errors) == 3


def test_evaluate_rejects_unknown_kind(scenario: tuple[Path, Path]) -> None:
    events, gold = scenario

    with pytest.raises(
        ConfigError, match=r"kind: expected one of seeds, plover, conflibert, actors, found 'acled'"
    ):
        evaluate("acled", events, gold)


def test_evaluate_reports_unreadable_gold(tmp_path: Path, scenario: tuple[Path, Path]) -> None:
    events, _ = scenario
    missing = tmp_path / "absent.jsonl"

    with pytest.raises(InputError, match=r"absent\.jsonl: cannot read seeds gold"):
        evaluate("seeds", events, missing)


def test_gold_record_helper_is_valid_json() -> None:
    assert json.loads(json.dumps(gold_record("g"))) == gold_record("g")
