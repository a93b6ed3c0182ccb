"""Number keys: the quantities a text states, written one way whatever the locale.

``number_keys(text)`` returns normalised quantities: ``1.500``, ``1,500`` and ``1 500`` all give
``"1500"``; ``3,2 %``, ``3.2%``, ``3,2 Prozent`` and Turkish ``%3,2`` all give ``"3.2%"``.

Decisions (each a trade-off, measured on the corpus in tests/data):

* A single separator followed by exactly three digits is a thousands separator (``1.500`` is
  1500, as German, Polish, Italian and Turkish write it); English "1.500" meaning 1.5 is rare in
  news. With both ``.`` and ``,`` the last one is the decimal mark.
* Four-digit years 1900–2100 are kept apart (``years``): a 2021 article and a 2024 article on the
  same topic both mention 2021, so years are weak evidence of one event and must not swamp the
  quantities. Dates written as ``14.03.2025`` or ``2025-03-14`` are skipped (``Article.dates``
  holds them), and so are clock times (``6:15``).
* Integers below 10 are dropped: translations often spell them out ("9" vs "nine") and they
  mostly count things every story has (two people, three days).
* Numbers glued to letters are labels, not quantities: ``S19``, ``COVID-19``, ``F-16``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

__all__ = ["NumberKeys", "number_keys"]

_PERCENT_WORDS = (
    r"%|‰|percent|per\s?cent|pct|prozent|procent(?:y|ów|a)?|proc\.|por\s?ciento|por\s?cento|"
    r"per\s?cento|pour\s?cent|процент\w*|відсот\w*|pourcent"
)
_NUMBER = re.compile(
    r"(?<![\w.,:/])(?<![^\W\d_][-‑])"  # not part of a label (S19, COVID-19) or a time or a path
    r"(?P<prefix>%\s?|yüzde\s)?"
    r"(?P<number>\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?"  # 1 500 / 1 500,5
    r"|\d+(?:[.,]\d+)*)"
    r"(?![\w:]|[.,]\d)"
    r"(?P<suffix>\s?(?:" + _PERCENT_WORDS + r")(?!\w))?",
    re.IGNORECASE,
)
_DATE_OR_TIME = re.compile(
    r"\b\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2})\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}:\d{2}\b"
)
_SPACES = re.compile(r"[ \u00a0\u202f]")
_MIN_PLAIN_INTEGER = 10


@dataclass(frozen=True, slots=True)
class NumberKeys:
    """The quantities (``numbers``) and the years (``years``) a text mentions."""

    numbers: frozenset[str]
    years: frozenset[str]


def _canonical(raw: str) -> str | None:
    """Turn one written number into a plain decimal string, or None when it is not a number."""
    grouped_by_space = bool(_SPACES.search(raw))
    raw = _SPACES.sub("", raw)
    dots, commas = raw.count("."), raw.count(",")
    if dots and commas:
        decimal_mark = "." if raw.rfind(".") > raw.rfind(",") else ","
        thousands = "," if decimal_mark == "." else "."
        raw = raw.replace(thousands, "").replace(decimal_mark, ".")
    elif dots + commas > 1:
        mark = "." if dots else ","
        groups = raw.split(mark)
        if not all(len(group) == 3 for group in groups[1:]):
            return None  # 1.2.3: a version or a list, not a quantity
        raw = raw.replace(mark, "")
    elif dots + commas == 1:
        mark = "." if dots else ","
        whole, fraction = raw.split(mark)
        thousands_group = len(fraction) == 3 and whole != "0" and not grouped_by_space
        raw = whole + fraction if thousands_group else f"{whole}.{fraction}"
    try:
        value = Decimal(raw)
    except InvalidOperation:
        return None
    text = format(value.normalize(), "f")
    return text if "." not in text else text.rstrip("0").rstrip(".")


def number_keys(text: str) -> NumberKeys:
    """The normalised quantities and the years mentioned in ``text``."""
    text = _DATE_OR_TIME.sub(" ", text)
    numbers: set[str] = set()
    years: set[str] = set()
    for match in _NUMBER.finditer(text):
        raw = match.group("number")
        value = _canonical(raw)
        if value is None:
            continue
        is_percent = bool(match.group("prefix") or match.group("suffix"))
        if is_percent:
            numbers.add(f"{value}%")
        elif raw.isdigit() and len(raw) == 4 and 1900 <= int(raw) <= 2100:
            years.add(raw)
        elif "." in value or int(value) >= _MIN_PLAIN_INTEGER:
            numbers.add(value)
    return NumberKeys(frozenset(numbers), frozenset(years))
