"""Language: identify the language of a cleaned text (ISO 639-1 code with confidence).

Public: the ``LanguageDetector`` protocol and ``default_detector()``.
"""

from storyline.language.detector import LanguageDetector, default_detector

__all__ = ["LanguageDetector", "default_detector"]
