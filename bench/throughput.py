"""Throughput of the text path: ingest + clean + language + analyze + store on ≥ 10,000 articles.

Grouping into stories is switched off here (``RunSettings(group=False)``): this is the part-1
figure. bench/stream_bench.py measures text in → stories out.

The corpus is built from the benchmark pages' *whole-page* plain text (chrome included, as a
scraper would save it): every page appears several times under other outlets, with paragraphs
dropped or reordered, so content hashes differ and the cleaner's cross-source statistics see
realistic repetition. The result is written to bench/results/throughput.json.

Run from the repository root::

    .venv/bin/python -m bench.throughput [--articles 10000] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import random
import resource
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from bench.clean_text import DATA, RESULTS, PageText, source_of, whole_page_texts
from storyline.clean import clean_batch
from storyline.engine import Engine
from storyline.ingest import iter_documents
from storyline.language import default_detector
from storyline.model import RawDocument, Rejected
from storyline.pipeline import RunSettings

OUTLETS = ["wire", "daily", "herald", "post", "courier", "tribune", "gazette", "times", "news"]


def all_pages() -> list[PageText]:
    pages = whole_page_texts("scrapinghub")
    for split in ("dev", "test"):
        pages += whole_page_texts("wcxb", split)
    return [page for page in pages if page.text.strip()]


def build_corpus(path: Path, articles: int, seed: int = 7) -> dict[str, Any]:
    """Write ``articles`` JSONL records derived from the benchmark pages; return corpus facts."""
    rng = random.Random(seed)
    pages = all_pages()
    characters = 0
    with path.open("w", encoding="utf-8") as stream:
        for number in range(articles):
            page = pages[number % len(pages)]
            lines = page.text.splitlines()
            variant = number // len(pages)
            if variant:
                lines = _vary(lines, rng)
            text = "\n".join(lines)
            characters += len(text)
            host = source_of(page.url)
            record = {
                "id": f"bench-{number:06d}",
                "source": host if variant == 0 else f"{OUTLETS[variant % len(OUTLETS)]}.{host}",
                "url": page.url,
                "text": text,
            }
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    return {
        "articles": articles,
        "distinct_pages": len(pages),
        "mean_characters": round(characters / articles),
        "megabytes": round(path.stat().st_size / 1e6, 1),
    }


def _vary(lines: list[str], rng: random.Random) -> list[str]:
    """A syndicated or re-scraped version: a paragraph dropped and two neighbours swapped."""
    lines = list(lines)
    if len(lines) > 4:
        del lines[rng.randrange(len(lines))]
        swap = rng.randrange(len(lines) - 1)
        lines[swap], lines[swap + 1] = lines[swap + 1], lines[swap]
    return lines


def _clean_and_detect(documents: list[RawDocument]) -> tuple[int, float, int]:
    """Clean and tag a batch in a worker; returns its size, the CPU seconds it took and the
    worker's peak memory so far (kB)."""
    started = time.process_time()
    cleaned = [c for c in clean_batch(documents) if not isinstance(c, Rejected)]
    default_detector().detect_batch(
        [document.text for document in cleaned], hints=[d.raw.lang_hint for d in cleaned]
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return len(documents), time.process_time() - started, peak


def measure_stages(corpus: Path, workers: int, batch_size: int = 128) -> dict[str, Any]:
    """The issue's part-1 figure: ingest in this process, clean + language in ``workers``
    processes, batched like the pipeline does; no analyze, no store.

    Besides the wall-clock rate, the CPU time of the ingest process and of the workers is
    reported: on a shared machine the wall clock also measures the neighbours, while
    ``articles_per_second_on_idle_cores`` (articles x workers / CPU seconds) is what the same
    work does when the cores are free (CPU time itself still grows somewhat under contention).
    """
    context = multiprocessing.get_context("forkserver")
    started = time.perf_counter()
    cpu_started = time.process_time()
    done = 0
    worker_cpu = 0.0
    worker_peak_kb = 0
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        batches = _batched(
            (d for d in iter_documents([corpus]) if isinstance(d, RawDocument)), batch_size
        )
        for count, cpu, peak in pool.map(_clean_and_detect, batches, chunksize=1):
            done += count
            worker_cpu += cpu
            worker_peak_kb = max(worker_peak_kb, peak)
    seconds = time.perf_counter() - started
    ingest_cpu = time.process_time() - cpu_started
    return {
        "stages": "ingest + clean + language",
        "workers": workers,
        "articles": done,
        "seconds": round(seconds, 2),
        "articles_per_second": round(done / seconds, 1),
        "cpu_ms_per_article": {
            "ingest_process": round(ingest_cpu / done * 1000, 3),
            "workers": round(worker_cpu / done * 1000, 3),
        },
        "articles_per_second_on_idle_cores": round(done * workers / (ingest_cpu + worker_cpu), 1),
        "peak_rss_mb_worker": round(worker_peak_kb / 1024),
    }


def _batched(items: Iterator[RawDocument], size: int) -> Iterator[list[RawDocument]]:
    batch: list[RawDocument] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def measure(corpus: Path, workers: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as out:
        engine = Engine(out, settings=RunSettings(workers=workers, group=False))
        started = time.perf_counter()
        result = engine.add([corpus])
        seconds = time.perf_counter() - started
        engine.close()
    itself = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "stages": "ingest + clean + language + analyze + SQLite store",
        "workers": workers,
        "added": result.added,
        "rejected": len(result.rejected),
        "seconds": round(seconds, 2),
        "articles_per_second": round((result.added + len(result.rejected)) / seconds, 1),
        # Workers are forked by the forkserver, not by this process, so RUSAGE_CHILDREN never
        # sees them; measure_stages reports their peak memory from inside.
        "peak_rss_mb_main": round(itself / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    DATA.mkdir(parents=True, exist_ok=True)
    corpus = DATA / f"throughput-{args.articles}.jsonl"
    load_before = os.getloadavg()[0]
    facts = build_corpus(corpus, args.articles)
    stages = measure_stages(corpus, args.workers)
    load_between = os.getloadavg()[0]
    run = measure(corpus, args.workers)
    results = {
        "what": "whole-page text: ingest, clean, language, analyze, SQLite store (no grouping)",
        "machine": {"python": platform.python_version(), "cpu_count": os.cpu_count()},
        "corpus": facts,
        "load_average_before": load_before,
        "clean_and_language": stages,
        "load_average_between": load_between,
        "pipeline": run,
        "load_average_after": os.getloadavg()[0],
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "throughput.json").write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
