"""Analytics over deduplicated events: dyad series, partners, network and countries on the toy store."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pytest

from legation.analytics import countries, dyad_series, network, open_source, partners
from legation.errors import InputError

Connection = duckdb.DuckDBPyConnection


@pytest.fixture()
def con(toy_store: Path) -> Iterator[Connection]:
    connection = open_source(toy_store)
    yield connection
    connection.close()


def rows(frame: pd.DataFrame, *columns: str) -> list[tuple[object, ...]]:
    return [tuple(row) for row in frame[list(columns)].itertuples(index=False)]


def test_dyad_series_counts_grouped_mentions_once(con: Connection) -> None:
    frame = dyad_series(con, "ARN", "GON")
    assert rows(frame, "period", "plover_event", "quad_class", "events", "mentions") == [
        (pd.Timestamp("2020-03-01"), "ACCUSE", 3, 1, 1),
        (pd.Timestamp("2020-03-01"), "CONSULT", 1, 1, 3),
        (pd.Timestamp("2020-04-01"), "AGREE", 1, 1, 1),
        (pd.Timestamp("2020-05-01"), "ASSAULT", 4, 1, 1),
    ]


def test_dyad_series_uses_the_representative_mention_values(con: Connection) -> None:
    consult = dyad_series(con, "ARN", "GON").query("plover_event == 'CONSULT'").iloc[0]
    # a1:0:0 represents its group; a3:1:0 (goldstein 1.9) is only a mention of it
    assert (consult["goldstein_sum"], consult["intensity_mean"]) == (1.0, 1.0)


def test_dyad_series_directed_keeps_one_direction(con: Connection) -> None:
    frame = dyad_series(con, "GON", "ARN", directed=True)
    assert rows(frame, "plover_event", "events") == [("ACCUSE", 1)]


@pytest.mark.parametrize(
    ("by", "periods"),
    [
        ("day", ["2020-03-02", "2020-03-20", "2020-04-01", "2020-05-10"]),
        ("week", ["2020-03-02", "2020-03-16", "2020-03-30", "2020-05-04"]),
        ("year", ["2020-01-01"]),
    ],
)
def test_dyad_series_truncates_to_the_period_start(con: Connection, by: str, periods: list[str]) -> None:
    frame = dyad_series(con, "ARN", "GON", by=by)  # type: ignore[arg-type]
    assert sorted({str(value.date()) for value in frame["period"]}) == periods
    assert frame["events"].sum() == 4  # the undated CONSULT is left out


def test_dyad_series_date_bounds_are_inclusive(con: Connection) -> None:
    frame = dyad_series(con, "arn", "gon", start=date(2020, 3, 20), end=date(2020, 4, 1))
    assert rows(frame, "plover_event") == [("ACCUSE",), ("AGREE",)]


def test_dyad_series_sums_and_means(con: Connection) -> None:
    frame = dyad_series(con, "ARN", "GON", by="year")
    assert frame["goldstein_sum"].sum() == pytest.approx(1.0 - 2.0 + 8.0 - 10.0)
    assert frame["intensity_sum"].sum() == pytest.approx(1.0 - 3.0 + 7.0 - 9.0)


def test_dyad_series_types(con: Connection) -> None:
    frame = dyad_series(con, "ARN", "GON", frame="polars")
    assert isinstance(frame, pl.DataFrame)
    assert frame.schema["period"] == pl.Date
    assert frame.schema["events"] == pl.Int64 and frame.schema["mentions"] == pl.Int64
    assert frame.schema["plover_event"] == pl.String and frame.schema["goldstein_mean"] == pl.Float64


def test_partners_most_events_first(con: Connection) -> None:
    frame = partners(con, "ARN")
    assert rows(frame, "partner", "events", "mentions", "cooperative", "conflictual") == [
        ("GON", 5, 7, 3, 2),
        ("ROH", 1, 1, 1, 0),  # the AGREE of ARN and ROH together links each of them to GON, not to each other
    ]


def test_partners_group_without_its_representative_counts_once(con: Connection) -> None:
    # a5:0:0 and a6:0:0 point at a representative that is gone: one event, two mentions
    frame = partners(con, "ROH")
    assert rows(frame, "partner", "events", "mentions", "cooperative", "conflictual") == [
        ("GON", 2, 3, 1, 1),
        ("ARN", 1, 1, 1, 0),
    ]


def test_partners_limit_and_polars(con: Connection) -> None:
    frame = partners(con, "ARN", limit=1, frame="polars")
    assert frame["partner"].to_list() == ["GON"]


def test_partners_self_pairs_excluded(con: Connection) -> None:
    # a3:0:0 is ARN government against ARN opposition: no partner
    assert "ARN" not in set(partners(con, "ARN")["partner"])


@pytest.mark.parametrize(
    ("min_events", "pairs"),
    [
        (1, [("ARN", "GON", 5), ("GON", "ROH", 2), ("ARN", "ROH", 1)]),
        (2, [("ARN", "GON", 5), ("GON", "ROH", 2)]),
    ],
)
def test_network_undirected_pairs(
    con: Connection, min_events: int, pairs: list[tuple[str, str, int]]
) -> None:
    frame = network(con, min_events=min_events)
    assert rows(frame, "country_a", "country_b", "events") == pairs


def test_network_date_bounds_drop_undated(con: Connection) -> None:
    frame = network(con, start=date(2020, 1, 1))
    assert rows(frame, "country_a", "country_b", "events")[0] == ("ARN", "GON", 4)


def test_countries_counts_each_event_once(con: Connection) -> None:
    frame = countries(con, frame="polars")
    assert frame.select("country", "events").rows() == [("ARN", 7), ("GON", 6), ("ROH", 3)]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda con: dyad_series(con, "ARN", "XYZ"), r"b: unknown country 'XYZ'"),
        (lambda con: partners(con, ""), r"country: expected a country code"),
        (
            lambda con: dyad_series(con, "arn", "ARN"),
            r"a, b: expected two different countries, found ARN twice",
        ),
        (lambda con: dyad_series(con, "ARN", "GON", by="fortnight"), r"by: expected a period.*fortnight"),
        (lambda con: dyad_series(con, "ARN", "GON", frame="arrow"), r"frame: expected one of pandas, polars"),
        (lambda con: partners(con, "ARN", limit=0), r"limit: expected a positive integer, found 0"),
        (lambda con: network(con, min_events=0), r"min_events: expected a positive integer"),
        (
            lambda con: network(con, start=date(2021, 1, 1), end=date(2020, 1, 1)),
            r"start, end: expected start on or before end",
        ),
        (lambda con: network(con, start="2020-01-01"), r"start: expected a date"),
    ],
)
def test_analytics_bad_arguments_raise_input_error(
    con: Connection, call: Callable[[Connection], object], message: str
) -> None:
    with pytest.raises(InputError, match=message):
        call(con)


def test_dyad_series_known_country_without_events_is_empty(con: Connection) -> None:
    assert dyad_series(con, "ARN", "FRA").empty
