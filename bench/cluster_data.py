"""The labelled articles the clusterer is calibrated and gated on: the corpus plus the seeds.

Both go through the real pipeline (ingest, clean, language, analyze) and the default embedder,
so calibration and the eval gate see exactly what ``storyline run`` sees.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from storyline.engine import Engine
from storyline.model import Article, ArticleFeatures
from storyline.represent import default_embedder, features

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "corpus"
SEEDS = ROOT / "examples" / "seeds"


@dataclass(frozen=True)
class LabelledArticles:
    articles: list[Article]
    features: list[ArticleFeatures]
    truth: dict[str, str]  # article id -> event id
    topics: dict[str, str]  # article id -> topic (an event and its distractors share one)
    digest: str  # sha256 of the inputs and labels, pinned by the eval gate


def corpus_digest() -> str:
    digest = hashlib.sha256()
    for path in [CORPUS / "articles.jsonl", CORPUS / "labels.json", SEEDS / "expected.json"]:
        digest.update(path.read_bytes())
    for path in sorted(SEEDS.glob("*.txt")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def truth_and_topics() -> tuple[dict[str, str], dict[str, str]]:
    labels = json.loads((CORPUS / "labels.json").read_text(encoding="utf-8"))
    truth: dict[str, str] = {}
    topics: dict[str, str] = {}
    for event in labels["events"]:
        for article_id in event["articles"]:
            truth[article_id] = event["event"]
            topics[article_id] = event["topic"]
    expected = json.loads((SEEDS / "expected.json").read_text(encoding="utf-8"))
    for number, story in enumerate(expected["stories"], start=1):
        for article_id in story["articles"]:
            truth[article_id] = f"seed-{number}"
            topics[article_id] = "russia-taliban"
    return truth, topics


@lru_cache(maxsize=1)
def labelled_articles() -> LabelledArticles:
    with Engine(memory=True) as engine:
        result = engine.add([CORPUS / "articles.jsonl", SEEDS])
        if result.rejected:
            raise RuntimeError(f"labelled articles were rejected: {result.rejected}")
        articles = list(engine.articles())
    truth, topics = truth_and_topics()
    articles = [a for a in articles if a.id in truth]
    return LabelledArticles(
        articles=articles,
        features=features(articles, default_embedder()),
        truth=truth,
        topics=topics,
        digest=corpus_digest(),
    )
