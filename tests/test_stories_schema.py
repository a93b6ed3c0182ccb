"""stories.json is valid against docs/stories.schema.json, and the schema rejects what it should."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import storyline

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "docs" / "stories.schema.json").read_text(encoding="utf-8"))
SEEDS = ROOT / "examples" / "seeds"


@pytest.fixture(scope="module")
def seeds_stories(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    out = tmp_path_factory.mktemp("schema-seeds")
    storyline.run([SEEDS], out=out)
    document: dict[str, object] = json.loads((out / "stories.json").read_text(encoding="utf-8"))
    return document


def test_the_seeds_stories_are_valid(seeds_stories: dict[str, object]) -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.validate(seeds_stories, SCHEMA)


def test_the_schema_rejects_an_unknown_kind(seeds_stories: dict[str, object]) -> None:
    broken = json.loads(json.dumps(seeds_stories))
    story = next(s for s in broken["stories"] if s["relations"])
    story["relations"][0]["kind"] = "plagiarism"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, SCHEMA)
