"""Claims: the story's statements grouped across articles and languages.

A claim unit is a clause: sentences are cut where one sentence makes two statements ("Although
the Islamic State claimed responsibility, there have been reports of Taliban involvement"; "…
Islamic State Khorasan, an Afghan faction with Taliban-connected leadership"), so a sentence can
support two claims and an addition glued onto a shared fact is still seen as single-source.
Headings, credit lines, very short clauses and commentary ("The move has sparked speculation…",
"The outcome … will not only shape…") are not claims.

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

from storyline.compare.quotes import speaker_key
from storyline.model import Article, Claim, SentenceRef

__all__ = ["CLAIM_MATCH_THRESHOLD", "ClaimUnit", "claim_units", "group_claims"]

CLAIM_MATCH_THRESHOLD = 0.56
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
    r";\s+|\s[–—]\s|,\s+(?=(?:but|aber|mais|pero|ma|mas|но|але|ale|ama|maar|as|an?|while|whereas|"
    r"während|tandis|mientras|mentre|enquanto|тогда как|тоді як|podczas gdy|dass|что|що|że|že|"
    r"che|que)\s)",
    re.I,
)
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
# Commentary and padding: sentences that evaluate or speculate instead of reporting.
_COMMENTARY = (
    "sparked speculation",
    "underscore",
    "remains to be seen",
    "time will tell",
    "closely monitor",
    "raises questions",
    "raise questions",
    "the implications",
    "broader implications",
    "it seems",
    "faces the challenge",
    "the outcome of",
    "marks a significant",
    "mark a significant",
    "some view it",
    "others caution",
    "suggests a willingness",
    "pragmatic reality",
    "the complexities",
    "landscape",
    "paves the way",
    "it is worth noting",
    "spekulationen",
    "bleibt abzuwarten",
    "unterstreicht",
    "reste à voir",
    "spéculations",
    "souligne la",
    "queda por ver",
    "especulaci",
    "subraya la",
    "resta da vedere",
    "speculazioni",
    "resta saber",
    "especulaç",
    "остается только",
    "спекуляци",
    "залишається лише",
    "spekulacj",
    "pozostaje pytaniem",
    "spekulace",
    "zaman gösterecek",
    "spekülasyon",
)
_COMMENTARY_PATTERN = re.compile("|".join(map(re.escape, _COMMENTARY)))


@dataclass(frozen=True, slots=True)
class ClaimUnit:
    """A clause that may be a claim, pointing at its sentence."""

    article_id: str
    sentence: int
    sentence_text: str
    text: str  # the clause, a substring of sentence_text


def claim_units(article: Article) -> list[ClaimUnit]:
    """The article's claim clauses, filler and commentary left out."""
    units: list[ClaimUnit] = []
    for index, sentence in enumerate(article.sentences):
        text = sentence.text.strip()
        if _CREDIT.match(text) or _is_heading(article.text, sentence.start, sentence.end, text):
            continue
        if _COMMENTARY_PATTERN.search(text.lower()):
            continue
        for clause in _clauses(text):
            if len(clause.split()) >= _MIN_WORDS:
                units.append(ClaimUnit(article.id, index, sentence.text, clause))
    return units


def group_claims(
    units: Sequence[ClaimUnit],
    vectors: np.ndarray,
    origin_of: Mapping[str, str],
    contested_sentences: set[tuple[str, int]],
    threshold: float | None = None,
    languages: Mapping[str, str] | None = None,
) -> list[Claim]:
    """Claims from ``units`` (one L2-normalised row of ``vectors`` per unit).

    ``languages`` (article id -> language) lets a name that one article states and another
    article of the same language never mentions count against the two clauses being one claim.
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
    # Same language, different origins: where the encoder and the lexical evidence are sharpest
    # and a copy's dropped detail is not mistaken for disagreement.
    comparable = (unit_language[:, None] == unit_language[None, :]) & (
        unit_origin[:, None] != unit_origin[None, :]
    )

    keys = [_evidence_keys(unit.text) for unit in units]
    similarity = vectors @ vectors.T + _shared_evidence(keys)
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
    candidate = (similarity >= threshold) & (article_of[:, None] != article_of[None, :])
    candidate &= representative[:, None] & representative[None, :]
    if len(units) > _NEIGHBOURS:
        # Each clause proposes only its closest partners: a story of near-copies has a pair
        # above the threshold for almost every two articles, and trying them all is quadratic.
        masked = np.where(candidate, similarity, -np.inf)
        nearest = np.argpartition(-masked, _NEIGHBOURS - 1, axis=1)[:, :_NEIGHBOURS]
        keep = np.zeros_like(candidate)
        np.put_along_axis(keep, nearest, True, axis=1)
        candidate &= keep | keep.T
    candidate = np.triu(candidate, k=1)
    rows, cols = np.nonzero(candidate)
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
        checked = comparable[block]
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
        support = tuple(
            dict.fromkeys(
                SentenceRef(units[k].article_id, units[k].sentence, units[k].sentence_text)
                for k in members
            )
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
    keys = {
        "#" + match.group().replace(",", ".").rstrip(".")
        for match in re.finditer(r"\d+(?:[.,]\d+)?", text)
    }
    words = re.findall(r"[^\W\d_]+", text)
    for word in words[1:]:
        if word[0].isupper() and len(word) > 2 and not word.isupper():
            key = speaker_key(word)
            if key and len(key) >= 2:
                keys.add(key)
    return frozenset(keys)


def _shared_evidence(keys: Sequence[frozenset[str]]) -> np.ndarray:
    """A bonus for numbers and names two clauses share, weighted by how rare each is in the
    story: sharing "Khorasan" says more than sharing "Taliban"."""
    vocabulary = {key: k for k, key in enumerate(sorted(set().union(*keys)))}
    if not vocabulary:
        return np.zeros((len(keys), len(keys)), dtype=np.float32)
    incidence = _incidence(keys, vocabulary)
    frequency = incidence.sum(axis=0)
    scale = math.log(max(len(keys), 2))
    weight = np.log(len(keys) / np.maximum(frequency, 1)) / scale
    bonus = (incidence * weight) @ incidence.T
    np.fill_diagonal(bonus, 0.0)
    capped: np.ndarray = np.minimum(_EVIDENCE_BONUS * bonus, 2 * _EVIDENCE_BONUS)
    return capped.astype(np.float32)


def _incidence(keys: Sequence[frozenset[str]], vocabulary: Mapping[str, int]) -> np.ndarray:
    matrix = np.zeros((len(keys), len(vocabulary)), dtype=np.float32)
    for row, unit_keys in enumerate(keys):
        matrix[row, [vocabulary[k] for k in unit_keys if k in vocabulary]] = 1.0
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
    return penalty.astype(np.float32)


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
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : len(text) if line_end == -1 else line_end].strip()
    return (
        line == sentence
        and not sentence.endswith((".", "!", "?", '"', "”", "»", "“"))
        and (len(sentence.split()) <= 14)
    )
