"""Everything the clusterer compares, computed for a batch of articles at once.

``grouping_text(article)`` is what gets embedded: the title and the lead sentences, cut at a
character budget. Measured with USE on the labelled corpus in tests/data and on the seeds
(bench/represent_speed.py writes the table to bench/results/represent.json):

======== ===== ============== ============================= ==============================
budget   chars texts/s/core  AUC same event vs unrelated   seeds: de-000↔wire-003 / 003↔004
======== ===== ============== ============================= ==============================
title+2  341   162            0.976                         0.582 / 0.633 (wrong order)
250      368   164            0.994                         0.582 / 0.633 (wrong order)
450      500   109            0.996                         0.678 / 0.662
600      665    81            0.994                         0.714 / 0.647
whole    1170   ~35           0.991
======== ===== ============== ============================= ==============================

USE's cost is linear in tokens, so the budget is the speed knob. 250 it is: on the labelled
corpus the clusterer's B-cubed F1 is 0.991 at 250 against 0.984 at 450 (same weights), and on
the first 10,000 articles of the benchmark stream 0.92 against 0.88 (a longer lead reaches into
paragraphs that rewrites and reorderings change), at 2.8 instead of 4.6 ms per text. At 450 the
cosine alone puts the seeds' German report closer to its English wire story than the wire story
is to the 2021 article on the same topic; at 250 it does not (0.582 / 0.633), and the names,
numbers and dates evidence keeps them apart (the eval gate checks the seeds end to end). No
budget separates an event from an *earlier event on the same topic* by cosine (AUC ~0.6 at
every budget): that is the evidence's job everywhere.

``features(articles, embedder)`` embeds all grouping texts in one batched call and adds name,
number and MinHash evidence from the whole text.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

from storyline.model import Article, ArticleFeatures
from storyline.represent.embedders import Embedder
from storyline.represent.minhash import minhash_scheme, minhash_signature
from storyline.represent.names import name_keys
from storyline.represent.numbers import number_keys

__all__ = ["GROUPING_BUDGET", "GROUPING_LIMIT", "features", "grouping_text"]

logger = logging.getLogger(__name__)

GROUPING_BUDGET = 250  # stop adding lead sentences once this many characters are collected
GROUPING_LIMIT = 1000  # never embed more than this (a run-on first "sentence" gets cut)
_MIN_SENTENCES = 2
_FALLBACK_SENTENCE = re.compile(r"[^\n]*?(?:[.!?…](?=\s+[\"“„«(]?[A-ZÀ-ÞА-ЯЁІЇЄҐΑ-Ω])|\n|$)")
_SPACES = re.compile(r"\s+")


def _lead_sentences(article: Article) -> list[str]:
    if article.sentences:
        return [sentence.text for sentence in article.sentences]
    # Without the analyze stage's spans: split on lines and on a period before a capital.
    found = (match.group() for match in _FALLBACK_SENTENCE.finditer(article.text))
    return [sentence for sentence in found if sentence.strip()]


def grouping_text(article: Article, budget: int = GROUPING_BUDGET) -> str:
    """The title and the lead of ``article``: lead sentences are added until ``budget``
    characters are collected (at least two), and the result is cut at ``GROUPING_LIMIT``."""
    title = _SPACES.sub(" ", article.title or "").strip()
    parts = [title] if title else []
    length = len(title)
    taken = 0
    for sentence in _lead_sentences(article):
        if length >= budget and taken >= _MIN_SENTENCES:
            break
        sentence = _SPACES.sub(" ", sentence).strip()
        if not sentence or (taken == 0 and title and sentence.rstrip(".") == title.rstrip(".")):
            continue  # a body that repeats its title as the first line
        parts.append(sentence)
        length += len(sentence) + 1
        taken += 1
    text = "\n".join(parts)
    if len(text) > GROUPING_LIMIT:
        cut = text.rfind(" ", 0, GROUPING_LIMIT)
        text = text[: cut if cut > GROUPING_LIMIT // 2 else GROUPING_LIMIT]
    return text


def features(articles: Sequence[Article], embedder: Embedder) -> list[ArticleFeatures]:
    """One ``ArticleFeatures`` per article, in order; the embedder is called once for all."""
    texts = [grouping_text(article) for article in articles]
    vectors = embedder.embed(texts)
    if vectors.shape[0] != len(articles):
        raise ValueError(f"{embedder.name} returned {vectors.shape[0]} vectors for {len(texts)}")
    vectors.setflags(write=False)  # records are frozen; so are the arrays they hold
    scheme = minhash_scheme()
    result = []
    for article, text, vector in zip(articles, texts, vectors, strict=True):
        full_text = f"{article.title}\n{article.text}" if article.title else article.text
        numbers = number_keys(full_text)
        signature = minhash_signature(article.text)
        signature.setflags(write=False)
        result.append(
            ArticleFeatures(
                article_id=article.id,
                model=embedder.name,
                vector=vector,
                names=name_keys(full_text, article.lang.code),
                numbers=numbers.numbers,
                years=numbers.years,
                minhash=signature,
                minhash_scheme=scheme,
                grouping_text=text,
            )
        )
    logger.debug("represented %d articles with %s", len(result), embedder.name)
    return result
