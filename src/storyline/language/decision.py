"""From a backend's ranked guesses to one LanguageTag: the rules every backend shares.

The rules, in order:

1. A sample with fewer than ``min_letters`` letters is ``und`` (digits, punctuation, a name).
2. A declared language (the hint) wins only a near-tie: when the backend gives it at least
   ``hint_ratio`` of the probability of its best guess (or it is the best guess), it is the
   answer even below ``min_confidence``. The text decides; the hint breaks ties.
3. Otherwise the best guess wins if its probability reaches ``min_confidence``; below that the
   text is too ambiguous to call and the answer is ``und``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storyline.errors import ConfigurationError
from storyline.language.text_sample import UNDETERMINED, normalize_code
from storyline.model import LanguageTag

# Below ~10 letters (a name, "OK", an acronym) every n-gram model guesses; measured on one- and
# two-word fragments of the evaluation snippets in bench/results/language.md.
DEFAULT_MIN_LETTERS = 10
# py3langid's probabilities are soft (its softmax is tempered by the text length): correct
# 2-sentence snippets go down to 0.37 (Olaf Scholz met Giorgia Meloni and Pedro Sánchez...), so
# 0.3 answers all of them while still holding back the least certain short fragments.
DEFAULT_MIN_CONFIDENCE = 0.3
# "Near-tie": the hinted language is at least half as likely as the best guess, e.g. Czech 0.60
# against Slovak 0.39 for "Zápas skončil remízou.", which is correct in both languages.
DEFAULT_HINT_RATIO = 0.5


@dataclass(frozen=True, slots=True)
class DecisionRules:
    """Thresholds that turn ranked probabilities into a tag; see the module docstring."""

    min_letters: int = DEFAULT_MIN_LETTERS
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    hint_ratio: float = DEFAULT_HINT_RATIO

    def __post_init__(self) -> None:
        if self.min_letters < 1:
            raise ConfigurationError(f"min_letters must be at least 1, got {self.min_letters}")
        if not 0.0 <= self.min_confidence <= 1.0:
            raise ConfigurationError(f"min_confidence must be in [0, 1], got {self.min_confidence}")
        if not 0.0 < self.hint_ratio <= 1.0:
            raise ConfigurationError(f"hint_ratio must be in (0, 1], got {self.hint_ratio}")

    def name_suffix(self) -> str:
        """Empty for the default rules, else the thresholds, for a detector's name."""
        if self == DecisionRules():
            return ""
        return f",rules={self.min_letters}/{self.min_confidence:g}/{self.hint_ratio:g}"

    def undetermined(self, detector: str) -> LanguageTag:
        return LanguageTag(code=UNDETERMINED, confidence=0.0, detector=detector)

    def decide(
        self,
        ranked: Sequence[tuple[str, float]],
        *,
        detector: str,
        hint: str | None = None,
    ) -> LanguageTag:
        """Pick the tag from ``ranked`` (code, probability) pairs sorted best first."""
        if not ranked:
            return self.undetermined(detector)
        best_code, best_probability = ranked[0]
        hinted = normalize_code(hint)
        if hinted is not None:
            # The hint may also be the best guess itself: then it settles an uncertain call.
            hint_probability = next((p for code, p in ranked if code == hinted), 0.0)
            if hint_probability > 0.0 and hint_probability >= self.hint_ratio * best_probability:
                return LanguageTag(
                    code=hinted, confidence=_clamp(hint_probability), detector=detector
                )
        if best_probability < self.min_confidence:
            return self.undetermined(detector)
        return LanguageTag(code=best_code, confidence=_clamp(best_probability), detector=detector)


def _clamp(probability: float) -> float:
    # Backends sum floating-point probabilities; keep the record's documented range exact.
    return min(1.0, max(0.0, float(probability)))


def pair_hints(texts: Sequence[str], hints: Sequence[str | None] | None) -> Sequence[str | None]:
    """One hint per text for a batch call (None everywhere when no hints were given)."""
    if hints is None:
        return [None] * len(texts)
    if len(hints) != len(texts):
        raise ConfigurationError(f"got {len(hints)} hints for {len(texts)} texts")
    return hints
