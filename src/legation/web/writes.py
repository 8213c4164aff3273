"""POST /api/articles: code text (JSON) or an uploaded file (multipart) and store it; bearer token only.

Disabled (403) when the app has no token. The body is read up to the upload limit (413 beyond it), and the
store is opened for writing only inside the handler, after every reader has finished.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.types import Message

from legation.errors import InputError
from legation.model import Article, CodedArticle, Drop
from legation.readers import read_articles
from legation.web.context import AppContext, iso_date

SAFE_NAME = re.compile(r"[^A-Za-z0-9_.-]+")
UPLOAD_SUFFIXES = (".txt", ".jsonl", ".csv", ".html", ".htm")


def write_router(context: AppContext) -> APIRouter:
    router = APIRouter(prefix="/api")

    @router.post(
        "/articles", summary="Code and store articles (JSON text or an uploaded file); needs the token"
    )
    async def post_articles(request: Request) -> dict[str, Any]:
        authorize(context.token, request.headers.get("authorization"))
        body = await read_limited(request, context.limits.max_upload_bytes)
        articles = await _articles(request, body)
        return await run_in_threadpool(_code_and_store, context, articles)

    return router


def authorize(token: str | None, header: str | None) -> None:
    """403 when writes are off (no token configured); 401 unless `header` is `Bearer <token>`."""
    if token is None:
        raise HTTPException(403, "writes are disabled: start the server with an API token to enable POST")
    scheme, _, given = (header or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(401, "authorization: expected 'Bearer <token>' with the server's API token")


async def read_limited(request: Request, limit: int) -> bytes:
    """The request body, or 413 as soon as it is longer than `limit` bytes (declared or actually sent)."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"body: expected at most {limit} bytes, found {declared}")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"body: expected at most {limit} bytes, found more")
        chunks.append(chunk)
    return b"".join(chunks)


async def _articles(request: Request, body: bytes) -> list[Article]:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json":
        return [_json_article(body)]
    if kind == "multipart/form-data":
        return await _uploaded_articles(request, body)
    raise HTTPException(
        415, f"content-type: expected application/json or multipart/form-data, found {kind!r}"
    )


def _json_article(body: bytes) -> Article:
    try:
        record = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise HTTPException(400, f"body: expected a JSON object, found invalid JSON: {error}") from error
    if not isinstance(record, dict) or not isinstance(record.get("text"), str) or not record["text"].strip():
        raise HTTPException(400, 'text: expected a non-empty string in a JSON object {"text", "title"?, ...}')
    for name in ("id", "title", "date", "url", "source"):
        if record.get(name) is not None and not isinstance(record[name], str):
            raise HTTPException(400, f"{name}: expected a string, found {type(record[name]).__name__}")
    published: date | None = iso_date(record.get("date"), "date")
    article_id = record.get("id") or "api_" + hashlib.sha256(record["text"].encode()).hexdigest()[:16]
    return Article(
        article_id=article_id,
        text=record["text"],
        title=record.get("title"),
        published=published,
        published_basis="metadata" if published else None,
        url=record.get("url"),
        source=record.get("source"),
        origin="api",
    )


async def _uploaded_articles(request: Request, body: bytes) -> list[Article]:
    async def replay() -> Message:
        return {"type": "http.request", "body": body, "more_body": False}

    form = await Request(request.scope, replay).form(max_files=1, max_fields=10)
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise HTTPException(400, "file: expected one uploaded file in the form field 'file'")
    name = SAFE_NAME.sub("_", Path(upload.filename or "upload.txt").name).lstrip(".") or "upload.txt"
    if not name.lower().endswith(UPLOAD_SUFFIXES):
        raise HTTPException(400, f"file: expected a {', '.join(UPLOAD_SUFFIXES)} file, found {name!r}")
    content = await upload.read()
    with tempfile.TemporaryDirectory(prefix="legation-upload-") as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        try:
            items = list(read_articles([path]))
        except InputError as error:
            raise HTTPException(400, f"file: {error}") from error
    articles = [item for item in items if isinstance(item, Article)]
    if not articles:
        reasons = "; ".join(f"{item.reason}: {item.detail}" for item in items if isinstance(item, Drop))
        raise HTTPException(400, f"file: no article could be read ({reasons or 'empty'})")
    return articles


def _code_and_store(context: AppContext, articles: list[Article]) -> dict[str, Any]:
    pipeline = context.pipelines.get()
    results = list(pipeline.code(articles))
    coded = [item for item in results if isinstance(item, CodedArticle)]
    skipped = [
        {"article_id": item.article_id, "reason": item.reason, "detail": item.detail}
        for item in results
        if isinstance(item, Drop)
    ]
    with context.database.writing() as store:
        summary = store.write(coded)
    return {
        "ok": True,
        "articles": [item.article.article_id for item in coded],
        "inserted": summary.inserted,
        "replaced": summary.replaced,
        "unchanged": summary.unchanged,
        "events": summary.events_written,
        "skipped": skipped,
    }
