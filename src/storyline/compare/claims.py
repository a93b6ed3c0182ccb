"""Claims: the story's statements grouped across articles and languages.

A claim unit is a clause: sentences are cut where one sentence makes two statements ("Although
the Islamic State claimed responsibility, there have been reports of Taliban involvement"; "…
Islamic State Khorasan, an Afghan faction with Taliban-connected leadership"), so a sentence can
support two claims and an addition glued onto a shared fact is still seen as single-source.
Headings, credit lines, boilerplate ("Read more"), very short clauses and commentary are not
claims: the writer evaluating ("The move has sparked speculation…"), the writer guessing in a
sentence that attributes nothing ("This move may deflate hostilities…"; a guess the police make
is a claim), and a clause saying nothing was said ("Peskov did not elaborate"). An attribution
("Officials reported, that …") stays with the clause it attributes. The lexicons are in
``_claims_lexicon``.

Units from different articles are merged best first while the average cosine between the two
groups stays above ``CLAIM_MATCH_THRESHOLD`` (average linkage, so one loose pair cannot chain two
statements together); a group keeps at most one unit per article. A claim is ``corroborated``
when its articles come from two or more independent origins, ``contested`` when one of its
sentences states a number that conflicts with another article, else ``single-source``.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from storyline.compare import _claims_lexicon as lex
from storyline.compare._quotes_lexicon import THAT_WORDS as _THAT_WORDS
from storyline.compare.quotes import UPPERCASE_LETTERS, _find_verb, _verbs, speaker_key
from storyline.model import Article, Claim, SentenceRef

__all__ = [
    "CLAIM_MATCH_THRESHOLD",
    "ClaimUnit",
    "claim_units",
    "clauses_worth_embedding",
    "group_claims",
    "shared_evidence",
]

CLAIM_MATCH_THRESHOLD = 0.56
# A clause is embedded only when its sentence comes this close (cosine plus shared evidence) to a
# sentence of an article without the clause. On 400 stream stories the claims are the same as
# with every clause embedded (0.5 changes 3 of 6,512), and 590 clauses are embedded, not 920.
CLAUSE_PREFILTER = 0.45
_EVIDENCE_BONUS = 0.15
_NOVELTY_PENALTY = 0.2
# Groups merge when their best pair clears the threshold and their average pair is at most this
# much below it: translations of a long sentence can score low against a short rewrite.
_AVERAGE_SLACK = 0.1
_NEIGHBOURS = 12
_MIN_WORDS = 5

# Where one sentence holds two statements: ";", a dash between clauses, ", but", an initial
# subordinate clause ("Although …,"), an apposition (", an Afghan terror faction …").
_SPLIT = re.compile(
    r";\s+|\s[–—]\s|,[\"”»“]?\s+(?=(?:but|aber|mais|pero|ma|mas|но|але|ale|ama|maar|as|an?|"
    r"while|whereas|während|tandis|mientras|mentre|enquanto|тогда как|тоді як|podczas gdy|dass|"
    r"что|що|że|že|che|que|though|although|obwohl|bien que|aunque|sebbene|embora|хотя|хоча|"
    r"chociaż|choć|ačkoli|hoewel)\s)",
    re.I,
)
# A colon before a capitalised sentence: two statements in one ("Für die Geschädigten dürfte
# wenig zu holen sein: Das Gericht ordnete …"), not a quoted title ("Islamische Welt: Kazanforum").
_TWO_STATEMENTS = re.compile(r":\s+[" + re.escape(UPPERCASE_LETTERS) + r"][^\W\d_]*\s")
_SUBORDINATE_START = re.compile(
    r"^(?:although|though|while|even though|obwohl|obgleich|bien que|quoique|aunque|si bien|"
    r"sebbene|benché|embora|хотя|хоча|chociaż|mimo że|choć|ačkoli|i když|her ne kadar|hoewel)\b",
    re.I,
)
_CREDIT = re.compile(
    r"^\(?(?:source|quelle|źródło|fuente|fonte|источник|джерело|zdroj|kaynak|bron|reporting by|"
    r"\(c\)|©|copyright)\b",
    re.I,
)


def _phrases(phrases: Sequence[str]) -> re.Pattern[str]:
    """Any of ``phrases`` (regular expressions) as whole words."""
    return re.compile(r"(?<![^\W\d_])(?:" + "|".join(phrases) + r")(?![^\W\d_])")


def _literal(phrases: Sequence[str]) -> re.Pattern[str]:
    return _phrases([re.escape(phrase) for phrase in phrases])


# Commentary matches word starts only: "landscape" and "underscore" have their inflections.
_NO_DETAILS = _literal(lex.NO_DETAILS)
_HEDGES = {lang: _phrases(hedges) for lang, hedges in lex.HEDGES.items()}
_ATTRIBUTION = _literal(lex.ATTRIBUTION)
_BOILERPLATE_START = re.compile("|".join(map(re.escape, lex.BOILERPLATE_START)))
# One scan of a sentence finds what drops it (commentary, matched at word starts: "landscape",
# "underscore" have their inflections; boilerplate) and whether a clause may say nothing was said.
_NOT_A_CLAIM = re.compile(
    r"(?<![^\W\d_])(?:(?P<drop>"
    + "|".join(map(re.escape, [*lex.COMMENTARY, *lex.BOILERPLATE]))
    + r")|(?P<no_details>"
    + "|".join(map(re.escape, lex.NO_DETAILS))
    + r")(?![^\W\d_]))"
)


@dataclass(frozen=True, slots=True)
class ClaimUnit:
    """A clause that may be a claim, pointing at its sentence."""

    article_id: str
    sentence: int
    sentence_text: str
    text: str  # the clause, a substring of sentence_text


def claim_units(article: Article) -> list[ClaimUnit]:
    """The article's claim clauses, filler and commentary left out."""
    lang = article.lang.code.split("-")[0].lower()
    units: list[ClaimUnit] = []
    for index, sentence in enumerate(article.sentences):
        text = sentence.text.strip()
        clauses = _claim_clauses(text, lang)
        if clauses and not _is_heading(article.text, sentence.start, sentence.end, text):
            units.extend(ClaimUnit(article.id, index, sentence.text, c) for c in clauses)
    return units


@functools.lru_cache(maxsize=1 << 15)
def _claim_clauses(sentence: str, lang: str) -> tuple[str, ...]:
    """The clauses of a sentence that state a claim (cached: copies repeat their sentences).

    Left out: credit lines and boilerplate; commentary; a clause saying nothing was said ("he
    did not elaborate"); a clause that only attributes the next one ("Officials reported, that
    …": the claim is what they reported); and, in a sentence attributed to no one, a clause in
    which the writer guesses ("This may deflate hostilities"). Short clauses are not claims.
    """
    lowered = sentence.lower()
    if _CREDIT.match(sentence) or _BOILERPLATE_START.match(lowered):
        return ()
    found = {kind for match in _NOT_A_CLAIM.finditer(lowered) for kind, text in
             match.groupdict().items() if text}  # fmt: skip
    if "drop" in found:
        return ()
    # Lowercase throughout, the sentence holds every hedge any of its clauses holds.
    hedges = _HEDGES.get(lang)
    guessing = hedges is not None and hedges.search(lowered) is not None
    attributed = guessing and _attributed(sentence, lowered, lang)
    that_words = _THAT_WORDS.get(lang, ())
    parts = _clauses(sentence)
    # "Offizielle Vertreter berichteten, dass …": an attribution is no claim of its own, it
    # stays with what it attributes.
    for position in range(len(parts) - 2, -1, -1):
        following = parts[position + 1].split(maxsplit=1)[0].lower()
        if following in that_words and _speech_verb(parts[position].lower(), lang):
            start = sentence.find(parts[position])
            end = sentence.find(parts[position + 1], start)
            if start >= 0 and end >= 0:
                parts[position : position + 2] = [sentence[start : end + len(parts[position + 1])]]
    kept: list[str] = []
    for clause in parts:
        if len(clause.split()) < _MIN_WORDS:
            continue
        if "no_details" in found and _NO_DETAILS.search(clause.lower()):
            continue
        if (
            guessing
            and hedges is not None
            and not attributed
            and hedges.search(_lower_first(clause))
            and not _TWO_STATEMENTS.search(clause)  # a guess glued onto a report
        ):
            continue
        kept.append(clause)
    return tuple(kept)


def _attributed(sentence: str, lowered: str, lang: str) -> bool:
    """Whether the sentence says who says so: a speech verb, "according to", a quotation."""
    return (
        _speech_verb(lowered, lang)
        or _ATTRIBUTION.search(lowered) is not None
        or any(mark in sentence for mark in '"„“«')
    )


def _speech_verb(lowered: str, lang: str) -> bool:
    return _find_verb(lowered, (0, len(lowered)), _verbs(lang)) is not None


def _lower_first(clause: str) -> str:
    """The clause with its first letter lowercase, as inside a sentence ("Perhaps" → "perhaps");
    the rest keeps its case, so "May" the month is not "may" the hedge."""
    return clause[:1].lower() + clause[1:]


def clauses_worth_embedding(
    units: Sequence[ClaimUnit],
    sentence_vectors: Mapping[str, np.ndarray],
    evidence: np.ndarray | None = None,
) -> set[str]:
    """The clause texts (units shorter than their sentence) that may join another article's
    statement, so the ones worth embedding; ``sentence_vectors`` maps every unit's sentence.

    A clause every article states is one group already and cannot merge with anything (a group
    holds one unit per article). Any other clause may meet only a unit of an article that lacks
    it; it is embedded when its sentence comes within ``CLAUSE_PREFILTER`` of such a unit's
    sentence, the sentences' vectors standing in for the clauses'. The rest are single-source
    by any measure and ``group_claims`` may be given a zero vector for them. ``evidence`` is
    ``shared_evidence(units)`` when the caller has it.
    """
    clauses = [k for k, unit in enumerate(units) if unit.text != unit.sentence_text]
    if not clauses:
        return set()
    articles = sorted({unit.article_id for unit in units})
    article_index = {article: k for k, article in enumerate(articles)}
    article_of = np.array([article_index[unit.article_id] for unit in units])
    text_ids: dict[str, int] = {}
    text_of = np.array([text_ids.setdefault(unit.text, len(text_ids)) for unit in units])
    present = np.zeros((len(text_ids), len(articles)), dtype=bool)
    present[text_of, article_of] = True
    rows = np.array([k for k in clauses if not present[text_of[k]].all()], dtype=np.int64)
    if not len(rows):
        return set()
    sentences = np.stack([sentence_vectors[unit.sentence_text] for unit in units])
    evidence = shared_evidence(units) if evidence is None else evidence
    closeness = sentences[rows] @ sentences.T + evidence[rows]
    lacking = ~present[text_of[rows]][:, article_of]  # unit j's article lacks clause i
    best = np.where(lacking, closeness, -np.inf).max(axis=1)
    return {units[k].text for k, score in zip(rows.tolist(), best.tolist(), strict=True)
            if score >= CLAUSE_PREFILTER}  # fmt: skip


def group_claims(
    units: Sequence[ClaimUnit],
    vectors: np.ndarray,
    origin_of: Mapping[str, str],
    contested_sentences: set[tuple[str, int]],
    threshold: float | None = None,
    languages: Mapping[str, str] | None = None,
    evidence: np.ndarray | None = None,
) -> list[Claim]:
    """Claims from ``units`` (one L2-normalised row of ``vectors`` per unit).

    ``languages`` (article id -> language) lets a name that one article states and another
    article of the same language never mentions count against the two clauses being one claim.
    ``evidence`` is ``shared_evidence(units)`` when the caller has it.
    """
    if not units:
        return []
    threshold = CLAIM_MATCH_THRESHOLD if threshold is None else threshold
    articles = sorted({unit.article_id for unit in units})
    article_index = {article: k for k, article in enumerate(articles)}
    article_of = np.array([article_index[unit.article_id] for unit in units])
    language = {a: (languages or {}).get(a, "") for a in articles}
    language_ids = {code: k for k, code in enumerate(sorted(set(language.values())))}
    origin_ids = {o: k for k, o in enumerate(sorted({origin_of.get(a, a) for a in articles}))}
    unit_language = np.array([language_ids[language[unit.article_id]] for unit in units])
    unit_origin = np.array(
        [origin_ids[origin_of.get(unit.article_id, unit.article_id)] for unit in units]
    )

    keys = [_evidence_keys(unit.text) for unit in units]
    similarity = vectors @ vectors.T + (_shared_evidence(keys) if evidence is None else evidence)
    similarity -= _novelty(units, keys, article_of, articles, language)
    article_list = article_of.tolist()
    groups: dict[int, list[int]] = {i: [i] for i in range(len(units))}
    group_articles: dict[int, set[int]] = {i: {a} for i, a in enumerate(article_list)}
    group_of = list(range(len(units)))
    # Copies repeat clauses word for word: those start as one group, and only the first unit of
    # each distinct text takes part in the pairing below (a story of copies stays cheap).
    by_text: dict[str, list[int]] = {}
    for k, unit in enumerate(units):
        by_text.setdefault(unit.text, []).append(k)
    representative = np.zeros(len(units), dtype=bool)
    for same in by_text.values():
        base = same[0]
        representative[base] = True
        for k in same[1:]:
            if article_list[k] in group_articles[base]:
                continue
            group_of[k] = base
            groups[base].append(k)
            group_articles[base].add(article_list[k])
            del groups[k], group_articles[k]
    # Only representatives pair: the candidates are found among them (a story of copies has a
    # few per text), in their order, so the pairs come out as from the whole matrix.
    chosen = np.flatnonzero(representative)
    candidate = (similarity[np.ix_(chosen, chosen)] >= threshold) & (
        article_of[chosen][:, None] != article_of[chosen][None, :]
    )
    if len(units) > _NEIGHBOURS:
        # Each clause proposes only its closest partners: a story of near-copies has a pair
        # above the threshold for almost every two articles, and trying them all is quadratic.
        # A row's partners are chosen among all units (the others at -inf), as they always were.
        masked = np.full((len(chosen), len(units)), -np.inf, dtype=similarity.dtype)
        masked[:, chosen] = np.where(candidate, similarity[np.ix_(chosen, chosen)], -np.inf)
        nearest = np.argpartition(-masked, _NEIGHBOURS - 1, axis=1)[:, :_NEIGHBOURS]
        position = np.full(len(units), -1)
        position[chosen] = np.arange(len(chosen))
        keep = np.zeros_like(candidate)
        rows_of = np.repeat(np.arange(len(chosen)), nearest.shape[1])
        columns = position[nearest.ravel()]
        keep[rows_of[columns >= 0], columns[columns >= 0]] = True
        candidate &= keep | keep.T
    candidate = np.triu(candidate, k=1)
    rows, cols = (chosen[index] for index in np.nonzero(candidate))
    order = np.argsort(-similarity[rows, cols], kind="stable")
    floor = threshold - _AVERAGE_SLACK
    for i, j in zip(rows[order].tolist(), cols[order].tolist(), strict=True):
        gi, gj = group_of[i], group_of[j]
        if gi == gj or group_articles[gi] & group_articles[gj]:
            continue
        left, right = groups[gi], groups[gj]
        block = np.ix_(left, right)
        cross = similarity[block]
        if float(cross.mean()) < floor:
            continue
        # Same language, different origins: where the encoder and the lexical evidence are
        # sharpest and a copy's dropped detail is not mistaken for disagreement.
        checked = (unit_language[left][:, None] == unit_language[right][None, :]) & (
            unit_origin[left][:, None] != unit_origin[right][None, :]
        )
        if checked.any() and float(cross[checked].min()) < floor:
            continue  # two independent reports in one language must agree pair by pair
        for k in right:
            group_of[k] = gi
        left.extend(right)
        group_articles[gi] |= group_articles.pop(gj)
        del groups[gj]
    claims: list[Claim] = []
    for members in groups.values():
        members.sort(key=lambda k: (units[k].article_id, units[k].sentence))
        # One reference per sentence (an article and a sentence index name its text); the
        # references are built after, as hashing a record hashes its whole sentence.
        support = tuple(
            SentenceRef(article_id, sentence, text)
            for (article_id, sentence), text in {
                (units[k].article_id, units[k].sentence): units[k].sentence_text for k in members
            }.items()
        )
        origins = len({origin_of.get(ref.article_id, ref.article_id) for ref in support})
        if any((ref.article_id, ref.sentence) in contested_sentences for ref in support):
            status = "contested"
        else:
            status = "corroborated" if origins >= 2 else "single-source"
        claims.append(
            Claim(
                status=status,
                support=support,
                independent_origins=origins,
                text=units[members[0]].text,
            )
        )
    claims.sort(
        key=lambda c: (-c.independent_origins, c.support[0].article_id, c.support[0].sentence)
    )
    return claims


@functools.lru_cache(maxsize=1 << 16)
def _evidence_keys(text: str) -> frozenset[str]:
    """Numbers and names a clause states, in forms that survive translation: "38", "rzsv"."""
    keys = {"#" + number.replace(",", ".").rstrip(".") for number in _NUMBER.findall(text)}
    first = _LETTER.search(text)
    for match in _NAME_WORD.finditer(text):
        word = match.group()
        # The text's first word is capitalised whatever it is.
        if match.start() != (first.start() if first else -1) and not word.isupper():
            key = speaker_key(word)
            if key and len(key) >= 2:
                keys.add(key)
    return frozenset(keys)


_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_LETTER = re.compile(r"[^\W\d_]")
# A run of letters of three or more that starts with a capital.
_NAME_WORD = re.compile(r"(?<![^\W\d_])(?-i:[" + re.escape(UPPERCASE_LETTERS) + r"])[^\W\d_]{2,}")


def shared_evidence(units: Sequence[ClaimUnit]) -> np.ndarray:
    """The bonus ``group_claims`` adds to the cosine of two units for the numbers and names
    they share (units × units)."""
    return _shared_evidence([_evidence_keys(unit.text) for unit in units])


def _shared_evidence(keys: Sequence[frozenset[str]]) -> np.ndarray:
    """A bonus for numbers and names two clauses share, weighted by how rare each is in the
    story: sharing "Khorasan" says more than sharing "Taliban"."""
    vocabulary = {key: k for k, key in enumerate(sorted(set().union(*keys)))}
    if not vocabulary:
        return np.zeros((len(keys), len(keys)), dtype=np.float32)
    # Computed once per distinct set of keys, then spread to the units: copies repeat their
    # clauses, and a story of copies has many times more units than distinct sets.
    distinct: dict[frozenset[str], int] = {}
    row_of = np.array([distinct.setdefault(unit_keys, len(distinct)) for unit_keys in keys])
    incidence = _incidence(list(distinct), vocabulary)
    repeats = np.bincount(row_of, minlength=len(distinct)).astype(incidence.dtype)
    frequency = repeats @ incidence  # how many units state each key (exact: small integers)
    scale = math.log(max(len(keys), 2))
    weight = np.log(len(keys) / np.maximum(frequency, 1)) / scale
    bonus = (incidence * weight) @ incidence.T
    capped = np.minimum(_EVIDENCE_BONUS * bonus, 2 * _EVIDENCE_BONUS).astype(np.float32)
    spread: np.ndarray = capped[np.ix_(row_of, row_of)]
    np.fill_diagonal(spread, 0.0)
    return spread


def _incidence(keys: Sequence[frozenset[str]], vocabulary: Mapping[str, int]) -> np.ndarray:
    matrix = np.zeros((len(keys), len(vocabulary)), dtype=np.float32)
    # One assignment for the whole matrix: a story has thousands of rows with a key or two each.
    rows = [row for row, unit_keys in enumerate(keys) for key in unit_keys if key in vocabulary]
    columns = [vocabulary[key] for unit_keys in keys for key in unit_keys if key in vocabulary]
    matrix[rows, columns] = 1.0
    return matrix


def _novelty(
    units: Sequence[ClaimUnit],
    keys: Sequence[frozenset[str]],
    article_of: np.ndarray,
    articles: Sequence[str],
    language: Mapping[str, str],
) -> np.ndarray:
    """A penalty for numbers and names a clause states that the other clause's whole article
    never mentions: "only China has recognised the Taliban" is not what an article without
    China says, however close the wording. Names count only within one language (translations
    rename places: Moscow, Moskau)."""
    present: dict[int, set[str]] = {}
    for unit, row in zip(units, article_of.tolist(), strict=True):
        present.setdefault(row, set()).update(_evidence_keys(unit.sentence_text))
    vocabulary = {key: k for k, key in enumerate(sorted(set().union(*present.values())))}
    if not vocabulary:
        return np.zeros((len(units), len(units)), dtype=np.float32)
    unit_keys = _incidence(keys, vocabulary)
    article_keys = _incidence([frozenset(present[k]) for k in range(len(articles))], vocabulary)
    is_number = np.array([key.startswith("#") for key in vocabulary], dtype=np.float32)
    absent = 1.0 - article_keys  # articles × keys
    missing_numbers = (unit_keys * is_number) @ absent.T  # units × articles
    missing_names = (unit_keys * (1.0 - is_number)) @ absent.T
    codes = np.array([language[a] for a in articles])
    same_language = codes[article_of][:, None] == codes[None, :]
    per_article = np.minimum(
        _NOVELTY_PENALTY * (missing_numbers + missing_names * same_language),
        2 * _NOVELTY_PENALTY,
    )
    per_article[np.arange(len(units)), article_of] = 0.0
    # unit i against unit j: what i adds to j's article, or j to i's, whichever is more.
    forward = per_article[:, article_of]
    penalty: np.ndarray = np.maximum(forward, forward.T)
    return penalty.astype(np.float32, copy=False)


def _clauses(sentence: str) -> list[str]:
    parts = [p.strip(" ,") for p in _SPLIT.split(sentence)]
    clauses: list[str] = []
    for part in parts:
        if _SUBORDINATE_START.match(part) and "," in part:
            head, tail = part.split(",", 1)
            clauses.extend([head.strip(), tail.strip()])
        else:
            clauses.append(part)
    return [c for c in clauses if c]


def _is_heading(text: str, start: int, end: int, sentence: str) -> bool:
    """A short line of its own without a full stop: "Links Between Moscow Attacks and …"."""
    if sentence.endswith((".", "!", "?", '"', "”", "»", "“")) or len(sentence.split()) > 14:
        return False  # most sentences: no need to find their line
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : len(text) if line_end == -1 else line_end].strip()
    return line == sentence
