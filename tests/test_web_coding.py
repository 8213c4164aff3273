"""End to end on a saved web page: the article is coded, navigation, sidebars, cookie banners and footers are
not."""

from __future__ import annotations

import pytest

from legation.model import Article, CodedArticle
from legation.pipeline import build_pipeline
from legation.readers.webpage import parse_html
from legation.settings import load_settings

pytestmark = pytest.mark.model

PAGE = """<!doctype html>
<html lang="en"><head><title>Ghana and Togo sign border accord | The Coastal Times</title>
<meta property="article:published_time" content="2023-09-12T08:00:00Z"></head>
<body>
<div class="cookie-banner"><p>We use cookies. By continuing you accept our cookie policy.</p></div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/africa">Africa</a></li></ul></nav>
<main><article>
<h1>Ghana and Togo sign border accord</h1>
<p class="byline">By Kofi Mensah</p>
<p>ACCRA - Ghana's foreign minister met her Togolese counterpart in Accra on Monday to discuss security along
the shared border.</p>
<p>The two governments signed an agreement on joint patrols, the Ghanaian foreign ministry said in a statement
issued after the talks.</p>
<p>Togo thanked Ghana for its support during last year's floods and invited the minister to visit Lome.</p>
</article>
<aside><h2>Latest News</h2><ul>
<li><a href="/1">Nigeria condemns Niger over border closure</a></li>
<li><a href="/2">Kenya expels Somali diplomat after dispute</a></li>
<li><a href="/3">Egypt and Sudan hold talks on Nile dam</a></li>
</ul></aside></main>
<footer><p>Follow us on Twitter @CoastalTimes</p><p>&copy; 2023 The Coastal Times</p></footer>
</body></html>
"""
SIDEBAR_COUNTRIES = {"NGA", "NER", "KEN", "SOM", "EGY", "SDN"}


@pytest.fixture(scope="module")
def coded() -> CodedArticle:
    article = parse_html(PAGE, article_id="coastal-times", url="https://coastal.example.org/africa/accord")
    assert isinstance(article, Article)
    pipeline = build_pipeline(load_settings(env={}))
    [result] = [item for item in pipeline.code([article]) if isinstance(item, CodedArticle)]
    return result


def test_web_page_sidebar_headlines_yield_no_event(coded: CodedArticle) -> None:
    countries = {actor.country for event in coded.events for actor in (*event.actor, *event.recipient)}
    assert not countries & SIDEBAR_COUNTRIES
    assert "Latest News" not in coded.article.text


def test_web_page_article_events_are_coded_with_page_date(coded: CodedArticle) -> None:
    dyads = {frozenset({event.actor[0].country, event.recipient[0].country}) for event in coded.events}
    assert frozenset({"GHA", "TGO"}) in dyads
    assert str(coded.article.published) == "2023-09-12"
    assert all(event.date.value and event.date.value.startswith("2023") for event in coded.events)
