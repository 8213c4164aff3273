"""Every person and organisation named in the five seed articles, resolved to the country and sector the
articles give them (listed from our own reading of the articles' facts); no dateline or city taken for a
person."""

from __future__ import annotations

from pathlib import Path

import pytest

from legation.model import ActorRef, Article
from legation.pipeline import Pipeline
from legation.readers import read_articles

pytestmark = [pytest.mark.model, pytest.mark.shared]

EXPECTED = [
    ("000", "Kang Kyung Wha", "KOR", "GOV"),
    ("000", "Nasser Bourita", "MAR", "GOV"),
    ("000", "Osang Healthcare", "KOR", "BUS"),
    ("000", "South Korean Ministry of Foreign Affairs", "KOR", "GOV"),
    ("001", "Mohammed VI", "MAR", "GOV"),
    ("001", "Xi Jinping", "CHN", "GOV"),
    ("001", "Khalid Ait", "MAR", "GOV"),
    ("001", "China National Biotec Group", "CHN", "BUS"),
    ("002", "Ramiz Hasanov", "AZE", "GOV"),
    ("002", "Kim Dong Op", "KOR", "GOV"),
    ("002", "Kim Tong Op", "KOR", "GOV"),
    ("002", "Nigar Bayramova", "AZE", "GOV"),
    ("003", "Nasser Bourita", "MAR", "GOV"),
    ("003", "Mukhtar Tleuberdi", "KAZ", "GOV"),
    ("004", "Kim Byung Kwan", "KOR", "BUS"),
    ("004", "Korea Importers Association", "KOR", "BUS"),
    ("004", "Investment and Export Development", "MAR", "GOV"),
    ("004", "Karim Zidaine", "MAR", "GOV"),
    ("004", "Omar Hajjira", "MAR", "GOV"),
]


@pytest.fixture(scope="module")
def seed_mentions(shared_dir: Path, shared_pipeline: Pipeline) -> dict[str, list[ActorRef]]:
    articles = [item for item in read_articles(shared_dir / "seeds") if isinstance(item, Article)]
    resolver = shared_pipeline.coder.resolver
    return {
        parsed.article.article_id[:3]: resolver.mentions(parsed)
        for parsed in shared_pipeline.parser(articles)
    }


@pytest.mark.parametrize(("article", "name", "country", "sector"), EXPECTED)
def test_seeds_actor_resolved(
    seed_mentions: dict[str, list[ActorRef]], article: str, name: str, country: str, sector: str
) -> None:
    found = [actor for actor in seed_mentions[article] if name in actor.text]
    assert found, f"{name} not found in seed {article}"
    assert {(actor.country, actor.sector) for actor in found} == {(country, sector)}


@pytest.mark.parametrize("place", ["Rabat", "Beijing", "COVID-19"])
def test_seeds_places_and_diseases_are_not_people(
    seed_mentions: dict[str, list[ActorRef]], place: str
) -> None:
    named = [actor for mentions in seed_mentions.values() for actor in mentions if actor.name == place]
    assert named == []
