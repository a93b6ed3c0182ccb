"""Speed of the compare stage on the stream benchmark's stories.

Reads a store the stream benchmark wrote (``bench/data/stream/store-100000`` by default, opened
read-only), takes a seeded sample of its multi-article stories and runs ``compare_story`` on each
with the default USE embedder (its cache of recent texts off), twice:

``cold``  every text embedded here (sentences, clauses, quote pieces);
``warm``  sentence vectors already cached, as in the pipeline where provenance embedded them:
          only clauses and quote pieces are new (they are embedded anew in every repeat);
``warm_together``  the same, the stories compared ``compare_stories`` by tasks of ~200 articles
          as the pipeline's workers do (two encoder calls per task instead of per story).

Reports CPU milliseconds per compared article (process time; the stage's per-text caches are
emptied before every pass, compiled patterns stay as in a long pipeline run). The warm pass is
repeated and the fastest repeat reported, as ``timeit`` does: on a shared machine the slower
repeats measure the neighbours (all repeats and the load average are recorded). Also measured:
one-article stories, which the pipeline compares too (their quotes only, nothing embedded), and
the projection to every article of the store. Run from the repository root::

    .venv/bin/python -m bench.compare_speed [--store PATH] [--stories 200] [--repeat 3]

Writes bench/results/compare.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sqlite3
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from storyline import compare
from storyline.codec import article_from_dict, story_from_dict
from storyline.compare import compare_stories, compare_story
from storyline.model import Article
from storyline.represent import USEEmbedder

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
DEFAULT_STORE = ROOT / "bench" / "data" / "stream" / "store-100000" / "storyline.db"
TASK_ARTICLES = 200  # as pipeline.ANALYSIS_TASK_ARTICLES


def _stories(db: sqlite3.Connection, members: int = 2) -> list[list[str]]:
    """Stories of at least ``members`` articles (exactly one when ``members`` is 1)."""
    rows = db.execute("SELECT record FROM stories")
    stories = [story_from_dict(json.loads(record)) for (record,) in rows]
    return [
        list(story.article_ids)
        for story in stories
        if len(story.members) >= members and (members > 1 or len(story.members) == 1)
    ]


def _articles(db: sqlite3.Connection, ids: Sequence[str]) -> list[Article]:
    marks = ",".join("?" * len(ids))
    rows = db.execute(f"SELECT record FROM articles WHERE id IN ({marks})", list(ids))
    return [article_from_dict(json.loads(record)) for (record,) in rows]


def _clear_stage_caches() -> None:
    """Empty the stage's per-line, per-sentence and per-text caches so a pass pays for its own
    reading; the small caches of compiled patterns stay, as in a long pipeline run."""
    modules = [m for name, m in sys.modules.items() if name.startswith(compare.__name__ + ".")]
    for module in modules:
        for value in vars(module).values():
            info = getattr(value, "cache_info", None)
            if info is not None and (info().maxsize or 0) > 64:
                value.cache_clear()


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, default=DEFAULT_STORE)
    parser.add_argument("--stories", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    load = os.getloadavg()[0]
    db = sqlite3.connect(f"file:{args.store}?mode=ro", uri=True)
    stories = _stories(db)
    in_stories = sum(len(s) for s in stories)
    sample = random.Random(args.seed).sample(stories, min(args.stories, len(stories)))
    loaded = [_articles(db, ids) for ids in sample]
    articles = sum(len(s) for s in loaded)
    singletons = _stories(db, members=1)
    lone = [
        _articles(db, ids)
        for ids in random.Random(args.seed).sample(singletons, min(args.stories, len(singletons)))
    ]

    # The default embedder without its LRU of recent texts: here every text the stage asks for
    # is new to it (as clauses are in the pipeline), and a repeat must not find the last one's.
    embedder = USEEmbedder(cache_size=0)
    cache: dict[str, np.ndarray] = {}
    embedded = 0

    def embed(texts: Sequence[str]) -> np.ndarray:
        nonlocal embedded
        new = [text for text in dict.fromkeys(texts) if text not in cache]
        if new:
            embedded += len(new)
            cache.update(zip(new, embedder.embed(new), strict=True))
        return np.stack([cache[text] for text in texts])

    def timed(stories: Sequence[Sequence[Article]]) -> float:
        _clear_stage_caches()
        started = time.process_time()
        for story in stories:
            compare_story(story, embed)
        return time.process_time() - started

    cold = timed(loaded)
    cold_embedded = embedded

    cache.clear()
    embed([s.text for story in loaded for a in story for s in a.sentences])
    sentences = dict(cache)
    warm_runs = []
    for _ in range(max(args.repeat, 1)):
        cache.clear()
        cache.update(sentences)
        embedded = 0
        warm_runs.append(timed(loaded))
    warm = min(warm_runs)
    warm_embedded = embedded

    def timed_together(stories: Sequence[Sequence[Article]]) -> float:
        _clear_stage_caches()
        tasks: list[list[Sequence[Article]]] = [[]]
        for story in stories:
            if sum(map(len, tasks[-1])) >= TASK_ARTICLES:
                tasks.append([])
            tasks[-1].append(story)
        started = time.process_time()
        for task in tasks:
            compare_stories([(str(k), story, None) for k, story in enumerate(task)], embed)
        return time.process_time() - started

    together_runs = []
    for _ in range(max(args.repeat, 1)):
        cache.clear()
        cache.update(sentences)
        together_runs.append(timed_together(loaded))
    together = min(together_runs)
    lone_seconds = timed(lone)
    lone_articles = sum(len(s) for s in lone)

    result = {
        "what": "compare_story on a seeded sample of the stream benchmark's multi-article stories",
        "machine": {"python": platform.python_version(), "load_average_at_start": round(load, 2)},
        "store": str(args.store),
        "stories_in_store": len(stories),
        "articles_in_multi_article_stories": in_stories,
        "sample": {"stories": len(loaded), "articles": articles},
        "cold": {
            "cpu_seconds": round(cold, 2),
            "ms_per_article": round(1000 * cold / articles, 2),
            "texts_embedded": cold_embedded,
        },
        "warm_sentence_vectors": {
            "cpu_seconds": round(warm, 2),
            "ms_per_article": round(1000 * warm / articles, 2),
            "texts_embedded": warm_embedded,
            "cpu_seconds_every_repeat": [round(run, 2) for run in warm_runs],
        },
        "warm_together": {
            "cpu_seconds": round(together, 2),
            "ms_per_article": round(1000 * together / articles, 2),
            "cpu_seconds_every_repeat": [round(run, 2) for run in together_runs],
        },
        "one_article_stories": {
            "stories": len(lone),
            "ms_per_article": round(1000 * lone_seconds / max(lone_articles, 1), 2),
        },
        "projected_cpu_seconds_for_store": {
            "cold": round(cold / articles * in_stories, 1),
            "warm": round(warm / articles * in_stories, 1),
        },
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "compare.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
