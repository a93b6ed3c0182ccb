"""The default detector: py3langid (naive Bayes over byte n-grams), restricted to a language set.

Chosen over lingua and eld by bench/language_accuracy.py: it was the most accurate on the
2-sentence evaluation snippets (including cs/sk, es/pt, uk/ru, sv/da/nb) and the cheapest per
article. Its model ships inside the wheel (``py3langid/data/model.npz.xz``); nothing is
downloaded. Loading decompresses the model (~1-2 s, ~130 MB), so load once per process.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from importlib.metadata import version
from operator import itemgetter
from typing import Any

import numpy as np
import numpy.typing as npt

from storyline.errors import ConfigurationError, MissingDependencyError
from storyline.language.decision import DecisionRules, pair_hints
from storyline.language.languages import DEFAULT_LANGUAGES, language_set_label, validated_codes
from storyline.language.text_sample import DEFAULT_MAX_CHARS, detection_sample, has_letters
from storyline.model import LanguageTag

logger = logging.getLogger(__name__)

# py3langid names written Norwegian "no"; we emit "nb" like lingua does (see text_sample).
_TO_LANGID = {"nb": "no"}
_FROM_LANGID = {theirs: ours for ours, theirs in _TO_LANGID.items()}

IntArray = npt.NDArray[np.intp]


class LangidDetector:
    """Language identification with py3langid on a bounded prefix of the text.

    ``languages`` restricts the answers (ISO 639-1 codes); ``max_chars`` bounds the sample;
    ``rules`` sets the und / hint thresholds shared with the other backends.
    """

    def __init__(
        self,
        languages: Sequence[str] = DEFAULT_LANGUAGES,
        *,
        max_chars: int = DEFAULT_MAX_CHARS,
        rules: DecisionRules | None = None,
    ) -> None:
        try:
            from py3langid.langid import (  # type: ignore[import-untyped]  # ships no type hints
                MODEL_FILE,
                LanguageIdentifier,
            )
        except ImportError:
            raise MissingDependencyError(
                "the py3langid language detector is not installed: pip install 'py3langid>=0.4'"
            ) from None
        if max_chars < 50:
            raise ConfigurationError(f"max_chars must be at least 50, got {max_chars}")
        codes = validated_codes(languages)
        identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        known = set(identifier.labels)
        missing = sorted(code for code in codes if _TO_LANGID.get(code, code) not in known)
        if missing:
            raise ConfigurationError(f"py3langid does not know these languages: {missing}")
        identifier.set_languages([_TO_LANGID.get(code, code) for code in codes])
        _use_contiguous_float32_table(identifier)
        self._identifier = identifier
        self._batch_scorer = _BatchScorer.for_identifier(identifier)
        self.languages = codes
        self.max_chars = max_chars
        self.rules = rules or DecisionRules()
        self.name = (
            f"py3langid-{version('py3langid')}:{language_set_label(codes)},{max_chars}c"
            + self.rules.name_suffix()
        )
        logger.debug("loaded %s", self.name)

    def detect(self, text: str, *, hint: str | None = None) -> LanguageTag:
        sample = detection_sample(text, self.max_chars)
        if not has_letters(sample, self.rules.min_letters):
            return self.rules.undetermined(self.name)
        if hint is None:
            # Only the best guess matters without a hint; classify skips sorting every language.
            code, probability = self._identifier.classify(sample)
            ranked = [(_FROM_LANGID.get(code, code), float(probability))]
        else:
            ranked = [
                (_FROM_LANGID.get(code, code), float(probability))
                for code, probability in self._identifier.rank(sample)
            ]
        return self.rules.decide(ranked, detector=self.name, hint=hint)

    def detect_batch(
        self, texts: Sequence[str], *, hints: Sequence[str | None] | None = None
    ) -> list[LanguageTag]:
        """Tags for many texts at once: the same answers as ``detect`` on each, faster.

        py3langid reads a text byte by byte through its n-gram automaton in a Python loop,
        which was most of its cost. Here the automaton steps every text of the batch together,
        one numpy operation per byte position, and the naive Bayes scoring is py3langid's own,
        fed the same n-gram counts in the same order (``_BatchScorer``).
        """
        hint_list = pair_hints(texts, hints)
        samples = [detection_sample(text, self.max_chars) for text in texts]
        tags = [self.rules.undetermined(self.name)] * len(texts)
        scored = [
            i for i, sample in enumerate(samples) if has_letters(sample, self.rules.min_letters)
        ]
        if not scored:
            return tags
        if self._batch_scorer is None:
            return [
                self.detect(text, hint=hint) for text, hint in zip(texts, hint_list, strict=True)
            ]
        probabilities = self._batch_scorer.probabilities([samples[i] for i in scored])
        classes = self._identifier.nb_classes
        for row, i in enumerate(scored):
            scores = probabilities[row]
            if hint_list[i] is None:
                best = int(scores.argmax())
                ranked = [(_FROM_LANGID.get(classes[best], classes[best]), float(scores[best]))]
            else:
                merged: dict[str, float] = {}
                for code, probability in zip(classes, scores.tolist(), strict=True):
                    merged.setdefault(code, probability)
                ranked = [
                    (_FROM_LANGID.get(code, code), float(probability))
                    for code, probability in sorted(merged.items(), key=itemgetter(1), reverse=True)
                ]
            tags[i] = self.rules.decide(ranked, detector=self.name, hint=hint_list[i])
        return tags


class _BatchScorer:
    """py3langid's scoring (``LanguageIdentifier._decide`` with ``norm_probs``) for many texts.

    Reads the identifier's automaton and tables; ``LangidDetector`` only builds one when the
    identifier has the attributes this version of py3langid has, and falls back to ``detect``
    otherwise. A test checks that both give the same tags.
    """

    def __init__(self, identifier: Any) -> None:
        self._identifier = identifier
        # A view of the automaton's 39 MB transition table, not a copy.
        self._next_move = np.frombuffer(identifier.tk_nextmove, dtype=np.uint32)
        self._row_base = np.asarray(identifier._rowbase, dtype=np.intp)
        self._output = np.asarray(identifier.tk_output, dtype=np.intp)

    @classmethod
    def for_identifier(cls, identifier: Any) -> _BatchScorer | None:
        needed = ("tk_nextmove", "_rowbase", "tk_output", "nb_ptc", "nb_pc", "_alias_pairs")
        if not all(hasattr(identifier, name) for name in needed):
            return None
        if not getattr(identifier, "_norm_probs", False) or identifier.min_confidence is not None:
            return None
        if getattr(identifier.tk_nextmove, "itemsize", 0) != 4:
            return None
        return cls(identifier)

    def probabilities(self, samples: Sequence[str]) -> npt.NDArray[np.float32]:
        """One row of language probabilities per sample (columns: ``nb_classes``)."""
        identifier = self._identifier
        encoded = [identifier._encode(sample) for sample in samples]
        rows = len(encoded)
        lengths = np.fromiter(map(len, encoded), dtype=np.intp, count=rows)
        # Longest first: the texts still being read at position t are the first active[t].
        order = np.argsort(-lengths, kind="stable")
        longest = int(lengths[order[0]]) if rows else 0
        # Position-major, so each step reads one contiguous row of bytes.
        data = np.zeros((longest, rows), dtype=np.intp)
        for slot, row in enumerate(order.tolist()):
            data[: lengths[row], slot] = np.frombuffer(encoded[row], dtype=np.uint8)
        active = np.searchsorted(-lengths[order], -np.arange(longest), side="left").tolist()
        state = np.zeros(rows, dtype=np.intp)
        emitted: list[IntArray] = []
        for position, count in enumerate(active):
            moved = self._next_move[self._row_base[state[:count]] + data[position, :count]]
            state[:count] = moved
            emitted.append(self._output[moved])
        all_slots = np.arange(rows)
        slots = np.concatenate([all_slots[:count] for count in active])
        features = np.concatenate(emitted)
        found = features >= 0
        slots, features = slots[found], features[found]
        # n-gram counts per text, in the order of each n-gram's first occurrence (the order in
        # which py3langid's Counter holds them, so the float32 sums match its own).
        keys = slots * self._output.size + features
        unique, first, counts = np.unique(keys, return_index=True, return_counts=True)
        by_first = np.argsort(first, kind="stable")
        unique, counts = unique[by_first], counts[by_first]
        key_slot = unique // self._output.size
        by_slot = np.argsort(key_slot, kind="stable")
        unique, counts, key_slot = unique[by_slot], counts[by_slot], key_slot[by_slot]
        bounds = np.searchsorted(key_slot, np.arange(rows + 1))
        table, prior = identifier.nb_ptc, identifier.nb_pc
        result = np.empty((rows, len(identifier.nb_classes)), dtype=np.float32)
        for slot, row in enumerate(order.tolist()):
            start, end = int(bounds[slot]), int(bounds[slot + 1])
            if start == end:
                scores = np.full(len(identifier.nb_classes), 0.0, dtype=np.float32)
            else:
                index = unique[start:end] % self._output.size
                weights = counts[start:end].astype(np.float32)
                scores = np.log1p(weights) @ table[index] + prior
            scores *= 1.0 / math.sqrt(int(lengths[row]) or 1)
            np.exp(scores - scores.max(), out=scores)
            scores /= scores.sum()
            for first_column, dupe in identifier._alias_pairs:
                scores[first_column] += scores[dupe]
                scores[dupe] = 0.0
            result[row] = scores
        return result


def _use_contiguous_float32_table(identifier: Any) -> None:
    """Store the restricted n-gram table as contiguous float32 (20 MB for 53 languages).

    ``set_languages`` leaves a strided float16 column selection, and every article then pays
    for gathering and up-casting it; a contiguous float32 copy halves the scoring time
    (bench/results/language.md). The attribute is py3langid's own; if a future version renames
    it, the detector simply keeps the library's table.
    """
    table = getattr(identifier, "nb_ptc", None)
    if isinstance(table, np.ndarray):
        identifier.nb_ptc = np.ascontiguousarray(table, dtype=np.float32)
