"""The web application: create_app(db) → FastAPI with the JSON API under /api, the dashboard at / and the
OpenAPI page at /docs (assets served locally). No global app: each call builds its own, with its limits."""

from __future__ import annotations

import math
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from legation.errors import InputError, LegationError, StoreError
from legation.lexicons.world import World
from legation.pipeline import Pipeline, build_pipeline
from legation.settings import Settings, load_settings
from legation.web.context import AppContext, PipelineHolder, known_names
from legation.web.database import Database
from legation.web.limits import ApiLimits, TokenBucket
from legation.web.routes import read_router
from legation.web.writes import write_router

CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none';"
    " base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
# Swagger UI sets inline styles on its elements; the docs page alone allows them (still no remote source).
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def static_dir() -> Path:
    return Path(str(resources.files("legation.web").joinpath("static")))


def create_app(
    db: str | Path,
    *,
    token: str | None = None,
    limits: ApiLimits | None = None,
    settings: Settings | None = None,
    pipeline: Pipeline | None = None,
) -> FastAPI:
    """The API and dashboard over the store at `db`. `token` enables POST /api/articles (Bearer auth);
    `pipeline` (else one built from `settings` on the first write) codes posted articles."""
    database = Database(db)
    if not (token and database.path.parent.is_dir() and not database.path.exists()):
        database.check()  # a missing file is only created by a write, when writes are on
    chosen = settings or load_settings()
    context = AppContext(
        database=database,
        limits=limits or ApiLimits(),
        token=token or None,
        pipelines=PipelineHolder(lambda: build_pipeline(chosen), pipeline),
        names=known_names(World.load()),
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        database.close()

    app = FastAPI(
        title="legation",
        summary="Political event data: who did what to whom, when",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.context = context
    _add_middleware(app, context)
    _add_error_handlers(app)
    app.include_router(read_router(context))
    app.include_router(write_router(context))
    _add_pages(app)
    return app


def _add_middleware(app: FastAPI, context: AppContext) -> None:
    limits = context.limits
    bucket = TokenBucket(limits.rate, limits.burst, max_clients=limits.max_clients) if limits.rate else None

    @app.middleware("http")
    async def guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        client = request.client.host if request.client else "unknown"
        if bucket is not None and request.url.path.startswith("/api/") and not bucket.take(client):
            wait = math.ceil(bucket.retry_after(client))
            response: Response = _error(429, f"too many requests: at most {limits.rate}/s; retry in {wait} s")
            response.headers["Retry-After"] = str(wait)
        else:
            response = await call_next(request)
        response.headers.update(HEADERS)
        docs = request.url.path == "/docs"
        response.headers["Content-Security-Policy"] = DOCS_CSP if docs else CSP
        return response

    if limits.cors_origins:  # off by default: no CORS header is ever sent unless origins are configured
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=list(limits.cors_origins), allow_methods=["GET"])


def _error(status: int, message: str, errors: list[Any] | None = None) -> JSONResponse:
    """The one error shape of the API."""
    return JSONResponse(
        {"ok": False, "error": message, "errors": errors or [message], "status": status}, status_code=status
    )


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, error: StarletteHTTPException) -> JSONResponse:
        detail = error.detail if isinstance(error.detail, str) else "request failed"
        return _error(
            error.status_code, detail if error.status_code != 404 or detail != "Not Found" else "not found"
        )

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_request: Request, error: RequestValidationError) -> JSONResponse:
        errors = [
            f"{'.'.join(str(part) for part in item['loc'][1:])}: {item['msg']}" for item in error.errors()
        ]
        return _error(400, "; ".join(errors), errors)

    @app.exception_handler(LegationError)
    async def legation_error(_request: Request, error: LegationError) -> JSONResponse:
        status = 400 if isinstance(error, InputError) else 503 if isinstance(error, StoreError) else 500
        return _error(status, str(error))


def _add_pages(app: FastAPI) -> None:
    import fastapi_offline  # bundles Swagger UI 5 (OpenAPI 3.1), served from here instead of a CDN

    folder = static_dir()
    swagger = Path(fastapi_offline.__file__).parent / "static"

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(folder / "index.html", media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(folder / "docs.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=folder), name="static")
    app.mount("/docs-assets", StaticFiles(directory=swagger), name="docs-assets")
