"""Route each raw document to the HTML or the text cleaner."""

from __future__ import annotations

from collections.abc import Sequence

from storyline.model import CleanedDocument, RawDocument, Rejected


def clean_batch(documents: Sequence[RawDocument]) -> list[CleanedDocument | Rejected]:
    raise NotImplementedError
