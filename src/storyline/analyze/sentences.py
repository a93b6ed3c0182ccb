"""Split text into sentence spans."""

from __future__ import annotations

from storyline.model import Sentence


def split_sentences(text: str, lang: str) -> tuple[Sentence, ...]:
    raise NotImplementedError
