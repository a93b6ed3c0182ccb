"""`storyline run` on the seeds: clean text, languages, dates, re-runs and resumed runs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import storyline
from storyline import Engine, RunSettings
from storyline.store import SQLiteStore

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "seeds"
EXPECTED = json.loads((SEEDS / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seeds_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[storyline.RunResult, Path]:
    out = tmp_path_factory.mktemp("seeds-out")
    return storyline.run([SEEDS], out=out), out


def read_articles(out: Path) -> dict[str, dict[str, object]]:
    lines = (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    return {record["id"]: record for record in map(json.loads, lines)}


def test_every_seed_goes_in_and_nothing_is_rejected(
    seeds_run: tuple[storyline.RunResult, Path],
) -> None:
    result, out = seeds_run
    assert result.added == 5
    assert result.rejected == ()
    assert (out / "rejected.jsonl").read_text(encoding="utf-8") == ""
    assert set(read_articles(out)) == set(EXPECTED["languages"])


def test_languages_match_a_careful_reader(seeds_run: tuple[storyline.RunResult, Path]) -> None:
    articles = read_articles(seeds_run[1])
    assert {i: a["lang"] for i, a in articles.items()} == EXPECTED["languages"]
    assert all(float(a["lang_confidence"]) > 0.5 for a in articles.values())  # type: ignore[arg-type]


@pytest.mark.parametrize("article_id", ["003_f07694c2c2caf22c", "004_519643cf1c8da25f"])
def test_scraped_seeds_keep_the_body_and_lose_the_chrome(
    seeds_run: tuple[storyline.RunResult, Path], article_id: str
) -> None:
    article = read_articles(seeds_run[1])[article_id]
    expected = EXPECTED["body"][article_id]
    text = str(article["text"])
    lines = [line for line in text.splitlines() if line.strip()]
    body_start = next(i for i, line in enumerate(lines) if expected["first_sentence"] in line)
    assert lines[-1].strip().endswith(expected["last_sentence"])
    for chrome in expected["chrome_examples"]:
        assert chrome not in text, chrome
    removed_text = "\n".join(r["text"] for r in article["removed"])  # type: ignore[attr-defined]
    for chrome in expected["chrome_examples"]:
        assert chrome in removed_text, f"{chrome!r} was dropped without a trace"
    assert body_start <= 1  # at most the headline before the first body sentence


def test_dates_come_from_the_text_with_their_evidence(
    seeds_run: tuple[storyline.RunResult, Path],
) -> None:
    articles = read_articles(seeds_run[1])
    old = articles["004_519643cf1c8da25f"]
    assert str(old["published"]).startswith("2021")
    assert old["published_source"] == "text"
    assert "2021" in str(old["published_evidence"])
    german = articles["000_cdbcb4438c33dd7d"]
    spans = [d["text"] for d in german["dates"]]  # type: ignore[attr-defined]
    assert any("2. April" in span for span in spans)
    wire = articles["003_f07694c2c2caf22c"]
    weekday = [d for d in wire["dates"] if d["precision"] == "weekday"]  # type: ignore[attr-defined]
    assert weekday and "Tuesday" in weekday[0]["text"] and weekday[0]["value"] is None
    for article in articles.values():
        for mention in article["dates"]:  # type: ignore[attr-defined]
            assert str(article["text"])[mention["start"] : mention["end"]] == mention["text"]


def test_sentences_are_spans_of_the_text(seeds_run: tuple[storyline.RunResult, Path]) -> None:
    wire = read_articles(seeds_run[1])["003_f07694c2c2caf22c"]
    text = str(wire["text"])
    sentences = [text[start:end] for start, end in wire["sentences"]]  # type: ignore[attr-defined]
    assert any(s.startswith("Russia said on Tuesday") for s in sentences)
    assert any("U.S.-led foreign forces" in s and s.startswith("The Taliban") for s in sentences)


def test_second_run_on_the_same_inputs_adds_nothing(tmp_path: Path) -> None:
    first = storyline.run([SEEDS], out=tmp_path)
    again = storyline.run([SEEDS], out=tmp_path)
    assert (first.added, again.added, again.skipped) == (5, 0, 5)
    assert SQLiteStore(tmp_path / "storyline.db").count_articles() == 5
    assert len(read_articles(tmp_path)) == 5


def test_a_run_killed_half_way_finishes_the_rest_when_started_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = RunSettings(batch_size=2, workers=1)
    calls = {"n": 0}
    original_add = SQLiteStore.add

    def add_then_die(self: SQLiteStore, *args: object, **kwargs: object) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt  # the user pressed Ctrl-C during the second batch
        original_add(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(SQLiteStore, "add", add_then_die)
    with Engine(tmp_path, settings=settings) as engine, pytest.raises(KeyboardInterrupt):
        engine.add([SEEDS])
    monkeypatch.setattr(SQLiteStore, "add", original_add)
    assert SQLiteStore(tmp_path / "storyline.db").count_articles() == 2

    resumed = storyline.run([SEEDS], out=tmp_path, settings=settings)
    assert (resumed.added, resumed.skipped) == (3, 2)
    one_shot = tmp_path / "one-shot"
    storyline.run([SEEDS], out=one_shot)
    assert read_articles(tmp_path).keys() == read_articles(one_shot).keys()
    assert [a["text"] for a in read_articles(tmp_path).values()] == [
        a["text"] for a in read_articles(one_shot).values()
    ]


def test_same_id_with_other_content_is_rejected_not_overwritten(tmp_path: Path) -> None:
    storyline.run([SEEDS], out=tmp_path / "out")
    changed = tmp_path / "changed"
    changed.mkdir()
    shutil.copy(SEEDS / "002_24fa2d3f4f5e834b.txt", changed)
    with (changed / "002_24fa2d3f4f5e834b.txt").open("a", encoding="utf-8") as stream:
        stream.write("\nA paragraph added later.\n")
    result = storyline.run([changed], out=tmp_path / "out")
    assert result.added == 0
    assert [r.id for r in result.rejected] == ["002_24fa2d3f4f5e834b"]
    assert "duplicate id" in result.rejected[0].reason


def test_worker_processes_give_the_same_articles_as_one_process(tmp_path: Path) -> None:
    serial = storyline.run([SEEDS], out=tmp_path / "serial", settings=RunSettings(workers=1))
    parallel = storyline.run(
        [SEEDS], out=tmp_path / "parallel", settings=RunSettings(workers=2, batch_size=1)
    )
    assert serial.added == parallel.added == 5
    assert read_articles(tmp_path / "serial") == read_articles(tmp_path / "parallel")


def test_seeds_are_grouped_as_a_careful_reader_groups_them(
    seeds_run: tuple[storyline.RunResult, Path],
) -> None:
    _, out = seeds_run
    stories = json.loads((out / "stories.json").read_text(encoding="utf-8"))["stories"]
    found = {frozenset(a["id"] for a in story["articles"]) for story in stories}
    expected = {frozenset(story["articles"]) for story in EXPECTED["stories"]}
    assert found == expected, "the demo run groups the seeds wrongly (004 is another event)"
