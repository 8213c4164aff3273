"""RSS/Atom feeds: one article per item, item text as plain lines, local item pages read from disk."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from legation.errors import InputError
from legation.model import Article, Drop
from legation.readers.feeds import html_to_text, local_page, read_feed

FEED = Path(__file__).resolve().parents[1] / "fixtures" / "web" / "courier.rss"

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Lake Town Gazette</title>
  <id>urn:lake:gazette</id>
  <updated>2022-03-02T08:00:00+02:00</updated>
  <entry>
    <title>Dale and Esgaroth sign fishing accord</title>
    <id>urn:lake:2022:fishing</id>
    <link href="https://gazette.example.net/fishing"/>
    <updated>2022-03-02T01:30:00+02:00</updated>
    <summary>Dale and Esgaroth agreed on Tuesday to share the catch of the long lake.</summary>
  </entry>
  <entry>
    <title>Empty item</title>
    <id>urn:lake:2022:empty</id>
    <updated>2022-03-02T01:30:00+02:00</updated>
  </entry>
</feed>
"""


@pytest.fixture(scope="module")
def items() -> list[Article | Drop]:
    return list(read_feed(FEED, max_chars=100_000))


def test_read_feed_gives_one_article_per_item(items: list[Article | Drop]) -> None:
    assert [item.article_id for item in items] == [
        "courier-2021-0611-grain",
        "https://courier.example.org/world/harad-recalls-envoy",
        "courier-2021-0614-border",
    ]
    assert all(isinstance(item, Article) for item in items)


def test_read_feed_turns_item_html_into_plain_lines(items: list[Article | Drop]) -> None:
    first = items[0]
    assert isinstance(first, Article)
    assert first.text == (
        "Envoys of Rohan and Gondor held talks in Edoras on Friday about a corridor for grain shipments.\n"
        "Both sides said they would meet again & sign an accord next month."
    )


def test_read_feed_keeps_item_metadata(items: list[Article | Drop]) -> None:
    first = items[0]
    assert isinstance(first, Article)
    assert first.title == "Rohan and Gondor hold talks on grain corridor"
    # The item's own calendar day (23:40 at UTC-4), not the next day in UTC.
    assert (first.published, first.published_basis) == (date(2021, 6, 11), "metadata")
    assert first.url == "https://courier.example.org/world/rohan-gondor-grain"
    assert (first.source, first.language) == ("Northern Courier", "en")


def test_read_feed_uses_summary_when_item_has_no_content(items: list[Article | Drop]) -> None:
    second = items[1]
    assert isinstance(second, Article)
    assert (
        second.text
        == "Harad recalled its ambassador from Umbar on Saturday after a dispute over fishing rights."
    )


def test_read_feed_reads_local_item_page(items: list[Article | Drop]) -> None:
    third = items[2]
    assert isinstance(third, Article)
    assert third.text.startswith("Annuminas – The foreign minister of Arnor")
    assert "Rhovanion" not in third.text
    assert (third.published, third.published_basis) == (date(2021, 6, 14), "metadata")
    assert third.url == "https://courier.example.org/world/2021/06/14/arnor-gondor-border"


def test_read_feed_reads_atom_and_drops_empty_items(tmp_path: Path) -> None:
    path = tmp_path / "gazette.atom"
    path.write_text(ATOM, encoding="utf-8")
    article, empty = read_feed(path, max_chars=10_000)
    assert isinstance(article, Article) and isinstance(empty, Drop)
    assert (article.article_id, article.published, article.source) == (
        "urn:lake:2022:fishing",
        date(2022, 3, 2),
        "Lake Town Gazette",
    )
    assert (empty.reason, empty.article_id) == ("empty", "urn:lake:2022:empty")
    assert "item 2" in empty.detail


def test_read_feed_rejects_a_file_that_is_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "notes.xml"
    path.write_text("<notes><unclosed></notes", encoding="utf-8")
    with pytest.raises(InputError, match=r"notes\.xml: not an RSS/Atom feed"):
        list(read_feed(path, max_chars=1000))


@pytest.mark.parametrize(
    ("fragment", "text"),
    [
        ("<p>One &amp; two.</p><p>Three.</p>", "One & two.\nThree."),
        ("<ul><li>First</li><li>Second</li></ul>", "First\nSecond"),
        ("Plain text\n\nwith a second paragraph", "Plain text\nwith a second paragraph"),
        ("<div>Kept</div><script>dropped()</script><style>p {}</style>", "Kept"),
        ("Line<br>break   with   spaces", "Line\nbreak with spaces"),
    ],
)
def test_html_to_text_strips_tags_and_keeps_paragraph_lines(fragment: str, text: str) -> None:
    assert html_to_text(fragment) == text


def test_local_page_resolves_relative_and_file_links_only(tmp_path: Path) -> None:
    page = tmp_path / "story.html"
    page.write_text("<html></html>", encoding="utf-8")
    assert local_page("story.html", folder=tmp_path) == page
    assert local_page(page.as_uri(), folder=Path("/elsewhere")) == page
    assert local_page("https://example.org/story.html", folder=tmp_path) is None
    assert local_page("missing.html", folder=tmp_path) is None
    assert local_page(None, folder=tmp_path) is None
