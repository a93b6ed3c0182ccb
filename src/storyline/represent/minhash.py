"""MinHash signatures of word shingles, for verbatim and near copies.

``minhash_signature(text)`` lower-cases the text, keeps only word characters, cuts it into
overlapping runs of ``shingle_words`` words and returns a MinHash signature of that set as a
uint32 array. ``jaccard_estimate(a, b)`` is the share of equal positions: an unbiased estimate
of the Jaccard similarity of the two shingle sets (standard error ~0.04 at 128 permutations).

Backend: rensa's ``RMinHash`` (Rust, MIT). Measured here on the same shingles
(bench/represent_speed.py): rensa ~54,000 texts/s, datasketch ~3,200 texts/s, and the two
estimate the same Jaccard. Signatures of different backends, seeds, permutation counts or
shingle sizes are not comparable, so ``minhash_scheme`` names all four and is stored with each
signature.
"""

from __future__ import annotations

import importlib.metadata
import re
from collections.abc import Sequence

import numpy as np

from storyline.errors import MissingDependencyError

__all__ = [
    "DEFAULT_NUM_PERM",
    "DEFAULT_SHINGLE_WORDS",
    "jaccard_estimate",
    "minhash_scheme",
    "minhash_signature",
    "minhash_signatures",
    "shingles",
]

DEFAULT_NUM_PERM = 128
DEFAULT_SHINGLE_WORDS = 4
_SEED = 1
_WORD = re.compile(r"\w+")


def shingles(text: str, shingle_words: int = DEFAULT_SHINGLE_WORDS) -> list[str]:
    """Overlapping runs of ``shingle_words`` lower-cased words; a shorter text is one shingle."""
    if shingle_words < 1:
        raise ValueError("shingle_words must be at least 1")
    words = _WORD.findall(text.lower())
    if len(words) <= shingle_words:
        return [" ".join(words)] if words else []
    return [" ".join(words[i : i + shingle_words]) for i in range(len(words) - shingle_words + 1)]


def minhash_scheme(
    num_perm: int = DEFAULT_NUM_PERM, shingle_words: int = DEFAULT_SHINGLE_WORDS
) -> str:
    """The name stored with a signature, e.g. ``rensa-0.5.0:w4:128:seed1``."""
    try:
        version = importlib.metadata.version("rensa")
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    return f"rensa-{version}:w{shingle_words}:{num_perm}:seed{_SEED}"


def _rminhash() -> type:
    try:
        from rensa import RMinHash  # type: ignore[import-untyped]
    except ImportError:
        raise MissingDependencyError("MinHash signatures need rensa: pip install rensa") from None
    return RMinHash  # type: ignore[no-any-return]


def minhash_signature(
    text: str, num_perm: int = DEFAULT_NUM_PERM, shingle_words: int = DEFAULT_SHINGLE_WORDS
) -> np.ndarray:
    """The MinHash signature (uint32, length ``num_perm``) of the text's word shingles.

    A text without words gets a signature of all ``0xFFFFFFFF`` (rensa's empty-set value), whose
    estimate against any real text is ~0.
    """
    hasher = _rminhash()(num_perm, _SEED)
    hasher.update(shingles(text, shingle_words))
    return np.asarray(hasher.digest(), dtype=np.uint32)


def minhash_signatures(
    texts: Sequence[str],
    num_perm: int = DEFAULT_NUM_PERM,
    shingle_words: int = DEFAULT_SHINGLE_WORDS,
) -> np.ndarray:
    """Signatures of many texts as one (len(texts), num_perm) uint32 array."""
    matrix = np.empty((len(texts), num_perm), dtype=np.uint32)
    for row, text in enumerate(texts):
        matrix[row] = minhash_signature(text, num_perm, shingle_words)
    return matrix


def jaccard_estimate(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures of one scheme."""
    if a.shape != b.shape:
        raise ValueError(f"signatures of different lengths: {a.shape} vs {b.shape}")
    if a.size == 0:
        return 0.0
    empty = np.uint32(0xFFFFFFFF)
    if bool(np.all(a == empty)) or bool(np.all(b == empty)):
        return 0.0  # an empty text shares nothing, even with another empty text
    return float(np.count_nonzero(a == b)) / float(a.size)
