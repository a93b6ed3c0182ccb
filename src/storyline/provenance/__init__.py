"""provenance: who took from whom inside one story, and the evidence for it.

Entry point: ``trace_provenance(articles, embed, story_id, model) -> Provenance``. ``embed`` maps
texts to L2-normalised vectors of a multilingual sentence encoder (the pipeline passes a cached
one, shared with the compare stage).

For each article the tracer picks a likely source among the story's other articles and measures
how much of the article that source explains: the share of its sentences that have a counterpart
there (cosine of the sentence vectors; word-for-word sentences count as 1), the share of its word
shingles found verbatim, and the shares of its quotations and figures the source lacks. A copy is
mostly verbatim (same language); otherwise a small logistic regression over those measures, the
languages and the encoder's coverage of them (``kind_weights.json``, fitted by
bench/calibrate_provenance.py) chooses ``rewrite`` (reworded, perhaps in another language, the
source's quotes repeated), ``translation`` (another language, the same content and figures) or
``independent`` (own reporting: its own quotes and figures).

Big stories stay cheap: every article gets one mean vector, and only its ``CANDIDATE_SOURCES``
nearest articles and its ``CANDIDATE_SOURCES`` nearest earlier ones (a reprint's nearest are
often its later twins) are aligned sentence by sentence; an article contributes at most
``MAX_SENTENCES`` sentences. So a story of n articles costs O(n * k) small matrix products
(plus one n x n product of mean vectors) instead of every sentence pair.
"""

from __future__ import annotations

from storyline.provenance.credits import find_credits
from storyline.provenance.trace import (
    CANDIDATE_SOURCES,
    MAX_SENTENCES,
    Embed,
    PairEvidence,
    trace_provenance,
)

__all__ = [
    "CANDIDATE_SOURCES",
    "MAX_SENTENCES",
    "Embed",
    "PairEvidence",
    "find_credits",
    "trace_provenance",
]
