"""An in-memory store for tests and one-off runs."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence

import numpy as np

from storyline.errors import DuplicateIdError
from storyline.model import Article, ArticleFeatures, Rejected, Story
from storyline.store.base import StoredState, StoryDetail


class MemoryStore:
    def __init__(self) -> None:
        self._articles: dict[str, Article] = {}
        self._rejected: list[tuple[str, Rejected]] = []
        self._features: dict[tuple[str, str], ArticleFeatures] = {}
        self._stories: list[Story] = []
        self._details: dict[str, dict[str, StoryDetail]] = {}
        self._text_vectors: dict[tuple[str, str], np.ndarray] = {}

    def state_of(self, article_id: str, content_hash: str) -> StoredState:
        stored = self._articles.get(article_id)
        if stored is None:
            return StoredState.NEW
        return StoredState.SAME if stored.content_hash == content_hash else StoredState.CONFLICT

    def add(
        self,
        articles: Iterable[Article],
        rejected: Iterable[Rejected],
        run_id: str,
        features: Iterable[ArticleFeatures] = (),
    ) -> None:
        articles = list(articles)
        for article in articles:
            if self.state_of(article.id, article.content_hash) is StoredState.CONFLICT:
                raise DuplicateIdError(f"article id {article.id!r} is stored with other content")
        self._articles.update((a.id, a) for a in articles)
        self._rejected.extend((run_id, r) for r in rejected)
        self._features.update(((f.article_id, f.model), f) for f in features)

    def features(self, model: str) -> Iterator[ArticleFeatures]:
        yield from (f for (_, m), f in sorted(self._features.items()) if m == model)

    def features_of(self, model: str, article_ids: Sequence[str]) -> dict[str, ArticleFeatures]:
        found = ((i, self._features.get((i, model))) for i in article_ids)
        return {i: f for i, f in found if f is not None}

    def save_stories(self, stories: Iterable[Story]) -> None:
        self._stories = list(stories)

    def stories(self) -> list[Story]:
        return list(self._stories)

    def save_story_details(self, part: str, details: Iterable[StoryDetail]) -> None:
        self._details[part] = {detail.story_id: detail for detail in details}

    def story_details(self, part: str) -> dict[str, StoryDetail]:
        return dict(self._details.get(part, {}))

    def story_detail(self, part: str, story_id: str) -> StoryDetail | None:
        return self._details.get(part, {}).get(story_id)

    def story_detail_hashes(self, part: str) -> dict[str, str]:
        return {s: d.members_hash for s, d in self._details.get(part, {}).items()}

    def update_story_details(self, part: str, details: Iterable[StoryDetail]) -> None:
        self._details.setdefault(part, {}).update((d.story_id, d) for d in details)

    def keep_story_details(self, story_ids: Collection[str]) -> None:
        keep = set(story_ids)
        for details in self._details.values():
            for story_id in [s for s in details if s not in keep]:
                del details[story_id]

    def text_vectors(self, model: str, text_hashes: Sequence[str]) -> dict[str, np.ndarray]:
        found = ((h, self._text_vectors.get((model, h))) for h in text_hashes)
        return {h: vector for h, vector in found if vector is not None}

    def add_text_vectors(self, model: str, vectors: Mapping[str, np.ndarray]) -> None:
        self._text_vectors.update(((model, h), v) for h, v in vectors.items())

    def articles(self) -> Iterator[Article]:
        yield from sorted(self._articles.values(), key=lambda a: a.id)

    def article(self, article_id: str) -> Article | None:
        return self._articles.get(article_id)

    def rejected(self, run_id: str | None = None) -> Iterator[Rejected]:
        yield from (r for rid, r in self._rejected if run_id is None or rid == run_id)

    def count_articles(self) -> int:
        return len(self._articles)

    def close(self) -> None:
        pass
