"""Check hand-written corpus event files against the corpus brief before they are committed.

Every label span must occur verbatim in its article's text, because the benchmarks score the
pipeline against exact spans; a paraphrased label would silently count as a pipeline miss.

Usage: python tests/data/corpus/check_event_files.py [EVENT_FILE ...]
(no arguments: every file in tests/data/corpus/events/). Exit status 1 when a problem is found.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

EVENTS_DIR = Path(__file__).parent / "events"
KINDS = {"original", "copy", "rewrite", "translation", "independent"}
VERDICTS = {"agree", "compatible", "conflict", "update"}
CLAIM_STATUSES = {"corroborated", "single-source", "contested"}
MIN_WORDS, MAX_WORDS = 80, 350


def _check_article(article: dict[str, Any], event_id: str, problems: list[str]) -> None:
    article_id = article.get("id", "?")
    where = f"{event_id}/{article_id}"
    if not re.fullmatch(rf"{re.escape(event_id)}-\d\d", str(article_id)):
        problems.append(f"{where}: id must look like {event_id}-NN")
    for key in ("lang", "source", "url", "title", "text", "kind"):
        if not isinstance(article.get(key), str) or not article[key]:
            problems.append(f"{where}: missing or empty {key}")
    if ".example" not in str(article.get("url", "")):
        problems.append(f"{where}: url must use an .example domain")
    if article.get("kind") not in KINDS:
        problems.append(f"{where}: kind {article.get('kind')!r} not one of {sorted(KINDS)}")
    published = article.get("published")
    if published is not None:
        try:
            datetime.fromisoformat(published)
        except (TypeError, ValueError):
            problems.append(f"{where}: published {published!r} is not ISO 8601")
    words = len(str(article.get("text", "")).split())
    if not MIN_WORDS <= words <= MAX_WORDS and not article.get("has_chrome"):
        problems.append(f"{where}: {words} words, expected {MIN_WORDS}-{MAX_WORDS}")
    text = str(article.get("text", ""))
    for field in ("added_claims", "credits"):
        for span in article.get(field, []):
            if span not in text:
                problems.append(f"{where}: {field} span not in text: {span!r}")
    if article.get("added_claims") and article.get("kind") != "rewrite":
        problems.append(f"{where}: added_claims are for rewrites only")


def _span_in(
    texts: dict[str, str], article_id: str, span: str, what: str, problems: list[str]
) -> None:
    if article_id not in texts:
        problems.append(f"{what}: unknown article {article_id}")
    elif span not in texts[article_id]:
        problems.append(f"{what}: not verbatim in {article_id}: {span!r}")


def check_event(event: dict[str, Any]) -> list[str]:
    """Return human-readable problems with one event file (empty when it is fine)."""
    problems: list[str] = []
    event_id = str(event.get("event", "?"))
    for key in ("summary", "topic", "date"):
        if not event.get(key):
            problems.append(f"{event_id}: missing {key}")
    articles = event.get("articles", [])
    ids = {a.get("id") for a in articles}
    texts = {str(a.get("id")): str(a.get("text", "")) for a in articles}
    for article in articles:
        _check_article(article, event_id, problems)
        kind, source_id = article.get("kind"), article.get("of")
        if kind in {"copy", "rewrite", "translation"} and source_id not in ids:
            problems.append(f"{article.get('id')}: {kind} must name a source article in 'of'")
        if kind in {"original", "independent"} and source_id is not None:
            problems.append(f"{article.get('id')}: {kind} must have of=null")
    for fact in event.get("numeric_facts", []):
        quantity = fact.get("quantity")
        if fact.get("verdict") not in VERDICTS:
            problems.append(f"{event_id}/{quantity}: bad verdict {fact.get('verdict')!r}")
        for article_id, value in fact.get("values", {}).items():
            what = f"{event_id}/{quantity}"
            _span_in(texts, article_id, value["span"], f"{what} span", problems)
            if value["number_text"] not in value["span"]:
                problems.append(f"{what}: number_text not inside span for {article_id}")
            low, high = value.get("low"), value.get("high")
            if low is not None and high is not None and low > high:
                problems.append(f"{what}: low > high for {article_id}")
        for pair in fact.get("conflicting", []):
            if any(article_id not in fact.get("values", {}) for article_id in pair):
                problems.append(f"{event_id}/{quantity}: conflicting pair {pair} lacks a value")
        if (fact.get("verdict") == "conflict") != bool(fact.get("conflicting")):
            problems.append(f"{event_id}/{quantity}: 'conflicting' must be set iff conflict")
    for quote in event.get("quotes", []):
        what = f"{event_id}/quote {quote.get('speaker')}"
        _span_in(texts, quote["article"], quote["quote"], f"{what} quote", problems)
        _span_in(texts, quote["article"], quote["attribution"], f"{what} attribution", problems)
    for claim in event.get("claims", []):
        if claim.get("status") not in CLAIM_STATUSES:
            problems.append(f"{event_id}/claim: bad status {claim.get('status')!r}")
        for support in claim.get("support", []):
            what = f"{event_id}/claim {claim.get('claim')!r}"
            _span_in(texts, support["article"], support["sentence"], what, problems)
    return problems


def main(argv: list[str]) -> int:
    paths = [Path(arg) for arg in argv] or sorted(EVENTS_DIR.glob("*.json"))
    problems: list[str] = []
    for path in paths:
        event = json.loads(path.read_text(encoding="utf-8"))
        if path.stem != event.get("event"):
            problems.append(f"{path.name}: file name does not match event id {event.get('event')}")
        problems.extend(check_event(event))
    for problem in problems:
        print(problem)
    print(f"{len(paths)} files, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
