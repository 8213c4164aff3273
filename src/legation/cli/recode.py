"""`legation recode`: code stored articles again with the current coder version, replacing their events."""

from __future__ import annotations

import click

from legation.cli.core import _echo_lines, _settings, main


@main.command()
@click.option("--db", type=click.Path(dir_okay=False), help="DuckDB file (default legation.duckdb).")
@click.option("--all", "everything", is_flag=True, help="Recode every stored article, whatever coded it.")
@click.pass_context
def recode(ctx: click.Context, db: str | None, everything: bool) -> None:
    """Code stored articles again (those coded by another coder version, or --all) and regroup their events.

    Each article's events are replaced in one transaction. Example: legation recode --db legation.duckdb
    """
    from legation.pipeline import build_pipeline
    from legation.recode import recode as run_recode
    from legation.store.events import EventStore

    settings = _settings(ctx, db=db)
    pipeline = build_pipeline(settings)
    with EventStore(settings.db) as store:
        _echo_lines(run_recode(store, pipeline, everything=everything).lines())
