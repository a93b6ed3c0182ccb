"""``compare_story``: numbers, quotes and claims of one story, from its articles.

Everything the comparison embeds goes to the injected ``embed``, deduplicated, in two calls per
story (``compare_stories`` makes them two calls for several stories): the sentences (which a
caller that caches sentence vectors has already: the pipeline reuses the ones provenance
computed), the clauses of numbers and the quote pieces; then the claim clauses worth embedding.
What only meets its own copies or nothing is not embedded: a number's clause when every
compatible fact elsewhere is worded the same, a quote piece no other article could match, a claim
clause every article states or whose sentence is far from every article that lacks it
(``clauses_worth_embedding``). On the stream benchmark this leaves about 0.4 new texts per
article, the larger part of the stage's cost with sentence vectors cached.

A story of one article has nothing to compare, but who said what is still worth listing: it
returns the article's direct quotes with their speakers, and embeds nothing. Its numbers are
left out (a fact table holds quantities two articles state, and no verdict fits one value), and
so are its claims: with one source every statement is trivially single-source, so listing them
would only repeat the article sentence by sentence.

Big stories stay cheap: past ``MAX_COMPARED_ARTICLES`` the comparison reads one article per
independent origin (the earliest; copies add no independent evidence), and past that again the
earliest reports. Claims compare clauses pairwise, so this bounds the work of a story of a
thousand syndicated copies to that of a few dozen articles.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import re
from collections import Counter
from collections.abc import Callable, Generator, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import TypeVar

import numpy as np
from threadpoolctl import ThreadpoolController  # type: ignore[import-untyped]  # no type hints

from storyline.compare import _numbers_lexicon as lex
from storyline.compare.claims import (
    ClaimUnit,
    claim_units,
    clauses_worth_embedding,
    group_claims,
    shared_evidence,
)
from storyline.compare.facts import align_facts, compatible_keys
from storyline.compare.matching import match_quotes, quote_pieces
from storyline.compare.numbers import clause_of, numeric_facts
from storyline.compare.quotes import article_quotes, reported_speech
from storyline.model import Article, Comparison, NumericFact, Quote, QuoteMatch

__all__ = ["MAX_COMPARED_ARTICLES", "Embed", "StoryToCompare", "compare_stories", "compare_story"]

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
    return _run([_comparison(articles, origin_of, published, story_id, model)], embed)[0]


StoryToCompare = tuple[str, Sequence[Article], Mapping[str, str] | None]
"""A story for ``compare_stories``: its id, its articles and their origins (``origin_of``)."""


def compare_stories(
    stories: Sequence[StoryToCompare], embed: Embed, model: str = ""
) -> list[Comparison]:
    """``compare_story`` for several stories, with the texts they need embedded together.

    Each story asks for its vectors twice (its sentences, then its clauses and quote pieces);
    here the stories ask side by side, so ``embed`` gets one batch per round for all of them
    instead of one per story and round: the encoder's fixed cost per call (~1.5 ms on the stream
    benchmark, as much as a few sentences) is paid twice in all. The comparisons are the same
    as ``compare_story``'s, in the order of ``stories``.
    """
    return _run(
        [
            _comparison(articles, origin_of, None, story_id, model)
            for story_id, articles, origin_of in stories
        ],
        embed,
    )


_Steps = Generator[list[str], dict[str, np.ndarray], Comparison]


def _run(comparisons: Sequence[_Steps], embed: Embed) -> list[Comparison]:
    """Drive comparisons side by side: each round, the texts they all ask for go to ``embed``
    in one call, and each is sent the vectors it asked for."""
    done: dict[int, Comparison] = {}
    pending: dict[int, tuple[_Steps, list[str]]] = {}
    for index, steps in enumerate(comparisons):
        try:
            pending[index] = (steps, next(steps))
        except StopIteration as finished:
            done[index] = finished.value
    while pending:
        wanted = list(dict.fromkeys(text for _, texts in pending.values() for text in texts))
        vectors = _vectors(embed, wanted)
        for index, (steps, texts) in list(pending.items()):
            try:
                pending[index] = (steps, steps.send({text: vectors[text] for text in texts}))
            except StopIteration as finished:
                done[index] = finished.value
                del pending[index]
    return [done[index] for index in range(len(comparisons))]


def _vectors(embed: Embed, texts: list[str]) -> dict[str, np.ndarray]:
    """The vectors of ``texts`` by text, from one call of ``embed`` (none when there is no
    text)."""
    if not texts:
        return {}
    return dict(zip(texts, embed(texts), strict=True))


def _comparison(
    articles: Sequence[Article],
    origin_of: Mapping[str, str] | None,
    published: Mapping[str, str | None] | None,
    story_id: str,
    model: str,
) -> _Steps:
    """The comparison of one story as steps: it yields the texts it needs embedded (the
    sentences, then the clauses and quote pieces worth embedding), is sent their vectors by
    text, and returns the ``Comparison``."""
    if len(articles) < 2:
        return _lone_article(articles, story_id, model)
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

    facts: list[NumericFact] = []
    direct: list[Quote] = []
    reported: list[Quote] = []
    units: list[ClaimUnit] = []
    # Exact copies (same text, same language) are read once; their records only change owner.
    read: dict[tuple[str, str], tuple[str, list[NumericFact], list[Quote], list[ClaimUnit]]] = {}
    for article in articles:
        key = (article.text, article.lang.code)
        if key not in read:
            read[key] = (
                article.id,
                _unique(numeric_facts(article)),
                article_quotes(article),
                claim_units(article),
            )
        owner, numbers, quotes, clauses = read[key]
        facts.extend(_owned_by(numbers, article.id, owner))
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
    # The clause only sharpens the comparison with a differently worded fact of another article
    # (a copy's has the same context whatever it is): without one, the sentence alone serves.
    fact_clauses = [
        clause if worded_apart else fact.sentence_text
        for fact, clause, worded_apart in zip(
            facts, fact_clauses, _differently_worded_partners(facts, fact_clauses), strict=True
        )
    ]

    # Quotes are matched across articles; with quotes in one article only, nothing to embed.
    quoting = len({quote.article_id for quote in [*direct, *reported]}) >= 2
    # Reported speech joins only a direct quote of its speaker in another article, and a direct
    # quote meets only quotes of other articles: the rest is matched against nothing.
    speakers_quoted = {(q.speaker_key, q.article_id) for q in direct if q.speaker_key}
    quoted_by = Counter(key for key, _ in speakers_quoted)
    reported = [
        q
        for q in reported
        if q.speaker_key is not None
        and quoted_by[q.speaker_key] - ((q.speaker_key, q.article_id) in speakers_quoted) > 0
    ]
    compared_quotes = _quotes_worded_apart([*direct, *reported]) if quoting else []

    # Only what is compared is embedded: the sentences and clauses of numbers that may pair,
    # the claim units' sentences (provenance has embedded them already) and quote pieces; then
    # the claim clauses that may meet a statement of another article.
    # Sentences first (cached by a pipeline), then everything new in one batch: the encoder
    # works best on batches.
    sentences = dict.fromkeys(f.sentence_text for f in facts if f.sentence_text)
    sentences.update(dict.fromkeys(unit.sentence_text for unit in units))
    vector_of = yield list(sentences)
    with _one_blas_thread():
        evidence = shared_evidence(units)
        worth = clauses_worth_embedding(units, vector_of, evidence)
    texts = dict.fromkeys(clause for clause in fact_clauses if clause)
    for quote in compared_quotes:
        texts.update(dict.fromkeys(quote_pieces(quote.text)))
    texts.update(dict.fromkeys(sorted(worth)))
    vector_of = {**vector_of, **(yield [text for text in texts if text not in vector_of])}
    dimension = next(iter(vector_of.values())).shape[0] if vector_of else 1
    with _one_blas_thread():
        return _compare(
            articles, story_id, model, facts, fact_clauses, units, direct, reported,
            compared_quotes, quoting, vector_of, dimension, origins, times, order, evidence,
        )  # fmt: skip


def _compare(
    articles: Sequence[Article],
    story_id: str,
    model: str,
    facts: list[NumericFact],
    fact_clauses: list[str],
    units: list[ClaimUnit],
    direct: list[Quote],
    reported: list[Quote],
    compared_quotes: list[Quote],
    quoting: bool,
    vector_of: dict[str, np.ndarray],
    dimension: int,
    origins: Mapping[str, str],
    times: Mapping[str, str | None],
    order: Mapping[str, int],
    evidence: np.ndarray,
) -> Comparison:
    """The comparison proper, once everything it compares is embedded."""
    zero = np.zeros(dimension, dtype=np.float32)
    contexts = (
        np.stack(
            [
                _normalised(vector_of[f.sentence_text] + vector_of[clause])
                if f.sentence_text and clause != f.sentence_text
                else vector_of.get(clause, zero)
                for f, clause in zip(facts, fact_clauses, strict=True)
            ]
        )
        if facts
        else np.zeros((0, dimension), dtype=np.float32)
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
    # A clause not embedded meets nothing (see clauses_worth_embedding): a zero vector keeps it
    # below the claim threshold, whatever the shared names add.
    unit_vectors = (
        np.stack([vector_of.get(unit.text, zero) for unit in units])
        if units
        else np.zeros((0, dimension), dtype=np.float32)
    )
    languages = {article.id: article.lang.code for article in articles}
    claims = group_claims(
        units, unit_vectors, origins, contested, languages=languages, evidence=evidence
    )
    if quoting:
        # Pieces of quotes that meet only their own wording elsewhere were not embedded: one
        # shared unit vector keeps such copies at cosine 1, as their own vectors would.
        alike = np.full(dimension, 1 / np.sqrt(dimension), dtype=np.float32)
        pieces = {p: alike for q in [*direct, *reported] for p in quote_pieces(q.text)}
        pieces.update({p: vector_of[p] for q in compared_quotes for p in quote_pieces(q.text)})
        quote_matches = match_quotes(direct, reported, pieces, order)
    else:
        quote_matches = [QuoteMatch(q.speaker, q.speaker_key, (q,)) for q in direct]
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


_Owned = TypeVar("_Owned", NumericFact, Quote, ClaimUnit)


def _lone_article(articles: Sequence[Article], story_id: str, model: str) -> Comparison:
    """A story of one article (or none): its direct quotes, each a statement of its own."""
    quotes = tuple(
        QuoteMatch(quote.speaker, quote.speaker_key, (quote,))
        for article in articles
        for quote in article_quotes(article)
    )
    return Comparison(story_id=story_id, quotes=quotes, model=model)


def _quotes_worded_apart(quotes: Sequence[Quote]) -> list[Quote]:
    """The quotes ``match_quotes`` may compare with a quote of another article worded otherwise
    (a direct quote with any direct quote, reported speech with a direct quote of its speaker);
    only their pieces need vectors."""
    kept = []
    for quote in quotes:
        for other in quotes:
            if other.article_id == quote.article_id or other.text == quote.text:
                continue
            reported = (quote.kind == "reported", other.kind == "reported")
            if all(reported):
                continue
            if any(reported) and (
                quote.speaker_key is None or quote.speaker_key != other.speaker_key
            ):
                continue
            kept.append(quote)
            break
    return kept


def _differently_worded_partners(
    facts: Sequence[NumericFact], clauses: Sequence[str]
) -> list[bool]:
    """Per fact, whether a fact of another article with a compatible quantity key states it in
    other words (another sentence or clause). Facts worded alike are decided together, so their
    contexts stay identical."""
    wordings: dict[str, dict[tuple[str, str], set[str]]] = {}
    for fact, clause in zip(facts, clauses, strict=True):
        by_wording = wordings.setdefault(fact.quantity_key, {})
        by_wording.setdefault((fact.sentence_text, clause), set()).add(fact.article_id)
    compatible = {
        key: [other for other in wordings if compatible_keys(key, other)] for key in wordings
    }
    needed: dict[tuple[str, tuple[str, str]], bool] = {}
    for fact, clause in zip(facts, clauses, strict=True):
        wording = (fact.quantity_key, (fact.sentence_text, clause))
        needed[wording] = needed.get(wording, False) or any(
            (other, worded) != wording and articles - {fact.article_id}
            for other in compatible[fact.quantity_key]
            for worded, articles in wordings[other].items()
        )
    return [
        needed[(fact.quantity_key, (fact.sentence_text, clause))]
        for fact, clause in zip(facts, clauses, strict=True)
    ]


@functools.cache
def _blas_controller() -> ThreadpoolController:
    return ThreadpoolController()


def _one_blas_thread() -> AbstractContextManager[object]:
    """BLAS on one thread for the story's small matrices: with more, the threads' start-up and
    spinning cost several times the products themselves (3.1 against 1.0 ms CPU per article on
    the stream benchmark's stories)."""
    limit: AbstractContextManager[object] = _blas_controller().limit(limits=1, user_api="blas")
    return limit


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
