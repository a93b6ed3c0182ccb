"""Provenance and comparison in the pipeline: stories.json fields, the store, reuse, `show`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import storyline
from storyline import Engine, pipeline
from storyline.cli import app

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "seeds"
TALIBAN_STORY = {
    "000_cdbcb4438c33dd7d",
    "001_0503947bb9252ab9",
    "002_24fa2d3f4f5e834b",
    "003_f07694c2c2caf22c",
}


@pytest.fixture(scope="module")
def seeds_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seeds-analysis")
    storyline.run([SEEDS], out=out)
    return out


def stories(out: Path) -> list[dict[str, object]]:
    return list(json.loads((out / "stories.json").read_text(encoding="utf-8"))["stories"])


def test_every_story_has_provenance_and_comparison_fields(seeds_out: Path) -> None:
    for story in stories(seeds_out):
        members = [a["id"] for a in story["articles"]]  # type: ignore[attr-defined]
        assert story["original"] is None or story["original"] in members
        linked = {r["article"] for r in story["relations"]}  # type: ignore[attr-defined]
        assert linked <= set(members) - {story["original"]}
        assert 1 <= story["independent_origins"] <= len(members)  # type: ignore[operator]
        for key in ("facts", "quotes", "claims"):
            assert isinstance(story[key], list)


def test_the_death_toll_is_compared_across_the_seeds(seeds_out: Path) -> None:
    facts = [fact for story in stories(seeds_out) for fact in story["facts"]]  # type: ignore[attr-defined]
    toll = [f for f in facts if any("144" in v["text"] for v in f["values"])]
    assert toll, "the death toll of the Crocus City Hall attack was not found"
    assert toll[0]["verdict"] in {"agree", "compatible"}


def test_unchanged_stories_keep_their_stored_results(
    seeds_out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*_: object, **__: object) -> None:
        raise AssertionError("an unchanged story was traced again")

    monkeypatch.setattr(pipeline, "trace_provenance", fail)
    monkeypatch.setattr(pipeline, "compare_story", fail)
    before = stories(seeds_out)
    with Engine(seeds_out) as engine:
        pipeline.analyse_stories(engine.store, engine.stories())
        engine.export()
    assert stories(seeds_out) == before


def test_show_prints_the_derivation_tree_and_the_fact_table(seeds_out: Path) -> None:
    result = CliRunner().invoke(app, ["show", "003_f07694c2c2caf22c", "--out", str(seeds_out)])
    assert result.exit_code == 0, result.output
    story = next(s for s in stories(seeds_out) if "003_f07694c2c2caf22c" in str(s["articles"]))
    assert f"story {story['id']}" in result.output
    for article in story["articles"]:  # type: ignore[attr-defined]
        assert article["id"] in result.output
    if story["facts"]:
        assert "verdict" in result.output


def test_show_json_is_the_story_as_stories_json_has_it(seeds_out: Path) -> None:
    story = stories(seeds_out)[0]
    result = CliRunner().invoke(app, ["show", str(story["id"]), "--out", str(seeds_out), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == story


def test_show_an_unknown_story_is_a_usage_error(seeds_out: Path, tmp_path: Path) -> None:
    assert CliRunner().invoke(app, ["show", "s-nope", "--out", str(seeds_out)]).exit_code == 2
    assert CliRunner().invoke(app, ["show", "s-nope", "--out", str(tmp_path)]).exit_code == 2


def test_stories_analysed_in_worker_processes_say_what_one_process_says(
    seeds_out: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    shutil.copytree(seeds_out, tmp_path / "copy")
    # One story per task, so both workers get one.
    monkeypatch.setattr(pipeline, "ANALYSIS_TASK_ARTICLES", 1)
    with Engine(tmp_path / "copy") as engine:
        for part in ("provenance", "comparison"):
            engine.store.save_story_details(part, [])
        seconds = pipeline.analyse_stories(engine.store, engine.stories(), workers=2)
        engine.export()
    assert seconds["provenance"] > 0 and seconds["compare"] > 0

    def essentials(out: Path) -> list[tuple[object, ...]]:
        return [
            (
                s["id"],
                s["original"],
                sorted((r["article"], r["of"], r["kind"]) for r in s["relations"]),  # type: ignore[attr-defined]
                [(f["quantity"], f["verdict"]) for f in s["facts"]],  # type: ignore[attr-defined]
                sorted((q["speaker"], q["article"]) for q in s["quotes"]),  # type: ignore[attr-defined]
            )
            for s in stories(out)
        ]

    assert essentials(tmp_path / "copy") == essentials(seeds_out)


def test_an_analysis_cut_short_keeps_the_stories_it_finished(
    seeds_out: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    shutil.copytree(seeds_out, tmp_path / "copy")
    real_compare = pipeline.compare_story
    with Engine(tmp_path / "copy") as engine:
        for part in ("provenance", "comparison"):
            engine.store.save_story_details(part, [])

        def crash_on_the_lone_article(
            articles: list[object], *args: object, **kw: object
        ) -> object:
            if len(articles) == 1:
                raise KeyboardInterrupt  # the user stops the run half-way
            return real_compare(articles, *args, **kw)  # type: ignore[arg-type]

        monkeypatch.setattr(pipeline, "compare_story", crash_on_the_lone_article)
        with pytest.raises(KeyboardInterrupt):
            pipeline.analyse_stories(engine.store, engine.stories(), workers=1)
        assert len(engine.store.story_detail_hashes("comparison")) == 1

        traced: list[int] = []
        real_trace = pipeline.trace_provenance

        def counting_trace(articles: list[object], *args: object, **kw: object) -> object:
            traced.append(len(articles))
            return real_trace(articles, *args, **kw)  # type: ignore[arg-type]

        monkeypatch.setattr(pipeline, "compare_story", real_compare)
        monkeypatch.setattr(pipeline, "trace_provenance", counting_trace)
        pipeline.analyse_stories(engine.store, engine.stories(), workers=1)
        engine.export()
    assert traced == [], "the finished four-article story was traced again"
    assert stories(tmp_path / "copy") == stories(seeds_out)
