"""Hostile requests: SQL injection in every filter, markup in articles, oversized uploads, tokens, traversal,
CORS, the rate limit, security headers, and pages that load nothing from outside."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import duckdb
import pytest

from legation.model import CodedArticle
from legation.web import ApiLimits
from legation.web.limits import TokenBucket

from .conftest import ARTICLES, coded_article

INJECTIONS = [
    "MAR' OR 1=1--",
    "x'; DROP TABLE events; --",
    "1 OR 1=1",
    "') UNION SELECT * FROM articles --",
    "%' OR '%'='",
    'MAR"; DELETE FROM events; --',
]
EVENT_PARAMS = [
    "country",
    "pair",
    "type",
    "quad_class",
    "since",
    "until",
    "q",
    "min_confidence",
    "sort",
    "page",
    "page_size",
    "dedup",
]
PATH_TEMPLATES = [
    "/api/events/{}",
    "/api/articles/{}",
    "/api/pairs/{}/KOR/series",
    "/api/pairs/MAR/{}/series",
    "/api/countries/{}/partners",
]
TOKEN = "s3cret-token"


def table_counts(path: Path) -> tuple[int, int]:
    with duckdb.connect(str(path), read_only=True) as connection:
        row = connection.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events)"
        ).fetchone()
    assert row is not None
    return int(row[0]), int(row[1])


@pytest.mark.parametrize("param", EVENT_PARAMS)
@pytest.mark.parametrize("payload", INJECTIONS)
def test_events_injection_in_any_filter_is_rejected_or_matches_nothing(
    client: Any, param: str, payload: str
) -> None:
    response = client.get("/api/events", params={param: payload})
    assert response.status_code == 400 or (response.status_code == 200 and response.json()["total"] == 0)


@pytest.mark.parametrize("template", PATH_TEMPLATES)
@pytest.mark.parametrize("payload", INJECTIONS)
def test_path_injection_is_rejected(client: Any, template: str, payload: str) -> None:
    response = client.get(template.format(payload.replace("/", "%2F")))
    assert response.status_code in {400, 404}


@pytest.mark.parametrize("params", [{"country": INJECTIONS[0]}, {"q": INJECTIONS[1]}, {"limit": "1; DROP"}])
def test_actors_injection_is_rejected_or_matches_nothing(client: Any, params: dict[str, str]) -> None:
    response = client.get("/api/actors", params=params)
    assert response.status_code == 400 or response.json()["actors"] == []


def test_injection_attempts_leave_the_store_intact(client: Any, store_path: Path) -> None:
    for payload in INJECTIONS:
        for param in EVENT_PARAMS:
            client.get("/api/events", params={param: payload})
    assert table_counts(store_path) == (4, 7)


@pytest.mark.parametrize(
    "path",
    [
        "/static/..%2F..%2F..%2Fetc%2Fpasswd",
        "/static/%2e%2e/%2e%2e/etc/passwd",
        "/static/../../etc/passwd",
        "/docs-assets/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
        "/api/articles/..%2F..%2Fetc%2Fpasswd",
        "/api/articles/../../etc/passwd",
        "/static/%2Fetc%2Fpasswd",
    ],
)
def test_path_traversal_is_404(client: Any, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404 and "root:" not in response.text


def test_cors_headers_absent_by_default(client: Any) -> None:
    response = client.get("/api/health", headers={"Origin": "https://evil.example"})
    preflight = client.options(
        "/api/events", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"}
    )
    assert "access-control-allow-origin" not in response.headers
    assert "access-control-allow-origin" not in preflight.headers


def test_cors_header_only_for_a_configured_origin(make_client: Any, store_path: Path) -> None:
    client = make_client(store_path, limits=ApiLimits(cors_origins=("https://ok.example",)))
    allowed = client.get("/api/health", headers={"Origin": "https://ok.example"})
    other = client.get("/api/health", headers={"Origin": "https://evil.example"})
    assert allowed.headers["access-control-allow-origin"] == "https://ok.example"
    assert "access-control-allow-origin" not in other.headers


@pytest.mark.parametrize("path", ["/", "/api/health", "/static/app.js", "/docs"])
def test_security_headers_on_every_response(client: Any, path: str) -> None:
    headers = client.get(path).headers
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["content-security-policy"].startswith("default-src 'self'")
    assert "script-src 'self';" in headers["content-security-policy"]


@pytest.mark.parametrize("path", ["/", "/static/app.js", "/static/style.css", "/docs", "/static/docs.js"])
def test_pages_load_nothing_from_outside(client: Any, path: str) -> None:
    text = client.get(path).text
    urls = set(re.findall(r"(?:https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}[^\s\"'`)]*", text))
    assert urls <= {"http://www.w3.org/2000/svg"}  # the SVG namespace name, never fetched


def test_docs_page_uses_local_swagger_assets(client: Any) -> None:
    html = client.get("/docs").text
    assets = [
        asset for asset in re.findall(r'(?:src|href)="([^"]+)"', html) if asset != "data:,"
    ]  # empty icon
    assert assets and all(asset.startswith("/") and not asset.startswith("//") for asset in assets)
    assert all(client.get(asset).status_code == 200 for asset in assets)


def test_dashboard_script_never_uses_inner_html(client: Any) -> None:
    script = client.get("/static/app.js").text
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write", script)


def test_rate_limit_answers_429_with_retry_after(make_client: Any, store_path: Path) -> None:
    client = make_client(store_path, limits=ApiLimits(rate=0.5, burst=3))
    statuses = [client.get("/api/health").status_code for _ in range(5)]
    limited = client.get("/api/health")
    assert statuses[:3] == [200, 200, 200] and limited.status_code == 429
    assert int(limited.headers["retry-after"]) >= 1 and limited.json()["status"] == 429


def test_rate_limit_spares_the_dashboard_files(make_client: Any, store_path: Path) -> None:
    client = make_client(store_path, limits=ApiLimits(rate=0.5, burst=1))
    client.get("/api/health")
    assert client.get("/api/health").status_code == 429 and client.get("/static/app.js").status_code == 200


def test_token_bucket_refills_at_its_rate() -> None:
    now = [0.0]
    bucket = TokenBucket(2.0, 2, clock=lambda: now[0])
    taken = [bucket.take("a") for _ in range(3)]
    now[0] = 0.5
    assert taken == [True, True, False] and bucket.take("a") and not bucket.take("a") and bucket.take("b")


def test_token_bucket_forgets_the_oldest_clients_beyond_its_size() -> None:
    bucket = TokenBucket(1.0, 1, max_clients=2, clock=lambda: 0.0)
    for client in ("a", "b", "c"):
        bucket.take(client)
    assert bucket.take("a") and not bucket.take("c")


class StubPipeline:
    """Codes every article as the fixture's a3_protest events (no model): the API's write path alone."""

    def code(self, items: Any) -> Any:
        for article in items:
            coded = coded_article("a3_protest", *ARTICLES["a3_protest"])
            events = tuple(
                event.__class__(
                    **{
                        **{f: getattr(event, f) for f in event.__slots__},
                        "event_id": f"{article.article_id}:{i}:0",
                        "article_id": article.article_id,
                    }
                )
                for i, event in enumerate(coded.events)
            )
            yield CodedArticle(article, events)


def test_post_disabled_without_token(client: Any) -> None:
    response = client.post("/api/articles", json={"text": "Mali protested."})
    assert response.status_code == 403 and "writes are disabled" in response.json()["error"]


@pytest.mark.parametrize("header", [None, "Bearer wrong", f"Basic {TOKEN}", f"Bearer {TOKEN}x", "Bearer"])
def test_post_with_missing_or_wrong_token_is_401(
    make_client: Any, writable_store: Path, header: str | None
) -> None:
    client = make_client(writable_store, token=TOKEN, pipeline=StubPipeline())
    headers = {"Authorization": header} if header else {}
    response = client.post("/api/articles", json={"text": "Mali protested."}, headers=headers)
    assert response.status_code == 401 and table_counts(writable_store) == (4, 7)


def test_post_json_codes_and_stores_the_article(make_client: Any, writable_store: Path) -> None:
    client = make_client(writable_store, token=TOKEN, pipeline=StubPipeline())
    auth = {"Authorization": f"Bearer {TOKEN}"}
    response = client.post("/api/articles", json={"id": "new1", "text": "Mali protested."}, headers=auth)
    assert response.status_code == 200 and response.json()["inserted"] == 1 and response.json()["events"] == 3
    assert client.get("/api/articles/new1").json()["article"]["text"] == "Mali protested."


def test_post_uploaded_file_keeps_only_its_base_name(make_client: Any, writable_store: Path) -> None:
    client = make_client(writable_store, token=TOKEN, pipeline=StubPipeline())
    files = {
        "file": ("../../evil_upload.txt", b" date 2021-06-02 Crowds protested in Bamako.\n", "text/plain")
    }
    response = client.post("/api/articles", files=files, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200 and response.json()["articles"] == ["evil_upload"]
    assert not (writable_store.parent.parent / "evil_upload.txt").exists()


@pytest.mark.parametrize("chunked", [False, True])
def test_post_oversized_body_is_413(make_client: Any, writable_store: Path, chunked: bool) -> None:
    client = make_client(
        writable_store, token=TOKEN, pipeline=StubPipeline(), limits=ApiLimits(max_upload_bytes=1000)
    )
    body = b'{"text": "' + b"x" * 5000 + b'"}'
    content = iter([body[:600], body[600:]]) if chunked else body
    response = client.post(
        "/api/articles",
        content=content,
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
    )
    assert response.status_code == 413 and table_counts(writable_store) == (4, 7)


@pytest.mark.parametrize(
    ("content", "kind", "status", "match"),
    [
        (b"not json", "application/json", 400, "invalid JSON"),
        (b'{"text": ""}', "application/json", 400, "text: expected a non-empty string"),
        (b'{"text": "a", "date": "2020-99-01"}', "application/json", 400, "date: expected a date"),
        (b"text", "text/plain", 415, "content-type"),
    ],
)
def test_post_bad_bodies_are_4xx(
    make_client: Any, writable_store: Path, content: bytes, kind: str, status: int, match: str
) -> None:
    client = make_client(writable_store, token=TOKEN, pipeline=StubPipeline())
    response = client.post(
        "/api/articles", content=content, headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": kind}
    )
    assert response.status_code == status and match in response.json()["error"]


@pytest.mark.model
def test_post_codes_with_the_real_pipeline(
    make_client: Any, writable_store: Path, shared_pipeline: Any
) -> None:
    client = make_client(writable_store, token=TOKEN, pipeline=shared_pipeline)
    text = "Japanese Foreign Minister Yoshimasa Hayashi phoned his Vietnamese counterpart Bui Thanh Son."
    response = client.post(
        "/api/articles",
        json={"id": "jp", "text": text, "date": "2023-02-14"},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code == 200 and response.json()["events"] >= 1
    assert client.get("/api/events", params={"pair": "JPN-VNM"}).json()["total"] >= 1


def test_post_clears_the_cached_series(make_client: Any, writable_store: Path) -> None:
    client = make_client(writable_store, token=TOKEN, pipeline=StubPipeline())
    before = client.get("/api/pairs/FRA/MLI/series", params={"by": "year"}).json()["rows"]
    posted = client.post(
        "/api/articles", json={"id": "again", "text": "x"}, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert posted.status_code == 200, posted.text
    after = client.get("/api/pairs/FRA/MLI/series", params={"by": "year"}).json()["rows"]
    # the same events again: deduplicated into the existing groups, so mentions double (events may not)
    assert sum(row["mentions"] for row in after) == 2 * sum(row["mentions"] for row in before) == 4
