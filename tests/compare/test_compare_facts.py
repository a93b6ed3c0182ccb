"""Verdicts on one quantity across articles and languages, on stories written for these tests.

A dam bursts above the invented town of Vale Fundo; reports in several languages give the toll,
the evacuations and the rainfall, hedged in different ways.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from storyline.compare import compare_story
from storyline.model import Article, FactComparison

Embed = Callable[[Sequence[str]], np.ndarray]


def fact_about(comparison_facts: Sequence[FactComparison], key: str) -> FactComparison:
    (fact,) = [f for f in comparison_facts if f.quantity.startswith(key)]
    return fact


def test_hedged_figures_that_fit_together_are_compatible(
    make_article: Callable[..., Article], embed: Embed
) -> None:
    docs = [
        make_article(
            "pt", "pt", "Pelo menos 12 pessoas morreram quando a barragem rebentou em Vale Fundo.",
            "2025-02-03T08:00:00+00:00",
        ),
        make_article(
            "en", "en", "More than 10 people were killed when the dam burst above Vale Fundo.",
            "2025-02-03T09:00:00+00:00",
        ),
        make_article(
            "de", "de", "Beim Dammbruch oberhalb von Vale Fundo kamen rund 12 Menschen ums Leben.",
            "2025-02-03T10:00:00+00:00",
        ),
    ]  # fmt: skip
    toll = fact_about(compare_story(docs, embed).facts, "killed")
    assert toll.verdict == "compatible"
    assert toll.conflicting == ()
    assert [v.article_id for v in toll.values] == ["pt", "en", "de"]  # publication order


def test_disjoint_figures_conflict_and_name_the_pairs(
    make_article: Callable[..., Article], embed: Embed
) -> None:
    docs = [
        make_article(
            "es", "es", "Unas 300 personas han sido desalojadas en Vale Fundo tras la rotura."
        ),
        make_article(
            "fr", "fr", "Quelque 300 habitants ont été évacués à Vale Fundo après la rupture."
        ),
        make_article(
            "it", "it", "Circa 800 residenti sono stati evacuati a Vale Fundo dopo il crollo."
        ),
    ]
    evacuated = fact_about(compare_story(docs, embed).facts, "evacuated")
    assert evacuated.verdict == "conflict"
    assert evacuated.conflicting == (("es", "it"), ("fr", "it"))


def test_a_later_independent_report_raising_the_toll_is_an_update(
    make_article: Callable[..., Article], embed: Embed
) -> None:
    docs = [
        make_article(
            "first", "en", "At least nine people were killed when the dam burst above Vale Fundo.",
            "2025-02-03T08:00:00+00:00",
        ),
        make_article(
            "later", "pl", "Liczba ofiar pęknięcia tamy w Vale Fundo wzrosła do 14 osób.",
            "2025-02-04T08:00:00+00:00",
        ),
        make_article(
            "exact", "en", "Nine people died when the dam above Vale Fundo burst on Monday.",
            "2025-02-03T09:00:00+00:00",
        ),
    ]  # fmt: skip
    origins = {"first": "first", "later": "later", "exact": "exact"}
    toll = fact_about(compare_story(docs, embed, origins).facts, "killed")
    assert toll.verdict == "update"
    assert toll.conflicting == ()


def test_a_rewrite_raising_its_source_figure_is_a_conflict_not_an_update(
    make_article: Callable[..., Article], embed: Embed
) -> None:
    docs = [
        make_article(
            "wire", "en", "Nine people were killed when the dam burst above Vale Fundo.",
            "2025-02-03T08:00:00+00:00",
        ),
        make_article(
            "rewrite", "en", "The dam disaster at Vale Fundo killed fourteen people, reports say.",
            "2025-02-03T12:00:00+00:00",
        ),
    ]  # fmt: skip
    same_origin = {"wire": "wire", "rewrite": "wire"}
    toll = fact_about(compare_story(docs, embed, same_origin).facts, "killed")
    assert toll.verdict == "conflict"
    assert toll.independent_origins == 1  # a rewrite is not a second source


def test_different_quantities_are_not_aligned(
    make_article: Callable[..., Article], embed: Embed
) -> None:
    docs = [
        make_article(
            "a", "en",
            "Twelve people were killed and about 300 residents were evacuated from Vale Fundo.",
        ),
        make_article(
            "b", "es",
            "Doce personas murieron y unas 300 personas fueron desalojadas en Vale Fundo.",
        ),
    ]  # fmt: skip
    facts = compare_story(docs, embed).facts
    assert sorted(f.quantity for f in facts) == ["evacuated/residents", "killed/people"]
    assert all(f.verdict == "agree" for f in facts)
