"""Tests of readers/text.py: the ` date YYYY-MM-DD ` header, decoding, every reason a text file is dropped."""

from __future__ import annotations

import codecs
from datetime import date
from pathlib import Path

import pytest

from legation.errors import InputError
from legation.model import Article, Drop
from legation.readers.text import decode_bytes, parse_metadata_date, parse_text, read_text_file, split_header

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "readers"
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


def read_all(path: Path, *, max_chars: int = 10_000) -> list[Article | Drop]:
    return list(read_text_file(path, max_chars=max_chars))


def write(tmp_path: Path, data: bytes, name: str = "sample.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_parse_text_header_gives_publication_date() -> None:
    article = parse_text(" date 2031-05-04 Arnor spoke.", article_id="a1")
    assert (article.published, article.published_basis) == (date(2031, 5, 4), "header")


def test_parse_text_header_rest_of_line_is_first_paragraph() -> None:
    article = parse_text(" date 2031-05-04 Arnor spoke.\n\nGondor listened.\n", article_id="a1")
    assert article.text == "Arnor spoke.\n\nGondor listened.\n"


def test_parse_text_header_alone_on_its_line_is_removed_with_the_blank_lines() -> None:
    article = parse_text(" date 2031-05-04\n\nArnor spoke.", article_id="a1")
    assert (article.text, article.published) == ("Arnor spoke.", date(2031, 5, 4))


def test_parse_text_without_header_keeps_text_and_no_date() -> None:
    text = "Rohan rejected the demand.\n"
    article = parse_text(text, article_id="r1", origin="r1.txt")
    assert (article.text, article.published, article.published_basis, article.origin) == (
        text,
        None,
        None,
        "r1.txt",
    )


@pytest.mark.parametrize(
    "text",
    [
        "date 2031-05-04 Arnor spoke.",  # no leading space
        "  date 2031-05-04 Arnor spoke.",  # two leading spaces
        " date of the talks was moved to 2031-05-04.",  # a line that merely starts with "date"
        " dated 2031-05-04 Arnor spoke.",
        " date 2031-05-04x Arnor spoke.",  # the date must end at a space
        "Arnor spoke.\n date 2031-05-04 Gondor listened.",  # only the first line can be a header
    ],
)
def test_parse_text_line_that_is_not_a_header_stays_text(text: str) -> None:
    article = parse_text(text, article_id="a1")
    assert (article.text, article.published) == (text, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("a\r\nb\r\n", "a\nb\n"), ("a\rb", "a\nb"), (" date 2031-05-04 a\r\n\r\nb", "a\n\nb")],
)
def test_parse_text_normalises_newlines(text: str, expected: str) -> None:
    assert parse_text(text, article_id="a1").text == expected


def test_split_header_keeps_written_date_when_it_is_no_day() -> None:
    header = split_header(" date 2031-02-30 Arnor spoke.")
    assert (header.date_text, header.published, header.body) == ("2031-02-30", None, "Arnor spoke.")


def test_read_text_file_fixture_with_header() -> None:
    [article] = read_all(FIXTURES / "with_header.txt")
    assert isinstance(article, Article)
    assert article.article_id == "with_header"
    assert article.origin == str(FIXTURES / "with_header.txt")
    assert article.published == date(2031, 5, 4)
    assert article.text.startswith("The envoy of Arnor met")


def test_read_text_file_fixture_without_header_is_the_whole_file() -> None:
    [article] = read_all(FIXTURES / "no_header.txt")
    assert isinstance(article, Article)
    assert article.text == (FIXTURES / "no_header.txt").read_text(encoding="utf-8")
    assert article.published is None


@pytest.mark.parametrize("written", ["2031-02-30", "2031-13-01", "2031-5-4"])
def test_read_text_file_bad_header_date_keeps_article_and_adds_drop(tmp_path: Path, written: str) -> None:
    path = write(tmp_path, f" date {written} Arnor spoke.\n".encode())
    article, drop = read_all(path)
    assert isinstance(article, Article) and isinstance(drop, Drop)
    assert (article.text, article.published) == ("Arnor spoke.\n", None)
    assert (drop.reason, drop.article_id, drop.origin) == ("bad_date", "sample", f"{path}:1")
    assert written in drop.detail


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (codecs.BOM_UTF8 + b" date 2031-05-04 Arnor spoke.", "Arnor spoke."),
        ("Arnor spoke.".encode("utf-16"), "Arnor spoke."),
        (codecs.BOM_UTF16_BE + "Gondor listened.".encode("utf-16-be"), "Gondor listened."),
        ("Éowyn of Rohan – “no”.".encode(), "Éowyn of Rohan – “no”."),
    ],
)
def test_read_text_file_decodes_utf8_bom_and_utf16(tmp_path: Path, data: bytes, text: str) -> None:
    [article] = read_all(write(tmp_path, data))
    assert isinstance(article, Article)
    assert article.text == text


@pytest.mark.parametrize(
    ("data", "reason", "message"),
    [
        (b"", "empty", "no text"),
        (b" \n\t\n", "empty", "no text"),
        (b" date 2031-05-04 \n\n", "empty", "no text"),
        (b"Arnor\x00\x01\x02", "binary", "NUL byte at byte offset 5"),
        (bytes(range(1, 9)) * 4 + b"Arnor", "binary", "control characters"),
        (b"Arnor caf\xe9 talks", "bad_encoding", "byte offset 9: expected UTF-8"),
        (codecs.BOM_UTF8 + b"ab\xff", "bad_encoding", "byte offset 5"),
        (codecs.BOM_UTF16_LE + b"A\x00\x00\xd8", "bad_encoding", "expected UTF-16"),
    ],
)
def test_read_text_file_unreadable_content_is_a_drop(
    tmp_path: Path, data: bytes, reason: str, message: str
) -> None:
    path = write(tmp_path, data)
    [drop] = read_all(path)
    assert isinstance(drop, Drop)
    assert (drop.stage, drop.reason, drop.article_id) == ("read", reason, "sample")
    assert drop.detail.startswith(f"{path}: ") and message in drop.detail


@pytest.mark.parametrize("size", [11, 100])  # 100 bytes > 4 bytes a character: refused before reading
def test_read_text_file_longer_than_max_chars_is_too_large(tmp_path: Path, size: int) -> None:
    [drop] = read_all(write(tmp_path, b"a" * size), max_chars=10)
    assert isinstance(drop, Drop) and drop.reason == "too_large"
    assert "max_chars=10" in drop.detail


def test_read_text_file_max_chars_counts_the_stored_text(tmp_path: Path) -> None:
    [article] = read_all(write(tmp_path, b" date 2031-05-04 " + b"a" * 10), max_chars=10)
    assert isinstance(article, Article) and article.text == "a" * 10


def test_read_text_file_missing_file_is_a_drop(tmp_path: Path) -> None:
    [drop] = read_all(tmp_path / "gone.txt")
    assert isinstance(drop, Drop) and drop.reason == "missing"
    assert drop.detail == f"{tmp_path / 'gone.txt'}: cannot read: No such file or directory"


def test_decode_bytes_raises_input_error_with_where() -> None:
    with pytest.raises(InputError, match=r"^doc\.txt: byte offset 1: expected UTF-8"):
        decode_bytes(b"a\xc3(", where="doc.txt")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2031-05-04", date(2031, 5, 4)),
        ("2031-05-04T23:30:00Z", date(2031, 5, 4)),
        ("2031-05-04 23:30:00+05:00", date(2031, 5, 4)),
        ("2031-05-04T23:30:00.123456789Z", date(2031, 5, 4)),
        (" 2031-05-04 ", date(2031, 5, 4)),
        ("04/05/2031", None),
        ("2031-02-30", None),
        ("yesterday", None),
    ],
)
def test_parse_metadata_date_keeps_date_part(value: str, expected: date | None) -> None:
    assert parse_metadata_date(value) == expected


@pytest.mark.shared
def test_read_text_file_seeds_header_removed_and_dated() -> None:
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds is absent")
    for path in sorted(seeds.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        [article] = read_all(path, max_chars=2_000_000)
        assert isinstance(article, Article)
        if raw.startswith(" date "):
            assert article.published is not None and article.published_basis == "header"
            assert raw.endswith(article.text) and not article.text.startswith((" ", "date"))
        else:
            assert (article.text, article.published) == (raw, None)
