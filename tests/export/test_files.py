"""`legation export` formats: each file read back with pandas, polars and DuckDB in the documented types."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pytest
from click.testing import CliRunner

from legation.analytics import open_source
from legation.cli import main
from legation.errors import InputError
from legation.export import EXPORT_FORMATS, column_types, export_events
from legation.export.dictionary import data_dictionary

DOCS = Path(__file__).resolve().parents[2] / "docs" / "data-dictionary.md"
GROUPS = 8  # the toy store's 11 mentions report 8 real events
TEXT_FORMATS = {"csv": ",", "polecat": "\t", "gdelt": "\t"}
PANDAS_TYPES = {
    "VARCHAR": "string", "INTEGER": "Int64", "BIGINT": "Int64", "DOUBLE": "float64", "BOOLEAN": "boolean",
}  # fmt: skip
POLARS_TYPES = {
    "VARCHAR": pl.String, "INTEGER": pl.Int32, "BIGINT": pl.Int64, "DOUBLE": pl.Float64,
    "BOOLEAN": pl.Boolean, "DATE": pl.Date,
}  # fmt: skip
# Per format: (id column, a date column, a count column, a code column)
KEYS = {
    "csv": ("event_id", "date_start", "num_mentions", "cameo_code"),
    "parquet": ("event_id", "date_start", "num_mentions", "cameo_code"),
    "polecat": ("Event ID", "Event Date", "Num Mentions", "Actor Country"),
    "gdelt": ("SOURCEURL", "SQLDATE", "NumMentions", "EventCode"),
}


@pytest.fixture(scope="module")
def exported(toy_store: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("exports")
    connection = open_source(toy_store)
    paths = {fmt: folder / f"events.{fmt}" for fmt in EXPORT_FORMATS}
    for fmt, path in paths.items():
        assert export_events(connection, path, fmt=fmt).rows == GROUPS
    connection.close()
    return paths


def read_pandas(path: Path, fmt: str) -> pd.DataFrame:
    if fmt == "parquet":
        return pd.read_parquet(path)
    types = column_types(fmt)
    dates = [name for name, kind in types.items() if kind == "DATE"]
    dtypes = {name: PANDAS_TYPES[kind] for name, kind in types.items() if kind != "DATE"}
    return pd.read_csv(path, sep=TEXT_FORMATS[fmt], dtype=dtypes, parse_dates=dates, keep_default_na=False,
                       na_values=[""])  # fmt: skip


def read_polars(path: Path, fmt: str) -> pl.DataFrame:
    if fmt == "parquet":
        return pl.read_parquet(path)
    schema = {name: POLARS_TYPES[kind] for name, kind in column_types(fmt).items()}
    return pl.read_csv(path, separator=TEXT_FORMATS[fmt], schema=schema)


def read_duckdb(path: Path, fmt: str) -> dict[str, str]:
    with duckdb.connect() as connection:
        if fmt == "parquet":
            relation = connection.read_parquet(str(path))
        else:
            relation = connection.read_csv(
                str(path), sep=TEXT_FORMATS[fmt], header=True, dtype=column_types(fmt)
            )
        return dict(zip(relation.columns, [str(kind) for kind in relation.dtypes], strict=True))


@pytest.mark.parametrize("fmt", ["csv", "parquet", "polecat", "gdelt"])
def test_export_pandas_reads_typed_columns(exported: dict[str, Path], fmt: str) -> None:
    frame = read_pandas(exported[fmt], fmt)
    _, date_column, count_column, code_column = KEYS[fmt]
    assert len(frame) == GROUPS
    assert list(frame.columns) == list(column_types(fmt))
    assert str(frame[count_column].dtype) in {"Int64", "int64"}
    assert frame[count_column].max() == 3  # the CONSULT group: three mentions, one row
    if fmt == "gdelt":
        assert frame[date_column].iloc[0] == 20200302  # GDELT's dates are integers YYYYMMDD
    elif fmt == "parquet":
        assert frame[date_column].iloc[0] == date(2020, 3, 2)
    else:
        assert str(frame[date_column].dtype).startswith("datetime64")
    assert all(isinstance(value, str) for value in frame[code_column].dropna())


@pytest.mark.parametrize("fmt", ["csv", "parquet", "polecat", "gdelt"])
def test_export_polars_reads_typed_columns(exported: dict[str, Path], fmt: str) -> None:
    frame = read_polars(exported[fmt], fmt)
    _, date_column, count_column, code_column = KEYS[fmt]
    assert frame.height == GROUPS
    assert frame.schema[date_column] == (pl.Int32 if fmt == "gdelt" else pl.Date)
    assert frame.schema[count_column] in {pl.Int32, pl.Int64}
    assert frame.schema[code_column] == pl.String


@pytest.mark.parametrize("fmt", ["csv", "parquet", "polecat", "gdelt"])
def test_export_duckdb_reads_the_documented_types(exported: dict[str, Path], fmt: str) -> None:
    assert read_duckdb(exported[fmt], fmt) == column_types(fmt)


def test_export_parquet_keeps_codes_and_dates_without_help(exported: dict[str, Path]) -> None:
    with duckdb.connect() as connection:
        row = connection.execute(
            "SELECT cameo_code, date_start, num_mentions FROM read_parquet(?) WHERE event_id = 'a1:0:0'",
            [str(exported["parquet"])],
        ).fetchone()
    assert row == ("040", date(2020, 3, 2), 3)


def test_export_plover_lines_have_the_contract_shape_and_counts(exported: dict[str, Path]) -> None:
    lines = [json.loads(line) for line in exported["plover"].read_text(encoding="utf-8").splitlines()]
    consult = next(line for line in lines if line["event_id"] == "a1:0:0")
    assert len(lines) == GROUPS
    assert list(consult)[:14] == [
        "event_id", "article_id", "sentence_index", "date", "date_precision", "date_basis", "plover", "cameo",
        "actor", "recipient", "symmetric", "modality", "quantities", "evidence",
    ]  # fmt: skip
    assert consult["cameo"] == {"code": "040", "root": "04", "goldstein": 1.0, "quad_class": 1}
    assert consult["actor"][0]["name"] == "King Elessar"
    assert (consult["num_mentions"], consult["num_articles"], consult["num_sources"]) == (3, 3, 2)
    assert consult["mention_ids"] == ["a1:0:0", "a2:0:0", "a3:1:0"]
    assert lines[-1]["date"] is None  # undated last


@pytest.mark.parametrize(("event_id", "sources"), [("a4:0:0", 1), ("a5:0:0", 2)])
def test_export_plover_sources_fall_back_to_the_url_host(exported: dict[str, Path], event_id: str,
                                                          sources: int) -> None:  # fmt: skip
    # a4 names no source: its URL's host counts as one; a5 and a6 (group without its representative) name two
    lines = [json.loads(line) for line in exported["plover"].read_text(encoding="utf-8").splitlines()]
    assert next(line for line in lines if line["event_id"] == event_id)["num_sources"] == sources


def test_export_plover_reads_back_in_each_library(exported: dict[str, Path]) -> None:
    path = exported["plover"]
    frame = pd.read_json(path, lines=True, dtype={"event_id": str})
    assert str(frame["num_mentions"].dtype) == "int64"
    assert pl.read_ndjson(path).schema["num_mentions"] == pl.Int64
    with duckdb.connect() as connection:
        relation = connection.read_json(str(path))
        types = dict(zip(relation.columns, [str(kind) for kind in relation.dtypes], strict=True))
    assert types["num_mentions"] == "BIGINT" and types["event_id"] == "VARCHAR"


def test_export_gdelt_has_the_61_gdelt_columns(exported: dict[str, Path]) -> None:
    header = exported["gdelt"].read_text(encoding="utf-8").splitlines()[0].split("\t")
    assert len(header) == 61
    assert header[:5] == ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    assert header[-2:] == ["DATEADDED", "SOURCEURL"]
    frame = read_polars(exported["gdelt"], "gdelt")
    assert frame["GLOBALEVENTID"].n_unique() == GROUPS
    first = frame.row(0, named=True)
    assert (first["Actor1Code"], first["Actor2Code"], first["IsRootEvent"]) == ("ARNGOV", "GONGOV", 1)
    assert (first["EventBaseCode"], first["NumArticles"]) == ("040", 3)
    assert first["ActionGeo_FullName"] == "Osgiliath"
    assert first["DATEADDED"] == 20200801123000


def test_export_polecat_starts_with_polecat_columns(exported: dict[str, Path]) -> None:
    header = exported["polecat"].read_text(encoding="utf-8").splitlines()[0].split("\t")
    assert header[:5] == ["Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity"]
    frame = read_polars(exported["polecat"], "polecat")
    hypothetical = frame.filter(pl.col("Event ID") == "a4:2:0").row(0, named=True)
    assert (hypothetical["Accept"], hypothetical["Event Date"]) == (0, None)


@pytest.mark.parametrize(
    ("fmt", "name", "error"),
    [
        ("xml", "out.xml", r"format: expected one of plover, polecat"),
        ("csv", "absent/out.csv", r"does not exist"),
    ],
)
def test_export_bad_arguments_raise_input_error(toy_store: Path, tmp_path: Path, fmt: str, name: str,
                                                error: str) -> None:  # fmt: skip
    connection = open_source(toy_store)
    with pytest.raises(InputError, match=error):
        export_events(connection, tmp_path / name, fmt=fmt)
    connection.close()


def test_export_cli_writes_the_file(toy_store: Path, tmp_path: Path) -> None:
    output = tmp_path / "events.parquet"
    arguments = ["export", "--db", str(toy_store), "--format", "parquet", "-o", str(output)]
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"exported {GROUPS} events (parquet) to {output}"
    assert pl.read_parquet(output).height == GROUPS


def test_export_cli_missing_store_is_a_clean_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["export", "--db", str(tmp_path / "none.duckdb"), "--format", "csv", "-o", str(tmp_path / "x.csv")],
    )
    assert result.exit_code == 1
    assert "no such store" in result.output


def test_data_dictionary_doc_matches_the_columns() -> None:
    assert DOCS.read_text(encoding="utf-8") == data_dictionary()
