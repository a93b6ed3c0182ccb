"""The store protocol every backend implements."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

import numpy as np

from storyline.model import Article, ArticleFeatures, Rejected, Story


class StoredState(StrEnum):
    """What the store already knows about an incoming (id, content hash) pair."""

    NEW = "new"
    SAME = "same"  # this exact content is stored already: skip it
    CONFLICT = "conflict"  # the id is stored with other content


@dataclass(frozen=True, slots=True)
class StoryDetail:
    """One stage's result for one story, stored as its JSON payload.

    ``members_hash`` fingerprints the member articles and their contents, so a later run
    recomputes only the stories whose articles changed.
    """

    story_id: str
    members_hash: str
    payload: dict[str, Any]


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

    def features_of(self, model: str, article_ids: Sequence[str]) -> dict[str, ArticleFeatures]:
        """The stored features of these articles by ``model``; articles without them absent."""
        ...

    def save_stories(self, stories: Iterable[Story]) -> None:
        """Replace the stories atomically."""
        ...

    def stories(self) -> list[Story]: ...

    def save_story_details(self, part: str, details: Iterable[StoryDetail]) -> None:
        """Replace every stored detail of ``part`` ("provenance", "comparison") atomically."""
        ...

    def story_details(self, part: str) -> dict[str, StoryDetail]: ...

    def story_detail(self, part: str, story_id: str) -> StoryDetail | None: ...

    def story_detail_hashes(self, part: str) -> dict[str, str]:
        """Story id -> members fingerprint of every stored detail of ``part``, without payloads."""
        ...

    def update_story_details(self, part: str, details: Iterable[StoryDetail]) -> None:
        """Add or replace these stories' details of ``part`` atomically (a long analysis saves
        as it goes, so a crash keeps what was done)."""
        ...

    def keep_story_details(self, story_ids: Collection[str]) -> None:
        """Drop every detail of a story not among ``story_ids``."""
        ...

    def text_vectors(self, model: str, text_hashes: Sequence[str]) -> dict[str, np.ndarray]:
        """The cached vectors of these texts (by hash) that ``model`` made; missing ones absent."""
        ...

    def add_text_vectors(self, model: str, vectors: Mapping[str, np.ndarray]) -> None: ...

    def articles(self) -> Iterator[Article]: ...

    def article(self, article_id: str) -> Article | None: ...

    def rejected(self, run_id: str | None = None) -> Iterator[Rejected]: ...

    def count_articles(self) -> int: ...

    def close(self) -> None: ...
