"""The tracer: pair evidence between articles, each article's source and kind, the original."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from storyline.model import (
    AlignedSentences,
    Article,
    Credit,
    Provenance,
    Relation,
    RelationEvidence,
    RelationKind,
)
from storyline.provenance.credits import credits_source, find_credits

Embed = Callable[[Sequence[str]], np.ndarray]

MAX_SENTENCES = 20  # sentences per article that are aligned (leads carry the derivation)
CANDIDATE_SOURCES = 6  # nearest articles aligned sentence by sentence, per article
SHINGLE = 3  # words per verbatim shingle

# Calibrated on the labelled corpus (tests/data/corpus) and the seeds; see tests/provenance.
ALIGNED_COSINE = 0.55  # a sentence pair listed as evidence
SAME_SENTENCE_OVERLAP = 0.6  # same-language sentences sharing this share of shingles align
COPY_VERBATIM = 0.55  # share of an article's shingles found verbatim in its source
REWRITE_SIMILARITY = 0.38  # mean best sentence cosine of a same-language rewrite
TRANSLATION_SIMILARITY = 0.54  # mean best sentence cosine of a translation
# ... when one of the two languages is outside the encoder's training languages, whose
# cross-language cosines run lower (measured: uk/cs translations ~0.4, independents <= 0.35).
UNCOVERED_TRANSLATION_SIMILARITY = 0.38
CONTAINED = 0.85  # the first-published article is contained in a later one (clock skew) ...
CONTAINER_EXTRA = 0.7  # ... which holds much more: at most this share of it is in the first


@dataclass(frozen=True, slots=True)
class PairEvidence:
    """How much of ``article`` the article ``source`` explains."""

    article: int
    source: int
    coverage: float  # share of the article's sentences with a counterpart in the source
    similarity: float  # mean over the article's sentences of the best cosine in the source
    verbatim: float  # share of the article's word shingles found in the source
    aligned: tuple[AlignedSentences, ...]
    in_order: float  # share of consecutive aligned pairs whose source sentences go forwards


@dataclass(slots=True)
class _Prepared:
    article: Article
    sentences: list[str]
    vectors: np.ndarray
    mean: np.ndarray
    shingles: set[int]
    shingle_list: list[int]
    word_spans: list[tuple[int, int]]
    sentence_keys: list[str]  # sentences with case, spacing and punctuation normalised
    time: dt.datetime | None
    credits: tuple[Credit, ...]


def trace_provenance(
    articles: Sequence[Article],
    embed: Embed,
    story_id: str = "",
    model: str = "",
    encoder_languages: frozenset[str] | None = None,
) -> Provenance:
    """Who took from whom among ``articles`` (one story), with the evidence.

    ``encoder_languages`` are the languages ``embed``'s model was trained on (None: all);
    translations from or into other languages are judged on a lower cosine.
    """
    if len(articles) < 2:
        only = articles[0].id if articles else None
        return Provenance(story_id, only, "the story's only article", (), len(articles), model)
    prepared = _prepare(articles, embed)
    pairs = _pair_evidence(prepared)
    original, reason, order = _choose_original(prepared, pairs)
    relations = _relations(prepared, pairs, order, encoder_languages)
    roots = 1 + sum(r.kind is RelationKind.INDEPENDENT for r in relations)
    return Provenance(
        story_id=story_id,
        original=prepared[original].article.id if original is not None else None,
        original_reason=reason,
        relations=tuple(relations),
        independent_origins=roots,
        model=model,
    )


def _prepare(articles: Sequence[Article], embed: Embed) -> list[_Prepared]:
    texts_of = [_sentence_texts(a) for a in articles]
    unique = list(dict.fromkeys(t for texts in texts_of for t in texts))
    matrix = embed(unique) if unique else np.zeros((0, 1), dtype=np.float32)
    row = {text: index for index, text in enumerate(unique)}
    prepared = []
    for article, texts in zip(articles, texts_of, strict=True):
        vectors = (
            matrix[[row[t] for t in texts]]
            if texts
            else np.zeros((0, matrix.shape[1]), dtype=np.float32)
        )
        mean = vectors.mean(axis=0) if len(vectors) else np.zeros(matrix.shape[1], np.float32)
        norm = float(np.linalg.norm(mean))
        words = [(m.start(), m.end()) for m in re.finditer(r"\w+", article.text)]
        lowered = [article.text[s:e].casefold() for s, e in words]
        shingle_list = [
            hash(tuple(lowered[i : i + SHINGLE])) for i in range(len(lowered) - SHINGLE + 1)
        ]
        prepared.append(
            _Prepared(
                article=article,
                sentences=texts,
                vectors=vectors,
                mean=mean / norm if norm else mean,
                shingles=set(shingle_list),
                shingle_list=shingle_list,
                word_spans=words,
                sentence_keys=[_sentence_key(t) for t in texts],
                time=_time(article),
                credits=find_credits(article),
            )
        )
    return prepared


def _sentence_texts(article: Article) -> list[str]:
    texts = [s.text.strip() for s in article.sentences[:MAX_SENTENCES]]
    texts = [t for t in texts if t]
    if not texts and article.text.strip():
        texts = [article.text.strip()[:1000]]
    if article.title and article.title.strip() and len(texts) < MAX_SENTENCES:
        texts = [article.title.strip(), *texts]
    return texts


def _sentence_key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _time(article: Article) -> dt.datetime | None:
    if article.published is None or not article.published.value:
        return None
    try:
        value = dt.datetime.fromisoformat(article.published.value)
    except ValueError:
        return None
    if "T" not in article.published.value:
        # A day without a time could be any moment of it: take the middle, so it ties with
        # nothing and comes before reports from that afternoon.
        value = value.replace(hour=12)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _pair_evidence(prepared: list[_Prepared]) -> dict[tuple[int, int], PairEvidence]:
    """Evidence for every article against its candidate sources (both directions)."""
    means = np.stack([p.mean for p in prepared])
    closeness = means @ means.T
    pairs: dict[tuple[int, int], PairEvidence] = {}
    for a in range(len(prepared)):
        order = [b for b in np.argsort(-closeness[a]) if b != a]
        for b in order[:CANDIDATE_SOURCES]:
            for key in ((a, int(b)), (int(b), a)):
                if key not in pairs:
                    pairs[key] = _evidence(prepared, *key)
    return pairs


def _evidence(prepared: list[_Prepared], a: int, b: int) -> PairEvidence:
    article, source = prepared[a], prepared[b]
    verbatim = (
        len(article.shingles & source.shingles) / len(article.shingles) if article.shingles else 0.0
    )
    if not len(article.vectors) or not len(source.vectors):
        return PairEvidence(a, b, 0.0, 0.0, verbatim, (), 0.0)
    scores = article.vectors @ source.vectors.T
    if article.article.lang.code == source.article.lang.code:
        # A sentence copied word for word aligns whatever the encoder says about it.
        where = {key: j for j, key in enumerate(source.sentence_keys)}
        for i, key in enumerate(article.sentence_keys):
            j = where.get(key)
            if j is not None:
                scores[i, j] = 1.0
    best = scores.argmax(axis=1)
    value = scores[np.arange(len(best)), best]
    aligned = tuple(
        AlignedSentences(i, int(best[i]), round(float(value[i]), 4))
        for i in range(len(best))
        if value[i] >= ALIGNED_COSINE
    )
    coverage = len(aligned) / len(best)
    similarity = float(np.clip(value, 0.0, 1.0).mean())
    steps = [y.source_sentence >= x.source_sentence for x, y in itertools.pairwise(aligned)]
    in_order = sum(steps) / len(steps) if steps else 1.0
    # Sentence indexes above are into _sentence_texts (title first when there is one).
    offset = 1 if article.article.title and article.article.title.strip() else 0
    source_offset = 1 if source.article.title and source.article.title.strip() else 0
    aligned = tuple(
        AlignedSentences(x.sentence - offset, x.source_sentence - source_offset, x.similarity)
        for x in aligned
        if x.sentence >= offset and x.source_sentence >= source_offset
    )
    return PairEvidence(a, b, coverage, similarity, verbatim, aligned, in_order)


def _explains(pair: PairEvidence | None) -> float:
    return 0.0 if pair is None else max(pair.similarity, pair.verbatim)


def _choose_original(
    prepared: list[_Prepared], pairs: dict[tuple[int, int], PairEvidence]
) -> tuple[int | None, str, list[int]]:
    """The original's index (None when unclear), why, and the order sources are taken in."""
    n = len(prepared)
    explains = [0.0] * n
    for (_article, source), pair in pairs.items():
        explains[source] += _explains(pair)
    credited = _credited_counts(prepared)
    far_future = dt.datetime.max.replace(tzinfo=dt.UTC)
    order = sorted(
        range(n),
        key=lambda x: (
            prepared[x].time or far_future,
            -credited[x],
            -explains[x],
            prepared[x].article.id,
        ),
    )
    first = order[0]
    dated = [x for x in order if prepared[x].time is not None]
    if dated:
        same_time = [x for x in dated if _same_moment(prepared[x], prepared[first])]
        reason = f"published first ({prepared[first].article.published.value})"  # type: ignore[union-attr]
        if len(same_time) > 1:
            ranked = sorted(same_time, key=lambda x: (-credited[x], -explains[x]))
            top, runner = ranked[0], ranked[1]
            if (credited[top], round(explains[top], 2)) == (
                credited[runner],
                round(explains[runner], 2),
            ):
                return (
                    None,
                    f"{len(same_time)} articles share the first timestamp and none is credited "
                    "by or explains the others more",
                    order,
                )
            first = top
            reason = (
                f"shares the first timestamp with {len(same_time) - 1} other(s); "
                f"credited by {credited[top]}, explains the others more"
            )
        credited_by_first = [
            x
            for x in order
            if x != first
            and prepared[x].article.source != prepared[first].article.source
            and any(
                credits_source(c.agency, prepared[x].article.source)
                for c in prepared[first].credits
            )
        ]
        if credited_by_first:
            source = credited_by_first[0]
            order.remove(source)
            order.insert(0, source)
            return (
                source,
                f"{prepared[first].article.id} was published earlier but credits "
                f"{prepared[source].article.source!r}, this article's source",
                order,
            )
        container = _container_of(prepared, pairs, first)
        if container is not None:
            order.remove(container)
            order.insert(0, container)
            return (
                container,
                f"contains the text of {prepared[first].article.id}, which was published earlier "
                "(clock skew): containment wins over time",
                order,
            )
        order.remove(first)
        order.insert(0, first)
        return first, reason, order
    wire = _wire_credits(prepared)
    ranked = sorted(
        range(n), key=lambda x: (-credited[x], -len(wire[x]), -explains[x], prepared[x].article.id)
    )
    top, runner = ranked[0], ranked[1]
    if credited[top] > credited[runner]:
        return top, f"no article is dated; credited as the source by {credited[top]}", ranked
    if wire[top] and not wire[runner]:
        agencies = ", ".join(sorted(wire[top]))
        return top, f"no article is dated; the only one carrying a wire credit ({agencies})", ranked
    if explains[top] - explains[runner] >= 0.15 * (n - 1):
        return top, "no article is dated; the others align to it most", ranked
    return None, "no article is dated and none is clearly the one the others derive from", ranked


def _credited_counts(prepared: list[_Prepared]) -> list[int]:
    """Per article, how many members from other sources credit its source."""
    agencies = [{c.agency for c in p.credits} for p in prepared]
    counts: dict[str | None, int] = {}
    for source in {p.article.source for p in prepared if p.article.source}:
        counts[source] = sum(
            any(credits_source(agency, source) for agency in own)
            for own, member in zip(agencies, prepared, strict=True)
            if member.article.source != source
        )
    return [counts.get(p.article.source, 0) for p in prepared]


def _same_moment(one: _Prepared, other: _Prepared) -> bool:
    if one.time is None or other.time is None:
        return False
    return one.time == other.time


def _wire_credits(prepared: list[_Prepared]) -> list[set[str]]:
    """Per article, agencies it names as its own reporting (a byline credit) that are no member's
    source and that no other member credits."""
    agencies = [{c.agency for c in p.credits if c.role == "byline"} for p in prepared]
    sources = [p.article.source for p in prepared]
    wire = []
    for index, own in enumerate(agencies):
        others = set().union(*(a for i, a in enumerate(agencies) if i != index))
        wire.append(
            {
                agency
                for agency in own - others
                if not any(credits_source(agency, source) for source in sources)
            }
        )
    return wire


def _container_of(
    prepared: list[_Prepared], pairs: dict[tuple[int, int], PairEvidence], first: int
) -> int | None:
    """A later article that contains ``first`` while ``first`` does not contain it."""
    best: tuple[float, int] | None = None
    for (a, b), pair in pairs.items():
        if a != first or prepared[b].article.lang.code != prepared[a].article.lang.code:
            continue
        back = pairs.get((b, a))
        back_verbatim = back.verbatim if back else 0.0
        credited = any(
            credits_source(c.agency, prepared[b].article.source) for c in prepared[a].credits
        )
        contained = pair.verbatim >= CONTAINED and back_verbatim <= CONTAINER_EXTRA
        if (contained or (credited and pair.verbatim >= COPY_VERBATIM)) and (
            best is None or pair.verbatim > best[0]
        ):
            best = (pair.verbatim, b)
    return best[1] if best else None


def _relations(
    prepared: list[_Prepared],
    pairs: dict[tuple[int, int], PairEvidence],
    order: list[int],
    encoder_languages: frozenset[str] | None = None,
) -> list[Relation]:
    rank = {x: position for position, x in enumerate(order)}
    root = order[0]
    candidates: dict[int, list[int]] = {}
    for x, b in pairs:
        candidates.setdefault(x, []).append(b)
    relations = []
    for a in order[1:]:
        earlier = [b for b in candidates.get(a, []) if rank[b] < rank[a]]
        credited = {
            b
            for b in earlier
            if any(
                credits_source(c.agency, prepared[b].article.source) for c in prepared[a].credits
            )
        }
        if not earlier:
            earlier, credited = [root], set()
        source = max(
            earlier,
            key=lambda b: (
                _explains(pairs.get((a, b))) + (0.1 if b in credited else 0.0),
                b == root,
                -rank[b],
            ),
        )
        pair = pairs.get((a, source)) or _evidence(prepared, a, source)
        kind, confidence = _kind(prepared[a], prepared[source], pair, encoder_languages)
        of = prepared[root if kind is RelationKind.INDEPENDENT else source].article.id
        evidence_pair = pair if of == prepared[source].article.id else pairs.get((a, root))
        relations.append(
            Relation(
                article_id=prepared[a].article.id,
                of=of,
                kind=kind,
                confidence=round(confidence, 3),
                evidence=_relation_evidence(prepared, evidence_pair, a, rank[a]),
            )
        )
    return relations


def _kind(
    article: _Prepared,
    source: _Prepared,
    pair: PairEvidence,
    encoder_languages: frozenset[str] | None = None,
) -> tuple[RelationKind, float]:
    languages = {article.article.lang.code, source.article.lang.code}
    same_language = len(languages) == 1
    if same_language and pair.verbatim >= COPY_VERBATIM:
        return RelationKind.COPY, _confidence(pair.verbatim, COPY_VERBATIM)
    threshold = REWRITE_SIMILARITY if same_language else TRANSLATION_SIMILARITY
    if not same_language and encoder_languages is not None and languages - encoder_languages:
        threshold = UNCOVERED_TRANSLATION_SIMILARITY
    if pair.similarity >= threshold:
        kind = RelationKind.REWRITE if same_language else RelationKind.TRANSLATION
        return kind, _confidence(pair.similarity, threshold)
    return RelationKind.INDEPENDENT, _confidence(threshold, pair.similarity)


def _confidence(value: float, threshold: float) -> float:
    """0.5 at the threshold, rising to 1 as the measure moves 0.3 past it."""
    return min(1.0, 0.5 + abs(value - threshold) / 0.6)


def _relation_evidence(
    prepared: list[_Prepared], pair: PairEvidence | None, a: int, _rank: int
) -> RelationEvidence:
    if pair is None:
        return RelationEvidence(credits=prepared[a].credits)
    article, source = prepared[pair.article], prepared[pair.source]
    if article.time is None or source.time is None:
        time_order = "unknown"
    elif article.time > source.time:
        time_order = "after"
    elif article.time == source.time:
        time_order = "same"
    else:
        time_order = "before"
    return RelationEvidence(
        aligned=pair.aligned,
        shared_spans=_shared_spans(article, source),
        containment=round(pair.verbatim, 4),
        time_order=time_order,
        credits=article.credits,
    )


def _shared_spans(article: _Prepared, source: _Prepared, longest: int = 3) -> tuple[str, ...]:
    """The longest passages of the article found word for word in the source (≥ 8 words)."""
    runs: list[tuple[int, int]] = []
    start = None
    for index, shingle in enumerate([*article.shingle_list, None]):
        inside = shingle is not None and shingle in source.shingles
        if inside and start is None:
            start = index
        elif not inside and start is not None:
            runs.append((start, index - 1 + SHINGLE - 1))
            start = None
    runs = [r for r in runs if r[1] - r[0] + 1 >= 8]
    runs.sort(key=lambda r: r[0] - r[1])
    spans = article.word_spans
    return tuple(article.article.text[spans[s][0] : spans[e][1]] for s, e in runs[:longest])
