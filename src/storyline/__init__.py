"""storyline: turn a pile or a stream of news articles into stories.

The public surface is the facade (``Engine``, ``run``), the records and the errors.
"""

import logging

from storyline.engine import Engine, run
from storyline.errors import (
    BinaryInputError,
    ConfigurationError,
    DecodingError,
    DuplicateIdError,
    EmptyInputError,
    InputError,
    MalformedRecordError,
    MissingDependencyError,
    NoArticleError,
    StoreError,
    StorylineError,
    TooLargeError,
)
from storyline.model import (
    Article,
    ArticleFeatures,
    Claim,
    CleanedDocument,
    Comparison,
    ContentKind,
    DateMention,
    FactComparison,
    LanguageTag,
    NumericFact,
    PageMetadata,
    PublicationDate,
    Quote,
    QuoteMatch,
    RawDocument,
    Rejected,
    RemovedLine,
    Sentence,
    SentenceRef,
    Stage,
    Story,
    StoryMember,
)
from storyline.pipeline import RunResult, RunSettings

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ArticleFeatures",
    "BinaryInputError",
    "Claim",
    "CleanedDocument",
    "Comparison",
    "ConfigurationError",
    "ContentKind",
    "DateMention",
    "DecodingError",
    "DuplicateIdError",
    "EmptyInputError",
    "Engine",
    "FactComparison",
    "InputError",
    "LanguageTag",
    "MalformedRecordError",
    "MissingDependencyError",
    "NoArticleError",
    "NumericFact",
    "PageMetadata",
    "PublicationDate",
    "Quote",
    "QuoteMatch",
    "RawDocument",
    "Rejected",
    "RemovedLine",
    "RunResult",
    "RunSettings",
    "Sentence",
    "SentenceRef",
    "Stage",
    "StoreError",
    "Story",
    "StoryMember",
    "StorylineError",
    "TooLargeError",
    "__version__",
    "run",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
