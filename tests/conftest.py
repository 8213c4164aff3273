"""Fixtures shared by every test folder: the development data beside the checkout, and one loaded pipeline."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from legation.pipeline import Pipeline, build_pipeline
from legation.settings import load_settings
from legation.store.events import EventStore

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
# Fictional Arnor (ARN), Gondor (GON), Rohan (ROH): store rows with grouped mentions, for analytics and
# exports.
TOY_ROWS = Path(__file__).resolve().parent / "fixtures" / "analytics"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared (seeds, gold, reference, corpus); the test is skipped when the folder is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent")
    return SHARED


@pytest.fixture(scope="session")
def shared_pipeline() -> Pipeline:
    """A pipeline with the default settings (no legation.toml, no LEGATION_* variables), loaded once per
    run."""
    return build_pipeline(load_settings(env={}))


def build_toy_store(path: Path) -> Path:
    """A migrated store holding tests/fixtures/analytics/{articles,events}.jsonl (store columns)."""
    EventStore(path).close()
    with duckdb.connect(str(path)) as connection:
        # The date format matches no value, so partial dates ("2020-04") stay text; BY NAME casts each column.
        for table in ("articles", "events"):
            connection.execute(
                f"INSERT INTO {table} BY NAME SELECT * FROM read_json(?, dateformat = '%Y-%m-%d %H', "
                "timestampformat = '%Y-%m-%d %H:%M:%S')",
                [str(TOY_ROWS / f"{table}.jsonl")],
            )
    return path


@pytest.fixture(scope="module")
def toy_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_toy_store(tmp_path_factory.mktemp("toy") / "toy.duckdb")
