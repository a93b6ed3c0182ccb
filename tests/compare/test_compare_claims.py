"""Claims: statements grouped across articles, counted by independent origin, filler left out.

The story (written for these tests): a chemical plant fire in the invented town of Brenndorf,
reported by a German wire, an English rewrite of it, and an independent Polish report.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pytest

from storyline.compare import claim_units, compare_story
from storyline.model import Article, Comparison

Embed = Callable[[Sequence[str]], np.ndarray]

WIRE = (
    "In einem Chemiewerk in Brenndorf ist am Montagabend ein Großbrand ausgebrochen. "
    "Die Feuerwehr evakuierte 40 Beschäftigte aus dem Werk. "
    "Nach Angaben der Polizei wurde niemand verletzt."
)
REWRITE = (
    "A major fire broke out at a chemical plant in Brenndorf on Monday evening.\n"
    "Firefighters evacuated 40 employees from the plant. "
    "Police said nobody was injured. "
    "The plant had failed a safety inspection in March, according to a local councillor.\n"
    "The incident has sparked speculation about the broader implications for the industry."
)
INDEPENDENT = (
    "W poniedziałek wieczorem w zakładach chemicznych w Brenndorfie wybuchł duży pożar. "
    "Strażacy ewakuowali z zakładu 40 pracowników."
)
ORIGINS = {"wire": "wire", "rewrite": "wire", "pl": "pl"}


@pytest.fixture(scope="module")
def comparison(make_article: Callable[..., Article], embed: Embed) -> Comparison:
    docs = [
        make_article("wire", "de", WIRE),
        make_article("rewrite", "en", REWRITE),
        make_article("pl", "pl", INDEPENDENT),
    ]
    return compare_story(docs, embed, ORIGINS)


def claim_with(comparison: Comparison, phrase: str) -> tuple[str, set[str], int]:
    (claim,) = [c for c in comparison.claims if any(phrase in r.text for r in c.support)]
    return claim.status, {r.article_id for r in claim.support}, claim.independent_origins


def test_a_statement_two_origins_make_is_corroborated(comparison: Comparison) -> None:
    status, articles, origins = claim_with(comparison, "evacuated 40 employees")
    assert status == "corroborated"
    assert articles == {"wire", "rewrite", "pl"}
    assert origins == 2  # the rewrite is the wire's copy: it counts once


def test_what_only_one_origin_says_is_single_source(comparison: Comparison) -> None:
    assert claim_with(comparison, "nobody was injured")[:2] == (
        "single-source",
        {"wire", "rewrite"},
    )
    status, articles, _ = claim_with(comparison, "failed a safety inspection")
    assert (status, articles) == ("single-source", {"rewrite"})


def test_commentary_is_not_a_claim(comparison: Comparison) -> None:
    assert not [c for c in comparison.claims if "speculation" in c.text]


def test_claim_units_leave_out_headings_and_credits(make_article: Callable[..., Article]) -> None:
    text = (
        "Fire at Brenndorf plant\n"
        "A major fire broke out at a chemical plant in Brenndorf on Monday evening.\n"
        "Source: Brenndorfer Rundschau\n"
        "(Reporting by Anna Weiss)"
    )
    units = claim_units(make_article("a", "en", text))
    assert [u.text for u in units] == [
        "A major fire broke out at a chemical plant in Brenndorf on Monday evening."
    ]


def test_one_sentence_can_hold_two_claims(make_article: Callable[..., Article]) -> None:
    text = (
        "Although the company confirmed the fire, there have been reports of a second "
        "explosion in the warehouse."
    )
    units = claim_units(make_article("a", "en", text))
    assert [u.text for u in units] == [
        "Although the company confirmed the fire",
        "there have been reports of a second explosion in the warehouse.",
    ]
    assert {u.sentence for u in units} == {0}


SPECULATION = [
    (
        "en",
        "Firefighters evacuated 40 employees from the plant in Brenndorf. "
        "The fire may force the company to close the plant for months. "
        "The plant manager did not elaborate on the cause. "
        "Police said the blaze may have started in a storage hall.\n"
        "Read more: how chemical plants are inspected in the region.",
        ["Firefighters evacuated 40 employees", "Police said the blaze may have started"],
    ),
    (
        "de",
        "Die Feuerwehr evakuierte 40 Beschäftigte aus dem Werk in Brenndorf. "
        "Der Brand könnte das Unternehmen zwingen, das Werk monatelang zu schließen. "
        "Der Werksleiter nannte keine Details zur Ursache. "
        "Laut Polizei könnte das Feuer in einer Lagerhalle ausgebrochen sein.\n"
        "Lesen Sie auch: So werden Chemiewerke in der Region kontrolliert.",
        ["Die Feuerwehr evakuierte 40 Beschäftigte", "Laut Polizei könnte das Feuer"],
    ),
    (
        "pl",
        "Strażacy ewakuowali z zakładu w Brenndorfie 40 pracowników. "
        "Pożar być może zmusi firmę do zamknięcia zakładu na wiele miesięcy. "
        "Kierownik zakładu nie sprecyzował, co było przyczyną pożaru. "
        "Według policji ogień mógłby wybuchnąć w hali magazynowej, być może od iskry.",
        ["Strażacy ewakuowali z zakładu", "Według policji ogień"],
    ),
]


@pytest.mark.parametrize(("lang", "text", "claims"), SPECULATION, ids=[c[0] for c in SPECULATION])
def test_the_writers_guesses_and_non_statements_are_not_claims(
    make_article: Callable[..., Article], lang: str, text: str, claims: list[str]
) -> None:
    """A guess nobody is said to make ("may force the company …"), a statement that nothing was
    said and a link to another page are not claims; the same guess attributed to the police is."""
    units = claim_units(make_article("a", lang, text))
    assert [next(c for c in claims if unit.text.startswith(c)) for unit in units] == claims


def test_an_attribution_stays_with_what_it_attributes(make_article: Callable[..., Article]) -> None:
    text = (
        "Die Polizei teilte am Abend mit, dass bei dem Brand niemand verletzt wurde. "
        "Der Brand brach gegen 19 Uhr aus, aber die Feuerwehr hatte ihn nach einer Stunde gelöscht."
    )
    units = claim_units(make_article("a", "de", text))
    assert [u.text for u in units] == [
        "Die Polizei teilte am Abend mit, dass bei dem Brand niemand verletzt wurde.",
        "Der Brand brach gegen 19 Uhr aus",
        "aber die Feuerwehr hatte ihn nach einer Stunde gelöscht.",
    ]


def test_a_guess_glued_onto_a_report_keeps_the_report(
    make_article: Callable[..., Article],
) -> None:
    text = (
        "Für die Anleger dürfte wenig zu holen sein: Das Gericht ordnete die Einziehung von "
        "4,2 Millionen Euro an. Die Anleger dürften ihr Geld nie wiedersehen."
    )
    units = claim_units(make_article("a", "de", text))
    assert [u.sentence for u in units] == [0]
