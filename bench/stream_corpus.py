"""A realistic, labelled news stream for the speed and scale benchmark (bench/stream_bench.py).

Source texts are the hand-checked article bodies of the benchmark pages (ScrapingHub
``articleBody``, WCXB ``main_content``; mostly English). The bodies are long (median ~8,500
characters), so each is cut at paragraph boundaries into news-sized *segments* of about
1,500-3,500 characters; a segment is the text of one event.

A simulated year (365 days) gets new events every day. Each event spawns 1..``max_group``
articles over the following 0-3 days from different outlets:

* the original, and exact syndicated copies;
* near copies: a typo, a word in a sentence edited, a paragraph dropped (one to three edits);
* truncations (the first half of the paragraphs);
* reorderings of the paragraphs after the lead;
* rewrite-like variants (the sentences shuffled, about a third of them dropped).

Every article has its own id, outlet, title (its first sentence, cut) and ISO publication time;
about 5 % carry no date at all. 1,146 bodies give about 5,000 segments, fewer than the ~20,000
events of a 100k-article year, so segments are re-used as *other* events: a re-use is at least
``min_reuse_days`` after the segment's last use (beyond the clusterer's 45-day active window)
and a body's other segments stay ``sibling_gap_days`` apart. These re-uses are the distractors
that test time: the same text months later is a different event.

Articles are written to JSONL in arrival order (publication time); labels (article id -> event
id) go to a separate JSONL file. Everything follows from the seed.

    .venv/bin/python -m bench.stream_corpus --articles 100000   # bench/data/stream/
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import heapq
import json
import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bench.clean_text import DATA, ensure_unpacked

STREAM_DIR = DATA / "stream"
GENERATOR_VERSION = 1  # bump when the same settings would give other bytes
START = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9À-ÖØ-Þ])")
_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]{5,}")

OUTLET_TOWNS = (
    "Northfield", "Harbour", "Valley", "Capital", "Lakeside", "Metro", "Coastal", "Ridge",
    "Riverside", "Summit", "Prairie", "Highland", "Bayview", "Eastern", "Western", "National",
    "Union", "Pioneer", "Frontier", "Granite",
)  # fmt: skip
OUTLET_KINDS = (
    "Herald", "Post", "Times", "Tribune", "Courier", "Gazette", "Chronicle", "Wire", "Daily",
    "Observer", "Journal", "Record", "Sentinel", "Dispatch",
)  # fmt: skip
# Shares of the non-original variants; each event's first article is the original.
VARIANT_WEIGHTS = {
    "copy": 0.10,
    "near_copy": 0.40,
    "truncation": 0.15,
    "reorder": 0.15,
    "rewrite": 0.20,
}
# Spread of a follow-up article's delay after the event's first article, in days.
DELAY_WEIGHTS = (0.45, 0.30, 0.15, 0.10)
SUBSTITUTE_WORDS = (
    "officials", "residents", "reported", "announced", "several", "earlier", "statement",
    "according", "yesterday", "significant", "confirmed", "spokesperson",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class StreamSettings:
    """What stream to generate; the same settings and seed give the same bytes."""

    articles: int = 100_000
    days: int = 365
    seed: int = 2025
    max_group: int = 30
    singleton_share: float = 0.35  # events reported by a single outlet
    mean_follow_ups: float = 5.0  # mean extra articles of an event that has any
    undated_share: float = 0.05
    min_reuse_days: int = 60  # a segment re-used as another event only after this gap
    sibling_gap_days: int = 7  # two segments of one body are never used closer than this
    segment_chars: int = 1_500  # a segment closes once it reaches this length ...
    max_segment_chars: int = 3_500  # ... or before a paragraph would push it past this
    max_segments: int | None = None  # draw on fewer texts (small test streams that re-use)


@dataclass(frozen=True, slots=True)
class Segment:
    id: str  # "<dataset>:<page id>#<n>"
    body: str  # "<dataset>:<page id>"
    paragraphs: tuple[str, ...]


@dataclass(slots=True)
class StreamFacts:
    """What was generated, for the benchmark's result file."""

    settings: dict[str, Any]
    version: int = GENERATOR_VERSION
    articles: int = 0
    events: int = 0
    reused_events: int = 0  # events whose segment an earlier event already used
    undated: int = 0
    segments: int = 0
    bodies: int = 0
    characters: int = 0
    variants: dict[str, int] = field(default_factory=dict)
    largest_event: int = 0
    first_day: str = ""
    last_day: str = ""
    sha256: str = ""


def source_bodies() -> list[tuple[str, str]]:
    """(body id, ground-truth article body) of every benchmark page, in a fixed order."""
    bodies: list[tuple[str, str]] = []
    scrapinghub = ensure_unpacked("scrapinghub")
    truth = json.loads((scrapinghub / "ground-truth.json").read_text(encoding="utf-8"))
    for page_id, record in sorted(truth.items()):
        if record.get("articleBody"):
            bodies.append((f"scrapinghub:{page_id}", record["articleBody"]))
    wcxb = ensure_unpacked("wcxb")
    for split in ("dev", "test"):
        for path in sorted((wcxb / split / "ground-truth").glob("*.json")):
            record = json.loads(path.read_text(encoding="utf-8"))
            body = record["ground_truth"].get("main_content")
            if body:
                bodies.append((f"wcxb-{split}:{path.stem}", body))
    return bodies


def split_segments(
    body_id: str, body: str, target: int = 1_500, maximum: int = 3_500
) -> list[Segment]:
    """Cut a body at paragraph boundaries into news-sized segments (a short tail joins the
    previous segment, so no segment is a two-line fragment)."""
    paragraphs = [line.strip() for line in body.splitlines() if line.strip()]
    groups: list[list[str]] = []
    current: list[str] = []
    length = 0
    for paragraph in paragraphs:
        if current and (length >= target or length + len(paragraph) > maximum):
            groups.append(current)
            current, length = [], 0
        current.append(paragraph)
        length += len(paragraph) + 1
    if current:
        if groups and length < target // 2:
            groups[-1].extend(current)
        else:
            groups.append(current)
    return [
        Segment(f"{body_id}#{number}", body_id, tuple(group))
        for number, group in enumerate(groups)
        if sum(len(p) for p in group) >= 300  # too short to be an article of its own
    ]


def sentences_of(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


class _SegmentPicker:
    """Hands out segments: unused ones first (in a seeded order), then the least recently used
    one whose own gap and whose body's gap allow a re-use on that day."""

    def __init__(self, segments: Sequence[Segment], settings: StreamSettings, rng: random.Random):
        self.settings = settings
        order = list(range(len(segments)))
        rng.shuffle(order)
        self.segments = segments
        # (last day used, tie-break, index); never-used segments sort first with day -inf.
        self.heap: list[tuple[float, int, int]] = [
            (float("-inf"), rank, index) for rank, index in enumerate(order)
        ]
        self.body_last_day: dict[str, int] = {}
        self.counter = len(order)

    def pick(self, day: int) -> tuple[Segment, bool]:
        skipped: list[tuple[float, int, int]] = []
        chosen: tuple[float, int, int] | None = None
        while self.heap:
            entry = heapq.heappop(self.heap)
            last_day, _, index = entry
            if last_day > day - self.settings.min_reuse_days:
                skipped.append(entry)
                break  # the heap is ordered by last use: nothing after this is free either
            body = self.segments[index].body
            if day - self.body_last_day.get(body, -(10**9)) < self.settings.sibling_gap_days:
                skipped.append(entry)
                continue
            chosen = entry
            break
        for entry in skipped:
            heapq.heappush(self.heap, entry)
        if chosen is None:
            raise ValueError(
                f"day {day}: no segment is free for re-use; ask for fewer articles, more days "
                "or a smaller min_reuse_days"
            )
        last_day, _, index = chosen
        segment = self.segments[index]
        self.body_last_day[segment.body] = day
        self.counter += 1
        heapq.heappush(self.heap, (float(day), self.counter, index))
        return segment, last_day != float("-inf")


def _group_sizes(settings: StreamSettings, rng: random.Random) -> list[int]:
    """Event sizes summing to exactly ``settings.articles``: a share of singletons, the rest
    1 + a geometric number of follow-ups, capped at ``max_group``."""
    sizes: list[int] = []
    total = 0
    p = 1.0 / settings.mean_follow_ups
    while total < settings.articles:
        if rng.random() < settings.singleton_share:
            size = 1
        else:
            follow_ups = 1
            while rng.random() > p and follow_ups < settings.max_group - 1:
                follow_ups += 1
            size = 1 + follow_ups
        size = min(size, settings.articles - total)
        sizes.append(size)
        total += size
    return sizes


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def _edit_sentence(paragraphs: list[str], rng: random.Random) -> list[str]:
    """Change one word of one paragraph (a sub-editor's touch) or transpose two letters."""
    index = rng.randrange(len(paragraphs))
    words = _WORD.findall(paragraphs[index])
    if not words:
        return paragraphs
    target = rng.choice(words)
    replacement = _typo(target, rng) if rng.random() < 0.5 else rng.choice(SUBSTITUTE_WORDS)
    edited = list(paragraphs)
    edited[index] = paragraphs[index].replace(target, replacement, 1)
    return edited


def _variant(kind: str, paragraphs: Sequence[str], rng: random.Random) -> list[str]:
    result = list(paragraphs)
    if kind in ("original", "copy"):
        return result
    if kind == "near_copy":
        for _ in range(rng.randint(1, 3)):
            if len(result) > 2 and rng.random() < 0.3:
                del result[rng.randrange(1, len(result))]  # a paragraph dropped, never the lead
            else:
                result = _edit_sentence(result, rng)
        return result
    if kind == "truncation":
        if len(result) >= 2:
            return result[: max(1, len(result) // 2)]
        sentences = sentences_of(result[0])
        return [" ".join(sentences[: max(1, len(sentences) // 2)])]
    if kind == "reorder":
        tail = result[1:]
        rng.shuffle(tail)
        return [result[0], *tail] if tail else result
    if kind == "rewrite":
        sentences = [s for p in result for s in sentences_of(p)]
        kept = [s for s in sentences if rng.random() >= 0.33] or sentences[:1]
        rng.shuffle(kept)
        # Re-paragraph in threes so the rewrite does not read as one block.
        return [" ".join(kept[i : i + 3]) for i in range(0, len(kept), 3)]
    raise ValueError(f"unknown variant {kind!r}")


def _title(paragraphs: Sequence[str], limit: int = 90) -> str:
    sentences = [s for p in paragraphs for s in sentences_of(p)]
    # A list item's "3." or a one-word kicker is no headline: take the first real sentence.
    first = next((s for s in sentences if len(s) >= 20), sentences[0] if sentences else "")
    if len(first) <= limit:
        return first.rstrip(".")
    cut = first[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def _article_id(seed: int, number: int) -> str:
    # Hashed, so an id says nothing about arrival order or event.
    return "a-" + hashlib.sha1(f"{seed}:{number}".encode()).hexdigest()[:14]


def _outlet(rng: random.Random) -> str:
    return f"{rng.choice(OUTLET_TOWNS)} {rng.choice(OUTLET_KINDS)}"


def iter_stream(
    settings: StreamSettings, facts: StreamFacts | None = None
) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """Yield (article record, label record) in arrival order."""
    rng = random.Random(settings.seed)
    segments = [
        segment
        for body_id, body in source_bodies()
        for segment in split_segments(
            body_id, body, settings.segment_chars, settings.max_segment_chars
        )
    ]
    if settings.max_segments is not None:
        segments = segments[: settings.max_segments]
    picker = _SegmentPicker(segments, settings, rng)
    sizes = _group_sizes(settings, rng)
    kinds = list(VARIANT_WEIGHTS)
    weights = list(VARIANT_WEIGHTS.values())
    if facts is not None:
        facts.events = len(sizes)
        facts.segments = len(segments)
        facts.bodies = len({s.body for s in segments})
        facts.largest_event = max(sizes)
    # Articles wait in a heap until no later event can publish before them (delays are >= 0,
    # so once day d+1's events are drawn, everything up to the end of day d is final).
    pending: list[tuple[float, int, dict[str, Any], dict[str, Any]]] = []
    number = 0
    event_index = 0
    for day in range(settings.days):
        # Events spread evenly over the days; the last day takes whatever is left.
        day_end = (
            len(sizes)
            if day == settings.days - 1
            else round(len(sizes) * (day + 1) / settings.days)
        )
        while event_index < day_end:
            segment, reused = picker.pick(day)
            event_id = f"e-{event_index:06d}"
            first_time = day * 86_400 + rng.randrange(6 * 3600, 22 * 3600)
            if facts is not None and reused:
                facts.reused_events += 1
            for position in range(sizes[event_index]):
                kind = "original" if position == 0 else rng.choices(kinds, weights)[0]
                delay = 0 if position == 0 else rng.choices(range(4), DELAY_WEIGHTS)[0]
                seconds = (
                    first_time + delay * 86_400 + (rng.randrange(60, 12 * 3600) if position else 0)
                )
                paragraphs = _variant(kind, segment.paragraphs, rng)
                text = "\n\n".join(paragraphs)
                published = START + dt.timedelta(seconds=seconds)
                record: dict[str, Any] = {
                    "id": _article_id(settings.seed, number),
                    "source": _outlet(rng),
                    "title": _title(paragraphs),
                    "text": text,
                }
                if rng.random() >= settings.undated_share:
                    record["published"] = published.isoformat()
                label = {
                    "id": record["id"],
                    "event": event_id,
                    "segment": segment.id,
                    "variant": kind,
                    "day": published.date().isoformat(),
                    "reused": reused,
                }
                heapq.heappush(pending, (float(seconds), number, record, label))
                number += 1
            event_index += 1
        while pending and pending[0][0] < (day + 1) * 86_400:
            _, _, record, label = heapq.heappop(pending)
            yield record, label
    while pending:
        _, _, record, label = heapq.heappop(pending)
        yield record, label


def write_stream(
    settings: StreamSettings, directory: Path = STREAM_DIR, name: str | None = None
) -> tuple[Path, Path, StreamFacts]:
    """Write ``<name>.jsonl`` (articles) and ``<name>.labels.jsonl``; returns paths and facts.

    An existing pair with the same settings is reused (its facts are kept beside it)."""
    name = name or f"stream-{settings.articles}-s{settings.seed}"
    directory.mkdir(parents=True, exist_ok=True)
    articles_path = directory / f"{name}.jsonl"
    labels_path = directory / f"{name}.labels.jsonl"
    facts_path = directory / f"{name}.facts.json"
    if articles_path.is_file() and labels_path.is_file() and facts_path.is_file():
        cached = json.loads(facts_path.read_text(encoding="utf-8"))
        if cached["settings"] == asdict(settings) and cached["version"] == GENERATOR_VERSION:
            return articles_path, labels_path, StreamFacts(**cached)
    facts = StreamFacts(settings=asdict(settings))
    digest = hashlib.sha256()
    variants: dict[str, int] = {}
    days: list[str] = []
    with (
        articles_path.open("w", encoding="utf-8") as articles,
        labels_path.open("w", encoding="utf-8") as labels,
    ):
        for record, label in iter_stream(settings, facts):
            line = json.dumps(record, ensure_ascii=False) + "\n"
            digest.update(line.encode("utf-8"))
            articles.write(line)
            labels.write(json.dumps(label, ensure_ascii=False) + "\n")
            facts.articles += 1
            facts.characters += len(record["text"])
            facts.undated += "published" not in record
            variants[label["variant"]] = variants.get(label["variant"], 0) + 1
            if not days:
                days.append(label["day"])
        facts.first_day = days[0] if days else ""
        facts.last_day = label["day"] if facts.articles else ""
    facts.variants = dict(sorted(variants.items()))
    facts.sha256 = digest.hexdigest()
    facts_path.write_text(json.dumps(asdict(facts), indent=2) + "\n", encoding="utf-8")
    return articles_path, labels_path, facts


def read_labels(path: Path, limit: int | None = None) -> dict[str, str]:
    """Article id -> event id, for the first ``limit`` articles of the stream."""
    labels: dict[str, str] = {}
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            if limit is not None and len(labels) >= limit:
                break
            record = json.loads(line)
            labels[record["id"]] = record["event"]
    return labels


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args(argv)
    settings = StreamSettings(articles=args.articles, days=args.days, seed=args.seed)
    articles, labels, facts = write_stream(settings)
    print(json.dumps({"articles": str(articles), "labels": str(labels), **asdict(facts)}, indent=2))


if __name__ == "__main__":
    main()
