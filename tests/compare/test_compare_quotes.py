"""Direct quotes and their speakers in several languages, and quotes given to the wrong person.

Every text here is written for these tests (invented people and places).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from storyline.compare import article_quotes, match_quotes, reported_speech, speaker_key
from storyline.model import Article

CASES = [
    (
        "en",
        '"We will rebuild every house," said Mayor Ellen Harrow, who visited the site. '
        '"Nobody will be left alone," she added.',
        [("We will rebuild every house", "Ellen Harrow", "name"),
         ("Nobody will be left alone", "Ellen Harrow", "pronoun")],
    ),
    (
        "de",
        "Innenministerin Petra Lanz besuchte den Ort. „Die Lage ist ernst, aber unter "
        "Kontrolle“, sagte Lanz am Abend.",
        [("Die Lage ist ernst, aber unter Kontrolle", "Petra Lanz", "name")],
    ),
    (
        "fr",
        "« Nous ne laisserons personne sans abri », a déclaré le préfet Marc Vidal. "
        "« Les secours sont mobilisés jour et nuit », a-t-il ajouté.",
        [("Nous ne laisserons personne sans abri", "Marc Vidal", "name"),
         ("Les secours sont mobilisés jour et nuit", "Marc Vidal", "pronoun")],
    ),
    (
        "es",
        "—El agua entró en todas las casas del barrio —ha declarado la alcaldesa de Torrealba, "
        "Rosa Ibáñez.",
        [("El agua entró en todas las casas del barrio", "Rosa Ibáñez", "name")],
    ),
    (
        "pl",
        "Na miejsce przyjechał wojewoda Jan Kowalczyk. – To jest ogromna tragedia dla całej "
        "gminy – powiedział dziennikarzom.",
        [("To jest ogromna tragedia dla całej gminy", "Jan Kowalczyk", "pronoun")],
    ),
    (
        "ru",
        "«Спасательная операция идет круглосуточно», — заявил министр Олег Садыков. "
        "Директор шахты Павел Рябов отказался от комментариев, но позже признал: "
        "«Датчики работали исправно».",
        [("Спасательная операция идет круглосуточно", "Олег Садыков", "name"),
         ("Датчики работали исправно", "Павел Рябов", "name")],
    ),
    (
        "uk",
        "«Ми допомагаємо родинам загиблих», — заявив консул Віктор Гнатюк. «Усі документи "
        "будуть готові до п'ятниці», — додав він.",
        [("Ми допомагаємо родинам загиблих", "Віктор Гнатюк", "name"),
         ("Усі документи будуть готові до п'ятниці", "Віктор Гнатюк", "pronoun")],
    ),
    (
        "tr",
        'Vali Kemal Aydın, gazetecilere yaptığı açıklamada, "Arama çalışmaları aralıksız '
        'sürüyor" dedi.',
        [("Arama çalışmaları aralıksız sürüyor", "Kemal Aydın", "name")],
    ),
    (
        "it",
        "«Non accetteremo questi licenziamenti», ha detto Lucia Morandi della Fiom di Lecco.",
        [("Non accetteremo questi licenziamenti", "Lucia Morandi", "name")],
    ),
    (
        "pt",
        "«Ninguém nos telefonou até agora», disse o presidente da Câmara de Vale Fundo, "
        "Artur Sequeira.",
        [("Ninguém nos telefonou até agora", "Artur Sequeira", "name")],
    ),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_quote_and_speaker(
    make_article: Callable[..., Article],
    lang: str,
    text: str,
    expected: list[tuple[str, str, str]],
) -> None:
    quotes = article_quotes(make_article("a", lang, text))
    assert [(q.text, q.speaker, q.resolved_by) for q in quotes] == expected
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text
        assert quote.attribution is None or (
            text[quote.attribution_start : quote.attribution_end] == quote.attribution
        )


def test_scare_quotes_and_quoted_names_are_not_quotes(
    make_article: Callable[..., Article],
) -> None:
    text = (
        'The minister did not elaborate on the "pressing issues". The forum "Europe and the '
        'Sea" opens on Monday, according to the "Coastal Herald".'
    )
    assert article_quotes(make_article("a", "en", text)) == []


def test_the_listener_after_told_is_not_the_speaker(make_article: Callable[..., Article]) -> None:
    text = (
        'Harbour master Jonas Feld said the port was closed. "Every day costs us money," he '
        "told Baltic Shipping News."
    )
    (quote,) = article_quotes(make_article("a", "en", text))
    assert quote.speaker == "Jonas Feld"


def test_speaker_keys_survive_transliteration() -> None:
    assert speaker_key("Dmitry Peskov") == speaker_key("Dmitri Peskow") == speaker_key("Песков")
    assert speaker_key("Olena Marchenko") == speaker_key("Олена Марченко")
    assert speaker_key("Peskov") != speaker_key("Kabulov")


def test_reported_speech_reads_the_content_after_that(
    make_article: Callable[..., Article],
) -> None:
    text = "Kremlin spokesman Dmitry Peskov stated in a press briefing that it is a neighbouring "
    text += "country they engage with."
    (quote,) = reported_speech(make_article("a", "en", text))
    assert quote.kind == "reported"
    assert quote.speaker == "Dmitry Peskov"
    assert quote.text == "it is a neighbouring country they engage with"


def _fake_vectors(groups: list[list[str]]) -> dict[str, np.ndarray]:
    """Texts in one group share a direction: a translation model in miniature."""
    vectors: dict[str, np.ndarray] = {}
    for index, texts in enumerate(groups):
        for text in texts:
            vector = np.zeros(len(groups), dtype=np.float32)
            vector[index] = 1.0
            vectors[text] = vector
    return vectors


def test_same_quote_given_to_another_person_is_flagged(
    make_article: Callable[..., Article],
) -> None:
    first = make_article(
        "first", "pl", "„Warunki na drodze były bardzo trudne” – powiedział rzecznik Adam Wrzos."
    )
    second = make_article(
        "second",
        "en",
        '"Conditions on the road were very difficult," said Adam Wrzos, the fire spokesman.',
    )
    wrong = make_article(
        "wrong",
        "en",
        '"Conditions on the road were very difficult," governor Maria Kolano said.',
    )
    other = make_article("other", "en", '"We will help every family," said Maria Kolano.')
    quotes = [q for doc in (first, second, wrong, other) for q in article_quotes(doc)]
    vectors = _fake_vectors(
        [
            ["Warunki na drodze były bardzo trudne", "Conditions on the road were very difficult"],
            ["We will help every family"],
        ]
    )
    order = {"first": 0, "second": 1, "wrong": 2, "other": 3}
    matches = match_quotes(quotes, [], vectors, order)
    conditions = next(m for m in matches if len(m.quotes) == 3)
    assert conditions.speaker == "Adam Wrzos"
    assert conditions.misattributed
    flagged = [q.article_id for q in conditions.quotes if q.verdict == "misattributed"]
    assert flagged == ["wrong"]
    family = next(m for m in matches if len(m.quotes) == 1)
    assert not family.misattributed
