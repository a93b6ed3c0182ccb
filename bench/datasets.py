"""The extraction benchmarks both clean benches score on: where they live, their pages, the F1.

Datasets (see ../shared/bench-data/README.md): the ScrapingHub article-extraction benchmark
(181 news and blog articles, one set, only ever reported) and the article pages of WCXB, split
into dev (tuning) and test (report). The archives are unpacked into bench/data/ on first use.

Scoring is the benchmarks' own bag-of-tokens precision / recall / F1 per page, averaged over
pages; the caller chooses the tokens (lower-cased whitespace tokens, or ``\\w+`` tokens).
"""

from __future__ import annotations

import gzip
import json
import statistics
import tarfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "data"
RESULTS = ROOT / "bench" / "results"
ARCHIVES = ROOT.parent / "shared" / "bench-data"

ARCHIVE_OF = {
    # dataset name -> (archive in ARCHIVES, directory it unpacks to in DATA)
    "scrapinghub": ("scrapinghub-aeb.tar.xz", "scrapinghub-aeb"),
    "wcxb": ("wcxb-articles.tar.xz", "wcxb-articles"),
}


@dataclass(frozen=True, slots=True)
class BenchmarkPage:
    """One benchmark page: its HTML file and its hand-checked article body."""

    dataset: str  # "scrapinghub" or "wcxb"
    page_id: str
    url: str
    html_path: Path  # gzip-compressed HTML
    truth: str  # the ground-truth body; "" for the WCXB pages that ship without one


@dataclass(frozen=True, slots=True)
class Scores:
    precision: float
    recall: float
    f1: float


def ensure_unpacked(dataset: str) -> Path:
    """Unpack the dataset's archive into bench/data/ unless it is already there."""
    archive, directory = ARCHIVE_OF[dataset]
    target = DATA / directory
    if not target.is_dir():
        DATA.mkdir(parents=True, exist_ok=True)
        with tarfile.open(ARCHIVES / archive, "r:xz") as tar:
            tar.extractall(DATA, filter="data")
    return target


def benchmark_pages(dataset: str, split: str = "test") -> list[BenchmarkPage]:
    """Every page of a dataset split, in page id order.

    ``dataset`` is "wcxb" (``split`` "dev" or "test") or "scrapinghub" (``split`` ignored).
    """
    root = ensure_unpacked(dataset)
    if dataset == "scrapinghub":
        truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
        return [
            BenchmarkPage(
                dataset,
                page_id,
                record.get("url", ""),
                root / "html" / f"{page_id}.html.gz",
                record.get("articleBody") or "",
            )
            for page_id, record in sorted(truth.items())
        ]
    pages = []
    for truth_path in sorted((root / split / "ground-truth").glob("*.json")):
        record = json.loads(truth_path.read_text(encoding="utf-8"))
        body = (record.get("ground_truth") or {}).get("main_content") or ""
        html_path = root / split / "html" / f"{truth_path.stem}.html.gz"
        pages.append(
            BenchmarkPage(dataset, truth_path.stem, record.get("url", ""), html_path, body)
        )
    return pages


def html_bytes(page: BenchmarkPage) -> bytes:
    return gzip.decompress(page.html_path.read_bytes())


def bag_scores(predicted: Sequence[str], truth: Sequence[str]) -> Scores:
    """Bag-of-tokens precision / recall / F1 with WCXB's conventions for empty sides."""
    if not truth:
        return Scores(1.0, 1.0, 1.0) if not predicted else Scores(0.0, 0.0, 0.0)
    if not predicted:
        return Scores(0.0, 0.0, 0.0)
    overlap = sum((Counter(predicted) & Counter(truth)).values())
    precision, recall = overlap / len(predicted), overlap / len(truth)
    f1 = 2 * precision * recall / (precision + recall) if overlap else 0.0
    return Scores(precision, recall, f1)


def whitespace_scores(predicted: str, truth: str) -> Scores:
    """``bag_scores`` over lower-cased whitespace tokens (markup leftovers count as tokens)."""
    return bag_scores(predicted.lower().split(), truth.lower().split())


def mean_scores(scores: Sequence[Scores]) -> dict[str, float]:
    """Per-page scores averaged over pages, rounded to 4 places."""
    return {
        "precision": round(statistics.mean(s.precision for s in scores), 4),
        "recall": round(statistics.mean(s.recall for s in scores), 4),
        "f1": round(statistics.mean(s.f1 for s in scores), 4),
    }
