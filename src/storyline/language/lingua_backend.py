"""An alternative detector: lingua (Rust n-gram models), restricted to a language set.

Kept because it is the most accurate library on very short texts in published comparisons and its
models ship inside the wheel; on our 2-sentence news snippets it was less accurate than py3langid
and 3-8x slower per article (bench/results/language.md), so it is not the default. It has a
multi-threaded batch path, used by ``detect_batch``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from importlib.metadata import version
from typing import Any

from storyline.errors import ConfigurationError, MissingDependencyError
from storyline.language.decision import DecisionRules, pair_hints
from storyline.language.languages import DEFAULT_LANGUAGES, language_set_label, validated_codes
from storyline.language.text_sample import DEFAULT_MAX_CHARS, detection_sample, has_letters
from storyline.model import LanguageTag

logger = logging.getLogger(__name__)


class LinguaDetector:
    """Language identification with lingua on a bounded prefix of the text.

    ``low_accuracy`` uses trigrams only: several times faster, less accurate on short texts.
    """

    def __init__(
        self,
        languages: Sequence[str] = DEFAULT_LANGUAGES,
        *,
        low_accuracy: bool = True,
        max_chars: int = DEFAULT_MAX_CHARS,
        rules: DecisionRules | None = None,
    ) -> None:
        try:
            import lingua
        except ImportError:
            raise MissingDependencyError(
                "the lingua language detector is not installed: "
                "pip install 'lingua-language-detector>=2.0'"
            ) from None
        if max_chars < 50:
            raise ConfigurationError(f"max_chars must be at least 50, got {max_chars}")
        codes = validated_codes(languages)
        iso_codes = []
        for code in codes:
            iso_code = getattr(lingua.IsoCode639_1, code.upper(), None)
            if iso_code is None:
                raise ConfigurationError(f"lingua does not know the language {code!r}")
            iso_codes.append(iso_code)
        builder = lingua.LanguageDetectorBuilder.from_iso_codes_639_1(*iso_codes)
        if low_accuracy:
            builder = builder.with_low_accuracy_mode()
        # Lazy loading would make the first article of every language pay for its model.
        self._detector = builder.with_preloaded_language_models().build()
        self.languages = codes
        self.low_accuracy = low_accuracy
        self.max_chars = max_chars
        self.rules = rules or DecisionRules()
        mode = "low" if low_accuracy else "high"
        self.name = (
            f"lingua-{version('lingua-language-detector')}:"
            f"{mode},{language_set_label(codes)},{max_chars}c{self.rules.name_suffix()}"
        )
        logger.debug("loaded %s", self.name)

    def detect(self, text: str, *, hint: str | None = None) -> LanguageTag:
        sample = detection_sample(text, self.max_chars)
        if not has_letters(sample, self.rules.min_letters):
            return self.rules.undetermined(self.name)
        values = self._detector.compute_language_confidence_values(sample)
        return self.rules.decide(_ranked(values), detector=self.name, hint=hint)

    def detect_batch(
        self, texts: Sequence[str], *, hints: Sequence[str | None] | None = None
    ) -> list[LanguageTag]:
        """Tags for many texts, scored on lingua's thread pool."""
        hint_list = pair_hints(texts, hints)
        samples = [detection_sample(text, self.max_chars) for text in texts]
        decidable = [i for i, s in enumerate(samples) if has_letters(s, self.rules.min_letters)]
        values = self._detector.compute_language_confidence_values_in_parallel(
            [samples[i] for i in decidable]
        )
        tags = [self.rules.undetermined(self.name)] * len(texts)
        for index, confidence_values in zip(decidable, values, strict=True):
            tags[index] = self.rules.decide(
                _ranked(confidence_values), detector=self.name, hint=hint_list[index]
            )
        return tags


def _ranked(confidence_values: Sequence[Any]) -> list[tuple[str, float]]:
    # lingua returns ConfidenceValue objects sorted best first, probabilities summing to 1.
    return [
        (value.language.iso_code_639_1.name.lower(), float(value.value))
        for value in confidence_values
    ]
