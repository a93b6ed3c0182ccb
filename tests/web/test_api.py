"""The REST API through httpx's ASGI transport (no server): every endpoint, good and bad input."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import httpx
import pytest

import storyline
from storyline.web import create_app

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "seeds"
TOKEN = "s3cret-token"
SETTINGS = storyline.RunSettings(embedder="hashing", workers=1)


@pytest.fixture(scope="module")
def seeds_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("web-seeds")
    storyline.run([SEEDS], out=out)
    return out


def call(
    out: Path, method: str, url: str, token: str | None = TOKEN, **kwargs: Any
) -> httpx.Response:
    app = create_app(out, token=token, max_body=4096, settings=SETTINGS)

    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await client.request(method, url, **kwargs)

    return asyncio.run(go())


def test_list_search_and_filter_stories(seeds_dir: Path) -> None:
    listed = call(seeds_dir, "GET", "/api/stories").json()
    assert listed["total"] == len(listed["stories"]) >= 2
    taliban = call(seeds_dir, "GET", "/api/stories", params={"q": "taliban"}).json()
    assert taliban["total"] >= 1
    assert all("taliban" in s["headline"].lower() for s in taliban["stories"])
    german = call(seeds_dir, "GET", "/api/stories", params={"lang": "de"}).json()
    assert all("de" in s["languages"] for s in german["stories"]) and german["total"] >= 1
    in_2021 = call(
        seeds_dir, "GET", "/api/stories", params={"from": "2021-01-01", "to": "2021-12-31"}
    )
    assert [s["first_time"] for s in in_2021.json()["stories"]] == ["2021-08-15"]
    assert call(seeds_dir, "GET", "/api/stories", params={"limit": 0}).status_code == 422


def test_one_story_carries_articles_relations_facts_quotes_claims(seeds_dir: Path) -> None:
    first = call(seeds_dir, "GET", "/api/stories").json()["stories"][0]
    story = call(seeds_dir, "GET", f"/api/stories/{first['id']}").json()
    for key in (
        "articles",
        "relations",
        "facts",
        "quotes",
        "claims",
        "original",
        "article_records",
    ):
        assert key in story
    assert {a["id"] for a in story["article_records"]} == {a["id"] for a in story["articles"]}
    assert call(seeds_dir, "GET", "/api/stories/s-missing").status_code == 404


def test_one_article(seeds_dir: Path) -> None:
    article = call(seeds_dir, "GET", "/api/articles/003_f07694c2c2caf22c").json()
    assert article["lang"] == "en" and "Peskov" in article["text"]
    assert call(seeds_dir, "GET", "/api/articles/nope").status_code == 404


def test_pages_and_openapi(seeds_dir: Path) -> None:
    index = call(seeds_dir, "GET", "/")
    assert index.status_code == 200 and "/stories/s-" in index.text
    story_id = call(seeds_dir, "GET", "/api/stories").json()["stories"][0]["id"]
    page = call(seeds_dir, "GET", f"/stories/{story_id}")
    assert page.status_code == 200 and "provenance-tree" in page.text
    assert "1 story ·" in page.text and "1 stories" not in page.text
    assert "2 stories ·" in index.text
    paths = call(seeds_dir, "GET", "/openapi.json").json()["paths"]
    assert {
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/articles/{article_id}",
        "/api/articles",
    } <= set(paths)


def test_posting_an_article_runs_the_pipeline(tmp_path: Path) -> None:
    storyline.run([SEEDS], out=tmp_path, settings=SETTINGS)
    record = {
        "id": "posted-1",
        "source": "Test Wire",
        "published": "2024-04-03T08:00:00+00:00",
        "text": "Kremlin spokesman Dmitry Peskov said on Wednesday Russia would keep talking to "
        "the Taliban. He said the contacts were necessary because Afghanistan is a neighbour.",
    }
    headers = {"Authorization": f"Bearer {TOKEN}"}
    response = call(tmp_path, "POST", "/api/articles", json=record, headers=headers)
    assert response.status_code == 201, response.text
    assert response.json()["added"] == 1
    assert call(tmp_path, "GET", "/api/articles/posted-1").status_code == 200
    stories = json.loads((tmp_path / "stories.json").read_text(encoding="utf-8"))["stories"]
    assert any(a["id"] == "posted-1" for s in stories for a in s["articles"])


@pytest.mark.parametrize(
    ("headers", "token", "status"),
    [
        ({}, TOKEN, 401),
        ({"Authorization": "Bearer wrong"}, TOKEN, 403),
        ({"Authorization": f"Bearer {TOKEN}"}, None, 403),
    ],
)
def test_writing_needs_the_token(
    seeds_dir: Path, headers: dict[str, str], token: str | None, status: int
) -> None:
    record = {"id": "x", "text": "Some text."}
    response = call(seeds_dir, "POST", "/api/articles", token=token, json=record, headers=headers)
    assert response.status_code == status


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        (b"{not json", 400, "not JSON"),
        (json.dumps({"id": "x", "title": "no text"}).encode(), 422, "neither 'text' nor 'html'"),
        (json.dumps([1, 2]).encode(), 422, "not a JSON object"),
        (json.dumps({"id": "x", "text": "t", "evil": 1}).encode(), 422, "unknown fields"),
        (json.dumps({"id": "x", "text": "a" * 5000}).encode(), 413, "over 4096 bytes"),
    ],
)
def test_bad_bodies_are_refused_with_a_clear_message(
    seeds_dir: Path, body: bytes, status: int, message: str
) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    response = call(seeds_dir, "POST", "/api/articles", content=body, headers=headers)
    assert response.status_code == status
    assert message in response.json()["detail"]


def test_pages_keep_hostile_article_text_inert(tmp_path: Path) -> None:
    from tests.report.test_report import HOSTILE, elements

    records = [
        {
            "id": f"hostile-{n}",
            "title": "<script>alert(1)</script>",
            "url": "javascript:x()",
            "text": HOSTILE,
        }
        for n in range(2)
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    storyline.run([path], out=tmp_path / "out", settings=SETTINGS)
    story_id = call(tmp_path / "out", "GET", "/api/stories").json()["stories"][0]["id"]
    for url in ("/", f"/stories/{story_id}"):
        html = call(tmp_path / "out", "GET", url).text
        for tag, attrs in elements(html):
            assert tag != "script"
            assert not any(name.startswith("on") for name in attrs), (tag, attrs)
            assert not (attrs.get("href") or "").lower().startswith("javascript:"), attrs
