"""Sentence spans on the seeds and on news-like texts in twelve languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.analyze import split_sentences

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "seeds"


def seed(name: str) -> str:
    return next(SEEDS.glob(f"{name}_*.txt")).read_text(encoding="utf-8")


def texts(text: str, lang: str) -> list[str]:
    return [s.text for s in split_sentences(text, lang)]


# (language, text, expected sentences); each text holds the traps of its language.
CASES = [
    (
        "en",
        "The withdrawal of U.S.-led foreign forces in 2021 changed things. Mr. Smith met "
        "Dr. Jones at 5 p.m. on Friday. “We will see,” he said. “That’s why we are not "
        "worried.” The Taliban returned in Aug. 2021, i.e. after the U.S. exit. Prices rose "
        "by 3.5 per cent. Is that all? No!",
        [
            "The withdrawal of U.S.-led foreign forces in 2021 changed things.",
            "Mr. Smith met Dr. Jones at 5 p.m. on Friday.",
            "“We will see,” he said.",
            "“That’s why we are not worried.”",
            "The Taliban returned in Aug. 2021, i.e. after the U.S. exit.",
            "Prices rose by 3.5 per cent.",
            "Is that all?",
            "No!",
        ],
    ),
    (
        "de",
        'Am 2. April erklärte Peskow, dass es "wichtige Probleme" gab. Das Forum ist für den '
        "Zeitraum vom 14. bis 19. Mai in Kasan geplant. Es gibt z. B. Kontakte, d. h. Gespräche "
        "mit Dr. Müller. „Wir müssen reden.“ Das sagte er am 3. Okt. in Berlin. Die Zahl der "
        "Toten stieg auf 144. Später bekannte sich der IS.",
        [
            'Am 2. April erklärte Peskow, dass es "wichtige Probleme" gab.',
            "Das Forum ist für den Zeitraum vom 14. bis 19. Mai in Kasan geplant.",
            "Es gibt z. B. Kontakte, d. h. Gespräche mit Dr. Müller.",
            "„Wir müssen reden.“",
            "Das sagte er am 3. Okt. in Berlin.",
            "Die Zahl der Toten stieg auf 144.",
            "Später bekannte sich der IS.",
        ],
    ),
    (
        "fr",
        "M. Dupont a déclaré mardi que la situation était grave. « Nous devons agir vite. » "
        "Selon Mme Martin, etc. les négociations continuent. Le sommet aura lieu le 2 avril.",
        [
            "M. Dupont a déclaré mardi que la situation était grave.",
            "« Nous devons agir vite. »",
            "Selon Mme Martin, etc. les négociations continuent.",
            "Le sommet aura lieu le 2 avril.",
        ],
    ),
    (
        "es",
        "El portavoz dijo el martes que hay asuntos urgentes. «Debemos dialogar», afirmó el "
        "Sr. García. La reunión, según EE. UU., será el 2 de abril. ¿Qué pasará después? "
        "Nadie lo sabe.",
        [
            "El portavoz dijo el martes que hay asuntos urgentes.",
            "«Debemos dialogar», afirmó el Sr. García.",
            "La reunión, según EE. UU., será el 2 de abril.",
            "¿Qué pasará después?",
            "Nadie lo sabe.",
        ],
    ),
    (
        "it",
        "Il sig. Rossi ha parlato con il dott. Bianchi. «È una svolta», ha detto. "
        "L'incontro è previsto per il 2 aprile.",
        [
            "Il sig. Rossi ha parlato con il dott. Bianchi.",
            "«È una svolta», ha detto.",
            "L'incontro è previsto per il 2 aprile.",
        ],
    ),
    (
        "pt",
        "O Sr. Silva disse na terça-feira que o diálogo é necessário. “Temos de conversar.” "
        "A reunião será na Av. Paulista.",
        [
            "O Sr. Silva disse na terça-feira que o diálogo é necessário.",
            "“Temos de conversar.”",
            "A reunião será na Av. Paulista.",
        ],
    ),
    (
        "ru",
        "Песков заявил во вторник, что у России есть важные вопросы. «Это страна, которая "
        "граничит с нами», — сказал он. Т. е. диалог нужен, т. к. они контролируют страну. "
        "В 2003 г. Верховный суд РФ признал движение террористическим. «Что дальше?» — спросил "
        "журналист. Встреча прошла 15 августа 2021 года.",
        [
            "Песков заявил во вторник, что у России есть важные вопросы.",
            "«Это страна, которая граничит с нами», — сказал он.",
            "Т. е. диалог нужен, т. к. они контролируют страну.",
            "В 2003 г. Верховный суд РФ признал движение террористическим.",
            "«Что дальше?» — спросил журналист.",
            "Встреча прошла 15 августа 2021 года.",
        ],
    ),
    (
        "uk",
        "Речник Кремля заявив у вівторок про важливі питання. Зустріч відбулася 2 квітня. "
        "Тобто т. зв. діалог триває на вул. Хрещатик. Так вирішили у 2021 р. Відтоді нічого "
        "не змінилося.",
        [
            "Речник Кремля заявив у вівторок про важливі питання.",
            "Зустріч відбулася 2 квітня.",
            "Тобто т. зв. діалог триває на вул. Хрещатик.",
            "Так вирішили у 2021 р.",
            "Відтоді нічого не змінилося.",
        ],
    ),
    (
        "pl",
        "Rzecznik powiedział we wtorek, że Rosja ma ważne sprawy. Spotkanie odbędzie się "
        "2 kwietnia 2024 r. w Moskwie. „To kraj, który z nami graniczy” – dodał. M.in. talibowie, "
        "tj. rząd, kontrolują kraj. Rozmawiał z nim dr Nowak z ul. Długiej. Mówił też "
        "mł. bryg. Tomasz Wrona.",
        [
            "Rzecznik powiedział we wtorek, że Rosja ma ważne sprawy.",
            "Spotkanie odbędzie się 2 kwietnia 2024 r. w Moskwie.",
            "„To kraj, który z nami graniczy” – dodał.",
            "M.in. talibowie, tj. rząd, kontrolują kraj.",
            "Rozmawiał z nim dr Nowak z ul. Długiej.",
            "Mówił też mł. bryg. Tomasz Wrona.",
        ],
    ),
    (
        "tr",
        "Kremlin Sözcüsü Salı günü açıklama yaptı. Toplantı 2 Nisan 2024 tarihinde yapıldı. "
        'Prof. Dr. Yılmaz, "Diyalog şart" dedi. Taliban 2021\'de iktidara geldi.',
        [
            "Kremlin Sözcüsü Salı günü açıklama yaptı.",
            "Toplantı 2 Nisan 2024 tarihinde yapıldı.",
            'Prof. Dr. Yılmaz, "Diyalog şart" dedi.',
            "Taliban 2021'de iktidara geldi.",
        ],
    ),
    (
        "nl",
        "De woordvoerder zei dinsdag dat er dringende kwesties zijn. Dhr. Jansen, o.a. "
        "minister, sprak bijv. met de Taliban. Dat gebeurde op 2 april.",
        [
            "De woordvoerder zei dinsdag dat er dringende kwesties zijn.",
            "Dhr. Jansen, o.a. minister, sprak bijv. met de Taliban.",
            "Dat gebeurde op 2 april.",
        ],
    ),
    (
        "cs",
        "Mluvčí v úterý řekl, že Rusko má naléhavé otázky. Jednání, tzv. dialog, začne "
        "2. dubna v Moskvě. Podle Ing. Nováka je to např. krok vpřed.",
        [
            "Mluvčí v úterý řekl, že Rusko má naléhavé otázky.",
            "Jednání, tzv. dialog, začne 2. dubna v Moskvě.",
            "Podle Ing. Nováka je to např. krok vpřed.",
        ],
    ),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_sentences_in_many_languages(lang: str, text: str, expected: list[str]) -> None:
    assert texts(text, lang) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_every_sentence_is_an_exact_stripped_span(
    lang: str, text: str, expected: list[str]
) -> None:
    for sentence in split_sentences(text, lang):
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()


def test_seed_003_keeps_us_led_inside_its_sentence() -> None:
    sentences = texts(seed("003"), "en")
    assert (
        "The Taliban returned to power in Afghanistan in 2021 after the withdrawal of U.S.-led "
        "foreign forces, but have remained until now on a list of organizations that Russia "
        "designates as terrorist." in sentences
    )
    assert any(
        s.startswith("Islamic State militants claimed responsbility and U.S. officials")
        for s in sentences
    )


def test_seed_000_german_dates_do_not_split() -> None:
    sentences = texts(seed("000"), "de")
    assert sentences[0].startswith("Am 2. April erklärte Dmitry Peskov")
    assert sentences[0].endswith(
        "mit den Führern der islamistischen Taliban -Bewegung zu diskutieren."
    )
    assert any("für den Zeitraum vom 14. bis 19. Mai in Kazan geplant war." in s for s in sentences)
    assert any(
        s.startswith("Am Abend des 22. März fand") and s.endswith("getötet wurden.")
        for s in sentences
    )


def test_newlines_are_hard_boundaries_and_bullets_are_dropped() -> None:
    text = "Tenuous Ties Between Russia and the Taliban\n- In 1999, the UN acted.\n  • Next item\n"
    assert texts(text, "en") == [
        "Tenuous Ties Between Russia and the Taliban",
        "In 1999, the UN acted.",
        "Next item",
    ]


def test_numbered_list_items_keep_their_number() -> None:
    text = "Steps:\n1. Preheat the oven. Then wait.\n2. Serve."
    assert texts(text, "en") == ["Steps:", "1. Preheat the oven.", "Then wait.", "2. Serve."]
    assert texts("2. April war ein Dienstag.", "de") == ["2. April war ein Dienstag."]


def test_seed_001_list_items_start_at_their_text() -> None:
    sentences = texts(seed("001"), "en")
    assert (
        "In 1999, the United Nations acknowledged the Taliban as a refuge and training ground "
        "for international terrorists." in sentences
    )


def test_quote_closing_after_period_stays_with_its_sentence() -> None:
    text = (
        "“Now we will talk to Mullah Baradar while there in Doha. Next we will see how it will "
        "be,” Kabulov said."
    )
    assert texts(text, "en") == [
        "“Now we will talk to Mullah Baradar while there in Doha.",
        "Next we will see how it will be,” Kabulov said.",
    ]


def test_lost_space_after_period_is_still_a_boundary() -> None:
    text = (
        "At the same time, the Taliban is officially banned in Russia.Russia is ready for contacts."
    )
    assert texts(text, "en") == [
        "At the same time, the Taliban is officially banned in Russia.",
        "Russia is ready for contacts.",
    ]


def test_unknown_language_and_empty_text() -> None:
    assert split_sentences("", "en") == ()
    assert split_sentences("  \n \u00a0\n", "de") == ()
    assert texts("Première phrase. Deuxième phrase.", "und") == [
        "Première phrase.",
        "Deuxième phrase.",
    ]
    assert texts("第一句。第二句！", "zh") == ["第一句。", "第二句！"]


def test_offsets_point_into_the_original_text_with_crlf_and_indentation() -> None:
    text = "  First line here.  \r\n\tSecond one. Third!\r\n"
    sentences = split_sentences(text, "en")
    assert [s.text for s in sentences] == ["First line here.", "Second one.", "Third!"]
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_two_part_abbreviations_may_end_a_sentence() -> None:
    assert texts("Обсуждали экономику, политику и т. д. Потом все ушли.", "ru") == [
        "Обсуждали экономику, политику и т. д.",
        "Потом все ушли.",
    ]
    assert texts("Byli tam Nowak, Kowalski i in. Potem wyszli.", "pl") == [
        "Byli tam Nowak, Kowalski i in.",
        "Potem wyszli.",
    ]
