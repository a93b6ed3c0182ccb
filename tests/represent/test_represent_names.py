"""Name keys: spelling variants across languages meet; common words do not become names."""

from __future__ import annotations

import pytest

from storyline.represent import name_keys, word_key


@pytest.mark.parametrize(
    "variants",
    [
        ["Peskov", "Peskow", "Pieskow", "Песков", "Пескова", "Pieskowa", "Πεσκόφ"],
        ["Zelensky", "Zelenskyy", "Selenskyj", "Зеленський", "Зеленского", "Zełenski"],
        ["Kyiv", "Kiew", "Київ", "Kijów", "Kiev", "Києва"],
        ["Kharkiv", "Charkiw", "Харків", "Charków"],
        ["Dmitry", "Dmitri", "Дмитрий", "Dmytro"],
        ["Tomáš", "Томаш", "Tomasz"],
        ["Erdoğan", "Erdogan", "Ердоган"],
    ],
)
def test_spelling_variants_of_one_name_share_a_key(variants: list[str]) -> None:
    keys = {word_key(variant) for variant in variants}
    assert len(keys) == 1, dict(zip(variants, map(word_key, variants), strict=True))
    assert keys != {""}


def test_different_names_keep_different_keys() -> None:
    names = ["Peskov", "Putin", "Kabulov", "Lavrov", "Zelensky", "Kyiv", "Moscow", "Baradar"]
    assert len({word_key(name) for name in names}) == len(names)


def test_a_name_in_three_scripts_meets_across_whole_sentences() -> None:
    english = name_keys("Kremlin spokesman Dmitry Peskov told reporters on Tuesday.", "en")
    german = name_keys("Kremlsprecher Dmitri Peskow sagte am Dienstag vor Journalisten.", "de")
    russian = name_keys("Пресс-секретарь Кремля Дмитрий Песков заявил журналистам.", "ru")
    polish = name_keys("Rzecznik Kremla Dmitrij Pieskow powiedział dziennikarzom.", "pl")
    for keys in (german, russian, polish):
        assert {"pskv", "dmtr_pskv"} <= keys & english, keys


def test_ukrainian_reads_cyrillic_g_as_h() -> None:
    assert "rdl" in name_keys("Губернатор краю Томаш Градил заявив журналістам.", "uk")
    assert "rdl" in name_keys("Governor Tomáš Hradil told reporters.", "en")


def test_sentence_start_words_that_also_appear_in_lower_case_are_not_names() -> None:
    text = (
        "Officials said the bridge would reopen on Friday. Rescuers worked through the night.\n"
        "By morning, officials said, rescuers had found two more people near Lviv."
    )
    keys = name_keys(text, "en")
    assert word_key("Officials") not in keys
    assert word_key("Rescuers") not in keys
    assert keys == {word_key("Lviv")}


def test_function_words_months_and_weekdays_are_not_names() -> None:
    text = (
        "The minister arrived. On Tuesday, 2 April, Am Dienstag. By morning. "
        "Он сказал: «Это важно»."
    )
    assert name_keys(text) == frozenset()


def test_german_common_nouns_are_dropped_but_names_stay() -> None:
    text = (
        "Am Abend erklärte der Sprecher der Regierung, Dmitri Peskow, die Verhandlungen mit den "
        "Taliban seien eine Notwendigkeit. Die Delegation reist nach Kasan."
    )
    keys = name_keys(text, "de")
    assert {"pskv", "dmtr_pskv", "ksn"} <= keys
    for noun in ("Sprecher", "Regierung", "Verhandlungen", "Notwendigkeit", "Delegation"):
        assert word_key(noun) not in keys, noun


def test_multi_word_spans_keep_particles_and_acronyms_keep_letters() -> None:
    keys = name_keys("Ursula von der Leyen met NATO and НБУ officials in Brussels.", "en")
    assert f"{word_key('Ursula')}_{word_key('Leyen')}" in keys
    assert {"nato", "nbu"} <= keys


def test_possessives_and_turkish_case_endings_are_cut() -> None:
    assert word_key("Malatya") in name_keys("Deprem Malatya'da hissedildi.", "tr")
    assert "pskv" in name_keys("It was Peskov's first comment.", "en")
    assert word_key("Ukraine") in name_keys("Il a parlé de l'Ukraine hier.", "fr")
