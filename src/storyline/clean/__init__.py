"""Clean: remove page chrome and comments from HTML pages and already-extracted text.

Public entry point: ``clean_batch(documents)``; batches let the text cleaner see lines that repeat
across documents of the same source.
"""

from storyline.clean.dispatch import clean_batch

__all__ = ["clean_batch"]
