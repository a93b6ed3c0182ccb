"""Grouping while reading: ``OrderedFeed`` places articles as they arrive, in the order a
one-shot ``partial_fit`` takes them, and says so when the input came too far out of order."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from bench.cluster_data import LabelledArticles, labelled_articles

from storyline.cluster import OrderedFeed, StoryClusterer
from storyline.cluster.retired import MemoryRetiredStories
from storyline.cluster.timing import event_window
from storyline.model import Article, ArticleFeatures

# Small enough that the labelled corpus (events years apart, a few articles each) has a
# bulk of non-isolated articles that the feed places before the end.
SETTINGS = {"clock_quorum": 2, "active_days": 10}


@pytest.fixture(scope="module")
def data() -> LabelledArticles:
    return labelled_articles()


def _in_time_order(data: LabelledArticles) -> list[tuple[Article, ArticleFeatures]]:
    def day(article: Article) -> int:
        window = event_window(article)
        return window.latest.toordinal() if window.closed and window.latest else 10**7

    return sorted(zip(data.articles, data.features, strict=True), key=lambda p: day(p[0]))


def _feed(pairs: list[tuple[Article, ArticleFeatures]], batch: int = 7) -> OrderedFeed:
    feed = OrderedFeed(StoryClusterer(**SETTINGS))
    for start in range(0, len(pairs), batch):
        chunk = pairs[start : start + batch]
        feed.add([a for a, _ in chunk], [f for _, f in chunk])
    return feed


def test_a_stream_in_time_order_is_grouped_while_it_arrives_exactly_as_all_at_once(
    data: LabelledArticles,
) -> None:
    pairs = _in_time_order(data)
    feed = _feed(pairs)
    placed_before_the_end = len(feed.clusterer.labels_)
    assert feed.finish()
    assert placed_before_the_end >= len(pairs) // 3, placed_before_the_end
    at_once = StoryClusterer(**SETTINGS).partial_fit(data.articles, data.features)
    assert feed.clusterer.labels_ == at_once.labels_


def test_a_stream_in_reverse_time_order_is_reported_out_of_order(
    data: LabelledArticles,
) -> None:
    feed = _feed(list(reversed(_in_time_order(data))))
    assert not feed.finish()


def test_a_late_article_isolated_in_time_does_not_break_the_order(
    data: LabelledArticles,
) -> None:
    # The oldest dated article arrives last, like a 2001 text date in a 2025 crawl: alone in its
    # time, it is placed after the bulk in the canonical order too.
    pairs = _in_time_order(data)
    oldest = pairs.pop(0)
    feed = _feed([*pairs, oldest])
    assert feed.finish()
    at_once = StoryClusterer(**SETTINGS).partial_fit(data.articles, data.features)
    assert feed.clusterer.labels_ == at_once.labels_


def test_an_article_dated_only_by_its_text_may_arrive_weeks_late(
    data: LabelledArticles,
) -> None:
    # A page without a date whose text names a day long before it was crawled: its place in
    # the canonical order is after the metadata-dated bulk, so arriving late breaks nothing.
    pairs = _in_time_order(data)
    article, feats = pairs[len(pairs) // 2]
    assert article.published is not None and article.published.source != "text"
    # The same day as an article placed long before: by its day alone it would come too late.
    late = replace(
        article, id="late-text-dated", published=replace(article.published, source="text")
    )
    pairs.append((late, replace(feats, article_id=late.id)))
    feed = _feed(pairs)
    assert feed.finish()
    at_once = StoryClusterer(**SETTINGS).partial_fit([a for a, _ in pairs], [f for _, f in pairs])
    assert feed.clusterer.labels_ == at_once.labels_
    assert event_window(late).from_text


def test_articles_held_to_the_end_wait_outside_memory_and_are_placed(
    data: LabelledArticles,
) -> None:
    """Undated and isolated articles wait in the feed's scratch archive, not as members in
    memory; at the end they are read back, placed as all at once would, and the archive is
    emptied."""
    archives: list[MemoryRetiredStories] = []

    def archive() -> MemoryRetiredStories:
        archives.append(MemoryRetiredStories())
        return archives[-1]

    pairs = _in_time_order(data)
    feed = OrderedFeed(StoryClusterer(**SETTINGS), held=archive)
    for start in range(0, len(pairs), 7):
        chunk = pairs[start : start + 7]
        feed.add([a for a, _ in chunk], [f for _, f in chunk])
    undated = [a.id for a in data.articles if not event_window(a).closed]
    held = archives[0]
    assert undated and all(article_id in held for article_id in undated)
    assert not set(undated) & set(feed.clusterer.labels_)
    assert feed.finish()
    assert len(held) == 0
    at_once = StoryClusterer(**SETTINGS).partial_fit(data.articles, data.features)
    assert feed.clusterer.labels_ == at_once.labels_


def test_float_noise_in_the_vectors_does_not_change_the_stories(data: LabelledArticles) -> None:
    """The same corpus embedded on another machine differs in the last bits of its vectors.
    That must not decide a merge: a two-article story's members are equally central by
    construction, and which one speaks for the story was once left to that noise (the corpus's
    E09 reports were merged or not from one run to the next)."""
    events = ("E01-", "E07-", "E09-", "E15-", "S01-")
    kept = [i for i, a in enumerate(data.articles) if a.id.startswith(events)][::2]
    articles = [data.articles[i] for i in kept]

    def stories(jitter: float, seed: int) -> set[frozenset[str]]:
        rng = np.random.default_rng(seed)
        noisy = []
        for i in kept:
            feats = data.features[i]
            vector = feats.vector + rng.normal(0.0, jitter, feats.vector.shape).astype(np.float32)
            noisy.append(replace(feats, vector=vector / np.linalg.norm(vector)))
        clusterer = StoryClusterer().partial_fit(articles, noisy).refine()
        return {frozenset(s.article_ids) for s in clusterer.stories()}

    exact = stories(0.0, 0)
    assert len(exact) < len(articles)  # some articles do group
    for seed in range(1, 6):
        assert stories(1e-6, seed) == exact
