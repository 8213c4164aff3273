"""Evaluation gate (trafilatura's practice): coding the seeds and the PLOVER and ConfliBERT sets must keep the
pinned floors (issue 4's targets).

Floors are lowered only by an explicit, reviewed change. Reads ../shared (skipped when absent).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from legation.api import code_articles
from legation.eval import evaluate
from legation.model import CodedArticle
from legation.settings import load_settings

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SEEDS = SHARED / "seeds"
SEEDS_GOLD = SHARED / "gold" / "seeds-gold.jsonl"
PLOVER_INPUT, PLOVER_GOLD = (
    SHARED / "gold" / "plover-gsr-dev.input.jsonl",
    SHARED / "gold" / "plover-gsr-dev.json",
)
CONFLIBERT_INPUT = SHARED / "gold" / "conflibert-train.input.jsonl"
CONFLIBERT_GOLD = SHARED / "gold" / "conflibert-cameo-class-train.tsv"
# Pinned floors (issue 4's targets). Measured when pinned: seeds recall 1.000, precision 0.968, dates 19/19;
# PLOVER GSR dev (every event, no require_dyad) type 0.778, type+dyad 0.601; ConfliBERT root group 0.738.
FLOORS = {"recall": 0.90, "precision": 0.85, "date_accuracy": 1.0}
PLOVER_FLOORS = {"type_accuracy": 0.75, "type_dyad_accuracy": 0.60}
CONFLIBERT_FLOOR = 0.70
LINK_LIST_COUNTRIES = {"ESP", "GIB", "IRN"}

pytestmark = [
    pytest.mark.model,
    pytest.mark.shared,
    pytest.mark.skipif(not SEEDS_GOLD.is_file(), reason="../shared/gold is absent"),
]


def code_to_file(paths: list[Path], out: Path, *, require_dyad: bool = True) -> Path:
    """Code `paths` as `legation code [--all-events] --format jsonl` does, into `out`."""
    settings = load_settings(env={}, overrides={"require_dyad": require_dyad})
    with out.open("w", encoding="utf-8") as handle:
        for item in code_articles(paths, settings=settings):
            if isinstance(item, CodedArticle):
                for event in item.events:
                    handle.write(json.dumps(event.to_dict()) + "\n")
    return out


@pytest.fixture(scope="module")
def seed_events(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return code_to_file(sorted(SEEDS.glob("*.txt")), tmp_path_factory.mktemp("gate") / "seeds.jsonl")


@pytest.mark.parametrize("figure", sorted(FLOORS))
def test_seeds_figure_keeps_its_floor(seed_events: Path, figure: str) -> None:
    report = evaluate("seeds", seed_events, SEEDS_GOLD)
    assert report.figures[figure] >= FLOORS[figure], report.errors


def test_seeds_link_list_of_last_seed_yields_no_event(seed_events: Path) -> None:
    events = [json.loads(line) for line in seed_events.read_text(encoding="utf-8").splitlines()]
    last = [event for event in events if event["article_id"].startswith("004_")]
    countries = {actor["country"] for event in last for actor in (*event["actor"], *event["recipient"])}
    assert last, "the last seed's own events should be coded"
    assert not countries & LINK_LIST_COUNTRIES
    assert not any("Latest News" in event["evidence"]["text"] for event in last)


@pytest.fixture(scope="module")
def plover_events(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return code_to_file([PLOVER_INPUT], tmp_path_factory.mktemp("gate") / "plover.jsonl", require_dyad=False)


@pytest.mark.parametrize("figure", sorted(PLOVER_FLOORS))
def test_plover_gsr_figure_keeps_its_floor(plover_events: Path, figure: str) -> None:
    report = evaluate("plover", plover_events, PLOVER_GOLD)
    assert report.figures[figure] >= PLOVER_FLOORS[figure]


def test_conflibert_root_group_accuracy_keeps_its_floor(tmp_path: Path) -> None:
    events = code_to_file([CONFLIBERT_INPUT], tmp_path / "conflibert.jsonl", require_dyad=False)
    assert evaluate("conflibert", events, CONFLIBERT_GOLD).figures["accuracy"] >= CONFLIBERT_FLOOR
