"""Fixtures of the batch tests: a small corpus of our own (the demo articles, as text files and as JSONL)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture()
def corpus(tmp_path: Path) -> list[Path]:
    """The five demo articles as .txt files, then a JSONL of the same texts under new ids (with a blank and a
    bad line), so that shards mix single-article files and line ranges."""
    texts = sorted(EXAMPLES.glob("*.txt"))
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in texts:
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    lines = [
        json.dumps(
            {
                "id": f"jsonl-{number}",
                "text": path.read_text(encoding="utf-8").split(" ", 3)[-1],
                "date": "2021-05-0" + str(number + 1),
            }
        )
        for number, path in enumerate(texts)
    ]
    lines.insert(2, "")
    lines.insert(4, "{not json")
    records = tmp_path / "records.jsonl"
    records.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [folder, records]
