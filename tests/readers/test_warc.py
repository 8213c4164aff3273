"""WARC files: one article per HTML response record; requests and non-HTML records are skipped."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from legation.errors import InputError
from legation.model import Article, Drop
from legation.readers.warc import read_warc

PAGE = Path(__file__).resolve().parents[1] / "fixtures" / "web" / "arnor_gondor.html"
UNDATED = (
    b"<html><head><title>Dale trade pact</title></head><body><nav><a href='/'>Home</a></nav><article>"
    b"<p>Dale and Esgaroth signed a trade pact on Tuesday in the lake town hall, officials said.</p>"
    b"</article></body></html>"
)


def _response(
    writer: WARCWriter, uri: str, body: bytes, content_type: str, status: str = "200 OK", **warc: str
) -> ArcWarcRecord:
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    return writer.create_warc_record(
        uri, "response", payload=io.BytesIO(body), http_headers=headers, warc_headers_dict=warc or None
    )


def write_crawl(path: Path, *, gzip: bool) -> None:
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        request = StatusAndHeaders("GET /a HTTP/1.1", [("Host", "courier.example.org")], is_http_request=True)
        writer.write_record(
            writer.create_warc_record("https://courier.example.org/a", "request", http_headers=request)
        )
        writer.write_record(
            _response(
                writer,
                "https://courier.example.org/a",
                PAGE.read_bytes(),
                "text/html; charset=utf-8",
                **{"WARC-Record-ID": "<urn:uuid:11111111-2222-3333-4444-555555555555>"},
            )
        )
        writer.write_record(
            _response(writer, "https://courier.example.org/logo.png", b"\x89PNG", "image/png")
        )
        writer.write_record(
            _response(
                writer,
                "https://courier.example.org/gone",
                b"<p>gone</p>",
                "text/html",
                status="404 Not Found",
            )
        )
        writer.write_record(
            _response(
                writer,
                "https://lake.example.net/dale",
                UNDATED,
                "text/html",
                **{"WARC-Date": "2022-03-01T10:00:00Z"},
            )
        )


@pytest.fixture(params=[True, False], ids=["warc.gz", "warc"])
def items(request: pytest.FixtureRequest, tmp_path: Path) -> list[Article | Drop]:
    path = tmp_path / ("crawl.warc.gz" if request.param else "crawl.warc")
    write_crawl(path, gzip=request.param)
    return list(read_warc(path, max_chars=100_000))


def test_read_warc_gives_one_item_per_html_response(items: list[Article | Drop]) -> None:
    assert [type(item).__name__ for item in items] == ["Article", "Drop", "Article"]


def test_read_warc_uses_record_id_and_target_uri(items: list[Article | Drop]) -> None:
    page = items[0]
    assert isinstance(page, Article)
    assert page.article_id == "11111111-2222-3333-4444-555555555555"
    assert page.url == "https://courier.example.org/a"
    assert page.text.startswith("Annuminas – The foreign minister of Arnor")
    assert "Rhovanion" not in page.text and "cookies" not in page.text


def test_read_warc_prefers_page_date_over_capture_date(items: list[Article | Drop]) -> None:
    page, undated = items[0], items[2]
    assert isinstance(page, Article) and isinstance(undated, Article)
    assert (page.published, page.published_basis) == (date(2021, 6, 14), "page")
    assert (undated.published, undated.published_basis) == (date(2022, 3, 1), "metadata")
    assert undated.source == "lake.example.net"


def test_read_warc_reports_error_status_as_drop(items: list[Article | Drop]) -> None:
    gone = items[1]
    assert isinstance(gone, Drop)
    assert gone.reason == "http_status"
    assert "404" in gone.detail and "https://courier.example.org/gone" in gone.detail


def test_read_warc_rejects_a_file_that_is_not_warc(tmp_path: Path) -> None:
    path = tmp_path / "broken.warc"
    path.write_text("this is not a web archive\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"broken\.warc: not a valid WARC file"):
        list(read_warc(path, max_chars=1000))
