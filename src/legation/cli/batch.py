"""`legation batch` (code many articles into a Parquet folder, locally or on Dask) and `legation load` (into
the store)."""

from __future__ import annotations

import logging

import click

from legation.cli.core import _echo_lines, _settings, main


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--out", required=True, type=click.Path(file_okay=False), help="Output folder (created if needed)."
)
@click.option("--engine", type=click.Choice(["local", "dask"]), default="dask", show_default=True)
@click.option("--scheduler", help="Address of a running Dask scheduler (default: start a LocalCluster).")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="LocalCluster worker processes (one thread each).",
)
@click.option(
    "--shard-size", type=click.IntRange(min=1), default=250, show_default=True, help="Records per shard."
)
@click.option("--limit", type=click.IntRange(min=1), help="Only the first N records (JSONL lines or files).")
@click.pass_context
def batch(
    ctx: click.Context,
    paths: tuple[str, ...],
    out: str,
    engine: str,
    scheduler: str | None,
    workers: int,
    shard_size: int,
    limit: int | None,
) -> None:
    """Code articles shard by shard into OUT (Parquet); a rerun finishes what a crash left undone.

    Example: legation batch ../shared/corpus/reuters-2010.jsonl.xz --out runs/reuters --workers 2
    """
    from legation.batch import Progress, run_batch

    if scheduler is not None and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    if not logging.getLogger().isEnabledFor(logging.INFO):
        logging.getLogger("distributed").setLevel(logging.WARNING)  # Dask logs each start and stop at INFO

    def report(progress: Progress) -> None:
        click.echo(
            f"shards {progress.done}/{progress.total} done, {progress.articles} articles coded, "
            f"{progress.rate:.1f} articles/s",
            err=True,
        )

    summary = run_batch(
        paths,
        out=out,
        settings=_settings(ctx),
        engine=engine,
        workers=workers,
        scheduler=scheduler,
        shard_size=shard_size,
        limit=limit,
        progress=report,
    )
    _echo_lines(summary.lines())


@main.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@click.option("--db", type=click.Path(dir_okay=False), help="DuckDB file (default legation.duckdb).")
@click.pass_context
def load(ctx: click.Context, folder: str, db: str | None) -> None:
    """Bring a `legation batch` output folder into the event store; loading twice changes nothing.

    Example: legation load runs/reuters --db legation.duckdb
    """
    from legation.batch import load_batch

    click.echo(load_batch(folder, db=_settings(ctx, db=db).db).line())
