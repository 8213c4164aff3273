"""ConfliBERT CAMEO-class evaluation: root groups, gold reading, first-event accuracy, coverage, confusion."""

from __future__ import annotations

from pathlib import Path

import pytest

from legation.errors import InputError
from legation.eval import evaluate
from legation.eval.coded import read_events
from legation.eval.conflibert import evaluate_conflibert, read_conflibert_gold, root_group


@pytest.mark.parametrize(
    ("root", "group"),
    [
        ("01", 0),
        ("02", 0),
        ("03", 1),
        ("05", 1),
        ("06", 2),
        ("08", 2),
        ("09", 3),
        ("13", 3),
        ("16", 3),
        ("14", 4),
        ("15", 4),
        ("17", 4),
        ("20", 4),
        ("00", None),
        ("21", None),
        ("1", None),
        ("ab", None),
    ],
)
def test_root_group_maps_cameo_roots_to_gold_labels(root: str, group: int | None) -> None:
    assert root_group(root) == group


def write_gold(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "class.tsv"
    path.write_bytes(text.encode("utf-8"))
    return path


def test_read_conflibert_gold_numbers_rows_from_cb0(tmp_path: Path) -> None:
    path = write_gold(tmp_path, 'Arnor "thanked"\tGondor.\t0\r\nRohan rode out.\t4\r\n\r\n')

    golds = read_conflibert_gold(path)

    assert [(gold.gold_id, gold.sentence, gold.label) for gold in golds] == [
        ("cb0", 'Arnor "thanked"\tGondor.', 0),
        ("cb1", "Rohan rode out.", 4),
    ]


def test_read_conflibert_gold_lists_every_problem(tmp_path: Path) -> None:
    path = write_gold(tmp_path, "Arnor spoke.\t7\nno label here\nGondor spoke.\t1\n")

    with pytest.raises(
        InputError,
        match=r"2 problem\(s\)(.|\n)*class\.tsv:1: label: expected 0-4, found '7'"
        r"(.|\n)*class\.tsv:2: row: expected 'sentence<TAB>label'",
    ):
        read_conflibert_gold(path)


@pytest.fixture
def scenario(tmp_path: Path, write_jsonl, make_event) -> tuple[Path, Path]:
    """cb0 right (first by position, not file order), cb1 wrong, cb2 no event, cb3 unknown root."""
    gold = write_gold(tmp_path, "a\t1\nb\t3\nc\t2\nd\t4\n")
    events = write_jsonl(
        "events.jsonl",
        [
            make_event("cb0", sentence=0, start=50, cameo="190"),
            make_event("cb0", sentence=0, start=10, cameo="042"),
            make_event("cb1", cameo="010"),
            make_event("cb1", sentence=1, cameo="112"),
            make_event("cb3", cameo="990"),
            make_event("cb99", cameo="190"),
        ],
    )
    return events, gold


def test_evaluate_conflibert_scores_first_event(scenario: tuple[Path, Path]) -> None:
    events, gold = scenario

    report = evaluate_conflibert(read_events(events), read_conflibert_gold(gold))

    figures = report.figures
    assert (figures["sentences"], figures["with_event"], figures["correct"]) == (4, 3, 1)
    assert (figures["accuracy"], figures["coverage"]) == (0.25, 0.75)
    assert figures["accuracy_with_event"] == pytest.approx(1 / 3)
    assert figures["events_ignored"] == 1


def test_evaluate_conflibert_confusion_table(scenario: tuple[Path, Path]) -> None:
    events, gold = scenario

    (table,) = evaluate_conflibert(read_events(events), read_conflibert_gold(gold)).tables

    assert table.header == ("gold \\ coded", "0", "1", "2", "3", "4", "none")
    assert table.rows == (
        ("0", "0", "0", "0", "0", "0", "0"),
        ("1", "0", "1", "0", "0", "0", "0"),
        ("2", "0", "0", "0", "0", "0", "1"),
        ("3", "1", "0", "0", "0", "0", "0"),
        ("4", "0", "0", "0", "0", "0", "1"),
    )


def test_evaluate_conflibert_lists_wrong_sentences(scenario: tuple[Path, Path]) -> None:
    events, gold = scenario

    report = evaluate("conflibert", events, gold, errors=True)

    assert report.errors == (
        "wrong cb1: gold group 3, coded 010 (group 0): sentence 0 of cb1",
        "wrong cb2: gold group 2, coded no event",
        "wrong cb3: gold group 4, coded 990 (group None): sentence 0 of cb3",
    )
