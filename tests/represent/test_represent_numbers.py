"""Number keys: one quantity written in many locales gives one key; labels and dates do not."""

from __future__ import annotations

import pytest

from storyline.represent import number_keys


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rund 1.500 Menschen wurden evakuiert.", "1500"),
        ("About 1,500 people were evacuated.", "1500"),
        ("Ewakuowano 1 500 osób.", "1500"),
        ("Евакуйовано 1\u00a0500 мешканців.", "1500"),
        ("Die Inflation lag bei 3,2 %.", "3.2%"),
        ("Inflation slowed to 3.2%.", "3.2%"),
        ("Die Teuerung betrug 3,2 Prozent.", "3.2%"),
        ("Enflasyon %3,2 oldu.", "3.2%"),
        ("Enflasyon yüzde 3,2 oldu.", "3.2%"),
        ("Інфляція сповільнилася до 3,2 відсотка.", "3.2%"),
        ("Stopa procentowa wynosi 14,5 proc.", "14.5%"),
        ("Wstrząs o magnitudzie 5,9 poczuto w Malatyi.", "5.9"),
        ("killing at least 144 people", "144"),
        ("Damage is put at 1.234.567,50 euros.", "1234567.5"),
    ],
)
def test_one_quantity_in_many_locales_gives_one_key(text: str, expected: str) -> None:
    assert number_keys(text).numbers == {expected}


def test_years_are_kept_apart_from_quantities() -> None:
    keys = number_keys("The Taliban returned to power in 2021; in 2024 Russia said 144 died.")
    assert keys.years == {"2021", "2024"}
    assert keys.numbers == {"144"}


def test_labels_dates_times_and_small_counts_are_not_quantities() -> None:
    text = (
        "The bus left the S19 at 6:15 on 14.03.2025 (2025-03-14); two F-16 jets and a "
        "COVID-19 ward were mentioned, and 3 people were hurt."
    )
    keys = number_keys(text)
    assert keys.numbers == frozenset()
    assert keys.years == frozenset()


def test_translated_articles_share_their_numbers() -> None:
    polish = "Co najmniej 9 osób zginęło, a 23 zostały ranne. Autobusem podróżowało 38 osób."
    english = "At least nine people were killed and 23 injured. The bus carried 38 people."
    assert number_keys(polish).numbers == number_keys(english).numbers == {"23", "38"}
