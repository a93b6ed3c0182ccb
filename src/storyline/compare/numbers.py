"""Numeric facts: the numbers an article states, hedged as intervals, keyed by what they count.

``numeric_facts(article)`` reads digits ("144", "1.500", "1,500", "1 200", "53,8 %", "€32
million"), number words (text2num for en/de/fr/es/it/pt/nl; a lexicon for ru/uk/pl/cs/tr),
"two dozen", "four and a half", "viereinhalb" and vague plurals ("hundreds", "сотни"). The words
before the number (or after it, in Turkish) give the qualifier and so the interval:

==========  ===========================  ===========================
qualifier   example                      interval
==========  ===========================  ===========================
exact       "144"                        [144, 144]
gt          "over 130", "120'den fazla"  [131, ∞)  (next step up)
min         "at least 144", "en az 9"    [144, ∞)
about       "about 40", "rund 1.900"     [36, 44]  (±10 %)
nearly      "nearly 3,500", "quasi 350"  [3150, 3499]
max / lt    "up to 1 %", "under 15"      (-∞, 1] / (-∞, 14]
vague       "hundreds", "сотни"          [200, ∞)
==========  ===========================  ===========================

The quantity key is language-independent: ``event/noun`` where ``event`` is what happened to the
counted people (killed, injured, missing, evacuated) found anywhere in the number's clause and
``noun`` is the counted thing right after the number (people, miners, percent, money:eur, …);
either part may be absent ("killed", "percent"). Numbers that count nothing we know (dates, years,
clock times, codes like "S19") are not facts.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from text_to_num import text2num  # type: ignore[import-untyped]  # ships no type hints

from storyline.compare import _numbers_lexicon as lex
from storyline.model import Article, NumericFact

__all__ = ["clause_of", "numeric_facts", "parse_digits"]

TEXT2NUM_LANGS = frozenset({"en", "de", "fr", "es", "it", "pt", "nl"})
_LINE = re.compile(r"[^\n]+")
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|[%€$£]")
_DIGITS = re.compile(r"\d{1,3}(?:(?:[.,]|[ \u00a0\u202f])\d{3})+(?!\d)(?:[.,]\d+)?|\d+(?:[.,]\d+)?")
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]–—]|\s-\s|\.\s")
_TURKISH_SUFFIX = re.compile(r"['’][^\W\d_]+")
_MAX_CLAUSE_TOKENS = 12
_CURRENCY_SIGNS = {"€": "money:eur", "$": "money:usd", "£": "money:gbp"}


class _Token(NamedTuple):
    # A named tuple, not a dataclass: a line makes hundreds and a tuple is cheap to build.
    start: int
    end: int
    lower: str


@dataclass(frozen=True, slots=True)
class _Number:
    start: int
    end: int  # end of the number words/digits, before any unit
    value: float
    step: float  # the smallest change the text can express: 1, 0.1, 0.01 …
    vague: bool = False
    noun: str | None = None  # set when the number word itself says what it counts ("a man")


def parse_digits(text: str) -> tuple[float, float]:
    """Value and precision step of a digit string: "1.500"/"1,500"/"1 500" -> 1500, "53,8" -> 53.8.

    One separator followed by exactly three digits groups thousands (news writes "1.500" and
    "1,500" for fifteen hundred); otherwise the last separator is the decimal mark.
    """
    compact = re.sub(r"[ \u00a0\u202f]", "", text)
    separators = [c for c in compact if c in ".,"]
    if not separators:
        return float(compact), 1.0
    if len(set(separators)) == 2:
        decimal = compact[max(compact.rfind("."), compact.rfind(","))]
    elif len(separators) > 1:
        decimal = ""  # "1.200.000": every separator groups thousands
    else:
        head, tail = re.split(r"[.,]", compact)
        decimal = "" if len(tail) == 3 and head != "0" else separators[0]
    if not decimal:
        return float(re.sub(r"[.,]", "", compact)), 1.0
    thousands = "," if decimal == "." else "."
    whole, fraction = compact.replace(thousands, "").split(decimal)
    return float(f"{whole}.{fraction}"), 10.0 ** -len(fraction)


def numeric_facts(article: Article) -> list[NumericFact]:
    """Every numeric fact in the article's text, in text order."""
    lang = article.lang.code.split("-")[0].lower()
    sentences = article.sentences
    sentence_starts = [sentence.start for sentence in sentences]
    facts: list[NumericFact] = []
    # A number's context never crosses a line, so lines are read one by one and cached: copies
    # and rewrites in one story repeat most of their paragraphs word for word.
    for line in _LINE.finditer(article.text):
        for found in _line_facts(line.group(), lang):
            start, end = line.start() + found.start, line.start() + found.end
            sentence = bisect.bisect_right(sentence_starts, start) - 1
            if sentence >= 0 and start >= sentences[sentence].end:
                sentence = -1
            facts.append(
                dataclasses.replace(
                    found,
                    article_id=article.id,
                    start=start,
                    end=end,
                    sentence=sentence,
                    sentence_text=sentences[sentence].text if sentence >= 0 else "",
                )
            )
    return facts


@functools.lru_cache(maxsize=1 << 15)
def _line_facts(text: str, lang: str) -> tuple[NumericFact, ...]:
    """The facts of one line of text, with offsets into the line and no article yet."""
    if not _may_hold_number(text, lang):
        return ()
    tokens = [_Token(*m.span(), m.group().lower()) for m in _TOKEN.finditer(text)]
    starts = [token.start for token in tokens]
    # A cheap test of whether a token can start a number, written out: it runs on every token.
    words, prefixes = _number_start_words(lang)
    candidates = [
        i
        for i, token in enumerate(tokens)
        if token.lower[0].isdigit()
        or token.lower in words
        or (prefixes and token.lower.startswith(prefixes))
    ]
    facts: list[NumericFact] = []
    position = 0  # tokens before this index are used by an earlier fact
    for index in candidates:
        if index < position:
            continue
        number = _number_at(text, tokens, index, lang)
        if number is None:
            continue
        after = bisect.bisect_left(starts, number.end)
        fact, consumed = _fact(text, tokens, index, after, number, lang)
        if fact is not None:
            facts.append(fact)
        # Skip what the fact used: "90 per cento" must not yield "cento" = 100.
        position = max(after, bisect.bisect_left(starts, consumed))
    return tuple(facts)


@functools.lru_cache(maxsize=32)
def _number_start_words(lang: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The words that may start a number in ``lang`` and the prefixes of the number words
    text2num reads: with a leading digit, the cheap test of whether a lowercase token can start
    a number."""
    words = frozenset(lex.VAGUE_PLURALS) | lex.ONE_WORDS_BY_LANG.get(lang, frozenset())
    words |= frozenset(lex.WORDS.get(lang, {}))
    return words, tuple(lex.TEXT2NUM_STARTS.get(lang, ()))


def _may_hold_number(line: str, lang: str) -> bool:
    """Whether a line may hold a fact ``_line_facts`` can read: a cheap superset test, so the
    many lines without one are never tokenised. A fact needs a number and a word saying what it
    counts or what happened (a noun, an event, a currency sign)."""
    number_start, one_noun = _number_hints(lang)
    lowered = line.lower()
    if number_start.search(lowered) is None and (
        one_noun is None or one_noun.search(lowered) is None
    ):
        return False
    return _KEY_HINT.search(lowered) is not None


@functools.lru_cache(maxsize=32)
def _number_hints(lang: str) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """Patterns for ``_may_hold_number``: a digit or a word that may start a number in
    ``lang`` (as ``_line_facts`` tests tokens), and the nouns an indefinite article
    counts ("a man", "einen Prozentpunkt"), which ``_one_word`` finds by substring."""
    words = set(lex.VAGUE_PLURALS) | set(lex.WORDS.get(lang, {}))
    words |= set(lex.TEXT2NUM_STARTS.get(lang, ()))
    alternatives = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    # Searched in the lowercased line (IGNORECASE would be three times slower); a token starts
    # after anything but a letter or digit.
    number_start = re.compile(r"\d" + (rf"|(?<![^\W_])(?:{alternatives})" if alternatives else ""))
    if not lex.ONE_WORDS_BY_LANG.get(lang):
        return number_start, None
    # The first word only: the window _one_word searches joins tokens with single spaces.
    first_words = {noun.split()[0] for noun in lex.ONE_NOUNS}
    one_noun = re.compile("|".join(map(re.escape, sorted(first_words))))
    return number_start, one_noun


# --- reading one number -------------------------------------------------------------------


def _number_at(text: str, tokens: Sequence[_Token], index: int, lang: str) -> _Number | None:
    token = tokens[index]
    if token.lower[0].isdigit():
        return _digit_number(text, token.start)
    if token.lower in lex.VAGUE_PLURALS:
        return _Number(token.start, token.end, lex.VAGUE_PLURALS[token.lower], 1.0, vague=True)
    if token.lower in lex.ONE_WORDS_BY_LANG.get(lang, frozenset()):
        return _one_word(text, tokens, index)
    if token.lower in _QUALIFIER_FIRST_WORDS:
        return None  # "unas", "some": a hedge, not "one"
    value = _word_value(token.lower, lang)
    if value is None:
        return None
    end = token.end
    # Extend over the following number words: "one hundred and twenty", "двадцать пять".
    for stop in range(index + 1, min(index + 5, len(tokens))):
        gap = text[tokens[stop - 1].end : tokens[stop].start]
        if gap not in (" ", "-"):
            break
        run = text[token.start : tokens[stop].end]
        longer = _run_value(run, [t.lower for t in tokens[index : stop + 1]], lang)
        if longer is None:
            continue
        value, end = longer, tokens[stop].end
    return _Number(token.start, end, value, 1.0)


def _digit_number(text: str, start: int) -> _Number | None:
    match = _DIGITS.match(text, start)
    if match is None:
        return None
    end = match.end()
    if end < len(text) and text[end].isalpha():
        return None  # "22nd", "1990s", "S19" is caught by the token start
    if start > 1 and text[start - 1] in "-/" and text[start - 2].isalnum():
        return None  # "CV-560", "2023/24"
    if start > 0 and (text[start - 1].isalpha() or text[start - 1] in "#№"):
        return None
    value, step = parse_digits(match.group())
    return _Number(start, end, value, step)


def _word_value(word: str, lang: str) -> float | None:
    if lang in lex.WORDS:
        return lex.WORDS[lang].get(word)
    if lang not in TEXT2NUM_LANGS:
        return None
    if lang == "de" and word.endswith(lex.GLUED_HALF) and len(word) > len(lex.GLUED_HALF):
        whole = _text2num(word[: -len(lex.GLUED_HALF)], lang)
        return whole + 0.5 if whole is not None else None
    if word in lex.ONE_WORDS or word == "eins":
        return None  # articles are "one" only before a counted noun, see _one_word
    if not word.startswith(lex.TEXT2NUM_STARTS[lang]):
        return None
    return _text2num(word, lang)


def _run_value(run: str, words: list[str], lang: str) -> float | None:
    if lang in lex.WORDS:
        values = [lex.WORDS[lang].get(word) for word in words]
        if any(v is None for v in values):
            return None
        total = 0.0
        for value in values:
            assert value is not None
            total = total * value if value >= 1000 and total else total + value
        return total
    if lang not in TEXT2NUM_LANGS:
        return None
    return _text2num(run.replace("-", " ") if lang != "en" else run, lang)


def _text2num(words: str, lang: str) -> float | None:
    try:
        return float(text2num(words, lang))
    except ValueError:
        return None


def _one_word(text: str, tokens: Sequence[_Token], index: int) -> _Number | None:
    """ "a full percentage point", "einen Prozentpunkt", "Un hombre … ha muerto" count one."""
    window = " ".join(t.lower for t in tokens[index + 1 : index + 4])
    for noun in lex.ONE_NOUNS:
        position = window.find(noun)
        if position == 0 or (position > 0 and window[:position].count(" ") <= 1):
            token = tokens[index]
            counted = "percentage_point" if "point" in noun or "punkt" in noun else "people"
            return _Number(token.start, token.end, 1.0, 1.0, noun=counted)
    return None


# --- from a number to a fact --------------------------------------------------------------


def _fact(
    text: str,
    tokens: Sequence[_Token],
    first: int,
    after: int,
    number: _Number,
    lang: str,
) -> tuple[NumericFact | None, int]:
    """The fact a number states, if it counts something known, and where its words end."""
    value, step, end = float(number.value), number.step, number.end
    # "and a half", "dozen", "million", "%" glued after the number.
    tail = _lower_words(tokens, after, 3)
    for phrase, half in lex.HALF_AFTER.items():
        if tail.startswith(phrase + " ") or tail == phrase:
            skip = phrase.count(" ") + 1
            value, end, after = value + half, tokens[after + skip - 1].end, after + skip
            step = min(step, 0.5)
            break
    if after < len(tokens) and tokens[after].lower in lex.DOZEN_WORDS:
        value, end, after = value * 12, tokens[after].end, after + 1
    multiplier_words = _lower_words(tokens, after, 2)
    for words in (multiplier_words, multiplier_words.split(" ")[0]):
        if words in lex.MULTIPLIERS and _adjacent(text, end, tokens[after].start):
            value *= lex.MULTIPLIERS[words]
            end, after = tokens[after + words.count(" ")].end, after + words.count(" ") + 1
            break
    if _is_date_or_code(text, tokens, first, after, number):
        return None, number.end
    glued_noun: str | None = None
    if (
        after < len(tokens)
        and tokens[after].lower == "%"
        and _adjacent(text, end, tokens[after].start)
    ):
        end, after, glued_noun = tokens[after].end, after + 1, "percent"
    start = number.start
    if (
        first > 0
        and tokens[first - 1].lower in _CURRENCY_SIGNS
        and text[tokens[first - 1].end : start].strip() == ""
    ):
        start = tokens[first - 1].start
        glued_noun = _CURRENCY_SIGNS[tokens[first - 1].lower]

    qualifier, start = _qualifier_before(text, tokens, first, start)
    if qualifier == "exact" and lang == "tr":
        qualifier, end, after = _qualifier_after_turkish(text, tokens, after, end)
    if number.vague:
        qualifier = "vague"
    if value == 0 or math.isnan(value):
        return None, number.end

    noun, noun_span = (number.noun, None) if number.noun else _noun_key(text, tokens, after)
    if glued_noun is not None and noun not in ("percentage_point",):
        noun, noun_span = glued_noun, None
    if noun is None and qualifier == "exact":
        noun, noun_span = _borrowed_noun(text, tokens, first)
    if _looks_like_year(number, value, qualifier) and noun is None:
        return None, number.end
    if noun in lex.TIME_NOUNS and re.fullmatch(
        r"\d{1,2}[.:]\d{2}", text[number.start : number.end]
    ):
        return None, number.end  # a clock time, "14.20"
    if (
        noun in lex.TIME_NOUNS
        and qualifier == "gt"
        and text[start : number.start].lower().startswith("over")
    ):
        qualifier = "exact"  # "over five years": a span of time
        start = number.start
    reach = _MAX_CLAUSE_TOKENS if noun else 2 * _MAX_CLAUSE_TOKENS
    event, event_span = _event_key(text, tokens, first, after, reach)
    if noun is not None and noun not in lex.PEOPLE_NOUNS:
        event, event_span = None, None
    before = tokens[first - 1].lower if first > 0 else ""
    if noun is None and start == number.start and before in lex.OF_WORDS:
        event, event_span = None, None  # "desalojar a … de siete parroquias"
    if noun is None and event is None:
        return None, number.end
    if number.noun == "people" and event is None:
        return None, number.end  # "a man" counts someone only when something happened to him
    key = "/".join(part for part in (event, noun) if part)
    low, high = _interval(value, step, qualifier)
    unit = " ".join(text[s:e] for s, e in sorted(span for span in (noun_span, event_span) if span))
    consumed = max(end, noun_span[1] if noun_span else end)
    return NumericFact(
        article_id="",
        text=text[start:end],
        start=start,
        end=end,
        value=value,
        low=low,
        high=high,
        qualifier=qualifier,
        unit=unit,
        quantity_key=key,
        sentence=-1,
    ), consumed


def _adjacent(text: str, end: int, next_start: int) -> bool:
    return text[end:next_start] in ("", " ", "\u00a0", "\u202f", "-")


def _lower_words(tokens: Sequence[_Token], index: int, count: int) -> str:
    return " ".join(token.lower for token in tokens[index : index + count])


def _is_date_or_code(
    text: str, tokens: Sequence[_Token], first: int, after: int, number: _Number
) -> bool:
    following = tokens[after].lower if after < len(tokens) else ""
    if following == "de" and after + 1 < len(tokens):
        following = tokens[after + 1].lower  # "25 de abril"
    if following in lex.MONTHS or following in lex.NOT_A_COUNT_AFTER:
        return True
    if first > 0 and tokens[first - 1].lower in lex.MONTHS:
        return True
    rest = text[number.end : number.end + 3]
    return bool(re.match(r"[:\-–]\d|\.\d", rest))


def _looks_like_year(number: _Number, value: float, qualifier: str) -> bool:
    return number.step == 1.0 and 1800 <= value <= 2100 and qualifier == "exact"


def _qualifier_before(
    text: str, tokens: Sequence[_Token], first: int, start: int
) -> tuple[str, int]:
    if first > 0 and tokens[first - 1].lower in lex.ARTICLES:
        kind, qualified_start = _qualifier_before(text, tokens, first - 1, tokens[first - 1].start)
        if kind != "exact":
            return kind, qualified_start
    for width in (3, 2, 1):
        if first - width < 0:
            continue
        words = tokens[first - width : first]
        if any(text[a.end : b.start].strip() for a, b in itertools.pairwise(words)):
            continue  # punctuation inside: not one phrase
        if text[words[-1].end : start].strip(" \u00a0€$£"):
            continue
        phrase = " ".join(token.lower for token in words)
        found = lex.QUALIFIERS_BEFORE.get(phrase)
        if found:
            return found, words[0].start
    return "exact", start


def _qualifier_after_turkish(
    text: str, tokens: Sequence[_Token], after: int, end: int
) -> tuple[str, int, int]:
    suffix = _TURKISH_SUFFIX.match(text, end)
    position = suffix.end() if suffix else end
    index = after
    while index < len(tokens) and tokens[index].start < position:
        index += 1
    if (
        index < len(tokens)
        and tokens[index].lower in lex.QUALIFIERS_AFTER
        and text[position : tokens[index].start].strip() == ""
    ):
        return lex.QUALIFIERS_AFTER[tokens[index].lower], tokens[index].end, index + 1
    return "exact", end, after


def _interval(value: float, step: float, qualifier: str) -> tuple[float | None, float | None]:
    if not value.is_integer():
        step = min(step, 10 ** -_decimals(value))
    elif step < 1:
        step = 1.0
    if qualifier == "gt":
        return _round(value + step), None
    if qualifier in ("min", "vague"):
        return value, None
    if qualifier == "lt":
        return None, _round(value - step)
    if qualifier == "max":
        return None, value
    if qualifier == "about":
        return _round(value * 0.9), _round(value * 1.1)
    if qualifier == "nearly":
        return _round(value * 0.9), _round(value - step)
    return value, value


def _decimals(value: float) -> int:
    text = f"{value:.6f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def _round(value: float) -> float:
    return round(value, 6)


# --- what is counted ----------------------------------------------------------------------


def _index(keys: dict[str, list[str]]) -> dict[str, list[tuple[str, str]]]:
    """Lexicon entries by first character, longest first, so a lookup tries a handful."""
    index: dict[str, list[tuple[str, str]]] = {}
    for key, entries in keys.items():
        for entry in entries:
            index.setdefault(entry[0], []).append((entry, key))
    for candidates in index.values():
        candidates.sort(key=lambda pair: -len(pair[0]))
    return index


_NOUN_INDEX = _index(lex.NOUN_KEYS)
# Any lexicon entry a key can be read from, at a word start, its words joined by anything but
# letters and digits (as the tokens of the window ``_match_key`` reads are). Nouns counted by
# "a"/"ein" count people only with an event word, so only the percentage points are listed.
_KEY_HINT = re.compile(
    r"[%€$£]|(?<![^\W_])(?:"
    + "|".join(
        r"[\W_]*".join(map(re.escape, entry.split()))
        for entry in sorted(
            {
                entry
                for keys in (lex.NOUN_KEYS, lex.EVENT_KEYS)
                for entries in keys.values()
                for entry in entries
            }
            | set(lex.NOUNS_BEFORE)
            | {noun for noun in lex.ONE_NOUNS if "point" in noun or "punkt" in noun},
            key=len,
            reverse=True,
        )
    )
    + ")"
)
_EVENT_INDEX = _index(lex.EVENT_KEYS)
_QUALIFIER_FIRST_WORDS = frozenset(phrase.split()[0] for phrase in lex.QUALIFIERS_BEFORE)


def _match_key(window: str, index: dict[str, list[tuple[str, str]]]) -> tuple[str, int] | None:
    """The key of the longest lexicon entry that starts ``window`` (lowercase words)."""
    for entry, key in index.get(window[:1], ()):
        if not window.startswith(entry):
            continue
        if len(entry) <= 3 and entry.isalpha() and window[len(entry) : len(entry) + 2].isalpha():
            continue  # short entries match a whole word or its plural only
        return key, len(entry)
    return None


def _noun_key(
    text: str, tokens: Sequence[_Token], after: int
) -> tuple[str | None, tuple[int, int] | None]:
    for index in range(after, min(after + 4, len(tokens))):
        if index > after and _CLAUSE_BREAK.search(
            text[tokens[index - 1].end : tokens[index].start]
        ):
            break
        if index == after and _CLAUSE_BREAK.search(
            text[tokens[index - 1].end : tokens[index].start]
        ):
            break
        window = _lower_words(tokens, index, 4)
        found = _match_key(window, _NOUN_INDEX)
        if found:
            key, length = found
            return key, (tokens[index].start, tokens[index].start + length)
    return None, None


def _borrowed_noun(
    text: str, tokens: Sequence[_Token], first: int
) -> tuple[str | None, tuple[int, int] | None]:
    """The noun before a bare number: "magnitude 5.9", "by 312 votes to 189"."""
    for back in (1, 2):
        if first >= back and tokens[first - back].lower in lex.NOUNS_BEFORE:
            token = tokens[first - back]
            return lex.NOUNS_BEFORE[token.lower], (token.start, token.end)
    if first < 2 or tokens[first - 1].lower not in lex.BORROW_CONNECTORS:
        return None, None
    found = _match_key(tokens[first - 2].lower, _NOUN_INDEX)
    if not found:
        return None, None
    return found[0], (tokens[first - 2].start, tokens[first - 2].end)


def _event_key(
    text: str, tokens: Sequence[_Token], first: int, after: int, reach: int
) -> tuple[str | None, tuple[int, int] | None]:
    """The event word nearest the number inside its clause; one after it wins a tie."""
    clause_start, clause_end = _clause_bounds(text, tokens[first].start, tokens[after - 1].end)
    best: tuple[int, str, tuple[int, int]] | None = None
    candidates = [
        *((index - after, index) for index in range(after, min(after + reach, len(tokens)))),
        *((first - index, index) for index in range(first - 1, max(first - reach, 0) - 1, -1)),
    ]
    conjunction_before = max(
        (i for i in range(max(first - reach, 0), first) if tokens[i].lower in lex.CONJUNCTIONS),
        default=-1,
    )
    for distance, index in sorted(candidates, key=lambda pair: (pair[0], -pair[1])):
        token = tokens[index]
        if token.start < clause_start or token.end > clause_end:
            continue
        if index < first and index <= conjunction_before:
            continue  # "Six personnes sont mortes et deux autres …": another statement
        found = _match_key(_lower_words(tokens, index, 3), _EVENT_INDEX)
        if found:
            key, length = found
            best = (distance, key, (token.start, token.start + length))
            break
    if best is None:
        return None, None
    return best[1], best[2]


def clause_of(text: str, start: int, end: int) -> str:
    """The clause around ``text[start:end]``: the context a number is compared by."""
    clause_start, clause_end = _clause_bounds(text, start, end)
    return text[clause_start:clause_end].strip() or text[start:end]


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = text[max(0, start - 300) : start]
    breaks = list(_CLAUSE_BREAK.finditer(left))
    newline = left.rfind("\n")
    clause_start = max(
        start - len(left) + breaks[-1].end() if breaks else 0, start - len(left) + newline + 1
    )
    right = _CLAUSE_BREAK.search(text, end)
    right_end = right.start() if right else len(text)
    newline_end = text.find("\n", end)
    if newline_end != -1:
        right_end = min(right_end, newline_end)
    return clause_start, right_end
