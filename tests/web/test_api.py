"""The read endpoints of the web API, through FastAPI's test client, on the hand-made store of conftest.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from legation.web import create_app

from .conftest import XSS_SENTENCE, XSS_TITLE


def events(client: Any, **params: Any) -> dict[str, Any]:
    response = client.get("/api/events", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_events_default_lists_deduplicated_events_by_date(client: Any) -> None:
    body = events(client)
    ids = [item["event_id"] for item in body["items"]]
    assert body["total"] == 6 and "a2_call_again:0:0" not in ids
    assert ids[:2] == ["a1_call:0:0", "a1_call:1:0"] and ids[-1] == "a3_protest:2:0"  # undated last


def test_events_item_has_contract_shape_and_mentions(client: Any) -> None:
    item = next(item for item in events(client)["items"] if item["event_id"] == "a1_call:0:0")
    assert item["plover"]["event"] == "CONSULT" and item["cameo"]["quad_class"] == 1
    assert item["actor"][0]["country"] == "MAR" and item["evidence"]["start"] == 0
    assert item["mentions"] == 2 and item["group_id"] == "a1_call:0:0"


def test_events_without_dedup_lists_every_mention(client: Any) -> None:
    assert events(client, dedup="false")["total"] == 7


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"country": "kor"}, {"a1_call:0:0", "a1_call:1:0"}),
        ({"pair": "MLI-FRA"}, {"a3_protest:0:0", "a3_protest:1:0", "a3_protest:2:0"}),
        ({"pair": "FRA-MAR"}, {"a4_xss:0:0"}),
        ({"type": "protest"}, {"a3_protest:0:0"}),
        ({"quad_class": 4}, {"a3_protest:1:0"}),
        ({"since": "2021-06-01", "until": "2021-12-31"}, {"a3_protest:0:0", "a3_protest:1:0"}),
        ({"q": "troops"}, {"a3_protest:1:0"}),
        ({"q": "100%_"}, set()),
        ({"min_confidence": 0.6, "country": "FRA"}, {"a3_protest:0:0", "a3_protest:1:0", "a3_protest:2:0"}),
    ],
)
def test_events_filters_select_matching_events(
    client: Any, params: dict[str, Any], expected: set[str]
) -> None:
    assert {item["event_id"] for item in events(client, **params)["items"]} == expected


@pytest.mark.parametrize(
    ("sort", "first"),
    [
        ("-date", "a4_xss:0:0"),
        ("confidence", "a4_xss:0:0"),
        ("goldstein", "a3_protest:1:0"),
        ("-goldstein", "a1_call:1:0"),
        ("type", "a4_xss:0:0"),
    ],
)
def test_events_sort_orders_items(client: Any, sort: str, first: str) -> None:
    assert events(client, sort=sort)["items"][0]["event_id"] == first


def test_events_pages_cover_every_event_once(client: Any) -> None:
    pages = [events(client, page=page, page_size=4) for page in (1, 2)]
    ids = [item["event_id"] for body in pages for item in body["items"]]
    assert pages[0]["pages"] == 2 and len(ids) == len(set(ids)) == 6


@pytest.mark.parametrize(
    ("params", "match"),
    [
        ({"since": "2020-13-01"}, "since: expected a date YYYY-MM-DD"),
        ({"until": "yesterday"}, "until: expected a date"),
        ({"since": "2021-01-01", "until": "2020-01-01"}, "since on or before until"),
        ({"country": "ZZZ"}, "unknown country 'ZZZ'"),
        ({"country": "MOROCCO"}, "three-letter country code"),
        ({"pair": "MAR"}, "two codes joined by '-'"),
        ({"pair": "MAR-QQQ"}, "unknown country 'QQQ'"),
        ({"page": 3, "page_size": 4}, "page: expected 1 to 2"),
        ({"page": 0}, "page"),
        ({"page_size": 5000}, "page_size: expected at most 200"),
        ({"sort": "evidence_text"}, "sort: expected one of date"),
        ({"type": "HUG"}, "type: expected a PLOVER event type"),
        ({"quad_class": 5}, "quad_class"),
        ({"min_confidence": "high"}, "min_confidence"),
    ],
)
def test_events_bad_parameters_are_400_with_a_reason(client: Any, params: dict[str, Any], match: str) -> None:
    response = client.get("/api/events", params=params)
    body = response.json()
    assert response.status_code == 400 and body["ok"] is False and body["status"] == 400
    assert match in body["error"] and body["errors"]


def test_event_lists_the_rows_of_its_group(client: Any) -> None:
    event = client.get("/api/events/a2_call_again:0:0").json()["event"]
    assert event["group_id"] == "a1_call:0:0" and event["mentions"] == 2
    assert [row["event_id"] for row in event["mention_events"]] == ["a1_call:0:0", "a2_call_again:0:0"]


def test_article_returns_text_and_event_spans(client: Any) -> None:
    article = client.get("/api/articles/a3_protest").json()["article"]
    assert [span["event_id"] for span in article["spans"]] == [
        "a3_protest:0:0",
        "a3_protest:1:0",
        "a3_protest:2:0",
    ]
    for span in article["spans"]:
        assert article["text"][span["start"] : span["end"]] == span["text"]


def test_article_with_markup_is_returned_as_literal_json_text(client: Any) -> None:
    response = client.get("/api/articles/a4_xss")
    article = response.json()["article"]
    assert response.headers["content-type"] == "application/json"
    assert article["title"] == XSS_TITLE and XSS_SENTENCE in article["text"]


@pytest.mark.parametrize(
    "path", ["/api/events/nope:0:0", "/api/articles/nope", "/api/articles/..%2F..%2Fetc"]
)
def test_unknown_ids_are_404(client: Any, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404 and response.json()["ok"] is False


def test_pair_series_counts_deduplicated_events_per_month(client: Any) -> None:
    body = client.get("/api/pairs/kor/MAR/series", params={"by": "month"}).json()
    rows = {(row["period"], row["plover_event"]): row for row in body["rows"]}
    assert (body["a"], body["b"]) == ("KOR", "MAR")
    assert rows[("2020-03-01", "CONSULT")]["events"] == 1 and rows[("2020-03-01", "CONSULT")]["mentions"] == 2
    assert rows[("2020-04-01", "AGREE")]["goldstein_mean"] == 8.0


def test_pair_series_by_year_and_date_bounds(client: Any) -> None:
    rows = client.get("/api/pairs/FRA/MLI/series", params={"by": "year", "since": "2021-06-01"}).json()[
        "rows"
    ]
    assert {row["period"] for row in rows} == {"2021-01-01"} and sum(row["events"] for row in rows) == 2


@pytest.mark.parametrize(
    ("path", "status", "match"),
    [
        ("/api/pairs/MAR/KOR/series?by=decade", 400, "by: expected one of"),
        ("/api/pairs/MAR/ZZZ/series", 404, "unknown country 'ZZZ'"),
        ("/api/pairs/MAR/KOR/series?since=2020-02-30", 400, "since: expected a date"),
        ("/api/countries/ZZZ/partners", 404, "unknown country"),
        ("/api/countries/MAR/partners?limit=0", 400, "limit"),
        ("/api/network?min_events=0", 400, "min_events"),
        ("/api/network?until=never", 400, "until: expected a date"),
        ("/api/actors?country=ZZZ", 400, "unknown country"),
        ("/api/nowhere", 404, "not found"),
    ],
)
def test_routes_answer_errors_in_one_shape(client: Any, path: str, status: int, match: str) -> None:
    response = client.get(path)
    body = response.json()
    assert response.status_code == status and set(body) == {"ok", "error", "errors", "status"}
    assert body["status"] == status and match in body["error"]


def test_partners_rank_by_events(client: Any) -> None:
    body = client.get("/api/countries/MAR/partners").json()
    assert [(row["partner"], row["events"]) for row in body["partners"]] == [("KOR", 2), ("FRA", 1)]
    assert body["partners"][0]["name"] == "South Korea" or body["partners"][0]["name"].endswith("Korea")


def test_partners_of_a_known_country_without_events_is_empty(client: Any) -> None:
    assert client.get("/api/countries/NOR/partners").json()["partners"] == []


def test_countries_lists_codes_with_names_and_events(client: Any) -> None:
    rows = {row["code"]: row for row in client.get("/api/countries").json()["countries"]}
    assert set(rows) == {"MAR", "KOR", "FRA", "MLI"} and rows["FRA"]["events"] == 4
    assert rows["MLI"]["name"] == "Mali"


def test_network_links_pairs(client: Any) -> None:
    links = client.get("/api/network", params={"min_events": 2}).json()["links"]
    assert {(link["country_a"], link["country_b"], link["events"]) for link in links} == {
        ("FRA", "MLI", 3),
        ("KOR", "MAR", 2),
    }


def test_actors_count_named_actors_of_deduplicated_events(client: Any) -> None:
    actors = client.get("/api/actors", params={"country": "MAR"}).json()["actors"]
    assert actors == [{"name": "Minister of MAR", "country": "MAR", "sector": "GOV", "events": 2}]


def test_actors_text_search_is_literal(client: Any) -> None:
    assert client.get("/api/actors", params={"q": "%"}).json()["actors"] == []
    assert len(client.get("/api/actors", params={"q": "minister of f"}).json()["actors"]) == 1


def test_health_reports_counts(client: Any) -> None:
    body = client.get("/api/health").json()
    assert body["ok"] is True and (body["articles"], body["events"], body["deduplicated_events"]) == (4, 7, 6)
    assert body["writes"] is False


def test_openapi_lists_every_endpoint(client: Any) -> None:
    paths = set(client.get("/openapi.json").json()["paths"])
    assert {
        "/api/events",
        "/api/events/{event_id}",
        "/api/articles/{article_id}",
        "/api/pairs/{a}/{b}/series",
        "/api/countries/{country}/partners",
        "/api/countries",
        "/api/network",
        "/api/actors",
        "/api/health",
        "/api/articles",
    } <= paths


def test_create_app_missing_store_raises_store_error(tmp_path: Path) -> None:
    from legation.errors import StoreError

    with pytest.raises(StoreError, match="no such event store"):
        create_app(tmp_path / "absent.duckdb")


def test_serve_command_builds_the_app_with_token_and_limits(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn
    from click.testing import CliRunner

    from legation.cli import main

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: seen.update(app=app, **options))
    result = CliRunner().invoke(
        main,
        ["serve", "--db", str(store_path), "--port", "8123", "--rate", "0", "--token-env", "WEB_TEST_TOKEN"],
        env={"WEB_TEST_TOKEN": "abc"},
    )
    context = seen["app"].state.context
    assert result.exit_code == 0 and seen["port"] == 8123 and seen["host"] == "127.0.0.1"
    assert context.token == "abc" and context.limits.rate is None
