"""Tests of readers/records.py: JSONL and CSV records → Article, every Drop reason, and streaming."""

from __future__ import annotations

import codecs
import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legation.model import Article, Drop
from legation.readers.records import read_csv, read_jsonl, record_articles

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "readers"


def jsonl_file(tmp_path: Path, *lines: str | bytes, name: str = "batch.jsonl") -> Path:
    path = tmp_path / name
    path.write_bytes(b"".join(line if isinstance(line, bytes) else line.encode() + b"\n" for line in lines))
    return path


def record(**fields: Any) -> str:
    return json.dumps({"id": "a1", "text": "Arnor spoke.", **fields})


def only(items: list[Article | Drop], kind: type) -> list[Any]:
    return [item for item in items if isinstance(item, kind)]


class RecordingStream(io.BytesIO):
    """A file object that records how many lines were asked of it."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.lines_read = 0

    def readline(self, size: int | None = -1) -> bytes:
        self.lines_read += 1
        return super().readline(size)


def test_read_jsonl_fixture_fields_and_origin() -> None:
    path = FIXTURES / "articles.jsonl"
    items = list(read_jsonl(path, max_chars=1000))
    assert [item.article_id for item in items] == ["arnor-1", "gondor-2", "rohan-3"]
    first = items[0]
    assert isinstance(first, Article)
    assert (first.title, first.url, first.source, first.language) == (
        "Envoy recalled",
        "https://example.org/arnor-1",
        "Northern Courier",
        "en",
    )
    assert (first.published, first.published_basis, first.origin) == (
        date(2031, 5, 4),
        "metadata",
        f"{path}:1",
    )
    assert items[1].origin == f"{path}:3"  # the blank line 2 is skipped but counted


def test_read_jsonl_datetime_keeps_date_part_and_newlines_normalised() -> None:
    gondor = list(read_jsonl(FIXTURES / "articles.jsonl", max_chars=1000))[1]
    assert isinstance(gondor, Article)
    assert gondor.published == date(2031, 5, 6)
    assert gondor.text == "Gondor sent grain to Rohan.\nThe shipment left at dawn."


def test_read_jsonl_without_date_has_no_basis() -> None:
    rohan = list(read_jsonl(FIXTURES / "articles.jsonl", max_chars=1000))[2]
    assert isinstance(rohan, Article)
    assert (rohan.published, rohan.published_basis, rohan.title) == (None, None, None)


def test_read_jsonl_integer_id_becomes_string(tmp_path: Path) -> None:
    [article] = read_jsonl(jsonl_file(tmp_path, '{"id": 7, "text": "Arnor spoke."}'), max_chars=100)
    assert isinstance(article, Article) and article.article_id == "7"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": "a1", "text": "Arnor', "line ends inside the record: truncated?"),
        ("{'id': 'a1'}", "invalid JSON: Expecting property name"),
        ("not json at all", "invalid JSON: Expecting value at column 1"),
        ("[" * 100_000, "invalid JSON"),
    ],
)
def test_read_jsonl_invalid_line_is_bad_json_with_line_number(
    tmp_path: Path, line: str, message: str
) -> None:
    path = jsonl_file(tmp_path, record(), line, record(id="a3"))
    items = list(read_jsonl(path, max_chars=100_000))
    assert [item.article_id for item in only(items, Article)] == ["a1", "a3"]
    [drop] = only(items, Drop)
    assert (drop.reason, drop.origin) == ("bad_json", f"{path}:2")
    assert drop.detail.startswith(f"{path}:2: ") and message in drop.detail


def test_read_jsonl_truncated_last_line_without_newline(tmp_path: Path) -> None:
    path = jsonl_file(tmp_path, record(), b'{"id": "a2", "te')
    drop = list(read_jsonl(path, max_chars=100))[-1]
    assert isinstance(drop, Drop) and (drop.reason, drop.origin) == ("bad_json", f"{path}:2")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("[1, 2]", "expected a JSON object, found array"),
        ('"Arnor spoke."', "expected a JSON object, found string"),
        ('{"text": "Arnor spoke."}', "id: missing"),
        ('{"id": "", "text": "Arnor spoke."}', "id: expected a non-empty string"),
        ('{"id": true, "text": "Arnor spoke."}', "id: expected a string, found boolean"),
        ('{"id": "a1"}', "text: missing"),
        ('{"id": "a1", "text": 42}', "text: expected a string, found number"),
        (
            '{"id": "a1", "text": "Arnor spoke.", "title": ["x"]}',
            "title: expected a string or null, found array",
        ),
        (
            '{"id": [], "text": {}}',
            "id: expected a string, found array; text: expected a string, found object",
        ),
    ],
)
def test_read_jsonl_wrong_shape_is_bad_record(tmp_path: Path, line: str, message: str) -> None:
    path = jsonl_file(tmp_path, line)
    [drop] = read_jsonl(path, max_chars=100)
    assert isinstance(drop, Drop) and drop.reason == "bad_record"
    assert drop.detail == f"{path}:1: {message}" or drop.detail.startswith(f"{path}:1: {message}")


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (record(text="  \n "), "empty"),
        (record(text="a" * 11), "too_large"),
        (record(text="lone \ud800 surrogate"), "bad_encoding"),
    ],
)
def test_read_jsonl_unusable_text_is_a_drop(tmp_path: Path, line: str, reason: str) -> None:
    [drop] = read_jsonl(jsonl_file(tmp_path, line), max_chars=10 if reason == "too_large" else 100)
    assert isinstance(drop, Drop)
    assert (drop.reason, drop.article_id) == (reason, "a1")


@pytest.mark.parametrize("written", ["next Tuesday", "2031-02-30", 20310504, "2031-05-04T25:00"])
def test_read_jsonl_bad_date_keeps_article_then_drop(tmp_path: Path, written: object) -> None:
    article, drop = read_jsonl(jsonl_file(tmp_path, record(date=written)), max_chars=100)
    assert isinstance(article, Article) and article.published is None and article.published_basis is None
    assert isinstance(drop, Drop) and (drop.reason, drop.article_id) == ("bad_date", "a1")
    assert repr(written) in drop.detail


@pytest.mark.parametrize("written", [None, "", "  "])
def test_read_jsonl_blank_date_is_no_date_and_no_drop(tmp_path: Path, written: str | None) -> None:
    [article] = read_jsonl(jsonl_file(tmp_path, record(date=written)), max_chars=100)
    assert isinstance(article, Article) and article.published is None


def test_read_jsonl_bad_encoding_line_is_dropped_and_reading_goes_on(tmp_path: Path) -> None:
    path = jsonl_file(tmp_path, record(), b'{"id": "a2", "text": "caf\xe9"}\n', record(id="a3"))
    items = list(read_jsonl(path, max_chars=100))
    assert [item.article_id for item in only(items, Article)] == ["a1", "a3"]
    [drop] = only(items, Drop)
    offset = len(record()) + 1 + len('{"id": "a2", "text": "caf')
    assert (drop.reason, drop.origin) == ("bad_encoding", f"{path}:2")
    assert f"byte offset {offset}" in drop.detail


def test_read_jsonl_utf8_bom_is_stripped(tmp_path: Path) -> None:
    [article] = read_jsonl(jsonl_file(tmp_path, codecs.BOM_UTF8 + record().encode()), max_chars=100)
    assert isinstance(article, Article) and article.article_id == "a1"


def test_read_jsonl_utf16_file(tmp_path: Path) -> None:
    path = tmp_path / "wide.jsonl"
    path.write_bytes((record() + "\n" + record(id="a2") + "\n").encode("utf-16"))
    assert [item.article_id for item in read_jsonl(path, max_chars=100)] == ["a1", "a2"]


def test_read_jsonl_nul_bytes_make_a_binary_file(tmp_path: Path) -> None:
    path = jsonl_file(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    [drop] = read_jsonl(path, max_chars=100)
    assert isinstance(drop, Drop) and drop.reason == "binary"
    assert drop.detail == f"{path}: NUL byte at byte offset 8: not a text file"


def test_read_jsonl_line_over_the_limit_is_skipped_unread(tmp_path: Path) -> None:
    path = jsonl_file(tmp_path, record(text="a" * 300_000), record(id="a2"))
    items = list(read_jsonl(path, max_chars=20))
    assert isinstance(items[0], Drop) and (items[0].reason, items[0].origin) == ("too_large", f"{path}:1")
    assert isinstance(items[1], Article) and items[1].article_id == "a2"


def test_read_jsonl_missing_file_is_a_drop(tmp_path: Path) -> None:
    [drop] = read_jsonl(tmp_path / "gone.jsonl", max_chars=100)
    assert isinstance(drop, Drop) and drop.reason == "missing"


def test_read_jsonl_streams_first_article_without_reading_the_rest() -> None:
    lines = [record(id=f"a{number}") for number in range(10_000)]
    stream = RecordingStream("\n".join(lines).encode())
    first = next(read_jsonl(stream, max_chars=100, origin="big"))
    assert isinstance(first, Article) and (first.article_id, first.origin) == ("a0", "big:1")
    assert stream.lines_read == 1
    assert stream.tell() < len(stream.getvalue()) / 1000


def test_read_jsonl_text_stream_default_origin() -> None:
    [article] = read_jsonl(io.StringIO(record() + "\n"), max_chars=100)
    assert isinstance(article, Article) and article.origin == "stream:1"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.binary(max_size=400)
    | st.lists(
        st.sampled_from(
            [
                b"{",
                b"}",
                b'"id"',
                b'"text"',
                b":",
                b",",
                b'"a"',
                b"\n",
                b"\r",
                b"\x00",
                b"\xff",
                b"\xef\xbb\xbf",
                b"[",
                b"1",
            ]
        )
    ).map(b"".join)
)
def test_read_jsonl_never_raises_on_arbitrary_bytes(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.jsonl"
    path.write_bytes(data)
    items = list(read_jsonl(path, max_chars=50))
    assert all(isinstance(item, Article | Drop) for item in items)
    assert all(item.text.strip() and len(item.text) <= 50 for item in only(items, Article))


def test_read_csv_fixture_quoted_newlines_extra_columns_and_header_case() -> None:
    path = FIXTURES / "articles.csv"
    items = list(read_csv(path, max_chars=1000))
    assert [item.article_id for item in items] == ["arnor-1", "gondor-2", "rohan-3"]
    arnor, gondor, rohan = items
    assert isinstance(arnor, Article) and isinstance(gondor, Article) and isinstance(rohan, Article)
    assert arnor.text == "Arnor recalled its ambassador from Angmar.\n\nThe envoy is expected home on Friday."
    assert (arnor.title, arnor.published, arnor.published_basis) == (
        "Envoy recalled",
        date(2031, 5, 4),
        "metadata",
    )
    assert gondor.text == 'Gondor said, "we will send grain", to Rohan.'
    assert (gondor.title, gondor.published) == (None, date(2031, 5, 6))
    assert (rohan.published, rohan.title) == (None, "Accord")
    # Origins name the line each record starts on, after the three-line field of arnor-1.
    assert [item.origin for item in items] == [f"{path}:2", f"{path}:5", f"{path}:6"]


def test_read_csv_crlf_file_keeps_newlines_inside_fields_as_lf(tmp_path: Path) -> None:
    path = tmp_path / "crlf.csv"
    path.write_bytes(b'id,text\r\na1,"Arnor spoke.\r\nGondor listened."\r\n')
    [article] = read_csv(path, max_chars=100)
    assert isinstance(article, Article) and article.text == "Arnor spoke.\nGondor listened."


@pytest.mark.parametrize(
    ("content", "reason", "message"),
    [
        ("id,body\na1,Arnor spoke.\n", "bad_record", ":1: missing column(s) text (found 'id', 'body')"),
        ("title\nx\n", "bad_record", ":1: missing column(s) id, text"),
        ("", "empty", ": no header row"),
    ],
)
def test_read_csv_without_required_columns_is_one_drop(
    tmp_path: Path, content: str, reason: str, message: str
) -> None:
    path = tmp_path / "table.csv"
    path.write_text(content, encoding="utf-8")
    [drop] = read_csv(path, max_chars=100)
    assert isinstance(drop, Drop) and drop.reason == reason
    assert drop.detail.startswith(f"{path}{message}")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("a2", "expected 3 fields (as the header), found 1"),
        ("a2,x,y,z", "expected 3 fields (as the header), found 4"),
    ],
)
def test_read_csv_row_with_wrong_field_count_is_dropped(tmp_path: Path, row: str, message: str) -> None:
    path = tmp_path / "table.csv"
    path.write_text(f"id,text,title\na1,Arnor spoke.,\n{row}\na3,Gondor listened.,\n", encoding="utf-8")
    items = list(read_csv(path, max_chars=100))
    assert [item.article_id for item in only(items, Article)] == ["a1", "a3"]
    [drop] = only(items, Drop)
    assert (drop.reason, drop.origin, drop.detail) == ("bad_record", f"{path}:3", f"{path}:3: {message}")


@pytest.mark.parametrize(
    ("row", "reason"),
    [("a2,", "empty"), (",Arnor spoke.", "bad_record"), ("a2,Arnor spoke. And more.", "too_large")],
)
def test_read_csv_row_reasons(tmp_path: Path, row: str, reason: str) -> None:
    path = tmp_path / "table.csv"
    path.write_text(f"id,text\n{row}\n", encoding="utf-8")
    [drop] = read_csv(path, max_chars=15)
    assert isinstance(drop, Drop) and (drop.reason, drop.origin) == (reason, f"{path}:2")


def test_read_csv_blank_rows_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "table.csv"
    path.write_text("id,text\n\na1,Arnor spoke.\n,\n", encoding="utf-8")
    assert [item.article_id for item in read_csv(path, max_chars=100)] == ["a1"]


def test_read_csv_field_larger_than_csv_default_limit(tmp_path: Path) -> None:
    text = "Arnor " * 30_000  # 180,000 characters, above csv's default 131,072
    path = tmp_path / "big.csv"
    path.write_text(f'id,text\na1,"{text}"\n', encoding="utf-8")
    [article] = read_csv(path, max_chars=200_000)
    assert isinstance(article, Article) and article.text == text
    assert csv.field_size_limit() >= 400_001


def test_read_csv_bad_encoding_ends_the_file_with_a_drop(tmp_path: Path) -> None:
    path = tmp_path / "table.csv"
    path.write_bytes(b"id,text\na1,Arnor spoke.\na2,caf\xe9\na3,Gondor listened.\n")
    items = list(read_csv(path, max_chars=100))
    assert [item.article_id for item in only(items, Article)] == ["a1"]
    [drop] = only(items, Drop)
    assert (drop.reason, drop.origin) == ("bad_encoding", f"{path}:3")
    assert "byte offset 30" in drop.detail and "the rest of the file was not read" in drop.detail


def test_read_csv_binary_file_is_one_drop(tmp_path: Path) -> None:
    path = tmp_path / "table.csv"
    path.write_bytes(b"id,text\x00\x00\x00")
    [drop] = read_csv(path, max_chars=100)
    assert isinstance(drop, Drop) and drop.reason == "binary"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300) | st.text(alphabet='id,text"\n\r\xe9a ', max_size=80).map(str.encode))
def test_read_csv_never_raises_on_arbitrary_bytes(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.csv"
    path.write_bytes(data)
    assert all(isinstance(item, Article | Drop) for item in read_csv(path, max_chars=50))


def test_record_articles_does_not_change_the_record() -> None:
    fields = {"id": 7, "text": "Arnor spoke.", "date": "2031-05-04"}
    [article] = record_articles(dict(fields), where="x:1", max_chars=100)
    assert isinstance(article, Article) and article.article_id == "7"
    assert fields == {"id": 7, "text": "Arnor spoke.", "date": "2031-05-04"}
