"""Shared inputs for the compare tests.

* ``labelled``: the labelled corpus and the seeds as the pipeline hands them to this stage
  (ingest, clean, language, analyze through an in-memory engine), by article id;
* ``embed``: the default multilingual embedder (USE) behind a text cache, built once per session,
  as the pipeline injects it into ``compare_story``;
* ``make_article``: an Article from a text written in a test, with real sentence spans;
* ``corpus`` / ``seeds``: ``compare_story`` on every labelled story and on the seed story, with
  origins from the labelled provenance (so these tests do not depend on the provenance stage).
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from bench.cluster_data import CORPUS, SEEDS
from tests.conftest import Embed, build_article

from storyline.compare import compare_story
from storyline.model import Article, Comparison

LABELS = json.loads((CORPUS / "labels.json").read_text(encoding="utf-8"))
EXPECTED = json.loads((SEEDS / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def make_article() -> Callable[..., Article]:
    return build_article


def origins(original: str, relations: list[dict[str, str]], articles: list[str]) -> dict[str, str]:
    """Each article's independent origin: follow copy/rewrite/translation links upwards."""
    parent = {r["article"]: r["of"] for r in relations if r["kind"] != "independent"}
    result = {}
    for article in articles:
        node = article
        while node in parent:
            node = parent[node]
        result[article] = node
    result.setdefault(original, original)
    return result


@pytest.fixture(scope="session")
def corpus(labelled: dict[str, Article], embed: Embed) -> dict[str, Comparison]:
    comparisons = {}
    for event in LABELS["events"]:
        if len(event["articles"]) < 2:
            continue
        origin_of = origins(event["original"], event["relations"], event["articles"])
        docs = [labelled[a] for a in event["articles"]]
        comparisons[event["event"]] = compare_story(docs, embed, origin_of, story_id=event["event"])
    return comparisons


@pytest.fixture(scope="session")
def seeds(labelled: dict[str, Article], embed: Embed) -> Comparison:
    story = EXPECTED["stories"][0]
    origin_of = origins(story["original"], story["relations"], story["articles"])
    return compare_story([labelled[a] for a in story["articles"]], embed, origin_of)
