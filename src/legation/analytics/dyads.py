"""Country-pair analytics over deduplicated events: a dyad's series per period, a country's partners, the pair
network and the country list; each a DuckDB query (values as parameters) → pandas or polars DataFrame."""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb

from legation.analytics.base import (
    DATE_BOUNDS,
    DEDUPLICATED,
    PAIRS,
    Frame,
    Period,
    check_dates,
    check_period,
    check_positive,
    country_code,
    deduplicated_cte,
    run_query,
)
from legation.errors import InputError

INVOLVES = "list_contains(list_concat(actor_countries, recipient_countries), {})"
DYAD_SERIES = f"""
WITH {deduplicated_cte(INVOLVES.format("$a") + " AND " + INVOLVES.format("$b"))}, {PAIRS},
dyad AS (
    SELECT DISTINCT group_key FROM pair
    WHERE (actor_country = $a AND recipient_country = $b)
       OR (NOT $directed AND actor_country = $b AND recipient_country = $a)
)
SELECT date_trunc($by, deduplicated.date_start)::DATE AS period, plover_event, quad_class,
       count(*)::BIGINT AS events, sum(num_mentions)::BIGINT AS mentions,
       sum(plover_intensity) AS intensity_sum, avg(plover_intensity) AS intensity_mean,
       sum(goldstein) AS goldstein_sum, avg(goldstein) AS goldstein_mean
FROM deduplicated JOIN dyad ON dyad.group_key = deduplicated.group_key
WHERE deduplicated.date_start IS NOT NULL AND {DATE_BOUNDS}
GROUP BY ALL
ORDER BY period, plover_event, quad_class
"""
PARTNERS = f"""
WITH {deduplicated_cte(INVOLVES.format("$country"))}, {PAIRS},
partner AS (
    SELECT DISTINCT group_key,
           CASE WHEN actor_country = $country THEN recipient_country ELSE actor_country END AS partner
    FROM pair WHERE actor_country = $country OR recipient_country = $country
)
SELECT partner.partner, count(*)::BIGINT AS events, sum(num_mentions)::BIGINT AS mentions,
       count(*) FILTER (WHERE quad_class IN (1, 2))::BIGINT AS cooperative,
       count(*) FILTER (WHERE quad_class IN (3, 4))::BIGINT AS conflictual,
       avg(plover_intensity) AS intensity_mean, avg(goldstein) AS goldstein_mean
FROM deduplicated JOIN partner ON partner.group_key = deduplicated.group_key
WHERE {DATE_BOUNDS}
GROUP BY partner.partner
ORDER BY events DESC, partner.partner
LIMIT $limit
"""
NETWORK = f"""
WITH {DEDUPLICATED}, {PAIRS},
link AS (
    SELECT DISTINCT group_key, least(actor_country, recipient_country) AS country_a,
           greatest(actor_country, recipient_country) AS country_b
    FROM pair
)
SELECT country_a, country_b, count(*)::BIGINT AS events, sum(num_mentions)::BIGINT AS mentions,
       avg(goldstein) AS goldstein_mean, avg(plover_intensity) AS intensity_mean
FROM deduplicated JOIN link ON link.group_key = deduplicated.group_key
WHERE {DATE_BOUNDS}
GROUP BY country_a, country_b
HAVING count(*) >= $min_events
ORDER BY events DESC, country_a, country_b
"""
COUNTRIES = f"""
WITH {DEDUPLICATED},
involved AS (
    SELECT group_key, num_mentions, unnest(actor_countries) AS country FROM deduplicated
    UNION
    SELECT group_key, num_mentions, unnest(recipient_countries) AS country FROM deduplicated
)
SELECT country, count(*)::BIGINT AS events, sum(num_mentions)::BIGINT AS mentions
FROM involved
GROUP BY country
ORDER BY events DESC, country
"""


def dyad_series(
    con: duckdb.DuckDBPyConnection,
    a: str,
    b: str,
    *,
    by: Period = "month",
    start: date | None = None,
    end: date | None = None,
    directed: bool = False,
    frame: Frame = "pandas",
) -> Any:
    """Deduplicated events between `a` and `b` (either direction; a → b only when `directed`) per period.

    One row per (period, plover_event, quad_class): period (first day; weeks start on Monday), events,
    mentions, intensity_sum/_mean, goldstein_sum/_mean. Undated events are left out; `start`/`end`
    (inclusive) compare the first day of each event's date.
    """
    check_period(by)
    check_dates(start, end)
    first, second = country_code(con, a, name="a"), country_code(con, b, name="b")
    if first == second:
        raise InputError(f"a, b: expected two different countries, found {first} twice")
    params = {"a": first, "b": second, "directed": bool(directed), "by": by, "start": start, "end": end}
    return run_query(con, DYAD_SERIES, params, frame)


def partners(
    con: duckdb.DuckDBPyConnection,
    country: str,
    *,
    start: date | None = None,
    end: date | None = None,
    limit: int = 20,
    frame: Frame = "pandas",
) -> Any:
    """`country`'s partner countries, most deduplicated events first (ties by code), at most `limit`.

    Columns: partner, events, mentions, cooperative (QuadClass 1-2), conflictual (3-4), intensity_mean,
    goldstein_mean. An event counts once per partner, whichever side `country` was on.
    """
    check_dates(start, end)
    check_positive("limit", limit)
    code = country_code(con, country)
    params = {"country": code, "start": start, "end": end, "limit": limit}
    return run_query(con, PARTNERS, params, frame)


def network(
    con: duckdb.DuckDBPyConnection,
    *,
    start: date | None = None,
    end: date | None = None,
    min_events: int = 1,
    frame: Frame = "pandas",
) -> Any:
    """Undirected country pairs (country_a < country_b) with events, mentions, goldstein_mean, intensity_mean;
    pairs with fewer than `min_events` deduplicated events left out; most events first."""
    check_dates(start, end)
    check_positive("min_events", min_events)
    params = {"start": start, "end": end, "min_events": min_events}
    return run_query(con, NETWORK, params, frame)


def countries(con: duckdb.DuckDBPyConnection, frame: Frame = "pandas") -> Any:
    """Every country code in the events (as actor or recipient) with its deduplicated events and mentions."""
    return run_query(con, COUNTRIES, {}, frame)
