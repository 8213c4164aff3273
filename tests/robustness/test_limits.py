"""Limits: max_article_chars and max_sentence_chars turn long inputs into Drops that name the limit."""

from __future__ import annotations

from pathlib import Path

import pytest

from legation.model import Article, CodedArticle, Drop
from legation.pipeline import Pipeline, build_pipeline
from legation.readers import read_articles
from legation.settings import load_settings

TEXT = "Gondor's envoy met Arnor's minister on Monday to discuss the border."  # 68 characters


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("long.txt", TEXT),
        ("long.jsonl", f'{{"id": "long", "text": "{TEXT}"}}\n'),
        ("long.csv", f'id,text\nlong,"{TEXT}"\n'),
    ],
)
def test_read_articles_over_max_chars_is_too_large(tmp_path: Path, name: str, content: str) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    (drop,) = read_articles([tmp_path / name], max_chars=40)
    assert isinstance(drop, Drop) and drop.reason == "too_large"
    assert f"{len(TEXT)} characters, more than max_chars=40" in drop.detail


def test_read_articles_at_max_chars_is_kept(tmp_path: Path) -> None:
    (tmp_path / "exact.txt").write_text(TEXT, encoding="utf-8")
    (article,) = read_articles([tmp_path / "exact.txt"], max_chars=len(TEXT))
    assert isinstance(article, Article) and article.text == TEXT


@pytest.mark.model
def test_pipeline_screen_refuses_article_over_max_article_chars(shared_pipeline: Pipeline) -> None:
    settings = shared_pipeline.settings.replace(max_article_chars=40)
    pipeline = Pipeline(
        settings, parser=shared_pipeline.parser, coder=shared_pipeline.coder, screen=shared_pipeline.screen
    )
    (drop,) = pipeline.code([Article("long", TEXT)])
    assert isinstance(drop, Drop) and (drop.stage, drop.reason) == ("screen", "too_large")
    assert "68 characters > max_article_chars (40)" in drop.detail


@pytest.mark.model
def test_pipeline_sentence_over_max_sentence_chars_is_not_coded() -> None:
    overrides = {"max_sentence_chars": 40, "require_dyad": False}
    pipeline = build_pipeline(load_settings(env={}, overrides=overrides))
    (coded,) = pipeline.code([Article("long", TEXT)])
    assert isinstance(coded, CodedArticle) and coded.events == ()
    reasons = {drop.reason: drop.detail for drop in coded.drops}
    assert "sentence_too_long" in reasons and "68" in reasons["sentence_too_long"]
