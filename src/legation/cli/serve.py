"""`legation serve`: the JSON API, dashboard and OpenAPI page over one store, with uvicorn."""

from __future__ import annotations

import os

import click

from legation.cli.core import _settings, main


@main.command()
@click.option("--db", type=click.Path(dir_okay=False), help="DuckDB file (default legation.duckdb).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--token-env",
    default="LEGATION_API_TOKEN",
    show_default=True,
    help="Environment variable holding the token that enables POST /api/articles (unset: read-only).",
)
@click.option(
    "--rate",
    type=click.FloatRange(min=0),
    default=20.0,
    show_default=True,
    help="Requests per second and client on /api (0 turns the limit off).",
)
@click.option(
    "--cors-origin", "cors_origins", multiple=True, help="Allow this origin (CORS is off unless given)."
)
@click.pass_context
def serve(
    ctx: click.Context,
    db: str | None,
    host: str,
    port: int,
    token_env: str,
    rate: float,
    cors_origins: tuple[str, ...],
) -> None:
    """Serve the dashboard at / and the API at /api (OpenAPI page at /docs).

    Example: LEGATION_API_TOKEN=secret legation serve --db legation.duckdb --port 8000
    """
    import uvicorn

    from legation.web import ApiLimits, create_app

    settings = _settings(ctx, db=db)
    limits = ApiLimits(rate=rate or None, cors_origins=cors_origins)
    app = create_app(settings.db, token=os.environ.get(token_env) or None, limits=limits, settings=settings)
    click.echo(f"legation: serving {settings.db} on http://{host}:{port}/ (API docs at /docs)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
