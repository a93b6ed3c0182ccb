"""B-cubed precision, recall and F1: how well predicted stories match labelled events.

For every article, precision is the share of its predicted story that truly belongs to its event,
recall the share of its event that landed in its predicted story; both are averaged over articles
(Bagga & Baldwin 1998; Amigó et al. 2009 show it is the one clustering measure that satisfies
all four formal constraints).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class BCubed:
    precision: float
    recall: float
    f1: float


def bcubed(predicted: Mapping[str, str], truth: Mapping[str, str]) -> BCubed:
    """Score ``predicted`` (article id -> story id) against ``truth`` (article id -> event id)."""
    articles = [a for a in truth if a in predicted]
    if not articles:
        return BCubed(0.0, 0.0, 0.0)
    pair_counts = Counter((predicted[a], truth[a]) for a in articles)
    story_sizes = Counter(predicted[a] for a in articles)
    event_sizes = Counter(truth[a] for a in articles)
    precision = recall = 0.0
    for article in articles:
        together = pair_counts[(predicted[article], truth[article])]
        precision += together / story_sizes[predicted[article]]
        recall += together / event_sizes[truth[article]]
    precision /= len(articles)
    recall /= len(articles)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return BCubed(precision, recall, f1)
