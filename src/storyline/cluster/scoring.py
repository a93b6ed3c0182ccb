"""How strongly an article belongs to a story: evidence features and a calibrated logistic score.

Each feature is one kind of evidence a careful reader weighs:

``cos_centroid``  meaning: the article's lead against the story's mean lead (multilingual encoder)
``cos_best``      meaning: against the closest member (a translation is close to its source)
``names``         the rare names both mention (IDF-weighted share; spelling-insensitive keys)
``numbers``       the quantities both mention ("144", "14.5%")
``words``         the rare content words both use (IDF-weighted; helps within one language)
``copy``          MinHash Jaccard estimate against the closest member (syndicated copies)
``time_gap``      how far apart in time the two are (log-scaled days, 0 when windows overlap)
``cross_lang``    the article's language is new to the story (cosines across languages run lower)
``day_match``     a day the article names ("15 березня") falls in the story's dates
``day_mismatch``  the article names days and none falls in the story's dates

The weights are fitted by ``bench/calibrate_cluster.py`` on the labelled corpus and shipped in
``weights.json``; ``ScoringWeights.load()`` reads them.
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

FEATURES = (
    "cos_centroid",
    "cos_best",
    "names",
    "numbers",
    "words",
    "copy",
    "time_gap",
    "cross_lang",
    "cross_lang_cos",
    "day_match",
    "day_mismatch",
)
WEIGHTS_FILE = Path(__file__).with_name("weights.json")
_YEAR_DAYS = math.log1p(365.0)


@dataclass(frozen=True, slots=True)
class ScoringWeights:
    """A logistic model over ``FEATURES``: P(same event) = sigmoid(bias + w · x)."""

    bias: float
    weights: tuple[float, ...]
    threshold: float = 0.5
    version: str = "hand-set"

    @classmethod
    def load(cls, path: Path = WEIGHTS_FILE) -> ScoringWeights:
        if not path.is_file():
            return DEFAULT_WEIGHTS
        data = json.loads(path.read_text(encoding="utf-8"))
        if tuple(data["features"]) != FEATURES:
            raise ValueError(f"{path} was fitted on other features: {data['features']}")
        return cls(
            bias=float(data["bias"]),
            weights=tuple(float(w) for w in data["weights"]),
            threshold=float(data.get("threshold", 0.5)),
            version=str(data.get("version", path.name)),
        )

    def probability(self, features: np.ndarray) -> float:
        z = self.bias + float(np.dot(self.weights, features))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


# Before calibration: meaning counts most, shared rare names and copies add, time apart subtracts.
DEFAULT_WEIGHTS = ScoringWeights(
    bias=-9.0,
    weights=(6.0, 5.0, 4.0, 1.5, 2.0, 3.0, -4.0, -0.5, 3.0, 1.0, -1.0),
)


def pair_features(
    *,
    cos_centroid: float,
    cos_best: float,
    names: float,
    numbers: float,
    words: float,
    copy: float,
    gap_days: int,
    cross_lang: bool,
    day_agreement: int = 0,
) -> np.ndarray:
    time_gap = min(1.5, math.log1p(max(0, gap_days)) / _YEAR_DAYS)
    return np.array(
        [
            cos_centroid,
            cos_best,
            names,
            numbers,
            words,
            copy,
            time_gap,
            1.0 if cross_lang else 0.0,
            cos_best if cross_lang else 0.0,
            1.0 if day_agreement > 0 else 0.0,
            1.0 if day_agreement < 0 else 0.0,
        ],
        dtype=np.float64,
    )


def weighted_overlap(
    article_keys: frozenset[str], story_counts: Mapping[str, int], idf: Mapping[str, float]
) -> float:
    """IDF-weighted share of the article's keys that the story mentions too (0..1)."""
    if not article_keys or not story_counts:
        return 0.0
    total = shared = 0.0
    for key in article_keys:
        weight = idf.get(key, 1.0)
        total += weight
        if key in story_counts:
            shared += weight
    # The share of the article's evidence the story shares: a small story is not favoured
    # for being small.
    return shared / max(1e-9, total)


_WORD = re.compile(r"[^\W\d_]{5,}")
_STEM = 6  # a crude, language-blind stem: "incendio" and "incendios" meet as "incend"


def content_words(text: str) -> frozenset[str]:
    """Lower-cased stems of the longer words: short function words drop out by length."""
    # Interned: the same stem from thousands of articles is one string in memory.
    return frozenset(map(sys.intern, {word[:_STEM] for word in _WORD.findall(text.lower())}))
