"""Read queries of the web API over a read-only DuckDB cursor → JSON-ready dicts (parameterised SQL only).

Every value from a request travels as a parameter; only constant text and whitelisted ORDER BY terms form SQL.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from legation.store.events import EVENT_FIELDS, JSON_COLUMNS

COLUMNS = [column for column, _ in EVENT_FIELDS] + ["group_id"]
SELECT = "SELECT " + ", ".join(COLUMNS) + " FROM events"
REPRESENTATIVE = "event_id = coalesce(group_id, event_id)"
# sort key of the API → ORDER BY text; the event id last makes every order total (stable pages).
SORT_ORDERS: dict[str, str] = {
    "date": "date_start ASC NULLS LAST",
    "-date": "date_start DESC NULLS LAST",
    "confidence": "confidence ASC",
    "-confidence": "confidence DESC",
    "goldstein": "goldstein ASC NULLS LAST",
    "-goldstein": "goldstein DESC NULLS LAST",
    "intensity": "plover_intensity ASC NULLS LAST",
    "-intensity": "plover_intensity DESC NULLS LAST",
    "type": "plover_event ASC",
    "-type": "plover_event DESC",
}
ACTORS = (
    "WITH named AS ("
    " SELECT unnest(from_json(actors, '[\"json\"]')) AS actor FROM events WHERE "
    + REPRESENTATIVE
    + " UNION ALL SELECT unnest(from_json(recipients, '[\"json\"]')) FROM events WHERE "
    + REPRESENTATIVE
    + "),"
    " fields AS (SELECT actor->>'name' AS name, actor->>'country' AS country, actor->>'sector' AS sector"
    " FROM named)"
    " SELECT name, country, mode(sector) AS sector, count(*) AS events FROM fields"
    " WHERE name IS NOT NULL AND (? IS NULL OR country = ?) AND (? IS NULL OR name ILIKE ? ESCAPE '\\')"
    " GROUP BY name, country ORDER BY events DESC, name, country LIMIT ?"
)


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Filters, order and page of /api/events, validated (codes upper case, sort a SORT_ORDERS key)."""

    country: str | None = None
    pair: tuple[str, str] | None = None
    plover: str | None = None
    quad_class: int | None = None
    since: date | None = None
    until: date | None = None
    text: str | None = None
    min_confidence: float | None = None
    article_id: str | None = None
    dedup: bool = True
    sort: str = "date"
    page: int = 1
    page_size: int = 50


def like_pattern(text: str) -> str:
    """`text` as a literal ILIKE ... ESCAPE '\\' substring pattern (its % and _ match only themselves)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _filters(query: EventQuery) -> tuple[list[str], list[Any]]:
    clauses: list[str] = [REPRESENTATIVE] if query.dedup else []
    params: list[Any] = []
    if query.country is not None:
        clauses.append("(list_contains(actor_countries, ?) OR list_contains(recipient_countries, ?))")
        params += [query.country, query.country]
    if query.pair is not None:
        one_way = "(list_contains(actor_countries, ?) AND list_contains(recipient_countries, ?))"
        clauses.append(f"({one_way} OR {one_way})")
        first, second = query.pair
        params += [first, second, second, first]
    optional = (
        ("plover_event = ?", query.plover),
        ("quad_class = ?", query.quad_class),
        ("date_start >= ?", query.since),
        ("date_start <= ?", query.until),
        ("confidence >= ?", query.min_confidence),
        ("article_id = ?", query.article_id),
        ("evidence_text ILIKE ? ESCAPE '\\'", like_pattern(query.text) if query.text else None),
    )
    for clause, value in optional:
        if value is not None:
            clauses.append(clause)
            params.append(value)
    return clauses, params


def count_events(cursor: duckdb.DuckDBPyConnection, query: EventQuery) -> int:
    clauses, params = _filters(query)
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    row = cursor.execute("SELECT count(*) FROM events" + where, params).fetchone()
    return int(row[0]) if row else 0


def search_events(cursor: duckdb.DuckDBPyConnection, query: EventQuery) -> list[dict[str, Any]]:
    """One page of events (CONTRACT shape plus group_id and mentions), in the query's order."""
    clauses, params = _filters(query)
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    order = f" ORDER BY {SORT_ORDERS[query.sort]}, event_id LIMIT ? OFFSET ?"
    params += [query.page_size, (query.page - 1) * query.page_size]
    items = [event_dict(row) for row in cursor.execute(SELECT + where + order, params).fetchall()]
    counts = mention_counts(cursor, [item["group_id"] or item["event_id"] for item in items])
    for item in items:
        item["mentions"] = counts.get(item["group_id"] or item["event_id"], 1)
    return items


def mention_counts(cursor: duckdb.DuckDBPyConnection, group_ids: list[str]) -> dict[str, int]:
    if not group_ids:
        return {}
    rows = cursor.execute(
        "SELECT coalesce(group_id, event_id) AS gid, count(*) FROM events"
        " WHERE coalesce(group_id, event_id) IN (SELECT unnest(?::VARCHAR[])) GROUP BY gid",
        [group_ids],
    ).fetchall()
    return {str(row[0]): int(row[1]) for row in rows}


def event_with_mentions(cursor: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    """The event, and every row of its group (itself included) as `mentions_list`; None when unknown."""
    row = cursor.execute(SELECT + " WHERE event_id = ?", [event_id]).fetchone()
    if row is None:
        return None
    event = event_dict(row)
    group = event["group_id"] or event["event_id"]
    rows = cursor.execute(
        SELECT + " WHERE coalesce(group_id, event_id) = ? ORDER BY article_id, sentence_index, event_id",
        [group],
    ).fetchall()
    event["mentions"] = len(rows)
    event["mention_events"] = [event_dict(mention) for mention in rows]
    return event


def article_with_spans(cursor: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    """The stored article and the evidence span of each of its events (offsets into `text`), or None."""
    found = cursor.execute("SELECT * FROM articles WHERE article_id = ?", [article_id])
    row = found.fetchone()
    if row is None:
        return None
    article = dict(zip([column[0] for column in found.description or ()], row, strict=True))
    for name in ("published", "ingested_at"):
        article[name] = article[name].isoformat() if article[name] is not None else None
    spans = cursor.execute(
        "SELECT event_id, evidence_start, evidence_end, evidence_text, plover_event, quad_class"
        " FROM events WHERE article_id = ? ORDER BY evidence_start, event_id",
        [article_id],
    ).fetchall()
    article["spans"] = [
        {
            "event_id": span[0],
            "start": span[1],
            "end": span[2],
            "text": span[3],
            "plover_event": span[4],
            "quad_class": span[5],
        }
        for span in spans
    ]
    return article


def named_actors(
    cursor: duckdb.DuckDBPyConnection, *, country: str | None, text: str | None, limit: int
) -> list[dict[str, Any]]:
    """Distinct (name, country) of the deduplicated events' actors and recipients, most events first."""
    pattern = like_pattern(text) if text else None
    rows = cursor.execute(ACTORS, [country, country, pattern, pattern, limit]).fetchall()
    return [{"name": row[0], "country": row[1], "sector": row[2], "events": int(row[3])} for row in rows]


def store_codes(cursor: duckdb.DuckDBPyConnection) -> set[str]:
    """Every actor or recipient country code present in the events."""
    rows = cursor.execute(
        "SELECT DISTINCT unnest(list_concat(actor_countries, recipient_countries)) FROM events"
    ).fetchall()
    return {str(row[0]) for row in rows if row[0] is not None}


def counts(cursor: duckdb.DuckDBPyConnection) -> dict[str, int]:
    row = cursor.execute(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events),"
        " (SELECT count(*) FROM events WHERE " + REPRESENTATIVE + ")"
    ).fetchone()
    values = row or (0, 0, 0)
    return {"articles": int(values[0]), "events": int(values[1]), "deduplicated_events": int(values[2])}


def event_dict(row: tuple[Any, ...]) -> dict[str, Any]:
    """One SELECT row → Event.to_dict()'s shape, plus `group_id`."""
    record: dict[str, Any] = {}
    for (column, path), value in zip(EVENT_FIELDS, row[: len(EVENT_FIELDS)], strict=True):
        parent = record
        for key in path[:-1]:
            parent = parent.setdefault(key, {})
        parent[path[-1]] = json.loads(value) if column in JSON_COLUMNS else value
    record["group_id"] = row[len(EVENT_FIELDS)]
    return record
