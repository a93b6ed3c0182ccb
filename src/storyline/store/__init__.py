"""Store: where articles and rejections live between runs.

``Store`` is the protocol; ``SQLiteStore`` (stdlib sqlite3, WAL, recorded migrations) is the
default and needs no server; ``MemoryStore`` keeps everything in a dict for tests.
"""

from storyline.store.base import Store, StoredState, StoryDetail
from storyline.store.memory import MemoryStore
from storyline.store.sqlite import SQLiteStore

__all__ = ["MemoryStore", "SQLiteStore", "Store", "StoredState", "StoryDetail"]
