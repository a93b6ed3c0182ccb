"""Wire and source credits an article carries: "(Reuters)", "Source: aajtak", "(c)UNIAN 2021",
"по данным Интерфакса", "Źródło: …", "(Translated from …)".

Credits are found by their construction, not by a list of agencies: a short parenthesised name
at the end of a line or before a dateline dash, a "source:" label in many languages, a copyright
sign, or a "reported by / according to" phrase followed by a quoted name, an acronym or a name
with a news word in it. The cleaner often drops credit lines as chrome, so removed lines are
searched too.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from storyline.model import Article, Credit

# Removed lines the cleaner marked as credits or bylines; the rest (menus, comments) can name
# anything and are not read.
CREDIT_REASONS = frozenset({"credits", "byline", "dateline", "source"})
_UPPER = "A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁІЇЄҐ"
_NAME = rf"[{_UPPER}][\w'’.&-]*(?:[ /][{_UPPER}][\w'’.&-]*){{0,4}}"

_LABELS = (
    "source|sources|quelle|źródło|zrodlo|fonte|fuente|kaynak|источник|джерело|zdroj|bron|källa"
    "|kilde|lähde|forrás|sursa|izvor|πηγή"
)
_LABELLED = re.compile(rf"(?i:\b(?:{_LABELS}))\s*:\s*(?P<name>[^\n.;)]{{2,70}})")
_COPYRIGHT = re.compile(r"(?:©|\((?i:c)\))\s*(?P<name>[^\n,;()]{2,40}?)(?:\s+\d{4})?(?=$|[\s,;.)])")
_BYLINE = re.compile(r"(?i)^(?:reporting|writing|reported) by\b")
_PHOTO = re.compile(r"(?i)photo|foto|фото|image|illustration|picture|bild|zdjęcie|getty")
_DERIVED = (
    r"reporting by|based on reporting by|translated from|translated by|writing by|from"
    r"|d'après|d’après|na podstawie|con información de|com informações de|con informazioni di"
    r"|nach angaben von|mit material von|met materiaal van"
)
_PARENTHESISED = re.compile(r"\((?P<inside>[^()\n]{2,90})\)")
_REPORTED = re.compile(
    r"(?i:передает|передаёт|сообщает|по данным|по информации|за даними|повідомляє|передає"
    r"|according to|reported by|reports|laut|selon|según|secondo|segundo|według|göre|podle)"
    rf"\s+(?P<name>«[^»\n]{{2,60}}»|\"[^\"\n]{{2,60}}\"|„[^“\n]{{2,60}}“|{_NAME})"
)
_NEWS_WORDS = re.compile(
    r"(?i)news|press|wire|agenc|agentur|nachricht|noticias|notizi|nouvelles|presse|serwis|служб"
    r"|новин|новост|пресс|информ|haber|ajans|times|post|daily|zeitung|gazet|tv|radio"
)
_ACRONYM = re.compile(rf"^[{_UPPER}]{{2,6}}$|^[a-z]{{2,6}}$")


def find_credits(article: Article) -> tuple[Credit, ...]:
    """Every credit in the article's text and in the lines the cleaner removed from it."""
    found = [_credit(m, "text") for m in _matches(article.text)]
    for index, line in enumerate(article.removed):
        if line.reason in CREDIT_REASONS:
            found += [_credit(m, "removed", index) for m in _matches(line.text)]
    unique: dict[tuple[str, str, str], Credit] = {}
    for credit in found:
        if credit.agency:
            unique.setdefault((credit.where, credit.agency, credit.text), credit)
    return tuple(unique.values())


def agency_key(name: str) -> str:
    """A comparable key of an agency or source name: lower case, no accents or punctuation."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.findall(r"\w+", plain))


@lru_cache(maxsize=65536)
def credits_source(agency: str, source: str | None) -> bool:
    """Whether a credited ``agency`` names ``source`` (same name, its acronym, or a part of it)."""
    if not source or not agency:
        return False
    credited, named = agency_key(agency), agency_key(source)
    if not credited or not named:
        return False
    if credited == named or f" {credited} " in f" {named} " or f" {named} " in f" {credited} ":
        return True
    acronym = "".join(word[0] for word in named.split() if len(word) > 2 or word.isupper())
    letters = credited.replace(" ", "")
    if len(letters) < 2 or " " in credited:
        return letters == named.replace(" ", "")
    # "NNA" for "Nederlands Nieuwsagentschap": the words' initials, then letters inside them.
    return letters == acronym or (
        len(acronym) >= 2 and letters.startswith(acronym) and _subsequence(letters, named)
    )


def _subsequence(letters: str, text: str) -> bool:
    remaining = iter(text)
    return all(letter in remaining for letter in letters)


def _matches(text: str) -> list[tuple[re.Match[str], str, str]]:
    found: list[tuple[re.Match[str], str, str]] = []
    for match in _LABELLED.finditer(text):
        found.append((match, match.group("name"), "source"))
    for match in _COPYRIGHT.finditer(text):
        found.append((match, match.group("name"), "byline"))
    for match in _PARENTHESISED.finditer(text):
        inside = match.group("inside").strip()
        if _PHOTO.search(inside):
            continue
        name = _parenthesised_name(text, match)
        if name:
            derived = re.match(rf"(?i)(?:{_DERIVED})\b", inside)
            role = "byline" if _BYLINE.match(inside) else "source" if derived else "credit"
            found.append((match, name, role))
    for match in _REPORTED.finditer(text):
        name = match.group("name").strip('«»"„“ ')
        if match.group("name")[0] in '«"„' or _looks_like_agency(name):
            found.append((match, name, "source"))
    return found


def _parenthesised_name(text: str, match: re.Match[str]) -> str | None:
    inside = match.group("inside").strip()
    derived = re.match(rf"(?i)(?:{_DERIVED})\s*:?\s+(.+)", inside)
    if derived:
        return _first_name(derived.group(1))
    after = text[match.end() : match.end() + 3]
    at_line_end = not after.strip() or after[:1] == "\n"
    before_dash = bool(re.match(r"\s*[-–—]", after))
    words = inside.split()
    if not (at_line_end or before_dash) or len(words) > 6:
        return None
    first = _first_name(inside)
    if first and (_looks_like_agency(first) or (first[:1].isupper() and len(words) <= 4)):
        return first
    return None


def _first_name(value: str) -> str:
    """The credited name before any "; translated by …" or ", translated by …" tail."""
    return re.split(r"[;,]| (?i:translated|via|and|und|et|y|i) ", value.strip(), maxsplit=1)[0]


def _looks_like_agency(name: str) -> bool:
    return bool(_ACRONYM.match(name) or _NEWS_WORDS.search(name))


def _credit(found: tuple[re.Match[str], str, str], where: str, line: int = -1) -> Credit:
    match, name, role = found
    return Credit(
        text=match.group(0),
        agency=agency_key(name),
        where=where,
        start=match.start(),
        end=match.end(),
        line=line,
        role=role,
    )
