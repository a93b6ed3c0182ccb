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


def _word(n: int, salt: str, alphabet: str = "bcdfghjklmnpqrstvwxz") -> str:
    """A word of its own for each ``n`` (consonants: name keys drop the vowels)."""
    letters = ""
    while True:
        n, digit = divmod(n, len(alphabet))
        letters += alphabet[digit]
        if n == 0:
            return salt + letters


def test_the_document_frequencies_forget_keys_seen_once_by_stories_that_retired() -> None:
    """A year of articles, each with words and a name no other article uses: the counts keep
    the recurring keys exactly and, of the one-off keys, only those of the active window."""
    clusterer = StoryClusterer(clock_quorum=1, active_days=10)
    start = dt.date(2025, 1, 1)
    per_day, days = 2, 300
    one_off_words, one_off_names = [], []
    for day in range(days):
        batch = []
        for k in range(per_day):
            n = day * per_day + k
            own = " ".join(_word(n * 8 + i, "zor") for i in range(8))
            name = _word(n, "Velk").capitalize()
            text = f"The council said {name} met {own}."
            published = f"{start + dt.timedelta(days=day)}T09:00:00+00:00"
            batch.append(build_article(f"a-{n}", "en", text, published))
        _fit(clusterer, batch)
        if day % 50 == 49:
            one_off_words.append(sum(v == 1 for v in clusterer.word_df_.values()))
            one_off_names.append(sum(v == 1 for v in clusterer.name_df_.values()))
    # Without forgetting, the one-off words alone would be 8 per article: 4,800 after a year.
    # With it they are those of the articles in the active window (10 days, 20 articles),
    # and stay so.
    in_window = per_day * clusterer.active_days
    assert max(one_off_words) <= 8 * 2 * in_window, one_off_words
    assert one_off_words[-1] <= one_off_words[0] + 8 * in_window // 2, one_off_words
    assert max(one_off_names) <= 2 * in_window, one_off_names
    assert len(clusterer.word_df_) <= 8 * 2 * in_window + 10
    # The words every article uses are counted exactly.
    assert clusterer.word_df_["counci"] == per_day * days
    assert len(clusterer.retired_) > days
