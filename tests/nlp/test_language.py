"""LanguageScreen: English passes; other languages, other scripts and declared non-English are caught."""

from __future__ import annotations

import pytest

from legation.model import Article
from legation.nlp.language import LanguageScreen

# A small list of English function words, as the pipeline passes in (spaCy's list is much longer).
STOP_WORDS = frozenset(
    "a an the of to in on at for with by from and or but is are was were be been has have had it its "
    "this that which who will would said his her their they he she as not".split()
)

ENGLISH = (
    "The foreign minister of Arnor met his counterpart from Gondor on Monday and said that the two "
    "countries would work together on trade, health and the protection of their shared border."
)
FRENCH = (
    "Le ministre des affaires étrangères de l'Arnor a rencontré lundi son homologue du Gondor. Les deux "
    "pays vont renforcer leur coopération commerciale et sanitaire ainsi que la protection de leur frontière."
)
SPANISH = (
    "El ministro de asuntos exteriores de Arnor se reunió el lunes con su homólogo de Gondor. Ambos países "
    "reforzarán su cooperación comercial y sanitaria, así como la protección de su frontera común."
)
GERMAN = (
    "Der Außenminister von Arnor traf sich am Montag mit seinem Amtskollegen aus Gondor. Beide Länder wollen "
    "ihre Zusammenarbeit bei Handel und Gesundheit sowie den Schutz ihrer gemeinsamen Grenze verstärken."
)
RUSSIAN = (
    "Министр иностранных дел Арнора в понедельник встретился со своим коллегой из Гондора. Две страны "
    "договорились укреплять сотрудничество в торговле и здравоохранении и совместно охранять общую границу."
)


@pytest.fixture(scope="module")
def screen() -> LanguageScreen:
    return LanguageScreen(STOP_WORDS)


def article(text: str, language: str | None = None) -> Article:
    return Article(article_id="a1", text=text, language=language)


@pytest.mark.parametrize("language", [None, "en", "EN-gb", " en "])
def test_language_screen_english_passes(screen: LanguageScreen, language: str | None) -> None:
    assert screen(article(ENGLISH, language)) is None


@pytest.mark.parametrize("text", [FRENCH, SPANISH, GERMAN], ids=["french", "spanish", "german"])
def test_language_screen_other_latin_languages_are_caught(screen: LanguageScreen, text: str) -> None:
    reason = screen(article(text))
    assert reason is not None
    assert reason.startswith("another language")


def test_language_screen_cyrillic_is_a_non_latin_script(screen: LanguageScreen) -> None:
    assert screen(article(RUSSIAN)) == "a non-Latin script"


def test_language_screen_declared_language_wins_over_the_text(screen: LanguageScreen) -> None:
    assert screen(article(ENGLISH, "fr")) == "language 'fr' (declared)"


@pytest.mark.parametrize(
    "text", ["Arnor and Gondor.", "Le ministre a rencontré son homologue.", "Министр встретился."]
)
def test_language_screen_short_texts_pass(screen: LanguageScreen, text: str) -> None:
    assert screen(article(text)) is None


def test_language_screen_looks_only_at_the_start_of_long_texts(screen: LanguageScreen) -> None:
    long_text = ENGLISH + " " + " ".join([FRENCH] * 200)
    assert len(long_text) > 5_000
    assert screen(article(long_text)) is not None
    assert screen(article(" ".join([ENGLISH] * 30) + " " + RUSSIAN * 50)) is None
