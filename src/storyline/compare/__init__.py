"""Compare: inside one story, which facts the sources agree on, where they conflict, who said
what, and which claims rest on a single source. Every item points at the sentences it came from.

Public:

* ``compare_story(articles, embed, origin_of, published)`` -> ``Comparison`` (the entry point),
  and ``compare_stories(stories, embed)`` for several stories with their texts embedded together;
* the parts it runs: ``numeric_facts(article)``, ``align_facts``, ``article_quotes(article)``,
  ``reported_speech(article)``, ``match_quotes``, ``claim_units(article)``, ``group_claims``;
* ``speaker_key(name)`` (transliteration-insensitive surname key) and ``parse_digits(text)``.

``embed`` is any callable that maps texts to L2-normalised row vectors of one multilingual model
(the pipeline passes the represent stage's default embedder); this stage never loads a model.
"""

from storyline.compare.claims import claim_units, group_claims
from storyline.compare.facts import align_facts, compatible_keys
from storyline.compare.matching import match_quotes
from storyline.compare.numbers import numeric_facts, parse_digits
from storyline.compare.quotes import article_quotes, reported_speech, speaker_key
from storyline.compare.story import (
    MAX_COMPARED_ARTICLES,
    Embed,
    StoryToCompare,
    compare_stories,
    compare_story,
)

__all__ = [
    "MAX_COMPARED_ARTICLES",
    "Embed",
    "StoryToCompare",
    "align_facts",
    "article_quotes",
    "claim_units",
    "compare_stories",
    "compare_story",
    "compatible_keys",
    "group_claims",
    "match_quotes",
    "numeric_facts",
    "parse_digits",
    "reported_speech",
    "speaker_key",
]
