"""Reading coded events (events JSONL) for evaluation."""

from __future__ import annotations

from pathlib import Path

import pytest

from legation.errors import InputError
from legation.eval.coded import events_by_article, read_events


def test_read_events_keeps_scored_fields(write_jsonl, make_event) -> None:
    record = make_event("a1", sentence=2, start=40, cameo="0431", actors=("ARN", None, "ARN"), date="3019-03")
    path = write_jsonl("events.jsonl", [record])

    (event,) = read_events(path)

    assert (event.article_id, event.position, event.cameo_root, event.date) == (
        "a1",
        (2, 40),
        "04",
        "3019-03",
    )
    assert event.actor_countries == ("ARN",)
    assert event.recipient_countries == ("GON",)
    assert event.evidence_text == "sentence 2 of a1"


def test_read_events_skips_blank_lines(tmp_path: Path, write_jsonl, make_event) -> None:
    path = write_jsonl("events.jsonl", [make_event("a1")])
    path.write_text("\n" + path.read_text(encoding="utf-8") + "\n\n", encoding="utf-8")

    assert len(read_events(path)) == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"article_id": 7}, r"events\.jsonl:1: article_id: expected str, found 7"),
        ({"sentence_index": True}, r":1: sentence_index: expected int, found True"),
        ({"cameo": {"code": "4a"}}, r":1: cameo\.code: expected 2-4 digits, found '4a'"),
        ({"evidence": {"text": "x"}}, r":1: evidence\.start: expected int, found None"),
        ({"date": "March 3019"}, r":1: date: expected YYYY, YYYY-MM, YYYY-MM-DD or null"),
        ({"actor": "ARN"}, r":1: actor: expected a list, found 'ARN'"),
        ({"recipient": [{"country": 5}]}, r":1: recipient\[0\]\.country: expected a code or null, found 5"),
    ],
)
def test_read_events_rejects_malformed_field(write_jsonl, make_event, change, message) -> None:
    path = write_jsonl("events.jsonl", [{**make_event("a1"), **change}])

    with pytest.raises(InputError, match=message):
        read_events(path)


def test_read_events_lists_every_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    path.write_text("{not json\n[1, 2]\n", encoding="utf-8")

    with pytest.raises(
        InputError, match=r"2 problem\(s\)(.|\n)*:1: line: (.|\n)*:2: line: expected a JSON object"
    ):
        read_events(path)


def test_events_by_article_orders_by_sentence_then_offset(write_jsonl, make_event) -> None:
    records = [
        make_event("a1", sentence=1, start=5),
        make_event("a1", sentence=0, start=90),
        make_event("a1", sentence=1, start=2),
        make_event("b2"),
    ]
    grouped = events_by_article(read_events(write_jsonl("events.jsonl", records)))

    assert [event.position for event in grouped["a1"]] == [(0, 90), (1, 2), (1, 5)]
    assert len(grouped["b2"]) == 1
