"""Name keys: capitalised words and spans, reduced so spellings across languages meet.

``name_keys(text)`` finds capitalised words and runs of them (Latin, Cyrillic and Greek scripts),
transliterates them to ASCII with ``anyascii`` (ISC licence; Unidecode is GPL and text-unidecode
is a frozen copy of an old Unidecode table) and reduces each word to a consonant skeleton:

* the spelling conventions of the big transliteration systems are merged first: ``w``→``v``,
  ``z``→``s``, ``j``/``y``→``i``, ``c``/``q``→``k``, ``tsch``/``cz``/``tch`` (Ч) → one letter,
  ``sch``/``sz``/``sh`` (Ш) → one letter, ``kh``/``ch`` (Х) → ``h``, ``ph``→``f``;
* then every vowel after the first letter and every ``h`` is dropped and doubled letters collapse.

So ``Peskov``/``Peskow``/``Pieskow``/``Песков``/``Пескова`` all give ``pskv``,
``Zelensky``/``Zelenskyy``/``Selenskyj``/``Зеленський``/``Zełenski`` give ``slnsk`` and
``Kyiv``/``Kiew``/``Київ``/``Kijów`` give ``kv``. A run of 2–4 capitalised words also gives a
joined key, and so does each adjacent pair in it (``dmtr_pskv`` for "Dmitry Peskov",
"Kremlsprecher Dmitri Peskow" and "Дмитрий Песков"). All-capital
acronyms (NATO, НБУ) keep their transliterated letters ("nato", "nbu").

The price is collisions between short names (Biden and Baden both give ``bdn``): a key is
evidence to weigh, not an identity. Ч is written "ch" in English but "tsch" in German, so
Chernihiv and Tschernihiw do not meet; Х ("kh"/"ch") does meet.

Not names: a capitalised word at a sentence start that also occurs in lower case in the same
text ("Officials said … officials"), capitalised function words, months and weekdays
(``_NOT_NAMES``), and for German (``lang="de"``, where every noun is capitalised) words with
common-noun suffixes or right after an article ("der Sprecher", "die Regierung").
"""

from __future__ import annotations

import functools
import itertools
import re

from anyascii import anyascii

__all__ = ["name_keys", "name_spans", "word_key"]


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Capitalised function words, pronouns, months and weekdays in the languages we see most.
# Lower-cased here; compared against the lower-cased word.
_NOT_NAMES = _word_set(
    """
    a an the this that these those there here it its he she we they you i his her our their my
    in on at of for from by with to into over after before during about as and but or if when
    while where what who how why not no yes also then so however meanwhile according some all
    mr mrs ms dr sir
    der die das den dem des ein eine einen einem einer eines er sie es wir ihr ich am im zum zur
    vom beim ins auf aus bei mit nach von vor zu und oder aber auch wenn als wie was wer dies
    diese dieser dieses jetzt nun so zuvor später laut nach herr frau
    le la les un une des du au aux il elle ils elles nous vous je ce cette ces dans sur pour par
    avec selon mais et ou
    el los las una unos unas lo al del en con por para según pero y o este esta estos estas
    il lo gli i una uno dei delle nel nella sul sulla con per secondo ma e questo questa
    o os as um uma dos das no na nos nas pelo pela segundo mas este esta
    de het een en van op met voor door maar dit deze
    w we z ze na do od po i a ale to ten ta te jak że
    он она оно они мы вы я это этот эта эти в во на с со по к ко о об от из за для и а но как
    что по словам при после до также так уже
    він вона воно вони ми ви це цей ця ці у в на з із зі до від за для і й та але як що після
    також вже
    bu şu o ve ile için gibi ama da de
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    januar februar märz mai juni juli oktober dezember
    montag dienstag mittwoch donnerstag freitag samstag sonntag
    """
)

# German nouns are capitalised; these endings almost never end a name.
_GERMAN_NOUN_SUFFIX = re.compile(
    r"(?:ung|ungen|heit|heiten|keit|keiten|schaft|schaften|tion|tionen|sion|ität|nis|nisse|tum|"
    r"ismus|ment|ments|chen|lein|ler|ern|ium)$"
)
_GERMAN_ARTICLES = _word_set(
    "der die das den dem des ein eine einen einem einer eines zum zur im am vom beim ins kein "
    "keine keinen seine seiner ihre ihrer diese dieser dieses jede jeder jedes"
)
# Lower-case particles that may sit inside a name: "Ursula von der Leyen", "Luiz Inácio da Silva".
_PARTICLES = _word_set("von van der den de da do dos del della di la le du al bin ibn ter")

_WORD = re.compile(r"(?<![\w])[^\W\d_]+(?:['’\-][^\W\d_]+)*(?![\w])")
_WORD_OR_GAP = re.compile(f"({_WORD.pattern})")
_SENTENCE_END = re.compile(r"[.!?…:;]")
_APOSTROPHE = re.compile(r"['’]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_UKRAINIAN = re.compile(r"[іїєґІЇЄҐ]")
_POLISH = re.compile(r"[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]")
_SLAVIC_CASE_ENDING = re.compile(r"(?:iego|ego|ogo|omu|emu|ymi|imi|ami|iakh|akh|ach|ym|im|om|em)$")
_NON_LETTER_OR_MARK = re.compile(r"[^a-z12]")
_VOWELS = str.maketrans("", "", "aeiouh")

# Applied in order, each to the result of the one before (Ч, Ш, Х and friends first).
_DIGRAPHS: tuple[tuple[str, str], ...] = (
    ("tsch", "1"),
    ("tch", "1"),
    ("cz", "1"),
    ("shch", "2"),
    ("sch", "2"),
    ("sz", "2"),
    ("sh", "2"),
    ("zh", "2"),
    ("kh", "h"),
    ("ch", "h"),
    ("ph", "f"),
    ("gh", "g"),
    ("ck", "k"),
    ("ts", "s"),
)
_LETTERS = str.maketrans({"w": "v", "z": "s", "j": "i", "y": "i", "c": "k", "q": "k", "x": "k"})
_MIN_SKELETON = 2
_MAX_SPAN = 4


# Czech, Slovak and Croatian háčeks name the same sounds as the digraphs above; anyascii would
# drop the háček and make Tomáš "Tomas" while Томаш becomes "Tomash".
_HACEKS = str.maketrans({"č": "1", "Č": "1", "š": "2", "Š": "2", "ž": "2", "Ž": "2"})


@functools.lru_cache(maxsize=65536)
def word_key(word: str, ukrainian: bool = False) -> str:
    """The transliteration-insensitive key of one word ("Pieskow" -> "pskv"); may be "".

    ``ukrainian`` reads Cyrillic Г as h (Градил -> Hradil); anyascii reads it the Russian way.
    """
    if ukrainian or _UKRAINIAN.search(word):
        word = word.replace("г", "h").replace("Г", "H")
    word = word.translate(_HACEKS)
    slavic = bool(_CYRILLIC.search(word) or _POLISH.search(word))
    ascii_word = _NON_LETTER_OR_MARK.sub("", anyascii(word).lower())
    if len(ascii_word) >= 2 and ascii_word.isalpha() and word.isupper() and len(word) > 1:
        return ascii_word  # an acronym: NATO, НБУ
    if slavic and len(ascii_word) > 6:
        ascii_word = _SLAVIC_CASE_ENDING.sub("", ascii_word)
    if ascii_word.endswith(("of", "off")):
        ascii_word = ascii_word.rstrip("f") + "v"  # Greek and French -оф/-off for Russian -ов
    for source, target in _DIGRAPHS:
        ascii_word = ascii_word.replace(source, target)
    ascii_word = ascii_word.translate(_LETTERS)
    if not ascii_word:
        return ""
    ascii_word = ascii_word.lstrip("h")  # Kharkiv, Charkiw and Harkiv all start with a vowel
    if not ascii_word:
        return ""
    head, tail = ascii_word[0], ascii_word[1:].translate(_VOWELS)
    skeleton = re.sub(r"(.)\1+", r"\1", head + tail)
    # Ш and s meet: anyascii writes Polish ś and Czech š without a mark, English writes sh.
    skeleton = re.sub(r"(.)\1+", r"\1", skeleton.replace("1", "c").replace("2", "s"))
    return skeleton if len(skeleton) >= _MIN_SKELETON else ""


def _clean_word(token: str) -> str:
    """Drop a possessive or Turkish case suffix ("Peskov's", "Malatya'da"), or an elided article
    in front ("l'Ukraine", "d'Afghanistan")."""
    parts = _APOSTROPHE.split(token)
    if len(parts) == 1:
        return token
    if len(parts[0]) == 1 and len(parts) > 1 and parts[1][:1].isupper():
        return parts[1]
    return parts[0]


def name_spans(text: str, lang: str | None = None) -> list[list[str]]:
    """Runs of consecutive name words in ``text``, each a list of the words as written."""
    # One C-level split gives the words and the gaps before them: [gap, word, gap, word, …].
    parts = _WORD_OR_GAP.split(text)
    tokens, gaps = parts[1::2], parts[0::2]
    lowercase_words = {token.lower() for token in tokens if token[0].islower()}
    german = lang == "de"
    spans: list[list[str]] = []
    current: list[str] = []
    particles: list[str] = []
    for index, token in enumerate(tokens):
        # Most words are lower-case and carry no elided article ("l'Ukraine"): they are no
        # name, and matter only right after a name (a particle, or the end of the run).
        if token[0].islower() and "'" not in token and "’" not in token:
            if current:
                joined = not gaps[index].strip(" \t\u00a0-")
                if joined and token in _PARTICLES and len(particles) < 2:
                    particles.append(token)
                else:
                    spans.append(current)
                    current, particles = [], []
            continue
        gap = gaps[index]
        starts_sentence = index == 0 or "\n" in gap or bool(_SENTENCE_END.search(gap))
        previous_lower = tokens[index - 1].lower() if index else ""
        word = _clean_word(token)
        if _looks_like_name(word, starts_sentence, lowercase_words, german, previous_lower):
            if current and not gap.strip(" \t\u00a0-"):  # only spaces or a hyphen between
                current.extend(particles)
                current.append(word)
            else:
                if current:
                    spans.append(current)
                current = [word]
            particles = []
        elif current:
            spans.append(current)
            current, particles = [], []
    if current:
        spans.append(current)
    return spans


def _looks_like_name(
    word: str,
    starts_sentence: bool,
    lowercase_words: set[str],
    german: bool,
    previous_lower: str,
) -> bool:
    if len(word) < 2 or not word[0].isupper():
        return False
    lower = word.lower()
    if lower in _NOT_NAMES:
        return False
    if starts_sentence and lower in lowercase_words:
        return False
    german_noun = _GERMAN_NOUN_SUFFIX.search(lower) or previous_lower in _GERMAN_ARTICLES
    return not (german and not word.isupper() and german_noun)


def name_keys(text: str, lang: str | None = None) -> frozenset[str]:
    """Keys of the names in ``text``: one per name word and one per multi-word span.

    ``lang`` (ISO 639-1) only switches on the German common-noun filter for ``"de"``.
    """
    keys: set[str] = set()
    ukrainian = lang == "uk" or (lang is None and bool(_UKRAINIAN.search(text)))
    for span in name_spans(text, lang):
        parts = _split_hyphens(span)
        span_keys = [key for key in (word_key(part, ukrainian) for part in parts) if key]
        keys.update(span_keys)
        if 2 <= len(span_keys) <= _MAX_SPAN:
            keys.add("_".join(span_keys))
        # Adjacent pairs too, so "Kremlsprecher Dmitri Peskow" still yields "dmtr_pskv".
        keys.update(f"{a}_{b}" for a, b in itertools.pairwise(span_keys[:_MAX_SPAN]))
    return frozenset(keys)


def _split_hyphens(span: list[str]) -> list[str]:
    words: list[str] = []
    for word in span:
        if word in _PARTICLES:
            continue
        words.extend(part for part in word.split("-") if part[:1].isupper())
    return words
