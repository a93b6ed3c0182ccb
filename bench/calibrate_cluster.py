"""Fit the clusterer's scoring weights on the labelled corpus and the seeds.

Training pairs come from replaying the corpus in the clusterer's canonical order with the *true*
stories: every article is scored against every true story seen so far (positive: its own event,
negative: the others), exactly the decisions the online clusterer makes. A logistic regression
over ``storyline.cluster.FEATURES`` gives the weights; the decision threshold is the middle of
the range of thresholds that give the best B-cubed F1 when the real clusterer runs.

Honest numbers: the script also reports B-cubed under leave-topics-out cross-validation
(weights fitted without the topic being scored), so the in-sample figure is not the only one.

Run from the repository root (writes src/storyline/cluster/weights.json and
bench/results/cluster_calibration.json)::

    .venv/bin/python -m bench.calibrate_cluster
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression

from bench.cluster_data import labelled_articles
from storyline.cluster import FEATURES, ScoringWeights, StoryClusterer, bcubed
from storyline.cluster.online import _Member, _StoryState
from storyline.cluster.scoring import WEIGHTS_FILE
from storyline.model import Article, ArticleFeatures

RESULTS = Path(__file__).resolve().parent / "results"
THRESHOLDS = np.round(np.arange(0.2, 0.91, 0.05), 2)


def training_pairs(
    articles: Sequence[Article], feats: Sequence[ArticleFeatures], truth: dict[str, str]
) -> tuple[np.ndarray, np.ndarray]:
    """Replay the corpus with the true stories and record each article-story decision."""
    clusterer = StoryClusterer(weights=ScoringWeights(0.0, (0.0,) * len(FEATURES)))
    clusterer._ensure_state(int(feats[0].vector.shape[0]))
    members = sorted(
        (clusterer._member(a, f) for a, f in zip(articles, feats, strict=True)),
        key=lambda m: m.order_key,
    )
    stories: dict[str, _StoryState] = {}
    rows, labels = [], []
    for member in members:
        clusterer.n_seen_ += 1
        clusterer.name_df_.update(member.names)
        clusterer.word_df_.update(member.words)
        for event, story in stories.items():
            rows.append(_features(clusterer, member, story))
            labels.append(1 if truth[member.article_id] == event else 0)
        event = truth[member.article_id]
        if event not in stories:
            stories[event] = _StoryState(id=event, key=len(stories))
        stories[event].add(member, clusterer.n_seen_)
    return np.array(rows), np.array(labels)


def _features(clusterer: StoryClusterer, member: _Member, story: _StoryState) -> np.ndarray:
    captured: list[np.ndarray] = []
    original = clusterer.weights_

    class Capture(ScoringWeights):
        def probability(self, features: np.ndarray) -> float:
            captured.append(features)
            return 0.0

    clusterer.weights_ = Capture(0.0, original.weights)
    clusterer._probability(member, story)
    clusterer.weights_ = original
    return captured[0]


def fit_weights(rows: np.ndarray, labels: np.ndarray) -> tuple[float, tuple[float, ...]]:
    model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000)
    model.fit(rows, labels)
    return float(model.intercept_[0]), tuple(float(w) for w in model.coef_[0])


def cluster_score(
    articles: Sequence[Article],
    feats: Sequence[ArticleFeatures],
    truth: dict[str, str],
    weights: ScoringWeights,
) -> dict[str, float]:
    clusterer = StoryClusterer(weights=weights).partial_fit(articles, feats).refine()
    score = bcubed(clusterer.labels_, truth)
    return {"precision": score.precision, "recall": score.recall, "f1": score.f1}


def best_threshold(
    articles: Sequence[Article],
    feats: Sequence[ArticleFeatures],
    truth: dict[str, str],
    bias: float,
    weights: tuple[float, ...],
) -> tuple[float, list[dict[str, float]]]:
    sweep = []
    for threshold in THRESHOLDS:
        scored = cluster_score(
            articles, feats, truth, ScoringWeights(bias, weights, float(threshold))
        )
        sweep.append({"threshold": float(threshold), **scored})
    best = max(s["f1"] for s in sweep)
    plateau = [s["threshold"] for s in sweep if s["f1"] >= best - 1e-9]
    return plateau[len(plateau) // 2], sweep


def cross_validated(
    articles: Sequence[Article],
    feats: Sequence[ArticleFeatures],
    truth: dict[str, str],
    topics: dict[str, str],
    folds: int = 4,
) -> dict[str, float]:
    """B-cubed when each topic is scored by weights fitted without it."""
    topic_names = sorted(set(topics.values()))
    fold_of = {topic: i % folds for i, topic in enumerate(topic_names)}
    predicted: dict[str, str] = {}
    for fold in range(folds):
        train = [i for i, a in enumerate(articles) if fold_of[topics[a.id]] != fold]
        test = [i for i, a in enumerate(articles) if fold_of[topics[a.id]] == fold]
        if not test:
            continue
        rows, labels = training_pairs(
            [articles[i] for i in train], [feats[i] for i in train], truth
        )
        bias, weights = fit_weights(rows, labels)
        threshold, _ = best_threshold(
            [articles[i] for i in train], [feats[i] for i in train], truth, bias, weights
        )
        clusterer = StoryClusterer(weights=ScoringWeights(bias, weights, threshold))
        clusterer.partial_fit([articles[i] for i in test], [feats[i] for i in test]).refine()
        predicted.update({k: f"{fold}:{v}" for k, v in clusterer.labels_.items()})
    score = bcubed(predicted, truth)
    return {"precision": score.precision, "recall": score.recall, "f1": score.f1}


def main() -> None:
    data = labelled_articles()
    rows, labels = training_pairs(data.articles, data.features, data.truth)
    bias, weights = fit_weights(rows, labels)
    threshold, sweep = best_threshold(data.articles, data.features, data.truth, bias, weights)
    fitted = ScoringWeights(bias, weights, threshold, version="calibrated")
    in_sample = cluster_score(data.articles, data.features, data.truth, fitted)
    held_out = cross_validated(data.articles, data.features, data.truth, data.topics)
    WEIGHTS_FILE.write_text(
        json.dumps(
            {
                "features": list(FEATURES),
                "bias": round(bias, 6),
                "weights": [round(w, 6) for w in weights],
                "threshold": threshold,
                "version": f"calibrated-{data.digest[:12]}",
                "model": data.features[0].model,
                "pairs": len(labels),
                "positive_pairs": int(labels.sum()),
            },
            indent=2,
        )
        + "\n"
    )
    report: dict[str, Any] = {
        "corpus_digest": data.digest,
        "articles": len(data.articles),
        "pairs": len(labels),
        "weights": dict(zip(FEATURES, [round(w, 3) for w in weights], strict=True)),
        "bias": round(bias, 3),
        "threshold": threshold,
        "in_sample_bcubed": in_sample,
        "leave_topics_out_bcubed": held_out,
        "threshold_sweep": sweep,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "cluster_calibration.json").write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps({k: v for k, v in report.items() if k != "threshold_sweep"}, indent=2))


def per_event(truth: dict[str, str]) -> dict[str, list[str]]:
    events: dict[str, list[str]] = defaultdict(list)
    for article, event in truth.items():
        events[event].append(article)
    return events


if __name__ == "__main__":
    main()
