"""Exports of events: the line formats of `legation code` / `legation events` (JSONL, CSV, table) and the
standard file formats of `legation export` (PLOVER JSONL, POLECAT- and GDELT-style TSV, CSV, Parquet)."""

from legation.export.files import EXPORT_FORMATS, ExportSummary, column_types, export_events
from legation.export.lines import CSV_COLUMNS, FORMATS, flat_row, render, to_csv, to_jsonl, to_table

__all__ = [
    "CSV_COLUMNS", "EXPORT_FORMATS", "FORMATS", "ExportSummary", "column_types", "export_events", "flat_row",
    "render", "to_csv", "to_jsonl", "to_table",
]  # fmt: skip
