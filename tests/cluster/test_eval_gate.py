"""The clustering eval gate: quality floors pinned on the labelled corpus and the seeds.

Like trafilatura's eval gate: the labelled data is pinned by its digest, and the floors are
constants. Changing the corpus means re-running ``python -m bench.calibrate_cluster`` and
updating ``CORPUS_DIGEST``; a floor is only ever lowered with the measured reason in the commit.
"""

from __future__ import annotations

import json
from collections import defaultdict

import pytest
from bench.cluster_data import CORPUS, SEEDS, LabelledArticles, corpus_digest, labelled_articles

from storyline.cluster import StoryClusterer, bcubed

CORPUS_DIGEST = "68c59597ce30b9d34035d8592a5c5cb21ff186756839a84f1d5ea796f5649145"
BCUBED_F1_FLOOR = 0.97
BCUBED_PRECISION_FLOOR = 0.97


@pytest.fixture(scope="module")
def data() -> LabelledArticles:
    return labelled_articles()


@pytest.fixture(scope="module")
def predicted(data: LabelledArticles) -> dict[str, str]:
    clusterer = StoryClusterer().partial_fit(data.articles, data.features).refine()
    return dict(clusterer.labels_)


def test_the_labelled_data_is_the_one_the_floors_were_set_on() -> None:
    assert corpus_digest() == CORPUS_DIGEST, (
        "the corpus or the seeds changed: re-run `python -m bench.calibrate_cluster`, check "
        "the floors below still hold, and update CORPUS_DIGEST"
    )


def test_seeds_are_grouped_as_a_careful_reader_groups_them(predicted: dict[str, str]) -> None:
    expected = json.loads((SEEDS / "expected.json").read_text(encoding="utf-8"))
    for story in expected["stories"]:
        assert len({predicted[a] for a in story["articles"]}) == 1, story["articles"]
    first, second = (story["articles"][0] for story in expected["stories"])
    assert predicted[first] != predicted[second], "the 2021 article joined the 2024 story"


def test_bcubed_on_corpus_and_seeds_meets_the_floor(
    data: LabelledArticles, predicted: dict[str, str]
) -> None:
    score = bcubed(predicted, data.truth)
    assert score.f1 >= BCUBED_F1_FLOOR, score
    assert score.precision >= BCUBED_PRECISION_FLOOR, score


def test_every_distractor_stays_apart_from_its_target(predicted: dict[str, str]) -> None:
    labels = json.loads((CORPUS / "labels.json").read_text(encoding="utf-8"))
    stories_of: dict[str, set[str]] = defaultdict(set)
    for event in labels["events"]:
        stories_of[event["event"]] = {predicted[a] for a in event["articles"]}
    distractors = [e for e in labels["events"] if e["distractor_of"]]
    assert len(distractors) >= 5
    for event in distractors:
        shared = stories_of[event["event"]] & stories_of[event["distractor_of"]]
        assert not shared, f"{event['event']} merged with {event['distractor_of']}"


def test_singletons_stay_alone(predicted: dict[str, str]) -> None:
    labels = json.loads((CORPUS / "labels.json").read_text(encoding="utf-8"))
    members: dict[str, list[str]] = defaultdict(list)
    for article, story in predicted.items():
        members[story].append(article)
    singletons = [e for e in labels["events"] if len(e["articles"]) == 1 and e["event"][0] == "S"]
    assert len(singletons) == 6
    for event in singletons:
        (article,) = event["articles"]
        assert members[predicted[article]] == [article], f"{article} joined another story"
