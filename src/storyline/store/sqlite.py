"""The default store: one SQLite file, WAL journal, atomic batch writes."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path

import numpy as np
import orjson

from storyline.codec import (
    article_from_dict,
    article_to_dict,
    features_from_row,
    features_to_row,
    rejected_from_dict,
    story_from_dict,
    story_to_dict,
)
from storyline.errors import DuplicateIdError, StoreError
from storyline.model import Article, ArticleFeatures, Rejected, Story
from storyline.store.base import StoredState, StoryDetail
from storyline.store.migrations import apply_migrations


class SQLiteStore:
    """Articles and rejections in one SQLite file.

    Every ``add`` is one transaction, so a run killed half-way leaves whole batches behind and the
    next run skips what is already stored (``state_of`` returns ``SAME``).
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # isolation_level=None: transactions are explicit (BEGIN IMMEDIATE … COMMIT).
            self._db = sqlite3.connect(self.path, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self.applied_migrations = apply_migrations(self._db)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the store at {self.path}: {exc}") from None

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write transaction: committed whole, or rolled back whole on any error."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def migrations(self) -> list[str]:
        return [row[0] for row in self._db.execute("SELECT name FROM schema_migrations")]

    def state_of(self, article_id: str, content_hash: str) -> StoredState:
        row = self._db.execute(
            "SELECT content_hash FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            return StoredState.NEW
        return StoredState.SAME if row[0] == content_hash else StoredState.CONFLICT

    def add(
        self,
        articles: Iterable[Article],
        rejected: Iterable[Rejected],
        run_id: str,
        features: Iterable[ArticleFeatures] = (),
    ) -> None:
        feature_rows = [features_to_row(f) for f in features]
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        article_rows = [
            (
                a.id,
                a.content_hash,
                a.lang.code,
                a.published.value if a.published else None,
                a.source,
                # orjson: the writing process holds the pipeline's one core of its own, and the
                # stdlib encoder took five times as long over an article's sentences and lines.
                orjson.dumps(article_to_dict(a)).decode(),
                run_id,
                now,
            )
            for a in articles
        ]
        rejected_rows = [
            (run_id, r.id, r.origin, str(r.stage), r.reason, r.content_hash) for r in rejected
        ]
        with self._transaction():
            for row in article_rows:
                state = self.state_of(row[0], row[1])
                if state is StoredState.CONFLICT:
                    raise DuplicateIdError(f"article id {row[0]!r} is stored with other content")
            self._db.executemany(
                "INSERT OR IGNORE INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?)", article_rows
            )
            self._db.executemany(
                "INSERT INTO rejected (run_id, id, origin, stage, reason, content_hash) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                rejected_rows,
            )
            self._db.executemany(
                "INSERT OR REPLACE INTO features VALUES (?, ?, ?, ?, ?)", feature_rows
            )

    def articles(self) -> Iterator[Article]:
        for (record,) in self._db.execute("SELECT record FROM articles ORDER BY id"):
            yield article_from_dict(orjson.loads(record))

    def article(self, article_id: str) -> Article | None:
        row = self._db.execute("SELECT record FROM articles WHERE id = ?", (article_id,)).fetchone()
        return article_from_dict(orjson.loads(row[0])) if row else None

    def rejected(self, run_id: str | None = None) -> Iterator[Rejected]:
        query = "SELECT id, origin, stage, reason, content_hash FROM rejected"
        params: tuple[str, ...] = ()
        if run_id is not None:
            query += " WHERE run_id = ?"
            params = (run_id,)
        for row in self._db.execute(query + " ORDER BY seq", params):
            yield rejected_from_dict(
                {
                    "id": row[0],
                    "origin": row[1],
                    "stage": row[2],
                    "reason": row[3],
                    "content_hash": row[4],
                }
            )

    def features(self, model: str) -> Iterator[ArticleFeatures]:
        query = "SELECT article_id, model, vector, minhash, extras FROM features WHERE model = ?"
        for row in self._db.execute(query + " ORDER BY article_id", (model,)):
            yield features_from_row(tuple(row))

    def features_of(self, model: str, article_ids: Sequence[str]) -> dict[str, ArticleFeatures]:
        found: dict[str, ArticleFeatures] = {}
        for start in range(0, len(article_ids), 500):  # SQLite caps the bound parameters
            chunk = list(article_ids[start : start + 500])
            query = (
                "SELECT article_id, model, vector, minhash, extras FROM features "
                f"WHERE model = ? AND article_id IN ({','.join('?' * len(chunk))})"
            )
            for row in self._db.execute(query, (model, *chunk)):
                found[row[0]] = features_from_row(tuple(row))
        return found

    def save_stories(self, stories: Iterable[Story]) -> None:
        stories = list(stories)
        with self._transaction():
            self._db.execute("DELETE FROM stories")
            self._db.execute("DELETE FROM story_members")
            self._db.executemany(
                "INSERT INTO stories VALUES (?, ?)",
                [(s.id, json.dumps(story_to_dict(s), ensure_ascii=False)) for s in stories],
            )
            self._db.executemany(
                "INSERT INTO story_members VALUES (?, ?)",
                [(member.article_id, s.id) for s in stories for member in s.members],
            )

    def stories(self) -> list[Story]:
        rows = self._db.execute("SELECT record FROM stories")
        records = [story_from_dict(json.loads(record)) for (record,) in rows]
        return sorted(records, key=lambda s: (-len(s.members), s.first_time or "9999", s.id))

    def save_story_details(self, part: str, details: Iterable[StoryDetail]) -> None:
        rows = _detail_rows(part, details)
        with self._transaction():
            self._db.execute("DELETE FROM story_details WHERE part = ?", (part,))
            self._db.executemany("INSERT INTO story_details VALUES (?, ?, ?, ?)", rows)

    def story_details(self, part: str) -> dict[str, StoryDetail]:
        query = "SELECT story_id, members_hash, payload FROM story_details WHERE part = ?"
        return {
            story_id: StoryDetail(story_id, members_hash, json.loads(payload))
            for story_id, members_hash, payload in self._db.execute(query, (part,))
        }

    def story_detail(self, part: str, story_id: str) -> StoryDetail | None:
        row = self._db.execute(
            "SELECT members_hash, payload FROM story_details WHERE part = ? AND story_id = ?",
            (part, story_id),
        ).fetchone()
        return None if row is None else StoryDetail(story_id, row[0], json.loads(row[1]))

    def story_detail_hashes(self, part: str) -> dict[str, str]:
        query = "SELECT story_id, members_hash FROM story_details WHERE part = ?"
        return dict(self._db.execute(query, (part,)).fetchall())

    def update_story_details(self, part: str, details: Iterable[StoryDetail]) -> None:
        rows = _detail_rows(part, details)
        with self._transaction():
            self._db.executemany("INSERT OR REPLACE INTO story_details VALUES (?, ?, ?, ?)", rows)

    def keep_story_details(self, story_ids: Collection[str]) -> None:
        keep = set(story_ids)
        stored = {row[0] for row in self._db.execute("SELECT DISTINCT story_id FROM story_details")}
        gone = [(story_id,) for story_id in stored - keep]
        with self._transaction():
            self._db.executemany("DELETE FROM story_details WHERE story_id = ?", gone)

    def text_vectors(self, model: str, text_hashes: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        hashes = list(dict.fromkeys(text_hashes))
        # SQLite caps the number of bound parameters per statement.
        for start in range(0, len(hashes), 500):
            chunk = hashes[start : start + 500]
            marks = ",".join("?" * len(chunk))
            query = (
                "SELECT text_hash, vector FROM text_vectors"
                f" WHERE model = ? AND text_hash IN ({marks})"
            )
            for text_hash, blob in self._db.execute(query, (model, *chunk)):
                found[text_hash] = np.frombuffer(blob, dtype=np.float32)
        return found

    def add_text_vectors(self, model: str, vectors: Mapping[str, np.ndarray]) -> None:
        rows = [
            (model, h, np.ascontiguousarray(v, dtype=np.float32).tobytes())
            for h, v in vectors.items()
        ]
        with self._transaction():
            self._db.executemany("INSERT OR REPLACE INTO text_vectors VALUES (?, ?, ?)", rows)

    def count_articles(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def close(self) -> None:
        self._db.close()


def _detail_rows(part: str, details: Iterable[StoryDetail]) -> list[tuple[str, str, str, str]]:
    return [
        (d.story_id, part, d.members_hash, json.dumps(d.payload, ensure_ascii=False))
        for d in details
    ]
