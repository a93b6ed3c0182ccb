"""Route each raw document to the HTML or the text cleaner, keeping the batch's order.

Text documents are cleaned together so the text cleaner can see lines that repeat across
documents of the same source; a page that fails becomes a ``Rejected`` record, never an
exception, and the rest of the batch goes on.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from storyline.clean.html import clean_html
from storyline.clean.text import TextCleaner
from storyline.errors import InputError
from storyline.model import CleanedDocument, ContentKind, RawDocument, Rejected, Stage


@lru_cache(maxsize=1)
def _text_cleaner() -> TextCleaner:
    return TextCleaner()  # loads the line model once per process


def clean_batch(documents: Sequence[RawDocument]) -> list[CleanedDocument | Rejected]:
    results: list[CleanedDocument | Rejected | None] = [None] * len(documents)
    text_positions = [i for i, d in enumerate(documents) if d.kind is ContentKind.TEXT]
    if text_positions:
        cleaned_texts = _text_cleaner().clean_batch([documents[i] for i in text_positions])
        for position, cleaned in zip(text_positions, cleaned_texts, strict=True):
            results[position] = cleaned
    for position, document in enumerate(documents):
        if document.kind is ContentKind.HTML:
            results[position] = _clean_page(document)
    return [r for r in results if r is not None]


def _clean_page(document: RawDocument) -> CleanedDocument | Rejected:
    try:
        return clean_html(document)
    except InputError as exc:
        return Rejected(
            document.id, document.origin, Stage.CLEAN, exc.reason, document.content_hash
        )
