"""provenance: who took from whom inside one story, and the evidence for it.

Entry point: ``trace_provenance(articles, embed, story_id, model) -> Provenance``. ``embed`` maps
texts to L2-normalised vectors of a multilingual sentence encoder (the pipeline passes a cached
one, shared with the compare stage).

For each article the tracer picks a likely source among the story's other articles and measures
how much of the article that source explains: the share of its sentences that have a counterpart
there (cosine of the sentence vectors; word-shingle overlap for the same language) and the share
of its word shingles found verbatim. Those two shares, the languages and the time order decide the
kind: ``copy`` (same language, mostly verbatim), ``rewrite`` (same language, mostly explained but
reworded), ``translation`` (another language, mostly explained, in order) or ``independent`` (a
large part of the article has no counterpart: its own facts and quotes).

Big stories stay cheap: every article gets one mean vector, and only its ``CANDIDATE_SOURCES``
nearest articles (plus those sharing a verbatim sentence) are aligned sentence by sentence; an
article contributes at most ``MAX_SENTENCES`` sentences. So a story of n articles costs
O(n * k) small matrix products instead of every sentence pair.
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
