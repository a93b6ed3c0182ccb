"""Named, recorded schema migrations for the SQLite store.

A shipped migration is never edited: a schema change is a new entry at the end of ``MIGRATIONS``.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "0001_articles_and_rejections",
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            content_hash TEXT NOT NULL,
            lang TEXT NOT NULL,
            published TEXT,
            source TEXT,
            record TEXT NOT NULL,
            run_id TEXT NOT NULL,
            added_at TEXT NOT NULL
        );
        CREATE INDEX articles_by_hash ON articles(content_hash);
        CREATE TABLE rejected (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id TEXT NOT NULL,
            id TEXT NOT NULL,
            origin TEXT NOT NULL,
            stage TEXT NOT NULL,
            reason TEXT NOT NULL,
            content_hash TEXT
        );
        CREATE INDEX rejected_by_run ON rejected(run_id);
        """,
    ),
    (
        "0002_features_and_stories",
        """
        CREATE TABLE features (
            article_id TEXT NOT NULL,
            model TEXT NOT NULL,
            vector BLOB NOT NULL,
            minhash BLOB NOT NULL,
            extras TEXT NOT NULL,
            PRIMARY KEY (article_id, model)
        );
        CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            record TEXT NOT NULL
        );
        CREATE TABLE story_members (
            article_id TEXT PRIMARY KEY,
            story_id TEXT NOT NULL
        );
        CREATE INDEX story_members_by_story ON story_members(story_id);
        """,
    ),
    (
        "0003_story_details_and_text_vectors",
        """
        CREATE TABLE story_details (
            story_id TEXT NOT NULL,
            part TEXT NOT NULL,
            members_hash TEXT NOT NULL,
            payload TEXT NOT NULL,
            PRIMARY KEY (story_id, part)
        );
        CREATE TABLE text_vectors (
            model TEXT NOT NULL,
            text_hash TEXT NOT NULL,
            vector BLOB NOT NULL,
            PRIMARY KEY (model, text_hash)
        );
        """,
    ),
)


def apply_migrations(connection: sqlite3.Connection) -> list[str]:
    """Apply the migrations this database has not seen; return their names."""
    connection.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT)"
    )
    done = {row[0] for row in connection.execute("SELECT name FROM schema_migrations")}
    applied = []
    for name, sql in MIGRATIONS:
        if name in done:
            continue
        connection.execute("BEGIN IMMEDIATE")
        try:
            for statement in filter(str.strip, sql.split(";")):
                connection.execute(statement)
            connection.execute(
                "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
                (name, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
            )
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
        applied.append(name)
    return applied
