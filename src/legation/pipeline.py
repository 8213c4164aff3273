"""The pipeline: Article stream → screen → parse (spaCy) → code → CodedArticle stream, with Drops passed
along.

`build_pipeline(settings)` is the only place that names the stages and their order. Every front end (CLI,
Python API, batch runner, tests) codes through `Pipeline.code`.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from datetime import date

from legation.actors.gazetteer import Gazetteer
from legation.actors.knowledge import ActorKnowledge
from legation.actors.officeholders import OfficeHolders
from legation.actors.registry import ActorRegistry
from legation.actors.resolve import ActorResolver
from legation.events.assemble import EventCoder
from legation.lexicons import Lexicons
from legation.model import Article, CodedArticle, Drop, Event, Region
from legation.nlp.boilerplate import BoilerplateRules, find_boilerplate, find_dateline
from legation.nlp.language import LanguageScreen
from legation.nlp.parse import Parser, load_model
from legation.settings import Settings


class BoilerplateMarker:
    """Text → regions no event may come from (link lists, bylines, footers, the dateline) and the dateline's
    place."""

    def __init__(self, rules: BoilerplateRules) -> None:
        self.rules = rules

    def __call__(self, text: str) -> tuple[tuple[Region, ...], str | None]:
        regions = list(find_boilerplate(text, rules=self.rules))
        dateline, place = find_dateline(text, rules=self.rules)
        if dateline is not None:
            regions.append(dateline)
        return tuple(sorted(regions, key=lambda region: region.start)), place


class Pipeline:
    """Screens, parses and codes articles; built once, then used for any number of articles."""

    def __init__(
        self, settings: Settings, *, parser: Parser, coder: EventCoder, screen: LanguageScreen
    ) -> None:
        self.settings = settings
        self.parser = parser
        self.coder = coder
        self.screen = screen

    @property
    def version(self) -> str:
        """The coder version recorded on every event (package version + lexicon digest)."""
        return self.coder.version

    def code(self, items: Iterable[Article | Drop]) -> Iterator[CodedArticle | Drop]:
        """Code a stream of articles; Drops (from readers or the screen) are passed through in order."""
        # Each Drop remembers how many articles went to the parser before it, so that it comes out right
        # after them even though nlp.pipe reads a whole batch ahead.
        pending: deque[tuple[int, Drop]] = deque()
        sent = 0

        def accepted() -> Iterator[Article]:
            nonlocal sent
            for item in items:
                if isinstance(item, Drop):
                    pending.append((sent, item))
                    continue
                problem = self._screen(item)
                if problem is not None:
                    pending.append((sent, problem))
                    continue
                sent += 1
                yield item

        for done, parsed in enumerate(self.parser(accepted())):
            while pending and pending[0][0] <= done:
                yield pending.popleft()[1]
            yield self.coder(parsed)
        while pending:
            yield pending.popleft()[1]

    def code_text(self, text: str, *, published: date | None = None, article_id: str = "text") -> list[Event]:
        """Events of one text (a convenience over `code`)."""
        article = Article(
            article_id=article_id,
            text=text,
            published=published,
            published_basis="metadata" if published else None,
        )
        events: list[Event] = []
        for item in self.code([article]):
            if isinstance(item, CodedArticle):
                events.extend(item.events)
        return events

    def _screen(self, article: Article) -> Drop | None:
        limit = min(self.settings.max_article_chars, self.parser.nlp.max_length)
        if len(article.text) > limit:
            return Drop(
                "screen",
                "too_large",
                f"{len(article.text):,} characters > max_article_chars ({limit:,})",
                article.article_id,
                article.origin,
            )
        if not article.text.strip():
            return Drop("screen", "empty", "no text", article.article_id, article.origin)
        language = self.screen(article)
        if language is not None:
            return Drop(
                "screen",
                "not_english",
                f"text looks like {language}, not English: not coded",
                article.article_id,
                article.origin,
            )
        return None


def knowledge_sources(
    lexicons: Lexicons, registry: ActorRegistry | None = None
) -> tuple[ActorKnowledge, ...]:
    """What the resolver asks about named actors, in order: user entries, the office-holder table, the
    registry."""
    office_holders = OfficeHolders(lexicons.office_terms)
    if registry is None:
        return (office_holders,)
    return (registry.only("user"), office_holders, registry)


def build_pipeline(
    settings: Settings, *, lexicons: Lexicons | None = None, knowledge: Sequence[ActorKnowledge] | None = None
) -> Pipeline:
    """Load the model and the lexicons once and wire the stages in order: screen → parse → code.

    `knowledge`: the sources asked about named actors (default: the office-holder table; see
    knowledge_sources).
    """
    nlp = load_model(settings.model)
    lexicons = lexicons or Lexicons.load()
    knowledge = knowledge_sources(lexicons) if knowledge is None else knowledge
    gazetteer = Gazetteer(lexicons.world, nlp)
    parser = Parser(
        nlp,
        batch_size=settings.batch_size,
        n_process=settings.n_process,
        find_boilerplate=BoilerplateMarker(lexicons.boilerplate),
    )
    common_words = frozenset(nlp.Defaults.stop_words) | frozenset(
        term.phrase for term in lexicons.world.sector_terms
    )
    coder = EventCoder(lexicons, ActorResolver(gazetteer, common_words, knowledge=knowledge), settings)
    screen = LanguageScreen(frozenset(nlp.Defaults.stop_words))
    return Pipeline(settings, parser=parser, coder=coder, screen=screen)
