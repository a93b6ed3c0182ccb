"""Speed and separation of the represent stage, written to bench/results/represent.json.

Speed: grouping texts per second for USE (one batch, 1 and 2 BLAS threads) and E5, whole articles
for USE, MinHash per second for datasketch and rensa, name and number keys per second, and the
whole ``features()`` call. Separation: cosines of the seeds, and on the labelled corpus in
tests/data/corpus the cosine / name / number / MinHash scores of same-event pairs against pairs of
*same-topic distractor* events (the case that matters) and of unrelated events, per embedder and
per grouping-text budget, with the cross-language pairs split out for languages outside USE's 16.

Run from the repository root::

    .venv/bin/python -m bench.represent_speed [--quick] [--write-background]

``--write-background`` recomputes src/storyline/represent/data/e5_background.npy from the shipped
background sentences (needed only when those sentences or the e5 model change).
"""

from __future__ import annotations

import argparse
import functools
import itertools
import json
import os
import platform
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from storyline.analyze import split_sentences
from storyline.model import Article, LanguageTag
from storyline.represent import (
    E5Embedder,
    USEEmbedder,
    features,
    grouping_text,
    jaccard_estimate,
    minhash_signature,
    name_keys,
    number_keys,
    shingles,
)
from storyline.represent.embedders import E5_BACKGROUND

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
CORPUS = ROOT / "tests" / "data" / "corpus" / "events"
SEEDS = ROOT / "examples" / "seeds"
USE_LANGUAGES = {"ar", "zh", "nl", "en", "fr", "de", "it", "ja", "ko", "pl", "pt", "es", "th", "tr"}
USE_LANGUAGES |= {"ru"}  # 16 with zh-TW, which ISO 639-1 does not tell apart


def corpus_articles() -> tuple[list[Article], dict[str, dict[str, Any]]]:
    """Articles of the labelled corpus with their event, topic and provenance labels."""
    articles: list[Article] = []
    labels: dict[str, dict[str, Any]] = {}
    for path in sorted(CORPUS.glob("*.json")):
        event = json.loads(path.read_text(encoding="utf-8"))
        for item in event["articles"]:
            text, lang = item["text"], item["lang"]
            articles.append(
                Article(
                    id=item["id"],
                    content_hash=item["id"],
                    origin=str(path.name),
                    text=text,
                    lang=LanguageTag(lang, 1.0, "corpus"),
                    title=item.get("title"),
                    sentences=tuple(split_sentences(text, lang)),
                )
            )
            labels[item["id"]] = {
                "event": event["event"],
                "topic": event["topic"],
                "lang": lang,
                "kind": item["kind"],
                "of": item["of"],
            }
    return articles, labels


def seed_articles() -> list[Article]:
    expected = json.loads((SEEDS / "expected.json").read_text(encoding="utf-8"))
    titles = {
        "003_f07694c2c2caf22c": "Russia says it is working on removing Taliban from its "
        "terrorist list. Here's why",
        "004_519643cf1c8da25f": "Moscow has declared “good relations” with the Taliban, "
        "preparing for talks",
    }
    result = []
    for article_id, lang in sorted(expected["languages"].items()):
        text = (SEEDS / f"{article_id}.txt").read_text(encoding="utf-8")
        body = expected["body"].get(article_id)
        if body:
            text = text[text.index(body["first_sentence"]) :]
            text = text[: text.index(body["last_sentence"]) + len(body["last_sentence"])]
        result.append(
            Article(
                id=article_id,
                content_hash=article_id,
                origin="seeds",
                text=text,
                lang=LanguageTag(lang, 1.0, "expected.json"),
                title=titles.get(article_id),
                sentences=tuple(split_sentences(text, lang)),
            )
        )
    return result


def rate(function: Callable[[], object], count: int, repeats: int = 3) -> float:
    """Items per second of the best of ``repeats`` runs (after one warm-up run)."""
    function()
    best = min(_timed(function) for _ in range(repeats))
    return round(count / best, 1)


def cpu_rate(function: Callable[[], object], count: int) -> float:
    """Items per CPU-second of one run: stable while other jobs share the machine, and per core
    when the work is single-threaded."""
    function()
    start = time.process_time()
    function()
    return round(count / (time.process_time() - start), 1)


def _timed(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def pair_kind(a: dict[str, Any], b: dict[str, Any]) -> str:
    if a["event"] == b["event"]:
        return "same_event"
    if a["topic"] == b["topic"]:
        return "same_topic_other_event"
    return "unrelated"


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def summary(values: Sequence[float]) -> dict[str, float]:
    array = np.asarray(values, dtype=np.float64)
    if array.size == 0:
        return {}
    return {
        "n": int(array.size),
        "min": round(float(array.min()), 3),
        "p10": round(float(np.percentile(array, 10)), 3),
        "mean": round(float(array.mean()), 3),
        "p90": round(float(np.percentile(array, 90)), 3),
        "max": round(float(array.max()), 3),
    }


def auc(positives: Sequence[float], negatives: Sequence[float]) -> float:
    if not positives or not negatives:
        return float("nan")
    pos = np.asarray(positives)[:, None]
    neg = np.asarray(negatives)[None, :]
    return round(float(np.mean((pos > neg) + 0.5 * (pos == neg))), 4)


def separation(
    scores: np.ndarray, labels: list[dict[str, Any]], *, split_languages: bool = False
) -> dict[str, Any]:
    """Score distributions of same-event pairs vs distractor and unrelated pairs."""
    by_kind: dict[str, list[float]] = defaultdict(list)
    cross_outside: dict[str, list[float]] = defaultdict(list)
    for i, j in itertools.combinations(range(len(labels)), 2):
        kind = pair_kind(labels[i], labels[j])
        by_kind[kind].append(float(scores[i, j]))
        lang_i, lang_j = labels[i]["lang"], labels[j]["lang"]
        if split_languages and kind == "same_event" and lang_i != lang_j:
            outside = not ({lang_i, lang_j} <= USE_LANGUAGES)
            key = "-".join(sorted((lang_i, lang_j))) if outside else "both_in_use16"
            cross_outside[key].append(float(scores[i, j]))
    result: dict[str, Any] = {kind: summary(values) for kind, values in by_kind.items()}
    result["auc_same_event_vs_same_topic"] = auc(
        by_kind["same_event"], by_kind["same_topic_other_event"]
    )
    result["auc_same_event_vs_unrelated"] = auc(by_kind["same_event"], by_kind["unrelated"])
    if split_languages:
        result["same_event_cross_language"] = {
            key: summary(values) for key, values in sorted(cross_outside.items())
        }
    return result


def evidence_tables(articles: list[Article], labels: list[dict[str, Any]]) -> dict[str, Any]:
    names = [name_keys(f"{a.title}\n{a.text}", a.lang.code) for a in articles]
    numbers = [number_keys(f"{a.title}\n{a.text}").numbers for a in articles]
    signatures = [minhash_signature(a.text) for a in articles]
    size = len(articles)
    name_scores = np.zeros((size, size))
    shared_names = np.zeros((size, size))
    number_scores = np.zeros((size, size))
    shared_numbers = np.zeros((size, size))
    minhash_scores = np.zeros((size, size))
    copy_pairs: list[float] = []
    other_same_language: list[float] = []
    for i, j in itertools.combinations(range(size), 2):
        name_scores[i, j] = jaccard(names[i], names[j])
        shared_names[i, j] = len(names[i] & names[j])
        number_scores[i, j] = jaccard(numbers[i], numbers[j])
        shared_numbers[i, j] = len(numbers[i] & numbers[j])
        minhash_scores[i, j] = jaccard_estimate(signatures[i], signatures[j])
        a, b = labels[i], labels[j]
        is_copy = (a["kind"] == "copy" and a["of"] == articles[j].id) or (
            b["kind"] == "copy" and b["of"] == articles[i].id
        )
        if is_copy:
            copy_pairs.append(minhash_scores[i, j])
        elif a["lang"] == b["lang"]:
            other_same_language.append(minhash_scores[i, j])
    return {
        "name_jaccard": separation(name_scores, labels),
        "shared_name_keys": separation(shared_names, labels),
        "number_jaccard": separation(number_scores, labels),
        "shared_numbers": separation(shared_numbers, labels),
        "minhash_jaccard": separation(minhash_scores, labels),
        "minhash_copy_pairs": summary(copy_pairs),
        "minhash_other_same_language_pairs": summary(other_same_language),
    }


def budget_table(
    embedder: USEEmbedder, articles: list[Article], labels: list[dict[str, Any]]
) -> dict[str, Any]:
    """Separation and single-core speed for several grouping-text budgets, and whole articles."""
    table: dict[str, Any] = {}
    seeds = seed_articles()
    for budget in (0, 250, 450, 600, 800):
        texts = [grouping_text(a, budget) for a in articles]
        vectors = embedder.embed(texts)
        seed_vectors = embedder.embed([grouping_text(a, budget) for a in seeds])
        seed_cos = seed_vectors @ seed_vectors.T
        entry = separation(vectors @ vectors.T, labels)
        entry["mean_chars"] = round(float(np.mean([len(t) for t in texts])), 1)
        entry["texts_per_cpu_s"] = cpu_rate(functools.partial(embedder.embed, texts), len(texts))
        entry["seed_000_003"] = round(float(seed_cos[0, 3]), 3)
        entry["seed_003_004"] = round(float(seed_cos[3, 4]), 3)
        table[f"budget_{budget}"] = entry
    whole = [f"{a.title}\n{a.text}" if a.title else a.text for a in articles]
    vectors = embedder.embed(whole)
    entry = separation(vectors @ vectors.T, labels)
    entry["texts_per_cpu_s"] = cpu_rate(lambda: embedder.embed(whole), len(whole))
    table["whole_article"] = entry
    return table


def seed_table(embedder: Any) -> dict[str, Any]:
    seeds = seed_articles()
    vectors = embedder.embed([grouping_text(a) for a in seeds])
    cosines = vectors @ vectors.T
    return {
        "ids": [a.id[:3] for a in seeds],
        "cosine": [[round(float(v), 3) for v in row] for row in cosines],
    }


def speed(articles: list[Article], replicas: int, e5: E5Embedder | None) -> dict[str, Any]:
    many = [replace(a, id=f"{a.id}-{k}") for k in range(replicas) for a in articles]
    texts = [grouping_text(a) for a in many]
    whole = [a.text for a in many[: max(50, len(articles))]]
    result: dict[str, Any] = {"grouping_texts": len(texts)}
    result["grouping_text_mean_chars"] = round(float(np.mean([len(t) for t in texts])), 1)
    result["whole_article_mean_chars"] = round(float(np.mean([len(t) for t in whole])), 1)
    single = USEEmbedder(threads=1)
    result["use_grouping_texts_per_cpu_s_1_thread"] = cpu_rate(
        lambda: single.embed(texts), len(texts)
    )
    result["features_articles_per_cpu_s_1_thread"] = cpu_rate(
        lambda: features(many, single), len(many)
    )
    result["use_whole_articles_per_cpu_s_1_thread"] = cpu_rate(
        lambda: single.embed(whole), len(whole)
    )
    for threads in (1, 2):
        use = USEEmbedder(threads=threads)
        result[f"use_grouping_texts_per_s_{threads}_thread_wall"] = rate(
            functools.partial(use.embed, texts), len(texts)
        )
        result[f"features_articles_per_s_{threads}_thread_wall"] = rate(
            functools.partial(features, many, use), len(many)
        )
    if e5 is not None:
        sample = texts[: min(64, len(texts))]
        result["e5_grouping_texts_per_s_wall"] = rate(
            lambda: e5.embed(sample), len(sample), repeats=1
        )
        start = time.perf_counter()
        E5Embedder(background="compute").background  # noqa: B018 - timing the property
        result["e5_first_use_with_computed_background_s"] = round(time.perf_counter() - start, 2)
        start = time.perf_counter()
        E5Embedder(background="shipped").background  # noqa: B018
        result["e5_shipped_background_load_s"] = round(time.perf_counter() - start, 4)
    shingle_sets = [shingles(a.text) for a in many]
    result["shingling_per_s"] = rate(lambda: [shingles(a.text) for a in many], len(many))
    result["rensa_minhash_per_s"] = rate(
        lambda: [minhash_signature(a.text) for a in many], len(many)
    )
    try:
        from datasketch import MinHash  # type: ignore[import-untyped]

        def datasketch_all() -> None:
            for items in shingle_sets:
                hasher = MinHash(num_perm=128, seed=1)
                hasher.update_batch([item.encode("utf-8") for item in items])

        result["datasketch_minhash_per_s_incl_shingling"] = round(
            1 / (1 / rate(datasketch_all, len(many), repeats=1) + 1 / result["shingling_per_s"]),
            1,
        )
        result["datasketch_vs_rensa_estimate_mean_abs_diff"] = _agreement(articles)
    except ImportError:
        result["datasketch"] = "not installed"
    result["name_keys_per_s"] = rate(
        lambda: [name_keys(a.text, a.lang.code) for a in many], len(many)
    )
    result["number_keys_per_s"] = rate(lambda: [number_keys(a.text) for a in many], len(many))
    return result


def _agreement(articles: list[Article]) -> float:
    from datasketch import MinHash  # type: ignore[import-untyped]

    def datasketch_signature(text: str) -> np.ndarray:
        hasher = MinHash(num_perm=128, seed=1)
        hasher.update_batch([s.encode("utf-8") for s in shingles(text)])
        return np.asarray(hasher.hashvalues)

    sample = articles[:40]
    rensa = [minhash_signature(a.text) for a in sample]
    datasketch = [datasketch_signature(a.text) for a in sample]
    diffs = [
        abs(jaccard_estimate(rensa[i], rensa[j]) - jaccard_estimate(datasketch[i], datasketch[j]))
        for i, j in itertools.combinations(range(len(sample)), 2)
    ]
    return round(float(np.mean(diffs)), 4)


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer replicas, no budget table")
    parser.add_argument("--write-background", action="store_true")
    args = parser.parse_args(argv)

    try:
        e5: E5Embedder | None = E5Embedder()
        e5.raw_embed(["warm up"])
    except Exception as exc:  # the optional extra may be missing or broken
        print(f"E5 skipped: {exc}")
        e5 = None
    if args.write_background and e5 is not None:
        np.save(E5_BACKGROUND, e5.compute_background().astype(np.float32))
        print(f"wrote {E5_BACKGROUND}")

    articles, label_map = corpus_articles()
    labels = [label_map[a.id] for a in articles]
    use = USEEmbedder(threads=2)
    texts = [grouping_text(a) for a in articles]
    results: dict[str, Any] = {
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        },
        "command": ".venv/bin/python -m bench.represent_speed" + (" --quick" if args.quick else ""),
        "corpus_articles": len(articles),
        "corpus_events": len({label["event"] for label in labels}),
    }
    use_vectors = use.embed(texts)
    results["use_cosine"] = separation(use_vectors @ use_vectors.T, labels, split_languages=True)
    results["seeds_use"] = seed_table(use)
    if e5 is not None:
        e5_vectors = e5.embed(texts)
        results["e5_cosine"] = separation(e5_vectors @ e5_vectors.T, labels, split_languages=True)
        raw = e5.raw_embed(texts)
        results["e5_raw_cosine"] = separation(raw @ raw.T, labels)
        results["seeds_e5"] = seed_table(e5)
    results["evidence"] = evidence_tables(articles, labels)
    if not args.quick:
        results["use_budgets"] = budget_table(use, articles, labels)
    results["speed"] = speed(articles, 3 if args.quick else 10, e5)
    results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "represent.json"
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(results["speed"], indent=2))
    print(f"wrote {out}")
    return results


if __name__ == "__main__":
    main()
