"""storyline's exceptions: one tree under a single base.

::

    StorylineError
    ├── ConfigurationError      bad settings or usage (the CLI exits 2)
    ├── MissingDependencyError  an optional extra is not installed; names the pip line
    ├── InputError              one input cannot be read; becomes a Rejected record
    │   ├── EmptyInputError
    │   ├── BinaryInputError
    │   ├── DecodingError
    │   ├── TooLargeError
    │   ├── MalformedRecordError
    │   └── NoArticleError      the page or text holds no article body
    └── StoreError              the store cannot be opened or written
        └── DuplicateIdError    the same id arrived again with different content

Stage code raises an ``InputError`` for one bad article; the pipeline turns it into a ``Rejected``
record with ``exc.stage`` and ``exc.article_id`` and goes on with the batch.
"""

from __future__ import annotations


class StorylineError(Exception):
    """Base of every exception storyline raises on purpose."""


class ConfigurationError(StorylineError):
    """Settings or arguments that cannot work; nothing was processed."""


class MissingDependencyError(StorylineError):
    """An optional library is needed for this feature; the message names the install line."""


class InputError(StorylineError):
    """One input could not be turned into an article; the rest of the batch goes on."""

    def __init__(self, reason: str, *, article_id: str = "", stage: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.article_id = article_id
        self.stage = stage


class EmptyInputError(InputError):
    """The input has no content (zero bytes or only whitespace)."""


class BinaryInputError(InputError):
    """The input is binary data (an image, an archive) rather than text."""


class DecodingError(InputError):
    """The bytes could not be decoded as text in any supported encoding."""


class TooLargeError(InputError):
    """The input is larger than the configured size limit."""


class MalformedRecordError(InputError):
    """A JSON or JSONL record is not valid JSON or lacks required fields."""


class NoArticleError(InputError):
    """The page or text holds no article body once chrome is removed."""


class StoreError(StorylineError):
    """The store could not be opened, migrated or written."""


class DuplicateIdError(StoreError):
    """An article id arrived again with different content."""
