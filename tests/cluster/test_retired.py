"""Retired stories leave memory for an archive on disk and come back when an article needs
them, so the clusterer's memory follows the active time window while the stories stay the
same."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from bench.cluster_data import LabelledArticles, labelled_articles
from tests.conftest import build_article

from storyline.cluster import StoryClusterer
from storyline.cluster.retired import MemoryRetiredStories, SQLiteRetiredStories
from storyline.model import Article
from storyline.represent import HashingEmbedder, features

QUAKE = (
    "A magnitude 4.6 earthquake shook the Orvanne valley early on Sunday. Windows broke in "
    "several villages, but no injuries were reported, the seismological institute said."
)
OTHERS = [
    "The city council of Brackenford approved a new tram line to the northern suburbs. The "
    "11-kilometre route will cost 480 million pounds, said transport chief Delia Marchetti.",
    "A fire destroyed a timber warehouse in the port of Saltmarsh overnight. Forty firefighters "
    "fought the blaze for six hours; nobody was hurt, said station officer Kieran Boyle.",
    "Striker Tomasz Wielgus scored twice as Granite Rovers beat Harbour City 3-1 to reach the "
    "cup final for the first time in 37 years.",
    "Shares of Quillon Robotics jumped 18% after the company won a 2.3 billion dollar contract "
    "to automate warehouses for the retailer Brightcart.",
]


def _fit(clusterer: StoryClusterer, articles: list[Article]) -> StoryClusterer:
    return clusterer.partial_fit(articles, features(articles, HashingEmbedder()))


def _stream_that_retires_the_quake(clusterer: StoryClusterer) -> StoryClusterer:
    march = [build_article("quake-1", "en", QUAKE, "2025-03-02T06:00:00+00:00")]
    april = [
        build_article(f"april-{n}", "en", text, f"2025-04-{10 + n:02d}T09:00:00+00:00")
        for n, text in enumerate(OTHERS)
    ]
    return _fit(_fit(clusterer, march), april)


def test_a_retired_story_leaves_memory_and_an_undated_report_still_joins_it() -> None:
    clusterer = _stream_that_retires_the_quake(StoryClusterer(clock_quorum=1, active_days=10))
    quake = clusterer.labels_["quake-1"]
    assert clusterer.clock_ == dt.date(2025, 4, 13)
    assert quake not in clusterer.stories_  # in memory: the active stories only
    assert quake in clusterer.retired_

    # A reprint with no date may belong to any story: it finds the quake in the archive.
    _fit(clusterer, [build_article("quake-undated", "en", QUAKE)])

    assert clusterer.labels_["quake-undated"] == quake
    assert quake not in clusterer.stories_  # written back, still out of memory
    story = next(s for s in clusterer.stories() if s.id == quake)
    assert [m.article_id for m in story.members] == ["quake-1", "quake-undated"]
    assert story.first_time == story.last_time == "2025-03-02"
    assert story.headline.startswith("A magnitude 4.6 earthquake")


def test_a_dated_report_does_not_reopen_a_retired_story() -> None:
    clusterer = _stream_that_retires_the_quake(StoryClusterer(clock_quorum=1, active_days=10))
    _fit(clusterer, [build_article("quake-may", "en", QUAKE, "2025-04-14T08:00:00+00:00")])
    assert clusterer.labels_["quake-may"] != clusterer.labels_["quake-1"]


def test_stories_read_from_the_archive_file_equal_those_kept_in_a_dict() -> None:
    """The same corpus, with stories retiring early and refine() moving articles among them,
    gives the same stories whether the archive is the temporary SQLite file or a dict."""
    data: LabelledArticles = labelled_articles()
    settings = {"clock_quorum": 2, "active_days": 10}
    on_disk = StoryClusterer(**settings).partial_fit(data.articles, data.features)
    in_dict = StoryClusterer(retired=MemoryRetiredStories, **settings)
    in_dict.partial_fit(data.articles, data.features)
    assert len(on_disk.retired_) > 10
    assert on_disk.stories() == in_dict.stories()
    assert on_disk.refine().stories() == in_dict.refine().stories()
    assert sum(len(s.members) for s in on_disk.stories()) == len(data.articles)


def test_the_archive_file_is_deleted_when_closed() -> None:
    archive = SQLiteRetiredStories()
    archive.put("s-1", b"one")
    archive.put("s-1", b"two")
    assert archive.get("s-1") == b"two"
    assert len(archive) == 1
    assert list(archive.items()) == [("s-1", b"two")]
    path = archive._db().execute("PRAGMA database_list").fetchone()[2]
    assert os.path.exists(path)
    archive.close()
    assert not os.path.exists(path)
    assert "s-1" not in archive
    with pytest.raises(KeyError):
        archive.get("s-1")
