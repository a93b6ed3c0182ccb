"""``compare_stories``: several stories compared side by side give what ``compare_story`` gives
each, with the texts they need embedded in two calls for all of them."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from tests.compare.conftest import LABELS, origins
from tests.compare.test_compare_lone_article import KABULOV
from tests.conftest import Embed

from storyline.compare import StoryToCompare, compare_stories, compare_story
from storyline.model import Article


def test_stories_compared_together_match_each_compared_alone(
    labelled: dict[str, Article], embed: Embed
) -> None:
    stories: list[StoryToCompare] = [
        (
            event["event"],
            [labelled[a] for a in event["articles"]],
            origins(event["original"], event["relations"], event["articles"]),
        )
        for event in LABELS["events"][:12]
    ]
    stories.insert(3, ("kabulov", [labelled[KABULOV]], None))  # a lone story among them
    calls: list[int] = []

    def counted(texts: Sequence[str]) -> np.ndarray:
        calls.append(len(texts))
        return embed(texts)

    together = compare_stories(stories, counted, model="m")

    assert len(calls) <= 2  # sentences, then clauses and quote pieces: for every story at once
    assert [c.story_id for c in together] == [story_id for story_id, _, _ in stories]
    for (story_id, articles, origin_of), comparison in zip(stories, together, strict=True):
        assert comparison == compare_story(articles, embed, origin_of, story_id=story_id, model="m")
    assert any(c.facts for c in together) and any(c.claims for c in together)


def test_no_story_embeds_nothing() -> None:
    def refuse(texts: Sequence[str]) -> np.ndarray:
        raise AssertionError("nothing to embed")

    assert compare_stories([], refuse) == []
