"""Analyze: sentence spans and date mentions in cleaned text.

Public: ``split_sentences(text, lang)``, ``find_dates(text, lang)``,
``resolve_relative(mentions, reference)``, ``choose_publication_date(mentions)``.
"""

from storyline.analyze.dates import find_dates
from storyline.analyze.publication import choose_publication_date
from storyline.analyze.resolve import resolve_relative
from storyline.analyze.sentences import split_sentences

__all__ = ["choose_publication_date", "find_dates", "resolve_relative", "split_sentences"]
