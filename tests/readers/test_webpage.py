"""HTML pages: paragraphs and metadata come out; navigation, sidebars, banners and footers do not."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from legation.errors import InputError
from legation.model import Article, Drop
from legation.readers.webpage import host_of, parse_html, read_html

PAGE = Path(__file__).resolve().parents[1] / "fixtures" / "web" / "arnor_gondor.html"


@pytest.fixture(scope="module")
def article() -> Article:
    (item,) = read_html(PAGE, max_chars=100_000)
    assert isinstance(item, Article)
    return item


def test_read_html_keeps_paragraphs_as_lines(article: Article) -> None:
    lines = article.text.split("\n")
    assert len(lines) == 4
    assert lines[0].startswith("Annuminas – The foreign minister of Arnor met")
    assert lines[-1].startswith("Officials from both capitals said")


@pytest.mark.parametrize(
    "boilerplate",
    [
        "cookies",
        "Home",
        "Politics",
        "Rhovanion",
        "Harad expels",
        "Umbar fleet",
        "Most read",
        "Latest News",
        "Follow us",
        "Subscribe",
        "All rights reserved",
        "By Elena Varda",
    ],
)
def test_read_html_drops_navigation_sidebar_and_footer(article: Article, boilerplate: str) -> None:
    assert boilerplate not in article.text


def test_read_html_extracts_metadata(article: Article) -> None:
    assert article.article_id == "arnor_gondor"
    assert article.title == "Arnor and Gondor agree to reopen border crossings"
    assert (article.published, article.published_basis) == (date(2021, 6, 14), "page")
    assert article.url == "https://courier.example.org/world/2021/06/14/arnor-gondor-border"
    assert article.source == "Northern Courier"
    assert article.language == "en"
    assert article.origin == str(PAGE)


def test_read_html_drops_article_longer_than_max_chars() -> None:
    (item,) = read_html(PAGE, max_chars=50)
    assert isinstance(item, Drop)
    assert (item.reason, item.article_id) == ("too_large", "arnor_gondor")
    assert "max_chars=50" in item.detail


def test_read_html_raises_input_error_for_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"missing\.html: cannot read HTML page"):
        list(read_html(tmp_path / "missing.html", max_chars=1000))


def test_read_html_decodes_declared_legacy_encoding(tmp_path: Path) -> None:
    page = tmp_path / "latin.html"
    html = (
        '<html lang="fr"><head><meta charset="iso-8859-1"><title>Accord</title></head><body><article>'
        "<p>Le ministre d'Arnor a rencontré son homologue du Gondor à Annúminas pour signer un accord.</p>"
        "</article></body></html>"
    )
    page.write_bytes(html.encode("iso-8859-1"))
    (item,) = read_html(page, max_chars=1000)
    assert isinstance(item, Article)
    assert "rencontré son homologue" in item.text
    assert item.language == "fr"


def test_parse_html_without_text_is_an_empty_drop() -> None:
    item = parse_html("   ", article_id="blank", origin="blank.html")
    assert isinstance(item, Drop)
    assert (item.stage, item.reason, item.origin) == ("read", "empty", "blank.html")


def test_parse_html_prefers_given_url_and_falls_back_to_host_as_source() -> None:
    html = (
        "<html><head><title>Dale trade pact</title></head><body><article><p>Dale and Esgaroth signed a trade "
        "pact on Tuesday in the lake town hall, officials said.</p></article></body></html>"
    )
    item = parse_html(html, article_id="dale", url="https://www.lake.example.net/dale")
    assert isinstance(item, Article)
    assert (item.url, item.source, item.published) == (
        "https://www.lake.example.net/dale",
        "lake.example.net",
        None,
    )


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://www.a.example/x", "a.example"),
        ("http://b.example:8080/", "b.example"),
        ("pages/a.html", None),
        ("file:///tmp/a.html", None),
        (None, None),
    ],
)
def test_host_of_returns_web_host_only(url: str | None, host: str | None) -> None:
    assert host_of(url) == host
