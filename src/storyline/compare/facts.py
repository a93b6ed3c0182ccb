"""Align numeric facts across the articles of a story and judge whether they agree.

Two facts from different articles are candidates for the same quantity when their keys are
compatible (same event or same counted noun; "people" meets any people noun). A candidate pair is
scored by the cosine of their contexts (the sentence and the clause around the number, embedded
with the multilingual encoder) plus a small term for the values: overlapping intervals are
evidence for the same quantity, values far apart (more than 2.5×) evidence against. Pairs are
merged best first into groups that hold at most one fact per article, and every pair inside a
group must clear the threshold (complete linkage), so a chain of loose matches never joins two
quantities.

Verdicts, on the intervals: ``agree`` when all are the same figure ("up to 1 %" states the same
figure as "1 %"), ``compatible`` when every pair overlaps, ``conflict`` when a pair is disjoint,
and ``update`` when the quantity is a running toll (killed, injured, missing) and every disjoint
pair is a later report from another origin raising the figure, or a later report says the toll
rose ("rose to 12", "выросло до 12", "14'e yükseldi"). A rewrite that raises its own source's
figure is not an update: it has no reporting of its own.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from storyline.compare import _numbers_lexicon as lex
from storyline.model import FactComparison, NumericFact

__all__ = ["FACT_MATCH_THRESHOLD", "align_facts", "compatible_keys", "verdict_of"]

FACT_MATCH_THRESHOLD = 0.5
_OVERLAP_BONUS = 0.12
_SAME_DIGITS_BONUS = 0.2  # 9.8 / 8.9, 198 / 189: transposed digits are a classic error
_CLOSE_BONUS = 0.05
_CLOSE_RATIO = 1.5
_FAR_APART_PENALTY = 0.3
_FAR_APART_RATIO = 2.5
_ONLY_ONE_BONUS = 0.2  # each article states one number of this key: likely the same quantity
_ONLY_ONE_EVENT_BONUS = 0.3
_RISING_TOLL_BONUS = 0.2  # … and a story has one toll of dead, of injured, of evacuated


@dataclass(frozen=True, slots=True)
class _Judgement:
    verdict: str
    conflicting: tuple[tuple[str, str], ...]


# Keys are few (a story states a dozen kinds of quantity) and pairs of facts many: the answers
# are kept.
@functools.lru_cache(maxsize=1 << 12)
def compatible_keys(first: str, second: str) -> bool:
    """Whether two quantity keys ("killed/people", "percent") can name the same quantity."""
    event_a, noun_a = _split(first)
    event_b, noun_b = _split(second)
    if event_a and event_b and event_a != event_b:
        return False
    shared_event = bool(event_a and event_a == event_b)
    if noun_a and noun_b and noun_a != noun_b:
        if not (noun_a in lex.PEOPLE_NOUNS and noun_b in lex.PEOPLE_NOUNS):
            return False
        return shared_event or "people" in (noun_a, noun_b) or "residents" in (noun_a, noun_b)
    return shared_event or bool(noun_a and noun_a == noun_b)


def align_facts(
    facts: Sequence[NumericFact],
    contexts: np.ndarray,
    origin_of: Mapping[str, str],
    published: Mapping[str, str | None],
    rises: Sequence[bool],
    threshold: float = FACT_MATCH_THRESHOLD,
) -> list[FactComparison]:
    """Group ``facts`` (several articles) by quantity and judge each group of ≥ 2 articles.

    ``contexts`` holds one L2-normalised row per fact; ``rises`` says, per fact, whether its
    sentence reports a toll going up.
    """
    if len(facts) < 2:
        return []
    similarity = contexts @ contexts.T
    primaries = [_primary(fact.quantity_key) for fact in facts]
    per_article_key = Counter(
        (fact.article_id, primary) for fact, primary in zip(facts, primaries, strict=True)
    )
    size = len(facts)
    score = np.full((size, size), -np.inf)
    # Copies repeat their figures: the value term is computed once per pair of figures.
    figures = [(fact.value, fact.low, fact.high) for fact in facts]
    value_terms: dict[tuple[int, int], float] = {}
    figure_ids: dict[tuple[float, float | None, float | None], int] = {}
    figure_of = [figure_ids.setdefault(figure, len(figure_ids)) for figure in figures]
    for i, j in itertools.combinations(range(size), 2):
        a, b = facts[i], facts[j]
        if a.article_id == b.article_id or not compatible_keys(a.quantity_key, b.quantity_key):
            continue
        pair = (figure_of[i], figure_of[j])
        term = value_terms.get(pair)
        if term is None:
            term = value_terms[pair] = _value_term(a, b)
        value = float(similarity[i, j]) + term
        primary = primaries[i]
        if (
            primary not in lex.GENERIC_KEYS
            and primary == primaries[j]
            and per_article_key[(a.article_id, primary)] == 1
            and per_article_key[(b.article_id, primary)] == 1
        ):
            value += _ONLY_ONE_EVENT_BONUS if primary in lex.EVENT_KEYS else _ONLY_ONE_BONUS
        if primary in lex.TOLL_KEYS and (rises[i] or rises[j]):
            value += _RISING_TOLL_BONUS  # "the toll rose to 11" is about the toll
        score[i, j] = score[j, i] = value
    members = _average_linkage(facts, score, threshold)
    comparisons: list[FactComparison] = []
    for group in members:
        if len(group) < 2:
            continue
        values = sorted(
            (facts[k] for k in group),
            key=lambda fact: (_time(published.get(fact.article_id)), fact.article_id),
        )
        rising = {facts[k].article_id for k in group if rises[k]}
        judgement = verdict_of(values, origin_of, published, rising)
        comparisons.append(
            FactComparison(
                quantity=_group_key(values),
                verdict=judgement.verdict,
                values=tuple(values),
                conflicting=judgement.conflicting,
                independent_origins=len(
                    {origin_of.get(v.article_id, v.article_id) for v in values}
                ),
            )
        )
    comparisons.sort(key=lambda c: (min(f.start for f in c.values), c.quantity))
    return comparisons


def _average_linkage(
    facts: Sequence[NumericFact], score: np.ndarray, threshold: float
) -> list[list[int]]:
    """Merge best pairs first while the mean score between two groups clears ``threshold``;
    a group never holds two facts of one article."""
    groups: dict[int, list[int]] = {i: [i] for i in range(len(facts))}
    group_of = list(range(len(facts)))
    pairs = sorted(
        (
            (float(score[i, j]), i, j)
            for i, j in zip(*np.nonzero(score >= threshold), strict=True)
            if i < j
        ),
        reverse=True,
    )
    for _, i, j in pairs:
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        left, right = groups[gi], groups[gj]
        if {facts[k].article_id for k in left} & {facts[k].article_id for k in right}:
            continue
        if float(score[np.ix_(left, right)].mean()) < threshold:
            continue
        for k in right:
            group_of[k] = gi
        left.extend(right)
        del groups[gj]
    return list(groups.values())


def verdict_of(
    values: Sequence[NumericFact],
    origin_of: Mapping[str, str],
    published: Mapping[str, str | None],
    rising: set[str] | frozenset[str] = frozenset(),
) -> _Judgement:
    """The verdict on facts about one quantity (see the module docstring)."""
    disjoint = [(a, b) for a, b in itertools.combinations(values, 2) if not _overlap(a, b)]
    toll = _split(_group_key(values))[0] in lex.TOLL_KEYS
    if not disjoint:
        if toll and _raised_later(values, origin_of, published, rising):
            return _Judgement("update", ())
        same = len({(v.value, _figure_class(v.qualifier)) for v in values}) == 1
        return _Judgement("agree" if same else "compatible", ())
    if toll and all(_explained_by_time(a, b, origin_of, published, rising) for a, b in disjoint):
        return _Judgement("update", ())
    pairs = tuple(sorted({tuple(sorted((a.article_id, b.article_id))) for a, b in disjoint}))
    return _Judgement("conflict", tuple((p[0], p[1]) for p in pairs))


@functools.lru_cache(maxsize=1 << 12)
def _split(key: str) -> tuple[str | None, str | None]:
    parts = key.split("/")
    if len(parts) == 2:
        return parts[0], parts[1]
    if key in lex.EVENT_KEYS:
        return key, None
    return None, key


@functools.lru_cache(maxsize=1 << 12)
def _primary(key: str) -> str:
    """What a key is mainly about: the event when there is one ("killed/people" -> "killed")."""
    event, noun = _split(key)
    return event or noun or key


def _group_key(values: Sequence[NumericFact]) -> str:
    """The most specific key in the group: "killed/people" over "killed"."""
    events = {e for e, _ in map(_split, (v.quantity_key for v in values)) if e}
    nouns = [n for _, n in map(_split, (v.quantity_key for v in values)) if n]
    event = sorted(events)[0] if events else None
    # The most frequent noun; on a tie the more specific one ("residents" over "people").
    noun = max(sorted(set(nouns)), key=lambda n: (nouns.count(n), n != "people")) if nouns else None
    return "/".join(part for part in (event, noun) if part)


def _figure_class(qualifier: str) -> str:
    return "exact" if qualifier in ("exact", "max") else qualifier


def _bounds(fact: NumericFact) -> tuple[float, float]:
    low = -np.inf if fact.low is None else fact.low
    high = np.inf if fact.high is None else fact.high
    return float(low), float(high)


def _overlap(a: NumericFact, b: NumericFact) -> bool:
    low_a, high_a = _bounds(a)
    low_b, high_b = _bounds(b)
    return low_a <= high_b + 1e-9 and low_b <= high_a + 1e-9


def _value_term(a: NumericFact, b: NumericFact) -> float:
    if _overlap(a, b):
        return _OVERLAP_BONUS
    small, large = sorted((abs(a.value), abs(b.value)))
    if small == 0 or large / small > _FAR_APART_RATIO:
        return -_FAR_APART_PENALTY
    digits_a, digits_b = _digits(a.value), _digits(b.value)
    if len(digits_a) >= 2 and digits_a == digits_b:
        return _SAME_DIGITS_BONUS
    return _CLOSE_BONUS if large / small <= _CLOSE_RATIO else 0.0


def _digits(value: float) -> str:
    return "".join(sorted(f"{value:.6f}".rstrip("0").rstrip(".").replace(".", "").lstrip("0")))


def _time(value: str | None) -> dt.datetime:
    """Publication time for ordering; unknown times sort last."""
    if not value:
        return dt.datetime.max.replace(tzinfo=dt.UTC)
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return dt.datetime.max.replace(tzinfo=dt.UTC)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def _later(
    a: NumericFact,
    b: NumericFact,
    published: Mapping[str, str | None],
    rising: set[str] | frozenset[str],
) -> NumericFact | None:
    """The fact reported later, by time, or by a "rose to" sentence when time cannot say."""
    time_a, time_b = _time(published.get(a.article_id)), _time(published.get(b.article_id))
    known = dt.datetime.max.replace(tzinfo=dt.UTC)
    if time_a != known and time_b != known and time_a != time_b:
        return a if time_a > time_b else b
    if (a.article_id in rising) != (b.article_id in rising):
        return a if a.article_id in rising else b
    return None


def _explained_by_time(
    a: NumericFact,
    b: NumericFact,
    origin_of: Mapping[str, str],
    published: Mapping[str, str | None],
    rising: set[str] | frozenset[str],
) -> bool:
    later = _later(a, b, published, rising)
    if later is None and a.article_id in rising and b.article_id in rising:
        later = a if a.value > b.value else b  # two undated "rose to" reports: tolls only rise
    if later is None:
        return False
    earlier = b if later is a else a
    if origin_of.get(a.article_id, a.article_id) == origin_of.get(b.article_id, b.article_id):
        return False
    return _bounds(later)[0] > _bounds(earlier)[1] or (
        later.article_id in rising and later.value > earlier.value
    )


def _raised_later(
    values: Sequence[NumericFact],
    origin_of: Mapping[str, str],
    published: Mapping[str, str | None],
    rising: set[str] | frozenset[str],
) -> bool:
    """A compatible toll is an update when a later, rising report from another origin has a
    higher figure than every earlier one ("at least five" then "rose to 12")."""
    for fact in values:
        if fact.article_id not in rising:
            continue
        origin = origin_of.get(fact.article_id, fact.article_id)
        others = [v for v in values if origin_of.get(v.article_id, v.article_id) != origin]
        if others and all(
            v.value < fact.value and _later(fact, v, published, rising) is fact for v in others
        ):
            return True
    return False
