"""The same quote across articles and languages, and quotes given to the wrong person.

A quote is compared piece by piece (its sentences), so a short quote that repeats one sentence
of a longer one still meets it: the similarity of two quotes is the best cosine between their
pieces. Two direct quotes from different articles are the same statement at
``QUOTE_MATCH_THRESHOLD`` (translations score high on the multilingual encoder). A reported
sentence ("Peskov stated that it's a neighbouring country …") joins a statement only when it
names the same speaker and clears the lower ``PARAPHRASE_THRESHOLD``; reported sentences that
match no quote are dropped, they are claims, not quotes.

The statement's speaker is the one most articles name (ties: the earliest article). A quote whose
article names someone else is marked ``verdict="misattributed"``.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np

from storyline.model import Quote, QuoteMatch

__all__ = ["PARAPHRASE_THRESHOLD", "QUOTE_MATCH_THRESHOLD", "match_quotes", "quote_pieces"]

QUOTE_MATCH_THRESHOLD = 0.72
PARAPHRASE_THRESHOLD = 0.5
_PIECE_END = re.compile(r"(?<=[.!?;])\s+")


def quote_pieces(text: str) -> list[str]:
    """The sentences of a quote, the units it is compared by."""
    pieces = [piece.strip() for piece in _PIECE_END.split(text) if len(piece.split()) >= 3]
    return pieces or [text.strip()]


def match_quotes(
    direct: Sequence[Quote],
    reported: Sequence[Quote],
    vector_of: Mapping[str, np.ndarray],
    order: Mapping[str, int],
) -> list[QuoteMatch]:
    """Group ``direct`` quotes (and matching ``reported`` ones) into statements.

    ``vector_of`` maps each piece text (``quote_pieces``) to its L2-normalised vector; ``order``
    ranks articles by publication time for tie-breaks.
    """
    quotes = list(direct) + list(reported)
    kinds = [False] * len(direct) + [True] * len(reported)
    pieces = [np.stack([vector_of[p] for p in quote_pieces(q.text)]) for q in quotes]
    parent = list(range(len(quotes)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(quotes)):
        for j in range(i + 1, len(quotes)):
            a, b = quotes[i], quotes[j]
            if a.article_id == b.article_id or (kinds[i] and kinds[j]):
                continue
            similarity = float((pieces[i] @ pieces[j].T).max())
            if kinds[i] or kinds[j]:
                if a.speaker_key is None or a.speaker_key != b.speaker_key:
                    continue
                if similarity < PARAPHRASE_THRESHOLD:
                    continue
            elif similarity < QUOTE_MATCH_THRESHOLD:
                continue
            parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(quotes)):
        groups.setdefault(find(i), []).append(i)
    matches: list[QuoteMatch] = []
    for members in groups.values():
        if all(kinds[i] for i in members):
            continue  # reported speech that matches no quote
        members.sort(key=lambda i: (order.get(quotes[i].article_id, 1 << 30), quotes[i].start))
        matches.append(_judge([quotes[i] for i in members], order))
    matches.sort(key=lambda m: (order.get(m.quotes[0].article_id, 1 << 30), m.quotes[0].start))
    return matches


def _judge(quotes: list[Quote], order: Mapping[str, int]) -> QuoteMatch:
    articles_by_key: dict[str, set[str]] = {}
    for quote in quotes:
        if quote.speaker_key:
            articles_by_key.setdefault(quote.speaker_key, set()).add(quote.article_id)
    if not articles_by_key:
        return QuoteMatch(speaker=None, speaker_key=None, quotes=tuple(quotes))
    counts = Counter({key: len(articles) for key, articles in articles_by_key.items()})
    first_seen = {
        key: min(order.get(a, 1 << 30) for a in articles)
        for key, articles in articles_by_key.items()
    }
    key = max(counts, key=lambda k: (counts[k], -first_seen[k]))
    speaker = max(
        (q.speaker for q in quotes if q.speaker_key == key and q.speaker),
        key=len,
        default=None,
    )
    misattributed = len(articles_by_key) > 1
    marked = tuple(
        dataclasses.replace(q, verdict="misattributed")
        if q.speaker_key and q.speaker_key != key
        else q
        for q in quotes
    )
    return QuoteMatch(speaker=speaker, speaker_key=key, quotes=marked, misattributed=misattributed)
