"""Resolve relative date mentions against a reference date (usually the publication date).

* a weekday ("on Tuesday") becomes the most recent such day on or before the reference: news
  reports what happened, so "on Tuesday" in an article of Wednesday 3 April 2024 is 2 April;
* a day and month without year ("--04-02") takes the year that puts it nearest the reference,
  counting days after the reference double, so a date a few weeks ahead (a planned forum) stays
  in the reference's year while "28 December" read on 5 January falls in the year before;
* "yesterday", "vor 3 Tagen", "last month", "last year" move the reference by their offset;
  weeks become ISO weeks ("2024-W13", precision "week").

Every resolved mention keeps its raw span and records the reference in ``resolved_with``;
mentions that are absolute, already resolved, or carry nothing to resolve are returned as given.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from storyline.model import DateMention

# A date after the reference counts this many times its distance when choosing the year.
_FUTURE_WEIGHT = 2


def resolve_relative(
    mentions: Sequence[DateMention], reference: dt.date
) -> tuple[DateMention, ...]:
    """``mentions`` with the relative ones given a value relative to ``reference``."""
    if isinstance(reference, dt.datetime):
        reference = reference.date()
    return tuple(_resolved(mention, reference) for mention in mentions)


def _resolved(mention: DateMention, reference: dt.date) -> DateMention:
    if not mention.relative or mention.resolved_with is not None:
        return mention
    value, precision = _resolve(mention, reference)
    if value is None:
        return mention
    return dataclasses.replace(
        mention, value=value, precision=precision, resolved_with=reference.isoformat()
    )


def _resolve(mention: DateMention, reference: dt.date) -> tuple[str | None, str]:
    if mention.precision == "weekday" and mention.weekday is not None:
        back = (reference.weekday() - mention.weekday) % 7
        return (reference - dt.timedelta(days=back)).isoformat(), "day"
    if mention.value is not None and mention.value.startswith("--"):
        return _nearest_year(mention.value, reference), "day"
    if mention.offset is not None:
        return _shifted(mention.precision, mention.offset, reference), mention.precision
    return None, mention.precision


def _nearest_year(month_day: str, reference: dt.date) -> str | None:
    month, day = int(month_day[2:4]), int(month_day[5:7])
    best: tuple[int, dt.date] | None = None
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:  # 29 February outside a leap year
            continue
        distance = (reference - candidate).days
        cost = distance if distance >= 0 else -distance * _FUTURE_WEIGHT
        if best is None or cost < best[0]:
            best = (cost, candidate)
    return best[1].isoformat() if best else None


def _shifted(unit: str, offset: int, reference: dt.date) -> str | None:
    if unit == "day":
        return (reference + dt.timedelta(days=offset)).isoformat()
    if unit == "week":
        year, week, _ = (reference + dt.timedelta(weeks=offset)).isocalendar()
        return f"{year:04d}-W{week:02d}"
    if unit == "month":
        months = reference.year * 12 + reference.month - 1 + offset
        return f"{months // 12:04d}-{months % 12 + 1:02d}"
    if unit == "year":
        return f"{reference.year + offset:04d}"
    return None
