"""Represent: what the clusterer compares for each article.

Public:

* ``Embedder`` (protocol), ``USEEmbedder`` (default, ``default_embedder()``), ``E5Embedder``
  (optional extra ``e5``), ``HashingEmbedder`` (a model-free fake);
* ``grouping_text(article)`` and ``features(articles, embedder)`` -> ``ArticleFeatures``;
* evidence that needs no model: ``name_keys``, ``number_keys``, ``minhash_signature`` and
  ``jaccard_estimate``.
"""

from storyline.represent.embedders import (
    USE_LANGUAGES,
    E5Embedder,
    Embedder,
    HashingEmbedder,
    USEEmbedder,
    default_embedder,
    normalise_rows,
)
from storyline.represent.features import features, grouping_text
from storyline.represent.minhash import (
    jaccard_estimate,
    minhash_scheme,
    minhash_signature,
    minhash_signatures,
    shingles,
)
from storyline.represent.names import name_keys, word_key
from storyline.represent.numbers import NumberKeys, number_keys

__all__ = [
    "USE_LANGUAGES",
    "E5Embedder",
    "Embedder",
    "HashingEmbedder",
    "NumberKeys",
    "USEEmbedder",
    "default_embedder",
    "features",
    "grouping_text",
    "jaccard_estimate",
    "minhash_scheme",
    "minhash_signature",
    "minhash_signatures",
    "name_keys",
    "normalise_rows",
    "number_keys",
    "shingles",
    "word_key",
]
