"""`legation dyad` and `legation partners` on a store built from the demo articles in examples/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from legation.analytics import dyad_series, open_source
from legation.analytics import partners as find_partners
from legation.cli import main
from legation.model import CodedArticle
from legation.pipeline import Pipeline
from legation.readers import read_articles
from legation.store.events import EventStore

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def demo_store(shared_pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    with EventStore(path) as store:
        coded = shared_pipeline.code(read_articles(EXAMPLES))
        store.write(item for item in coded if isinstance(item, CodedArticle))
    return path


def api_partner(store: Path, country: str) -> tuple[str, int]:
    connection = open_source(store)
    frame = find_partners(connection, country)
    connection.close()
    return str(frame.iloc[0]["partner"]), int(frame.iloc[0]["events"])


@pytest.mark.model
def test_cli_partners_agrees_with_the_api(demo_store: Path) -> None:
    partner, events = api_partner(demo_store, "JPN")
    result = CliRunner().invoke(main, ["partners", "jpn", "--db", str(demo_store), "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "partner,events,mentions,cooperative,conflictual,intensity_mean,goldstein_mean"
    assert lines[1].startswith(f"{partner},{events},")


@pytest.mark.model
def test_cli_dyad_jsonl_agrees_with_the_api(demo_store: Path) -> None:
    connection = open_source(demo_store)
    frame = dyad_series(connection, "JPN", "VNM", by="year")
    connection.close()
    result = CliRunner().invoke(main, ["dyad", "JPN", "VNM", "--db", str(demo_store), "--by", "year",
                                       "--format", "jsonl"])  # fmt: skip
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert len(records) == len(frame) > 0
    assert sum(record["events"] for record in records) == int(frame["events"].sum())
    assert all(len(record["period"]) == 10 and record["period"].endswith("-01-01") for record in records)


@pytest.mark.model
def test_cli_dyad_table_by_month(demo_store: Path) -> None:
    result = CliRunner().invoke(main, ["dyad", "VNM", "JPN", "--db", str(demo_store)])
    assert result.exit_code == 0, result.output
    header, *rows = result.output.splitlines()
    assert header.split()[:4] == ["period", "plover_event", "quad_class", "events"]
    assert rows and all(row.split()[0].endswith("-01") for row in rows)


@pytest.mark.model
@pytest.mark.parametrize(
    ("args", "message"),
    [(["partners", "XYZ"], "unknown country 'XYZ'"), (["dyad", "JPN", "VNM", "--by", "decade"], "decade")],
)
def test_cli_analytics_errors(demo_store: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, [*args, "--db", str(demo_store)])
    assert result.exit_code in {1, 2}
    assert message in result.output
