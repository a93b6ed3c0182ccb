"""Speed of the compare stage on the stream benchmark's stories.

Reads a store the stream benchmark wrote (``bench/data/stream/store-100000`` by default, opened
read-only), takes a seeded sample of its multi-article stories and runs ``compare_story`` on each
with the default USE embedder, twice:

``cold``  every text embedded here (sentences, clauses, quote pieces);
``warm``  sentence vectors already cached, as in the pipeline where provenance embedded them:
          only clauses and quote pieces are new.

Reports CPU milliseconds per compared article (process time, so a busy machine does not inflate
it; the stage's caches are emptied between the two passes) and the projection to every article
of the store that sits in a multi-article story (singletons are skipped by the pipeline). Run
from the repository root::

    .venv/bin/python -m bench.compare_speed [--store PATH] [--stories 200]

Writes bench/results/compare.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from storyline.codec import article_from_dict, story_from_dict
from storyline.compare import compare_story
from storyline.compare.claims import _evidence_keys
from storyline.compare.numbers import _line_facts
from storyline.compare.quotes import _prepared
from storyline.model import Article
from storyline.represent import default_embedder

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
DEFAULT_STORE = ROOT / "bench" / "data" / "stream" / "store-100000" / "storyline.db"


def _stories(db: sqlite3.Connection) -> list[list[str]]:
    rows = db.execute("SELECT record FROM stories")
    stories = [story_from_dict(json.loads(record)) for (record,) in rows]
    return [list(story.article_ids) for story in stories if len(story.members) > 1]


def _articles(db: sqlite3.Connection, ids: Sequence[str]) -> list[Article]:
    marks = ",".join("?" * len(ids))
    rows = db.execute(f"SELECT record FROM articles WHERE id IN ({marks})", list(ids))
    return [article_from_dict(json.loads(record)) for (record,) in rows]


def _clear_stage_caches() -> None:
    """Empty the per-line and per-text caches so the second pass pays for its own reading."""
    _line_facts.cache_clear()
    _prepared.cache_clear()
    _evidence_keys.cache_clear()


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, default=DEFAULT_STORE)
    parser.add_argument("--stories", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    db = sqlite3.connect(f"file:{args.store}?mode=ro", uri=True)
    stories = _stories(db)
    in_stories = sum(len(s) for s in stories)
    sample = random.Random(args.seed).sample(stories, min(args.stories, len(stories)))
    loaded = [_articles(db, ids) for ids in sample]
    articles = sum(len(s) for s in loaded)

    embedder = default_embedder()
    cache: dict[str, np.ndarray] = {}
    embedded = 0

    def embed(texts: Sequence[str]) -> np.ndarray:
        nonlocal embedded
        new = [text for text in dict.fromkeys(texts) if text not in cache]
        if new:
            embedded += len(new)
            cache.update(zip(new, embedder.embed(new), strict=True))
        return np.stack([cache[text] for text in texts])

    started = time.process_time()
    for story in loaded:
        compare_story(story, embed)
    cold = time.process_time() - started
    cold_embedded = embedded

    cache.clear()
    _clear_stage_caches()
    embed([s.text for story in loaded for a in story for s in a.sentences])
    embedded = 0
    started = time.process_time()
    for story in loaded:
        compare_story(story, embed)
    warm = time.process_time() - started

    result = {
        "what": "compare_story on a seeded sample of the stream benchmark's multi-article stories",
        "machine": {"python": platform.python_version()},
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
            "texts_embedded": embedded,
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
