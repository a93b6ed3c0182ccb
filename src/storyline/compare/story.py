"""``compare_story``: numbers, quotes and claims of one story, from its articles.

Everything the comparison embeds (sentences, clauses, quote pieces) goes to the injected
``embed`` in one call per story, deduplicated, so a caller that caches sentence vectors (the
pipeline reuses the ones provenance computed) pays only for what is new. A story of one article
has nothing to compare and returns an empty ``Comparison`` without embedding anything.

Big stories stay cheap: past ``MAX_COMPARED_ARTICLES`` the comparison reads one article per
independent origin (the earliest; copies add no independent evidence), and past that again the
earliest reports. Claims compare clauses pairwise, so this bounds the work of a story of a
thousand syndicated copies to that of a few dozen articles.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

import numpy as np

from storyline.compare import _numbers_lexicon as lex
from storyline.compare.claims import ClaimUnit, claim_units, group_claims
from storyline.compare.facts import align_facts
from storyline.compare.matching import match_quotes, quote_pieces
from storyline.compare.numbers import clause_of, numeric_facts
from storyline.compare.quotes import article_quotes, reported_speech
from storyline.model import Article, Comparison, NumericFact, Quote, QuoteMatch

__all__ = ["MAX_COMPARED_ARTICLES", "Embed", "compare_story"]

MAX_COMPARED_ARTICLES = 60
_SHORT_SENTENCE_WORDS = 20

logger = logging.getLogger(__name__)

Embed = Callable[[Sequence[str]], np.ndarray]


def compare_story(
    articles: Sequence[Article],
    embed: Embed,
    origin_of: Mapping[str, str] | None = None,
    published: Mapping[str, str | None] | None = None,
    story_id: str = "",
    model: str = "",
) -> Comparison:
    """Compare the articles of one story.

    ``origin_of`` maps an article id to its independent origin (copies, rewrites and translations
    of one report share it; a missing article is its own origin). ``published`` gives ISO
    publication times (defaults to ``Article.published``); it orders reports for ``update``
    verdicts and tie-breaks.
    """
    if len(articles) < 2:
        return Comparison(story_id=story_id, model=model)
    origins = dict(origin_of or {})
    times = dict(published or {})
    for article in articles:
        origins.setdefault(article.id, article.id)
        if article.id not in times:
            times[article.id] = article.published.value if article.published else None
    chronological = sorted(
        articles, key=lambda a: (times.get(a.id) is None, times.get(a.id) or "", a.id)
    )
    order = {article.id: rank for rank, article in enumerate(chronological)}
    if len(articles) > MAX_COMPARED_ARTICLES:
        articles = _representatives(chronological, origins)
        logger.debug("story %s: comparing %d representative articles", story_id, len(articles))

    facts = [fact for article in articles for fact in _unique(numeric_facts(article))]
    direct: list[Quote] = []
    reported: list[Quote] = []
    units: list[ClaimUnit] = []
    # Exact copies (same text, same language) are read once; their records only change owner.
    read: dict[tuple[str, str], tuple[str, list[Quote], list[ClaimUnit]]] = {}
    for article in articles:
        key = (article.text, article.lang.code)
        if key not in read:
            read[key] = (article.id, article_quotes(article), claim_units(article))
        owner, quotes, clauses = read[key]
        direct.extend(_owned_by(quotes, article.id, owner))
        units.extend(_owned_by(clauses, article.id, owner))
    if direct:
        # Reported speech only matters as a paraphrase of a direct quote of another article.
        reports: dict[tuple[str, str], tuple[str, list[Quote]]] = {}
        for article in articles:
            key = (article.text, article.lang.code)
            if key not in reports:
                reports[key] = (article.id, reported_speech(article))
            owner, found = reports[key]
            reported.extend(_owned_by(found, article.id, owner))
    by_id = {article.id: article for article in articles}
    # A number alone in a short sentence is compared by the sentence; in a long sentence, or
    # with other numbers ("cut the rate to 14.5% as inflation slowed to 9.8%"), also by its
    # clause.
    per_sentence = Counter((f.article_id, f.sentence) for f in facts)
    fact_clauses = [
        clause_of(by_id[f.article_id].text, f.start, f.end)
        if per_sentence[(f.article_id, f.sentence)] > 1
        or len(f.sentence_text.split()) > _SHORT_SENTENCE_WORDS
        else f.sentence_text
        for f in facts
    ]

    # Only what is compared is embedded: the sentences and clauses of numbers, the claim clauses
    # (most are whole sentences, which provenance has embedded already) and quote pieces.
    texts: dict[str, None] = dict.fromkeys(f.sentence_text for f in facts if f.sentence_text)
    texts.update(dict.fromkeys(fact_clauses))
    texts.update(dict.fromkeys(unit.text for unit in units))
    # Quotes are matched across articles; with quotes in one article only, nothing to embed.
    quoting = len({quote.article_id for quote in [*direct, *reported]}) >= 2
    for quote in [*direct, *reported] if quoting else []:
        texts.update(dict.fromkeys(quote_pieces(quote.text)))
    ordered = list(texts)
    matrix = embed(ordered) if ordered else np.zeros((0, 1), dtype=np.float32)
    vector_of = dict(zip(ordered, matrix, strict=True))

    contexts = (
        np.stack(
            [
                _normalised(vector_of[f.sentence_text] + vector_of[clause])
                if f.sentence_text and clause != f.sentence_text
                else vector_of[clause]
                for f, clause in zip(facts, fact_clauses, strict=True)
            ]
        )
        if facts
        else np.zeros((0, matrix.shape[1]), dtype=np.float32)
    )
    rises = [
        _rises(f.sentence_text or clause) for f, clause in zip(facts, fact_clauses, strict=True)
    ]
    fact_table = align_facts(facts, contexts, origins, times, rises)

    contested = {
        (value.article_id, value.sentence)
        for comparison in fact_table
        if comparison.verdict == "conflict"
        for value in comparison.values
        if any(value.article_id in pair for pair in comparison.conflicting)
    }
    unit_vectors = (
        np.stack([vector_of[unit.text] for unit in units])
        if units
        else np.zeros((0, matrix.shape[1]), dtype=np.float32)
    )
    languages = {article.id: article.lang.code for article in articles}
    claims = group_claims(units, unit_vectors, origins, contested, languages=languages)
    quote_matches = (
        match_quotes(direct, reported, vector_of, order)
        if quoting
        else [QuoteMatch(q.speaker, q.speaker_key, (q,)) for q in direct]
    )
    logger.debug(
        "story %s: %d facts aligned, %d statements, %d claims",
        story_id,
        len(fact_table),
        len(quote_matches),
        len(claims),
    )
    return Comparison(
        story_id=story_id,
        facts=tuple(fact_table),
        quotes=tuple(quote_matches),
        claims=tuple(claims),
        model=model,
    )


_Owned = TypeVar("_Owned", Quote, ClaimUnit)


def _owned_by(records: Sequence[_Owned], article_id: str, owner: str) -> list[_Owned]:
    """Records read from one copy, given to another article with the same text."""
    if article_id == owner:
        return list(records)
    return [dataclasses.replace(record, article_id=article_id) for record in records]


def _representatives(chronological: Sequence[Article], origins: Mapping[str, str]) -> list[Article]:
    """The earliest article of each origin, then the earliest reports, up to the cap."""
    seen: set[str] = set()
    chosen: list[Article] = []
    for article in chronological:
        if origins[article.id] not in seen:
            seen.add(origins[article.id])
            chosen.append(article)
    if len(chosen) < MAX_COMPARED_ARTICLES:
        taken = {article.id for article in chosen}
        rest = [a for a in chronological if a.id not in taken]
        chosen.extend(rest[: MAX_COMPARED_ARTICLES - len(chosen)])
    return chosen[:MAX_COMPARED_ARTICLES]


def _unique(facts: list[NumericFact]) -> list[NumericFact]:
    """One fact per quantity and interval per article: a lead repeated in the body counts once."""
    seen: set[tuple[str, float | None, float | None]] = set()
    kept: list[NumericFact] = []
    for fact in facts:
        key = (fact.quantity_key, fact.low, fact.high)
        if key not in seen:
            seen.add(key)
            kept.append(fact)
    return kept


_RISE = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, lex.RISE_WORDS)) + ")")


def _rises(text: str) -> bool:
    return _RISE.search(text.lower()) is not None


def _normalised(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector
