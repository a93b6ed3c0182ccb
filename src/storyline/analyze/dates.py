"""Find date mentions in text, multilingual, each with its raw span and offsets.

What is found (``DateMention.value`` / ``precision`` / ``relative``):

* full dates — "2 April 2024", "April 2, 2024", "02.04.2024", "2024-04-02", "15 августа 2021
  года", "2 de abril de 2024" → ``"2024-04-02"``, day, absolute;
* a day and month without year — "Am 2. April", "August 15" → ``"--04-02"`` (the ISO 8601
  truncated form), day, relative (the year comes from a reference);
* ranges — "vom 14. bis 19. Mai", "May 14-19": one mention for the start (the whole range as
  its span) and one for the end;
* month and year — "März 2022" → ``"2022-03"``, month;
* a credit or copyright year — "(c)UNIAN 2021", "© 2021" → ``"2021"``, year;
* a year in running text — "in 2003", "kehrten 2021 … zurück" → ``"2003"``, year;
* weekdays — "on Tuesday", "am Dienstag", "во вторник" → value None, precision "weekday",
  relative, with ``weekday`` 0–6;
* relative words — "yesterday", "gestern", "вчера", "last month", "vor 3 Tagen" → value None,
  precision "day" / "week" / "month" / "year", relative, with ``offset`` in those units.

How: month, weekday and relative words come from dateparser's locale data (``_lexicon``); the
text is scanned once for digit runs and once for calendar words (trie-shaped regexes), and the
full date shape is matched only at those hits. ``dateparser.search.search_dates`` on whole
articles ran at ~30 seeds per CPU-second here (this module: ~3,000–4,500) and read the pronoun
"we" as Wednesday; the values follow directly from the matched groups, so dateparser is not
called per mention either.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from storyline.analyze._lexicon import (
    COUNT_CUES,
    NOUN_LOOKALIKES,
    WEEKDAY_LEADS,
    WEEKDAY_NEEDS_LEAD,
    lexicon,
    trie_pattern,
)
from storyline.model import DateMention

_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?!\d)"
_ORDINAL = r"(?:st|nd|rd|th|er|\.|º|ª|-?го|-?е)?"
_YEAR = r"(?:1[6-9]\d\d|20\d\d|21\d\d)(?!\d)"
_YEAR_SUFFIX = r"(?:[^\S\n]*(?:года|году|г\.|гг\.|р\.|року|roku|r\.|yılı(?:nda)?|yılında)(?!\w))?"
_RANGE_JOIN = (
    r"(?:[–—-]|bis(?:\s+zum)?|to|through|until|and|au|à|al|a|y|e|und|до|по|і|и|do|i|ile|ve"
    r"|tot|en|až|et)"
)
# Every pattern is written lower-case and runs on a lower-cased copy of the text (same length,
# so offsets carry over): a case-sensitive trie scan is about twice as fast as IGNORECASE.

_DIGITS = re.compile(r"\d+")
_ISO = re.compile(r"(?P<y>\d{4})-(?P<mo>[01]\d)-(?P<d>[0-3]\d)(?!\d)")
# "02.04.2024", "2. 4. 2024" (Czech and Slovak space after the dots), "04/02/2024".
_NUMERIC = re.compile(
    r"(?P<a>\d{1,2})(?P<sep>[./])[^\S\n]?(?P<b>\d{1,2})(?P=sep)[^\S\n]?(?P<y>" + _YEAR + ")"
)
_NUMERIC_YMD = re.compile(r"(?P<y>\d{4})/(?P<mo>\d{1,2})/(?P<d>\d{1,2})(?!\d)")
# Not a year: "1,500", "2.5", "1990s", "1900R", "2050 %", "2000 €".
_YEAR_ONLY = re.compile(r"(?P<y>1[89]\d\d|20\d\d)(?![\w%‰]|[.,]\d|[^\S\n]*(?:%|€|\$|£))")
# Holidays named after a weekday are not "the last such weekday": "Black Friday", "Super Tuesday".
_HOLIDAY_BEFORE_WEEKDAY = re.compile(
    r"(?<!\w)(?:black|cyber|good|super|ash|bloody|easter|palm|holy|maundy|giving)[^\S\n]+$"
)
_CREDIT = re.compile(
    r"(?:©|\(c\)|(?<!\w)copyright(?!\w))[^\S\n]*[^\n\d]{0,40}?"
    r"(?P<y>" + _YEAR + r")(?:[^\S\n]*[-–][^\S\n]*(?P<y2>" + _YEAR + "))?"
)
# A digit run may start a date only when it is not the tail of a word or a longer number.
_NOT_BEFORE_NUMBER = frozenset(".,/:+-_#№")


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    mention: DateMention
    range_end: DateMention | None = None  # the second date of "14. bis 19. Mai"


@dataclass(frozen=True, slots=True)
class _Patterns:
    day_month: re.Pattern[str]
    day_range: re.Pattern[str]
    month_first: tuple[re.Pattern[str], ...]  # range, month-day(-year), month-year
    words: re.Pattern[str]
    weekday_lead: re.Pattern[str] | None
    count_before: re.Pattern[str] | None  # "vor" of "vor 3 Tagen", ending where the number starts
    count_after: re.Pattern[str] | None  # "days ago" of "3 days ago", right after the number
    counts: dict[tuple[str, str], tuple[str, int]]  # (before, after) -> (unit, sign)
    months: dict[str, int]
    abbreviations: frozenset[str]
    weekdays: dict[str, int]
    relative_words: dict[str, tuple[str, int]]
    date_order: str
    noun_lookalikes: frozenset[str]
    weekdays_needing_lead: frozenset[str]
    count_cue: re.Pattern[str]  # ends right before a number that is a count ("more than ")


@functools.cache
def _patterns(lang: str) -> _Patterns:
    calendar = lexicon(lang)
    months = {**calendar.months_abbr, **calendar.months_full}
    month = "(?P<m>" + trie_pattern(months) + r")(?P<dot>\.)?(?!\w)"
    gap, space = r"[^\S\n]*", r"[^\S\n]+"
    of = rf"(?:de{space}|of{space})?"  # "2 de abril", "2nd of April"
    year_tail = rf"(?:,?{space}(?:de{space}|del{space}|of{space})?(?P<y>{_YEAR}){_YEAR_SUFFIX})?"
    day_month = re.compile(rf"(?P<d>{_DAY}){_ORDINAL}{gap}{of}{month}{year_tail}")
    day_range = re.compile(
        rf"(?P<d>{_DAY}){_ORDINAL}{gap}{_RANGE_JOIN}{gap}(?P<d2>{_DAY}){_ORDINAL}{gap}{of}"
        rf"{month}{year_tail}"
    )
    md_day = rf"(?P<d>{_DAY})(?:st|nd|rd|th)?(?![\d:])"
    md_year = rf"(?:,?{space}(?P<y>{_YEAR}))?"
    month_first = (  # "May 14-19, 2024", "April 2, 2024" / "March 22nd", "März 2022"
        re.compile(
            rf"{month}{space}{md_day}{gap}(?:[–—-]|to|through|until|and){gap}"
            rf"(?P<d2>{_DAY})(?:st|nd|rd|th)?{md_year}"
        ),
        re.compile(rf"{month}{space}{md_day}{md_year}"),
        re.compile(rf"{month},?{space}{of}(?P<y>{_YEAR}){_YEAR_SUFFIX}"),
    )
    groups = ["(?P<month>" + trie_pattern(months) + ")"]
    if calendar.weekdays:
        groups.append("(?P<weekday>" + trie_pattern(calendar.weekdays) + ")")
    if calendar.relative_words:
        groups.append("(?P<relative>" + trie_pattern(calendar.relative_words) + ")")
    words = re.compile(r"\b(?:" + "|".join(groups) + r")\b")
    leads = WEEKDAY_LEADS.get(calendar.code)
    weekday_lead = (
        re.compile(r"(?<!\w)(?:" + trie_pattern(leads) + r")[^\S\n]+$") if leads else None
    )
    counts = {
        (before, after): (unit, sign) for before, after, unit, sign in calendar.relative_patterns
    }
    befores = {before for before, _after in counts if before}
    afters = {after for _before, after in counts}
    count_before = (
        re.compile(r"(?<!\w)(?P<w>" + trie_pattern(befores) + r")[^\S\n]+$") if befores else None
    )
    count_after = (
        re.compile(r"[^\S\n]+(?P<w>" + trie_pattern(afters) + r")(?!\w)") if afters else None
    )
    return _Patterns(
        day_month=day_month,
        day_range=day_range,
        month_first=month_first,
        words=words,
        weekday_lead=weekday_lead,
        count_before=count_before,
        count_after=count_after,
        counts=counts,
        months=months,
        abbreviations=frozenset(calendar.months_abbr),
        weekdays=calendar.weekdays,
        relative_words=calendar.relative_words,
        date_order=calendar.date_order,
        noun_lookalikes=NOUN_LOOKALIKES.get(calendar.code, frozenset()),
        weekdays_needing_lead=WEEKDAY_NEEDS_LEAD.get(calendar.code, frozenset()),
        count_cue=re.compile(
            r"(?<!\w)(?:"
            + trie_pattern({*COUNT_CUES["en"], *COUNT_CUES.get(calendar.code, ())})
            + r")[^\S\n]+$"
        ),
    )


def find_dates(text: str, lang: str) -> tuple[DateMention, ...]:
    """Every date mention in ``text``, in text order; ``text[m.start:m.end] == m.text``."""
    patterns = _patterns(lang.lower().split("-")[0] if lang else "und")
    lowered = _lower_keeping_offsets(text)
    candidates: list[_Candidate] = []
    candidates.extend(_word_candidates(text, lowered, patterns))
    candidates.extend(_digit_candidates(text, lowered, patterns))
    if "©" in text or "(c)" in lowered or "copyright" in lowered:
        candidates.extend(_credit_candidates(text, lowered))
    chosen = _without_overlaps(candidates)
    mentions: list[DateMention] = []
    for index, candidate in enumerate(chosen):
        if candidate.mention.precision == "weekday" and _date_follows(text, chosen, index):
            continue  # "Thursday, May 11, 2023": the weekday only names the date's day
        mentions.append(candidate.mention)
        if candidate.range_end is not None:
            mentions.append(candidate.range_end)
    return tuple(mentions)


def _lower_keeping_offsets(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few characters lower-case to two ("İ" -> "i" + combining dot); keep the first.
    return "".join(ch.lower()[0] for ch in text)


def _without_overlaps(candidates: list[_Candidate]) -> list[_Candidate]:
    """Earliest first, the longest of those starting together; later overlapping ones lose."""
    candidates.sort(key=lambda c: (c.start, -c.end))
    chosen: list[_Candidate] = []
    covered_to = -1
    for candidate in candidates:
        if candidate.start >= covered_to:
            chosen.append(candidate)
            covered_to = candidate.end
    return chosen


def _date_follows(text: str, chosen: list[_Candidate], index: int) -> bool:
    if index + 1 >= len(chosen):
        return False
    following = chosen[index + 1]
    between = text[chosen[index].end : following.start]
    is_date = following.mention.precision == "day" and following.mention.value is not None
    return is_date and not between.strip(" ,\u00a0")


def _mention(
    text: str,
    start: int,
    end: int,
    value: str | None,
    precision: str,
    relative: bool,
    *,
    weekday: int | None = None,
    offset: int | None = None,
) -> DateMention:
    return DateMention(
        text=text[start:end],
        start=start,
        end=end,
        value=value,
        precision=precision,
        relative=relative,
        weekday=weekday,
        offset=offset,
    )


def _day_value(year: int | None, month: int, day: int) -> str | None:
    """ISO value of a day, "--MM-DD" without a year; None when no such day exists."""
    try:
        dt.date(year if year is not None else 2000, month, day)  # 2000 allows 29 February
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if year is not None else f"--{month:02d}-{day:02d}"


def _day_candidate(
    text: str, start: int, end: int, year: int | None, month: int, day: int
) -> _Candidate | None:
    value = _day_value(year, month, day)
    if value is None:
        return None
    return _Candidate(start, end, _mention(text, start, end, value, "day", year is None))


def _word_candidates(text: str, lowered: str, patterns: _Patterns) -> list[_Candidate]:
    found: list[_Candidate] = []
    for hit in patterns.words.finditer(lowered):
        kind = hit.lastgroup
        word = hit.group()
        if kind == "month":
            candidate = _month_first_candidate(text, lowered, hit.start(), patterns)
            if candidate is not None:
                found.append(candidate)
        elif kind == "weekday":
            start = hit.start()
            if _HOLIDAY_BEFORE_WEEKDAY.search(lowered, max(0, start - 12), start):
                continue
            lead = None
            if patterns.weekday_lead is not None:
                lead = patterns.weekday_lead.search(lowered, max(0, start - 30), start)
                if lead is not None:
                    start = lead.start()
            end = hit.end()
            if lowered.startswith(" günü", end):  # Turkish "Salı günü"
                end += len(" günü")
            elif lead is None and word in patterns.weekdays_needing_lead:
                continue  # "pela segunda vez", "окружающая среда"
            weekday = patterns.weekdays[_normalise_apostrophe(word)]
            mention = _mention(text, start, end, None, "weekday", True, weekday=weekday)
            found.append(_Candidate(start, end, mention))
        elif kind == "relative":
            original = text[hit.start() : hit.end()]
            if original in patterns.noun_lookalikes or _is_spanish_morning(lowered, hit, word):
                continue
            unit, offset = patterns.relative_words[_canonical_relative(word, patterns)]
            mention = _mention(text, hit.start(), hit.end(), None, unit, True, offset=offset)
            found.append(_Candidate(hit.start(), hit.end(), mention))
    return found


def _normalise_apostrophe(word: str) -> str:
    return word.replace("’", "'")


def _canonical_relative(word: str, patterns: _Patterns) -> str:
    key = " ".join(_normalise_apostrophe(word).split())
    if key in patterns.relative_words:
        return key
    return key.replace("'", "’")


def _is_spanish_morning(text: str, hit: re.Match[str], word: str) -> bool:
    """Spanish "mañana" is "tomorrow" alone but "morning" after an article ("esta mañana")."""
    if word != "mañana":
        return False
    before = text[max(0, hit.start() - 6) : hit.start()]
    return before.endswith(("la ", "esta ", "una ", "cada "))


def _month_first_candidate(
    text: str, lowered: str, start: int, patterns: _Patterns
) -> _Candidate | None:
    for index, pattern in enumerate(patterns.month_first):
        match = pattern.match(lowered, start)
        if match is None:
            continue
        month_word = match.group("m")
        year = int(match.group("y")) if match.group("y") else None
        if month_word in patterns.abbreviations and not match.group("dot") and year is None:
            continue  # a bare abbreviation ("mar 5") is too often an ordinary word
        month = patterns.months[month_word]
        if index == 2:
            assert year is not None
            value = f"{year:04d}-{month:02d}"
            mention = _mention(text, match.start(), match.end(), value, "month", False)
            return _Candidate(match.start(), match.end(), mention)
        day = int(match.group("d"))
        if index == 0:
            end = _date_end(match, patterns)
            return _range_candidate(text, match, end, year, month, day, int(match.group("d2")))
        end = _date_end(match, patterns)
        return _day_candidate(text, match.start(), end, year, month, day)
    return None


def _date_end(match: re.Match[str], patterns: _Patterns) -> int:
    """End of a matched date, leaving out a sentence's period after a full month name."""
    dot_is_last = match.group("dot") is not None and match.end() == match.end("dot")
    if dot_is_last and match.group("m") not in patterns.abbreviations:
        return match.start("dot")
    return match.end()


def _range_candidate(
    text: str,
    match: re.Match[str],
    end: int,
    year: int | None,
    month: int,
    day: int,
    last_day: int,
) -> _Candidate | None:
    first_value = _day_value(year, month, day)
    last_value = _day_value(year, month, last_day)
    if first_value is None or last_value is None or last_day <= day:
        return None
    relative = year is None
    first = _mention(text, match.start(), end, first_value, "day", relative)
    # "14. bis 19. Mai" ends with "19. Mai"; "May 14-19, 2024" with "19, 2024".
    last_start = match.start("d2")
    last_end = end
    last = _mention(text, last_start, last_end, last_value, "day", relative)
    return _Candidate(match.start(), end, first, range_end=last)


def _digit_candidates(text: str, lowered: str, patterns: _Patterns) -> list[_Candidate]:
    found: list[_Candidate] = []
    skip_to = -1
    for run in _DIGITS.finditer(text):
        start = run.start()
        if start < skip_to:
            continue
        if start > 0 and (text[start - 1].isalpha() or text[start - 1] in _NOT_BEFORE_NUMBER):
            continue
        length = run.end() - start
        candidate = _digit_candidate(text, lowered, start, length, patterns)
        if candidate is None and length <= 3:
            candidate = _count_candidate(text, lowered, run, patterns)
        if candidate is not None:
            found.append(candidate)
            skip_to = candidate.end
    return found


def _digit_candidate(
    text: str, lowered: str, start: int, length: int, patterns: _Patterns
) -> _Candidate | None:
    if length == 4:
        return _four_digit_candidate(text, lowered, start, patterns)
    if length > 2:
        return None
    numeric = _NUMERIC.match(text, start)
    if numeric:
        return _numeric_candidate(text, numeric, patterns.date_order)
    for pattern, is_range in ((patterns.day_range, True), (patterns.day_month, False)):
        match = pattern.match(lowered, start)
        if match is None:
            continue
        month_word = match.group("m")
        year = int(match.group("y")) if match.group("y") else None
        if month_word in patterns.abbreviations and not match.group("dot") and year is None:
            continue
        month = patterns.months[month_word]
        day = int(match.group("d"))
        end = _date_end(match, patterns)
        if is_range:
            candidate = _range_candidate(text, match, end, year, month, day, int(match.group("d2")))
        else:
            candidate = _day_candidate(text, start, end, year, month, day)
        if candidate is not None:
            return candidate
    return None


def _four_digit_candidate(
    text: str, lowered: str, start: int, patterns: _Patterns
) -> _Candidate | None:
    for pattern in (_ISO, _NUMERIC_YMD):
        match = pattern.match(text, start)
        if match:
            year, month, day = (int(match.group(name)) for name in ("y", "mo", "d"))
            return _day_candidate(text, start, match.end(), year, month, day)
    plain_year = _YEAR_ONLY.match(text, start)
    if plain_year is None:
        return None
    end = plain_year.end()
    if patterns.count_cue.search(lowered, max(0, start - 16), start):
        return None  # "more than 1900 investors"
    return _Candidate(start, end, _mention(text, start, end, plain_year.group("y"), "year", False))


def _count_candidate(
    text: str, lowered: str, run: re.Match[str], patterns: _Patterns
) -> _Candidate | None:
    """ "3 days ago", "vor 3 Tagen", "il y a 3 jours": a count of units before the reference."""
    if patterns.count_after is None:
        return None
    after = patterns.count_after.match(lowered, run.end())
    if after is None:
        return None
    start = run.start()
    before_word = ""
    if patterns.count_before is not None:
        before = patterns.count_before.search(lowered, max(0, start - 20), start)
        if (
            before is not None
            and (_words(before.group("w")), _words(after.group("w"))) in patterns.counts
        ):
            before_word, start = before.group("w"), before.start()
    key = (_words(before_word), _words(after.group("w")))
    if key not in patterns.counts:
        return None
    unit, sign = patterns.counts[key]
    offset = sign * int(run.group())
    return _Candidate(
        start, after.end(), _mention(text, start, after.end(), None, unit, True, offset=offset)
    )


def _words(phrase: str) -> str:
    return " ".join(phrase.split())


def _numeric_candidate(text: str, match: re.Match[str], date_order: str) -> _Candidate | None:
    first, second, year = int(match.group("a")), int(match.group("b")), int(match.group("y"))
    # Dotted dates are day-first everywhere; slashes follow the language ("04/02/2024" in en).
    month_first = match.group("sep") == "/" and date_order == "MDY"
    day, month = (second, first) if month_first else (first, second)
    if month > 12 and day <= 12:
        day, month = month, day
    return _day_candidate(text, match.start(), match.end(), year, month, day)


def _credit_candidates(text: str, lowered: str) -> list[_Candidate]:
    found = []
    for match in _CREDIT.finditer(lowered):
        value = match.group("y2") or match.group("y")
        mention = _mention(text, match.start(), match.end(), value, "year", False)
        found.append(_Candidate(match.start(), match.end(), mention))
    return found


def is_credit(mention: DateMention) -> bool:
    """Whether the mention is a credit or copyright line's year ("(c)UNIAN 2021", "© 2021")."""
    return _CREDIT.match(mention.text.lower()) is not None
