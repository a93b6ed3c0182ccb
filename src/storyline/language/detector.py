"""The language detector protocol, its default implementation, and a fixed fake for tests."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Protocol

from storyline.errors import ConfigurationError
from storyline.language.decision import pair_hints
from storyline.language.text_sample import normalize_code
from storyline.model import LanguageTag


class LanguageDetector(Protocol):
    """Anything that tags a text with its language.

    ``hint`` is the language the page declared (``<html lang>``, a feed field); the text decides
    and the hint only breaks a near-tie. Text with no letters, or too little to decide, is tagged
    ``und`` with confidence 0.
    """

    def detect(self, text: str, *, hint: str | None = None) -> LanguageTag: ...

    def detect_batch(
        self, texts: Sequence[str], *, hints: Sequence[str | None] | None = None
    ) -> list[LanguageTag]:
        """``detect`` for each text (with its hint); backends may do a batch faster."""
        ...


@functools.cache
def default_detector() -> LanguageDetector:
    """The detector the pipeline uses, loaded once per process (loading takes ~1-2 s)."""
    from storyline.language.langid_backend import LangidDetector

    return LangidDetector()


class FixedLanguageDetector:
    """A detector that answers the same language for every text, for tests of other code.

    A text-side hint is ignored, as the real detectors ignore a hint the text contradicts; the
    texts it was asked about are kept in ``seen`` so a test can check what reached it.
    """

    def __init__(self, code: str = "en", confidence: float = 1.0) -> None:
        normalized = normalize_code(code) if code != "und" else "und"
        if normalized is None:
            raise ConfigurationError(f"not an ISO 639-1 language code: {code!r}")
        if not 0.0 <= confidence <= 1.0:
            raise ConfigurationError(f"confidence must be in [0, 1], got {confidence}")
        self.tag = LanguageTag(code=normalized, confidence=confidence, detector="fixed")
        self.seen: list[str] = []

    def detect(self, text: str, *, hint: str | None = None) -> LanguageTag:
        self.seen.append(text)
        return self.tag

    def detect_batch(
        self, texts: Sequence[str], *, hints: Sequence[str | None] | None = None
    ) -> list[LanguageTag]:
        pair_hints(texts, hints)  # same argument checking as the real detectors
        return [self.detect(text) for text in texts]
