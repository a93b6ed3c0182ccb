"""Choose an article's publication (or event) date from its date mentions.

Used when neither the input nor the page markup gave a date. The rules, strongest first:

1. **A credit or copyright year** ("(c)UNIAN 2021", "© 2021 Reuters") anchors the year: wire
   credits under an article carry the year it was written. Within that year take the most
   specific date the text supports, nearest the top:
   a full date of that year ("15 August 2021"), else the first day-and-month without year
   combined with the anchor ("August 15" + 2021 → "2021-08-15", evidence both spans), else a
   month of that year ("August 2021"), else the year alone ("2021"). A full date of another
   year is background ("in May 2003 …") and does not override the anchor.
2. **Without a credit**, a full date near the top (within the first ``TOP_CHARS`` characters)
   is a dateline or the news event itself, and wins.
3. Else the latest full date anywhere: news leads with what is new, older dates are background.
4. Else ``None``: a day and month with no year ("Am 2. April") cannot be placed in a year, and
   month-years and plain years in running text ("in 2003", "März 2022") are background facts,
   not the date of the article.

Relative mentions that were already resolved (``resolved_with`` set) were resolved *from* a
publication date, so they are never evidence for one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from storyline.analyze.dates import is_credit
from storyline.model import DateMention, PublicationDate

TOP_CHARS = 600
_EVIDENCE_JOIN = " … "


def choose_publication_date(mentions: Sequence[DateMention]) -> PublicationDate | None:
    """The best-supported publication or event date, or None when nothing anchors a year."""
    usable = sorted(
        (m for m in mentions if m.resolved_with is None and m.value is not None),
        key=lambda m: m.start,
    )
    full_dates = [m for m in usable if m.precision == "day" and not m.relative]
    credits = [m for m in usable if m.precision == "year" and is_credit(m)]
    if credits:
        return _within_credit_year(credits[0], usable, full_dates)
    top = [m for m in full_dates if m.start < TOP_CHARS]
    if top:
        return _from_text(top[0].value, top[0])
    if full_dates:
        latest = max(full_dates, key=lambda m: (m.value or "", -m.start))
        return _from_text(latest.value, latest)
    return None


def _within_credit_year(
    credit: DateMention, usable: list[DateMention], full_dates: list[DateMention]
) -> PublicationDate:
    year = credit.value or ""
    for mention in full_dates:
        if (mention.value or "").startswith(year + "-"):
            return _from_text(mention.value, mention)
    for mention in usable:
        if mention.precision == "day" and (mention.value or "").startswith("--"):
            combined = year + (mention.value or "")[1:]
            if _is_real_day(combined):  # not "2021-02-29"
                return _from_text(combined, mention, credit)
    for mention in usable:
        if mention.precision == "month" and (mention.value or "").startswith(year + "-"):
            return _from_text(mention.value, mention)
    return _from_text(year, credit)


def _is_real_day(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _from_text(value: str | None, *evidence: DateMention) -> PublicationDate:
    assert value is not None
    spans = _EVIDENCE_JOIN.join(mention.text for mention in evidence)
    return PublicationDate(value=value, source="text", evidence=spans)
