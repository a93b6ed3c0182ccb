"""Speed of the analyze stage (sentences, dates) and a check of dates on the event corpus.

Speed: articles per second of ``split_sentences`` and ``find_dates`` on one core, each call on a
whole article, in three timed rounds of a second per text set (the best round is reported, the
slowest next to it). The machine is shared with other
jobs, so CPU time (``time.process_time``) is the number to read; wall time is recorded next to
it with the load average. Rates are also given normalised to 3,000-character articles (the
brief's yardstick: ≥ 5,000/s for sentences, ≥ 1,000/s for dates).

Text sets: the five seeds; the multilingual event corpus (tests/data/corpus/events, 12
languages); and the English article bodies of the ScrapingHub benchmark (unpacked from
shared/bench-data into bench/data/ when missing).

Dates check on the event corpus, where each article declares ``published`` and each event its
``date``: after ``resolve_relative`` against the published day, how many articles mention the
event day; and what ``choose_publication_date`` returns without metadata.

Run from the repository root::

    .venv/bin/python -m bench.analyze_speed

Results: bench/results/analyze.json.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import tarfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from storyline.analyze import (
    choose_publication_date,
    find_dates,
    resolve_relative,
    split_sentences,
)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "seeds"
EVENTS = ROOT / "tests" / "data" / "corpus" / "events"
DATA = ROOT / "bench" / "data"
SHARED_DATA = ROOT.parent / "shared" / "bench-data"
RESULTS = ROOT / "bench" / "results"
MIN_SECONDS = 3.0
ROUNDS = 3
YARDSTICK_CHARS = 3000

Article = tuple[str, str]  # (text, language)


def seed_articles() -> list[Article]:
    return [
        (path.read_text(encoding="utf-8"), "de" if path.name.startswith("000") else "en")
        for path in sorted(SEEDS.glob("*.txt"))
    ]


def event_records() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    records = []
    for path in sorted(EVENTS.glob("*.json")):
        event = json.loads(path.read_text(encoding="utf-8"))
        records.extend((event, article) for article in event["articles"])
    return records


def scrapinghub_articles() -> list[Article]:
    folder = DATA / "scrapinghub-aeb"
    truth = folder / "ground-truth.json"
    if not truth.exists():
        archive = SHARED_DATA / "scrapinghub-aeb.tar.xz"
        if not archive.exists():
            return []
        DATA.mkdir(parents=True, exist_ok=True)
        with tarfile.open(archive) as tar:
            tar.extractall(DATA, filter="data")
    bodies = json.loads(truth.read_text(encoding="utf-8"))
    return [(item["articleBody"], "en") for item in bodies.values() if item.get("articleBody")]


def rate(articles: list[Article], function: Callable[[str, str], object]) -> dict[str, float]:
    """Best of ``ROUNDS`` timed rounds: on a shared machine the best is the least disturbed."""
    for text, lang in articles[:3]:
        function(text, lang)  # load the language tables outside the clock
    rounds = []
    for _ in range(ROUNDS):
        calls = characters = 0
        cpu_started, wall_started = time.process_time(), time.perf_counter()
        while time.process_time() - cpu_started < MIN_SECONDS / ROUNDS:
            for text, lang in articles:
                function(text, lang)
                calls += 1
                characters += len(text)
        cpu = time.process_time() - cpu_started
        wall = time.perf_counter() - wall_started
        rounds.append((cpu / calls, wall / calls, characters / calls))
    cpu_each, wall_each, chars_each = min(rounds)
    return {
        "articles_per_cpu_second": round(1 / cpu_each),
        "articles_per_wall_second": round(1 / wall_each),
        "per_cpu_second_at_3000_chars": round(chars_each / cpu_each / YARDSTICK_CHARS),
        "microseconds_per_article_cpu": round(cpu_each * 1e6, 1),
        "slowest_round_articles_per_cpu_second": round(1 / max(rounds)[0]),
    }


def describe(articles: list[Article]) -> dict[str, Any]:
    sentences = sum(len(split_sentences(text, lang)) for text, lang in articles)
    dates = sum(len(find_dates(text, lang)) for text, lang in articles)
    return {
        "articles": len(articles),
        "languages": sorted({lang for _text, lang in articles}),
        "mean_characters": round(sum(len(text) for text, _ in articles) / max(1, len(articles))),
        "sentences_per_article": round(sentences / max(1, len(articles)), 1),
        "dates_per_article": round(dates / max(1, len(articles)), 1),
    }


def dates_check(records: list[tuple[dict[str, Any], dict[str, Any]]]) -> dict[str, Any]:
    with_published = mentions_event_day = chosen = chosen_event_or_published = 0
    misses = []
    for event, article in records:
        found = find_dates(article["text"], article["lang"])
        published = choose_publication_date(found)
        if published is not None:
            chosen += 1
            day = published.value[:10]
            if day in {event["date"], (article.get("published") or "")[:10]}:
                chosen_event_or_published += 1
        if not article.get("published"):
            continue
        with_published += 1
        reference = dt.date.fromisoformat(article["published"][:10])
        values = {m.value for m in resolve_relative(found, reference)}
        if event["date"] in values:
            mentions_event_day += 1
        else:
            misses.append(article["id"])
    return {
        "articles_with_published": with_published,
        "mention_the_event_day_after_resolution": mentions_event_day,
        "articles_missing_it": misses,
        "publication_date_chosen_from_text": chosen,
        "of_which_event_or_published_day": chosen_event_or_published,
    }


def main() -> None:
    records = event_records()
    sets = {
        "seeds": seed_articles(),
        "event_corpus": [(article["text"], article["lang"]) for _event, article in records],
        "scrapinghub_bodies": scrapinghub_articles(),
    }
    speed: dict[str, Any] = {}
    for name, articles in sets.items():
        if not articles:
            continue
        speed[name] = {
            **describe(articles),
            "split_sentences": rate(articles, split_sentences),
            "find_dates": rate(articles, find_dates),
        }
    results = {
        "what": "analyze stage: split_sentences and find_dates on one core, whole articles",
        "machine": {
            "python": platform.python_version(),
            "cpu_count": os.cpu_count(),
            "load_average": [round(x, 2) for x in os.getloadavg()],
        },
        "speed": speed,
        "dates_on_event_corpus": dates_check(records),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "analyze.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
