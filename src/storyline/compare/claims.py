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

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from storyline.model import Article, Claim, SentenceRef

__all__ = ["CLAIM_MATCH_THRESHOLD", "ClaimUnit", "claim_units", "group_claims"]

CLAIM_MATCH_THRESHOLD = 0.62
_MIN_WORDS = 5

# Where one sentence holds two statements: ";", a dash between clauses, ", but", an initial
# subordinate clause ("Although …,"), an apposition (", an Afghan terror faction …").
_SPLIT = re.compile(
    r";\s+|\s[–—]\s|,\s+(?=(?:but|aber|mais|pero|ma|mas|но|але|ale|ama|maar|as|an?|while|whereas|"
    r"während|tandis|mientras|mentre|enquanto|тогда как|тоді як|podczas gdy)\s)",
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
    threshold: float = CLAIM_MATCH_THRESHOLD,
) -> list[Claim]:
    """Claims from ``units`` (one L2-normalised row of ``vectors`` per unit)."""
    if not units:
        return []
    similarity = vectors @ vectors.T
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
        if float(similarity[np.ix_(left, right)].mean()) < threshold:
            continue
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
