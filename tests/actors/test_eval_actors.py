"""Actor-level evaluation: gold reading, locating gold texts, matching mentions and the figures (no model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from legation.errors import InputError
from legation.eval.actors import (
    GoldActor,
    actor_report,
    judge_actors,
    locate,
    normalise_sector,
    read_actor_gold,
    same_country,
)
from legation.model import ActorRef

TEXT = "Arnorian troops and the Gondor government met rebels in Bree."


def gold(text: str, code: str, sector: str | None = None) -> GoldActor:
    return GoldActor("g1", "source", text, code, sector)


def mention(text: str, country: str | None, sector: str | None = None) -> ActorRef:
    start = TEXT.index(text)
    return ActorRef(text=text, country=country, sector=sector, start=start, end=start + len(text))


@pytest.mark.parametrize(
    ("raw", "expected"), [("CVLalb", "CVL"), ("JRN", "MED"), ("***", None), (None, None), ("GOV", "GOV")]
)
def test_normalise_sector_reads_first_three_letters(raw: str | None, expected: str | None) -> None:
    assert normalise_sector(raw) == expected


@pytest.mark.parametrize(
    ("actor_text", "span"),
    [("Gondor government", (24, 41)), ("arnorian ... troops", (0, 8)), ("Rohan", None)],
)
def test_locate_finds_gold_text(actor_text: str, span: tuple[int, int] | None) -> None:
    assert locate(TEXT, actor_text) == span


def test_same_country_treats_un_and_eu_as_igo() -> None:
    assert same_country("UNO", "IGO") and same_country("EUR", "IGO") and not same_country("ARN", "IGO")


def test_judge_actors_prefers_mention_starting_with_gold() -> None:
    mentions = [mention("Bree", "ARN", "GOV"), mention("rebels", "GON", "REB")]
    outcome = judge_actors(TEXT, [gold("rebels in Bree", "GON", "REB")], mentions)[0]
    assert outcome.mention is not None and outcome.mention.text == "rebels"
    assert outcome.country_correct and outcome.sector_correct


def test_actor_report_counts_over_found_and_all() -> None:
    golds = [
        gold("Arnorian troops", "ARN", "MIL"),
        gold("Gondor government", "GON", "GOV"),
        gold("Rohan", "ROH"),
    ]
    mentions = [mention("Arnorian troops", "ARN", "MIL"), mention("the Gondor government", "ARN", "GOV")]
    report = actor_report(judge_actors(TEXT, golds, mentions), errors=True)
    assert report.figures["found"] == 2
    assert report.figures["country_accuracy_found"] == pytest.approx(0.5)
    assert report.figures["country_accuracy_all"] == pytest.approx(1 / 3)
    assert report.figures["sector_accuracy_all"] == pytest.approx(1.0)
    assert any(line.startswith("not found") for line in report.errors)
    assert any(line.startswith("wrong country") for line in report.errors)


def test_read_actor_gold_reads_sources_and_targets(tmp_path: Path) -> None:
    path = tmp_path / "gold.json"
    path.write_text(
        json.dumps(
            [
                {"id": "doc", "event": "DOCUMENT"},
                {
                    "id": "g1",
                    "event": "AGREE",
                    "source": [{"actorText": "Arnor", "code": "JAP"}],
                    "target": [{"actorText": "Gondor", "code": "GON", "sector": "GOVx"}],
                },
            ]
        ),
        encoding="utf-8",
    )
    golds = read_actor_gold(path, country_codes={"JAP": "JPN"})
    assert [(g.role, g.code, g.sector) for g in golds] == [("source", "JPN", None), ("target", "GON", "GOV")]


def test_read_actor_gold_reports_bad_actor(tmp_path: Path) -> None:
    path = tmp_path / "gold.json"
    path.write_text(json.dumps([{"id": "g1", "event": "AGREE", "source": [{"actorText": "Arnor"}]}]))
    with pytest.raises(InputError, match=r"source\[0\]: expected actorText and code"):
        read_actor_gold(path, country_codes={})


@pytest.mark.model
@pytest.mark.shared
def test_evaluate_actors_meets_dev_targets(shared_dir: Path) -> None:
    from legation.eval.actors import evaluate_actors

    report = evaluate_actors(
        shared_dir / "gold" / "plover-gsr-dev.input.jsonl", shared_dir / "gold" / "plover-gsr-dev.json"
    )
    assert report.figures["country_accuracy_found"] >= 0.95
    assert report.figures["sector_accuracy_found"] >= 0.80
