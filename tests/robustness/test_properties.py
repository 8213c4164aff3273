"""Property-based tests: any bytes into any reader give Articles or Drops (never another error), and the date
resolver gives valid dates, precisions that match them, and no past event after its publication date."""

from __future__ import annotations

import io
import re
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legation.errors import InputError
from legation.events.dates import DateRules, find_date_expressions, resolve_event_date
from legation.model import Article, Drop, EventDate
from legation.readers import READERS, read_articles, read_stdin

SUFFIXES = sorted(READERS)
PRECISION_OF = {10: "day", 7: "month", 4: "year"}
# Byte soup with the structure readers look for, so that examples get past the first check.
FRAGMENTS = [b'{"id": "a", "text": "', b'"}\n', b"id,text\n", b"\xef\xbb\xbf", b"\xff\xfe", b"\x00", b"\r\n",
             b"<html><body><p>", b"</p><script>x</script>", b"<rss><channel><item><description>",
             b"WARC/1.0\r\n", b" date 2020-02-30 ", b"\xe9", b"\\ud800", b'"',
             b"Gondor met Arnor. "]  # fmt: skip
DATA = st.one_of(st.binary(max_size=400), st.lists(st.sampled_from(FRAGMENTS), max_size=20).map(b"".join))


@pytest.mark.parametrize("suffix", SUFFIXES)
@settings(max_examples=60, deadline=None)
@given(data=DATA)
def test_read_articles_any_bytes_give_articles_or_drops(suffix: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        items = list(read_articles([path], max_chars=300))
    assert items, "every input is coded or reported"
    for item in items:
        assert isinstance(item, Article | Drop)
        if isinstance(item, Article):
            assert item.text.strip() and len(item.text) <= 300


@pytest.mark.parametrize("suffix", SUFFIXES)
@settings(max_examples=30, deadline=None)
@given(data=DATA)
def test_each_reader_raises_nothing_but_input_error(suffix: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        try:
            items = list(READERS[suffix](path, max_chars=300))
        except InputError:
            return
    assert all(isinstance(item, Article | Drop) for item in items)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=300))
def test_read_stdin_any_text_gives_articles_or_drops(text: str) -> None:
    items = list(read_stdin(io.StringIO(text), max_chars=100))
    assert items and all(isinstance(item, Article | Drop) for item in items)


RELATIVE_TOKENS = [
    "on", "Monday", "Friday", "Sunday", "last", "this week", "this month", "this year", "week", "weekend",
    "month", "year", "yesterday", "today", "March", "December", "May", "26", "3", "31", "in", "early", "late",
    "mid-", "days", "two", "ago", "three", "weeks", "months", "years", "the", "and", "to", "from", "between",
    "since", "night", ",", ".", "Gondor", "met", "said", "earlier",
]  # fmt: skip
ANY_TOKENS = [*RELATIVE_TOKENS, "next", "tomorrow", "2019", "1999", "2020-03-26", "3/4/2020", "1990s", "2030"]
PUBLISHED = st.dates(date(1900, 1, 1), date(2090, 12, 31))


def first_day(value: str) -> date:
    parts = [int(part) for part in value.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


@pytest.fixture(scope="module")
def rules() -> DateRules:
    return DateRules.load()


@settings(max_examples=400, deadline=None)
@given(
    text=st.lists(st.sampled_from(ANY_TOKENS), max_size=12).map(" ".join),
    published=PUBLISHED,
    tense=st.sampled_from([None, "past", "present", "future"]),
)
def test_resolve_event_date_values_are_real_dates_with_matching_precision(
    rules: DateRules, text: str, published: date, tense: str | None
) -> None:
    reference = EventDate(published.isoformat(), "day", "metadata")
    resolved = resolve_event_date(text, reference, tense=tense, focus=len(text) // 2, rules=rules)
    assert resolved.basis in {None, "text", "publication"}
    if resolved.value is None:
        assert resolved.precision is None and resolved.basis is None
        return
    assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", resolved.value)
    assert resolved.precision == PRECISION_OF[len(resolved.value)]
    first_day(resolved.value)  # a real calendar date (raises otherwise)
    if resolved.basis == "publication":
        assert resolved.value == reference.value


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(RELATIVE_TOKENS), max_size=10).map(" ".join), published=PUBLISHED)
def test_find_date_expressions_past_relative_dates_start_by_publication(
    rules: DateRules, text: str, published: date
) -> None:
    # No year and no "next"/"tomorrow": a past event the text dates relatively began on or before publication.
    reference = EventDate(published.isoformat(), "day", "metadata")
    for expression in find_date_expressions(text, reference, tense="past", rules=rules):
        if expression.value is not None:
            assert first_day(expression.value) <= published, expression
