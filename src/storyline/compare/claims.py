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

import math
import re
from collections import Counter
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
_COMMENTARY = re.compile(
    r"sparked speculation|underscores?|remains to be seen|time will tell|closely monitor|"
    r"raises? questions|the implications|broader implications|it seems|faces the challenge|"
    r"the outcome of|marks? a significant|some view it|others caution|suggests a willingness|"
    r"pragmatic reality|the complexities|landscape|paves the way|it is worth noting|"
    r"spekulationen|bleibt abzuwarten|unterstreicht|reste à voir|spéculations|souligne la|"
    r"queda por ver|especulaci|subraya la|resta da vedere|speculazioni|resta saber|especulaç|"
    r"остается только|спекуляци|залишається лише|spekulacj|pozostaje pytaniem|spekulace|"
    r"zaman gösterecek|spekülasyon",
    re.I,
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
    units: list[ClaimUnit] = []
    for index, sentence in enumerate(article.sentences):
        text = sentence.text.strip()
        if _CREDIT.match(text) or _is_heading(article.text, sentence.start, sentence.end, text):
            continue
        if _COMMENTARY.search(text):
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
    language_of = {unit.article_id: (languages or {}).get(unit.article_id, "") for unit in units}

    def _comparable(a: ClaimUnit, b: ClaimUnit) -> bool:
        """Same language, different origins: where the encoder and the lexical evidence are
        sharpest and a copy's dropped detail is not mistaken for disagreement."""
        return language_of[a.article_id] == language_of[b.article_id] and origin_of.get(
            a.article_id, a.article_id
        ) != origin_of.get(b.article_id, b.article_id)

    similarity = vectors @ vectors.T + _shared_evidence(units) - _novelty(units, languages or {})
    groups: dict[int, list[int]] = {i: [i] for i in range(len(units))}
    group_of = list(range(len(units)))
    pairs = [
        (float(similarity[i, j]), i, j)
        for i in range(len(units))
        for j in range(i + 1, len(units))
        if units[i].article_id != units[j].article_id and similarity[i, j] >= threshold
    ]
    for _, i, j in sorted(pairs, reverse=True):
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        left, right = groups[gi], groups[gj]
        if {units[k].article_id for k in left} & {units[k].article_id for k in right}:
            continue
        cross = similarity[np.ix_(left, right)]
        if float(cross.mean()) < threshold - _AVERAGE_SLACK:
            continue
        checked = np.array([[_comparable(units[a], units[b]) for b in right] for a in left])
        if checked.any() and float(cross[checked].min()) < threshold - _AVERAGE_SLACK:
            continue  # two independent reports in one language must agree pair by pair
        for k in right:
            group_of[k] = gi
        left.extend(right)
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


def _shared_evidence(units: Sequence[ClaimUnit]) -> np.ndarray:
    """A bonus for numbers and names two clauses share, weighted by how rare each is in the
    story: sharing "Khorasan" says more than sharing "Taliban"."""
    keys = [_evidence_keys(unit.text) for unit in units]
    frequency = Counter(key for unit_keys in keys for key in unit_keys)
    scale = math.log(max(len(units), 2))
    weight = {key: math.log(len(units) / count) / scale for key, count in frequency.items()}
    bonus = np.zeros((len(units), len(units)), dtype=np.float32)
    for i in range(len(units)):
        for j in range(i + 1, len(units)):
            shared = keys[i] & keys[j]
            if shared:
                value = min(_EVIDENCE_BONUS * sum(weight[k] for k in shared), 2 * _EVIDENCE_BONUS)
                bonus[i, j] = bonus[j, i] = value
    return bonus


def _novelty(units: Sequence[ClaimUnit], languages: Mapping[str, str]) -> np.ndarray:
    """A penalty for numbers and names a clause states that the other clause's whole article
    never mentions: "only China has recognised the Taliban" is not what an article without
    China says, however close the wording. Names count only within one language (translations
    rename places: Moscow, Moskau)."""
    article_keys: dict[str, set[str]] = {}
    for unit in units:
        article_keys.setdefault(unit.article_id, set()).update(_evidence_keys(unit.sentence_text))
    keys = [_evidence_keys(unit.text) for unit in units]
    penalty = np.zeros((len(units), len(units)), dtype=np.float32)
    for i, unit in enumerate(units):
        for article, present in article_keys.items():
            if article == unit.article_id:
                continue
            missing = keys[i] - present
            if not missing:
                continue
            same_language = languages.get(article, "?") == languages.get(unit.article_id, "!")
            name_weight = 1.0 if same_language else 0.0
            count = sum(1.0 if key.startswith("#") else name_weight for key in missing)
            value = min(_NOVELTY_PENALTY * count, 2 * _NOVELTY_PENALTY)
            for j, other in enumerate(units):
                if other.article_id == article:
                    penalty[i, j] = max(penalty[i, j], value)
                    penalty[j, i] = max(penalty[j, i], value)
    return penalty


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
