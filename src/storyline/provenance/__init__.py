"""provenance: who took from whom inside one story (placeholder until the tracer lands).

Entry point: ``trace_provenance(articles, embed, story_id, model) -> Provenance``. ``embed`` maps
texts to L2-normalised vectors (the pipeline passes a cached multilingual encoder).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from storyline.model import Article, Provenance

__all__ = ["Embed", "trace_provenance"]

Embed = Callable[[Sequence[str]], np.ndarray]


def trace_provenance(
    articles: Sequence[Article], embed: Embed, story_id: str = "", model: str = ""
) -> Provenance:
    """Placeholder: the earliest dated article is the original; nothing is linked yet."""
    dated = sorted(
        (a for a in articles if a.published is not None),
        key=lambda a: (a.published.value if a.published else "", a.id),
    )
    original = dated[0].id if dated else None
    return Provenance(
        story_id=story_id,
        original=original,
        original_reason="earliest publication time" if original else "no article is dated",
        independent_origins=len(articles),
        model=model,
    )
