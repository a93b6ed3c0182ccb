"""Language: identify the language of a cleaned text (ISO 639-1 code with confidence).

``default_detector().detect(text, hint=None)`` is the entry point; it returns a ``LanguageTag``
whose ``detector`` field names the library, its version and its configuration. Text with no
letters, or too little or too ambiguous to decide, is ``und`` with confidence 0.
"""

from storyline.language.decision import DecisionRules
from storyline.language.detector import FixedLanguageDetector, LanguageDetector, default_detector
from storyline.language.langid_backend import LangidDetector
from storyline.language.languages import DEFAULT_LANGUAGES
from storyline.language.lingua_backend import LinguaDetector
from storyline.language.text_sample import UNDETERMINED, detection_sample

__all__ = [
    "DEFAULT_LANGUAGES",
    "UNDETERMINED",
    "DecisionRules",
    "FixedLanguageDetector",
    "LangidDetector",
    "LanguageDetector",
    "LinguaDetector",
    "default_detector",
    "detection_sample",
]
