"""The HTML report: self-contained, every section present for the seeds, article text inert."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

import storyline
from storyline.cli import app

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "seeds"
HOSTILE = (
    'Breaking: the council voted <script>alert("x")</script> on Monday.\n'
    '<img src=x onerror="alert(1)"> The mayor said "we will rebuild".\n'
    '<a href="javascript:alert(2)">read more</a>'
)


class Elements(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Elements()
    parser.feed(html)
    return parser.tags


@pytest.fixture(scope="module")
def seeds_report(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("seeds-report")
    storyline.run([SEEDS], out=out)
    result = CliRunner().invoke(app, ["report", str(out), "--out", str(out / "r.html")])
    assert result.exit_code == 0, result.output
    return (out / "r.html").read_text(encoding="utf-8")


def test_the_report_loads_nothing_from_the_network(seeds_report: str) -> None:
    for tag, attrs in elements(seeds_report):
        assert tag not in {"script", "link", "iframe", "img"}, tag
        for name in ("src", "href"):
            value = attrs.get(name) or ""
            assert not value.startswith(("http:", "https:", "//")) or tag == "a", (tag, value)


def test_every_section_is_there_for_the_seeds(seeds_report: str) -> None:
    for marker in (
        'id="story-list"',
        'class="timeline"',
        "provenance-tree",
        'class="fact-table"',
        "verdict-compatible",
        "at least 144",
        "Peskov",
        "Single-source claims",
        "<mark",
        "removed lines",
    ):
        assert marker in seeds_report, marker


def test_text_from_articles_is_never_live(tmp_path: Path) -> None:
    record = {
        "id": "hostile",
        "url": "javascript:alert(3)",
        "title": '<script>alert("t")</script>',
        "source": "<b onmouseover=alert(4)>",
        "text": HOSTILE,
    }
    twin = {**record, "id": "hostile-copy"}
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(record) + "\n" + json.dumps(twin) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    storyline.run([path], out=out, settings=storyline.RunSettings(embedder="hashing"))
    assert CliRunner().invoke(app, ["report", str(out)]).exit_code == 0
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;" in html
    for tag, attrs in elements(html):
        assert tag != "script"
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert not (attrs.get("href") or "").lower().startswith("javascript:"), attrs


def test_report_without_a_run_is_a_usage_error(tmp_path: Path) -> None:
    assert CliRunner().invoke(app, ["report", str(tmp_path)]).exit_code == 2
