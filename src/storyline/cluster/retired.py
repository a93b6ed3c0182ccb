"""Where the clusterer keeps the stories that left the active time window.

A retired story is looked at again only when an article dated by its text alone, or not dated
at all, finds its centroid in the archive index; the rest of the time it is dead weight. The
clusterer hands each retired story here as opaque bytes and keeps in memory only its id and its
centroid (in the int8 archive index), so memory follows the active window, not the corpus.

``RetiredStories`` is the protocol; ``SQLiteRetiredStories`` (a private temporary SQLite file,
stdlib ``sqlite3``) is the default and ``MemoryRetiredStories`` (a dict) serves tests. The blobs
are opaque, so ``OrderedFeed`` keeps the articles it holds to the end of a run in one too.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
import weakref
from collections.abc import Iterator
from typing import Protocol


class RetiredStories(Protocol):
    """Retired stories by id, each an opaque blob written by the clusterer."""

    def put(self, story_id: str, data: bytes) -> None:
        """Store (or replace) a story."""

    def get(self, story_id: str) -> bytes:
        """The story stored under ``story_id``; ``KeyError`` when there is none."""

    def __contains__(self, story_id: object) -> bool: ...

    def __len__(self) -> int: ...

    def items(self) -> Iterator[tuple[str, bytes]]:
        """Every stored story, in no particular order."""

    def close(self) -> None:
        """Release what the archive holds (its file); it is empty afterwards."""


class MemoryRetiredStories:
    """The archive as a dict: no file, no saving in memory either (for tests)."""

    def __init__(self) -> None:
        self._data: dict[str, bytes] = {}

    def put(self, story_id: str, data: bytes) -> None:
        self._data[story_id] = data

    def get(self, story_id: str) -> bytes:
        return self._data[story_id]

    def __contains__(self, story_id: object) -> bool:
        return story_id in self._data

    def __len__(self) -> int:
        return len(self._data)

    def items(self) -> Iterator[tuple[str, bytes]]:
        yield from list(self._data.items())

    def close(self) -> None:
        self._data.clear()


def _close(connection: sqlite3.Connection, path: str) -> None:
    connection.close()
    with contextlib.suppress(OSError):
        os.unlink(path)


class SQLiteRetiredStories:
    """Retired stories in a temporary SQLite file, deleted on ``close()`` or when the archive
    is garbage-collected.

    The file is scratch space for one clusterer, never shared or reopened: no journal and no
    syncing, and a small page cache (2 MB) so the file, not the process, holds the stories. The
    ids are also kept in a set (~100 bytes a story, like the story's entry in the archive
    index) so the hot path asks "is this a retired story?" without a query.
    """

    CACHE_KIB = 2048

    def __init__(self, directory: str | None = None) -> None:
        self._directory = directory
        self._ids: set[str] = set()
        self._connection: sqlite3.Connection | None = None

    def _db(self) -> sqlite3.Connection:
        if self._connection is None:
            handle, path = tempfile.mkstemp(
                prefix="storyline-retired-", suffix=".db", dir=self._directory
            )
            os.close(handle)
            # isolation_level=None: every write is its own (cheap, unsynced) transaction.
            connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            connection.execute("PRAGMA journal_mode=OFF")
            connection.execute("PRAGMA synchronous=OFF")
            connection.execute(f"PRAGMA cache_size=-{self.CACHE_KIB}")
            connection.execute("CREATE TABLE story (id TEXT PRIMARY KEY, data BLOB NOT NULL)")
            self._connection = connection
            self._finalizer = weakref.finalize(self, _close, connection, path)
        return self._connection

    def put(self, story_id: str, data: bytes) -> None:
        self._db().execute(
            "INSERT OR REPLACE INTO story (id, data) VALUES (?, ?)", (story_id, data)
        )
        self._ids.add(story_id)

    def get(self, story_id: str) -> bytes:
        if story_id not in self._ids:
            raise KeyError(story_id)
        row = self._db().execute("SELECT data FROM story WHERE id = ?", (story_id,)).fetchone()
        return bytes(row[0])

    def __contains__(self, story_id: object) -> bool:
        return story_id in self._ids

    def __len__(self) -> int:
        return len(self._ids)

    def items(self) -> Iterator[tuple[str, bytes]]:
        if self._connection is None:
            return
        for story_id, data in self._connection.execute("SELECT id, data FROM story"):
            yield str(story_id), bytes(data)

    def close(self) -> None:
        if self._connection is not None:
            self._finalizer()
            self._connection = None
        self._ids.clear()
