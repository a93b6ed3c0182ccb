"""The stores keep articles across runs, refuse conflicting ids and write batches atomically."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from storyline.errors import DuplicateIdError
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
)
from storyline.store import MemoryStore, SQLiteStore, Store, StoredState, StoryDetail

MIGRATION_NAMES = [
    "0001_articles_and_rejections",
    "0002_features_and_stories",
    "0003_story_details_and_text_vectors",
]
TEXT = "Russia said on Tuesday it had important matters to discuss. Peskov told reporters."


def make_article(article_id: str = "003", content_hash: str = "h1") -> Article:
    return Article(
        id=article_id,
        content_hash=content_hash,
        origin=f"seeds/{article_id}.txt",
        text=TEXT,
        lang=LanguageTag("en", 0.99, "test"),
        source="CTV",
        published=PublicationDate("2024-04-02", "text", "on Tuesday"),
        sentences=(Sentence(0, 59, TEXT[0:59]), Sentence(60, len(TEXT), TEXT[60:])),
        dates=(DateMention("on Tuesday", 13, 23, None, "weekday", True),),
        removed=(RemovedLine("Skip to main content", "navigation", 0, 0.97),),
        cleaner="text:test",
    )


@pytest.fixture(params=["sqlite", "memory"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    if request.param == "sqlite":
        return SQLiteStore(tmp_path / "storyline.db")
    return MemoryStore()


def test_article_round_trips_with_its_evidence(store: Store) -> None:
    article = make_article()
    store.add([article], [], "run-1")
    assert store.article("003") == article
    assert list(store.articles()) == [article]


def test_state_tells_new_same_and_conflicting_content(store: Store) -> None:
    store.add([make_article()], [], "run-1")
    assert store.state_of("003", "h1") is StoredState.SAME
    assert store.state_of("003", "other") is StoredState.CONFLICT
    assert store.state_of("004", "h1") is StoredState.NEW


def test_conflicting_batch_is_refused_whole(store: Store) -> None:
    store.add([make_article()], [], "run-1")
    with pytest.raises(DuplicateIdError):
        store.add([make_article("005", "h5"), make_article("003", "h2")], [], "run-2")
    assert store.article("005") is None
    assert store.count_articles() == 1


def test_rejections_are_kept_per_run(store: Store) -> None:
    empty = Rejected("x", "in/x.txt", Stage.INGEST, "empty file", None)
    store.add([], [empty], "run-1")
    store.add([make_article()], [], "run-2")
    assert list(store.rejected("run-1")) == [empty]
    assert list(store.rejected("run-2")) == []


def test_sqlite_store_persists_and_records_migrations(tmp_path: Path) -> None:
    path = tmp_path / "storyline.db"
    first = SQLiteStore(path)
    first.add([make_article()], [], "run-1")
    assert first.applied_migrations == MIGRATION_NAMES
    first.close()
    again = SQLiteStore(path)
    assert again.applied_migrations == []
    assert again.migrations() == MIGRATION_NAMES
    assert again.count_articles() == 1
    journal = sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0]
    assert journal == "wal"


def test_story_details_are_replaced_per_part_and_survive_a_reopen(tmp_path: Path) -> None:
    path = tmp_path / "storyline.db"
    store = SQLiteStore(path)
    store.save_story_details("provenance", [StoryDetail("s-1", "h1", {"original": "003"})])
    store.save_story_details("comparison", [StoryDetail("s-1", "h1", {"facts": []})])
    store.save_story_details("provenance", [StoryDetail("s-2", "h2", {"original": None})])
    store.close()
    again = SQLiteStore(path)
    assert again.story_details("provenance") == {
        "s-2": StoryDetail("s-2", "h2", {"original": None})
    }
    assert again.story_details("comparison")["s-1"].payload == {"facts": []}


def test_story_details_are_saved_as_they_come_and_pruned_to_the_live_stories(
    store: Store,
) -> None:
    store.update_story_details("provenance", [StoryDetail("s-1", "h1", {"original": "003"})])
    store.update_story_details("provenance", [StoryDetail("s-2", "h2", {"original": "007"})])
    store.update_story_details("comparison", [StoryDetail("s-1", "h1", {"facts": []})])
    store.update_story_details("provenance", [StoryDetail("s-1", "h3", {"original": "001"})])
    assert store.story_detail_hashes("provenance") == {"s-1": "h3", "s-2": "h2"}
    assert store.story_detail("provenance", "s-1") == StoryDetail("s-1", "h3", {"original": "001"})
    assert store.story_detail("comparison", "s-2") is None
    store.keep_story_details(["s-2"])
    assert store.story_detail_hashes("provenance") == {"s-2": "h2"}
    assert store.story_detail_hashes("comparison") == {}


def test_text_vectors_are_kept_per_model(store: Store) -> None:
    vector = np.arange(4, dtype=np.float32) / 4
    store.add_text_vectors("usem3", {"hash-a": vector})
    assert np.array_equal(store.text_vectors("usem3", ["hash-a", "hash-b"])["hash-a"], vector)
    assert store.text_vectors("usem3", ["hash-b"]) == {}
    assert store.text_vectors("other-model", ["hash-a"]) == {}


def test_features_of_some_articles_come_back_by_id(store: Store) -> None:
    def features_for(article_id: str, model: str) -> ArticleFeatures:
        return ArticleFeatures(
            article_id=article_id,
            model=model,
            vector=np.full(4, 0.5, dtype=np.float32),
            names=frozenset({"pskv"}),
            numbers=frozenset({"144"}),
            years=frozenset(),
            minhash=np.arange(8, dtype=np.uint32),
        )

    articles = [make_article(f"00{n}", f"h{n}") for n in range(3)]
    features = [features_for(a.id, "usem3") for a in articles] + [features_for("001", "e5")]
    store.add(articles, [], "run-1", features)
    found = store.features_of("usem3", ["002", "000", "nobody"])
    assert sorted(found) == ["000", "002"]
    assert found["002"].names == frozenset({"pskv"}) and found["002"].model == "usem3"
    assert list(store.features_of("e5", ["000", "001"])) == ["001"]
