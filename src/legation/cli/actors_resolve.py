"""`legation actors resolve TEXT`: every actor mention of a text with its resolution (a thin call to the
resolver)."""

from __future__ import annotations

import json
from datetime import date

import click

from legation.cli.actors import actors
from legation.cli.core import _iso_date, _settings
from legation.model import ActorRef

COLUMNS = ("text", "name", "title", "country", "sector", "resolved_by", "confidence")


@actors.command(name="resolve")
@click.argument("text")
@click.option(
    "--date", "published", callback=_iso_date, help="Article date (YYYY-MM-DD) for dated knowledge."
)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
@click.pass_context
def resolve_command(ctx: click.Context, text: str, published: date | None, fmt: str) -> None:
    """List each actor mention of TEXT: span, name, title, country, sector, how it was resolved, confidence.

    Example: legation actors resolve "Moroccan FM Nasser Bourita met Kazakhstan's foreign minister."
    """
    from legation.actors.mentions import text_mentions
    from legation.pipeline import build_pipeline

    found = text_mentions(build_pipeline(_settings(ctx)), text, published=published)
    for line in _jsonl(found) if fmt == "jsonl" else _table(found):
        click.echo(line)


def _jsonl(found: list[ActorRef]) -> list[str]:
    return [
        json.dumps({**actor.to_dict(), "start": actor.start, "end": actor.end}, ensure_ascii=False)
        for actor in found
    ]


def _table(found: list[ActorRef]) -> list[str]:
    rows = [
        (
            f"{actor.start}-{actor.end}",
            actor.text,
            actor.name or "-",
            actor.title or "-",
            actor.country or "-",
            actor.sector or "-",
            actor.resolved_by or "-",
            f"{actor.confidence:.2f}",
        )
        for actor in found
    ]
    header = ("span", *COLUMNS)
    widths = [max(len(row[column]) for row in (header, *rows)) for column in range(len(header))]
    return (
        [
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
            for row in (header, *rows)
        ]
        if rows
        else ["no actor mentions"]
    )
