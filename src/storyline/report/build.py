"""View models for the report: what each section shows, computed from the exported records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

TIMELINE_WIDTH = 640
INTERVAL_WIDTH = 220
KIND_COLOURS = {
    "original": "#1b5e20",
    "copy": "#90a4ae",
    "rewrite": "#ef6c00",
    "translation": "#1565c0",
    "independent": "#6a1b9a",
}

_environment = Environment(
    loader=PackageLoader("storyline.report", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


@dataclass
class TreeNode:
    article: str
    kind: str
    confidence: float | None
    title: str
    children: list[TreeNode] = field(default_factory=list)


def render_report(
    stories: Sequence[Mapping[str, Any]],
    articles: Mapping[str, Mapping[str, Any]],
    story_link: str = "#{id}",
    sections: bool = True,
) -> str:
    """The report as one HTML document: the story list, and each story's sections unless
    ``sections`` is False. ``story_link`` is where a story's row points (``{id}`` is replaced)."""
    views = [story_view(story, articles) if sections else _row(story) for story in stories]
    for view in views:
        view["link"] = story_link.replace("{id}", view["id"])
    return _environment.get_template("report.html.j2").render(
        stories=views,
        sections=sections,
        colours=KIND_COLOURS,
        generated=dt.date.today().isoformat(),
    )


def _row(story: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": story["id"],
        "headline": story["headline"],
        "languages": story["languages"],
        "count": len(story["articles"]),
        "independent_origins": story.get("independent_origins"),
        "span": _span(story),
    }


def story_view(
    story: Mapping[str, Any], articles: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any]:
    """Everything the report shows for one story."""
    members = [a["id"] for a in story["articles"]]
    kinds = {r["article"]: r["kind"] for r in story.get("relations", [])}
    if story.get("original"):
        kinds[story["original"]] = "original"
    cited = _cited_sentences(story)
    return {
        "id": story["id"],
        "headline": story["headline"],
        "languages": story["languages"],
        "count": len(members),
        "independent_origins": story.get("independent_origins"),
        "span": _span(story),
        "original": story.get("original"),
        "original_reason": story.get("original_reason", ""),
        "traced": "relations" in story,
        "compared": "facts" in story,
        "timeline": _timeline(members, articles, kinds),
        "tree": _tree(story, members, articles),
        "facts": [_fact_view(fact) for fact in story.get("facts", [])],
        "statements": _statements(story.get("quotes", [])),
        "single_source": [c for c in story.get("claims", []) if c["status"] == "single-source"],
        "contested": [c for c in story.get("claims", []) if c["status"] == "contested"],
        "corroborated": [c for c in story.get("claims", []) if c["status"] == "corroborated"],
        "articles": [
            _article_view(articles[a], kinds.get(a, ""), cited.get(a, set()))
            for a in members
            if a in articles
        ],
    }


def _span(story: Mapping[str, Any]) -> str:
    first, last = story.get("first_time"), story.get("last_time")
    if not first:
        return "undated"
    return first if not last or last == first else f"{first} – {last}"


def _time(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def _timeline(
    members: Sequence[str], articles: Mapping[str, Mapping[str, Any]], kinds: Mapping[str, str]
) -> dict[str, Any]:
    dated = [(a, _time(articles[a].get("published"))) for a in members if a in articles]
    points = [(a, t) for a, t in dated if t is not None]
    undated = [a for a, t in dated if t is None]
    if not points:
        return {"points": [], "undated": undated, "width": TIMELINE_WIDTH, "start": "", "end": ""}
    start, end = min(t for _, t in points), max(t for _, t in points)
    total = (end - start).total_seconds() or 1.0
    placed = []
    for row, (article, moment) in enumerate(sorted(points, key=lambda p: p[1])):
        x = 20 + (TIMELINE_WIDTH - 40) * (moment - start).total_seconds() / total
        placed.append(
            {
                "article": article,
                "x": round(x, 1),
                "y": 18 + 16 * (row % 4),
                "when": moment.isoformat(timespec="minutes"),
                "colour": KIND_COLOURS.get(kinds.get(article, ""), "#455a64"),
            }
        )
    return {
        "points": placed,
        "undated": undated,
        "width": TIMELINE_WIDTH,
        "start": start.isoformat(timespec="minutes"),
        "end": end.isoformat(timespec="minutes"),
    }


def _tree(
    story: Mapping[str, Any], members: Sequence[str], articles: Mapping[str, Mapping[str, Any]]
) -> list[TreeNode]:
    def title(article: str) -> str:
        record = articles.get(article, {})
        return str(record.get("title") or record.get("source") or "")

    children: dict[str, list[Mapping[str, Any]]] = {}
    roots: list[TreeNode] = []
    for relation in story.get("relations", []):
        if relation["kind"] == "independent":
            roots.append(
                TreeNode(
                    relation["article"],
                    "independent",
                    relation["confidence"],
                    title(relation["article"]),
                )
            )
        else:
            children.setdefault(relation["of"], []).append(relation)
    linked = {r["article"] for r in story.get("relations", [])}
    original = story.get("original")
    top = [TreeNode(original, "original", None, title(original))] if original else []
    top += [
        TreeNode(a, "unlinked", None, title(a))
        for a in members
        if a not in linked and a != original
    ]
    seen: set[str] = set()

    def grow(node: TreeNode) -> TreeNode:
        seen.add(node.article)
        for relation in children.get(node.article, []):
            if relation["article"] not in seen:
                node.children.append(
                    grow(
                        TreeNode(
                            relation["article"],
                            relation["kind"],
                            relation["confidence"],
                            title(relation["article"]),
                        )
                    )
                )
        return node

    return [grow(node) for node in [*top, *roots]]


def _fact_view(fact: Mapping[str, Any]) -> dict[str, Any]:
    bounds = [b for v in fact["values"] for b in (v["low"], v["high"]) if b is not None]
    low, high = (min(bounds), max(bounds)) if bounds else (0.0, 1.0)
    pad = (high - low) * 0.15 or max(abs(high) * 0.15, 1.0)
    low, high = low - pad, high + pad

    def x(value: float | None, default: float) -> float:
        if value is None:
            return default
        return round(INTERVAL_WIDTH * (value - low) / (high - low), 1)

    values = []
    for value in fact["values"]:
        left, right = x(value["low"], 0.0), x(value["high"], INTERVAL_WIDTH)
        values.append(
            {
                **value,
                "bar_x": left,
                "bar_width": max(right - left, 3.0),
                "interval": _interval(value["low"], value["high"]),
            }
        )
    conflicting = {a for pair in fact.get("conflicting", []) for a in pair}
    return {**fact, "values": values, "conflicting_articles": conflicting, "width": INTERVAL_WIDTH}


def _interval(low: float | None, high: float | None) -> str:
    def show(value: float) -> str:
        return f"{value:g}"

    if low is not None and high is not None and low == high:
        return show(low)
    left = f"[{show(low)}" if low is not None else "(−∞"
    right = f"{show(high)}]" if high is not None else "∞)"
    return f"{left}, {right}"


def _statements(quotes: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    grouped: dict[int, list[Mapping[str, Any]]] = {}
    for quote in quotes:
        grouped.setdefault(int(quote["statement"]), []).append(quote)
    return [
        {
            "speaker": rows[0]["speaker"],
            "misattributed": rows[0]["misattributed"],
            "occurrences": rows,
        }
        for _, rows in sorted(grouped.items())
    ]


def _cited_sentences(story: Mapping[str, Any]) -> dict[str, set[int]]:
    cited: dict[str, set[int]] = {}
    for fact in story.get("facts", []):
        for value in fact["values"]:
            cited.setdefault(value["article"], set()).add(value["sentence"])
    for quote in story.get("quotes", []):
        cited.setdefault(quote["article"], set()).add(quote["sentence"])
    for claim in story.get("claims", []):
        for support in claim["support"]:
            cited.setdefault(support["article"], set()).add(support["sentence"])
    return cited


def _article_view(article: Mapping[str, Any], kind: str, cited: set[int]) -> dict[str, Any]:
    text: str = article["text"]
    segments: list[dict[str, Any]] = []
    position = 0
    for index, (start, end) in enumerate(article.get("sentences", [])):
        if start > position:
            segments.append({"text": text[position:start], "cited": False})
        segments.append({"text": text[start:end], "cited": index in cited, "sentence": index})
        position = max(position, end)
    if position < len(text):
        segments.append({"text": text[position:], "cited": False})
    url = article.get("url") or ""
    return {
        "id": article["id"],
        "kind": kind,
        "title": article.get("title") or "",
        "source": article.get("source") or "",
        "url": url if url.startswith(("http://", "https://")) else "",
        "published": article.get("published") or "undated",
        "lang": article.get("lang", ""),
        "segments": segments,
        "removed": article.get("removed", []),
    }
