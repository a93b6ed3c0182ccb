"""Calendar words per language: month and weekday names, relative day words.

The names come from dateparser's locale data (about 200 languages, already a dependency), so a
language we never wrote a rule for still gets its month names. The data mixes full names with
abbreviations ("sept", "Die" for Dienstag); a form that is a strict prefix of another form of the
same word, or shorter than three letters, is treated as an abbreviation, because bare
abbreviations such as German "Die" or Spanish "mar" are ordinary words far more often than dates.
A few inflections the data lacks (Russian locative "в марте", Ukrainian accusative weekdays) are
added here.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

MONTH_KEYS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


# Inflected forms dateparser's data does not carry; indexes are month 1..12 / weekday 0..6.
def _numbered(words: str, first: int) -> dict[str, int]:
    return {word: number for number, word in enumerate(words.split(), start=first)}


_EXTRA_MONTHS: dict[str, dict[str, int]] = {
    "ru": _numbered(
        "январе феврале марте апреле мае июне июле августе сентябре октябре ноябре декабре", 1
    ),
    "uk": _numbered(
        "січні лютому березні квітні травні червні липні серпні вересні жовтні листопаді грудні", 1
    ),
    "de": {"märz": 3, "maerz": 3},
}
_EXTRA_WEEKDAYS: dict[str, dict[str, int]] = {
    "ru": {
        "понедельник": 0,
        "вторник": 1,
        "среду": 2,
        "четверг": 3,
        "пятницу": 4,
        "субботу": 5,
        "воскресенье": 6,
    },
    "uk": {
        "понеділок": 0,
        "вівторок": 1,
        "середу": 2,
        "четвер": 3,
        "п'ятницю": 4,
        "п’ятницю": 4,
        "суботу": 5,
        "неділю": 6,
    },
    "pl": {
        "poniedziałek": 0,
        "wtorek": 1,
        "środę": 2,
        "czwartek": 3,
        "piątek": 4,
        "sobotę": 5,
        "niedzielę": 6,
    },
    "cs": {
        "pondělí": 0,
        "úterý": 1,
        "středu": 2,
        "čtvrtek": 3,
        "pátek": 4,
        "sobotu": 5,
        "neděli": 6,
    },
    "pt": {"segunda": 0, "terça": 1, "quarta": 2, "quinta": 3, "sexta": 4},
}
# Parts of a day ("this morning", "bu sabah") that dateparser's data lacks: (unit, offset).
_TODAY, _YESTERDAY = ("day", 0), ("day", -1)
_EXTRA_RELATIVE: dict[str, dict[str, tuple[str, int]]] = {
    "en": {
        "this morning": _TODAY,
        "this afternoon": _TODAY,
        "this evening": _TODAY,
        "tonight": _TODAY,
        "last night": _YESTERDAY,
    },
    "de": {
        "heute morgen": _TODAY,
        "heute früh": _TODAY,
        "heute abend": _TODAY,
        "gestern abend": _YESTERDAY,
    },
    "fr": {
        "ce matin": _TODAY,
        "cet après-midi": _TODAY,
        "ce soir": _TODAY,
        "hier soir": _YESTERDAY,
    },
    "es": {"esta mañana": _TODAY, "esta tarde": _TODAY, "esta noche": _TODAY, "anoche": _YESTERDAY},
    "it": {
        "stamattina": _TODAY,
        "stamani": _TODAY,
        "questa mattina": _TODAY,
        "stasera": _TODAY,
        "ieri sera": _YESTERDAY,
    },
    "pt": {
        "esta manhã": _TODAY,
        "esta tarde": _TODAY,
        "esta noite": _TODAY,
        "ontem à noite": _YESTERDAY,
    },
    "ru": {"этим утром": _TODAY, "вчера вечером": _YESTERDAY},
    "uk": {"цього ранку": _TODAY, "вчора ввечері": _YESTERDAY},
    "pl": {"wczoraj wieczorem": _YESTERDAY},
    "tr": {
        "bu sabah": _TODAY,
        "bu akşam": _TODAY,
        "bu gece": _TODAY,
        "dün gece": _YESTERDAY,
        "dün akşam": _YESTERDAY,
    },
    "nl": {
        "vanochtend": _TODAY,
        "vanmorgen": _TODAY,
        "vanmiddag": _TODAY,
        "vanavond": _TODAY,
        "vannacht": _TODAY,
        "gisteravond": _YESTERDAY,
    },
    "cs": {"dnes ráno": _TODAY, "včera večer": _YESTERDAY},
}
# Words that make the number after them a count, not a year: "more than 1900 investors".
COUNT_CUES: dict[str, tuple[str, ...]] = {
    "en": (
        "more than",
        "over",
        "nearly",
        "almost",
        "about",
        "approximately",
        "some",
        "at least",
        "up to",
        "fewer than",
        "less than",
    ),
    "de": (
        "mehr als",
        "über",
        "fast",
        "rund",
        "etwa",
        "ca.",
        "knapp",
        "mindestens",
        "bis zu",
        "weniger als",
    ),
    "fr": ("plus de", "près de", "environ", "quelque", "au moins", "moins de"),
    "es": ("más de", "casi", "unos", "unas", "cerca de", "al menos", "menos de"),
    "it": ("più di", "quasi", "circa", "almeno", "meno di"),
    "pt": ("mais de", "quase", "cerca de", "pelo menos", "menos de"),
    "ru": ("более", "больше", "свыше", "почти", "около", "примерно", "не менее", "менее"),
    "uk": ("понад", "більше", "майже", "близько", "приблизно", "щонайменше", "менше"),
    "pl": ("ponad", "prawie", "około", "blisko", "co najmniej", "mniej niż"),
    "tr": ("yaklaşık", "en az"),
    "nl": ("meer dan", "bijna", "ongeveer", "zo'n", "ruim", "minstens", "minder dan"),
    "cs": ("přes", "téměř", "skoro", "přibližně", "nejméně", "méně než"),
}
# Languages that glue the part of the day to the weekday: "Dienstagabend", "maandagochtend".
_WEEKDAY_COMPOUNDS: dict[str, tuple[str, ...]] = {
    "de": ("morgen", "vormittag", "mittag", "nachmittag", "abend", "nacht", "früh"),
    "nl": ("ochtend", "morgen", "middag", "avond", "nacht"),
}
# Words before a weekday that belong to the mention ("on Tuesday", "am Dienstag", "во вторник").
WEEKDAY_LEADS: dict[str, tuple[str, ...]] = {
    "en": ("on", "last", "this", "on last", "late on", "early on"),
    "de": ("am", "am vergangenen", "am letzten", "vergangenen", "letzten", "diesen"),
    "fr": ("le", "ce", "dès"),
    "es": ("el", "este", "el pasado", "el último"),
    "it": ("lo scorso", "il", "lo", "questo"),
    "pt": (
        "na",
        "no",
        "nesta",
        "neste",
        "esta",
        "na última",
        "no último",
        "na passada",
        "no passado",
        "na próxima",
        "desta",
    ),
    "ru": ("в", "во", "в прошлый", "в прошлую", "в минувший", "в минувшую"),
    "uk": ("у", "в", "минулого", "у минулу", "у минулий", "в минулу", "в минулий"),
    "pl": ("w", "we", "w ubiegły", "w ubiegłą", "w zeszły", "w zeszłą", "w ostatni", "w ostatnią"),
    "tr": ("geçen", "bu"),
    "nl": ("op", "afgelopen", "vorige"),
    "cs": ("v", "ve", "minulé", "minulý", "minulou", "v minulé", "v minulý"),
}
# German "Morgen" is the morning and Spanish "la mañana" too; these forms are dropped when
# they show the noun reading (capital letter / article before), see dates.py.
NOUN_LOOKALIKES = {"de": frozenset({"Morgen"})}
# Weekday names that are also everyday words ("pela segunda vez", "окружающая среда", "pazar"
# the market): a weekday only after a lead word ("na segunda", "в среду", "bu pazar") or
# before "günü".
WEEKDAY_NEEDS_LEAD = {
    "pt": frozenset({"segunda", "terça", "quarta", "quinta", "sexta"}),
    "ru": frozenset({"среда", "среду"}),
    "tr": frozenset({"pazar"}),
}


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Calendar words of one language (plus English full names, common in any news text)."""

    code: str  # the language the words are for: the code asked for, or "en" as the fallback
    months_full: dict[str, int]  # lower-cased form -> month 1..12
    months_abbr: dict[str, int]
    weekdays: dict[str, int]  # lower-cased form -> 0 (Monday) .. 6
    relative_words: dict[str, tuple[str, int]]  # "yesterday" -> ("day", -1)
    relative_patterns: tuple[tuple[str, str, str, int], ...]  # before, after, unit, sign
    date_order: str  # "DMY", "MDY" or "YMD", for numeric dates like 02/04/2024


def _locale_info(lang: str) -> dict[str, object] | None:
    from dateparser.languages.loader import default_loader

    try:
        info = default_loader.get_locale(lang).info
    except (ValueError, KeyError):  # dateparser raises ValueError for an unknown code
        return None
    return dict(info)


def _is_abbreviation(form: str, siblings: list[str]) -> bool:
    if len(form) < 3:
        return True
    return any(other != form and other.startswith(form) for other in siblings)


def _split_forms(raw: object) -> tuple[list[str], list[str]]:
    forms = sorted({str(f).lower() for f in raw} if isinstance(raw, list) else set())
    full = [f for f in forms if not _is_abbreviation(f, forms)]
    abbr = [f for f in forms if _is_abbreviation(f, forms) and len(f) >= 3]
    return full, abbr


_UNITS = {"day": "day", "week": "week", "month": "month", "year": "year"}
_RELATIVE_KEY = re.compile(r"^(?:(in) )?(\d+) (day|week|month|year)(?: ago)?$")


def _relative_entries(info: dict[str, object]) -> dict[str, tuple[str, int]]:
    words: dict[str, tuple[str, int]] = {}
    table = info.get("relative-type")
    if not isinstance(table, dict):
        return words
    for key, forms in table.items():
        parsed = _RELATIVE_KEY.match(str(key))
        if not parsed or not isinstance(forms, list):
            continue
        future, count, unit = parsed.groups()
        offset = int(count) if future else -int(count)
        lowered = [str(f).lower() for f in forms]
        for form in lowered:
            if _is_word_abbreviation(form, lowered):
                continue
            words[form] = (_UNITS[unit], offset)
    return words


def _is_word_abbreviation(form: str, siblings: list[str]) -> bool:
    """'в пр г' abbreviates 'в прошлом году': each word is a prefix of the other's word."""
    words = form.split()
    if any(len(w) < 2 and w.isalpha() and len(words) == 1 for w in words):
        return True
    for other in siblings:
        other_words = other.split()
        if other == form or len(other_words) != len(words):
            continue
        if all(b.startswith(a) for a, b in zip(words, other_words, strict=True)):
            return True
    return False


_RELATIVE_REGEX_KEY = re.compile(r"^(in )?\\1 (day|week|month|year)(?: ago)?$")


def _relative_patterns(info: dict[str, object]) -> list[tuple[str, str, str, int]]:
    """(words before the number, words after it, unit, sign): "vor 3 Tagen" -> ("vor", "tagen")."""
    patterns: list[tuple[str, str, str, int]] = []
    table = info.get("relative-type-regex")
    if not isinstance(table, dict):
        return patterns
    for key, regexes in table.items():
        parsed = _RELATIVE_REGEX_KEY.match(str(key))
        if not parsed or not isinstance(regexes, list):
            continue
        sign = 1 if parsed.group(1) else -1
        for regex in regexes:
            before, number, after = str(regex).lower().partition(_NUMBER_GROUP)
            before, after = " ".join(before.split()), " ".join(after.split())
            # Only forms spelled out in plain words: "3 days ago", not "3d" or a nested regex.
            if not number or _REGEX_SYNTAX.search(before + after) or not _SPELLED.match(after):
                continue
            patterns.append((before, after, _UNITS[parsed.group(2)], sign))
    return patterns


_NUMBER_GROUP = r"(\d++[.,]?\d*+)"
_REGEX_SYNTAX = re.compile(r"[\\^$*+?{}\[\]|()]")
_SPELLED = re.compile(r"^$|^[^\W\d_]{3}")


@functools.cache
def lexicon(lang: str) -> Lexicon:
    """Calendar words for ``lang`` (ISO 639-1) plus English month names.

    A code dateparser does not know ("und", "") gets English in full, the likeliest second
    language of news text.
    """
    languages = [lang, "en"] if lang != "en" and _locale_info(lang) is not None else ["en"]
    months_full: dict[str, int] = {}
    months_abbr: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    relative_words: dict[str, tuple[str, int]] = {}
    relative_patterns: list[tuple[str, str, str, int]] = []
    date_order = "DMY"
    for position, code in enumerate(languages):
        info = _locale_info(code)
        if info is None:
            continue
        is_main = position == 0
        if is_main:
            date_order = str(info.get("date_order", "DMY"))
        for number, key in enumerate(MONTH_KEYS, start=1):
            full, abbr = _split_forms(info.get(key))
            for form in full:
                months_full.setdefault(form, number)
            if is_main:  # abbreviations of a second language are too easily ordinary words
                for form in abbr:
                    months_abbr.setdefault(form, number)
        if not is_main:
            continue
        for number, key in enumerate(WEEKDAY_KEYS):
            full, _abbr = _split_forms(info.get(key))
            for form in full:
                if len(form) >= 4:
                    weekdays.setdefault(form, number)
        relative_words.update(_relative_entries(info))
        relative_patterns.extend(_relative_patterns(info))
    months_full.update(_EXTRA_MONTHS.get(lang, {}))
    weekdays.update(_EXTRA_WEEKDAYS.get(lang, {}))
    for suffix in _WEEKDAY_COMPOUNDS.get(lang, ()):
        weekdays.update({name + suffix: number for name, number in list(weekdays.items())})
    relative_words.update(_EXTRA_RELATIVE.get(lang, {}))
    for form in months_full:
        months_abbr.pop(form, None)
    return Lexicon(
        code=languages[0],
        months_full=months_full,
        months_abbr=months_abbr,
        weekdays=weekdays,
        relative_words=relative_words,
        relative_patterns=tuple(relative_patterns),
        date_order=date_order if date_order in {"DMY", "MDY", "YMD"} else "DMY",
    )


def trie_pattern(forms: Iterable[str]) -> str:
    """A regex matching any of ``forms`` (lower-case; compile with IGNORECASE).

    Built as a trie, so the engine branches once per character instead of trying every form at
    every position: with a few hundred names this is what keeps a scan of an article cheap.
    A space in a form matches any run of whitespace; ' matches both apostrophes.
    """
    trie: _Trie = {}
    for form in forms:
        node = trie
        for char in form.lower():
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_to_pattern(trie)


_Trie = dict[str, "_Trie"]


def _trie_to_pattern(node: _Trie) -> str:
    branches = []
    for char in sorted(key for key in node if key):
        branches.append(_char_pattern(char) + _trie_to_pattern(node[char]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return (body if len(branches) > 1 else "(?:" + body + ")") + "?"
    return body


def _char_pattern(char: str) -> str:
    if char == " ":
        return r"\s+"
    if char in "'’":
        return "['’]"
    return re.escape(char)
