"""End to end: boilerplate in plain text (datelines, bylines, link lists, social footers) never yields an
event.

The headlines in the link list below are written to be codable on their own ("X condemned Y"), so a coder that
read them would emit events; the prose above them must still be coded.
"""

from __future__ import annotations

from datetime import date

import pytest

from legation.model import CodedArticle
from legation.pipeline import Pipeline, build_pipeline
from legation.readers import parse_text
from legation.settings import load_settings

pytestmark = pytest.mark.model

ARTICLE = """\
 date 2022-05-10 Chile and Peru signed a fisheries agreement on Monday.

By Maria Lopez

LIMA – Chilean Foreign Minister Antonia Urrejola met her Peruvian counterpart in Lima on Monday.

Read also
Latest News
- 17:10 Argentina condemned Uruguay over a river dispute
- 16:20 Bolivia expelled the Paraguayan ambassador
- 15:50 Ecuador signed a trade deal with Colombia

Follow us on Twitter @SomeNewsDesk
"""


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return build_pipeline(load_settings(env={}))


def coded(pipeline: Pipeline) -> CodedArticle:
    article = parse_text(ARTICLE, article_id="boilerplate-case")
    [result] = [item for item in pipeline.code([article]) if isinstance(item, CodedArticle)]
    return result


def test_link_list_headlines_yield_no_event(pipeline: Pipeline) -> None:
    result = coded(pipeline)
    list_start = result.article.text.index("Latest News")
    countries = {actor.country for event in result.events for actor in (*event.actor, *event.recipient)}
    assert all(event.evidence.end <= list_start for event in result.events)
    assert not countries & {"ARG", "URY", "BOL", "PRY", "ECU", "COL"}


def test_prose_around_boilerplate_is_still_coded(pipeline: Pipeline) -> None:
    result = coded(pipeline)
    dyads = {(event.actor[0].country, event.recipient[0].country) for event in result.events}
    assert dyads & {("CHL", "PER"), ("PER", "CHL")}
    assert result.article.published == date(2022, 5, 10)


def test_dateline_is_kept_as_location_and_not_coded_as_actor(pipeline: Pipeline) -> None:
    result = coded(pipeline)
    assert result.article.location == "Lima"
    dateline_end = result.article.text.index("Chilean")
    assert all(event.evidence.start >= dateline_end or event.sentence_index == 0 for event in result.events)
    assert all("LIMA" not in actor.text for event in result.events for actor in event.actor)
