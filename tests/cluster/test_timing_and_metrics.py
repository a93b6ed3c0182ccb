"""Event-time windows and the B-cubed measure behave as a careful reader expects."""

from __future__ import annotations

import datetime as dt

import pytest

from storyline.cluster import TimeWindow, bcubed, combined_window, event_window
from storyline.cluster.timing import day_agreement, mentioned_days
from storyline.model import Article, DateMention, LanguageTag, PublicationDate


def article(published: PublicationDate | None = None, *mentions: DateMention) -> Article:
    return Article(
        id="a",
        content_hash="h",
        origin="a.txt",
        text="x",
        lang=LanguageTag("en", 1.0, "t"),
        published=published,
        dates=mentions,
    )


def mention(value: str | None, precision: str = "year", text: str = "2021") -> DateMention:
    return DateMention(text, 0, len(text), value, precision, value is None)


def test_a_declared_day_closes_the_window_a_few_days_back() -> None:
    window = event_window(article(PublicationDate("2024-04-02T10:00:00+00:00", "metadata")))
    assert (window.earliest, window.latest) == (dt.date(2024, 3, 30), dt.date(2024, 4, 2))


def test_a_credit_year_closes_the_window_to_that_year() -> None:
    window = event_window(article(PublicationDate("2021", "text", "(c)UNIAN 2021")))
    assert (window.earliest, window.latest) == (dt.date(2021, 1, 1), dt.date(2021, 12, 31))


def test_without_a_date_the_latest_dated_mention_is_a_lower_bound() -> None:
    window = event_window(
        article(None, mention("2021"), mention("2022-03", "month", "März 2022"), mention("2003"))
    )
    assert (window.earliest, window.latest) == (dt.date(2022, 3, 1), None)
    assert "März 2022" in window.evidence


def test_windows_apart_in_time_have_a_gap_overlapping_ones_none() -> None:
    august_2021 = TimeWindow(dt.date(2021, 8, 12), dt.date(2021, 8, 15))
    after_march_2022 = TimeWindow(dt.date(2022, 3, 1), None)
    assert august_2021.gap_days(after_march_2022) == 198
    assert after_march_2022.gap_days(august_2021) == 198
    assert august_2021.gap_days(TimeWindow(dt.date(2021, 1, 1), None)) == 0
    assert august_2021.gap_days(TimeWindow(None, None)) == 0


def test_a_story_window_spans_its_dated_members() -> None:
    story = combined_window(
        [
            TimeWindow(dt.date(2025, 3, 11), dt.date(2025, 3, 14)),
            TimeWindow(dt.date(2025, 3, 12), dt.date(2025, 3, 15)),
            TimeWindow(dt.date(2024, 1, 1), None),
        ]
    )
    assert (story.earliest, story.latest) == (dt.date(2025, 3, 11), dt.date(2025, 3, 15))


def test_a_day_without_year_agrees_only_with_a_story_on_that_day() -> None:
    undated = article(None, mention("--03-15", "day", "15 березня"))
    days = mentioned_days(undated)
    assert days == ((None, 3, 15),)
    march_2025 = TimeWindow(dt.date(2025, 3, 11), dt.date(2025, 3, 14))
    february_2024 = TimeWindow(dt.date(2024, 1, 30), dt.date(2024, 2, 2))
    assert day_agreement(days, march_2025) == 1
    assert day_agreement(days, february_2024) == -1
    assert day_agreement((), march_2025) == 0


def test_bcubed_is_perfect_for_the_truth_and_penalises_merges_and_splits() -> None:
    truth = {"a": "E1", "b": "E1", "c": "E1", "d": "E2"}
    assert bcubed(truth, truth).f1 == pytest.approx(1.0)
    merged = bcubed({k: "one" for k in truth}, truth)
    assert merged.recall == pytest.approx(1.0) and merged.precision == pytest.approx(10 / 16)
    split = bcubed({"a": "1", "b": "2", "c": "3", "d": "4"}, truth)
    assert split.precision == pytest.approx(1.0) and split.recall == pytest.approx(0.5)
