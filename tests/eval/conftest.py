"""Fixtures for the evaluation tests: tiny coded-event files (fictional countries: Arnor, Gondor, Rohan)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest


def coded_event(
    article_id: str,
    *,
    sentence: int = 0,
    start: int = 0,
    cameo: str = "040",
    plover: str = "CONSULT",
    actors: tuple[str | None, ...] = ("ARN",),
    recipients: tuple[str | None, ...] = ("GON",),
    symmetric: bool = False,
    date: str | None = None,
) -> dict[str, Any]:
    """One event in CONTRACT.md's output shape, with only what the tests vary."""
    return {
        "event_id": f"{article_id}:{sentence}:{start}",
        "article_id": article_id,
        "sentence_index": sentence,
        "date": date,
        "date_precision": None,
        "plover": {"event": plover, "mode": None, "contexts": [], "intensity": None},
        "cameo": {"code": cameo, "root": cameo[:2], "goldstein": 0.0, "quad_class": 1},
        "actor": [{"text": f"the {code} side", "country": code} for code in actors],
        "recipient": [{"text": f"the {code} side", "country": code} for code in recipients],
        "symmetric": symmetric,
        "evidence": {"text": f"sentence {sentence} of {article_id}", "start": start, "end": start + 10},
    }


@pytest.fixture
def write_jsonl(tmp_path: Path) -> Callable[[str, list[Any]], Path]:
    """Write records as JSONL under tmp_path and return the path."""

    def write(name: str, records: list[Any]) -> Path:
        path = tmp_path / name
        path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
        return path

    return write


@pytest.fixture
def make_event() -> Callable[..., dict[str, Any]]:
    """The `coded_event` factory, as a fixture so tests need not import this conftest."""
    return coded_event
