"""The speed benchmark's stream generator: same seed, same stream; labels that match the text."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from bench.clean_text import ARCHIVES, DATA
from bench.stream_corpus import (
    StreamSettings,
    iter_stream,
    read_labels,
    split_segments,
    write_stream,
)

if not (DATA / "scrapinghub-aeb").is_dir() and not ARCHIVES.is_dir():
    pytest.skip("benchmark archives are not available", allow_module_level=True)

SMALL = StreamSettings(
    articles=600, days=20, seed=11, min_reuse_days=5, sibling_gap_days=2, max_segments=60
)


@pytest.fixture(scope="module")
def stream() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    return list(iter_stream(SMALL))


def _published(record: dict[str, Any]) -> dt.datetime:
    return dt.datetime.fromisoformat(record["published"])


def test_the_same_seed_gives_the_same_stream_and_another_seed_another(
    stream: list[tuple[dict[str, Any], dict[str, Any]]],
) -> None:
    again = list(iter_stream(SMALL))
    assert again == stream
    other = list(iter_stream(dataclasses.replace(SMALL, seed=12)))
    assert [r["id"] for r, _ in other] != [r["id"] for r, _ in stream]
    assert [r["text"] for r, _ in other] != [r["text"] for r, _ in stream]


def test_exactly_the_requested_articles_with_unique_ids_in_publication_order(
    stream: list[tuple[dict[str, Any], dict[str, Any]]],
) -> None:
    assert len(stream) == SMALL.articles
    ids = [record["id"] for record, _ in stream]
    assert len(set(ids)) == len(ids)
    dated = [_published(record) for record, _ in stream if "published" in record]
    assert dated == sorted(dated)
    undated = len(stream) - len(dated)
    assert 0 < undated < 0.12 * len(stream)  # ~5 %
    for record, _ in stream:
        assert record["text"].strip() and record["title"] and record["source"]
        assert len(record["title"]) <= 91


def test_every_article_has_one_label_and_an_events_articles_share_text_and_days(
    stream: list[tuple[dict[str, Any], dict[str, Any]]],
) -> None:
    events: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = defaultdict(list)
    for record, label in stream:
        assert label["id"] == record["id"]
        events[label["event"]].append((record, label))
    assert 1 < len(events) < len(stream)  # some events have several articles, some one
    for members in events.values():
        assert len({label["segment"] for _, label in members}) == 1
        assert sum(label["variant"] == "original" for _, label in members) == 1
        days = sorted(dt.date.fromisoformat(label["day"]) for _, label in members)
        assert (days[-1] - days[0]).days <= 4  # 0-3 days later, plus the hours of the day
        original = next(r for r, label in members if label["variant"] == "original")
        lead_words = set(original["text"].split("\n\n")[0].split())
        for record, label in members:
            words = set(record["text"].split())
            if label["variant"] in ("original", "copy"):
                assert record["text"] == original["text"]
            if label["variant"] == "truncation":
                assert original["text"].startswith(record["text"][:200])
            if label["variant"] in ("near_copy", "reorder", "rewrite"):
                # The same story retold: most of its words come from the original.
                original_words = set(original["text"].split())
                assert len(words & original_words) >= 0.6 * len(words)
            assert record["text"] != "" and (label["variant"] != "reorder" or lead_words <= words)


def test_a_reused_segment_is_another_event_only_after_the_reuse_gap(
    stream: list[tuple[dict[str, Any], dict[str, Any]]],
) -> None:
    first_day: dict[str, dt.date] = {}
    segment_of: dict[str, str] = {}
    for _, label in stream:
        day = dt.date.fromisoformat(label["day"])
        first_day[label["event"]] = min(day, first_day.get(label["event"], day))
        segment_of[label["event"]] = label["segment"]
    by_segment: dict[str, list[dt.date]] = defaultdict(list)
    for event, segment in segment_of.items():
        by_segment[segment].append(first_day[event])
    reused = [sorted(days) for days in by_segment.values() if len(days) > 1]
    assert reused, "a 20-day stream with a 5-day reuse gap re-uses segments"
    for days in reused:
        for earlier, later in itertools.pairwise(days):
            assert (later - earlier).days >= SMALL.min_reuse_days - 1


def test_segments_keep_paragraphs_in_order_at_news_size() -> None:
    paragraphs = [f"Paragraph {n} says something about the council vote. " * 6 for n in range(30)]
    segments = split_segments("test:1", "\n\n".join(paragraphs), target=1_500, maximum=3_500)
    assert [p for s in segments for p in s.paragraphs] == [p.strip() for p in paragraphs]
    assert len(segments) > 3
    for segment in segments:
        assert 300 <= sum(len(p) for p in segment.paragraphs) <= 3_500 + 400


def test_written_files_pair_articles_with_labels(tmp_path: Path) -> None:
    settings = StreamSettings(articles=150, days=5, seed=3, min_reuse_days=2, sibling_gap_days=1)
    articles, labels, facts = write_stream(settings, tmp_path, "tiny")
    records = [json.loads(line) for line in articles.read_text(encoding="utf-8").splitlines()]
    truth = read_labels(labels)
    assert [r["id"] for r in records] == list(truth)
    assert facts.articles == 150 and facts.events == len(set(truth.values()))
    assert list(read_labels(labels, limit=40)) == [r["id"] for r in records[:40]]
    again = write_stream(settings, tmp_path, "tiny")[2]  # the cached pair is reused
    assert again.sha256 == facts.sha256
