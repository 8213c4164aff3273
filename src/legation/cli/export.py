"""`legation export`: every deduplicated event of a store or Parquet folder to one standard file format."""

from __future__ import annotations

import click

from legation.cli.core import _settings, main
from legation.export.files import EXPORT_FORMATS


@main.command(name="export")
@click.option("--db", type=click.Path(), help="DuckDB store or Parquet folder (default legation.duckdb).")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True, help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), required=True, help="File to (over)write.")
@click.pass_context
def export_command(ctx: click.Context, db: str | None, fmt: str, output: str) -> None:
    """Write deduplicated events as PLOVER JSONL, POLECAT/GDELT-style TSV, CSV or Parquet.

    Columns and types: docs/data-dictionary.md.

    Example: legation export --db legation.duckdb --format gdelt --output events.tsv
    """
    from legation.analytics import open_source
    from legation.export import export_events

    connection = open_source(_settings(ctx, db=db).db)
    try:
        summary = export_events(connection, output, fmt=fmt)
    finally:
        connection.close()
    click.echo(summary.line())
