"""The real development gold files load with our readers and still have the sizes we score against."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from legation.eval import evaluate
from legation.eval.conflibert import read_conflibert_gold
from legation.eval.plover import PLOVER_EVENTS, read_country_codes, read_plover_gold
from legation.eval.seeds import read_seeds_gold

GOLD = Path(__file__).resolve().parents[2] / ".." / "shared" / "gold"

pytestmark = pytest.mark.shared


@pytest.fixture
def gold_dir() -> Path:
    if not GOLD.is_dir():
        pytest.skip(f"shared gold data not found at {GOLD}")
    return GOLD


def test_seeds_gold_has_36_events_22_required(gold_dir: Path) -> None:
    golds = read_seeds_gold(gold_dir / "seeds-gold.jsonl")

    assert len(golds) == 36
    assert sum(gold.required for gold in golds) == 22


def test_plover_gold_has_158_records_in_current_types(gold_dir: Path) -> None:
    golds = read_plover_gold(gold_dir / "plover-gsr-dev.json", country_codes=read_country_codes())

    assert len(golds) == 158
    assert {gold.event for gold in golds} <= PLOVER_EVENTS
    assert not {"JAP", "ITL"} & {code for gold in golds for code in gold.sources + gold.targets}


def test_plover_gold_ids_match_input_ids(gold_dir: Path) -> None:
    golds = read_plover_gold(gold_dir / "plover-gsr-dev.json", country_codes=read_country_codes())
    lines = (gold_dir / "plover-gsr-dev.input.jsonl").read_text(encoding="utf-8").splitlines()

    assert [gold.gold_id for gold in golds] == [json.loads(line)["id"] for line in lines]


def test_conflibert_gold_has_1349_rows(gold_dir: Path) -> None:
    golds = read_conflibert_gold(gold_dir / "conflibert-cameo-class-train.tsv")

    assert len(golds) == 1349
    assert golds[-1].gold_id == "cb1348"


@pytest.mark.parametrize(
    ("kind", "name", "count", "figure"),
    [
        ("seeds", "seeds-gold.jsonl", 22, "gold_required"),
        ("plover", "plover-gsr-dev.json", 158, "records"),
        ("conflibert", "conflibert-cameo-class-train.tsv", 1349, "sentences"),
    ],
)
def test_evaluate_runs_on_real_gold_with_no_events(
    tmp_path: Path, gold_dir: Path, kind: str, name: str, count: int, figure: str
) -> None:
    events = tmp_path / "events.jsonl"
    events.write_text("", encoding="utf-8")

    report = evaluate(kind, events, gold_dir / name)

    assert report.figures[figure] == count
