"""Split text into sentence spans.

A rule-based splitter with per-language abbreviation lists, written here rather than taken
from a library. Candidates were tried on the texts of tests/analyze/test_sentences.py (12
languages) and timed on the seeds: sentencex (Rust, ~50,000 articles/s) split "M. Dupont",
"Т. е.", "2024 r. w Moskwie", "M.in." and "3. Okt."; pysbd (~130 articles/s) split "Sr. García",
"Т. е." and "т. зв."; syntok (~280/s) and blingfire (~7,700/s) split "Am 2. April", "14. bis 19."
and French "vite. »". None returns offsets, which we need for evidence spans. This splitter
passes those texts, keeps every sentence an exact span of the input, and does about 10,000
articles of 3,000 characters per CPU-second (bench/analyze_speed.py).

Rules, in order:

* A newline always ends a sentence: the cleaned text has one paragraph per line, and headings,
  captions and list items carry no final period. A leading list bullet ("- ", "• ") is not part
  of the sentence.
* A candidate end is a run of ``. ! ? …`` (or CJK ``。！？``) plus any closing quotes or brackets
  (``.”`` ``."`` ``.»`` ``. »`` ``.“`` ``.)``), followed by whitespace.
* It is not an end when the next word starts lower-case (after skipping opening quotes and a
  dialogue dash: «Что?» — спросил он).
* After a period: no end after a single letter (initials, "z. B.", "т. е."), a dotted capital
  acronym ("U.S.-led", "U.N."), or a title ("Dr.", "Mr.", "ul."); an abbreviation that may close
  a sentence ("etc.", "2021 r.") ends one only before a capital and after at least three words;
  a number ends one unless a month name follows ("2. April") or, in languages that write
  ordinals with a period, an ordinal cue precedes it ("am 14. Spieltag").
* "banned in Russia.Russia is ready" (scraped text with a lost space) is split at the period.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from storyline.analyze._abbreviations import (
    BEFORE_NAME,
    COMMON_BEFORE_NAME,
    MAY_END,
    MAY_END_PAIRS,
    ORDINAL_CUES,
    ORDINAL_LANGS,
)
from storyline.analyze._lexicon import lexicon
from storyline.model import Sentence

_CLOSERS = "”’“‘\"'»)]」』›"  # “ and ‘ close German quotes: „…“ ‚…‘
_OPENERS = "\"'“„«‘‚([¿¡—–-‹"

# Scanning for the punctuation first and only then matching the full shape at each hit is
# several times faster than one alternation tried at every character.
_TERMINATOR = re.compile(r"[.!?…。！？]")
_CANDIDATE_END = re.compile(
    r"(?P<term>[.!?…]+)(?P<close>(?:[ \u00a0\u202f]?»)?[" + re.escape(_CLOSERS) + r"]*)"
    r"\s+(?P<lead>[\s" + re.escape(_OPENERS) + r"]*)(?P<next>\w)"
    r"|(?P<cjk>[。！？]+[" + re.escape(_CLOSERS) + r"]*)"
    r"|(?<=[a-zà-ÿа-яёіїєґ]{3})(?P<glued>\.)(?=[A-ZÀ-ÝА-ЯЁІЇЄҐ][a-zà-ÿа-яёіїєґ])"
)
_HAS_WORD = re.compile(r"\w")
_LINE = re.compile(r"[^\n]+")
_BULLET_CHARS = "-•*–·▪●◦‣"
_BULLET = re.compile(r"[" + re.escape(_BULLET_CHARS) + r"]\s+")
_MIN_WORDS_BEFORE_ABBREVIATION_END = 3


@dataclass(frozen=True, slots=True)
class _Rules:
    before_name: frozenset[str]
    may_end: frozenset[str]
    may_end_pairs: frozenset[str]
    pair_tails: frozenset[str]  # last words of may_end_pairs, to look back only when needed
    months: frozenset[str]
    ordinal_cues: frozenset[str] | None  # None: the language does not write "2." for "second"


@functools.cache
def _rules(lang: str) -> _Rules:
    calendar = lexicon(lang)
    months = frozenset(calendar.months_full) | frozenset(calendar.months_abbr)
    pairs = MAY_END_PAIRS.get(lang, frozenset())
    return _Rules(
        before_name=COMMON_BEFORE_NAME | BEFORE_NAME.get(lang, frozenset()),
        may_end=MAY_END.get(lang, frozenset()),
        may_end_pairs=pairs,
        pair_tails=frozenset(pair.split()[-1].split(".")[-1] for pair in pairs),
        months=months,
        ordinal_cues=ORDINAL_CUES.get(lang, frozenset()) if lang in ORDINAL_LANGS else None,
    )


def split_sentences(text: str, lang: str) -> tuple[Sentence, ...]:
    """Sentences of ``text`` as spans: ``text[s.start:s.end] == s.text`` for each one."""
    rules = _rules(lang.lower().split("-")[0] if lang else "und")
    sentences: list[Sentence] = []
    for line_match in _LINE.finditer(text):
        line = line_match.group()
        base = line_match.start()
        start = len(line) - len(line.lstrip())
        if start == len(line):
            continue  # a blank line
        if line[start] in _BULLET_CHARS:
            bullet = _BULLET.match(line, start)
            start = bullet.end() if bullet else start
        for end, next_start in _sentence_ends(line, start, rules):
            _append(sentences, text, base + start, base + end)
            start = next_start
        _append(sentences, text, base + start, base + len(line.rstrip()))
    return tuple(sentences)


def _append(out: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    if chunk and (chunk[0].isalnum() or _HAS_WORD.search(chunk)):
        out.append(Sentence(start, end, chunk))


def _sentence_ends(line: str, line_start: int, rules: _Rules) -> list[tuple[int, int]]:
    """(end of a sentence, start of the next) pairs within one line."""
    ends: list[tuple[int, int]] = []
    sentence_start = line_start
    resume = line_start
    for hit in _TERMINATOR.finditer(line, line_start):
        if hit.start() < resume:
            continue  # inside a run or a match already handled ("...", "?!")
        match = _CANDIDATE_END.match(line, hit.start())
        if match is None:
            continue
        resume = match.end()
        if match.group("cjk"):
            ends.append((resume, resume))
            sentence_start = resume
            continue
        if match.group("glued"):
            if _period_ends(line, hit.start(), line[resume], sentence_start, rules):
                ends.append((resume, resume))
                sentence_start = resume
            continue
        next_char = match.group("next")
        if next_char.islower():
            continue
        if hit.start() - line_start <= 2 and line[line_start : hit.start()].isdigit():
            continue  # a numbered list item: "1. Preheat the oven."
        if match.group("term") == "." and not _period_ends(
            line, hit.start(), next_char, sentence_start, rules
        ):
            continue
        ends.append((match.end("close"), match.start("lead")))
        sentence_start = match.start("lead")
    return ends


def _period_ends(
    line: str, period: int, next_char: str, sentence_start: int, rules: _Rules
) -> bool:
    space = line.rfind(" ", sentence_start, period)
    token_start = space + 1 if space >= 0 else sentence_start
    token = line[token_start:period].lstrip(_OPENERS)
    if not token:
        return True
    lowered = token.lower()
    if lowered in rules.before_name:
        return False
    if lowered in rules.may_end:
        return _may_end(line, token_start, next_char, sentence_start)
    if lowered in rules.pair_tails:
        previous = _previous_token(line, token_start, sentence_start)
        if f"{previous.lower()} {lowered}" in rules.may_end_pairs:
            return _may_end(line, token_start, next_char, sentence_start)
    if token.isdigit():
        return _number_ends(line, token_start, token, period, rules)
    if len(token) == 1:
        return not token.isalpha()  # an initial: "J. Smith", "z. B.", "т. е."
    if "." in token:
        letters = token.replace(".", "")
        if letters.isalpha() and letters.isupper() and len(letters) <= 5:
            return False  # "U.S. President", "U.N. officials"
        if letters.isalpha():
            return _may_end(line, token_start, next_char, sentence_start)  # "e.g.", "m.in."
    return True


def _number_ends(line: str, token_start: int, token: str, period: int, rules: _Rules) -> bool:
    next_word = _next_word(line, period + 1).lower()
    if len(token) <= 2 and (next_word in rules.months or next_word.rstrip(".") in rules.months):
        return False  # "2. April", "14. bis 19. Mai" (via the cue below), "3. Okt."
    if rules.ordinal_cues is not None and len(token) <= 3:
        previous = _previous_token(line, token_start, 0).lower()
        if previous in rules.ordinal_cues:
            return False
    return True


def _may_end(line: str, token_start: int, next_char: str, sentence_start: int) -> bool:
    if not next_char.isupper():
        return False
    words_before = len(line[sentence_start:token_start].split())
    return words_before >= _MIN_WORDS_BEFORE_ABBREVIATION_END


def _previous_token(line: str, token_start: int, floor: int) -> str:
    end = token_start - 1 if token_start > floor and line[token_start - 1] == " " else token_start
    space = line.rfind(" ", floor, end)
    return line[space + 1 if space >= 0 else floor : end]


def _next_word(line: str, position: int) -> str:
    found = _WORD.search(line, position)
    return found.group() if found else ""


_WORD = re.compile(r"[^\W\d_]+\.?")
