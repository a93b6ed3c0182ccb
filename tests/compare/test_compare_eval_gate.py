"""The comparison eval gate: floors pinned on the labelled corpus and the seeds.

Like the clustering gate, the labelled data is pinned by its digest and the floors are constants;
a floor is only ever lowered with the measured reason in the commit. Origins come from the
labelled provenance (copies, rewrites and translations collapse onto what they derive from), so
this gate measures the comparison alone, whatever the provenance stage does.

Measured when the floors were set (text:lines-v2 cleaner, USE embedder):
numeric conflict pairs precision 1.00 and recall 1.00 (53 pairs), fact verdicts 58/58, quote
speakers 158/159 (the quotes of the 18 stories with two or more articles), misattributions 6/6
found with no false flag, claims: 50 % of the labelled same-claim sentence pairs grouped, 1.5 %
of claim groups mixing two labelled claims; seeds as asserted below.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

import numpy as np
from bench.cluster_data import CORPUS, corpus_digest

from storyline.compare import compare_story, speaker_key
from storyline.model import Article, Comparison, NumericFact

CORPUS_DIGEST = "68c59597ce30b9d34035d8592a5c5cb21ff186756839a84f1d5ea796f5649145"
CONFLICT_PRECISION_FLOOR = 0.95
CONFLICT_RECALL_FLOOR = 0.95
VERDICT_ACCURACY_FLOOR = 0.9
SPEAKER_ACCURACY_FLOOR = 0.95
MISATTRIBUTION_RECALL_FLOOR = 1.0
MISATTRIBUTION_PRECISION_FLOOR = 0.8

LABELS = json.loads((CORPUS / "labels.json").read_text(encoding="utf-8"))
Embed = Callable[[Sequence[str]], np.ndarray]


def test_the_labelled_data_is_the_one_the_floors_were_set_on() -> None:
    assert corpus_digest() == CORPUS_DIGEST


def _label_of(value: NumericFact, event: dict, labelled: dict[str, Article]) -> int | None:
    """The labelled fact a value states: its number text overlaps the labelled one."""
    text = labelled[value.article_id].text
    for index, fact in enumerate(event["numeric_facts"]):
        label = fact["values"].get(value.article_id)
        if not label:
            continue
        start = text.find(label["span"]) + label["span"].find(label["number_text"])
        if value.start < start + len(label["number_text"]) and value.end > start:
            return index
    return None


def test_numeric_conflicts_precision_recall_and_verdicts(
    corpus: dict[str, Comparison], labelled: dict[str, Article]
) -> None:
    gold: set[tuple[str, int, str, str]] = set()
    found: set[tuple[str, int | None, str, str]] = set()
    verdicts_right = verdicts = 0
    for event in LABELS["events"]:
        if event["event"] not in corpus:
            continue
        for index, fact in enumerate(event["numeric_facts"]):
            for a, b in fact["conflicting"]:
                gold.add((event["event"], index, *sorted((a, b))))
        judged: set[int] = set()
        for comparison in corpus[event["event"]].facts:
            labels = {v.article_id: _label_of(v, event, labelled) for v in comparison.values}
            for a, b in comparison.conflicting:
                same = labels[a] if labels[a] == labels[b] else None
                found.add((event["event"], same, *sorted((a, b))))
            known = [label for label in labels.values() if label is not None]
            if known:
                label = max(set(known), key=known.count)
                if label not in judged:
                    judged.add(label)
                    verdicts += 1
                    verdicts_right += comparison.verdict == event["numeric_facts"][label]["verdict"]
    right = len(gold & found)
    precision, recall = right / max(len(found), 1), right / len(gold)
    assert len(gold) >= 50
    assert precision >= CONFLICT_PRECISION_FLOOR, (precision, sorted(found - gold, key=str))
    assert recall >= CONFLICT_RECALL_FLOOR, (recall, sorted(gold - found, key=str))
    assert verdicts >= 50
    assert verdicts_right / verdicts >= VERDICT_ACCURACY_FLOOR, (verdicts_right, verdicts)


def test_quote_speakers_and_misattributions(
    corpus: dict[str, Comparison], labelled: dict[str, Article]
) -> None:
    quotes = {
        (q.article_id, q.start): q
        for comparison in corpus.values()
        for match in comparison.quotes
        for q in match.quotes
    }
    right = total = 0
    misattributed = found = 0
    for event in LABELS["events"]:
        if event["event"] not in corpus:
            continue
        for label in event["quotes"]:
            total += 1
            text = labelled[label["article"]].text
            start = text.find(label["quote"])
            hits = [
                q
                for (article, _), q in quotes.items()
                if article == label["article"]
                and q.start < start + len(label["quote"])
                and q.end > start
            ]
            right += bool(hits) and speaker_key(hits[0].speaker) == speaker_key(label["speaker"])
            if label["misattributed"]:
                misattributed += 1
                found += any(q.verdict == "misattributed" for q in hits)
    flagged = [q for q in quotes.values() if q.verdict == "misattributed"]
    assert total >= 150
    assert right / total >= SPEAKER_ACCURACY_FLOOR, (right, total)
    assert misattributed >= 5
    assert found / misattributed >= MISATTRIBUTION_RECALL_FLOOR, (found, misattributed)
    assert found / max(len(flagged), 1) >= MISATTRIBUTION_PRECISION_FLOOR, flagged


def test_seed_death_toll_is_compatible_not_a_conflict(seeds: Comparison) -> None:
    (toll,) = [f for f in seeds.facts if f.quantity.startswith("killed")]
    assert toll.verdict == "compatible"
    values = {v.article_id[:3]: v.text for v in toll.values}
    assert values == {"000": "144", "001": "over 130", "002": "over 140", "003": "at least 144"}


def test_seed_quotes_peskov_in_three_articles_and_kabulov(
    seeds: Comparison, labelled: dict[str, Article], embed: Embed
) -> None:
    peskov = next(m for m in seeds.quotes if "This is a country" in m.quotes[-1].text)
    assert {q.article_id[:3] for q in peskov.quotes} == {"000", "001", "003"}
    assert {q.speaker_key for q in peskov.quotes} == {speaker_key("Peskov")}
    assert peskov.speaker == "Dmitry Peskov" and not peskov.misattributed
    paraphrase = next(q for q in peskov.quotes if q.article_id.startswith("001"))
    assert paraphrase.kind == "reported"

    kabulov_story = [labelled["004_519643cf1c8da25f"], labelled["003_f07694c2c2caf22c"]]
    kabulov = compare_story(kabulov_story, embed)
    (match,) = [m for m in kabulov.quotes if "Mullah Baradar" in m.quotes[0].text]
    assert match.speaker == "Zamir Kabulov"


SINGLE_SOURCE = {  # expected.json's single-source claims, as a phrase of the clause saying it
    "001_0503947bb9252ab9": ["Taliban-connected leadership", "none other than China"],
    "002_24fa2d3f4f5e834b": ["reports suggesting a potential involvement"],
    "003_f07694c2c2caf22c": ["investigating a Ukrainian link"],
    "000_cdbcb4438c33dd7d": ["Kazanforum", "ersten Diplomat"],
}


def test_seed_claims_single_source_and_corroborated(seeds: Comparison) -> None:
    flagged = 0
    for article, phrases in SINGLE_SOURCE.items():
        for phrase in phrases:
            flagged += any(
                claim.status == "single-source"
                and phrase in claim.text
                and claim.support[0].article_id == article
                for claim in seeds.claims
            )
    assert flagged >= 5, flagged

    def status_of(first: str, second: str) -> set[str]:
        return {
            claim.status
            for claim in seeds.claims
            if any(first in ref.text for ref in claim.support)
            and any(second in ref.text for ref in claim.support)
        }

    assert "corroborated" in status_of("The Taliban returned to power", "Die Talibaner kehrten")
    assert "corroborated" in status_of("Islamic State militants claimed", "Islamischer Staat")


def test_copies_of_one_origin_count_once(seeds: Comparison) -> None:
    (toll,) = [f for f in seeds.facts if f.quantity.startswith("killed")]
    assert toll.independent_origins == 2  # the Reuters story and its two rewrites; the German
    reuters = {"001", "002", "003"}  # 003 and its two rewrites: one origin
    claims_with_copies = [
        c for c in seeds.claims if len({ref.article_id[:3] for ref in c.support} & reuters) > 1
    ]
    assert claims_with_copies
    for claim in claims_with_copies:
        german = any(ref.article_id.startswith("000") for ref in claim.support)
        assert claim.independent_origins == 1 + german, claim
        if claim.status != "contested":
            assert (claim.status == "corroborated") == german, claim


CLAIM_PAIR_RECALL_FLOOR = 0.45  # measured 0.50: USE reads Ukrainian and Czech poorly
CLAIM_MIXING_CEILING = 0.03  # measured 0.015


def test_claims_group_the_labelled_support_sentences(corpus: dict[str, Comparison]) -> None:
    """Sentences labelled as supporting one claim land in one claim; sentences of two labelled
    claims rarely land in the same one."""
    together = pairs = mixed = groups = 0
    for event in LABELS["events"]:
        if event["event"] not in corpus or not event["claims"]:
            continue
        claims = corpus[event["event"]].claims

        def where(article: str, sentence: str, claims: tuple = claims) -> set[int]:
            return {
                k
                for k, claim in enumerate(claims)
                for ref in claim.support
                if ref.article_id == article and (sentence in ref.text or ref.text in sentence)
            }

        labels_of: dict[int, set[int]] = {}
        for index, label in enumerate(event["claims"]):
            places = [where(s["article"], s["sentence"]) for s in label["support"]]
            for place in places:
                for k in place:
                    labels_of.setdefault(k, set()).add(index)
            for i in range(len(places)):
                for j in range(i + 1, len(places)):
                    if label["support"][i]["article"] != label["support"][j]["article"]:
                        pairs += 1
                        together += bool(places[i] & places[j])
        groups += len(labels_of)
        mixed += sum(len(labels) > 1 for labels in labels_of.values())
    assert pairs >= 90
    assert together / pairs >= CLAIM_PAIR_RECALL_FLOOR, (together, pairs)
    assert mixed / groups <= CLAIM_MIXING_CEILING, (mixed, groups)
