"""The FastAPI application over one output folder."""

from __future__ import annotations

import json
import secrets
import tempfile
import threading
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from storyline.codec import article_to_dict
from storyline.engine import Engine
from storyline.pipeline import RunSettings
from storyline.report import render_report

DEFAULT_MAX_BODY = 2 * 1024 * 1024
ARTICLE_FIELDS = {"id", "url", "source", "title", "published", "lang", "text", "html"}


def create_app(
    out_dir: str | Path,
    token: str | None = None,
    max_body: int = DEFAULT_MAX_BODY,
    settings: RunSettings | None = None,
) -> FastAPI:
    """The app serving the stories stored in ``out_dir``."""
    folder = Path(out_dir)
    write_lock = threading.Lock()
    app = FastAPI(
        title="storyline",
        summary="Stories from news articles: provenance, facts, quotes and claims.",
        version="1",
    )

    def load() -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
        # One engine per request: SQLite connections must not cross the server's threads.
        with Engine(folder, settings=settings) as engine:
            stories = list(engine.story_documents())
            wanted = {a["id"] for s in stories for a in s["articles"]}
            articles = {a.id: article_to_dict(a) for a in engine.articles() if a.id in wanted}
        return stories, articles

    def find(stories: list[dict[str, Any]], story_id: str) -> dict[str, Any]:
        for story in stories:
            if story["id"] == story_id:
                return story
        raise HTTPException(404, f"no story {story_id!r}")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> str:
        stories, articles = load()
        return render_report(stories, articles, story_link="/stories/{id}", sections=False)

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(story_id: str) -> str:
        stories, articles = load()
        return render_report([find(stories, story_id)], articles)

    @app.get("/api/stories")
    def list_stories(
        q: str | None = Query(None, description="words that must occur in the headline"),
        lang: str | None = Query(None, description="ISO 639-1 code a member must have"),
        date_from: str | None = Query(None, alias="from", description="ISO date, inclusive"),
        date_to: str | None = Query(None, alias="to", description="ISO date, inclusive"),
        limit: int = Query(50, ge=1, le=1000),
        offset: int = Query(0, ge=0),
    ) -> dict[str, Any]:
        """Stories, largest first, filtered by text, language and date range."""
        stories, _ = load()
        words = (q or "").casefold().split()
        chosen = [
            s
            for s in stories
            if all(w in s["headline"].casefold() for w in words)
            and (lang is None or lang in s["languages"])
            and (date_from is None or (s["last_time"] or "") >= date_from)
            and (date_to is None or (s["first_time"] or "9999") <= date_to)
        ]
        return {
            "total": len(chosen),
            "stories": [_summary(s) for s in chosen[offset : offset + limit]],
        }

    @app.get("/api/stories/{story_id}")
    def get_story(story_id: str) -> dict[str, Any]:
        """One story with its articles, relations, facts, quotes and claims."""
        stories, articles = load()
        story = find(stories, story_id)
        members = [articles[a["id"]] for a in story["articles"] if a["id"] in articles]
        return {**story, "article_records": members}

    @app.get("/api/articles/{article_id}")
    def get_article(article_id: str) -> dict[str, Any]:
        """One cleaned article as articles.jsonl has it."""
        with Engine(folder, settings=settings) as engine:
            article = engine.store.article(article_id)
        if article is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return article_to_dict(article)

    @app.post("/api/articles", status_code=201)
    async def add_articles(request: Request) -> dict[str, Any]:
        """Add one article or a list (same fields as a JSONL input line) and regroup."""
        _authorise(request.headers.get("authorization"), token)
        body = await _read_limited(request, max_body)
        records = _parse_records(body)
        with write_lock, tempfile.TemporaryDirectory(dir=folder) as incoming:
            path = Path(incoming) / "posted.jsonl"
            path.write_text(
                "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8"
            )
            with Engine(folder, settings=settings) as engine:
                result = engine.add([path])
                engine.export()
        return {
            "added": result.added,
            "skipped": result.skipped,
            "rejected": [{"id": r.id, "reason": r.reason} for r in result.rejected],
            "stories": result.stories,
        }

    return app


def _summary(story: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": story["id"],
        "headline": story["headline"],
        "languages": story["languages"],
        "articles": len(story["articles"]),
        "independent_origins": story.get("independent_origins"),
        "first_time": story["first_time"],
        "last_time": story["last_time"],
    }


def _authorise(header: str | None, token: str | None) -> None:
    if not token:
        raise HTTPException(403, "writing is off: start the server with --token or STORYLINE_TOKEN")
    if not header or not header.lower().startswith("bearer "):
        raise HTTPException(
            401, "send Authorization: Bearer <token>", {"WWW-Authenticate": "Bearer"}
        )
    if not secrets.compare_digest(header[7:].strip().encode(), token.encode()):
        raise HTTPException(403, "wrong token")


async def _read_limited(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"request body over {limit} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise HTTPException(413, f"request body over {limit} bytes")
    return bytes(body)


def _parse_records(body: bytes) -> list[dict[str, Any]]:
    try:
        parsed = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise HTTPException(400, f"the body is not JSON: {error}") from None
    records = parsed if isinstance(parsed, list) else [parsed]
    if not records:
        raise HTTPException(422, "no article in the body")
    for index, record in enumerate(records):
        if not isinstance(record, dict):
            raise HTTPException(422, f"item {index} is not a JSON object")
        if not (record.get("text") or record.get("html")):
            raise HTTPException(422, f"item {index} has neither 'text' nor 'html'")
        unknown = set(record) - ARTICLE_FIELDS
        if unknown:
            raise HTTPException(422, f"item {index} has unknown fields: {sorted(unknown)}")
    return records
