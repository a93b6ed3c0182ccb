"""Records to plain JSON-ready dicts and back.

One place decides how a record looks on disk, so ``articles.jsonl``, the SQLite store and the
report all agree. ``docs/output.md`` documents every field; ``tests/test_docs.py`` checks it.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np

from storyline.model import (
    AlignedSentences,
    Article,
    ArticleFeatures,
    Claim,
    Comparison,
    Credit,
    DateMention,
    FactComparison,
    LanguageTag,
    NumericFact,
    Provenance,
    PublicationDate,
    Quote,
    QuoteMatch,
    Rejected,
    Relation,
    RelationEvidence,
    RelationKind,
    RemovedLine,
    Sentence,
    SentenceRef,
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


def provenance_to_dict(provenance: Provenance) -> dict[str, Any]:
    """The story-level provenance fields of stories.json (``original``, ``relations``, ...)."""
    return {
        "original": provenance.original,
        "original_reason": provenance.original_reason,
        "independent_origins": provenance.independent_origins,
        "relations": [_relation_to_dict(r) for r in provenance.relations],
        "provenance_model": provenance.model,
    }


def provenance_from_dict(story_id: str, data: dict[str, Any]) -> Provenance:
    return Provenance(
        story_id=story_id,
        original=data["original"],
        original_reason=data["original_reason"],
        relations=tuple(_relation_from_dict(r) for r in data["relations"]),
        independent_origins=int(data["independent_origins"]),
        model=data.get("provenance_model", ""),
    )


def _relation_to_dict(relation: Relation) -> dict[str, Any]:
    evidence = relation.evidence
    return {
        "article": relation.article_id,
        "of": relation.of,
        "kind": relation.kind.value,
        "confidence": round(relation.confidence, 4),
        "evidence": {
            "aligned": [
                {
                    "sentence": pair.sentence,
                    "source_sentence": pair.source_sentence,
                    "similarity": round(pair.similarity, 4),
                }
                for pair in evidence.aligned
            ],
            "shared_spans": list(evidence.shared_spans),
            "containment": round(evidence.containment, 4),
            "time_order": evidence.time_order,
            "credits": [
                {
                    "text": c.text,
                    "agency": c.agency,
                    "where": c.where,
                    "start": c.start,
                    "end": c.end,
                    "line": c.line,
                    "role": c.role,
                }
                for c in evidence.credits
            ],
        },
    }


def _relation_from_dict(data: dict[str, Any]) -> Relation:
    evidence = data["evidence"]
    return Relation(
        article_id=data["article"],
        of=data["of"],
        kind=RelationKind(data["kind"]),
        confidence=float(data["confidence"]),
        evidence=RelationEvidence(
            aligned=tuple(
                AlignedSentences(p["sentence"], p["source_sentence"], float(p["similarity"]))
                for p in evidence["aligned"]
            ),
            shared_spans=tuple(evidence["shared_spans"]),
            containment=float(evidence["containment"]),
            time_order=evidence["time_order"],
            credits=tuple(
                Credit(
                    c["text"], c["agency"], c["where"], c["start"], c["end"], c["line"], c["role"]
                )
                for c in evidence["credits"]
            ),
        ),
    )


def comparison_to_dict(comparison: Comparison) -> dict[str, Any]:
    """The story-level comparison fields of stories.json (``facts``, ``quotes``, ``claims``)."""
    return {
        "facts": [
            {
                "quantity": fact.quantity,
                "verdict": fact.verdict,
                "independent_origins": fact.independent_origins,
                "conflicting": [list(pair) for pair in fact.conflicting],
                "values": [_numeric_fact_to_dict(value) for value in fact.values],
            }
            for fact in comparison.facts
        ],
        "quotes": [
            {
                "statement": index,
                "speaker": match.speaker,
                "speaker_key": match.speaker_key,
                "misattributed": match.misattributed,
                **_quote_to_dict(quote),
            }
            for index, match in enumerate(comparison.quotes)
            for quote in match.quotes
        ],
        "claims": [
            {
                "status": claim.status,
                "text": claim.text,
                "independent_origins": claim.independent_origins,
                "support": [
                    {"article": ref.article_id, "sentence": ref.sentence, "text": ref.text}
                    for ref in claim.support
                ],
            }
            for claim in comparison.claims
        ],
        "comparison_model": comparison.model,
    }


def comparison_from_dict(story_id: str, data: dict[str, Any]) -> Comparison:
    statements: dict[int, list[dict[str, Any]]] = {}
    for row in data["quotes"]:
        statements.setdefault(int(row["statement"]), []).append(row)
    return Comparison(
        story_id=story_id,
        facts=tuple(
            FactComparison(
                quantity=fact["quantity"],
                verdict=fact["verdict"],
                values=tuple(_numeric_fact_from_dict(v) for v in fact["values"]),
                conflicting=tuple((a, b) for a, b in fact["conflicting"]),
                independent_origins=int(fact["independent_origins"]),
            )
            for fact in data["facts"]
        ),
        quotes=tuple(
            QuoteMatch(
                speaker=rows[0]["speaker"],
                speaker_key=rows[0]["speaker_key"],
                quotes=tuple(_quote_from_dict(row) for row in rows),
                misattributed=bool(rows[0]["misattributed"]),
            )
            for _, rows in sorted(statements.items())
        ),
        claims=tuple(
            Claim(
                status=claim["status"],
                support=tuple(
                    SentenceRef(ref["article"], ref["sentence"], ref["text"])
                    for ref in claim["support"]
                ),
                independent_origins=int(claim["independent_origins"]),
                text=claim["text"],
            )
            for claim in data["claims"]
        ),
        model=data.get("comparison_model", ""),
    )


def _numeric_fact_to_dict(fact: NumericFact) -> dict[str, Any]:
    return {
        "article": fact.article_id,
        "text": fact.text,
        "start": fact.start,
        "end": fact.end,
        "value": fact.value,
        "low": fact.low,
        "high": fact.high,
        "qualifier": fact.qualifier,
        "unit": fact.unit,
        "quantity_key": fact.quantity_key,
        "sentence": fact.sentence,
        "verdict": fact.verdict,
        "sentence_text": fact.sentence_text,
    }


def _numeric_fact_from_dict(data: dict[str, Any]) -> NumericFact:
    return NumericFact(
        article_id=data["article"],
        text=data["text"],
        start=data["start"],
        end=data["end"],
        value=float(data["value"]),
        low=data["low"],
        high=data["high"],
        qualifier=data["qualifier"],
        unit=data["unit"],
        quantity_key=data["quantity_key"],
        sentence=data["sentence"],
        verdict=data["verdict"],
        sentence_text=data.get("sentence_text", ""),
    )


def _quote_to_dict(quote: Quote) -> dict[str, Any]:
    return {
        "article": quote.article_id,
        "quote": quote.text,
        "start": quote.start,
        "end": quote.end,
        "sentence": quote.sentence,
        "speaker_in_article": quote.speaker,
        "speaker_key_in_article": quote.speaker_key,
        "attribution": quote.attribution,
        "attribution_start": quote.attribution_start,
        "attribution_end": quote.attribution_end,
        "resolved_by": quote.resolved_by,
        "verdict": quote.verdict,
        "kind": quote.kind,
        "sentence_text": quote.sentence_text,
    }


def _quote_from_dict(data: dict[str, Any]) -> Quote:
    return Quote(
        article_id=data["article"],
        text=data["quote"],
        start=data["start"],
        end=data["end"],
        speaker=data["speaker_in_article"],
        speaker_key=data["speaker_key_in_article"],
        attribution=data["attribution"],
        attribution_start=data["attribution_start"],
        attribution_end=data["attribution_end"],
        sentence=data["sentence"],
        resolved_by=data["resolved_by"],
        verdict=data["verdict"],
        sentence_text=data.get("sentence_text", ""),
        kind=data.get("kind", "direct"),
    )
