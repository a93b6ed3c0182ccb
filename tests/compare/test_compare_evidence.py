"""Evidence integrity: every fact, quote and claim cites text that is verbatim in its article.

Nothing in a comparison is generated: a fact's number text, a quote and its attribution, and every
sentence a fact, quote or claim cites must be exact spans of the cleaned text of the article it
names. Checked on every labelled story and the seeds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from storyline.model import Article, Comparison


def _check(comparison: Comparison, labelled: dict[str, Article]) -> int:
    checked = 0
    for fact in comparison.facts:
        for value in fact.values:
            article = labelled[value.article_id]
            assert article.text[value.start : value.end] == value.text, value
            assert article.sentences[value.sentence].text == value.sentence_text, value
            assert value.start >= article.sentences[value.sentence].start
            checked += 1
    for match in comparison.quotes:
        for quote in match.quotes:
            article = labelled[quote.article_id]
            assert article.text[quote.start : quote.end] == quote.text, quote
            if quote.attribution is not None:
                span = article.text[quote.attribution_start : quote.attribution_end]
                assert span.strip() == quote.attribution, quote
            assert article.sentences[quote.sentence].text == quote.sentence_text, quote
            checked += 1
    for claim in comparison.claims:
        assert claim.text and any(claim.text in ref.text for ref in claim.support), claim
        for ref in claim.support:
            article = labelled[ref.article_id]
            assert article.sentences[ref.sentence].text == ref.text, ref
            assert ref.text in article.text
            checked += 1
    return checked


def test_every_cited_span_is_verbatim_in_the_cited_article(
    corpus: dict[str, Comparison], seeds: Comparison, labelled: dict[str, Article]
) -> None:
    checked = sum(_check(comparison, labelled) for comparison in corpus.values())
    checked += _check(seeds, labelled)
    assert checked > 1000  # facts, quotes and claim sentences of 18 stories and the seeds


def test_a_story_of_one_article_compares_nothing_but_lists_its_quotes(
    labelled: dict[str, Article],
) -> None:
    from storyline.compare import compare_story

    def refuse(_: object) -> object:
        raise AssertionError("a single article needs no embedding")

    article = labelled["S01-01"]
    result = compare_story([article], refuse, story_id="S01")  # type: ignore[arg-type]
    assert (result.facts, result.claims) == ((), ())
    assert result.quotes  # S01-01 has direct quotes
    assert all(q.article_id == article.id for m in result.quotes for q in m.quotes)
    assert _check(result, labelled) == len(result.quotes)  # the quotes cite verbatim spans


def test_a_story_of_many_copies_is_compared_on_a_bounded_sample(
    make_article: Callable[..., Article],
) -> None:
    from storyline.compare import MAX_COMPARED_ARTICLES, compare_story

    template = (
        "At least {n} people were killed when a dam burst near Vale Fundo on Monday. "
        '"We are searching every house," said the mayor Artur Sequeira.'
    )
    origins = {}
    docs = []
    for index in range(3 * MAX_COMPARED_ARTICLES):
        docs.append(make_article(f"copy-{index:03d}", "en", template.format(n=12), None))
        origins[f"copy-{index:03d}"] = "wire" if index % 2 else f"own-{index}"
    asked: list[str] = []

    def embed(texts: Sequence[str]) -> np.ndarray:
        asked.extend(texts)
        return np.ones((len(texts), 4), dtype=np.float32) / 2.0

    result = compare_story(docs, embed, origins)
    compared = {v.article_id for fact in result.facts for v in fact.values}
    assert 2 <= len(compared) <= MAX_COMPARED_ARTICLES
    assert len(set(asked)) < 20  # copies share their texts; nothing is embedded per copy
    (toll,) = result.facts
    assert toll.verdict == "agree"
