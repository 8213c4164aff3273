"""Fixtures shared by every test folder: the development data beside the checkout, and one loaded pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from legation.pipeline import Pipeline, build_pipeline
from legation.settings import load_settings

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared (seeds, gold, reference, corpus); the test is skipped when the folder is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent")
    return SHARED


@pytest.fixture(scope="session")
def shared_pipeline() -> Pipeline:
    """A pipeline with the default settings (no legation.toml, no LEGATION_* variables), loaded once per run."""
    return build_pipeline(load_settings(env={}))
