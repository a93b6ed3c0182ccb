"""The tracer: pair evidence between articles, each article's source and kind, the original."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

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
log = logging.getLogger(__name__)

MAX_SENTENCES = 20  # sentences per article that are aligned (leads carry the derivation)
CANDIDATE_SOURCES = 6  # nearest articles aligned sentence by sentence, per article
SHINGLE = 3  # words per verbatim shingle

# Calibrated on the labelled corpus (tests/data/corpus) and the seeds; see tests/provenance.
ALIGNED_COSINE = 0.55  # a sentence pair listed as evidence
COPY_VERBATIM = 0.55  # share of an article's shingles found verbatim in its source
QUOTE_WORDS = 4  # a quotation this long or longer counts as one the article carries
QUOTE_KEPT = 0.5  # share of a quotation's shingles found in the source: the same quotation
CONTAINED = 0.85  # the first-published article is contained in a later one (clock skew) ...
CONTAINER_EXTRA = 0.7  # ... which holds much more: at most this share of it is in the first
KIND_WEIGHTS_FILE = Path(__file__).with_name("kind_weights.json")  # bench/calibrate_provenance.py

# Quotations between the marks of the corpus' languages, and dialogue-dash quotations (pt, es,
# ru, pl: "– Metade da Madeira votou… – disse"). A rewrite repeats its source's quotations
# (perhaps cut short); an independent report has its own, so they separate the two where the
# wording of the rest is equally close.
_QUOTATION = re.compile(
    r"«([^»]+)»|“([^”]+)”|„([^“”]+)[“”]|\"([^\"\n]+)\"|‹([^›]+)›|(?m:^\s*[–—]\s*(.+?)(?:\s[–—]\s|$))"
)
# Figures as digits with their separators dropped, so "1.500", "1,500" and "1 500" meet and a
# translation keeps its source's figures while an independent report brings its own.
_FIGURE = re.compile(r"\d+(?:[.,]\d+|[\u00a0\u202f ]\d{3}(?!\d))*")


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
    new_quotes: float = 0.0  # share of the article's quotations that the source does not carry
    new_figures: float = 0.0  # share of the article's figures that the source does not state


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
    quotes: list[tuple[set[int], int | None]]  # shingles, and the aligned sentence holding it
    figures: set[str]


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
    _check_encoder(model)
    prepared = _prepare(articles, embed)
    closeness = _closeness(prepared)
    pairs = _pair_evidence(prepared, closeness)
    original, reason, order = _choose_original(prepared, pairs)
    relations = _relations(prepared, pairs, order, closeness, encoder_languages)
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
        shingle_list = _shingles([article.text[s:e].casefold() for s, e in words])
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
                quotes=_quotes(article, texts),
                figures=_figures(article.text),
            )
        )
    return prepared


def _shingles(words: Sequence[str]) -> list[int]:
    return [hash(tuple(words[i : i + SHINGLE])) for i in range(len(words) - SHINGLE + 1)]


def _quotes(article: Article, texts: Sequence[str]) -> list[tuple[set[int], int | None]]:
    """The article's quotations: their word shingles and the index (into ``texts``) of the
    aligned sentence they open in (None past the aligned sentences)."""
    spans = [(s.start, s.end) for s in article.sentences[:MAX_SENTENCES] if s.text.strip()]
    first = len(texts) - len(spans)  # 1 when the title leads ``texts``
    quotes = []
    for match in _QUOTATION.finditer(article.text):
        quoted = next(group for group in match.groups() if group is not None)
        words = re.findall(r"\w+", quoted.casefold())
        if len(words) < QUOTE_WORDS:
            continue
        at = match.start() + 1  # past the opening mark
        sentence = next(
            (first + i for i, (start, end) in enumerate(spans) if start <= at < end), None
        )
        quotes.append((set(_shingles(words)), sentence if first >= 0 else None))
    return quotes


def _figures(text: str) -> set[str]:
    digits = (re.sub(r"\D", "", m.group()).lstrip("0") for m in _FIGURE.finditer(text))
    return {d for d in digits if d}


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


def _closeness(prepared: list[_Prepared]) -> np.ndarray:
    """Cosine between the articles' mean sentence vectors: which articles are worth aligning."""
    means = np.stack([p.mean for p in prepared])
    return np.asarray(means @ means.T)


def _pair_evidence(
    prepared: list[_Prepared], closeness: np.ndarray
) -> dict[tuple[int, int], PairEvidence]:
    """Evidence for every article against its candidate sources (both directions)."""
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
    same_language = article.article.lang.code == source.article.lang.code
    new_figures = (
        len(article.figures - source.figures) / len(article.figures) if article.figures else 0.0
    )
    if not len(article.vectors) or not len(source.vectors):
        new_quotes = _new_quotes(article, source, None, same_language)
        return PairEvidence(a, b, 0.0, 0.0, verbatim, (), 0.0, new_quotes, new_figures)
    scores = article.vectors @ source.vectors.T
    new_quotes = _new_quotes(article, source, scores, same_language)
    if same_language:
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
    return PairEvidence(
        a, b, coverage, similarity, verbatim, aligned, in_order, new_quotes, new_figures
    )


def _new_quotes(
    article: _Prepared, source: _Prepared, scores: np.ndarray | None, same_language: bool
) -> float:
    """Share of the article's quotations the source does not carry: in the same language its
    words are not there; across languages the sentence that opens it has no counterpart."""
    if not article.quotes:
        # Nothing quoted, so nothing of its own quoted: own reporting shows in its own quotes,
        # and an article quoting nobody (the seeds' rewrites) brings no such sign.
        return 0.0
    new = 0
    judged = 0
    for shingles, sentence in article.quotes:
        if same_language:
            kept = len(shingles & source.shingles) >= QUOTE_KEPT * len(shingles)
        elif sentence is not None and scores is not None:
            kept = float(scores[sentence].max()) >= ALIGNED_COSINE
        else:
            continue  # another language, past the aligned sentences: no way to tell
        judged += 1
        new += not kept
    return new / judged if judged else 0.0


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


@dataclass(frozen=True, slots=True)
class KindCase:
    """The decision made for one article: its likely source and what the kind is judged on."""

    article: str
    source: str
    same_language: bool
    copied: bool  # verbatim enough to be a copy, whatever the model says
    features: tuple[float, ...]  # KIND_FEATURES, in order


def kind_cases(
    articles: Sequence[Article], embed: Embed, encoder_languages: frozenset[str] | None = None
) -> list[KindCase]:
    """The kind decisions ``trace_provenance`` makes on a story, before the kind model; the
    calibration (bench/calibrate_provenance.py) fits the model on them."""
    if len(articles) < 2:
        return []
    prepared = _prepare(articles, embed)
    closeness = _closeness(prepared)
    pairs = _pair_evidence(prepared, closeness)
    _original, _reason, order = _choose_original(prepared, pairs)
    cases = []
    for a, source, pair in _sources(prepared, pairs, order, closeness):
        same_language = prepared[a].article.lang.code == prepared[source].article.lang.code
        cases.append(
            KindCase(
                article=prepared[a].article.id,
                source=prepared[source].article.id,
                same_language=same_language,
                copied=same_language and pair.verbatim >= COPY_VERBATIM,
                features=kind_features(prepared[a], prepared[source], pair, encoder_languages),
            )
        )
    return cases


def _sources(
    prepared: list[_Prepared],
    pairs: dict[tuple[int, int], PairEvidence],
    order: list[int],
    closeness: np.ndarray,
) -> list[tuple[int, int, PairEvidence]]:
    """Every article but the first in ``order`` with the earlier article that explains it most
    (a credited one gets a head start), and their evidence.

    Besides the article's nearest neighbours (in ``pairs``), its nearest *earlier* articles are
    candidates: in a big story the nearest neighbours of a syndicated copy are its later twins,
    and without its own parent it would be judged against the original instead.
    """
    rank = {x: position for position, x in enumerate(order)}
    root = order[0]
    candidates: dict[int, set[int]] = {}
    for x, b in pairs:
        candidates.setdefault(x, set()).add(b)
    in_order = np.asarray(order)
    found = []
    for a in order[1:]:
        before = in_order[: rank[a]]
        if len(before) > CANDIDATE_SOURCES:
            nearest = np.argpartition(-closeness[a, before], CANDIDATE_SOURCES)
            before = before[nearest[:CANDIDATE_SOURCES]]
        for b in map(int, before):
            if (a, b) not in pairs:
                pairs[(a, b)] = _evidence(prepared, a, b)
            candidates.setdefault(a, set()).add(b)
        earlier = [b for b in candidates.get(a, ()) if rank[b] < rank[a]]
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
        found.append((a, source, pairs.get((a, source)) or _evidence(prepared, a, source)))
    return found


def _relations(
    prepared: list[_Prepared],
    pairs: dict[tuple[int, int], PairEvidence],
    order: list[int],
    closeness: np.ndarray,
    encoder_languages: frozenset[str] | None = None,
) -> list[Relation]:
    rank = {x: position for position, x in enumerate(order)}
    root = order[0]
    relations = []
    for a, source, pair in _sources(prepared, pairs, order, closeness):
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


# What the kind model reads, per (article, source) pair. Cosines between two languages the
# encoder was not trained on run lower for translations and higher for unrelated texts, hence
# the flag; the rest are the shares PairEvidence measures.
KIND_FEATURES = (
    "similarity",
    "coverage",
    "verbatim",
    "new_quotes",
    "new_figures",
    "same_language",
    "uncovered_language",
)


def kind_features(
    article: _Prepared,
    source: _Prepared,
    pair: PairEvidence,
    encoder_languages: frozenset[str] | None = None,
) -> tuple[float, ...]:
    languages = {article.article.lang.code, source.article.lang.code}
    uncovered = encoder_languages is not None and bool(languages - encoder_languages)
    return (
        pair.similarity,
        pair.coverage,
        pair.verbatim,
        pair.new_quotes,
        pair.new_figures,
        float(len(languages) == 1),
        float(uncovered),
    )


@dataclass(frozen=True)
class KindModel:
    """A multinomial logistic regression over standardised KIND_FEATURES (fitted by
    bench/calibrate_provenance.py; stored in kind_weights.json)."""

    kinds: tuple[RelationKind, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray  # one row per kind
    bias: np.ndarray
    version: str = ""
    encoder: str = ""  # the name of the encoder whose cosines it was fitted on

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> KindModel:
        if tuple(data["features"]) != KIND_FEATURES:
            raise ValueError(f"kind weights are for {data['features']}, not {KIND_FEATURES}")
        return cls(
            kinds=tuple(RelationKind(k) for k in data["kinds"]),
            mean=np.asarray(data["mean"], dtype=np.float64),
            scale=np.asarray(data["scale"], dtype=np.float64),
            weights=np.asarray(data["weights"], dtype=np.float64),
            bias=np.asarray(data["bias"], dtype=np.float64),
            version=str(data.get("version", "")),
            encoder=str(data.get("encoder", "")),
        )

    def probabilities(self, features: Sequence[float], same_language: bool) -> np.ndarray:
        """Probability of each of ``kinds``; a translation needs two languages."""
        scores = self.weights @ ((np.asarray(features) - self.mean) / self.scale) + self.bias
        if same_language:
            scores = np.where([k is RelationKind.TRANSLATION for k in self.kinds], -np.inf, scores)
        exp = np.exp(scores - scores.max())
        return np.asarray(exp / exp.sum())


@lru_cache(maxsize=1)
def kind_model() -> KindModel:
    return KindModel.from_json(json.loads(KIND_WEIGHTS_FILE.read_text(encoding="utf-8")))


@lru_cache(maxsize=8)
def _check_encoder(model: str) -> None:
    """Warn once per encoder when its cosines are not the ones the kind model was fitted on:
    another encoder's cosines sit elsewhere (E5's bunch up in 0.75-0.93), so kinds drift."""
    fitted = kind_model().encoder
    if model and fitted and model != fitted:
        log.warning(
            "provenance kinds were calibrated on %s cosines, not %s: rerun "
            "bench/calibrate_provenance.py with that encoder for reliable kinds",
            fitted,
            model,
        )


def _kind(
    article: _Prepared,
    source: _Prepared,
    pair: PairEvidence,
    encoder_languages: frozenset[str] | None = None,
) -> tuple[RelationKind, float]:
    same_language = article.article.lang.code == source.article.lang.code
    if same_language and pair.verbatim >= COPY_VERBATIM:
        return RelationKind.COPY, _confidence(pair.verbatim, COPY_VERBATIM)
    model = kind_model()
    features = kind_features(article, source, pair, encoder_languages)
    probabilities = model.probabilities(features, same_language)
    best = int(probabilities.argmax())
    return model.kinds[best], float(probabilities[best])


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
