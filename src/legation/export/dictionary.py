"""The data dictionary of `legation export` (docs/data-dictionary.md), written from the column lists."""

from __future__ import annotations

from legation.export.columns import FLAT_COLUMNS, GDELT_COLUMNS, POLECAT_COLUMNS, Column

# PLOVER JSONL fields beyond CONTRACT.md's event shape (which documents the rest).
PLOVER_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("event_id … coder_version", "as CONTRACT.md", "The representative mention, as a contract event."),
    ("num_mentions", "integer", "Mentions (sentences) reporting this event, across all articles."),
    ("num_articles", "integer", "Articles reporting this event."),
    ("num_sources", "integer", "Distinct sources reporting it (source, else URL host, else the article)."),
    ("mention_ids", "list of strings", "event_id of every mention in the group, in id order."),
)
SECTIONS: tuple[tuple[str, str, tuple[Column, ...]], ...] = (
    ("csv and parquet", "`--format csv` (comma-separated, header row) and `--format parquet` (typed"
     " columns).",
     FLAT_COLUMNS),
    ("polecat", "`--format polecat`: tab-separated with a header row, POLECAT's column names (empty where"
     " legation has no value), then three legation additions.", POLECAT_COLUMNS),
    ("gdelt", "`--format gdelt`: tab-separated with a header row (GDELT's own files have none), the 61"
     " columns of the GDELT 2.0 event table. Dates are GDELT's integers (YYYYMMDD).", GDELT_COLUMNS),
)  # fmt: skip
HEADER = """# Data dictionary: `legation export`

Every export holds one row (or line) per deduplicated event: mentions of the same real event share a group
(`events.group_id`) and are written once, as the group's representative mention, with counts of the mentions,
articles and sources that report it. Rows are ordered by event date (undated events last), then event id.
Types are DuckDB's: read back with DuckDB, pandas or polars, a Parquet file keeps them; for the text formats,
give the reader these types (codes such as CAMEO `042` are strings, so leading zeros stay).

This file is generated from `legation.export.columns` by `legation.export.dictionary.data_dictionary()`;
a test checks that the two agree.
"""


def data_dictionary() -> str:
    """The Markdown data dictionary: the PLOVER JSONL fields, then a table per tabular format."""
    parts = [HEADER, "## plover\n", "`--format plover`: one JSON object per line.\n", _table(PLOVER_FIELDS)]
    for title, intro, columns in SECTIONS:
        rows = tuple((f"`{column.name}`", column.type, column.meaning) for column in columns)
        parts += [f"## {title}\n", intro + "\n", _table(rows)]
    return "\n".join(parts)


def _table(rows: tuple[tuple[str, str, str], ...]) -> str:
    lines = ["| column | type | meaning |", "|---|---|---|"]
    lines += [f"| {name} | {kind} | {meaning} |" for name, kind, meaning in rows]
    return "\n".join(lines) + "\n"
