"""`legation actors list|show|add|remove|export|import`: thin commands over legation.actors.registry."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import click

from legation.actors.phoenix import read_phoenix
from legation.actors.registry import SOURCES, ActorRegistry, RegistryEntry, make_entry, read_jsonl
from legation.cli.actors import actors
from legation.cli.core import _settings
from legation.lexicons.world import SECTOR_CODES
from legation.store.events import EventStore

DB_OPTION = click.option(
    "--db", type=click.Path(dir_okay=False), help="DuckDB file (default legation.duckdb)."
)


def _line(entry: RegistryEntry) -> str:
    dates = f" {entry.valid_from or '…'}–{entry.valid_until or '…'}" if entry.dated else ""
    where = f" from {entry.article_id} ({entry.article_date})" if entry.article_id else ""
    return (
        f"{entry.name:<32} {entry.country or '-':<4} {entry.sector or '-':<4} {entry.source:<8} "
        f"{entry.confidence:.2f}{dates}{entry.title and f' {entry.title}' or ''}{where}"
    )


@actors.command(name="list")
@DB_OPTION
@click.option("--source", type=click.Choice(SOURCES), help="Only entries from this source.")
@click.option("--country", help="Only entries of this country code (ISO3, IGO, ...).")
@click.pass_context
def list_actors(ctx: click.Context, db: str | None, source: str | None, country: str | None) -> None:
    """List the registry's entries.

    Example: legation actors list --source learned --country MAR
    """
    with EventStore(_settings(ctx, db=db).db, read_only=True) as store:
        registry = ActorRegistry().load(store)
    for entry in registry.entries(source=source, country=country.upper() if country else None):
        click.echo(_line(entry))


@actors.command()
@click.argument("name")
@DB_OPTION
@click.pass_context
def show(ctx: click.Context, name: str, db: str | None) -> None:
    """Show every entry for NAME with its provenance (JSON lines), user entries first.

    Example: legation actors show "Nasser Bourita"
    """
    with EventStore(_settings(ctx, db=db).db, read_only=True) as store:
        entries = ActorRegistry().load(store).named(name)
    if not entries:
        raise click.ClickException(f"{name!r}: not in the registry")
    for entry in entries:
        click.echo(json.dumps(entry.to_dict(), ensure_ascii=False))


@actors.command()
@click.argument("name")
@click.option("--country", required=True, help="ISO3 or a PLOVER non-state code (IGO, UNO, EUR, ...).")
@click.option("--sector", required=True, type=click.Choice(sorted(SECTOR_CODES)), help="PLOVER sector.")
@click.option("--title", help='Office or role, like "Minister of Foreign Affairs".')
@DB_OPTION
@click.pass_context
def add(ctx: click.Context, name: str, country: str, sector: str, title: str | None, db: str | None) -> None:
    """Add (or replace) a user entry: it overrides learned and imported ones.

    Example: legation actors add "Zorana Petrov" --country SRB --sector GOV --title "Foreign Minister"
    """
    entry = make_entry(name, source="user", country=country.upper(), sector=sector, title=title)
    _update(_settings(ctx, db=db).db, lambda registry: registry.add(entry))
    click.echo(f"added: {_line(entry)}")


@actors.command()
@click.argument("name")
@click.option("--source", type=click.Choice(SOURCES), help="Only entries from this source (default: all).")
@DB_OPTION
@click.pass_context
def remove(ctx: click.Context, name: str, source: str | None, db: str | None) -> None:
    """Remove the entries for NAME (a name form or a canonical name).

    Example: legation actors remove "Zorana Petrov" --source learned
    """
    removed = _update(_settings(ctx, db=db).db, lambda registry: registry.remove(name, source=source))
    if not removed:
        raise click.ClickException(f"{name!r}: not in the registry")
    click.echo(f"removed {removed} entr{'y' if removed == 1 else 'ies'}")


@actors.command(name="export")
@click.option("--output", type=click.Path(dir_okay=False), help="File to write (default: standard output).")
@DB_OPTION
@click.pass_context
def export_actors(ctx: click.Context, output: str | None, db: str | None) -> None:
    """Write every entry as JSON lines (what `actors import --format jsonl` reads back).

    Example: legation actors export --output actors.jsonl
    """
    with EventStore(_settings(ctx, db=db).db, read_only=True) as store:
        lines = [
            json.dumps(entry.to_dict(), ensure_ascii=False) for entry in ActorRegistry().load(store).entries()
        ]
    if output is None:
        for line in lines:
            click.echo(line)
    else:
        Path(output).write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        click.echo(f"exported {len(lines)} entries to {output}", err=True)


@actors.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "phoenix"]), default="jsonl", show_default=True)
@DB_OPTION
@click.pass_context
def import_actors(ctx: click.Context, file: str, fmt: str, db: str | None) -> None:
    """Import entries: a JSONL export, or a PETRARCH/Phoenix actor dictionary (dated codes honoured).

    Example: legation actors import ../shared/reference/Phoenix.Countries.actors.txt --format phoenix
    """
    problems: list[str] = []
    entries = list(read_jsonl(Path(file)) if fmt == "jsonl" else read_phoenix(file, problems=problems))
    _update(_settings(ctx, db=db).db, lambda registry: _add_all(registry, entries))
    for problem in problems:
        click.echo(f"left out: {problem}", err=True)
    click.echo(
        f"imported {len(entries)} entries from {file}"
        + (f" ({len(problems)} codes left out)" if problems else "")
    )


def _add_all(registry: ActorRegistry, entries: list[RegistryEntry]) -> int:
    for entry in entries:
        registry.add(entry)
    return len(entries)


def _update(db: str, change: Callable[[ActorRegistry], object]) -> int:
    """Load the registry, apply `change`, save it back; returns what `change` returned when it is a count."""
    with EventStore(db) as store:
        registry = ActorRegistry().load(store)
        result = change(registry)
        registry.save(store)
    return result if isinstance(result, int) else len(registry)
