"""Fixtures of the web tests: a small store written from hand-made events (no model), app/client builders."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest

from legation.model import (
    ActorRef,
    Article,
    CameoCoding,
    CodedArticle,
    Event,
    EventDate,
    Evidence,
    PloverCoding,
)
from legation.store.events import EventStore
from legation.web import ApiLimits, create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

XSS_TITLE = "<script>alert(1)</script> Sanctions row"
XSS_SENTENCE = (
    "Rabat accused Paris of spying <img src=x onerror=alert(2)> on its diplomats <script>alert(3)</script>."
)


@dataclass(frozen=True)
class Spec:
    """One hand-made event: who, what, when, and the sentence of its article it comes from."""

    actor: str
    recipient: str
    plover: str
    cameo: str
    goldstein: float
    quad_class: int
    when: str | None
    sentence: str
    confidence: float = 0.9
    intensity: float = 2.0


ARTICLES: dict[str, tuple[str | None, date | None, list[Spec]]] = {
    "a1_call": (
        "Morocco and Korea talk",
        date(2020, 3, 31),
        [
            Spec(
                "MAR",
                "KOR",
                "CONSULT",
                "040",
                1.0,
                1,
                "2020-03-30",
                "Bourita spoke with Kang by phone on Monday.",
            ),
            Spec(
                "KOR",
                "MAR",
                "AGREE",
                "057",
                8.0,
                1,
                "2020-04-02",
                "The two ministers signed a health accord.",
            ),
        ],
    ),
    "a2_call_again": (
        "Phone call",
        date(2020, 3, 31),
        [
            Spec(
                "MAR",
                "KOR",
                "CONSULT",
                "040",
                1.0,
                1,
                "2020-03-30",
                "Morocco's minister phoned Seoul on Monday.",
            ),
        ],
    ),
    "a3_protest": (
        "Mali protest",
        date(2021, 6, 2),
        [
            Spec(
                "MLI",
                "FRA",
                "PROTEST",
                "140",
                -6.5,
                3,
                "2021-06-01",
                "Crowds in Bamako protested against France.",
            ),
            Spec(
                "FRA",
                "MLI",
                "MOBILIZE",
                "150",
                -7.2,
                4,
                "2021-06",
                "France moved troops toward Mali's border.",
            ),
            Spec("FRA", "MLI", "AID", "070", 7.0, 2, None, "Paris promised medical aid to Bamako."),
        ],
    ),
    "a4_xss": (
        XSS_TITLE,
        date(2022, 1, 5),
        [
            Spec("MAR", "FRA", "ACCUSE", "112", -2.0, 3, "2022-01-04", XSS_SENTENCE, confidence=0.5),
        ],
    ),
}
GROUPED = ("a2_call_again:0:0", "a1_call:0:0")  # (member, representative)


def coded_article(
    article_id: str, title: str | None, published: date | None, specs: list[Spec]
) -> CodedArticle:
    text = "\n\n".join(spec.sentence for spec in specs)
    events = []
    for index, spec in enumerate(specs):
        start = text.index(spec.sentence)
        precision = None if spec.when is None else {10: "day", 7: "month", 4: "year"}[len(spec.when)]
        events.append(
            Event(
                event_id=f"{article_id}:{index}:0",
                article_id=article_id,
                sentence_index=index,
                date=EventDate(spec.when, precision, "text" if spec.when else None),
                plover=PloverCoding(spec.plover, intensity=spec.intensity),
                cameo=CameoCoding(spec.cameo, spec.goldstein, spec.quad_class),
                actor=(
                    ActorRef(
                        f"the {spec.actor} minister",
                        name=f"Minister of {spec.actor}",
                        country=spec.actor,
                        sector="GOV",
                    ),
                ),
                recipient=(ActorRef(f"{spec.recipient}", country=spec.recipient),),
                evidence=Evidence(spec.sentence, start, start + len(spec.sentence)),
                confidence=spec.confidence,
            )
        )
    return CodedArticle(
        Article(article_id, text, title=title, published=published, source="fixture"), tuple(events)
    )


def build_store(path: Path) -> Path:
    with EventStore(path) as store:
        store.write(coded_article(key, *value) for key, value in ARTICLES.items())
    with duckdb.connect(str(path)) as connection:  # group two mentions as the dedup stage would
        connection.execute("UPDATE events SET group_id = ? WHERE event_id IN (?, ?)", [GROUPED[1], *GROUPED])
    return path


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of 4 articles and 7 event mentions (6 deduplicated events); tests must not write to it."""
    return build_store(tmp_path_factory.mktemp("web") / "events.duckdb")


@pytest.fixture()
def writable_store(tmp_path: Path) -> Path:
    return build_store(tmp_path / "events.duckdb")


@pytest.fixture(scope="session")
def client(store_path: Path) -> Iterator[TestClient]:
    """A client of a read-only app without a rate limit."""
    with TestClient(create_app(store_path, limits=ApiLimits(rate=None))) as test_client:
        yield test_client


@pytest.fixture()
def make_client() -> Iterator[Callable[..., TestClient]]:
    """Build a client of create_app(path, **options); closed after the test."""
    made: list[TestClient] = []

    def build(path: Path, **options: Any) -> TestClient:
        made.append(TestClient(create_app(path, **options)).__enter__())
        return made[-1]

    yield build
    for test_client in made:
        test_client.__exit__(None, None, None)
