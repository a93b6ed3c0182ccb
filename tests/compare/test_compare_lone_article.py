"""A story of one article: its quotes are listed with their speakers, nothing is embedded.

The seeds' 004 (Kabulov, August 2021) is a story of its own; the issue wants his quote found.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from storyline.compare import compare_story, speaker_key
from storyline.model import Article

KABULOV = "004_519643cf1c8da25f"


def _no_embedding(texts: Sequence[str]) -> np.ndarray:
    raise AssertionError(f"a lone article needs no vectors, asked for {len(texts)}")


def test_the_lone_seed_article_lists_kabulovs_quote(labelled: dict[str, Article]) -> None:
    article = labelled[KABULOV]
    comparison = compare_story([article], _no_embedding, story_id="kabulov")

    (statement,) = [m for m in comparison.quotes if "Mullah Baradar" in m.quotes[0].text]
    (quote,) = statement.quotes
    assert quote.text == (
        "Now we will talk to Mullah Baradar while there in Doha. Next we will see how it will be"
    )
    assert statement.speaker == quote.speaker == "Zamir Kabulov"  # "Kabulov said", expanded
    assert statement.speaker_key == speaker_key("Kabulov")
    assert article.text[quote.start : quote.end] == quote.text
    assert quote.sentence_text in article.text
    # One source: no fact table and no claims, every statement would be single-source.
    assert comparison.facts == ()
    assert comparison.claims == ()
    assert comparison.story_id == "kabulov"


def test_a_lone_article_in_another_language_keeps_pronoun_speakers(
    make_article: Callable[..., Article],
) -> None:
    text = (
        "Der Bürgermeister von Talheim, Jonas Brenner, besuchte am Morgen die Unglücksstelle. "
        "„Wir werden jedes Haus wieder aufbauen“, sagte er. "
        "Zwölf Häuser wurden nach Angaben der Feuerwehr zerstört."
    )
    comparison = compare_story([make_article("a", "de", text)], _no_embedding)
    (statement,) = comparison.quotes
    assert statement.quotes[0].text == "Wir werden jedes Haus wieder aufbauen"
    assert (statement.speaker, statement.quotes[0].resolved_by) == ("Jonas Brenner", "pronoun")
    assert comparison.facts == () and comparison.claims == ()


def test_no_article_gives_an_empty_comparison() -> None:
    comparison = compare_story([], _no_embedding, story_id="empty")
    assert (comparison.facts, comparison.quotes, comparison.claims) == ((), (), ())
