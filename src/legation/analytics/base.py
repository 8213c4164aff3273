"""Shared pieces of the analytics queries: deduplicated events and their country pairs as SQL, argument
checks, and query → pandas or polars DataFrame."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal, get_args

import duckdb

from legation.errors import InputError, StoreError

Frame = Literal["pandas", "polars"]
Period = Literal["day", "week", "month", "year"]
FRAMES: tuple[str, ...] = get_args(Frame)
PERIODS: tuple[str, ...] = get_args(Period)

# One row per real event: the group's representative mention (event_id = coalesce(group_id, event_id), or the
# smallest member id when the representative is gone), with how many mentions, articles and sources report it.
# A source is counted as store/groups.py's source_key counts it: articles.source, else URL host, else article.
URL_HOST = "regexp_extract(articles.url, '^[a-zA-Z][a-zA-Z0-9+.-]*://([^/?#]*@)?([^/:?#]+)', 2)"
SOURCE_KEY = (
    "coalesce(nullif(lower(trim(articles.source)), ''),"
    f" nullif(regexp_replace(lower({URL_HOST}), '^www[.]', ''), ''), 'article:' || mention.article_id)"
)


def deduplicated_cte(mention_filter: str = "TRUE") -> str:
    """The `mention`, `reports` and `deduplicated` CTEs over the events passing `mention_filter` (SQL over the
    events' columns, values as parameters). Every mention of a group names the same countries, so a filter on
    countries keeps or drops whole groups, and a pair's series need not deduplicate the whole table."""
    return DEDUPLICATED.replace("FROM events),", f"FROM events WHERE {mention_filter}),", 1)


DEDUPLICATED = f"""
mention AS (SELECT *, coalesce(group_id, event_id) AS group_key FROM events),
reports AS (
    SELECT mention.group_key, count(*)::BIGINT AS num_mentions,
           count(DISTINCT mention.article_id)::BIGINT AS num_articles,
           count(DISTINCT {SOURCE_KEY})::BIGINT AS num_sources
    FROM mention LEFT JOIN articles ON articles.article_id = mention.article_id
    GROUP BY mention.group_key
),
deduplicated AS (
    SELECT mention.*, reports.num_mentions, reports.num_articles, reports.num_sources
    FROM mention JOIN reports ON reports.group_key = mention.group_key
    QUALIFY row_number() OVER (
        PARTITION BY mention.group_key ORDER BY mention.event_id <> mention.group_key, mention.event_id) = 1
)"""
# Each (actor country, recipient country) link of a deduplicated event, self-pairs left out, each once.
PAIRS = """
pair AS (
    SELECT DISTINCT deduplicated.group_key, actor.country AS actor_country,
           recipient.country AS recipient_country
    FROM deduplicated, unnest(deduplicated.actor_countries) AS actor(country),
         unnest(deduplicated.recipient_countries) AS recipient(country)
    WHERE actor.country <> recipient.country
)"""
# Date bounds on the first day of the event date, as EventStore.events() does; a bound drops undated events.
DATE_BOUNDS = (
    "($start::DATE IS NULL OR deduplicated.date_start >= $start::DATE)"
    " AND ($end::DATE IS NULL OR deduplicated.date_start <= $end::DATE)"
)


def run_query(connection: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any], frame: str) -> Any:
    """The result of `sql` (values only as named parameters) as a pandas or polars DataFrame."""
    check_frame(frame)
    try:
        relation = connection.sql(sql, params=params)
        return relation.pl() if frame == "polars" else relation.df()
    except duckdb.Error as error:
        raise StoreError(f"analytics query failed: {str(error).strip()}") from error


def check_frame(frame: str) -> None:
    if frame not in FRAMES:
        raise InputError(f"frame: expected one of {', '.join(FRAMES)}, found {frame!r}")


def check_period(by: str) -> None:
    if by not in PERIODS:
        raise InputError(f"by: expected a period, one of {', '.join(PERIODS)}, found {by!r}")


def check_dates(start: date | None, end: date | None) -> None:
    for name, value in (("start", start), ("end", end)):
        if value is not None and not isinstance(value, date):
            raise InputError(f"{name}: expected a date, found {value!r}")
    if start is not None and end is not None and start > end:
        raise InputError(f"start, end: expected start on or before end, found {start} > {end}")


def check_positive(name: str, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InputError(f"{name}: expected a positive integer, found {value!r}")


def country_code(connection: duckdb.DuckDBPyConnection, code: str, *, name: str = "country") -> str:
    """`code` upper-cased, when it occurs in the events or names a known country or organisation."""
    if not isinstance(code, str) or not code.strip():
        raise InputError(f"{name}: expected a country code like MAR, found {code!r}")
    wanted = code.strip().upper()
    sql = (
        "SELECT count(*) FROM events WHERE list_contains(actor_countries, $code)"
        " OR list_contains(recipient_countries, $code)"
    )
    try:
        found = connection.execute(sql, {"code": wanted}).fetchall()[0][0]
    except duckdb.Error as error:
        raise StoreError(f"analytics query failed: {str(error).strip()}") from error
    if found or wanted in _known_codes():
        return wanted
    raise InputError(
        f"{name}: unknown country {code!r}: expected an ISO 3166-1 alpha-3 or PLOVER actor code"
        " (like MAR, KOR, IGO) or a code that occurs in the events"
    )


def _known_codes() -> frozenset[str]:
    """Codes of the packaged country and organisation lists (read only for codes absent from the data)."""
    from legation.lexicons.world import World

    return World.load().actor_codes()
