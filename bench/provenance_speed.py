"""Speed of the provenance tracer on big stories (100 and 1,000 articles).

A story is grown from one labelled event of the test corpus (tests/data/corpus): its articles
(original, copies, rewrites, translations, independent reports) are syndicated again and again
with the edits wire copies get (a sentence dropped, a sentence reworded, a credit line added,
the order of two paragraphs swapped), with increasing timestamps, the way a popular report
spreads. Each size is traced twice with the default USE embedder:

``cold``  every sentence embedded here;
``warm``  sentence vectors cached, as on a later run where the store holds them.

Run from the repository root::

    .venv/bin/python -m bench.provenance_speed [--sizes 100 1000] [--event E01]

Writes bench/results/provenance.json.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import platform
import random
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from bench.cluster_data import CORPUS
from storyline.analyze import split_sentences
from storyline.engine import Engine
from storyline.model import Article, PublicationDate
from storyline.provenance import CANDIDATE_SOURCES, MAX_SENTENCES, trace_provenance
from storyline.represent import default_embedder

RESULTS = Path(__file__).resolve().parent / "results" / "provenance.json"


def event_articles(event: str) -> list[Article]:
    lines = (CORPUS / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    chosen = [line for line in lines if json.loads(line)["id"].startswith(event + "-")]
    path = Path(os.environ.get("TMPDIR", "/tmp")) / f"storyline-bench-{event}.jsonl"
    path.write_text("\n".join(chosen) + "\n", encoding="utf-8")
    with Engine(memory=True, settings=None) as engine:
        engine.add([path])
        return sorted(engine.articles(), key=lambda a: a.id)


def grow_story(seed_articles: Sequence[Article], size: int, rng: random.Random) -> list[Article]:
    # Syndication starts after the event's own reports.
    start = max(
        dt.datetime.fromisoformat(a.published.value) for a in seed_articles if a.published
    ) + dt.timedelta(hours=1)
    story = list(seed_articles)
    while len(story) < size:
        parent = rng.choice(story)
        paragraphs = parent.text.split("\n")
        edit = rng.choice(["drop", "reword", "credit", "swap"])
        if edit == "drop" and len(paragraphs) > 2:
            paragraphs.pop(rng.randrange(1, len(paragraphs)))
        elif edit == "reword":
            index = rng.randrange(len(paragraphs))
            paragraphs[index] = paragraphs[index].replace(" the ", " this ", 1) + " (updated)"
        elif edit == "swap" and len(paragraphs) > 3:
            i = rng.randrange(1, len(paragraphs) - 1)
            paragraphs[i], paragraphs[i + 1] = paragraphs[i + 1], paragraphs[i]
        else:
            paragraphs.append(f"({parent.source or 'Wire'})")
        text = "\n".join(paragraphs)
        number = len(story)
        published = start + dt.timedelta(minutes=7 * number)
        story.append(
            dataclasses.replace(
                parent,
                id=f"syndicated-{number:05d}",
                content_hash=f"h{number}",
                text=text,
                source=f"Outlet {number % 97}",
                published=PublicationDate(published.isoformat(), "metadata"),
                sentences=split_sentences(text, parent.lang.code),
                removed=(),
            )
        )
    return story[:size]


def measure(story: list[Article]) -> dict[str, object]:
    embedder = default_embedder()
    cache: dict[str, np.ndarray] = {}
    embedded = {"texts": 0}

    def embed(texts: Sequence[str]) -> np.ndarray:
        new = [t for t in dict.fromkeys(texts) if t not in cache]
        if new:
            cache.update(zip(new, embedder.embed(new), strict=True))
            embedded["texts"] += len(new)
        return np.stack([cache[t] for t in texts])

    runs = {}
    for label in ("cold", "warm"):
        wall, cpu = time.perf_counter(), time.process_time()
        provenance = trace_provenance(story, embed, "bench")
        runs[label] = {
            "seconds": round(time.perf_counter() - wall, 2),
            "cpu_seconds": round(time.process_time() - cpu, 2),
        }
    kinds: dict[str, int] = {}
    for relation in provenance.relations:
        kinds[relation.kind.value] = kinds.get(relation.kind.value, 0) + 1
    return {
        "articles": len(story),
        "sentences_embedded": embedded["texts"],
        **runs,
        "ms_per_article_warm": round(1000 * runs["warm"]["seconds"] / len(story), 2),
        "original": provenance.original,
        "independent_origins": provenance.independent_origins,
        "kinds": kinds,
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--event", default="E01")
    args = parser.parse_args(argv)
    seed_articles = event_articles(args.event)
    results = [measure(grow_story(seed_articles, size, random.Random(size))) for size in args.sizes]
    document = {
        "what": "provenance tracer on stories grown from one labelled event by syndication edits",
        "event": args.event,
        "candidate_sources": CANDIDATE_SOURCES,
        "max_sentences": MAX_SENTENCES,
        "machine": {"python": platform.python_version(), "cpu_count": os.cpu_count()},
        "load_average_before": os.getloadavg()[0],
        "stories": results,
    }
    RESULTS.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(document, indent=2))


if __name__ == "__main__":
    main()
