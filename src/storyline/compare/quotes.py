"""Direct quotes and who said them.

``article_quotes(article)`` finds quotes in the marks news uses across our languages („…“, „…”,
«…», "…", “…”, ‹…›) and dash-introduced speech ("– To jest ogromna tragedia … – powiedziała"),
then reads the attribution: the rest of the sentence after the quote, else the words before it
("Peskov said:", Turkish "Vali Hakan Sarıgül, … "…" dedi"). The speaker is

* the name nearest the speech verb ("said Tomasz Wrona", "Emergencies Minister Nurzhan Abilov
  said"), expanded to its fullest form in the article ("Kabulov" -> "Zamir Kabulov");
* for a role noun ("the minister said", "uvedla premiérka") the person the article introduced
  with that role (``resolved_by="role"``), else the description itself ("company spokesman",
  ``resolved_by="description"``, no ``speaker_key``: a description never outvotes a name);
* for a pronoun or a bare verb ("he added", "dodał", "сказал он", "dedi") the last person named
  before the quote (``resolved_by="pronoun"``);
* a quote with no attribution right after another quote continues that speaker
  (``resolved_by="continuation"``).

``reported_speech(article)`` reads "X stated that …" sentences; they join a quote group only
when they match a direct quote of the same speaker (a paraphrase), see ``matching.py``.

``speaker_key`` is a transliteration-insensitive skeleton of the surname (anyascii, merged
spelling conventions, vowels dropped), so Peskov / Peskow / Песков give the same key.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from anyascii import anyascii

from storyline.compare import _quotes_lexicon as lex
from storyline.model import Article, Quote

__all__ = ["UPPERCASE_LETTERS", "article_quotes", "reported_speech", "speaker_key"]

# Every capital letter of the Basic Multilingual Plane, for character classes: ``re`` has no
# \p{Lu}.
UPPERCASE_LETTERS = "".join(c for c in map(chr, range(0x10000)) if c.isupper() and c.isalpha())

_PAIRS = (("„", '“”"'), ("«", "»"), ("“", "”"), ("‹", "›"), ('"', '"'), ("'", "'"), ("‘", "’"))
_OPENERS = {opener: closers for opener, closers in _PAIRS}
_MARK = re.compile("[" + re.escape("".join(_OPENERS)) + "]")
_CLOSER_PATTERNS = {closers: re.compile("[" + re.escape(closers) + "]") for _, closers in _PAIRS}
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?](?=\s+[\"„“«–—A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁІЇЄҐ]|\s*$)|\n")
_DASH_QUOTE = re.compile(
    r"(?:^|(?<=[.!?:])\s+)[–—]\s?(?P<quote>[^\n–—]+?)(?:,?\s+[–—]\s?(?=[^\W\d_])|\s*$)", re.M
)
_MIN_QUOTE_WORDS = 3
_LINE = re.compile(r"[^\n]+")
_OPENING_MARKS = frozenset("„«“‹\"'‘")


@dataclass(frozen=True, slots=True)
class _Name:
    start: int
    end: int
    text: str
    person: bool  # two or more words not after a preposition, or the surname of such a name


@functools.lru_cache(maxsize=1 << 14)
def speaker_key(name: str | None) -> str | None:
    """A key of the surname that survives transliteration: Peskov, Peskow, Песков -> "pskv"."""
    if not name:
        return None
    words = _WORD.findall(name)
    if not words:
        return None
    word = anyascii(words[-1]).lower()
    for old, new in (
        ("tsch", "c"), ("tch", "c"), ("sch", "s"), ("sz", "s"), ("cz", "c"), ("ch", "h"),
        ("kh", "h"), ("w", "v"), ("z", "s"), ("j", "i"), ("y", "i"), ("q", "k"), ("ph", "f"),
    ):  # fmt: skip
        word = word.replace(old, new)
    word = word[0] + re.sub(r"[aeiouh']", "", word[1:])
    return re.sub(r"(.)\1+", r"\1", word)


def article_quotes(article: Article) -> list[Quote]:
    """The article's direct quotes, in text order, each with its speaker if the text says."""
    text = article.text
    lang = article.lang.code.split("-")[0].lower()
    verbs = _verbs(lang)
    if _MARK.search(text) is None and "–" not in text and "—" not in text:
        return []  # no quote mark, no dash: nothing to read
    spans, names = _prepared(text)
    if not spans:
        return []
    sentence_starts = [s.start for s in article.sentences]
    quotes: list[Quote] = []
    previous: Quote | None = None
    for start, end, close_end in spans:
        words = len(_WORD.findall(text[start:end]))
        if words == 0:
            continue
        sentence_start = _sentence_start(text, start)
        after = _attribution_after(text, close_end)
        before = text[sentence_start:start] if start > sentence_start else ""
        attribution: tuple[int, int] | None = None
        verb_at: int | None = None
        if after and (found := _find_verb(text, after, verbs)) is not None:
            attribution, verb_at = after, found
        elif before and (found := _find_verb(text, (sentence_start, start), verbs)) is not None:
            # "Peskov said: …" - the verb must introduce the quote, not sit in another clause.
            lead_in = text[found:start]
            if lead_in.rstrip(" „«“\"‹'‘").endswith(":") or len(_WORD.findall(lead_in)) <= 4:
                attribution, verb_at = (sentence_start, start), found
        if words < _MIN_QUOTE_WORDS and not _verb_next_to(text, verb_at, start, end):
            continue  # a scare quote or a quoted name: "pressing issues", "Taliban"
        continues = previous is not None and previous.speaker and _close(text, previous.end, start)
        if attribution is None and text[start - 1 : start] not in _OPENING_MARKS and not continues:
            continue  # a dash that is not speech: "Prag. – Am Ende …"
        speaker, resolved_by = None, "name"
        if attribution is not None and verb_at is not None:
            speaker, resolved_by = _speaker(text, attribution, verb_at, names, start, lang)
            if speaker is None and before and attribution != (sentence_start, start):
                # Turkish and others name the speaker before the quote: "Vali X, "…" dedi".
                speaker = _nearest_name(names, sentence_start, start, prefer_end=start)
                resolved_by = "name" if speaker else resolved_by
        elif previous is not None and previous.speaker and _close(text, previous.end, start):
            speaker, resolved_by = previous.speaker, "continuation"
        if speaker is None and attribution is not None:
            last = _last_name_before(names, start)
            speaker, resolved_by = (last.text if last else None), "pronoun"
        if speaker is None and attribution is None:
            continue  # a quoted title or term nobody is said to have spoken
        full = _fullest(speaker, names)
        sentence = bisect.bisect_right(sentence_starts, start) - 1
        quote = Quote(
            article_id=article.id,
            text=text[start:end],
            start=start,
            end=end,
            speaker=full,
            # "a company spokesman": a description, not a person, so it never outvotes a name.
            speaker_key=speaker_key(full) if resolved_by != "description" else None,
            attribution=text[attribution[0] : attribution[1]].strip() if attribution else None,
            attribution_start=attribution[0] if attribution else -1,
            attribution_end=attribution[1] if attribution else -1,
            sentence=sentence,
            resolved_by=resolved_by if full else "none",
            sentence_text=article.sentences[sentence].text if sentence >= 0 else "",
        )
        quotes.append(quote)
        previous = quote
    return quotes


def reported_speech(article: Article) -> list[Quote]:
    """ "Peskov stated in a press briefing that it's a neighboring country …" as reported quotes."""
    lang = article.lang.code.split("-")[0].lower()
    that_words = lex.THAT_WORDS.get(lang, ())
    if not that_words:
        return []
    verbs = _verbs(lang)
    _, names = _prepared(article.text)
    found: list[Quote] = []
    for index, sentence in enumerate(article.sentences):
        words = list(_WORD.finditer(sentence.text))
        for position, word in enumerate(words[:-3]):
            if word.group().lower() not in that_words:
                continue
            head = (sentence.start, sentence.start + word.start())
            verb_at = _find_verb(article.text, head, verbs)
            if verb_at is None:
                continue
            speaker, _ = _speaker(article.text, head, verb_at, names, head[1], lang)
            if speaker is None:
                break
            start = sentence.start + words[position + 1].start()
            end = sentence.start + len(sentence.text.rstrip(".!? "))
            full = _fullest(speaker, names)
            found.append(
                Quote(
                    article_id=article.id,
                    text=article.text[start:end],
                    start=start,
                    end=end,
                    speaker=full,
                    speaker_key=speaker_key(full),
                    attribution=article.text[head[0] : head[1]].strip(),
                    attribution_start=head[0],
                    attribution_end=head[1],
                    sentence=index,
                    sentence_text=sentence.text,
                    kind="reported",
                )
            )
            break
    return found


# --- finding quotes -----------------------------------------------------------------------


# Sized for a story's worth of texts: its quotes are read first, then its reported speech.
@functools.lru_cache(maxsize=128)
def _prepared(text: str) -> tuple[list[tuple[int, int, int]], list[_Name]]:
    """Quote spans and names of a text, computed once for its quotes and its reported speech.

    Both are read line by line (a quote and a name never cross a line) and cached per line:
    copies and rewrites in one story repeat most of their paragraphs.
    """
    spans: list[tuple[int, int, int]] = []
    runs: list[_Name] = []
    for line in _LINE.finditer(text):
        base = line.start()
        before = _previous_word(text, base)
        line_spans, line_runs = _line_prepared(
            line.group(), before if before in lex.NOT_BEFORE_PERSON else ""
        )
        spans.extend((start + base, end + base, close + base) for start, end, close in line_spans)
        runs.extend(_Name(n.start + base, n.end + base, n.text, n.person) for n in line_runs)
    return spans, _with_surnames(runs)


@functools.lru_cache(maxsize=1 << 14)
def _line_prepared(
    line: str, before: str
) -> tuple[tuple[tuple[int, int, int], ...], tuple[_Name, ...]]:
    """Quote spans and name runs of one line; ``before`` is the word ending the text before it
    when it may make the line's first name a place ("in\nBrenndorf")."""
    spans = _quote_spans(line)
    marked = [s for s in spans if line[s[0] - 1 : s[0]] in _OPENING_MARKS]
    return tuple(spans), tuple(_name_runs(line, marked, before))


def _quote_spans(text: str) -> list[tuple[int, int, int]]:
    """(start, end, end of closing mark) of each quote's inner text, per line, in order."""
    spans: list[tuple[int, int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        base, content = line.start(), line.group()
        position = 0
        while (mark := _MARK.search(content, position)) is not None:
            index = mark.start()
            position = index + 1
            char = content[index]
            if char in "\"'‘" and _inside_word(content, index):
                continue
            if char in "'‘" and not _single_quote_opens(content, index):
                continue
            close = _closing(content, index + 1, _OPENERS[char])
            if close is None:
                continue
            inner = content[index + 1 : close]
            stripped = inner.strip(" ,.")
            if stripped:
                lead = len(inner) - len(inner.lstrip(" "))
                start = base + index + 1 + lead
                spans.append((start, start + len(stripped), base + close + 1))
            position = close + 1
        if "–" not in content and "—" not in content:
            continue
        for match in _DASH_QUOTE.finditer(content):
            quote = match.group("quote").rstrip(" .")
            if len(_WORD.findall(quote)) < _MIN_QUOTE_WORDS:
                continue
            start = base + match.start("quote")
            if any(s <= start < e for s, e, _ in spans):
                continue
            spans.append((start, start + len(quote), base + match.end()))
    spans.sort()
    return spans


def _single_quote_opens(content: str, position: int) -> bool:
    """A single quote opens speech only at a line start or after ": " / ", " and before a
    letter; elsewhere it is an apostrophe ("parents' federation", "zo'n")."""
    back = position - 1
    while back >= 0 and content[back] == " ":
        back -= 1
    after = content[position + 1 : position + 2]
    return (back < 0 or content[back] in ":,.;") and after.isalpha()


def _inside_word(content: str, position: int) -> bool:
    before = content[position - 1] if position else " "
    after = content[position + 1] if position + 1 < len(content) else " "
    return before.isalnum() and after.isalnum()


def _closing(content: str, start: int, closers: str) -> int | None:
    pattern = _CLOSER_PATTERNS[closers]
    while (found := pattern.search(content, start)) is not None:
        index = found.start()
        if not (content[index] in "'’" and _inside_word(content, index)):
            return index
        start = index + 1
    return None


def _sentence_start(text: str, position: int) -> int:
    line_start = text.rfind("\n", 0, position) + 1
    segment = text[line_start:position]
    ends = [m.end() for m in re.finditer(r"[.!?][\"”»“]?\s+", segment)]
    ends = [e for e in ends if not _abbreviation_before(segment[max(0, e - 40) : e].rstrip())]
    return line_start + (ends[-1] if ends else 0)


def _attribution_after(text: str, close_end: int) -> tuple[int, int] | None:
    """The rest of the sentence after a closing quote mark, up to the next quote or its end."""
    line_end = text.find("\n", close_end)
    line_end = len(text) if line_end == -1 else line_end
    position = close_end
    while position < line_end:
        match = _SENTENCE_END.search(text, position, line_end)
        if match is None:
            break
        if not _abbreviation_before(text[max(0, match.start() - 40) : match.start() + 1]):
            line_end = match.start()
            break
        position = match.end()
    for mark in '„«“"‹':
        found = text.find(mark, close_end, line_end)
        if found != -1 and not _short_quoted_name(text, found):
            line_end = found
    segment = text[close_end:line_end]
    stripped = segment.lstrip(" ,.–—-:")
    if not stripped.strip():
        return None
    return line_end - len(stripped), line_end


def _verb_next_to(text: str, verb_at: int | None, start: int, end: int) -> bool:
    """Whether the speech verb stands right before or right after a short quote."""
    if verb_at is None:
        return False
    if verb_at < start:
        return len(_WORD.findall(text[verb_at:start])) <= 4
    return len(_WORD.findall(text[end:verb_at])) == 0


def _short_quoted_name(text: str, opening: int) -> bool:
    """«Вовків», "Interfax": a quoted name of one or two words, not another quote."""
    closers = _OPENERS.get(text[opening], "")
    inner = text[opening + 1 : opening + 40]
    close = next((i for i, c in enumerate(inner) if c in closers), None)
    return close is not None and len(_WORD.findall(inner[:close])) <= 2


def _abbreviation_before(head: str) -> bool:
    """Whether the full stop ending ``head`` closes an abbreviation or an initial."""
    if not head.endswith("."):
        return False
    word = re.search(r"([^\W\d_]+)\.$", head)
    if word is None:
        return False
    token = word.group(1)
    return token.lower() in lex.ABBREVIATIONS or (len(token) == 1 and token.isupper())


def _close(text: str, previous_end: int, start: int) -> bool:
    """Whether a quote follows the previous one closely enough to continue its speaker."""
    between = text[previous_end:start]
    return between.count("\n") <= 1 and len(_WORD.findall(between)) <= 12


# --- speakers -----------------------------------------------------------------------------


def _verbs(lang: str) -> tuple[str, ...]:
    if lang in lex.SPEECH_VERBS:
        return lex.SPEECH_VERBS[lang]
    return tuple(verb for verbs in lex.SPEECH_VERBS.values() for verb in verbs)


def _find_verb(text: str, span: tuple[int, int], verbs: tuple[str, ...]) -> int | None:
    """Start of the first speech verb in ``text[span]``."""
    segment = text[span[0] : span[1]].lower()
    for match in _verb_pattern(verbs).finditer(segment):
        tail = segment[match.end() : match.end() + 2]
        if len(match.group()) <= 4 and tail.isalpha() and len(tail) == 2:
            continue  # a short verb may take one ending letter: "řekl" -> "řekla"
        return span[0] + match.start()
    return None


@functools.lru_cache(maxsize=32)
def _verb_pattern(verbs: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(verb) for verb in sorted(verbs, key=len, reverse=True))
    return re.compile(r"(?<![^\W\d_])(?:" + alternatives + ")")


def _person_names(text: str, quotes: Sequence[tuple[int, int, int]] = ()) -> list[_Name]:
    """Runs of capitalised words outside quotes, in text order, flagged when they look like a
    person: two or more words not right after a preposition ("alcaldesa de Benifarró"), or a
    single word that is the surname of such a name elsewhere in the article."""
    return _with_surnames(_name_runs(text, quotes, ""))


def _with_surnames(runs: list[_Name]) -> list[_Name]:
    """A single word that is the surname of a person named elsewhere is a person too."""
    surnames = {name.text.split()[-1] for name in runs if name.person}
    return [
        _Name(n.start, n.end, n.text, True) if not n.person and n.text in surnames else n
        for n in runs
    ]


def _name_runs(text: str, quotes: Sequence[tuple[int, int, int]], before: str) -> list[_Name]:
    """The runs of ``_person_names`` before surnames are looked up; ``before`` is the word
    before ``text`` when only spaces separate them.

    Only the capitalised words are visited (found by one pattern), not every word of the text:
    a run is extended over the next capitalised word one space away, or over a name particle
    ("van", "de") between two capitalised words.
    """
    capitals = [(m.start(), m.end(), m.group()) for m in _capital_word_pattern().finditer(text)]
    # A capitalised word in NOT_NAMES or in capitals only ("NATO") does not take part in names.
    flagged = {start: _capitalised(word) and word.lower() not in lex.NOT_NAMES
               for start, _, word in capitals}  # fmt: skip
    runs: list[_Name] = []
    index = 0
    while index < len(capitals):
        if not flagged[capitals[index][0]]:
            index += 1
            continue
        run = [capitals[index]]
        second_is_capital = False
        index += 1
        while True:
            end = run[-1][1]
            if text[end : end + 1] not in (" ", "\u00a0"):
                break
            if index < len(capitals) and capitals[index][0] == end + 1:
                if not flagged[capitals[index][0]]:
                    break
                second_is_capital = second_is_capital or len(run) == 1
                run.append(capitals[index])
                index += 1
                continue
            particle = _WORD.match(text, end + 1)
            if particle is None or particle.group() not in lex.NAME_PARTICLES:
                break
            after = particle.end()
            if not (
                text[after : after + 1] in (" ", "\u00a0")
                and index < len(capitals)
                and capitals[index][0] == after + 1
                and flagged[capitals[index][0]]
            ):
                break
            run.append((particle.start(), after, particle.group()))
            run.append(capitals[index])
            index += 1
        previous = _previous_word(text, run[0][0]) or (
            before if not text[: run[0][0]].strip() else ""
        )
        after_preposition = previous in lex.NOT_BEFORE_PERSON
        if after_preposition and len(run) >= 3 and second_is_capital:
            run, after_preposition = run[1:], False
        if quotes and any(s <= run[0][0] < e for s, e, _ in quotes):
            continue
        raw = text[run[0][0] : run[-1][1]]
        trimmed = _trim_title(raw)
        start = run[-1][1] - len(trimmed) if raw.endswith(trimmed) else run[0][0]
        person = (
            len(trimmed.split()) >= 2
            and not after_preposition
            and not any(w.lower().startswith(lex.ORG_STEMS) for w in trimmed.split())
        )
        runs.append(_Name(start, run[-1][1], text[start : run[-1][1]], person))
    return runs


@functools.lru_cache(maxsize=1)
def _capital_word_pattern() -> re.Pattern[str]:
    """The words ``_WORD`` finds that start with a capital letter: not right after a letter, nor
    after a hyphen or apostrophe that joins them to a word before ("al-Baghdadi")."""
    return re.compile(
        r"(?<![^\W\d_])(?<![^\W\d_][-'’])["
        + re.escape(UPPERCASE_LETTERS)
        + r"][^\W\d_]*(?:[-'’][^\W\d_]+)*"
    )


def _previous_word(text: str, position: int) -> str:
    """The word right before ``position`` with only spaces between, lowercase, else ""."""
    # Asked for every line of every text: most lines follow a full stop, which one look at the
    # last character before the spaces settles (a word ends in a letter).
    floor = max(0, position - 60)
    last = position - 1
    if last < floor or not text[last].isspace():
        return ""
    while last >= floor and text[last].isspace():
        last -= 1
    if last < floor or not text[last].isalnum() or text[last].isdecimal():
        return ""
    head = text[floor:position]
    stripped = head.rstrip()
    if head and len(stripped) == len(head):
        return ""  # punctuation, not a space, before the run
    # Matched on the reversed text: a pattern anchored at the end would be tried at every start.
    found = _WORD.match(stripped[::-1])
    return found.group()[::-1].lower() if found else ""


def _capitalised(token: str) -> bool:
    return token[:1].isupper() and not token.isupper()


def _speaker(
    text: str,
    attribution: tuple[int, int],
    verb_at: int,
    names: Sequence[_Name],
    quote_start: int,
    lang: str,
) -> tuple[str | None, str]:
    inside = [n for n in names if attribution[0] <= n.start and n.end <= attribution[1]]
    if lang == "en" and re.match(r"tell|told", text[verb_at : verb_at + 4], re.I):
        inside = [n for n in inside if n.end <= verb_at]  # "told Freight Ledger": the listener
    people = [n for n in inside if n.person]
    adjacent = [
        n for n in inside if _distance(n, verb_at) <= 2 or _distance_after_verb(text, n, verb_at)
    ]
    candidates = people or adjacent
    if candidates:
        nearest = min(candidates, key=lambda n: (_distance(n, verb_at), -n.start))
        return nearest.text, "name"
    words = [w.group().lower() for w in _WORD.finditer(text, attribution[0], attribution[1])]
    if any(w in lex.PRONOUNS for w in words):
        return None, "pronoun"
    for position, word in enumerate(words):
        if any(word.startswith(stem) for stem in lex.ROLE_STEMS):
            person = _person_with_role(text, word, names, quote_start)
            if person:
                return person, "role"
            # "Para a politóloga Helena Vasconcelos … «…», afirmou a investigadora": another
            # word for the role, the person named earlier in the same paragraph.
            paragraph = text.rfind("\n", 0, quote_start) + 1
            earlier = [
                n for n in names if paragraph <= n.start and n.end <= quote_start and n.person
            ]
            if earlier:
                return earlier[-1].text, "role"
            role = [
                w
                for w in words[max(0, position - 1) : position + 1]
                if w == word or w not in lex.NOT_NAMES
            ]
            if role and not any(w.startswith(v.split()[0]) for v in _verbs(lang) for w in role):
                return " ".join(role), "description"
    return None, "pronoun"


def _distance_after_verb(text: str, name: _Name, verb_at: int) -> bool:
    """ "sagte Kühnel", "řekl Vondráček": a lone capitalised word right after the verb."""
    verb = re.match(r"\S+", text[verb_at:])
    return verb is not None and 0 <= name.start - (verb_at + verb.end()) <= 1


def _distance(name: _Name, position: int) -> int:
    if name.end <= position:
        return position - name.end
    return max(0, name.start - position)


def _trim_title(name: str) -> str:
    """ "NBU Governor Olena Marchenko" -> "Olena Marchenko": keep the last two or three words."""
    words = name.split()
    if len(words) <= 2:
        return name
    keep = words[-3:] if words[-2] in lex.NAME_PARTICLES or _looks_given(words[-3]) else words[-2:]
    while keep and keep[0].lower() in lex.NOT_NAMES:
        keep = keep[1:]
    return " ".join(keep) if keep else name


@functools.lru_cache(maxsize=1 << 12)  # a story's speakers repeat; the stems are many
def _looks_given(word: str) -> bool:
    # Three-word names ("Rui Gouveia Teles", "Mehmet Ali Durmaz") start with a given name; the
    # titles before a name are words we list or role words ("Innenministerin", "Vali").
    lowered = word.lower()
    if lowered in lex.NOT_NAMES or word.isupper():
        return False
    return not any(
        lowered.startswith(stem) or (len(stem) >= 6 and stem in lowered) for stem in lex.ROLE_STEMS
    )


def _person_with_role(text: str, role: str, names: Sequence[_Name], before: int) -> str | None:
    stem = role[: max(4, len(role) - 3)]
    for match in reversed(list(re.finditer(re.escape(stem), text[:before], re.I))):
        following = [n for n in names if 0 <= n.start - match.end() <= 60 and n.person]
        if following:
            return _trim_title(following[0].text)
        preceding = [n for n in names if 0 <= match.start() - n.end <= 3 and n.person]
        if preceding:
            return _trim_title(preceding[-1].text)
    return None


def _nearest_name(names: Sequence[_Name], start: int, end: int, prefer_end: int) -> str | None:
    inside = [n for n in names if start <= n.start and n.end <= end]
    if not inside:
        return None
    return _trim_title(min(inside, key=lambda n: abs(prefer_end - n.end)).text)


def _last_name_before(names: Sequence[_Name], position: int) -> _Name | None:
    """The last person named before ``position``."""
    candidates = [n for n in names if n.end <= position and n.person]
    return candidates[-1] if candidates else None


def _fullest(speaker: str | None, names: Sequence[_Name]) -> str | None:
    """ "Kabulov" -> "Zamir Kabulov" when the article gives the full name anywhere."""
    if not speaker:
        return None
    surname = speaker.split()[-1]
    best = speaker
    for name in names:
        if name.person and name.text.split()[-1] == surname and len(name.text) > len(best):
            best = name.text
    return best
