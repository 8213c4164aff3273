"""Read endpoints of the web API: events, one event with its mentions, articles with spans, pair series,
partners, countries, the network, actors and health. Each request reads through its own read-only cursor."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from legation import analytics
from legation.model import PLOVER_EVENT_TYPES
from legation.web.context import AppContext, date_range, records
from legation.web.queries import (
    SORT_ORDERS,
    EventQuery,
    article_with_spans,
    count_events,
    counts,
    event_with_mentions,
    named_actors,
    search_events,
)

PERIODS = ("day", "week", "month", "year")


def read_router(context: AppContext) -> APIRouter:
    """The read endpoints over `context`'s database."""
    router = APIRouter(prefix="/api")
    _event_routes(router, context)
    _country_routes(router, context)
    return router


def _event_query(context: AppContext, cursor: Any, params: dict[str, Any]) -> EventQuery:
    """Validate /api/events parameters → EventQuery; every problem is a 400 naming the parameter."""
    since, until = date_range(params["since"], params["until"])
    if params["sort"] not in SORT_ORDERS:
        raise HTTPException(400, f"sort: expected one of {', '.join(SORT_ORDERS)}, found {params['sort']!r}")
    plover = params["type"].upper() if params["type"] else None
    if plover is not None and plover not in PLOVER_EVENT_TYPES:
        raise HTTPException(400, f"type: expected a PLOVER event type like CONSULT, found {params['type']!r}")
    if params["page_size"] > context.limits.max_page_size:
        raise HTTPException(
            400, f"page_size: expected at most {context.limits.max_page_size}, found {params['page_size']}"
        )
    return EventQuery(
        country=context.country(cursor, params["country"], where="country") if params["country"] else None,
        pair=context.pair(cursor, params["pair"]) if params["pair"] else None,
        plover=plover,
        quad_class=params["quad_class"],
        since=since,
        until=until,
        text=params["q"] or None,
        min_confidence=params["min_confidence"],
        dedup=params["dedup"],
        sort=params["sort"],
        page=params["page"],
        page_size=params["page_size"],
    )


def _event_routes(router: APIRouter, context: AppContext) -> None:
    @router.get("/events", summary="Events, filtered, sorted and paginated (one row per deduplicated event)")
    def list_events(
        country: str | None = None,
        pair: Annotated[str | None, Query(description="Two codes, like MAR-KOR (either direction)")] = None,
        type: Annotated[str | None, Query(description="PLOVER event type")] = None,  # noqa: A002
        quad_class: Annotated[int | None, Query(ge=1, le=4)] = None,
        since: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
        until: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
        q: Annotated[str | None, Query(max_length=200, description="Text in the evidence")] = None,
        min_confidence: Annotated[float | None, Query(ge=0.0, le=1.0)] = None,
        dedup: bool = True,
        sort: str = "date",
        page: Annotated[int, Query(ge=1)] = 1,
        page_size: Annotated[int, Query(ge=1)] = 50,
    ) -> dict[str, Any]:
        with context.database.reading() as cursor:
            query = _event_query(context, cursor, dict(locals()))
            total = count_events(cursor, query)
            pages = max(1, -(-total // query.page_size))
            if query.page > pages:
                raise HTTPException(400, f"page: expected 1 to {pages} ({total} events), found {query.page}")
            items = search_events(cursor, query)
        return {
            "ok": True,
            "total": total,
            "page": query.page,
            "page_size": query.page_size,
            "pages": pages,
            "sort": query.sort,
            "items": items,
        }

    @router.get("/events/{event_id}", summary="One event with its mentions (the rows of its group)")
    def get_event(event_id: str) -> dict[str, Any]:
        with context.database.reading() as cursor:
            event = event_with_mentions(cursor, event_id)
        if event is None:
            raise HTTPException(404, f"event_id: no event {event_id!r}")
        return {"ok": True, "event": event}

    @router.get("/articles/{article_id}", summary="An article's text and the evidence span of each event")
    def get_article(article_id: str) -> dict[str, Any]:
        with context.database.reading() as cursor:
            article = article_with_spans(cursor, article_id)
        if article is None:
            raise HTTPException(404, f"article_id: no article {article_id!r}")
        return {"ok": True, "article": article}

    @router.get("/health", summary="Whether the store can be read, with its counts")
    def health() -> dict[str, Any]:
        with context.database.reading() as cursor:
            numbers = counts(cursor)
        return {"ok": True, "status": "ok", **numbers, "writes": context.token is not None}


def _country_routes(router: APIRouter, context: AppContext) -> None:
    @router.get("/pairs/{a}/{b}/series", summary="A country pair's events per period (deduplicated)")
    def pair_series(
        a: str,
        b: str,
        by: str = "month",
        since: str | None = None,
        until: str | None = None,
        directed: bool = False,
    ) -> dict[str, Any]:
        if by not in PERIODS:
            raise HTTPException(400, f"by: expected one of {', '.join(PERIODS)}, found {by!r}")
        start, end = date_range(since, until)
        with context.database.reading() as cursor:
            first = context.country(cursor, a, where="a", status=404)
            second = context.country(cursor, b, where="b", status=404)
        rows = context.database.cached(
            ("series", first, second, by, start, end, directed),
            lambda cursor: records(
                analytics.dyad_series(cursor, first, second, by=by, start=start, end=end, directed=directed)  # type: ignore[arg-type]
            ),
        )
        return {"ok": True, "a": first, "b": second, "by": by, "rows": rows}

    @router.get("/countries/{country}/partners", summary="A country's partners, most events first")
    def country_partners(
        country: str,
        since: str | None = None,
        until: str | None = None,
        limit: Annotated[int, Query(ge=1, le=250)] = 20,
    ) -> dict[str, Any]:
        start, end = date_range(since, until)
        with context.database.reading() as cursor:
            code = context.country(cursor, country, where="country", status=404)

        def compute(cursor: Any) -> list[dict[str, Any]]:
            rows = records(analytics.partners(cursor, code, start=start, end=end, limit=limit))
            return [{**row, "name": context.names.get(row["partner"], row["partner"])} for row in rows]

        rows = context.database.cached(("partners", code, start, end, limit), compute)
        return {"ok": True, "country": code, "name": context.names.get(code, code), "partners": rows}

    @router.get("/countries", summary="Every country in the events, with its events (for the pickers)")
    def list_countries() -> dict[str, Any]:
        def compute(cursor: Any) -> list[dict[str, Any]]:
            rows = records(analytics.countries(cursor))
            return [
                {**row, "code": row["country"], "name": context.names.get(row["country"], row["country"])}
                for row in rows
            ]

        rows = context.database.cached(("countries",), compute)
        return {"ok": True, "countries": rows}

    @router.get("/network", summary="Country pairs with their events, for a network view")
    def pair_network(
        since: str | None = None, until: str | None = None, min_events: Annotated[int, Query(ge=1)] = 1
    ) -> dict[str, Any]:
        start, end = date_range(since, until)
        rows = context.database.cached(
            ("network", start, end, min_events),
            lambda cursor: records(analytics.network(cursor, start=start, end=end, min_events=min_events)),
        )
        return {"ok": True, "links": rows}

    @router.get("/actors", summary="Named actors of the events, with their events")
    def list_actors(
        country: str | None = None,
        q: Annotated[str | None, Query(max_length=200)] = None,
        limit: Annotated[int, Query(ge=1, le=500)] = 100,
    ) -> dict[str, Any]:
        with context.database.reading() as cursor:
            code = context.country(cursor, country, where="country") if country else None
            actors = named_actors(cursor, country=code, text=q, limit=limit)
        return {"ok": True, "actors": actors}
