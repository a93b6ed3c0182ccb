"""Fixtures several stages' tests share: the labelled corpus and seeds as the pipeline hands them
to the story stages, and the default multilingual encoder behind a text cache (loaded once)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pytest
from bench.cluster_data import CORPUS, SEEDS

from storyline.analyze import split_sentences
from storyline.engine import Engine
from storyline.model import Article, LanguageTag, PublicationDate, RemovedLine
from storyline.represent import default_embedder

Embed = Callable[[Sequence[str]], np.ndarray]


@pytest.fixture(scope="session")
def labelled() -> dict[str, Article]:
    """Every corpus and seed article after ingest, clean, language and analyze, by id."""
    with Engine(memory=True) as engine:
        result = engine.add([CORPUS / "articles.jsonl", SEEDS])
        assert not result.rejected, result.rejected
        return {article.id: article for article in engine.articles()}


@pytest.fixture(scope="session")
def embed() -> Embed:
    """The default encoder as the pipeline injects it into the story stages."""
    embedder = default_embedder()
    cache: dict[str, np.ndarray] = {}

    def cached(texts: Sequence[str]) -> np.ndarray:
        new = [text for text in dict.fromkeys(texts) if text not in cache]
        if new:
            cache.update(zip(new, embedder.embed(new), strict=True))
        return np.stack([cache[text] for text in texts])

    return cached


def build_article(
    article_id: str,
    lang: str,
    text: str,
    published: str | None = None,
    source: str | None = None,
    removed: tuple[str, ...] = (),
) -> Article:
    """An Article from a text written in a test, with real sentence spans; ``removed`` lines
    are kept as the cleaner's credit lines."""
    return Article(
        id=article_id,
        content_hash=article_id,
        origin=f"test/{article_id}",
        text=text,
        lang=LanguageTag(lang, 1.0, "test"),
        source=source,
        published=PublicationDate(published, "metadata") if published else None,
        sentences=split_sentences(text, lang),
        removed=tuple(RemovedLine(line, "credits", index) for index, line in enumerate(removed)),
    )
