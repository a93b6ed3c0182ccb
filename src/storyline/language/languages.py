"""The languages a detector may answer with by default.

Restricting a detector to the languages it can meet makes it both faster (fewer models to score)
and more accurate: with all 140 labels of py3langid enabled, Spanish snippets drift to
Aragonese, Portuguese to Galician and Bokmål to Nynorsk (bench/results/language.md); lingua with
all its languages tags short Ukrainian as Kazakh. The set below is the news languages of Europe
and the largest news languages elsewhere; a text in a language outside it is tagged with its
closest member, so a deployment that expects other languages passes its own ``languages=``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from storyline.errors import ConfigurationError
from storyline.language.text_sample import normalize_code

# Every code here is supported by both py3langid and lingua, so the backends are comparable.
DEFAULT_LANGUAGES: tuple[str, ...] = (
    # Latin-script Europe
    "en", "de", "fr", "es", "pt", "it", "nl", "ca", "eu",
    "sv", "da", "nb", "fi", "is", "et", "lv", "lt",
    "pl", "cs", "sk", "sl", "hr", "bs", "sr", "hu", "ro", "sq", "tr", "ga", "cy",
    # Cyrillic and Greek
    "ru", "uk", "be", "bg", "mk", "kk", "el",
    # Middle East, Asia, Africa
    "ar", "he", "fa", "ur", "hi", "bn", "zh", "ja", "ko", "th", "vi", "id", "ms",
    "tl", "sw", "af",
)  # fmt: skip

DEFAULT_SET_LABEL = "news53"


def language_set_label(languages: tuple[str, ...]) -> str:
    """A short, stable name for a set of languages, for the ``detector`` field of a LanguageTag.

    Two detectors restricted to different sets give different answers, so the set must be part of
    the name; the default set has a readable name, any other a digest of its sorted codes.
    """
    if tuple(sorted(languages)) == tuple(sorted(DEFAULT_LANGUAGES)):
        return DEFAULT_SET_LABEL
    digest = hashlib.sha1(",".join(sorted(languages)).encode()).hexdigest()[:8]
    return f"{len(languages)}langs-{digest}"


def validated_codes(languages: Sequence[str]) -> tuple[str, ...]:
    """The candidate set as normalised ISO 639-1 codes, in order, without duplicates."""
    codes: list[str] = []
    for language in languages:
        code = normalize_code(language)
        if code is None:
            raise ConfigurationError(f"not an ISO 639-1 language code: {language!r}")
        if code not in codes:
            codes.append(code)
    if len(codes) < 2:
        raise ConfigurationError("a language detector needs at least two candidate languages")
    return tuple(codes)
