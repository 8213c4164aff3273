"""Tests of readers/__init__.py: paths, folders and standard input dispatched to readers; ids deduplicated."""

from __future__ import annotations

import importlib
import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from legation.errors import InputError
from legation.model import Article, Drop
from legation.readers import READERS, read_articles, read_csv, read_jsonl, read_text_file, reader_for

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "readers"


def reasons(items: list[Article | Drop]) -> list[str]:
    return [item.reason for item in items if isinstance(item, Drop)]


def ids(items: list[Article | Drop]) -> list[str]:
    return [item.article_id for item in items if isinstance(item, Article)]


def test_read_articles_folder_recursive_sorted_skipping_hidden_and_unknown() -> None:
    items = list(read_articles([FIXTURES / "corpus"]))
    assert ids(items) == ["a-first", "b_second", "c-third"]
    assert reasons(items) == []
    origins = [item.origin for item in items]
    assert origins[2] == str(FIXTURES / "corpus" / "sub" / "c_third.csv") + ":2"


def test_read_articles_files_keep_the_order_given() -> None:
    paths = [FIXTURES / "with_header.txt", FIXTURES / "articles.csv", FIXTURES / "no_header.txt"]
    assert ids(list(read_articles(paths))) == ["with_header", "arnor-1", "gondor-2", "rohan-3", "no_header"]


@pytest.mark.parametrize("path", [FIXTURES / "with_header.txt", str(FIXTURES / "with_header.txt")])
def test_read_articles_accepts_one_bare_path(path: str | Path) -> None:
    assert ids(list(read_articles(path))) == ["with_header"]


def test_read_articles_missing_path_is_a_drop_and_reading_goes_on(tmp_path: Path) -> None:
    items = list(read_articles([tmp_path / "gone.txt", FIXTURES / "no_header.txt"]))
    assert reasons(items) == ["missing"] and ids(items) == ["no_header"]
    assert items[0].origin == str(tmp_path / "gone.txt")


@pytest.mark.parametrize("name", ["notes.md", "README", "data.json"])
def test_read_articles_named_file_of_unknown_format_is_a_drop(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("Arnor spoke.", encoding="utf-8")
    [drop] = read_articles([path])
    assert isinstance(drop, Drop) and drop.reason == "unknown_format"
    assert drop.detail.startswith(f"{path}: unknown format") and ".jsonl" in drop.detail


def test_read_articles_suffix_is_case_insensitive(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "no_header.txt", tmp_path / "LOUD.TXT")
    assert ids(list(read_articles([tmp_path]))) == ["LOUD"]


def test_read_articles_duplicate_id_keeps_the_first(tmp_path: Path) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    (tmp_path / "one" / "same.txt").write_text("Arnor spoke.", encoding="utf-8")
    (tmp_path / "two" / "same.txt").write_text(" date 2031-02-30 Gondor spoke.", encoding="utf-8")
    items = list(read_articles([tmp_path]))
    first, drop = items  # the bad_date note of the dropped copy is not counted again
    assert isinstance(first, Article) and first.text == "Arnor spoke."
    assert isinstance(drop, Drop) and (drop.reason, drop.article_id) == ("duplicate_id", "same")
    assert str(tmp_path / "one" / "same.txt") in drop.detail


def test_read_articles_duplicate_id_across_formats(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"id": "no_header", "text": "Arnor spoke."}\n', encoding="utf-8")
    items = list(read_articles([tmp_path / "a.jsonl", FIXTURES / "no_header.txt"]))
    assert ids(items) == ["no_header"] and reasons(items) == ["duplicate_id"]


def test_read_articles_stdin_jsonl_when_first_char_is_brace() -> None:
    stream = io.StringIO('\n  {"id": "s1", "text": "Arnor spoke."}\n{"id": "s2", "text": "Gondor spoke."}\n')
    items = list(read_articles(["-"], stdin=stream))
    assert ids(items) == ["s1", "s2"]
    assert [item.origin for item in items] == ["stdin:2", "stdin:3"]


def test_read_articles_stdin_plain_text_is_one_article() -> None:
    stream = io.StringIO(" date 2031-05-04 Arnor spoke.\r\n\r\n{not json} Gondor listened.\n")
    [article] = read_articles(["-"], stdin=stream)
    assert isinstance(article, Article)
    assert (article.article_id, article.origin, article.published_basis) == ("stdin", "stdin", "header")
    assert article.text == "Arnor spoke.\n\n{not json} Gondor listened.\n"


@pytest.mark.parametrize(("content", "reason"), [("", "empty"), ("\n  \n", "empty"), ("x" * 50, "too_large")])
def test_read_articles_stdin_unusable_text_is_a_drop(content: str, reason: str) -> None:
    [drop] = read_articles(["-"], stdin=io.StringIO(content), max_chars=10)
    assert isinstance(drop, Drop) and (drop.reason, drop.article_id) == (reason, "stdin")


def test_read_articles_stdin_undecodable_is_bad_encoding() -> None:
    stream = io.TextIOWrapper(io.BytesIO(b"Arnor caf\xe9\n"), encoding="utf-8")
    [drop] = read_articles(["-"], stdin=stream)
    assert isinstance(drop, Drop) and drop.reason == "bad_encoding"


def test_read_articles_is_lazy(tmp_path: Path) -> None:
    items = read_articles([tmp_path / "gone.txt"])
    (tmp_path / "gone.txt").write_text("Arnor spoke.", encoding="utf-8")
    assert ids(list(items)) == ["gone"]


def test_read_articles_mixed_bad_inputs_never_raise(tmp_path: Path) -> None:
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "latin.txt").write_bytes(b"caf\xe9")
    (tmp_path / "broken.jsonl").write_bytes(b'{"id": 1, "text": "ok"}\n{"id"\n')
    (tmp_path / "short.csv").write_bytes(b"id,title\n1,x\n")
    (tmp_path / "empty.txt").write_bytes(b"")
    items = list(read_articles([tmp_path]))
    assert sorted(reasons(items)) == ["bad_encoding", "bad_json", "bad_record", "binary", "empty"]
    assert ids(items) == ["1"]


def test_readers_maps_suffixes_to_readers_and_is_read_only() -> None:
    assert (READERS[".txt"], READERS[".jsonl"], READERS[".csv"]) == (read_text_file, read_jsonl, read_csv)
    with pytest.raises(TypeError, match="does not support item assignment"):
        READERS[".md"] = read_text_file  # type: ignore[index]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.txt", "read_text_file"),
        ("A.JSONL", "read_jsonl"),
        ("page.HTM", "read_html"),
        ("crawl.warc.gz", "read_warc"),
        ("feed.atom", "read_feed"),
        ("archive.gz", None),
        (".txt", None),
        ("notes", None),
    ],
)
def test_reader_for_matches_the_longest_suffix(name: str, expected: str | None) -> None:
    reader = reader_for(Path(name))
    assert (reader.__name__ if reader else None) == expected


def test_read_articles_reader_input_error_becomes_unreadable_drop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(path: Path, *, max_chars: int) -> Iterator[Article | Drop]:
        yield from ()
        raise InputError(f"{path}: not an RSS/Atom feed")

    monkeypatch.setattr(importlib.import_module("legation.readers.feeds"), "read_feed", refuse)
    path = tmp_path / "broken.rss"
    path.write_text("this is no feed", encoding="utf-8")
    [drop] = read_articles([path])
    assert isinstance(drop, Drop) and (drop.reason, drop.origin) == ("unreadable", str(path))
    assert drop.detail == f"{path}: not an RSS/Atom feed"
