"""Numeric facts in ten languages: numbers, qualifiers as intervals, what is counted.

Every text here is written for these tests (invented places and people).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from storyline.compare import numeric_facts, parse_digits
from storyline.model import Article

INF = None  # an open end of an interval

CASES = [
    # language, text, expected (number text, low, high, quantity key)
    (
        "en",
        "At least 144 people were killed and more than 1,500 residents were evacuated, while "
        "about 40 were injured.",
        [
            ("At least 144", 144, INF, "killed/people"),
            ("more than 1,500", 1501, INF, "evacuated/residents"),
            ("about 40", 36, 44, "injured"),
        ],
    ),
    (
        "de",
        "Mindestens neun Menschen kamen ums Leben, mehr als 20 Millionen Euro gingen verloren "
        "und rund 1.900 Anleger sind betroffen.",
        [
            ("Mindestens neun", 9, INF, "killed/people"),
            ("mehr als 20 Millionen", 20_000_001, INF, "money:eur"),
            ("rund 1.900", 1710, 2090, "investors"),
        ],
    ),
    (
        "fr",
        "Six personnes sont mortes et deux autres sont portées disparues ; environ 1 200 "
        "salariés ont fait grève pendant huit heures.",
        [
            ("Six", 6, 6, "killed/people"),
            ("deux", 2, 2, "missing"),
            ("environ 1 200", 1080, 1320, "workers"),
            ("huit", 8, 8, "hours"),
        ],
    ),
    (
        "es",
        "Más de 300 litros por metro cuadrado cayeron en Torrealba y unas 300 personas han sido "
        "desalojadas.",
        [
            ("Más de 300", 301, INF, "rainfall_mm"),
            ("unas 300", 270, 330, "evacuated/people"),
        ],
    ),
    (
        "it",
        "Circa 1.200 lavoratori hanno scioperato per otto ore; l'adesione ha superato il 90 per "
        "cento e quasi 350 posti di lavoro sono a rischio.",
        [
            ("Circa 1.200", 1080, 1320, "workers"),
            ("otto", 8, 8, "hours"),
            ("ha superato il 90", 91, INF, "percent"),
            ("quasi 350", 315, 349, "jobs"),
        ],
    ),
    (
        "pt",
        "A participação foi de 53,8% e cerca de 3.200 hectares arderam em Vale Fundo.",
        [("53,8%", 53.8, 53.8, "percent"), ("cerca de 3.200", 2880, 3520, "hectares")],
    ),
    (
        "ru",
        "В Озёрске погибли не менее пяти горняков, под землёй находились 156 горняков, к работам "
        "привлечены более 200 спасателей.",
        [
            ("не менее пяти", 5, INF, "killed/miners"),
            ("156", 156, 156, "miners"),
            ("более 200", 201, INF, "rescuers"),
        ],
    ),
    (
        "uk",
        "Щонайменше п'ятеро гірників загинули, ставка знизилася до 14,5%, а сотні людей "
        "евакуювали.",
        [
            ("Щонайменше п'ятеро", 5, INF, "killed/miners"),
            ("14,5%", 14.5, 14.5, "percent"),
            ("сотні", 200, INF, "people"),
        ],
    ),
    (
        "pl",
        "Co najmniej 9 osób zginęło, a 23 zostały ranne; sąd skazał go na cztery i pół roku "
        "więzienia.",
        [
            ("Co najmniej 9", 9, INF, "killed/people"),
            ("23", 23, 23, "injured"),
            ("cztery i pół", 4.5, 4.5, "years"),
        ],
    ),
    (
        "tr",
        "Depremde en az 9 kişi hayatını kaybetti, 120'den fazla kişi yaralandı ve 34 bina yıkıldı.",
        [
            ("en az 9", 9, INF, "killed/people"),
            ("120'den fazla", 121, INF, "injured/people"),
            ("34", 34, 34, "buildings"),
        ],
    ),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_numbers_qualifiers_and_keys(
    make_article: Callable[..., Article],
    lang: str,
    text: str,
    expected: list[tuple[str, float, float | None, str]],
) -> None:
    facts = numeric_facts(make_article("a", lang, text))
    got = [(f.text, f.low, f.high, f.quantity_key) for f in facts]
    assert got == expected


def test_dates_years_times_and_codes_are_not_facts(make_article: Callable[..., Article]) -> None:
    text = (
        "On 14 March 2025 at 06.15 the bus left the S19 near km 560; in 2021 the CV-560 road "
        "was closed. Am 22. März kamen 144 Menschen ums Leben."
    )
    facts = numeric_facts(make_article("a", "de", text))
    assert [(f.text, f.quantity_key) for f in facts] == [("144", "killed/people")]


def test_every_fact_points_at_its_sentence(make_article: Callable[..., Article]) -> None:
    text = "The storm hit at night. Three people died. Over 200 homes were flooded."
    doc = make_article("a", "en", text)
    for fact in numeric_facts(doc):
        assert text[fact.start : fact.end] == fact.text
        assert fact.sentence_text == doc.sentences[fact.sentence].text
        assert fact.text in fact.sentence_text


def test_two_dozen_and_hundreds(make_article: Callable[..., Article]) -> None:
    facts = numeric_facts(
        make_article("a", "en", "Two dozen aircraft dropped water as hundreds of firefighters ran.")
    )
    assert [(f.text, f.low, f.high) for f in facts] == [
        ("Two dozen", 24, 24),
        ("hundreds", 200, None),
    ]


@pytest.mark.parametrize(
    ("digits", "value"),
    [("1.500", 1500), ("1,500", 1500), ("1 500", 1500), ("53,8", 53.8), ("5.9", 5.9),
     ("1.200.000", 1_200_000), ("1,234.5", 1234.5), ("0.500", 0.5)],
)  # fmt: skip
def test_digit_grouping_and_decimal_marks(digits: str, value: float) -> None:
    assert parse_digits(digits)[0] == pytest.approx(value)
