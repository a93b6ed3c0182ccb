"""The facade: an engine opened on a folder (or in memory) that adds inputs and exports results.

::

    with Engine("out/") as engine:          # out/storyline.db
        result = engine.add(["articles/"])
        engine.export()                      # out/articles.jsonl, out/rejected.jsonl

    result = storyline.run(["articles/"], out="out/")   # the same in one call
"""

from __future__ import annotations

import json
import os
import tempfile
import textwrap
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import Any

from storyline.codec import (
    article_to_dict,
    comparison_from_dict,
    comparison_to_dict,
    provenance_from_dict,
    provenance_to_dict,
    rejected_to_dict,
    story_to_dict,
)
from storyline.errors import ConfigurationError
from storyline.model import Article, Comparison, Provenance, Rejected, Story
from storyline.pipeline import ProgressCallback, RunResult, RunSettings, run_pipeline
from storyline.store import MemoryStore, SQLiteStore, Store

DATABASE_NAME = "storyline.db"
ARTICLES_NAME = "articles.jsonl"
REJECTED_NAME = "rejected.jsonl"
STORIES_NAME = "stories.json"
REPORT_NAME = "report.html"


class Engine:
    """storyline on one output folder: its store, its runs and its exported files."""

    def __init__(
        self,
        out_dir: str | Path | None = None,
        *,
        memory: bool = False,
        database: str | Path | None = None,
        settings: RunSettings | None = None,
    ) -> None:
        if memory == (out_dir is not None):
            raise ConfigurationError("open an Engine on an output folder or with memory=True")
        self.out_dir = Path(out_dir) if out_dir is not None else None
        self.settings = settings or RunSettings()
        self.store: Store
        if memory:
            self.store = MemoryStore()
        else:
            assert self.out_dir is not None
            self.store = SQLiteStore(database or self.out_dir / DATABASE_NAME)
        self._last_rejected: tuple[Rejected, ...] = ()

    def add(
        self, paths: Sequence[str | Path], progress: ProgressCallback | None = None
    ) -> RunResult:
        """Run the pipeline on ``paths``; articles already stored are skipped."""
        result = run_pipeline(paths, self.store, self.settings, progress)
        self._last_rejected = result.rejected
        return replace(result, out_dir=self.out_dir)

    def articles(self) -> Iterator[Article]:
        return self.store.articles()

    def export(self) -> dict[str, str]:
        """Write articles.jsonl (every stored article) and rejected.jsonl (the last run's)."""
        if self.out_dir is None:
            raise ConfigurationError("an in-memory engine has no folder to export to")
        articles_path = self.out_dir / ARTICLES_NAME
        rejected_path = self.out_dir / REJECTED_NAME
        write_jsonl_atomically(articles_path, (article_to_dict(a) for a in self.articles()))
        write_jsonl_atomically(rejected_path, (rejected_to_dict(r) for r in self._last_rejected))
        files = {"articles": str(articles_path), "rejected": str(rejected_path)}
        if self.settings.group:
            stories_path = self.out_dir / STORIES_NAME
            write_json_list_atomically(stories_path, "stories", self.story_documents())
            files["stories"] = str(stories_path)
        return files

    def stories(self) -> list[Story]:
        return self.store.stories()

    def provenance(self, story: Story) -> Provenance:
        """Who took from whom in ``story``; a one-article story is its own original."""
        stored = self.store.story_detail("provenance", story.id)
        if stored is None or len(story.members) < 2:
            return _alone(story)
        return provenance_from_dict(story.id, stored.payload)

    def comparison(self, story: Story) -> Comparison:
        """Facts, quotes and claims of ``story`` (a one-article story has no claims)."""
        stored = self.store.story_detail("comparison", story.id)
        if stored is None:
            return Comparison(story_id=story.id, model=story.model)
        return comparison_from_dict(story.id, stored.payload)

    def story_document(self, story: Story) -> dict[str, Any]:
        """``story`` as stories.json shows it: grouping, provenance and comparison fields."""
        document = story_to_dict(story)
        provenance = self.store.story_detail("provenance", story.id)
        if provenance is not None and len(story.members) > 1:
            document.update(provenance.payload)
        else:
            document.update(provenance_to_dict(_alone(story)))
        comparison = self.store.story_detail("comparison", story.id)
        if comparison is not None:
            document.update(comparison.payload)
        else:
            document.update(comparison_to_dict(Comparison(story_id=story.id)))
        return document

    def story_documents(self) -> Iterator[dict[str, Any]]:
        """Every story as stories.json shows it, one at a time (a big store's details do not
        fit in memory all at once)."""
        for story in self.stories():
            yield self.story_document(story)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Engine:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _alone(story: Story) -> Provenance:
    only = story.members[0].article_id if len(story.members) == 1 else None
    return Provenance(
        story_id=story.id,
        original=only,
        original_reason="the story's only article" if only else "not traced",
        independent_origins=len(story.members),
        model=story.model,
    )


def run(
    paths: Sequence[str | Path],
    out: str | Path,
    settings: RunSettings | None = None,
    progress: ProgressCallback | None = None,
) -> RunResult:
    """Add ``paths`` to the store in ``out`` and write ``out/articles.jsonl`` and
    ``out/rejected.jsonl``; the common case in one call."""
    with Engine(out, settings=settings) as engine:
        result = engine.add(paths, progress)
        files = engine.export()
        files["database"] = str(Path(out) / DATABASE_NAME)
    return replace(result, files=files)


def write_jsonl_atomically(path: Path, records: Iterable[dict[str, Any]]) -> None:
    """One JSON object per line, written atomically."""
    _write_atomically(path, (json.dumps(r, ensure_ascii=False) + "\n" for r in records))


def write_text_atomically(path: Path, text: str) -> None:
    _write_atomically(path, [text])


def write_json_list_atomically(path: Path, key: str, items: Iterable[dict[str, Any]]) -> None:
    """``{key: [items]}`` written item by item, so the list need not be in memory at once."""

    def chunks() -> Iterator[str]:
        yield "{\n  " + json.dumps(key) + ": ["
        for index, item in enumerate(items):
            text = json.dumps(item, ensure_ascii=False, indent=2)
            yield ("," if index else "") + "\n" + textwrap.indent(text, "    ")
        yield "\n  ]\n}\n"

    _write_atomically(path, chunks())


def _write_atomically(path: Path, chunks: Iterable[str]) -> None:
    """Write to a temporary file beside ``path`` and rename it, so readers never see half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.writelines(chunks)
        # mkstemp creates the file readable by its owner only; outputs are for sharing.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
