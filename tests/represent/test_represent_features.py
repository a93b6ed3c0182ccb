"""grouping_text and features(): what the clusterer receives for each article."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pytest

from storyline.model import Article, ArticleFeatures, LanguageTag
from storyline.represent import HashingEmbedder, features, grouping_text, word_key
from storyline.represent.features import GROUPING_BUDGET, GROUPING_LIMIT

SEED_IDS = [
    "000_cdbcb4438c33dd7d",
    "001_0503947bb9252ab9",
    "002_24fa2d3f4f5e834b",
    "003_f07694c2c2caf22c",
    "004_519643cf1c8da25f",
]


class CountingEmbedder:
    """Wraps the hashing fake and records every call, to check batching."""

    def __init__(self) -> None:
        self.inner = HashingEmbedder()
        self.name = "counting-" + self.inner.name
        self.calls: list[int] = []

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(len(texts))
        return self.inner.embed(texts)


def article(text: str, title: str | None = None, lang: str = "en") -> Article:
    return Article(
        id="a1",
        content_hash="h",
        origin="test",
        text=text,
        lang=LanguageTag(lang, 1.0, "test"),
        title=title,
    )


def test_grouping_text_is_the_title_and_the_lead(seed: Callable[[str], Article]) -> None:
    wire = seed("003_f07694c2c2caf22c")
    text = grouping_text(wire)
    assert text.startswith("Russia says it is working on removing Taliban")
    assert "Russia said on Tuesday it had important matters" in text
    assert "Reporting by Reuters" not in text  # the last line is far past the lead
    assert GROUPING_BUDGET <= len(text) <= GROUPING_LIMIT


def test_german_lead_keeps_am_2_april_in_one_sentence(seed: Callable[[str], Article]) -> None:
    text = grouping_text(seed("000_cdbcb4438c33dd7d"))
    assert text.startswith("Am 2. April erklärte Dmitry Peskov")


def test_grouping_text_works_without_sentence_spans_and_skips_a_repeated_title() -> None:
    body = (
        "Flash flood in Valencia region kills four\n"
        "Four people died and two are missing after a flash flood swept through Benifarró. "
        "Emergency services said the water rose two metres in less than an hour. "
        + "Residents described the scene. "
        * 60
    )
    text = grouping_text(article(body, title="Flash flood in Valencia region kills four"))
    assert text.count("Flash flood in Valencia") == 1
    assert "Four people died" in text
    assert len(text) <= GROUPING_LIMIT
    assert grouping_text(article("", title=None)) == ""


def test_a_run_on_first_sentence_is_cut_at_the_limit() -> None:
    text = grouping_text(article("word " * 2000))
    assert len(text) <= GROUPING_LIMIT
    assert text.endswith("word")


def test_features_embed_once_and_carry_every_kind_of_evidence(
    seed: Callable[[str], Article],
) -> None:
    articles = [seed(article_id) for article_id in SEED_IDS]
    embedder = CountingEmbedder()
    result = features(articles, embedder)
    assert embedder.calls == [5]
    assert [f.article_id for f in result] == SEED_IDS
    german, wire = result[0], result[3]
    assert isinstance(wire, ArticleFeatures)
    assert wire.model == "counting-hashing-256"
    assert wire.vector.shape == (256,)
    assert wire.vector.dtype == np.float32
    assert wire.minhash.dtype == np.uint32
    assert wire.minhash_scheme.startswith("rensa-")
    assert wire.grouping_text == grouping_text(articles[3])
    assert {"pskv", "dmtr_pskv", word_key("Taliban")} <= german.names & wire.names
    assert "144" in german.numbers & wire.numbers
    assert "2021" in wire.years
    with pytest.raises(ValueError, match="read-only"):
        wire.vector[0] = 1.0


def test_features_of_no_articles_is_an_empty_list() -> None:
    embedder = CountingEmbedder()
    assert features([], embedder) == []
