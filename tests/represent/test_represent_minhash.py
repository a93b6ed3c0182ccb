"""MinHash: copies and near copies score high, unrelated text scores near zero."""

from __future__ import annotations

import numpy as np
import pytest

from storyline.represent import jaccard_estimate, minhash_signature, shingles

ORIGINAL = (
    "Co najmniej 9 osób zginęło, a 23 zostały ranne w piątek rano, gdy autobus przewożący "
    "pracowników sezonowych zjechał z drogi ekspresowej S19 i spadł do przydrożnego rowu koło "
    "Wierzbnika Dolnego na Podkarpaciu.\n"
    "Do wypadku doszło około godziny 6.15 na odcinku między węzłami Wierzbnik i Krasne Pole. "
    "Według wstępnych ustaleń policji autobus, jadący w kierunku Rzeszowa, uderzył w bariery "
    "energochłonne, przebił je i przewrócił się na bok.\n"
    "Na miejsce wysłano 14 zastępów straży pożarnej i trzy śmigłowce Lotniczego Pogotowia "
    "Ratunkowego. Ranni trafili do szpitali w Rzeszowie, Krośnie i Jaśle; stan pięciu z nich "
    "lekarze określają jako ciężki.\n"
    "Autobusem podróżowało 38 osób, w większości obywatele Ukrainy jadący do pracy w zakładach "
    "przetwórstwa owoców. Kierowca, 51-letni mieszkaniec powiatu krośnieńskiego, przeżył wypadek "
    "i został przewieziony do szpitala. Prokuratura Rejonowa w Krośnie wszczęła śledztwo."
)
# A copy site changed one sentence and added its own chrome and punctuation.
NEAR_COPY = "Gazeta Podkarpacka | Wiadomości | Region\n" + ORIGINAL.replace(
    "Do wypadku doszło około godziny 6.15 na odcinku między węzłami Wierzbnik i Krasne Pole.",
    "Jak ustaliliśmy, do tragedii doszło tuż po szóstej rano, niedaleko węzła Wierzbnik.",
).replace("ciężki.", "ciężki!")
UNRELATED = (
    "Narodowy Bank Ukrainy obniżył w czwartek stopę procentową do 14,5 proc., pierwszy raz od "
    "lipca. Prezes banku powiedział, że inflacja spowolniła szybciej, niż oczekiwano, a rynek "
    "walutowy pozostaje stabilny. Analitycy spodziewają się kolejnych obniżek w drugiej połowie "
    "roku, jeśli wojna nie przyniesie nowych szoków dla gospodarki."
)


def test_identical_text_estimates_one() -> None:
    assert jaccard_estimate(minhash_signature(ORIGINAL), minhash_signature(ORIGINAL)) == 1.0


def test_near_copy_with_one_sentence_changed_scores_high() -> None:
    estimate = jaccard_estimate(minhash_signature(ORIGINAL), minhash_signature(NEAR_COPY))
    assert estimate > 0.6


def test_unrelated_text_in_the_same_language_scores_near_zero() -> None:
    assert jaccard_estimate(minhash_signature(ORIGINAL), minhash_signature(UNRELATED)) < 0.1


def test_estimate_tracks_the_exact_jaccard_of_the_shingles() -> None:
    a, b = set(shingles(ORIGINAL)), set(shingles(NEAR_COPY))
    exact = len(a & b) / len(a | b)
    estimate = jaccard_estimate(minhash_signature(ORIGINAL), minhash_signature(NEAR_COPY))
    assert abs(estimate - exact) < 0.12  # 3 standard errors at 128 permutations


def test_case_and_punctuation_do_not_matter_and_signatures_are_uint32() -> None:
    shouted = ORIGINAL.upper().replace(",", "").replace(".", " ;")
    signature = minhash_signature(ORIGINAL)
    assert signature.dtype == np.uint32
    assert signature.shape == (128,)
    assert jaccard_estimate(signature, minhash_signature(shouted)) == 1.0


def test_empty_text_shares_nothing_and_mismatched_schemes_are_refused() -> None:
    empty = minhash_signature("")
    assert jaccard_estimate(empty, empty) == 0.0
    assert jaccard_estimate(empty, minhash_signature(ORIGINAL)) == 0.0
    with pytest.raises(ValueError, match="different lengths"):
        jaccard_estimate(minhash_signature(ORIGINAL, num_perm=64), minhash_signature(ORIGINAL))
