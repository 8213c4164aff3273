"""The Python API that every front end is a thin layer over: read, code, store."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from legation.model import Article, CodedArticle, Drop, Event
from legation.pipeline import Pipeline, build_pipeline
from legation.readers import read_articles
from legation.settings import Settings, load_settings


def code_articles(
    paths: Iterable[str | Path], *, settings: Settings | None = None, pipeline: Pipeline | None = None
) -> Iterator[CodedArticle | Drop]:
    """Read every article under `paths` and code it; yields CodedArticle, or Drop for what could not be
    used."""
    settings = settings or load_settings()
    pipeline = pipeline or build_pipeline(settings)
    return pipeline.code(read_articles(paths, max_chars=settings.max_article_chars))


def code_text(
    text: str,
    *,
    published: date | None = None,
    settings: Settings | None = None,
    pipeline: Pipeline | None = None,
) -> list[Event]:
    """Events of one text. To code many texts, build the pipeline once and pass it in."""
    pipeline = pipeline or build_pipeline(settings or load_settings())
    return pipeline.code_text(text, published=published)


__all__ = ["Article", "code_articles", "code_text"]
