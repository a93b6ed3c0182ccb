"""Assemble the labelled corpus from the hand-written event files.

Reads tests/data/corpus/events/*.json (sorted by file name) and writes, next to this script:

``articles.jsonl``  one storyline input record per article (id, source, url, title, published,
                    lang, text), sorted by id; exactly what ``storyline run`` would be fed.
``labels.json``     every label in one file: events (members, provenance relations, numeric facts,
                    quotes, claims) and per-article labels.
``README.md``       only the counts table between the ``counts`` markers is rewritten.

The output is a pure function of the event files, so running it twice gives identical bytes and
tests/corpus/test_corpus.py can check that the committed files were not edited by hand.

Usage: .venv/bin/python tests/data/corpus/build_corpus.py [--events DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

CORPUS_DIR = Path(__file__).parent
EVENTS_DIR = CORPUS_DIR / "events"
ARTICLES_FILE = "articles.jsonl"
LABELS_FILE = "labels.json"
README_FILE = "README.md"
COUNTS_START = "<!-- counts:start (written by build_corpus.py) -->"
COUNTS_END = "<!-- counts:end -->"
KINDS = ("original", "copy", "rewrite", "translation", "independent")
VERDICTS = ("agree", "compatible", "conflict", "update")
CLAIM_STATUSES = ("corroborated", "single-source", "contested")

# Scrapers record wrong declared languages (a site-wide <html lang>, a parent site's setting), so
# the language stage must treat the hint as a hint. These two articles carry a deliberately wrong
# one; every other hint matches the text. Listed in README.md.
WRONG_LANG_HINTS = {
    "E01-02": "en",  # Polish regional portal whose template declares English
    "E13-02": "sk",  # Czech text declared as Slovak, the classic neighbour confusion
}

ABOUT = (
    "Labelled multilingual test corpus for storyline: hand-written fictional news articles "
    "grouped into events (stories), with provenance relations (original, copy, rewrite, "
    "translation, independent), numeric facts, quotes and claims. Built by "
    "tests/data/corpus/build_corpus.py from tests/data/corpus/events/*.json; do not edit by hand."
)


def load_events(events_dir: Path = EVENTS_DIR) -> list[dict[str, Any]]:
    """Every event file in ``events_dir``, in file-name order."""
    return [
        json.loads(path.read_text(encoding="utf-8")) for path in sorted(events_dir.glob("*.json"))
    ]


def lang_hint(article: dict[str, Any]) -> str | None:
    """The declared language the input record carries, or None for no ``lang`` field.

    About half the articles get a hint; the choice hashes the id so it stays put when articles
    are added or removed elsewhere in the corpus.
    """
    article_id = str(article["id"])
    if article_id in WRONG_LANG_HINTS:
        return WRONG_LANG_HINTS[article_id]
    if hashlib.sha256(article_id.encode("utf-8")).digest()[0] % 2 == 0:
        return str(article["lang"])
    return None


def input_record(article: dict[str, Any]) -> dict[str, str]:
    """The article as a storyline input record (field order fixed for stable bytes)."""
    record = {
        "id": article["id"],
        "source": article["source"],
        "url": article["url"],
        "title": article["title"],
    }
    if article.get("published") is not None:
        record["published"] = article["published"]
    hint = lang_hint(article)
    if hint is not None:
        record["lang"] = hint
    record["text"] = article["text"]
    return record


def _original_id(event: dict[str, Any]) -> str | None:
    originals = [a["id"] for a in event["articles"] if a["kind"] == "original"]
    return originals[0] if len(originals) == 1 else None


def event_labels(event: dict[str, Any]) -> dict[str, Any]:
    original = _original_id(event)
    relations = [
        {
            "article": article["id"],
            # an independent report derives from nothing, but it reports the same event as the
            # original, which is the pair a provenance benchmark scores
            "of": original if article["kind"] == "independent" else article["of"],
            "kind": article["kind"],
        }
        for article in event["articles"]
        if article["id"] != original
    ]
    return {
        "event": event["event"],
        "summary": event["summary"],
        "topic": event["topic"],
        "date": event["date"],
        "distractor_of": event["distractor_of"],
        "articles": [article["id"] for article in event["articles"]],
        "original": original,
        "relations": relations,
        "numeric_facts": event.get("numeric_facts", []),
        "quotes": event.get("quotes", []),
        "claims": event.get("claims", []),
    }


def article_labels(event: dict[str, Any], article: dict[str, Any]) -> dict[str, Any]:
    return {
        "event": event["event"],
        "lang": article["lang"],
        "lang_hint": lang_hint(article),
        "kind": article["kind"],
        "of": article["of"],
        "published": article.get("published"),
        "has_chrome": bool(article.get("has_chrome", False)),
        "added_claims": article.get("added_claims", []),
        "credits": article.get("credits", []),
    }


def render(events: list[dict[str, Any]]) -> tuple[str, str]:
    """The contents of articles.jsonl and labels.json for ``events``."""
    pairs = sorted(
        ((event, article) for event in events for article in event["articles"]),
        key=lambda pair: str(pair[1]["id"]),
    )
    articles_jsonl = "".join(
        json.dumps(input_record(article), ensure_ascii=False) + "\n" for _, article in pairs
    )
    labels = {
        "about": ABOUT,
        "events": [event_labels(event) for event in events],
        "articles": {article["id"]: article_labels(event, article) for event, article in pairs},
    }
    labels_json = json.dumps(labels, ensure_ascii=False, indent=2) + "\n"
    return articles_jsonl, labels_json


def _table(header: tuple[str, str], rows: list[tuple[str, object]]) -> list[str]:
    lines = [f"| {header[0]} | {header[1]} |", "|---|---:|"]
    lines.extend(f"| {name} | {value} |" for name, value in rows)
    return [*lines, ""]


def counts_markdown(events: list[dict[str, Any]]) -> str:
    """The README's counts tables, computed from the event files."""
    articles = [article for event in events for article in event["articles"]]
    undated = sum(article.get("published") is None for article in articles)
    hints = [(article, lang_hint(article)) for article in articles]
    facts = [fact for event in events for fact in event.get("numeric_facts", [])]
    quotes = [quote for event in events for quote in event.get("quotes", [])]
    claims = [claim for event in events for claim in event.get("claims", [])]
    stories = [e for e in events if len(e["articles"]) >= 3 and e["distractor_of"] is None]
    distractors = [e for e in events if e["distractor_of"] is not None]
    verdicts = Counter(fact["verdict"] for fact in facts)
    statuses = Counter(claim["status"] for claim in claims)
    kinds = Counter(article["kind"] for article in articles)
    languages = Counter(article["lang"] for article in articles)
    lines = _table(
        ("Events", "count"),
        [
            ("all events", len(events)),
            ("stories (3+ articles, not a distractor)", len(stories)),
            ("same-topic distractors", len(distractors)),
            ("singletons (1 article)", sum(len(e["articles"]) == 1 for e in events)),
        ],
    )
    lines += _table(
        ("Articles", "count"),
        [
            ("all articles", len(articles)),
            ("without published date", f"{undated} ({100 * undated / len(articles):.0f} %)"),
            ("with page chrome (`has_chrome`)", sum(bool(a.get("has_chrome")) for a in articles)),
            ("with a `lang` hint", sum(hint is not None for _, hint in hints)),
            ("with a wrong `lang` hint", sum(h not in (None, a["lang"]) for a, h in hints)),
            *((f"kind {kind}", kinds[kind]) for kind in KINDS),
        ],
    )
    lines += _table(
        ("Language", "articles"),
        [(f"`{lang}`", count) for lang, count in sorted(languages.items())],
    )
    lines += _table(
        ("Labels", "count"),
        [
            *((f"numeric facts: {verdict}", verdicts[verdict]) for verdict in VERDICTS),
            ("conflicting article pairs", sum(len(fact["conflicting"]) for fact in facts)),
            ("quotes", len(quotes)),
            ("misattributed quotes", sum(bool(quote["misattributed"]) for quote in quotes)),
            *((f"claims: {status}", statuses[status]) for status in CLAIM_STATUSES),
            ("rewrite-added claims", sum(len(a.get("added_claims", [])) for a in articles)),
        ],
    )
    return "\n".join(lines)


def update_readme(readme: Path, events: list[dict[str, Any]]) -> None:
    """Replace the counts block of ``readme`` so the numbers follow the event files."""
    text = readme.read_text(encoding="utf-8")
    before, found, rest = text.partition(COUNTS_START)
    _, found_end, after = rest.partition(COUNTS_END)
    if not (found and found_end):
        raise ValueError(f"{readme} lacks the {COUNTS_START} ... {COUNTS_END} block")
    block = f"{COUNTS_START}\n{counts_markdown(events)}{COUNTS_END}"
    with readme.open("w", encoding="utf-8", newline="") as handle:
        handle.write(before + block + after)


def write_corpus(events_dir: Path = EVENTS_DIR, out_dir: Path = CORPUS_DIR) -> list[Path]:
    """Build both files from ``events_dir`` into ``out_dir``; return the paths written."""
    articles_jsonl, labels_json = render(load_events(events_dir))
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in ((ARTICLES_FILE, articles_jsonl), (LABELS_FILE, labels_json)):
        path = out_dir / name
        # newline="" so Windows checkouts produce the same bytes as the committed files
        with path.open("w", encoding="utf-8", newline="") as handle:
            handle.write(content)
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--events", type=Path, default=EVENTS_DIR, help="event files folder")
    parser.add_argument("--out", type=Path, default=CORPUS_DIR, help="output folder")
    args = parser.parse_args(argv)
    for path in write_corpus(args.events, args.out):
        print(f"wrote {path}")
    readme = args.out / README_FILE
    if readme.exists():
        update_readme(readme, load_events(args.events))
        print(f"updated the counts in {readme}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
