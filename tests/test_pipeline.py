"""The Python API and `Pipeline` against the CLI: same events for the same text; Drops kept in order.

The pipeline is built once for the module (the real spaCy model), and the CLI is made to reuse it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import legation
from legation.cli import main
from legation.model import Article, CodedArticle, Drop
from legation.pipeline import Pipeline, build_pipeline
from legation.settings import Settings, load_settings

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "articles"
ENGLISH = "Kenya's foreign minister met his Ugandan counterpart in Nairobi on Friday to discuss border trade."
FRENCH = (
    "Le président a reçu lundi son homologue sénégalais au palais pour discuter de la coopération entre les "
    "deux pays, de la sécurité dans la région et des échanges commerciaux, a indiqué la présidence dans un "
    "communiqué publié dans la soirée."
)
Invoke = Callable[..., Result]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return build_pipeline(load_settings(env={}))


@pytest.fixture(scope="module")
def invoke(pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Invoke]:
    """The CLI, run with no LEGATION_* variables in an empty folder, reusing `pipeline` for its settings."""

    def reuse(settings: Settings) -> Pipeline:
        return pipeline if settings == pipeline.settings else build_pipeline(settings)

    with pytest.MonkeyPatch.context() as patch:
        for key in [key for key in os.environ if key.startswith("LEGATION_")]:
            patch.delenv(key)
        patch.chdir(tmp_path_factory.mktemp("cwd"))
        patch.setattr("legation.api.build_pipeline", reuse)
        yield lambda *args: CliRunner().invoke(main, [str(arg) for arg in args])


def _cli_events(invoke: Invoke, path: Path) -> list[dict[str, Any]]:
    result = invoke("code", path, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def _text_and_date(path: Path) -> tuple[str, date]:
    """Our fixtures' header is ` date YYYY-MM-DD ` (17 characters) followed by the first paragraph."""
    raw = path.read_text(encoding="utf-8")
    return raw[17:], date.fromisoformat(raw[6:16])


def _renamed(events: list[dict[str, Any]], old: str, new: str) -> list[dict[str, Any]]:
    """The events as if their article had id `new` (article_id and the event_id prefix)."""
    return [
        {**event, "article_id": new, "event_id": new + event["event_id"].removeprefix(old)}
        for event in events
    ]


def _article(article_id: str, text: str, **fields: Any) -> Article:
    return Article(article_id=article_id, text=text, origin=f"test:{article_id}", **fields)


FIXTURE_FILES = sorted(FIXTURES.glob("*.txt"))


@pytest.mark.model
@pytest.mark.parametrize("path", FIXTURE_FILES, ids=[path.stem for path in FIXTURE_FILES])
def test_pipeline_code_text_matches_cli_jsonl(pipeline: Pipeline, invoke: Invoke, path: Path) -> None:
    text, published = _text_and_date(path)
    expected = _cli_events(invoke, path)
    assert expected
    api_events = legation.code_text(text, published=published, pipeline=pipeline)
    assert [event.to_dict() for event in api_events] == _renamed(expected, path.stem, "text")
    own = pipeline.code_text(text, published=published, article_id=path.stem)
    assert [event.to_dict() for event in own] == expected


@pytest.mark.model
def test_pipeline_code_articles_matches_cli_jsonl(pipeline: Pipeline, invoke: Invoke) -> None:
    results = list(legation.code_articles([FIXTURES], pipeline=pipeline))
    events = [event.to_dict() for item in results if isinstance(item, CodedArticle) for event in item.events]
    assert events == _cli_events(invoke, FIXTURES)
    assert [(item.article_id, item.reason) for item in results if isinstance(item, Drop)] == [
        ("j-belgique-maroc", "not_english")
    ]


@pytest.mark.model
def test_pipeline_events_carry_pipeline_version(pipeline: Pipeline) -> None:
    events = pipeline.code_text(ENGLISH, published=date(2024, 5, 3))
    assert events
    assert {event.coder_version for event in events} == {pipeline.version}


@pytest.mark.model
def test_pipeline_code_text_without_events_is_empty(pipeline: Pipeline) -> None:
    assert pipeline.code_text("The weather in the capital was mild and dry for most of the week.") == []


@pytest.mark.model
@pytest.mark.parametrize(
    ("article", "reason"),
    [
        (_article("fr-text", FRENCH), "not_english"),
        (_article("fr-declared", ENGLISH, language="fr"), "not_english"),
        (_article("blank", "  \n\n "), "empty"),
    ],
    ids=["french-text", "declared-french", "blank"],
)
def test_pipeline_screen_drops_article(pipeline: Pipeline, article: Article, reason: str) -> None:
    [drop] = list(pipeline.code([article]))
    assert isinstance(drop, Drop)
    assert (drop.stage, drop.reason, drop.article_id, drop.origin) == (
        "screen",
        reason,
        article.article_id,
        article.origin,
    )


@pytest.mark.model
def test_pipeline_too_large_article_is_dropped(pipeline: Pipeline) -> None:
    settings = pipeline.settings.replace(max_article_chars=50)
    small = Pipeline(settings, parser=pipeline.parser, coder=pipeline.coder, screen=pipeline.screen)
    [drop] = list(small.code([_article("long", ENGLISH)]))
    assert isinstance(drop, Drop) and drop.reason == "too_large"


MIXED: list[Article | Drop] = [
    _article("a", ENGLISH),
    Drop("read", "bad_json", "test:2: expected a JSON object", origin="test:2"),
    _article("fr", FRENCH),
    _article("b", ENGLISH.replace("Friday", "Monday")),
    Drop("read", "empty", "test:5: no text", origin="test:5"),
]


def _label(item: CodedArticle | Drop) -> str:
    return item.article.article_id if isinstance(item, CodedArticle) else f"{item.reason}:{item.origin}"


@pytest.mark.model
def test_pipeline_code_keeps_drops_and_articles_each_in_order(pipeline: Pipeline) -> None:
    labels = [_label(item) for item in pipeline.code(MIXED)]
    assert sorted(labels) == sorted(["a", "bad_json:test:2", "not_english:test:fr", "b", "empty:test:5"])
    drops = ["bad_json:test:2", "not_english:test:fr", "empty:test:5"]
    assert [label for label in labels if ":" in label] == drops
    assert [label for label in labels if ":" not in label] == ["a", "b"]


@pytest.mark.model
def test_pipeline_code_keeps_input_order(pipeline: Pipeline) -> None:
    labels = [_label(item) for item in pipeline.code(MIXED)]
    assert labels == ["a", "bad_json:test:2", "not_english:test:fr", "b", "empty:test:5"]


def test_pipeline_import_loads_no_model() -> None:
    code = "import sys, legation; print('spacy' in sys.modules, 'duckdb' in sys.modules)"
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.split() == ["False", "False"]
