"""Date mentions, their resolution and the publication date, on the seeds and in 12 languages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from storyline.analyze import choose_publication_date, find_dates, resolve_relative
from storyline.model import DateMention

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "seeds"


def seed(name: str) -> str:
    return next(SEEDS.glob(f"{name}_*.txt")).read_text(encoding="utf-8")


def by_text(mentions: tuple[DateMention, ...]) -> dict[str, DateMention]:
    return {m.text: m for m in mentions}


def summary(mentions: tuple[DateMention, ...]) -> list[tuple[str, str | None, str, bool]]:
    return [(m.text, m.value, m.precision, m.relative) for m in mentions]


# --- the seeds ---------------------------------------------------------------------------


def test_seed_000_german_dates() -> None:
    text = seed("000")
    found = find_dates(text, "de")
    assert summary(found) == [
        ("2. April", "--04-02", "day", True),
        ("14. bis 19. Mai", "--05-14", "day", True),
        ("19. Mai", "--05-19", "day", True),
        ("22. März", "--03-22", "day", True),
        ("2021", "2021", "year", False),
        ("2003", "2003", "year", False),
        ("März 2022", "2022-03", "month", False),
    ]
    assert all(text[m.start : m.end] == m.text for m in found)
    assert choose_publication_date(found) is None  # no mention places "2. April" in a year


def test_seed_001_english_month_day_and_month_year() -> None:
    mentions = by_text(find_dates(seed("001"), "en"))
    assert mentions["March 22nd"].value == "--03-22"
    assert mentions["August 2021"].value == "2021-08"
    assert mentions["August 2021"].precision == "month"
    assert {"1999", "2003", "2017", "2022"} <= set(mentions)


def test_seed_003_weekday_and_last_month_are_relative() -> None:
    mentions = by_text(find_dates(seed("003"), "en"))
    tuesday = mentions["on Tuesday"]
    assert (tuesday.value, tuesday.precision, tuesday.relative, tuesday.weekday) == (
        None,
        "weekday",
        True,
        1,
    )
    assert (mentions["last month"].precision, mentions["last month"].offset) == ("month", -1)
    assert "Thursday" not in " ".join(mentions)  # "Thursday, May 11, 2023" is one date
    assert mentions["May 11, 2023"].value == "2023-05-11"


def test_seed_004_credit_year_anchors_the_publication_date() -> None:
    found = find_dates(seed("004"), "en")
    mentions = by_text(found)
    assert mentions["(c)UNIAN 2021"].value == "2021"
    assert mentions["August 15"].value == "--08-15"
    assert mentions["2003"].precision == "year"
    published = choose_publication_date(found)
    assert published is not None
    assert published.value == "2021-08-15"
    assert published.source == "text"
    assert published.evidence is not None
    assert "2021" in published.evidence
    assert "August 15" in published.evidence


# --- many languages ------------------------------------------------------------------------

LANGUAGE_CASES = [
    (
        "en",
        "WASHINGTON, April 2, 2024 — The talks, first held on 2 April 2024, resumed on Tuesday. "
        "Officials met yesterday, 3 days ago and last month; see the 2024-04-02 filing and the "
        "04/02/2024 memo. The summit runs May 14-19, 2024. © 2024 Reuters",
        [
            ("April 2, 2024", "2024-04-02", "day", False),
            ("2 April 2024", "2024-04-02", "day", False),
            ("on Tuesday", None, "weekday", True),
            ("yesterday", None, "day", True),
            ("3 days ago", None, "day", True),
            ("last month", None, "month", True),
            ("2024-04-02", "2024-04-02", "day", False),
            ("04/02/2024", "2024-04-02", "day", False),
            ("May 14-19, 2024", "2024-05-14", "day", False),
            ("19, 2024", "2024-05-19", "day", False),
            ("© 2024", "2024", "year", False),
        ],
    ),
    (
        "de",
        "Am Dienstag sagte er, das Treffen habe am 02.04.2024 stattgefunden, gestern nicht. Im "
        "März 2022 kam es zur Einigung. Vor 3 Tagen, am frühen Morgen, kam der Brief. Das "
        "Forum ist vom 14. bis 19. Mai.",
        [
            ("Am Dienstag", None, "weekday", True),
            ("02.04.2024", "2024-04-02", "day", False),
            ("gestern", None, "day", True),
            ("März 2022", "2022-03", "month", False),
            ("Vor 3 Tagen", None, "day", True),
            ("14. bis 19. Mai", "--05-14", "day", True),
            ("19. Mai", "--05-19", "day", True),
        ],
    ),
    (
        "fr",
        "Le 1er avril 2024, le ministre a parlé mardi. Hier, il a confirmé la réunion du 2 avril. "
        "La semaine dernière, rien.",
        [
            ("1er avril 2024", "2024-04-01", "day", False),
            ("mardi", None, "weekday", True),
            ("Hier", None, "day", True),
            ("2 avril", "--04-02", "day", True),
            ("La semaine dernière", None, "week", True),
        ],
    ),
    (
        "es",
        "El portavoz habló el martes. Ayer se reunieron, pero esta mañana no. El acuerdo es del "
        "2 de abril de 2024. Hace 3 días llegó la carta.",
        [
            ("el martes", None, "weekday", True),
            ("Ayer", None, "day", True),
            ("esta mañana", None, "day", True),
            ("2 de abril de 2024", "2024-04-02", "day", False),
            ("Hace 3 días", None, "day", True),
        ],
    ),
    (
        "it",
        "Il portavoce ha parlato martedì. Ieri si sono riuniti. L'accordo del 2 aprile 2024 "
        "risale a 3 giorni fa.",
        [
            ("martedì", None, "weekday", True),
            ("Ieri", None, "day", True),
            ("2 aprile 2024", "2024-04-02", "day", False),
            ("3 giorni fa", None, "day", True),
        ],
    ),
    (
        "pt",
        "O porta-voz falou na terça-feira. Ontem houve reunião. Em março de 2022 houve acordo.",
        [
            ("na terça-feira", None, "weekday", True),
            ("Ontem", None, "day", True),
            ("março de 2022", "2022-03", "month", False),
        ],
    ),
    (
        "ru",
        "Песков заявил во вторник, что вчера прошла встреча. 15 августа 2021 года талибы вошли "
        "в Кабул. В марте 2022 года Россия аккредитовала дипломата. В 2003 году суд признал "
        "движение террористическим.",
        [
            ("во вторник", None, "weekday", True),
            ("вчера", None, "day", True),
            ("15 августа 2021 года", "2021-08-15", "day", False),
            ("марте 2022 года", "2022-03", "month", False),
            ("2003", "2003", "year", False),
        ],
    ),
    (
        "uk",
        "Речник заявив про переговори 2 квітня. Вчора відбулася зустріч, у п’ятницю буде ще "
        "одна.\n(c)УНІАН 2021",
        [
            ("2 квітня", "--04-02", "day", True),
            ("Вчора", None, "day", True),
            ("у п’ятницю", None, "weekday", True),
            ("(c)УНІАН 2021", "2021", "year", False),
        ],
    ),
    (
        "pl",
        "Rzecznik Kremla powiedział we wtorek, że wczoraj odbyło się spotkanie. Umowę podpisano "
        "2 kwietnia 2024 r. w Moskwie.",
        [
            ("we wtorek", None, "weekday", True),
            ("wczoraj", None, "day", True),
            ("2 kwietnia 2024 r.", "2024-04-02", "day", False),
        ],
    ),
    (
        "tr",
        "Kremlin Sözcüsü Salı günü açıklama yaptı. Dün toplantı yapıldı. Anlaşma 2 Nisan 2024 "
        "tarihinde imzalandı. Mart 2022'de ilk adım atıldı.",
        [
            ("Salı günü", None, "weekday", True),
            ("Dün", None, "day", True),
            ("2 Nisan 2024", "2024-04-02", "day", False),
            ("Mart 2022", "2022-03", "month", False),
        ],
    ),
    (
        "nl",
        "De woordvoerder zei dinsdag dat er gisteren overleg was. Het akkoord van 2 april 2024 "
        "volgde op maart 2022.",
        [
            ("dinsdag", None, "weekday", True),
            ("gisteren", None, "day", True),
            ("2 april 2024", "2024-04-02", "day", False),
            ("maart 2022", "2022-03", "month", False),
        ],
    ),
    (
        "cs",
        "Mluvčí v úterý řekl, že včera proběhlo jednání. Dohoda z 2. dubna 2024 navazuje na "
        "březen 2022. Fórum se koná od 14. do 19. května.",
        [
            ("v úterý", None, "weekday", True),
            ("včera", None, "day", True),
            ("2. dubna 2024", "2024-04-02", "day", False),
            ("březen 2022", "2022-03", "month", False),
            ("14. do 19. května", "--05-14", "day", True),
            ("19. května", "--05-19", "day", True),
        ],
    ),
]


@pytest.mark.parametrize(
    ("lang", "text", "expected"), LANGUAGE_CASES, ids=[c[0] for c in LANGUAGE_CASES]
)
def test_dates_in_many_languages(
    lang: str, text: str, expected: list[tuple[str, str | None, str, bool]]
) -> None:
    found = find_dates(text, lang)
    assert summary(found) == expected
    assert all(text[m.start : m.end] == m.text for m in found)


def test_weekday_and_offset_are_kept_for_resolution() -> None:
    mentions = by_text(find_dates("Вчора, у п’ятницю, і 3 дні тому.", "uk"))
    assert mentions["у п’ятницю"].weekday == 4
    assert mentions["Вчора"].offset == -1


def test_numbers_that_are_not_dates_are_left_alone() -> None:
    text = "The attack killed 144 people; 1,500 were hurt and 2.5% of 2050 seats, in 30 cities."
    assert summary(find_dates(text, "en")) == [("2050", "2050", "year", False)]
    assert find_dates("Version 3.12 shipped with 45 fixes and mar 5 notes.", "en") == ()
    assert find_dates("Black Friday deals on a 1900R curved screen from the 1990s.", "en") == ()
    counts = find_dates("Około 1900 inwestorów straciło pieniądze w 2019 roku.", "pl")
    assert summary(counts) == [("2019", "2019", "year", False)]


def test_impossible_days_are_dropped_keeping_what_is_certain() -> None:
    assert summary(find_dates("on 31 February 2024 and 30.02.2023", "en")) == [
        ("February 2024", "2024-02", "month", False)
    ]


def test_numeric_dates_with_spaces_after_the_dots() -> None:
    assert summary(find_dates("Dohoda z 15. 5. 2024 platí.", "cs")) == [
        ("15. 5. 2024", "2024-05-15", "day", False)
    ]


def test_slashes_follow_the_language_order() -> None:
    assert find_dates("04/02/2024", "en")[0].value == "2024-04-02"
    assert find_dates("04/02/2024", "de")[0].value == "2024-02-04"
    assert find_dates("25/12/2023", "en")[0].value == "2023-12-25"  # no 25th month


def test_a_month_name_without_day_or_year_is_not_a_date() -> None:
    assert find_dates("In early April, the Kremlin announced talks. May we go?", "en") == ()


# --- resolution ----------------------------------------------------------------------------


def test_weekday_resolves_to_most_recent_on_or_before_reference() -> None:
    (tuesday,) = find_dates("Russia said on Tuesday it had matters to discuss.", "en")
    (resolved,) = resolve_relative([tuesday], dt.date(2024, 4, 3))  # a Wednesday
    assert resolved.value == "2024-04-02"
    assert resolved.precision == "day"
    assert resolved.resolved_with == "2024-04-03"
    assert (resolved.text, resolved.start, resolved.end) == (
        tuesday.text,
        tuesday.start,
        tuesday.end,
    )
    (same_day,) = resolve_relative([tuesday], dt.date(2024, 4, 2))
    assert same_day.value == "2024-04-02"


def test_month_day_takes_the_nearest_year() -> None:
    found = find_dates("Am 2. April und vom 14. bis 19. Mai, nach dem 28. Dezember.", "de")
    resolved = resolve_relative(found, dt.date(2024, 4, 3))
    assert [m.value for m in resolved] == ["2024-04-02", "2024-05-14", "2024-05-19", "2023-12-28"]
    january = resolve_relative(found, dt.date(2025, 1, 5))
    assert january[-1].value == "2024-12-28"


def test_offsets_move_the_reference() -> None:
    found = find_dates("yesterday, 3 days ago, last week, last month and last year", "en")
    resolved = resolve_relative(found, dt.datetime(2024, 1, 2, 12, 30))
    assert [(m.value, m.precision) for m in resolved] == [
        ("2024-01-01", "day"),
        ("2023-12-30", "day"),
        ("2023-W52", "week"),
        ("2023-12", "month"),
        ("2023", "year"),
    ]


def test_absolute_and_already_resolved_mentions_are_unchanged() -> None:
    found = find_dates("On 2 April 2024 and on Tuesday.", "en")
    once = resolve_relative(found, dt.date(2024, 4, 3))
    twice = resolve_relative(once, dt.date(2030, 1, 1))
    assert once[0] == found[0]
    assert twice == once


# --- publication date ----------------------------------------------------------------------


def test_a_full_date_near_the_top_wins() -> None:
    text = "KYIV, 2 April 2024 — Officials said on Tuesday that talks begun on 5 March 2023 go on."
    published = choose_publication_date(find_dates(text, "en"))
    assert published is not None
    assert (published.value, published.evidence) == ("2024-04-02", "2 April 2024")


def test_without_top_date_the_latest_full_date_is_chosen() -> None:
    text = "x" * 700 + " Talks began on 5 March 2023 and resumed on 2 April 2024."
    published = choose_publication_date(find_dates(text, "en"))
    assert published is not None
    assert published.value == "2024-04-02"


def test_credit_year_overrides_full_dates_of_other_years() -> None:
    text = "The court ruled on 12 May 2003. The envoy spoke in August 2021.\n© 2021 Example News"
    published = choose_publication_date(find_dates(text, "en"))
    assert published is not None
    assert published.value == "2021-08"
    assert published.evidence == "August 2021"
    only_year = choose_publication_date(find_dates("Talks went on.\n© 2021 Example", "en"))
    assert only_year is not None
    assert (only_year.value, only_year.evidence) == ("2021", "© 2021")


def test_a_leap_day_is_not_combined_with_a_common_year() -> None:
    published = choose_publication_date(find_dates("It began on 29 February.\n© 2021 X", "en"))
    assert published is not None
    assert published.value == "2021"


def test_nothing_anchors_a_year() -> None:
    assert choose_publication_date(find_dates("Am 2. April sagte er, 2003 sei …", "de")) is None
    assert choose_publication_date(()) is None


def test_parts_of_the_day_and_weekday_compounds() -> None:
    cases = [
        ("In de haven zijn maandagochtend 2.000 sjorders in staking gegaan.", "nl"),
        ("Malatya'da bu sabah saat 04.17'de deprem meydana geldi.", "tr"),
        ("Am Dienstagabend und heute Morgen kam er; der Morgen war kalt.", "de"),
        ("Llegó esta mañana, no por la mañana del lunes.", "es"),
    ]
    found = [
        [(m.text, m.precision, m.offset, m.weekday) for m in find_dates(text, lang)]
        for text, lang in cases
    ]
    assert found == [
        [("maandagochtend", "weekday", None, 0)],
        [("bu sabah", "day", 0, None)],
        [("Am Dienstagabend", "weekday", None, 1), ("heute Morgen", "day", 0, None)],
        [("esta mañana", "day", 0, None), ("lunes", "weekday", None, 0)],
    ]


def test_unknown_language_falls_back_to_english_words() -> None:
    found = find_dates("On 2 April 2024, on Tuesday, yesterday.", "und")
    assert [m.text for m in found] == ["2 April 2024", "on Tuesday", "yesterday"]
    # A known language keeps only English month names, whose day-month shape is unambiguous.
    assert [m.text for m in find_dates("On 2 April 2024, on Tuesday.", "de")] == ["2 April 2024"]


def test_weekday_names_that_are_everyday_words_need_a_lead() -> None:
    cases = [
        ("Venceu pela segunda vez. Na segunda, falou; nesta quarta votou.", "pt"),
        ("Загрязняет окружающую среду. В среду он сказал.", "ru"),
        ("Pazar yerinde. Bu pazar toplandılar.", "tr"),
    ]
    found = [[(m.text, m.weekday) for m in find_dates(text, lang)] for text, lang in cases]
    assert found == [
        [("Na segunda", 0), ("nesta quarta", 2)],
        [("В среду", 2)],
        [("Bu pazar", 6)],
    ]


def test_upper_case_turkish_dotted_i_keeps_offsets() -> None:
    text = "İSTANBUL, 2 NİSAN 2024 — Salı günü açıklama yapıldı."
    found = find_dates(text, "tr")
    assert summary(found) == [
        ("2 NİSAN 2024", "2024-04-02", "day", False),
        ("Salı günü", None, "weekday", True),
    ]
    assert all(text[m.start : m.end] == m.text for m in found)
