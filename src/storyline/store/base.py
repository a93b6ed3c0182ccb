"""The store protocol every backend implements."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from enum import StrEnum
from typing import Protocol

from storyline.model import Article, ArticleFeatures, Rejected, Story


class StoredState(StrEnum):
    """What the store already knows about an incoming (id, content hash) pair."""

    NEW = "new"
    SAME = "same"  # this exact content is stored already: skip it
    CONFLICT = "conflict"  # the id is stored with other content


class Store(Protocol):
    def state_of(self, article_id: str, content_hash: str) -> StoredState: ...

    def add(
        self,
        articles: Iterable[Article],
        rejected: Iterable[Rejected],
        run_id: str,
        features: Iterable[ArticleFeatures] = (),
    ) -> None:
        """Add one batch atomically: all of it is stored, or none of it."""
        ...

    def features(self, model: str) -> Iterator[ArticleFeatures]: ...

    def save_stories(self, stories: Iterable[Story]) -> None:
        """Replace the stories atomically."""
        ...

    def stories(self) -> list[Story]: ...

    def articles(self) -> Iterator[Article]: ...

    def article(self, article_id: str) -> Article | None: ...

    def rejected(self, run_id: str | None = None) -> Iterator[Rejected]: ...

    def count_articles(self) -> int: ...

    def close(self) -> None: ...
