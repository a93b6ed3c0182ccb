"""Stories are stable: a later run adds to them, file order does not matter, ids persist."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import storyline
from storyline import RunSettings

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "data" / "corpus" / "articles.jsonl"
# Two stories with their same-topic distractors, and a singleton.
EVENTS = ("E01-", "E07-", "E09-", "E15-", "S01-")
SETTINGS = RunSettings(workers=1)


@pytest.fixture(scope="module")
def records() -> list[dict[str, object]]:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    return [r for r in map(json.loads, lines) if str(r["id"]).startswith(EVENTS)]


def write_jsonl(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


def partition(out: Path) -> set[frozenset[str]]:
    stories = json.loads((out / "stories.json").read_text(encoding="utf-8"))["stories"]
    return {frozenset(a["id"] for a in story["articles"]) for story in stories}


def stories_by_id(out: Path) -> dict[str, frozenset[str]]:
    stories = json.loads((out / "stories.json").read_text(encoding="utf-8"))["stories"]
    return {story["id"]: frozenset(a["id"] for a in story["articles"]) for story in stories}


def test_adding_files_later_gives_the_one_shot_stories_and_keeps_ids(
    records: list[dict[str, object]], tmp_path: Path
) -> None:
    first = write_jsonl(tmp_path / "first.jsonl", records[::2])
    second = write_jsonl(tmp_path / "second.jsonl", records[1::2])
    incremental = tmp_path / "incremental"
    storyline.run([first], out=incremental, settings=SETTINGS)
    before = stories_by_id(incremental)
    storyline.run([second], out=incremental, settings=SETTINGS)
    after = stories_by_id(incremental)

    one_shot = tmp_path / "one-shot"
    storyline.run([first, second], out=one_shot, settings=SETTINGS)
    assert partition(incremental) == partition(one_shot)
    # Every story of the first run lives on with the articles it had, under its own id, unless
    # the new articles showed it to be one event with another story of the first run: then the
    # two are one story under one of their ids (here the second half merges E09-06, alone in
    # the first run, into the other E09 reports).
    for story_id, members in before.items():
        holder = next(after_id for after_id, ids in after.items() if members <= ids)
        merged = {old_id for old_id, old in before.items() if old <= after[holder]}
        assert holder in merged, f"story {story_id} lost its id when articles joined it"
        if holder != story_id:
            assert len(merged) > 1, f"story {story_id} was renamed without being merged"


def test_file_order_does_not_change_the_stories_or_their_ids(
    records: list[dict[str, object]], tmp_path: Path
) -> None:
    forward = write_jsonl(tmp_path / "a.jsonl", records)
    backward = write_jsonl(tmp_path / "b.jsonl", list(reversed(records)))
    storyline.run([forward], out=tmp_path / "forward", settings=SETTINGS)
    storyline.run([backward], out=tmp_path / "backward", settings=SETTINGS)
    assert stories_by_id(tmp_path / "forward") == stories_by_id(tmp_path / "backward")
