"""The default detector: py3langid (naive Bayes over byte n-grams), restricted to a language set.

Chosen over lingua and eld by bench/language_accuracy.py: it was the most accurate on the
2-sentence evaluation snippets (including cs/sk, es/pt, uk/ru, sv/da/nb) and the cheapest per
article. Its model ships inside the wheel (``py3langid/data/model.npz.xz``); nothing is
downloaded. Loading decompresses the model (~1-2 s, ~130 MB), so load once per process.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from importlib.metadata import version
from typing import Any

import numpy as np

from storyline.errors import ConfigurationError, MissingDependencyError
from storyline.language.decision import DecisionRules, pair_hints
from storyline.language.languages import DEFAULT_LANGUAGES, language_set_label, validated_codes
from storyline.language.text_sample import DEFAULT_MAX_CHARS, detection_sample, has_letters
from storyline.model import LanguageTag

logger = logging.getLogger(__name__)

# py3langid names written Norwegian "no"; we emit "nb" like lingua does (see text_sample).
_TO_LANGID = {"nb": "no"}
_FROM_LANGID = {theirs: ours for ours, theirs in _TO_LANGID.items()}


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
        """Tags for many texts; py3langid has no faster batch path, so this is a plain loop."""
        hint_list = pair_hints(texts, hints)
        return [self.detect(text, hint=hint) for text, hint in zip(texts, hint_list, strict=True)]


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
