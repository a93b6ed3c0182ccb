"""When did an article's event happen? A window of dates, from the best evidence at hand.

* A publication date with day precision (declared, from the page, or from the text) closes the
  window around it: news reports what happened on the day or the days just before.
* A publication date of month or year precision ("(c)UNIAN 2021") closes it to that month/year.
* Without a publication date, the latest year or dated month the text mentions is a lower bound:
  an article is written after the past it talks about ("Im März 2022 wurde Russland …").
* With no evidence at all the window is open on both sides and time says nothing.
* A date no report can have is no evidence: a day after tomorrow (a typo'd 2099, a wrong
  time zone is at most a day) and the Unix epoch 1970-01-01 (what a CMS writes for a missing
  date) are set aside and the text decides. Only articles dated in the future depend on the
  day of the run; every other result is the same whenever it runs.

Windows compare by the gap in days between them (0 when they overlap).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from storyline.model import Article

# An article usually reports what happened on its day or up to a few days before it.
REPORTING_LAG_DAYS = 3
# Time zones and clock skew put a real report at most this far after today (UTC).
FUTURE_SLACK_DAYS = 1
UNIX_EPOCH = dt.date(1970, 1, 1)


def plausible(first: dt.date, last: dt.date) -> bool:
    """False for a span no report can have: in the future, or exactly the Unix epoch."""
    if first > dt.datetime.now(dt.UTC).date() + dt.timedelta(days=FUTURE_SLACK_DAYS):
        return False
    return not (first == last == UNIX_EPOCH)


@dataclass(frozen=True, slots=True)
class TimeWindow:
    """The dates an event can have happened on; a missing bound is open."""

    earliest: dt.date | None
    latest: dt.date | None
    evidence: str = ""
    # The dates were read from the article's text (no metadata or page date): an article may
    # name a day weeks before it appeared, so a stream does not arrive in this order.
    from_text: bool = False

    @property
    def closed(self) -> bool:
        return self.earliest is not None and self.latest is not None

    @property
    def known(self) -> bool:
        return self.earliest is not None or self.latest is not None

    def midpoint(self) -> dt.date | None:
        if self.earliest and self.latest:
            return self.earliest + (self.latest - self.earliest) / 2
        return self.earliest or self.latest

    def gap_days(self, other: TimeWindow) -> int:
        """Days between the two windows; 0 when they overlap or either is unknown."""
        if self.latest is not None and other.earliest is not None and self.latest < other.earliest:
            return (other.earliest - self.latest).days
        if other.latest is not None and self.earliest is not None and other.latest < self.earliest:
            return (self.earliest - other.latest).days
        return 0


UNKNOWN = TimeWindow(None, None, "no date")


def parse_partial_date(value: str) -> tuple[dt.date, dt.date] | None:
    """First and last day an ISO value can mean: '2021' → the year, '2021-08' → the month."""
    value = value.strip()
    try:
        if len(value) == 4 and value.isdigit():
            year = int(value)
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if len(value) == 7 and value[4] == "-":
            year, month = int(value[:4]), int(value[5:7])
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, 1), dt.date(year, month, last)
        day = dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return None
    return day, day


def event_window(article: Article) -> TimeWindow:
    published = article.published
    if published is not None:
        span = parse_partial_date(published.value)
        if span is not None and plausible(*span):
            first, last = span
            if first == last:
                first = first - dt.timedelta(days=REPORTING_LAG_DAYS)
            evidence = published.evidence or published.value
            return TimeWindow(
                first, last, f"{published.source}: {evidence}", published.source == "text"
            )
    return _lower_bound_from_text(article)


def _lower_bound_from_text(article: Article) -> TimeWindow:
    best: tuple[dt.date, str] | None = None
    for mention in article.dates:
        if mention.value is None or mention.value.startswith("--"):
            continue
        span = parse_partial_date(mention.value)
        if span is None or not plausible(*span):
            continue
        if best is None or span[0] > best[0]:
            best = (span[0], mention.text)
    if best is None:
        return UNKNOWN
    return TimeWindow(best[0], None, f"text mentions {best[1]!r}", True)


def combined_window(windows: Iterable[TimeWindow]) -> TimeWindow:
    """The window of a story: the span of its dated members, else the strongest lower bound."""
    windows = list(windows)
    closed = [w for w in windows if w.closed]
    if closed:
        earliest = min(w.earliest for w in closed if w.earliest is not None)
        latest = max(w.latest for w in closed if w.latest is not None)
        return TimeWindow(earliest, latest, "dated members")
    bounds = [w.earliest for w in windows if w.earliest is not None]
    if bounds:
        return TimeWindow(max(bounds), None, "lower bound from members' text")
    return UNKNOWN


def extend_window(story: TimeWindow, member: TimeWindow) -> TimeWindow:
    """``combined_window`` of a story's members plus one more, from the story's window alone."""
    if member.closed:
        assert member.earliest is not None and member.latest is not None
        if story.closed:
            assert story.earliest is not None and story.latest is not None
            if story.earliest <= member.earliest and member.latest <= story.latest:
                return story
            return TimeWindow(
                min(story.earliest, member.earliest),
                max(story.latest, member.latest),
                "dated members",
            )
        return TimeWindow(member.earliest, member.latest, "dated members")
    if story.closed or member.earliest is None:
        return story
    if story.earliest is not None and story.earliest >= member.earliest:
        return story
    return TimeWindow(member.earliest, None, "lower bound from members' text")


def mentioned_days(article: Article) -> tuple[tuple[int | None, int, int], ...]:
    """(year or None, month, day) of every day-precise date the text names."""
    days: list[tuple[int | None, int, int]] = []
    for mention in article.dates:
        value = mention.value
        if mention.precision != "day" or not value or mention.resolved_with:
            continue
        try:
            if value.startswith("--"):
                days.append((None, int(value[2:4]), int(value[5:7])))
            else:
                days.append((int(value[:4]), int(value[5:7]), int(value[8:10])))
        except ValueError:
            continue
    return tuple(days)


def day_agreement(days: tuple[tuple[int | None, int, int], ...], window: TimeWindow) -> int:
    """+1 when a named day falls in a short closed window, -1 when days are named and none
    does, 0 when there is nothing to compare (no days, or a long or open window)."""
    if not days or not window.closed or window.earliest is None or window.latest is None:
        return 0
    if (window.latest - window.earliest).days > 60:
        return 0
    low = window.earliest - dt.timedelta(days=REPORTING_LAG_DAYS)
    high = window.latest + dt.timedelta(days=REPORTING_LAG_DAYS)
    for year, month, day in days:
        for candidate_year in {year} if year else {low.year, high.year}:
            try:
                if low <= dt.date(candidate_year, month, day) <= high:
                    return 1
            except ValueError:
                continue
    return -1
