"""`legation export`: deduplicated events → PLOVER JSONL, POLECAT-style TSV, GDELT-style TSV, CSV or Parquet.

DuckDB's COPY writes every file, so rows stream from the store to disk without passing through Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from legation.analytics.base import DEDUPLICATED
from legation.errors import InputError, StoreError
from legation.export.columns import FLAT_COLUMNS, GDELT_COLUMNS, POLECAT_COLUMNS, Column

EXPORT_FORMATS = ("plover", "polecat", "gdelt", "csv", "parquet")
# The COPY options of each format (constants: only the path is a parameter).
COPY_OPTIONS = {
    "plover": "FORMAT json",
    "polecat": "FORMAT csv, DELIMITER '\t', HEADER true",
    "gdelt": "FORMAT csv, DELIMITER '\t', HEADER true",
    "csv": "FORMAT csv, HEADER true",
    "parquet": "FORMAT parquet",
}
TABLE_COLUMNS: dict[str, tuple[Column, ...]] = {
    "polecat": POLECAT_COLUMNS, "gdelt": GDELT_COLUMNS, "csv": FLAT_COLUMNS, "parquet": FLAT_COLUMNS,
}  # fmt: skip
ACTOR_TYPE = (
    """'[{"text": "VARCHAR", "name": "VARCHAR", "title": "VARCHAR", "country": "VARCHAR","""
    """ "sector": "VARCHAR"}]'"""
)
# Deduplicated events with their article's fields, their mention ids and parsed actor lists; actor1/actor2 are
# the first actor / recipient with a country (GDELT has one actor per side).
EXPORT_EVENTS = f"""
WITH {DEDUPLICATED},
members AS (
    SELECT group_key, list(event_id ORDER BY event_id) AS mention_ids FROM mention GROUP BY group_key
),
parsed AS (
    SELECT deduplicated.*, members.mention_ids, articles.published, articles.source, articles.url,
           articles.language, articles.location, articles.ingested_at,
           from_json(deduplicated.actors, {ACTOR_TYPE}) AS actor_list,
           from_json(deduplicated.recipients, {ACTOR_TYPE}) AS recipient_list
    FROM deduplicated
    JOIN members ON members.group_key = deduplicated.group_key
    LEFT JOIN articles ON articles.article_id = deduplicated.article_id
),
export_events AS (
    SELECT *, coalesce([x for x in actor_list if x.country IS NOT NULL][1], actor_list[1]) AS actor1,
           coalesce([x for x in recipient_list if x.country IS NOT NULL][1], recipient_list[1]) AS actor2
    FROM parsed
)"""
ORDER = " FROM export_events ORDER BY date_start NULLS LAST, event_id"
# One JSON object per deduplicated event: the contract's event shape, then how it was reported.
PLOVER_SELECT = """SELECT event_id, article_id, sentence_index, date, date_precision, date_basis,
    {'event': plover_event, 'mode': plover_mode, 'contexts': plover_contexts,
     'intensity': plover_intensity} AS plover,
    {'code': cameo_code, 'root': cameo_root, 'goldstein': goldstein, 'quad_class': quad_class} AS cameo,
    actors AS actor, recipients AS recipient, is_symmetric AS symmetric,
    {'negated': negated, 'future': future, 'hypothetical': hypothetical} AS modality, quantities,
    {'text': evidence_text, 'start': evidence_start, 'end': evidence_end} AS evidence,
    confidence, trigger, coder_version, num_mentions, num_articles, num_sources, mention_ids"""


@dataclass(frozen=True, slots=True)
class ExportSummary:
    """What export_events() wrote: `rows` deduplicated events in `fmt` to `path`."""

    fmt: str
    path: Path
    rows: int

    def line(self) -> str:
        return f"exported {self.rows} events ({self.fmt}) to {self.path}"


def export_query(fmt: str) -> str:
    """The SELECT whose rows make the `fmt` export, in export order (undated events last)."""
    if fmt not in EXPORT_FORMATS:
        raise InputError(f"format: expected one of {', '.join(EXPORT_FORMATS)}, found {fmt!r}")
    if fmt == "plover":
        return EXPORT_EVENTS + PLOVER_SELECT + ORDER
    columns = ", ".join(
        f'CAST(({column.sql}) AS {column.type}) AS "{column.name}"' for column in TABLE_COLUMNS[fmt]
    )
    return f"{EXPORT_EVENTS} SELECT {columns}{ORDER}"


def export_events(connection: duckdb.DuckDBPyConnection, output: str | Path, *, fmt: str) -> ExportSummary:
    """Write every deduplicated event of `connection` (see analytics.open_source) to `output` in `fmt`.

    An existing file at `output` is replaced; its folder must exist.
    """
    query, path = export_query(fmt), Path(output)
    if not path.parent.is_dir():
        raise InputError(f"{path}: output folder {path.parent} does not exist")
    if path.is_dir():
        raise InputError(f"{path}: output: expected a file path, found a folder")
    try:
        result = connection.execute(f"COPY ({query}) TO $path ({COPY_OPTIONS[fmt]})", {"path": str(path)})
        row = result.fetchone()
    except duckdb.Error as error:
        raise StoreError(f"{path}: cannot export {fmt}: {str(error).strip()}") from error
    return ExportSummary(fmt, path, int(row[0]) if row else 0)


def column_types(fmt: str) -> dict[str, str]:
    """Column → DuckDB type of a tabular export (polecat, gdelt, csv, parquet), to read text back typed."""
    if fmt not in TABLE_COLUMNS:
        raise InputError(f"format: expected one of {', '.join(TABLE_COLUMNS)}, found {fmt!r}")
    return {column.name: column.type for column in TABLE_COLUMNS[fmt]}
