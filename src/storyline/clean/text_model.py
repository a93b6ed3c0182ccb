"""The learned line scorer of the text cleaner: two small neural nets, run with numpy.

Stage one scores each line from its own features and its neighbours' (``text_features``). Stage
two sees the stage-one scores of the lines around it and where the document's densest run of body
lies, because an article body is one contiguous region: a short line between two paragraphs is
body, the same line after the last paragraph is chrome. The weights are trained by
``bench/train_text_cleaner.py`` on the WCXB dev split and shipped as ``text_model.json``; running
them needs only numpy.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import numpy as np
import numpy.typing as npt

from storyline.errors import ConfigurationError

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
Float32Array = npt.NDArray[np.float32]

MODEL_FILE = "text_model.json"
_BLOCK_ROWS = 512

STAGE_TWO_FEATURES = (
    "p",
    "p_prev",
    "p_next",
    "p_window_2",
    "p_window_5",
    "p_window_12",
    "p_prev_2",
    "p_next_2",
    "p_max_before",
    "p_max_after",
    "in_body_run",
    "lines_to_body_run",
    "body_mass_before",
    "body_mass_after",
)


@dataclass(frozen=True, slots=True)
class Network:
    """A standardised input followed by dense layers (ReLU between, logistic at the end)."""

    mean: FloatArray
    scale: FloatArray
    weights: tuple[FloatArray, ...]
    biases: tuple[FloatArray, ...]
    # The layers as scoring uses them: standardisation folded into the first layer
    # ((x - mean) / scale @ W + b == x @ (W / scale) + (b - mean / scale @ W)), float32.
    _layers: tuple[tuple[Float32Array, Float32Array], ...] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        first = self.weights[0] / self.scale[:, None]
        first_bias = self.biases[0] - (self.mean / self.scale) @ self.weights[0]
        layers = [(first, first_bias), *zip(self.weights[1:], self.biases[1:], strict=True)]
        object.__setattr__(
            self,
            "_layers",
            tuple((w.astype(np.float32), b.astype(np.float32)) for w, b in layers),
        )

    def predict(self, features: FloatArray) -> FloatArray:
        return self.predict_columns([features])

    def predict_columns(self, blocks: Sequence[FloatArray]) -> FloatArray:
        """``predict`` of the blocks' columns side by side, without stacking them first.

        float32 halves the cost of the products (scores move in the 6th decimal). Rows go in
        blocks of _BLOCK_ROWS: OpenBLAS hands larger products to its thread pool, which on a
        busy 2-core machine made one call 20x slower than the single-threaded block loop.
        """
        first_weight, first_bias = self._layers[0]
        splits = np.cumsum([block.shape[1] for block in blocks])[:-1]
        first_parts = np.split(first_weight, splits)
        inputs = [block.astype(np.float32) for block in blocks]
        rows = inputs[0].shape[0]
        logits = np.empty(rows, dtype=np.float64)
        for block_start in range(0, rows, _BLOCK_ROWS):
            window = slice(block_start, block_start + _BLOCK_ROWS)
            hidden = inputs[0][window] @ first_parts[0]
            for part, weight in zip(inputs[1:], first_parts[1:], strict=True):
                hidden += part[window] @ weight
            hidden += first_bias
            for weight, bias in self._layers[1:]:
                np.maximum(hidden, 0.0, out=hidden)
                hidden = hidden @ weight
                hidden += bias
            logits[window] = hidden[:, 0]
        np.clip(logits, -30.0, 30.0, out=logits)
        probability: FloatArray = 1.0 / (1.0 + np.exp(-logits))
        return probability

    def to_json(self) -> dict[str, object]:
        return {
            "mean": self.mean.tolist(),
            "scale": self.scale.tolist(),
            "weights": [weight.tolist() for weight in self.weights],
            "biases": [bias.tolist() for bias in self.biases],
        }

    @classmethod
    def from_json(cls, data: dict[str, list[object]]) -> Network:
        return cls(
            mean=np.asarray(data["mean"], dtype=np.float64),
            scale=np.asarray(data["scale"], dtype=np.float64),
            weights=tuple(np.asarray(w, dtype=np.float64) for w in data["weights"]),
            biases=tuple(np.asarray(b, dtype=np.float64) for b in data["biases"]),
        )


@dataclass(frozen=True, slots=True)
class LineModel:
    """Both stages, the decision threshold and the feature names they were trained on."""

    version: str
    features: tuple[str, ...]
    stage_one: Network
    stage_two: Network
    threshold: float

    def score(self, features: FloatArray, doc_starts: IntArray, chars: FloatArray) -> FloatArray:
        """Probability that each line is article body."""
        first = self.stage_one.predict(features)
        second = stage_two_features(first, doc_starts, chars)
        return self.stage_two.predict_columns([features, second])


@cache
def load_model() -> LineModel:
    """The shipped model; refuses a file trained on other features than the code computes."""
    from storyline.clean.text_features import FEATURES

    text = resources.files("storyline.clean").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    data = json.loads(text)
    if tuple(data["features"]) != FEATURES or tuple(data["stage_two_features"]) != (
        STAGE_TWO_FEATURES
    ):
        raise ConfigurationError(
            f"{MODEL_FILE} was trained on other features than text_features computes; "
            "retrain it with bench/train_text_cleaner.py"
        )
    return LineModel(
        version=data["version"],
        features=tuple(data["features"]),
        stage_one=Network.from_json(data["stage_one"]),
        stage_two=Network.from_json(data["stage_two"]),
        threshold=float(data["threshold"]),
    )


def stage_two_features(p: FloatArray, doc_starts: IntArray, chars: FloatArray) -> FloatArray:
    """Context of the stage-one scores: neighbours, and the document's densest run of body."""
    n_lines = p.size
    index = np.arange(n_lines)
    doc = np.repeat(np.arange(doc_starts.size - 1), np.diff(doc_starts))
    first = doc_starts[doc]
    last = doc_starts[doc + 1] - 1
    previous = np.where(index == first, 0.0, p[np.maximum(index - 1, first)])
    following = np.where(index == last, 0.0, p[np.minimum(index + 1, last)])
    cumulative = np.concatenate([[0.0], np.cumsum(p)])

    def window(radius: int) -> FloatArray:
        low = np.maximum(index - radius, first)
        high = np.minimum(index + radius, last) + 1
        mean: FloatArray = (cumulative[high] - cumulative[low]) / (high - low)
        return mean

    mass = p * np.log1p(chars)
    mass_cumulative = np.concatenate([[0.0], np.cumsum(mass)])
    doc_mass = np.maximum(mass_cumulative[last + 1] - mass_cumulative[first], 1e-9)
    max_before = np.zeros(n_lines)
    max_after = np.zeros(n_lines)
    in_run = np.zeros(n_lines)
    distance = np.zeros(n_lines)
    for d in range(doc_starts.size - 1):
        start, end = int(doc_starts[d]), int(doc_starts[d + 1])
        if start == end:
            continue
        scores = p[start:end]
        running = np.maximum.accumulate(scores)
        max_before[start + 1 : end] = running[:-1]
        max_after[start : end - 1] = np.maximum.accumulate(scores[::-1])[::-1][1:]
        run_start, run_end = _densest_run((scores - 0.5) * np.log1p(chars[start:end]))
        positions = np.arange(end - start)
        in_run[start:end] = (positions >= run_start) & (positions < run_end)
        gap = np.maximum(run_start - positions, positions - (run_end - 1))
        distance[start:end] = np.log1p(np.maximum(gap, 0))
    return np.column_stack(
        [
            p,
            previous,
            following,
            window(2),
            window(5),
            window(12),
            np.where(index - 2 < first, 0.0, p[np.maximum(index - 2, first)]),
            np.where(index + 2 > last, 0.0, p[np.minimum(index + 2, last)]),
            max_before,
            max_after,
            in_run,
            distance,
            (mass_cumulative[index] - mass_cumulative[first]) / doc_mass,
            (mass_cumulative[last + 1] - mass_cumulative[index + 1]) / doc_mass,
        ]
    )


def _densest_run(gains: FloatArray) -> tuple[int, int]:
    """[start, end) of the contiguous run with the largest sum of gains (Kadane, vectorised)."""
    prefix = np.concatenate([[0.0], np.cumsum(gains)])
    lowest_before = np.minimum.accumulate(prefix)
    lowest_at = _argmin_accumulate(prefix)
    end = int(np.argmax(prefix - lowest_before))
    if end == 0:
        return 0, 0
    return int(lowest_at[end]), end


def _argmin_accumulate(values: FloatArray) -> IntArray:
    """For each position i, the index of the minimum of values[: i + 1] (first one on ties)."""
    running = np.minimum.accumulate(values)
    is_new_minimum = np.ones(values.size, dtype=bool)
    is_new_minimum[1:] = running[1:] < running[:-1]
    positions = np.where(is_new_minimum, np.arange(values.size), 0)
    result: IntArray = np.maximum.accumulate(positions)
    return result
