"""The online story clusterer: each new article joins its best story or opens a new one.

scikit-learn style: settings in ``__init__``; ``partial_fit`` learns from a batch of articles;
learned state ends in an underscore (``labels_``, ``stories_``). ``refine()`` is the batch pass
for whole-corpus runs: it merges stories that turned out to be one event and moves articles
that fit another story better.

Candidates come from an approximate-nearest-neighbour index of the *active* stories' centroids
(usearch) and from MinHash LSH buckets (near copies), never from a scan of every story. A story
whose time window is more than ``active_days`` behind the clock (the 25th latest date seen, so
one wrong date cannot retire every live story) leaves the index for an int8 archive index of
centroids and keeps only its strongest keys; the story itself goes to a ``RetiredStories``
archive (a temporary SQLite file) and is read back only when an article dated by its text, or
not at all, finds it there. Memory is bounded by the active time window, not by the corpus.

Within one ``partial_fit`` call articles are taken in a canonical order (event time, then id),
so the same corpus gives the same stories whatever order its files were read in.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import heapq
import logging
import math
import pickle
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from storyline.cluster.retired import RetiredStories, SQLiteRetiredStories
from storyline.cluster.scoring import (
    ScoringWeights,
    content_words,
    pair_features,
)
from storyline.cluster.timing import (
    TimeWindow,
    combined_window,
    day_agreement,
    event_window,
    extend_window,
    mentioned_days,
)
from storyline.model import Article, ArticleFeatures, Story, StoryMember

log = logging.getLogger(__name__)


@dataclass(slots=True)
class _Member:
    article_id: str
    vector: np.ndarray
    minhash: np.ndarray
    names: frozenset[str]
    numbers: frozenset[str]
    words: frozenset[str]
    lang: str
    window: TimeWindow
    order_key: OrderKey
    title: str
    days: tuple[tuple[int | None, int, int], ...] = ()
    similarity: float = 1.0  # to the centroid, kept when a retired story drops the vector

    @property
    def dated(self) -> bool:
        return self.window.closed

    @property
    def placed_in_time(self) -> bool:
        """Dated by metadata or page: its story is among the active ones. An article dated
        only by its text may name a day long past, and looks among retired stories too."""
        return self.window.closed and not self.window.from_text


@dataclass(slots=True)
class _StoryState:
    id: str
    key: int
    members: list[_Member] = field(default_factory=list)
    vector_sum: np.ndarray | None = None
    names: Counter[str] = field(default_factory=Counter)
    numbers: Counter[str] = field(default_factory=Counter)
    words: Counter[str] = field(default_factory=Counter)
    langs: Counter[str] = field(default_factory=Counter)
    window: TimeWindow = field(default_factory=lambda: TimeWindow(None, None))
    active: bool = True
    last_seen: int = 0
    # The representatives' vectors and signatures stacked, rebuilt after the members change:
    # a story is scored against many articles between two changes.
    stacked: tuple[np.ndarray, np.ndarray] | None = None
    unit: np.ndarray | None = None  # the centroid, kept until the members change
    indexed_size: int = 0  # members when the centroid was last written to an index

    def centroid(self) -> np.ndarray:
        if self.unit is None:
            assert self.vector_sum is not None
            norm = float(np.linalg.norm(self.vector_sum))
            self.unit = self.vector_sum / (norm if norm > 0 else 1.0)
        return self.unit

    def add(self, member: _Member, tick: int) -> None:
        self.members.append(member)
        self.vector_sum = (
            member.vector.astype(np.float64).copy()
            if self.vector_sum is None
            else self.vector_sum + member.vector
        )
        self.names.update(member.names)
        self.numbers.update(member.numbers)
        self.words.update(member.words)
        self.langs[member.lang] += 1
        self.window = extend_window(self.window, member.window)
        self.last_seen = tick
        self.stacked = self.unit = None

    def representatives(self, count: int) -> tuple[np.ndarray, np.ndarray] | None:
        """Vectors and MinHash signatures of the latest ``count`` members that still hold
        them (a retired story has dropped them)."""
        if self.stacked is None:
            recent = [m for m in self.members[-count:] if m.vector.size]
            if not recent:
                return None
            self.stacked = (
                np.stack([m.vector for m in recent]),
                np.stack([m.minhash for m in recent]),
            )
        return self.stacked

    def remove(self, article_id: str) -> _Member:
        member = next(m for m in self.members if m.article_id == article_id)
        self.members.remove(member)
        assert self.vector_sum is not None
        self.vector_sum = self.vector_sum - member.vector
        # Only the member's own keys change: rebuilding whole counters (``+counter``) per
        # removal made refine() quadratic in a story's vocabulary.
        for counts, keys in (
            (self.names, member.names),
            (self.numbers, member.numbers),
            (self.words, member.words),
            (self.langs, (member.lang,)),
        ):
            for key in keys:
                left = counts[key] - 1
                if left > 0:
                    counts[key] = left
                else:
                    counts.pop(key, None)
        self.window = combined_window(m.window for m in self.members)
        self.stacked = self.unit = None
        return member


@dataclass(frozen=True, slots=True)
class _Evidence:
    """An article's keys with their IDF weights, computed once per placement (the same for
    every candidate story)."""

    name_idf: dict[str, float]
    name_total: float
    word_idf: dict[str, float]
    word_total: float


@dataclass(slots=True)
class _Refinement:
    """What one ``refine()`` call remembers between its passes."""

    dirty: set[str] | None = None  # stories the previous pass changed; None: look at all
    changed: set[str] = field(default_factory=set)
    candidates: dict[str, list[str]] = field(default_factory=dict)
    evidence_of: dict[str, _Evidence] = field(default_factory=dict)

    def evidence(self, clusterer: StoryClusterer, member: _Member) -> _Evidence:
        found = self.evidence_of.get(member.article_id)
        if found is None:
            found = self.evidence_of[member.article_id] = clusterer._evidence(member)
        return found


def _overlap(
    keys: frozenset[str],
    total: float,
    idf: Mapping[str, float],
    counts: Mapping[str, int],
    min_count: int = 1,
) -> float:
    """IDF-weighted share of the article's keys that the story mentions too (0..1): the share
    of the article's evidence the story shares, so a small story is not favoured for being
    small. A key counts when at least ``min_count`` members mention it."""
    if not keys or not counts or total <= 0:
        return 0.0
    common: set[str] | frozenset[str] = keys & counts.keys()
    if min_count > 1:
        common = {key for key in common if counts[key] >= min_count}
    shared = sum(idf[key] for key in common) if idf else len(common)
    return shared / max(1e-9, total)


OrderKey = tuple[int, int, str]


def _order_key(window: TimeWindow, article_id: str, isolated: bool = False) -> OrderKey:
    """Articles dated by metadata or page first, in time order; then those *isolated* in time
    (fewer than a quorum of others within the active window's reach of their day: a page date
    of 2001 in a 2025 crawl); then articles dated only by their text, in time order; then
    those with only a lower bound, the most constrained first (so "after March 2022" founds or
    joins before "after 2021" decides); then articles with no time evidence. Ties break on
    the id, so file order never matters.

    Isolated and text-dated articles go after the bulk so that a stream read in time order is
    already in this order (``OrderedFeed``): a text names days weeks before it appeared. They
    look for their story among the retired ones too."""
    if window.closed and window.latest is not None:
        if window.from_text:
            return (2, window.latest.toordinal(), article_id)
        return (1 if isolated else 0, window.latest.toordinal(), article_id)
    if window.earliest is not None:
        return (3, -window.earliest.toordinal(), article_id)
    return (4, 0, article_id)


def _isolated(days: Sequence[int], reach: int, quorum: int) -> list[bool]:
    """For each day (an ordinal), whether fewer than ``quorum`` other days lie within
    ``reach`` days of it."""
    ordered = sorted(days)
    return [
        bisect.bisect_right(ordered, day + reach) - bisect.bisect_left(ordered, day - reach) - 1
        < quorum
        for day in days
    ]


def _dated_day(window: TimeWindow) -> int | None:
    """The day a metadata- or page-dated article sorts by; None for the others."""
    if window.closed and not window.from_text and window.latest is not None:
        return window.latest.toordinal()
    return None


def story_id_for(founder_article_id: str) -> str:
    """A story's id comes from its founding article, so re-runs reproduce it."""
    return "s-" + hashlib.sha1(founder_article_id.encode("utf-8")).hexdigest()[:12]


class StoryClusterer:
    """Assign articles to stories online; see the module docstring."""

    def __init__(
        self,
        weights: ScoringWeights | None = None,
        candidates: int = 6,
        active_days: int = 45,
        idle_articles: int = 50_000,
        max_representatives: int = 32,
        lsh_bands: int = 32,
        core_share: float = 0.5,
        clock_quorum: int = 25,
        merge_reverse_share: float = 0.9,
        retired: Callable[[], RetiredStories] | None = None,
    ) -> None:
        self.weights = weights
        self.candidates = candidates
        self.active_days = active_days
        self.idle_articles = idle_articles
        self.max_representatives = max_representatives
        self.lsh_bands = lsh_bands
        self.core_share = core_share
        self.clock_quorum = clock_quorum
        self.merge_reverse_share = merge_reverse_share
        self.retired = retired  # makes the archive of retired stories; None: a temporary file

    # -- learned state -------------------------------------------------------------------------

    def _ensure_state(self, dim: int) -> None:
        if hasattr(self, "stories_"):
            return
        from usearch.index import Index

        self.weights_: ScoringWeights = self.weights or ScoringWeights.load()
        # The stories in memory: the active ones. Retired ones are in ``retired_``.
        self.stories_: dict[str, _StoryState] = {}
        self.retired_: RetiredStories = (self.retired or SQLiteRetiredStories)()
        self.labels_: dict[str, str] = {}
        self.name_df_: Counter[str] = Counter()
        self.word_df_: Counter[str] = Counter()
        self.n_seen_ = 0
        self.clock_: dt.date | None = None
        self.model_ = ""
        # Small HNSW expansions: an insert at the default (128) cost ~1 ms and a search ~0.3 ms,
        # more than scoring the candidates; k is small and the LSH buckets add near copies.
        self._index = Index(
            ndim=dim, metric="cos", dtype="f32", expansion_add=16, expansion_search=32
        )
        # Retired stories keep only their centroid, at a quarter of the size, so an article with
        # no date can still find an old story without every story's members staying in memory.
        self._archive = Index(
            ndim=dim, metric="cos", dtype="i8", expansion_add=16, expansion_search=32
        )
        self._by_key: dict[int, str] = {}
        self._next_key = 0
        self._buckets: dict[tuple[int, int], set[str]] = {}
        self._active: dict[str, None] = {}
        self._latest_days: list[
            dt.date
        ] = []  # a min-heap of the latest dates seen  # ids of active stories, in founding order

    # -- fitting -------------------------------------------------------------------------------

    def partial_fit(
        self, articles: Sequence[Article], features: Sequence[ArticleFeatures]
    ) -> StoryClusterer:
        """Add a batch: each article joins its best story or founds a new one."""
        if not self._begin(articles, features):
            return self
        members = [self._member(a, f) for a, f in zip(articles, features, strict=True)]
        self._mark_isolated(members)
        members.sort(key=lambda m: m.order_key)
        for member in members:
            if member.article_id in self.labels_:
                continue  # already placed: partial_fit is idempotent per article
            self._place(member)
        return self

    def _begin(self, articles: Sequence[Article], features: Sequence[ArticleFeatures]) -> bool:
        """Check a batch and set up the learned state; False when there is nothing to place."""
        if len(articles) != len(features):
            raise ValueError("articles and features must pair up")
        if not articles:
            return False
        self._ensure_state(int(features[0].vector.shape[0]))
        self.model_ = self.model_ or features[0].model
        return True

    def canonical_order(self, windows: Iterable[tuple[str, TimeWindow]]) -> list[tuple[str, bool]]:
        """Article ids in the order ``partial_fit`` takes them all at once, each with whether it
        is isolated in time; feed them in this order with ``fit_in_order``."""
        items = list(windows)
        days = [_dated_day(window) for _, window in items]
        dated = [day for day in days if day is not None]
        isolated = iter(_isolated(dated, self.active_days, self.clock_quorum))
        keys = sorted(
            _order_key(window, article_id, day is not None and next(isolated))
            for (article_id, window), day in zip(items, days, strict=True)
        )
        return [(article_id, kind == 1) for kind, _, article_id in keys]

    def fit_in_order(
        self,
        articles: Sequence[Article],
        features: Sequence[ArticleFeatures],
        isolated: Collection[str] = (),
    ) -> StoryClusterer:
        """Place articles one by one in the order given, which must continue the canonical
        order (``canonical_order``); a store too big to hold is grouped in chunks this way."""
        if not self._begin(articles, features):
            return self
        for article, feats in zip(articles, features, strict=True):
            member = self._member(article, feats)
            if article.id in isolated:
                member.order_key = _order_key(member.window, article.id, True)
            if member.article_id not in self.labels_:
                self._place(member)
        return self

    def _mark_isolated(self, members: Sequence[_Member]) -> None:
        dated = [(m, day) for m in members if (day := _dated_day(m.window)) is not None]
        verdicts = _isolated([day for _, day in dated], self.active_days, self.clock_quorum)
        for (member, _), isolated in zip(dated, verdicts, strict=True):
            if isolated:
                member.order_key = _order_key(member.window, member.article_id, True)

    def _member(self, article: Article, feats: ArticleFeatures) -> _Member:
        window = event_window(article)
        vector = np.asarray(feats.vector, dtype=np.float32)
        return _Member(
            article_id=article.id,
            vector=vector,
            minhash=feats.minhash,
            names=feats.names,
            numbers=feats.numbers,
            words=content_words(article.text),
            lang=article.lang.code,
            window=window,
            order_key=_order_key(window, article.id),
            title=article.title or (article.sentences[0].text if article.sentences else ""),
            days=() if window.closed else mentioned_days(article),
        )

    def _place(self, member: _Member) -> None:
        self.n_seen_ += 1
        self.name_df_.update(member.names)
        self.word_df_.update(member.words)
        if member.window.latest is not None and self._advance_clock(member.window.latest):
            self._retire_stale()
        best, best_probability = None, 0.0
        evidence = self._evidence(member)
        for story_id in self._candidates(member):
            story = self._story(story_id)
            probability = self._probability(member, story, evidence)
            if probability > best_probability:
                best, best_probability = story, probability
        if best is not None and best_probability >= self.weights_.threshold:
            self._join(best, member)
        else:
            self._found(member)

    def _story(self, story_id: str) -> _StoryState:
        """An active story, or a retired one read back from the archive (a fresh copy: write
        it back with ``_spill`` when it changes)."""
        story = self.stories_.get(story_id)
        if story is not None:
            return story
        loaded = pickle.loads(self.retired_.get(story_id))
        assert isinstance(loaded, _StoryState)
        return loaded

    def _spill(self, story: _StoryState) -> None:
        """Write a retired story to the archive; it leaves memory."""
        story.unit = None  # the centroid, recomputed from the vector sum when read back
        # A retired story is its centroid and strongest keys: the stacked vectors of its latest
        # members go too. Kept, they depended on whether it was last scored before or after
        # its last change; dropped, the 100k stream's B-cubed F1 went 0.901 -> 0.907 (stream
        # mode) and each retired story is a few kilobytes on disk instead of ~70.
        story.stacked = None
        # pickle: the archive is this process's own scratch file, read back only by it.
        self.retired_.put(story.id, pickle.dumps(story, protocol=pickle.HIGHEST_PROTOCOL))
        self.stories_.pop(story.id, None)

    def _candidates(self, member: _Member) -> list[str]:
        found: dict[str, None] = {}
        # An article without a date may belong to any story, retired ones included.
        indexes = [self._index] if member.placed_in_time else [self._index, self._archive]
        for index in indexes:
            if not len(index):
                continue
            matches = index.search(member.vector, min(self.candidates, len(index)), threads=1)
            for key in np.atleast_1d(matches.keys):
                story_id = self._by_key.get(int(key))
                if story_id is not None:
                    found[story_id] = None
        for bucket in self._bands(member.minhash):
            for article_id in self._buckets.get(bucket, ()):
                found[self.labels_[article_id]] = None
        # ``stories_`` holds the active stories; the archive, the retired ones.
        if member.placed_in_time:
            return [s for s in found if s in self.stories_]
        return [s for s in found if s in self.stories_ or s in self.retired_]

    def _bands(self, signature: np.ndarray) -> Iterable[tuple[int, int]]:
        """LSH bucket keys: each band of rows hashed to one integer in a single numpy step
        (a collision only adds a candidate, which the score then judges)."""
        rows = len(signature) // self.lsh_bands
        if rows == 0:
            return ()
        matrix = signature[: rows * self.lsh_bands].reshape(self.lsh_bands, rows)
        hashes = (matrix.astype(np.uint64) * _BAND_MULTIPLIERS[:rows]).sum(axis=1)
        return enumerate(hashes.tolist())

    def _evidence(self, member: _Member) -> _Evidence:
        name_idf = self._idf_for(member.names)
        word_idf = self._word_idf(member.words)
        return _Evidence(name_idf, sum(name_idf.values()), word_idf, sum(word_idf.values()))

    def _probability(
        self, member: _Member, story: _StoryState, evidence: _Evidence | None = None
    ) -> float:
        evidence = evidence or self._evidence(member)
        # A story's evidence is what a good share of its members say, not every word any
        # member ever used: otherwise a large story mentions everything and absorbs its whole
        # topic (a chain of same-site guides grew to 528 articles of 128 events).
        core = max(1, math.ceil(self.core_share * len(story.members)))
        centroid_cosine = float(story.centroid() @ member.vector)
        stacked = story.representatives(self.max_representatives)
        if stacked is not None:  # a retired story has dropped its members' vectors
            vectors, signatures = stacked
            best_cosine = float((vectors @ member.vector).max())
            copy = _best_jaccard(member.minhash, signatures)
        else:
            best_cosine, copy = centroid_cosine, 0.0
        features = pair_features(
            cos_centroid=centroid_cosine,
            cos_best=best_cosine,
            names=_overlap(member.names, evidence.name_total, evidence.name_idf, story.names, core),
            numbers=_overlap(member.numbers, float(len(member.numbers)), {}, story.numbers, core),
            words=_overlap(member.words, evidence.word_total, evidence.word_idf, story.words, core),
            copy=copy,
            gap_days=member.window.gap_days(story.window),
            cross_lang=member.lang not in story.langs,
            day_agreement=day_agreement(member.days, story.window),
        )
        return self.weights_.probability(features)

    def _idf_for(self, keys: Iterable[str]) -> dict[str, float]:
        numerator = max(1, self.n_seen_) + 1
        frequency = self.name_df_
        return {k: math.log(numerator / (frequency[k] + 0.5)) for k in keys}

    def _word_idf(self, words: Iterable[str]) -> dict[str, float]:
        numerator = max(1, self.n_seen_) + 1
        frequency = self.word_df_
        return {w: math.log(numerator / (frequency[w] + 0.5)) for w in words}

    def _found(self, member: _Member) -> None:
        story = _StoryState(id=story_id_for(member.article_id), key=self._next_key)
        self._next_key += 1
        self.stories_[story.id] = story
        self._active[story.id] = None
        self._by_key[story.key] = story.id
        self._join(story, member)

    def _join(self, story: _StoryState, member: _Member) -> None:
        story.add(member, self.n_seen_)
        self.labels_[member.article_id] = story.id
        # Writing to the HNSW index costs more than a search, and a centroid moves less with
        # every member: rewrite it while the story is small, then each time it grows by a
        # quarter. Scores always use the exact centroid; only candidate retrieval sees this.
        if len(story.members) <= 4 or len(story.members) >= 1.25 * story.indexed_size:
            self._reindex(story)
        if story.active:
            for bucket in self._bands(member.minhash):
                self._buckets.setdefault(bucket, set()).add(member.article_id)
        else:
            self._forget_members(story)
            self._spill(story)

    def _reindex(self, story: _StoryState) -> None:
        for index in (self._index, self._archive):
            if story.key in index:
                index.remove(story.key)
        if story.members:
            target = self._index if story.active else self._archive
            target.add(story.key, story.centroid().astype(np.float32), threads=1)
        story.indexed_size = len(story.members)

    def _advance_clock(self, day: dt.date) -> bool:
        """Move the clock to the ``clock_quorum``-th latest date seen; True when it moved.

        The newest date alone is one wrong date away from retiring every live story: in the
        benchmark stream an article whose text date resolved to ten months ahead put the clock
        there after 3,000 articles, so nothing retired for 70,000 more. A quorum of the
        latest dates moves only when that many articles have reached a day."""
        if len(self._latest_days) < self.clock_quorum:
            heapq.heappush(self._latest_days, day)
        elif day > self._latest_days[0]:
            heapq.heapreplace(self._latest_days, day)
        else:
            return False
        clock = self._latest_days[0]
        if self.clock_ is not None and clock <= self.clock_:
            return False
        self.clock_ = clock
        return True

    def _retire_stale(self) -> None:
        assert self.clock_ is not None
        horizon = self.clock_ - dt.timedelta(days=self.active_days)
        # Only active stories can retire; the ids are kept apart so a clock tick does not walk
        # every story of the year.
        for story_id in list(self._active):
            story = self.stories_[story_id]
            latest = story.window.latest
            stale_dated = latest is not None and latest < horizon
            idle = self.n_seen_ - story.last_seen > self.idle_articles
            if stale_dated or idle:
                self._retire(story)

    def _retire(self, story: _StoryState) -> None:
        story.active = False
        self._active.pop(story.id, None)
        self._reindex(story)
        self._forget_members(story)
        self._spill(story)

    def _forget_members(self, story: _StoryState) -> None:
        once: list[tuple[Counter[str], str]] = []
        for member in story.members:
            once.extend(_seen_once(member, self.name_df_, self.word_df_))
            for bucket in self._bands(member.minhash):
                holders = self._buckets.get(bucket)
                if holders is not None:
                    holders.discard(member.article_id)
                    if not holders:
                        del self._buckets[bucket]
            # A retired story keeps who its members are, not their vectors or evidence.
            if member.vector.size:
                member.similarity = round(float(member.vector @ story.centroid()), 4)
            # Shared empty arrays: a [:0] slice would be a view that keeps the whole row alive.
            member.vector = _NO_VECTOR
            member.minhash = _NO_MINHASH
            member.names = member.numbers = member.words = _NOTHING
            member.days = ()
        # What stays for the articles with no date that may still join it: its centroid (in the
        # archive index) and its strongest keys, so a retired story costs a few kilobytes.
        core = max(1, math.ceil(self.core_share * len(story.members)))
        story.names = _strongest(story.names, core, self.name_df_)
        story.numbers = _strongest(story.numbers, core, {})
        story.words = _strongest(story.words, core, self.word_df_)
        # The document frequencies would otherwise grow with every key the corpus ever used,
        # most of them used once (a typo, a rare name, a figure's wording). A key that only a
        # retiring member ever had is forgotten with it: the active stories cannot share it,
        # and if it comes back its count starts at 1 instead of 2, which moves its IDF by
        # log(2.5 / 1.5) for that one article. Keys seen twice or more stay, so the weights of
        # recurring names and words do not drift. This runs after the story's strongest keys
        # are chosen, so their order is the same.
        for counts, key in once:
            if counts.get(key) == 1:
                del counts[key]

    # -- batch refinement ---------------------------------------------------------------------

    def refine(self, passes: int = 3) -> StoryClusterer:
        """Merge stories that are one event; move articles that fit another story better.

        The first pass looks at every active story. A later pass looks again only where the
        previous one changed something: at members of stories that gained, lost or absorbed
        articles, and at members that had one of those among their candidates. Nothing else
        can score differently (no article is new, so the IDF weights are fixed too).
        """
        if not hasattr(self, "stories_"):
            return self
        state = _Refinement()
        for _ in range(passes):
            state.changed = set()
            moved = self._reassign(state)
            merged = self._merge(state)
            if not moved and not merged:
                break
            state.dirty = state.changed
        return self

    def _settled(self, member: _Member, story: _StoryState, state: _Refinement) -> bool:
        """Whether nothing around ``member`` changed since it was last looked at."""
        if state.dirty is None or story.id in state.dirty:
            return False
        known = state.candidates.get(member.article_id)
        return known is not None and state.dirty.isdisjoint(known)

    def _refine_candidates(self, member: _Member, state: _Refinement) -> list[str]:
        found = self._candidates(member)
        state.candidates[member.article_id] = found
        return found

    def _reassign(self, state: _Refinement) -> int:
        moved = 0
        threshold = self.weights_.threshold
        for story in list(self.stories_.values()):
            if not story.active or len(story.members) < 3:
                continue
            changed = False
            for member in sorted(story.members, key=lambda m: m.order_key):
                if len(story.members) < 3:
                    break
                if self._settled(member, story, state):
                    continue
                evidence = state.evidence(self, member)
                # A move needs another story at the threshold, and other stories' scores do
                # not depend on this member's own story: most members are settled without
                # taking them out of it (which restacks the story's vectors twice).
                rivals = []
                for other_id in self._refine_candidates(member, state):
                    if other_id == story.id:
                        continue
                    # A member with no date of its own may look among retired stories.
                    other = self._story(other_id)
                    probability = self._probability(member, other, evidence)
                    if probability >= threshold:
                        rivals.append((probability, other))
                if not rivals:
                    continue
                story.remove(member.article_id)
                target, best = story, self._probability(member, story, evidence)
                for probability, other in rivals:
                    if probability > best + 0.1:
                        target, best = other, probability
                target.add(member, self.n_seen_)
                self.labels_[member.article_id] = target.id
                changed = True
                if target is not story:
                    moved += 1
                    state.changed.update((story.id, target.id))
                    self._reindex(target)
                    if not target.active:
                        self._spill(target)
            if changed:
                self._reindex(story)
            # Representatives are the latest members in event-time order, wherever moves put
            # them in the list.
            story.members.sort(key=lambda m: m.order_key)
            story.stacked = None
        return moved

    def _merge(self, state: _Refinement) -> int:
        merged = 0
        founders = {
            s.id: min(s.members, key=lambda m: m.order_key)
            for s in self.stories_.values()
            if s.active and s.members
        }
        for story_id in sorted(founders, key=lambda i: founders[i].order_key):
            story = self.stories_.get(story_id)
            if story is None or not story.members:
                continue
            member = min(story.members, key=lambda m: m.order_key)
            if self._settled(member, story, state):
                continue
            for other_id in self._refine_candidates(member, state):
                other = self.stories_.get(other_id)
                if other is None or other is story or not other.members or not other.active:
                    continue
                # Both ways: the small story's centre must fit the large story, and the large
                # story's centre must nearly fit the small one. One way alone merged same-site
                # guides on one topic (10k stream: 170 merges, B-cubed F1 0.936 -> 0.922);
                # both ways keeps the corpus's needed merges (0.983 -> 0.991) and the stream
                # at 0.933.
                threshold = self.weights_.threshold
                if (
                    self._story_probability(other, story, state) >= threshold
                    and self._story_probability(story, other, state)
                    >= self.merge_reverse_share * threshold
                ):
                    state.changed.update((story.id, other.id))
                    self._absorb(story, other)
                    merged += 1
        return merged

    def _story_probability(
        self, small: _StoryState, large: _StoryState, state: _Refinement
    ) -> float:
        """Score a story against another as if it were one article: its most central member.

        The two members of a two-article story are equally central by construction (each is as
        close to their mean), and so are identical copies: float noise must not pick one. Of
        the members within ``_CENTRAL_TIE`` of the most central, the earliest speaks for the
        story (on the 10k stream B-cubed F1 0.933, against 0.927 for the latest)."""
        centroid = small.centroid()
        similarity = [float(m.vector @ centroid) for m in small.members]
        top = max(similarity)
        central = min(
            (m for m, s in zip(small.members, similarity, strict=True) if s >= top - _CENTRAL_TIE),
            key=lambda m: m.order_key,
        )
        return self._probability(central, large, state.evidence(self, central))

    def _absorb(self, keeper: _StoryState, absorbed: _StoryState) -> None:
        for member in list(absorbed.members):
            keeper.add(member, self.n_seen_)
            self.labels_[member.article_id] = keeper.id
        absorbed.members.clear()
        for index in (self._index, self._archive):
            if absorbed.key in index:
                index.remove(absorbed.key)
        del self.stories_[absorbed.id]
        self._active.pop(absorbed.id, None)
        self._reindex(keeper)

    # -- results -------------------------------------------------------------------------------

    def stories(self, articles: Mapping[str, Article] | None = None) -> list[Story]:
        """The stories as records, largest first; ``articles`` supplies titles for headlines."""
        if not hasattr(self, "stories_"):
            return []
        records = []
        for state in self.stories_.values():
            if state.members:
                records.append(self._record(state, articles or {}))
        for _, data in self.retired_.items():
            retired = pickle.loads(data)
            assert isinstance(retired, _StoryState)
            if retired.members:
                records.append(self._record(retired, articles or {}))
        records.sort(key=lambda s: (-len(s.members), s.first_time or "9999", s.id))
        return records

    def _record(self, state: _StoryState, articles: Mapping[str, Article]) -> Story:
        members = sorted(state.members, key=lambda m: m.order_key)
        centroid = state.centroid()
        similarity = {
            m.article_id: round(float(m.vector @ centroid), 4) if m.vector.size else m.similarity
            for m in members
        }
        central = max(members, key=lambda m: similarity[m.article_id])
        article = articles.get(central.article_id)
        headline = central.title or (article.title if article and article.title else "")
        dated = [m.window for m in members if m.window.closed]
        first = min((w.latest for w in dated if w.latest), default=None)
        last = max((w.latest for w in dated if w.latest), default=None)
        return Story(
            id=state.id,
            headline=headline,
            headline_article=central.article_id,
            members=tuple(StoryMember(m.article_id, similarity[m.article_id]) for m in members),
            languages=tuple(sorted(state.langs)),
            first_time=first.isoformat() if first else None,
            last_time=last.isoformat() if last else None,
            model=self.model_,
        )


_NOTHING: frozenset[str] = frozenset()
_CENTRAL_TIE = 1e-5  # cosines to a centroid closer than this are one tie
_NO_VECTOR = np.empty(0, dtype=np.float32)
_NO_MINHASH = np.empty(0, dtype=np.uint32)
_NO_VECTOR.flags.writeable = _NO_MINHASH.flags.writeable = False
RETIRED_KEYS = 48  # keys a retired story keeps per kind of evidence


def _seen_once(
    member: _Member, names: Counter[str], words: Counter[str]
) -> Iterable[tuple[Counter[str], str]]:
    """The member's name and word keys that no other article had (a document frequency of 1)."""
    for counts, keys in ((names, member.names), (words, member.words)):
        for key in keys:
            if counts.get(key) == 1:
                yield counts, key


def _strongest(counts: Counter[str], core: int, frequency: Mapping[str, int]) -> Counter[str]:
    """The story's core keys (``core`` members or more), the rarest first, at most
    ``RETIRED_KEYS`` of them."""
    kept = [key for key, count in counts.items() if count >= core]
    kept.sort(key=lambda key: (frequency.get(key, 0), key))
    return Counter({key: counts[key] for key in kept[:RETIRED_KEYS]})


# Odd 64-bit multipliers that mix a band's rows into one hash (arithmetic wraps modulo 2**64).
_BAND_MULTIPLIERS = np.random.default_rng(20250101).integers(
    1, 2**63, size=64, dtype=np.uint64
) | np.uint64(1)


def _jaccard(a: np.ndarray, b: np.ndarray) -> float:
    if a.size == 0 or b.size == 0 or a.shape != b.shape:
        return 0.0
    return float(np.count_nonzero(a == b)) / a.size


def _best_jaccard(signature: np.ndarray, signatures: np.ndarray) -> float:
    """The highest estimated Jaccard of ``signature`` against each row of ``signatures``."""
    if signature.size == 0 or signatures.size == 0 or signatures.shape[1] != signature.size:
        return 0.0
    return float(np.count_nonzero(signatures == signature, axis=1).max()) / signature.size


class OrderedFeed:
    """Feed a clusterer while articles are still arriving, in the order ``partial_fit`` would
    take them all at once, so grouping overlaps with reading instead of following it.

    A crawl arrives roughly in time order. Dated articles wait in a heap until the clock (the
    ``clock_quorum``-th latest day seen) is ``lag_days`` past them, and are placed then; dated
    articles isolated in time, those with only a lower bound and those with no date wait
    until ``finish()``, as in the canonical order. Whether the guess held is checked at the
    end against the canonical order of everything fed: ``finish()`` returns False when an
    article arrived too late for its place, and the caller groups from scratch instead
    (``StoryClusterer().partial_fit(all articles)``), which gives the same stories either way.

    The articles held to the end (a few per cent of a crawl, but a share of the whole corpus)
    wait in a scratch file, not in memory; of the articles placed early only the last key and
    the days of the dated ones are kept, which is all the final check needs.
    """

    def __init__(
        self,
        clusterer: StoryClusterer,
        lag_days: int = 2,
        held: Callable[[], RetiredStories] | None = None,
    ) -> None:
        self.clusterer = clusterer
        self.lag_days = lag_days
        self.in_order = True
        self._waiting: list[tuple[OrderKey, int, _Member]] = []  # a heap of dated members
        # Placed at the end (isolated, bounded, undated): ids and time windows here, members
        # in ``_held``, read back one at a time as they are placed.
        self._later: list[tuple[str, TimeWindow]] = []
        self._held: RetiredStories = (held or SQLiteRetiredStories)()
        self._last_placed: OrderKey | None = None
        self._placed_days: Counter[int] = Counter()  # days of the dated articles placed early
        self._day_counts: Counter[int] = Counter()
        self._latest_days: list[int] = []  # a min-heap of the clock_quorum latest days
        self._sequence = 0

    def add(self, articles: Sequence[Article], features: Sequence[ArticleFeatures]) -> None:
        clusterer = self.clusterer
        if not self.in_order or not clusterer._begin(articles, features):
            return
        for article, feats in zip(articles, features, strict=True):
            member = clusterer._member(article, feats)
            day = _dated_day(member.window)
            if day is None:
                self._hold(member)
                continue
            self._day_counts[day] += 1
            if len(self._latest_days) < clusterer.clock_quorum:
                heapq.heappush(self._latest_days, day)
            elif day > self._latest_days[0]:
                heapq.heapreplace(self._latest_days, day)
            self._sequence += 1
            heapq.heappush(self._waiting, (member.order_key, self._sequence, member))
        if len(self._latest_days) >= clusterer.clock_quorum:
            self._release(self._latest_days[0] - self.lag_days)

    def _hold(self, member: _Member) -> None:
        # pickle: the scratch file is this process's own, read back only by it.
        self._held.put(member.article_id, pickle.dumps(member, protocol=pickle.HIGHEST_PROTOCOL))
        self._later.append((member.article_id, member.window))

    def _neighbours(self, day: int) -> int:
        reach = self.clusterer.active_days
        return sum(self._day_counts.get(d, 0) for d in range(day - reach, day + reach + 1)) - 1

    def _release(self, until_day: int) -> None:
        quorum = self.clusterer.clock_quorum
        while self._waiting and self._waiting[0][0][1] <= until_day:
            key, _, member = heapq.heappop(self._waiting)
            if self._neighbours(key[1]) < quorum:
                self._hold(member)  # isolated so far; checked again at the end
                continue
            if self._last_placed is not None and key < self._last_placed:
                self.in_order = False  # it came after articles that follow it
                return
            self._last_placed = key
            if key[0] == 0:
                self._placed_days[key[1]] += 1
            if member.article_id not in self.clusterer.labels_:
                self.clusterer._place(member)

    def finish(self) -> bool:
        """Place what waits; True when every article was placed in the canonical order."""
        try:
            return self._finish()
        finally:
            self._held.close()
            self._later = []

    def _finish(self) -> bool:
        if not self.in_order:
            return False
        clusterer = self.clusterer
        if not hasattr(clusterer, "stories_"):
            return True  # nothing was fed

        def final_key(window: TimeWindow, article_id: str) -> OrderKey:
            day = _dated_day(window)
            isolated = day is not None and self._neighbours(day) < clusterer.clock_quorum
            return _order_key(window, article_id, isolated)

        # What waits in memory keeps its member; what waits on disk is read back when placed.
        rest: list[tuple[OrderKey, _Member | str]] = [
            (final_key(member.window, member.article_id), member) for _, _, member in self._waiting
        ]
        rest += [(final_key(window, article_id), article_id) for article_id, window in self._later]
        self._waiting = []
        rest.sort(key=lambda item: item[0])
        # The articles placed early were judged on the days seen then; the whole set decides.
        for day in self._placed_days:
            if self._neighbours(day) < clusterer.clock_quorum:
                return False
        # The early keys rose one by one (checked as they were placed), and ``rest`` is sorted.
        if self._last_placed is not None and rest and rest[0][0] < self._last_placed:
            return False
        for key, waiting in rest:
            article_id = waiting if isinstance(waiting, str) else waiting.article_id
            if article_id in clusterer.labels_:
                continue
            member = pickle.loads(self._held.get(waiting)) if isinstance(waiting, str) else waiting
            member.order_key = key
            clusterer._place(member)
        return True
