"""What every route of one app instance shares: the database, the limits, the token, the known country codes,
and the coding pipeline (built on the first write, never at import)."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import duckdb
from fastapi import HTTPException

from legation.lexicons.world import World
from legation.pipeline import Pipeline
from legation.web.database import Database
from legation.web.limits import ApiLimits
from legation.web.queries import store_codes

CODE = re.compile(r"^[A-Za-z]{3}$")


class PipelineHolder:
    """Builds the pipeline once, on first use, with `factory`; the app's writes share it."""

    def __init__(self, factory: Callable[[], Pipeline], pipeline: Pipeline | None = None) -> None:
        self._factory = factory
        self._pipeline = pipeline
        self._lock = threading.Lock()

    def get(self) -> Pipeline:
        with self._lock:
            if self._pipeline is None:
                self._pipeline = self._factory()
            return self._pipeline


@dataclass(frozen=True)
class AppContext:
    database: Database
    limits: ApiLimits
    token: str | None
    pipelines: PipelineHolder
    names: Mapping[str, str] = field(default_factory=dict)  # code → country or organisation name

    def country(self, cursor: duckdb.DuckDBPyConnection, value: str, *, where: str, status: int = 400) -> str:
        """`value` upper-cased when the gazetteer or the events know it, else an HTTP error."""
        if not CODE.match(value):
            raise HTTPException(
                400, f"{where}: expected a three-letter country code like MAR, found {value!r}"
            )
        code = value.upper()
        if code in self.names or code in store_codes(cursor):
            return code
        raise HTTPException(
            status, f"{where}: unknown country {value!r}: not in the gazetteer nor in the events"
        )

    def pair(self, cursor: duckdb.DuckDBPyConnection, value: str) -> tuple[str, str]:
        parts = value.split("-")
        if len(parts) != 2:
            raise HTTPException(400, f"pair: expected two codes joined by '-', like MAR-KOR, found {value!r}")
        return self.country(cursor, parts[0], where="pair"), self.country(cursor, parts[1], where="pair")


def known_names(world: World) -> dict[str, str]:
    """Country and organisation code → display name (the first organisation listed names a shared code)."""
    names: dict[str, str] = {code: code for code in world.actor_codes()}
    for organization in reversed(world.organizations):
        names[organization.code] = organization.name
    names.update({country.iso3: country.name for country in world.countries})
    return names


def iso_date(value: str | None, where: str) -> date | None:
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise HTTPException(400, f"{where}: expected a date YYYY-MM-DD, found {value!r}") from error


def date_range(since: str | None, until: str | None) -> tuple[date | None, date | None]:
    start, end = iso_date(since, "since"), iso_date(until, "until")
    if start is not None and end is not None and start > end:
        raise HTTPException(400, f"since, until: expected since on or before until, found {start} > {end}")
    return start, end


def records(frame: Any) -> list[dict[str, Any]]:
    """A pandas DataFrame → JSON-ready rows (dates as ISO text, NaN as null)."""
    rows: list[dict[str, Any]] = frame.to_dict(orient="records")
    return [{key: _plain(value) for key, value in row.items()} for row in rows]


def _plain(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    if hasattr(value, "item"):  # numpy scalars
        return _plain(value.item())
    return value
