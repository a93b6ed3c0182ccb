"""Speed and scale: a year of labelled news (bench/stream_corpus.py), text in -> stories out.

Three measurements on the same stream, each in its own process so peak memory is its own:

``e2e``     ``Engine(out, settings=RunSettings(workers=2)).add([jsonl])`` on the first 10k and
            on all 100k articles: articles/s, seconds of the ingest..represent phase (worker
            processes) and of the grouping phase (``group_stories`` over the store, after the
            last batch is written), peak RSS of the main process and of each worker (the whole
            process tree is sampled from /proc every 0.2 s), B-cubed against the labels.
``stream``  the clusterer alone, fed the features the e2e run stored, in arrival order, in
            batches of 1,000 (how a live stream runs ``partial_fit``): seconds per article over
            the first 10k and over the last 10k of 100k, the clusterer's memory (growth of the
            process RSS over the loaded harness data, and the usearch indexes' own bytes),
            active and retired stories, and articles still holding vectors, at every 10k.
``lsh``     the baseline: MinHash LSH (rensa, the same 128-permutation signatures the
            represent stage stores) + union-find over the candidate pairs whose estimated
            Jaccard passes the threshold, in arrival order; timed, with its B-cubed.

Run from the repository root (the 100k run takes tens of minutes on 2 cores; run it in the
background)::

    .venv/bin/python -m bench.stream_bench [--articles 100000] [--small 10000]

Writes bench/results/stream.json and stream.md; the e2e stores stay in bench/data/stream/.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from bench.clean_text import RESULTS
from bench.stream_corpus import STREAM_DIR, StreamSettings, read_labels, write_stream

PAGE = os.sysconf("SC_PAGE_SIZE")
BATCH = 1_000
CHECKPOINT = 10_000


# -- memory of a process tree ------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            text = (task / "children").read_text()
            found.extend(int(child) for child in text.split())
    except OSError:
        pass
    return found


def _rss_bytes(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


class TreeMemory:
    """Samples the RSS of this process and all its descendants (workers, forkserver)."""

    def __init__(self, interval: float = 0.2) -> None:
        self.interval = interval
        self.peak_total = 0
        self.peak_by_pid: dict[int, int] = {}
        self.names: dict[int, str] = {}
        self.timeline: list[tuple[float, int, int]] = []  # perf_counter, main RSS, tree RSS
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        root = os.getpid()
        while not self._stop.is_set():
            pids = [root]
            index = 0
            while index < len(pids):
                pids.extend(_children(pids[index]))
                index += 1
            total = 0
            for pid in pids:
                rss = _rss_bytes(pid)
                total += rss
                self.peak_by_pid[pid] = max(self.peak_by_pid.get(pid, 0), rss)
                if pid not in self.names:
                    try:
                        self.names[pid] = Path(f"/proc/{pid}/cmdline").read_text()[:80]
                    except OSError:
                        self.names[pid] = "?"
            self.peak_total = max(self.peak_total, total)
            self.timeline.append((time.perf_counter(), _rss_bytes(root), total))
            self._stop.wait(self.interval)

    def peaks_between(self, start: float, end: float) -> dict[str, float]:
        """Main-process and whole-tree peak RSS sampled between two perf_counter times."""
        inside = [(main, tree) for at, main, tree in self.timeline if start <= at <= end]
        return {
            "main_peak_mb": _mb(max((main for main, _ in inside), default=0)),
            "tree_peak_mb": _mb(max((tree for _, tree in inside), default=0)),
        }

    def summary(self) -> dict[str, Any]:
        root = os.getpid()
        others = {pid: peak for pid, peak in self.peak_by_pid.items() if pid != root}
        # The forkserver only forks: the workers are the large children.
        workers = sorted(others.values(), reverse=True)
        return {
            "main_peak_mb": _mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024),
            "children_peak_mb": [_mb(v) for v in workers],
            "tree_peak_mb": _mb(self.peak_total),
        }


def _mb(value: float) -> float:
    return round(value / 2**20, 1)


# -- helpers ------------------------------------------------------------------------------------


def _prefix(path: Path, labels_path: Path, count: int) -> tuple[Path, Path]:
    """The first ``count`` articles of a stream (and their labels), as their own files."""
    target = path.with_name(f"{path.stem}.first{count}.jsonl")
    target_labels = labels_path.with_name(f"{path.stem}.first{count}.labels.jsonl")
    if not target.is_file() or not target_labels.is_file():
        for source, destination in ((path, target), (labels_path, target_labels)):
            with source.open(encoding="utf-8") as src, destination.open("w", encoding="utf-8") as d:
                for number, line in enumerate(src):
                    if number >= count:
                        break
                    d.write(line)
    return target, target_labels


def _arrival_ids(path: Path) -> list[str]:
    ids = []
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            start = line.index('"id": "') + 7
            ids.append(line[start : line.index('"', start)])
    return ids


def _scores(predicted: dict[str, str], truth: dict[str, str]) -> dict[str, float]:
    from storyline.cluster import bcubed

    score = bcubed(predicted, truth)
    return {k: round(v, 4) for k, v in asdict(score).items()}


def _scores_by_dataset(
    predicted: dict[str, str], labels_path: Path, limit: int | None = None
) -> dict[str, dict[str, float]]:
    """B-cubed over the events of each source set alone: ScrapingHub bodies are news; many WCXB
    bodies are same-site listicles and guides on one topic, harder to keep apart."""
    truths: dict[str, dict[str, str]] = {}
    with labels_path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if limit is not None and number >= limit:
                break
            label = json.loads(line)
            dataset = label["segment"].split(":")[0].split("-")[0]
            truths.setdefault(dataset, {})[label["id"]] = label["event"]
    return {name: _scores(predicted, truth) for name, truth in sorted(truths.items())}


def _stored_predictions(store_dir: Path) -> dict[str, str]:
    from storyline.store import SQLiteStore

    store = SQLiteStore(store_dir / "storyline.db")
    try:
        return {m.article_id: story.id for story in store.stories() for m in story.members}
    finally:
        store.close()


# -- e2e ------------------------------------------------------------------------------------------


def run_e2e(stream: Path, labels_path: Path, store_dir: Path) -> dict[str, Any]:
    from storyline.engine import Engine
    from storyline.pipeline import RunSettings

    if store_dir.exists():
        shutil.rmtree(store_dir)
    store_dir.mkdir(parents=True)
    with TreeMemory() as memory:
        started = time.perf_counter()
        with Engine(store_dir, settings=RunSettings(workers=2)) as engine:
            result = engine.add([stream])
            finished = time.perf_counter()
            stories = engine.stories()
    predicted = {member.article_id: story.id for story in stories for member in story.members}
    truth = read_labels(labels_path)
    phases = result.phase_seconds
    ingest = phases["ingest"]
    grouping = phases["group"]
    # Text in -> stories out: the stories are stored and exportable once grouping ends; the
    # story analysis (provenance, comparison; issues 4 and 5) is timed on its own.
    total = ingest + grouping
    analysis = phases.get("analyse", 0.0)
    stories_done = started + total
    memory_by_phase = {
        "text_to_stories": memory.peaks_between(started, stories_done),
        "story_analysis": memory.peaks_between(stories_done, finished),
    }
    return {
        "articles_in": len(truth),
        "added": result.added,
        "rejected": len(result.rejected),
        "rejection_reasons": _top_reasons(result.rejected),
        "stories": len(stories),
        "events": len(set(truth.values())),
        "seconds_total": round(total, 1),
        "seconds_ingest_to_represent": round(ingest, 1),
        "seconds_grouping": round(grouping, 1),
        "articles_per_second": round(len(truth) / total, 1),
        "ms_per_article": round(1000 * total / len(truth), 2),
        "ingest_articles_per_second": round(len(truth) / ingest, 1),
        "grouping_articles_per_second": round(result.added / max(1e-9, grouping), 1),
        "seconds_story_analysis": round(analysis, 1),
        "seconds_provenance": round(phases.get("provenance", 0.0), 1),
        "seconds_compare": round(phases.get("compare", 0.0), 1),
        "seconds_run_with_analysis": round(finished - started, 1),
        "memory": memory.summary(),
        "memory_by_phase": memory_by_phase,
        "bcubed": _scores(predicted, truth),
        "bcubed_by_dataset": _scores_by_dataset(predicted, labels_path),
    }


def _top_reasons(rejected: Sequence[Any], limit: int = 5) -> dict[str, int]:
    counts: dict[str, int] = {}
    for item in rejected:
        reason = str(item.reason).split(":")[0][:60]
        counts[reason] = counts.get(reason, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: -kv[1])[:limit])


# -- stream mode: the clusterer alone -----------------------------------------------------------


def _rss_now() -> int:
    return _rss_bytes(os.getpid())


def run_stream(
    stream: Path, labels_path: Path, store_dir: Path, limit: int, refine: bool = False
) -> dict[str, Any]:
    """Feed stored features to ``StoryClusterer.partial_fit`` in arrival-order batches."""
    from storyline.cluster import StoryClusterer
    from storyline.represent import default_embedder
    from storyline.store import SQLiteStore

    store = SQLiteStore(store_dir / "storyline.db")
    model = default_embedder().name
    articles = {a.id: a for a in store.articles()}
    feats = {f.article_id: f for f in store.features(model)}
    store.close()
    order = [i for i in _arrival_ids(stream)[:limit] if i in articles and i in feats]
    truth = read_labels(labels_path, limit)
    gc.collect()
    baseline_rss = _rss_now()
    clusterer = StoryClusterer()
    checkpoints: list[dict[str, Any]] = []
    busy = 0.0
    window_busy = 0.0
    for start in range(0, len(order), BATCH):
        ids = order[start : start + BATCH]
        began = time.perf_counter()
        clusterer.partial_fit([articles[i] for i in ids], [feats[i] for i in ids])
        spent = time.perf_counter() - began
        busy += spent
        window_busy += spent
        done = start + len(ids)
        if done % CHECKPOINT == 0 or done == len(order):
            states = clusterer.stories_.values()
            active = sum(1 for s in states if s.active and s.members)
            checkpoints.append(
                {
                    "articles": done,
                    "clock": clusterer.clock_.isoformat() if clusterer.clock_ else None,
                    "ms_per_article_cumulative": round(1000 * busy / done, 3),
                    "ms_per_article_last_10k": round(
                        1000
                        * window_busy
                        / (done - (checkpoints[-1]["articles"] if checkpoints else 0)),
                        3,
                    ),
                    "active_stories": active,
                    "retired_stories": len(clusterer.retired_),
                    "articles_with_vectors": sum(
                        1 for s in states for m in s.members if m.vector.size
                    ),
                    "lsh_buckets": len(clusterer._buckets),
                    "index_mb": _mb(clusterer._index.memory_usage),
                    "archive_mb": _mb(clusterer._archive.memory_usage),
                    "rss_growth_mb": _mb(_rss_now() - baseline_rss),
                }
            )
            window_busy = 0.0
    predicted = dict(clusterer.labels_)
    stream_score = _scores(predicted, truth)
    refine_seconds = None
    after_refine = None
    if refine:  # off by default: on a year of snowballed stories it ran for over 10 minutes
        began = time.perf_counter()
        clusterer.refine()
        refine_seconds = round(time.perf_counter() - began, 1)
        after_refine = _scores(dict(clusterer.labels_), truth)
    sizes = sorted((len(s.members) for s in clusterer.stories_.values() if s.members), reverse=True)
    first = checkpoints[0]["ms_per_article_last_10k"]
    last = checkpoints[-1]["ms_per_article_last_10k"]
    return {
        "articles": len(order),
        "batch": BATCH,
        "seconds_partial_fit": round(busy, 1),
        "ms_per_article": round(1000 * busy / max(1, len(order)), 3),
        "ms_per_article_first_10k": first,
        "ms_per_article_last_10k": last,
        "last_over_first": round(last / first, 2) if first else None,
        "whole_over_first": round((busy / len(order)) / (first / 1000), 2) if first else None,
        "seconds_refine_after": refine_seconds,
        "largest_stories": sizes[:10],
        "checkpoints": checkpoints,
        "bcubed_stream": stream_score,
        "bcubed_after_refine": after_refine,
        "bcubed_stream_by_dataset": _scores_by_dataset(predicted, labels_path, limit),
    }


# -- baseline: MinHash LSH + union-find ---------------------------------------------------------


def run_lsh(stream: Path, labels_path: Path, limit: int, threshold: float = 0.5) -> dict[str, Any]:
    """Near-copy grouping as a dedup tool would do it: no meaning, no time."""
    from rensa import RMinHash, RMinHashLSH  # type: ignore[import-untyped]

    from storyline.represent import shingles

    num_perm = 128
    lsh = RMinHashLSH(threshold=threshold, num_perm=num_perm, num_bands=16)
    parent: list[int] = []

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    ids: list[str] = []
    signatures: list[Any] = []
    began = time.perf_counter()
    with stream.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if number >= limit:
                break
            record = json.loads(line)
            signature = RMinHash(num_perm=num_perm, seed=1)
            signature.update(shingles(record["text"]))
            parent.append(number)
            for other in lsh.query(signature):
                if signature.jaccard(signatures[other]) >= threshold:
                    a, b = find(number), find(other)
                    if a != b:
                        parent[max(a, b)] = min(a, b)
            lsh.insert(number, signature)
            signatures.append(signature)
            ids.append(record["id"])
    seconds = time.perf_counter() - began
    predicted = {article: str(find(n)) for n, article in enumerate(ids)}
    return {
        "method": f"rensa MinHash ({num_perm} perm, word shingles) + LSH (16 bands) + union-find, "
        f"verified Jaccard >= {threshold}",
        "articles": len(ids),
        "seconds": round(seconds, 1),
        "articles_per_second": round(len(ids) / seconds, 1),
        "groups": len(set(predicted.values())),
        "peak_rss_mb": _mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024),
        "bcubed": _scores(predicted, read_labels(labels_path, limit)),
        "bcubed_by_dataset": _scores_by_dataset(predicted, labels_path, limit),
    }


# -- profiles -----------------------------------------------------------------------------------


def _top(profile: Any, rows: int = 14) -> list[dict[str, Any]]:
    """The functions with most cumulative CPU time, below the profiled call itself."""
    import pstats

    stats = pstats.Stats(profile)
    entries = []
    for (filename, line, name), (_, calls, tottime, cumtime, _) in stats.stats.items():  # type: ignore[attr-defined]
        short = filename.split("site-packages/")[-1].split("/src/")[-1]
        entries.append(
            {
                "function": f"{short}:{line}({name})",
                "calls": calls,
                "self_s": round(tottime, 3),
                "cumulative_s": round(cumtime, 3),
            }
        )
    entries.sort(key=lambda e: -e["cumulative_s"])
    return entries[1 : rows + 1]


def run_profile(stream: Path, labels_path: Path, store_dir: Path) -> dict[str, Any]:
    """cProfile (CPU time) of one worker batch and of the clusterer on the first 20k."""
    import cProfile

    from storyline.cluster import StoryClusterer
    from storyline.ingest import IngestSettings, iter_documents
    from storyline.model import RawDocument
    from storyline.pipeline import process_batch
    from storyline.represent import default_embedder
    from storyline.store import SQLiteStore

    documents: list[RawDocument] = []
    for document in iter_documents([stream], IngestSettings()):
        if isinstance(document, RawDocument):
            documents.append(document)
        if len(documents) >= 384:
            break
    process_batch(documents[:128])  # models load outside the profile
    worker = cProfile.Profile(time.process_time)
    began = time.process_time()
    worker.runcall(process_batch, documents[128:384])
    worker_seconds = time.process_time() - began
    store = SQLiteStore(store_dir / "storyline.db")
    articles = {a.id: a for a in store.articles()}
    feats = {f.article_id: f for f in store.features(default_embedder().name)}
    store.close()
    order = [i for i in _arrival_ids(stream)[:20_000] if i in feats]
    clusterer = StoryClusterer()
    grouping = cProfile.Profile(time.process_time)
    began = time.process_time()
    grouping.enable()
    for start in range(0, len(order), BATCH):
        ids = order[start : start + BATCH]
        clusterer.partial_fit([articles[i] for i in ids], [feats[i] for i in ids])
    grouping.disable()
    grouping_seconds = time.process_time() - began
    return {
        "worker_batch": {
            "articles": 256,
            "cpu_ms_per_article_profiled": round(1000 * worker_seconds / 256, 2),
            "top": _top(worker),
        },
        "partial_fit": {
            "articles": len(order),
            "cpu_ms_per_article_profiled": round(1000 * grouping_seconds / len(order), 3),
            "top": _top(grouping),
        },
    }


# -- orchestration ------------------------------------------------------------------------------

PARTS = STREAM_DIR / "parts"


def _child(phase: str, articles: int, total: int, reuse: bool = False) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter, so its peak memory is its own."""
    PARTS.mkdir(parents=True, exist_ok=True)
    out = PARTS / f"{phase}-{articles}.json"
    if reuse and out.is_file():  # measured earlier on this stream (a long run, kept)
        kept: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
        return kept
    command = [sys.executable, "-m", "bench.stream_bench", "--phase", phase,
               "--articles", str(total), "--limit", str(articles), "--out", str(out)]  # fmt: skip
    print(f"[{time.strftime('%H:%M:%S')}] {phase} on {articles:,} articles ...", flush=True)
    subprocess.run(command, check=True)
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return result


def run_phase(phase: str, total: int, limit: int) -> dict[str, Any]:
    stream, labels, _ = write_stream(StreamSettings(articles=total))
    if limit < total:
        stream, labels = _prefix(stream, labels, limit)
    store_dir = STREAM_DIR / f"store-{limit}"
    # The machine is shared: the load average says how much of the 2 cores others were using.
    load_before = os.getloadavg()
    if phase == "e2e":
        result = run_e2e(stream, labels, store_dir)
    elif phase == "stream":
        result = run_stream(stream, labels, STREAM_DIR / f"store-{total}", limit)
    elif phase == "lsh":
        result = run_lsh(stream, labels, limit)
    elif phase == "profile":
        result = run_profile(stream, labels, STREAM_DIR / f"store-{total}")
    else:
        raise ValueError(f"unknown phase {phase!r}")
    result["load_average_before"] = [round(v, 2) for v in load_before]
    result["load_average_after"] = [round(v, 2) for v in os.getloadavg()]
    return result


def machine() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
    }


def write_markdown(result: dict[str, Any], path: Path) -> None:
    corpus = result["corpus"]
    lines = [
        "# Speed and scale: a year of news, text in -> stories out",
        "",
        f"Stream: {corpus['articles']:,} articles, {corpus['events']:,} events "
        f"({corpus['reused_events']:,} re-use a segment months later), {corpus['undated']:,} "
        f"undated, {corpus['segments']:,} segments of {corpus['bodies']:,} benchmark bodies, "
        f"{corpus['first_day']} .. {corpus['last_day']}. Workers: 2. "
        "Command: `.venv/bin/python -m bench.stream_bench --articles 100000`.",
        "",
        "## End to end (Engine.add, 2 workers)",
        "",
        "Text in -> stories out: reading, cleaning, language, analysis, represent and storing in "
        "the workers, with grouping fed alongside (`OrderedFeed`), then refine and save. The "
        "story analysis (provenance and comparison, issues 4 and 5) runs after it in two worker "
        "processes and is timed on its own; its provenance and compare seconds are summed over "
        "both processes, and the compare share is compare's part of the analysis wall time "
        "over the text-to-stories time.",
        "",
        "| articles | art/s | ms/art | ingest s | grouping after ingest s | main peak MB | "
        "tree peak MB | stories | B3 P | B3 R | B3 F1 | analysis s | provenance / compare "
        "worker-s | compare share | analysis tree peak MB | load avg before/after |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | "
        "--- | --- |",
    ]
    for key, e2e in sorted(result["e2e"].items(), key=lambda kv: int(kv[0])):
        score = e2e["bcubed"]
        phases = e2e.get("memory_by_phase")
        stories_memory = phases["text_to_stories"] if phases else e2e["memory"]
        analysis_memory = phases["story_analysis"]["tree_peak_mb"] if phases else "-"
        lines.append(
            f"| {int(key):,} | {e2e['articles_per_second']} | {e2e['ms_per_article']} | "
            f"{e2e['seconds_ingest_to_represent']} | {e2e['seconds_grouping']} | "
            f"{stories_memory['main_peak_mb']} | {stories_memory['tree_peak_mb']} | "
            f"{e2e['stories']:,} | {score['precision']} | {score['recall']} | {score['f1']} | "
            f"{e2e.get('seconds_story_analysis', '-')} | {e2e.get('seconds_provenance', '-')} / "
            f"{e2e.get('seconds_compare', '-')} | {_compare_share(e2e)} | {analysis_memory} | "
            f"{_load(e2e)} |"
        )
    lines += [
        "",
        "B-cubed F1 by source set (ScrapingHub bodies are news articles; WCXB holds many same-site",
        "guides and listicles on one topic, which read as one event to a topic-level encoder):",
        "",
        "| run | articles | " + " | ".join(_DATASET_NAMES.values()) + " |",
        "| --- | --- | " + " | ".join("---" for _ in _DATASET_NAMES) + " |",
    ]
    for run, size, by_dataset in _dataset_rows(result):
        cells = [str(by_dataset.get(key, {}).get("f1", "-")) for key in _DATASET_NAMES]
        lines.append(f"| {run} | {size:,} | " + " | ".join(cells) + " |")
    if "stream" in result:
        stream = result["stream"]
        lines += [
            "",
            f"## Stream mode: StoryClusterer.partial_fit, batches of {stream['batch']:,} "
            "in arrival order",
            "",
            f"ms/article first 10k {stream['ms_per_article_first_10k']}, last 10k "
            f"{stream['ms_per_article_last_10k']} (x{stream['last_over_first']}), whole run "
            f"{stream['ms_per_article']} (x{stream['whole_over_first']}). B-cubed as streamed "
            f"{stream['bcubed_stream']}. Largest stories: {stream['largest_stories']}. "
            f"Load average before/after: {_load(stream)}.",
            "",
            "| articles | clock | ms/art (last 10k) | active stories | retired stories | "
            "articles holding vectors | LSH buckets | index MB | archive MB | RSS growth MB |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for point in stream["checkpoints"]:
            lines.append(
                f"| {point['articles']:,} | {point['clock']} | {point['ms_per_article_last_10k']} "
                f"| {point['active_stories']:,} | {point['retired_stories']:,} | "
                f"{point['articles_with_vectors']:,} | {point['lsh_buckets']:,} | "
                f"{point['index_mb']} | {point['archive_mb']} | {point['rss_growth_mb']} |"
            )
    if "lsh" in result:
        lines += [
            "",
            "## Baseline: MinHash LSH + union-find (same stream, same run)",
            "",
            "| articles | art/s | s | groups | peak MB | B3 P | B3 R | B3 F1 | load avg |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for key, lsh in sorted(result["lsh"].items(), key=lambda kv: int(kv[0])):
            score = lsh["bcubed"]
            lines.append(
                f"| {int(key):,} | {lsh['articles_per_second']} | {lsh['seconds']} | "
                f"{lsh['groups']:,} | {lsh['peak_rss_mb']} | {score['precision']} | "
                f"{score['recall']} | {score['f1']} | {_load(lsh)} |"
            )
        first = next(iter(result["lsh"].values()))
        lines += ["", f"Baseline: {first['method']}."]
    for key, title in (("worker_batch", "one worker batch"), ("partial_fit", "partial_fit")):
        if key not in result.get("profile", {}):
            continue
        part = result["profile"][key]
        lines += [
            "",
            f"## Where the time goes: {title} ({part['articles']:,} articles, cProfile CPU time, "
            f"{part['cpu_ms_per_article_profiled']} ms/article with profiling overhead)",
            "",
            "| function | calls | self s | cumulative s |",
            "| --- | --- | --- | --- |",
        ]
        for row in part["top"]:
            lines.append(
                f"| `{row['function']}` | {row['calls']:,} | {row['self_s']} | "
                f"{row['cumulative_s']} |"
            )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _compare_share(e2e: dict[str, Any]) -> str:
    """Compare's part of the analysis wall time, over the text-to-stories time."""
    worker_seconds = e2e.get("seconds_provenance", 0) + e2e.get("seconds_compare", 0)
    if not worker_seconds:
        return "-"
    wall = e2e["seconds_story_analysis"] * e2e["seconds_compare"] / worker_seconds
    return f"{100 * wall / e2e['seconds_total']:.0f} %"


def _load(part: dict[str, Any]) -> str:
    """The 1-minute load average before and after a measurement (2 cores: 2.0 is full)."""
    if "load_average_before" not in part:
        return "-"
    return f"{part['load_average_before'][0]} / {part['load_average_after'][0]}"


_DATASET_NAMES = {"scrapinghub": "ScrapingHub (news)", "wcxb": "WCXB (mixed web)"}


def _dataset_rows(result: dict[str, Any]) -> list[tuple[str, int, dict[str, Any]]]:
    rows: list[tuple[str, int, dict[str, Any]]] = []
    for size, e2e in sorted(result.get("e2e", {}).items(), key=lambda kv: int(kv[0])):
        rows.append(("end to end", int(size), e2e.get("bcubed_by_dataset", {})))
    if "stream" in result:
        stream = result["stream"]
        rows.append(("stream, no refine", stream["articles"], stream["bcubed_stream_by_dataset"]))
    for size, lsh in sorted(result.get("lsh", {}).items(), key=lambda kv: int(kv[0])):
        rows.append(("MinHash LSH", int(size), lsh.get("bcubed_by_dataset", {})))
    return rows


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000, help="size of the stream")
    parser.add_argument("--small", type=int, default=10_000, help="the smaller run (a prefix)")
    parser.add_argument("--phases", default="e2e,stream,lsh,profile")
    parser.add_argument(
        "--reuse", action="store_true", help="keep measurements already in bench/data/stream/parts"
    )
    parser.add_argument("--phase", help=argparse.SUPPRESS)  # one measurement, in a child
    parser.add_argument("--limit", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phase:
        part = run_phase(args.phase, args.articles, args.limit or args.articles)
        args.out.write_text(json.dumps(part, indent=2) + "\n", encoding="utf-8")
        return
    _, _, facts = write_stream(StreamSettings(articles=args.articles))
    sizes = sorted({min(args.small, args.articles), args.articles})
    phases = args.phases.split(",")
    result: dict[str, Any] = {"machine": machine(), "corpus": asdict(facts)}
    results_path = RESULTS / "stream.json"
    if results_path.is_file():  # keep measurements of phases not re-run this time
        previous = json.loads(results_path.read_text(encoding="utf-8"))
        if previous.get("corpus", {}).get("sha256") == facts.sha256:
            result.update(
                {k: v for k, v in previous.items() if k in ("e2e", "stream", "lsh", "profile")}
            )
    for phase in ("e2e", "lsh"):
        if phase in phases:
            result[phase] = {str(n): _child(phase, n, args.articles, args.reuse) for n in sizes}
    for size, e2e in result.get("e2e", {}).items():
        if "bcubed_by_dataset" not in e2e:  # a part measured before this score existed
            stream, labels, _ = write_stream(StreamSettings(articles=args.articles))
            if int(size) < args.articles:
                stream, labels = _prefix(stream, labels, int(size))
            predicted = _stored_predictions(STREAM_DIR / f"store-{size}")
            e2e["bcubed_by_dataset"] = _scores_by_dataset(predicted, labels)
    if "stream" in phases:
        result["stream"] = _child("stream", args.articles, args.articles, args.reuse)
    if "profile" in phases:
        result["profile"] = _child("profile", args.articles, args.articles, args.reuse)
    RESULTS.mkdir(parents=True, exist_ok=True)
    results_path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    write_markdown(result, RESULTS / "stream.md")
    print((RESULTS / "stream.md").read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
