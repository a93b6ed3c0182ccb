"""Records to plain JSON-ready dicts and back.

One place decides how a record looks on disk, so ``articles.jsonl``, the SQLite store and the
report all agree. ``docs/output.md`` documents every field; ``tests/test_docs.py`` checks it.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np

from storyline.model import (
    Article,
    ArticleFeatures,
    DateMention,
    LanguageTag,
    PublicationDate,
    Rejected,
    RemovedLine,
    Sentence,
    Stage,
    Story,
    StoryMember,
)


def article_to_dict(article: Article) -> dict[str, Any]:
    published = article.published
    return {
        "id": article.id,
        "content_hash": article.content_hash,
        "origin": article.origin,
        "source": article.source,
        "url": article.url,
        "title": article.title,
        "author": article.author,
        "lang": article.lang.code,
        "lang_confidence": round(article.lang.confidence, 4),
        "lang_detector": article.lang.detector,
        "published": published.value if published else None,
        "published_source": published.source if published else None,
        "published_evidence": published.evidence if published else None,
        "text": article.text,
        "sentences": [[s.start, s.end] for s in article.sentences],
        "dates": [_date_to_dict(d) for d in article.dates],
        "removed": [_removed_to_dict(r) for r in article.removed],
        "cleaner": article.cleaner,
    }


def article_from_dict(data: dict[str, Any]) -> Article:
    text: str = data["text"]
    published = None
    if data.get("published"):
        published = PublicationDate(
            value=data["published"],
            source=data.get("published_source") or "metadata",
            evidence=data.get("published_evidence"),
        )
    return Article(
        id=data["id"],
        content_hash=data["content_hash"],
        origin=data.get("origin", ""),
        text=text,
        lang=LanguageTag(
            code=data["lang"],
            confidence=float(data.get("lang_confidence", 0.0)),
            detector=data.get("lang_detector", ""),
        ),
        source=data.get("source"),
        url=data.get("url"),
        title=data.get("title"),
        author=data.get("author"),
        published=published,
        sentences=tuple(
            Sentence(start=start, end=end, text=text[start:end])
            for start, end in data.get("sentences", [])
        ),
        dates=tuple(_date_from_dict(d) for d in data.get("dates", [])),
        removed=tuple(_removed_from_dict(r) for r in data.get("removed", [])),
        cleaner=data.get("cleaner", ""),
    )


def rejected_to_dict(rejected: Rejected) -> dict[str, Any]:
    return {
        "id": rejected.id,
        "origin": rejected.origin,
        "stage": str(rejected.stage),
        "reason": rejected.reason,
        "content_hash": rejected.content_hash,
    }


def rejected_from_dict(data: dict[str, Any]) -> Rejected:
    return Rejected(
        id=data["id"],
        origin=data["origin"],
        stage=Stage(data["stage"]),
        reason=data["reason"],
        content_hash=data.get("content_hash"),
    )


def _date_to_dict(mention: DateMention) -> dict[str, Any]:
    return {
        "text": mention.text,
        "start": mention.start,
        "end": mention.end,
        "value": mention.value,
        "precision": mention.precision,
        "relative": mention.relative,
        "resolved_with": mention.resolved_with,
        "weekday": mention.weekday,
        "offset": mention.offset,
    }


def _date_from_dict(data: dict[str, Any]) -> DateMention:
    return DateMention(
        text=data["text"],
        start=data["start"],
        end=data["end"],
        value=data.get("value"),
        precision=data["precision"],
        relative=bool(data.get("relative", False)),
        resolved_with=data.get("resolved_with"),
        weekday=data.get("weekday"),
        offset=data.get("offset"),
    )


def _removed_to_dict(line: RemovedLine) -> dict[str, Any]:
    return {
        "text": line.text,
        "reason": line.reason,
        "line_number": line.line_number,
        "score": round(line.score, 4),
    }


def _removed_from_dict(data: dict[str, Any]) -> RemovedLine:
    return RemovedLine(
        text=data["text"],
        reason=data["reason"],
        line_number=data["line_number"],
        score=float(data.get("score", 1.0)),
    )


def story_to_dict(story: Story) -> dict[str, Any]:
    return {
        "id": story.id,
        "headline": story.headline,
        "headline_article": story.headline_article,
        "articles": [
            {"id": member.article_id, "similarity": member.similarity} for member in story.members
        ],
        "languages": list(story.languages),
        "first_time": story.first_time,
        "last_time": story.last_time,
        "model": story.model,
    }


def story_from_dict(data: dict[str, Any]) -> Story:
    return Story(
        id=data["id"],
        headline=data["headline"],
        headline_article=data["headline_article"],
        members=tuple(
            StoryMember(article_id=m["id"], similarity=float(m["similarity"]))
            for m in data["articles"]
        ),
        languages=tuple(data["languages"]),
        first_time=data.get("first_time"),
        last_time=data.get("last_time"),
        model=data.get("model", ""),
    )


def features_to_row(features: ArticleFeatures) -> tuple[Any, ...]:
    """(article_id, model, vector bytes, minhash bytes, extras JSON) for the store."""
    extras = {
        "names": sorted(features.names),
        "numbers": sorted(features.numbers),
        "years": sorted(features.years),
        "minhash_scheme": features.minhash_scheme,
        "grouping_text": features.grouping_text,
    }
    return (
        features.article_id,
        features.model,
        np.asarray(features.vector, dtype=np.float32).tobytes(),
        np.asarray(features.minhash, dtype=np.uint32).tobytes(),
        json.dumps(extras, ensure_ascii=False),
    )


def features_from_row(row: tuple[Any, ...]) -> ArticleFeatures:
    article_id, model, vector, minhash, extras_json = row
    extras = json.loads(extras_json)
    return ArticleFeatures(
        article_id=article_id,
        model=model,
        vector=np.frombuffer(vector, dtype=np.float32),
        names=frozenset(extras["names"]),
        numbers=frozenset(extras["numbers"]),
        years=frozenset(extras["years"]),
        minhash=np.frombuffer(minhash, dtype=np.uint32),
        minhash_scheme=extras.get("minhash_scheme", ""),
        grouping_text=extras.get("grouping_text", ""),
    )
