"""`legation dyad` and `legation partners`: country-pair analytics over deduplicated events, printed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar, cast

import click

from legation.cli.core import _echo_lines, _iso_date, _settings, main

F = TypeVar("F", bound=Callable[..., Any])

OUTPUT_FORMATS = ("table", "csv", "jsonl")
PERIOD_CHOICES = ("day", "week", "month", "year")


def frame_lines(frame: Any, fmt: str) -> list[str]:
    """A pandas DataFrame as lines of a fixed-width table, CSV (with header) or JSONL; dates as YYYY-MM-DD."""
    frame = frame.copy()
    for name in frame.columns:
        if str(frame[name].dtype).startswith("datetime64"):
            frame[name] = frame[name].dt.strftime("%Y-%m-%d")
    if fmt == "csv":
        return str(frame.to_csv(index=False, lineterminator="\n")).splitlines()
    if fmt == "jsonl":
        return [line for line in str(frame.to_json(orient="records", lines=True)).splitlines() if line]
    return str(frame.to_string(index=False, float_format=lambda value: f"{value:.2f}")).splitlines()


def _db_option() -> Callable[[F], F]:
    return click.option(
        "--db", type=click.Path(), help="DuckDB store file or Parquet folder (default legation.duckdb)."
    )


@main.command()
@click.argument("a")
@click.argument("b")
@_db_option()
@click.option("--by", type=click.Choice(PERIOD_CHOICES), default="month", show_default=True, help="Period.")
@click.option("--since", callback=_iso_date, help="Events on or after this date (YYYY-MM-DD).")
@click.option("--until", callback=_iso_date, help="Events on or before this date (YYYY-MM-DD).")
@click.option("--directed", is_flag=True, help="Only events A does to B (default: either direction).")
@click.option("--format", "fmt", type=click.Choice(OUTPUT_FORMATS), default="table", show_default=True)
@click.pass_context
def dyad(
    ctx: click.Context, a: str, b: str, db: str | None, by: str, since: date | None, until: date | None,
    directed: bool, fmt: str,
) -> None:  # fmt: skip
    """Deduplicated events between two countries per period, PLOVER type and QuadClass.

    Example: legation dyad MAR KOR --by month --since 2020-01-01 --format csv
    """
    from legation.analytics import dyad_series, open_source
    from legation.analytics.base import Period

    connection = open_source(_settings(ctx, db=db).db)
    try:
        period = cast(Period, by)  # click's Choice has checked it against PERIOD_CHOICES
        frame = dyad_series(connection, a, b, by=period, start=since, end=until, directed=directed)
    finally:
        connection.close()
    if frame.empty:
        click.echo(f"no dated events between {a.upper()} and {b.upper()}", err=True)
        return
    _echo_lines(frame_lines(frame, fmt))


@main.command()
@click.argument("country")
@_db_option()
@click.option("--since", callback=_iso_date, help="Events on or after this date (YYYY-MM-DD).")
@click.option("--until", callback=_iso_date, help="Events on or before this date (YYYY-MM-DD).")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="Most partners.")
@click.option("--format", "fmt", type=click.Choice(OUTPUT_FORMATS), default="table", show_default=True)
@click.pass_context
def partners(
    ctx: click.Context,
    country: str,
    db: str | None,
    since: date | None,
    until: date | None,
    limit: int,
    fmt: str,
) -> None:
    """A country's partners, most deduplicated events first, with cooperative and conflictual counts.

    Example: legation partners MAR --db legation.duckdb
    """
    from legation.analytics import open_source
    from legation.analytics import partners as find_partners

    connection = open_source(_settings(ctx, db=db).db)
    try:
        frame = find_partners(connection, country, start=since, end=until, limit=limit)
    finally:
        connection.close()
    if frame.empty:
        click.echo(f"no events with a partner of {country.upper()}", err=True)
        return
    _echo_lines(frame_lines(frame, fmt))
