"""An article builder for the provenance tests (the corpus and encoder fixtures are in
tests/conftest.py)."""

from __future__ import annotations

from storyline.analyze import split_sentences
from storyline.model import Article, LanguageTag, PublicationDate, RemovedLine


def build_article(
    article_id: str,
    lang: str,
    text: str,
    published: str | None = None,
    source: str | None = None,
    removed: tuple[str, ...] = (),
) -> Article:
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
