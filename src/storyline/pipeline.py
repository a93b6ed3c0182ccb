"""The only place that runs the stages in order and hands their records to the store.

ingest -> clean -> language -> analyze -> Article -> represent -> store -> cluster -> stories

Raw documents are read in the calling process (reading is I/O bound and cheap), grouped into
batches, and each batch goes through clean/language/analyze in a worker process, so the CPU-bound
stages use every core. A batch's articles are written to the store in one transaction; a run killed
half-way leaves whole batches behind, and the next run skips what is already stored.

Grouping into stories runs after the articles are stored, over every stored article in the
clusterer's canonical order, so a run on new files gives exactly the stories a one-shot run on
all files gives; story ids are carried over from the stored stories they overlap most.
"""

from __future__ import annotations

import copyreg
import dataclasses
import datetime as dt
import hashlib
import logging
import multiprocessing
import os
import time
import uuid
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from functools import partial
from operator import attrgetter
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import orjson
from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]  # no type hints

from storyline import model
from storyline.analyze import (
    choose_publication_date,
    find_dates,
    resolve_relative,
    split_sentences,
)
from storyline.clean import clean_batch
from storyline.cluster import OrderedFeed, StoryClusterer, event_window
from storyline.codec import (
    article_from_dict,
    article_to_dict,
    comparison_to_dict,
    provenance_to_dict,
)
from storyline.compare import compare_stories, compare_story
from storyline.errors import InputError
from storyline.ingest import IngestSettings, iter_documents
from storyline.language import default_detector
from storyline.model import (
    Article,
    ArticleFeatures,
    CleanedDocument,
    DateMention,
    LanguageTag,
    PublicationDate,
    RawDocument,
    Rejected,
    RemovedLine,
    Sentence,
    Stage,
    Story,
)
from storyline.provenance import trace_provenance
from storyline.represent import (
    E5Embedder,
    Embedder,
    HashingEmbedder,
    USEEmbedder,
    default_embedder,
    features,
    normalise_rows,
)
from storyline.store import Store, StoredState, StoryDetail

log = logging.getLogger(__name__)

TaskT = TypeVar("TaskT")
ResultT = TypeVar("ResultT")

ProgressCallback = Callable[[int], None]

# Lines the cleaner drops as credits ("(c)UNIAN 2021") still date the article.
_DATED_REMOVED_REASONS = frozenset({"credits", "byline", "dateline"})


@dataclass(frozen=True, slots=True)
class RunSettings:
    """How a run reads and processes its inputs."""

    max_bytes: int = IngestSettings().max_bytes
    workers: int = 0  # 0: one per CPU core
    batch_size: int = 128
    group: bool = True  # represent articles and group them into stories
    embedder: str = "use"  # "use" (default), "e5" (optional extra), "hashing" (no model, tests)

    def worker_count(self) -> int:
        return self.workers if self.workers > 0 else max(1, os.cpu_count() or 1)


@dataclass(frozen=True, slots=True)
class RunResult:
    """What one run did: counts, this run's rejections, and its id in the store."""

    run_id: str
    added: int
    skipped: int
    rejected: tuple[Rejected, ...]
    seconds: float
    stories: int = 0
    out_dir: Path | None = None
    files: dict[str, str] = field(default_factory=dict)
    # Wall seconds of each phase: "ingest" (read, clean, tag, analyse, represent, store),
    # "group" (stories) and "analyse" (every story's "provenance" and "compare", also given).
    phase_seconds: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class BatchOutput:
    """What the workers return for one batch: its records, and the articles' features."""

    items: list[Article | Rejected]
    features: list[ArticleFeatures]


def make_embedder(name: str) -> Embedder:
    if name == "use":
        return default_embedder()
    if name == "e5":
        return E5Embedder()
    if name == "hashing":
        return HashingEmbedder()
    raise ValueError(f"unknown embedder {name!r}: use 'use', 'e5' or 'hashing'")


def process_batch(documents: Sequence[RawDocument], embedder: str | None = "use") -> BatchOutput:
    """Clean, tag, analyse and represent one batch; runs in a worker, touches no store."""
    items = analyse_batch(documents)
    articles = [item for item in items if isinstance(item, Article)]
    if embedder is None or not articles:
        return BatchOutput(items, [])
    return BatchOutput(items, features(articles, make_embedder(embedder)))


def analyse_batch(documents: Sequence[RawDocument]) -> list[Article | Rejected]:
    """Clean, tag and analyse one batch into articles (or rejections)."""
    cleaned_batch = clean_batch(documents)
    texts = [cleaned for cleaned in cleaned_batch if not isinstance(cleaned, Rejected)]
    # One call for the batch: the detector reads all texts together, much faster than one by one.
    tags = iter(
        default_detector().detect_batch(
            [cleaned.text for cleaned in texts], hints=[cleaned.raw.lang_hint for cleaned in texts]
        )
    )
    results: list[Article | Rejected] = []
    for cleaned in cleaned_batch:
        if isinstance(cleaned, Rejected):
            results.append(cleaned)
            continue
        tag = next(tags)
        try:
            results.append(_build_article(cleaned, tag))
        except InputError as exc:
            raw = cleaned.raw
            stage = Stage(exc.stage) if exc.stage in Stage.__members__.values() else Stage.ANALYZE
            results.append(Rejected(raw.id, raw.origin, stage, exc.reason, raw.content_hash))
    return results


def _build_article(cleaned: CleanedDocument, lang_tag: LanguageTag) -> Article:
    raw = cleaned.raw
    text = cleaned.text
    mentions = find_dates(text, lang_tag.code)
    published = _declared_date(raw.published) or _page_date(cleaned.page.published)
    if published is None:
        published = choose_publication_date(
            [*mentions, *_dates_in_removed_credits(cleaned, lang_tag.code)]
        )
    reference = _as_date(published.value) if published else None
    if reference is not None:
        mentions = resolve_relative(mentions, reference)
    return Article(
        id=raw.id,
        content_hash=raw.content_hash,
        origin=raw.origin,
        text=text,
        lang=lang_tag,
        source=raw.source or cleaned.page.site,
        url=raw.url or cleaned.page.canonical_url,
        title=raw.title or cleaned.page.title or _removed_title(cleaned),
        author=cleaned.page.author,
        published=published,
        sentences=split_sentences(text, lang_tag.code),
        dates=mentions,
        removed=cleaned.removed,
        cleaner=cleaned.cleaner,
    )


def _removed_title(cleaned: CleanedDocument) -> str | None:
    """The headline the text cleaner took off the top of a scraped text, if any."""
    return next((line.text.strip() for line in cleaned.removed if line.reason == "title"), None)


def _dates_in_removed_credits(cleaned: CleanedDocument, lang: str) -> tuple[DateMention, ...]:
    """Dates in the credit lines the cleaner dropped; their offsets are not into the text, so
    they serve only as evidence for the publication date."""
    credits = [line.text for line in cleaned.removed if line.reason in _DATED_REMOVED_REASONS]
    return find_dates("\n".join(credits), lang) if credits else ()


def _declared_date(value: str | None) -> PublicationDate | None:
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        log.warning("declared date %r is not ISO 8601; the text decides", value)
        return None
    return PublicationDate(value=parsed.isoformat(), source="metadata")


def _page_date(value: str | None) -> PublicationDate | None:
    if not value:
        return None
    return PublicationDate(value=value, source="page", evidence=value)


def _as_date(value: str) -> dt.date | None:
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None  # a year or a month alone cannot anchor "on Tuesday"


def _batches(
    documents: Iterable[RawDocument | Rejected],
    store: Store,
    size: int,
    on_skip: Callable[[RawDocument], None],
    on_reject: Callable[[Rejected], None],
) -> Iterator[list[RawDocument]]:
    batch: list[RawDocument] = []
    for document in documents:
        if isinstance(document, Rejected):
            on_reject(document)
            continue
        state = store.state_of(document.id, document.content_hash)
        if state is StoredState.SAME:
            on_skip(document)
            continue
        if state is StoredState.CONFLICT:
            on_reject(
                Rejected(
                    document.id,
                    document.origin,
                    Stage.STORE,
                    f"duplicate id: {document.id!r} is already stored with different content",
                    document.content_hash,
                )
            )
            continue
        batch.append(document)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def run_pipeline(
    paths: Sequence[str | Path],
    store: Store,
    settings: RunSettings | None = None,
    progress: ProgressCallback | None = None,
) -> RunResult:
    """Read ``paths`` and add every new article to ``store``; returns what happened."""
    settings = settings or RunSettings()
    started = time.perf_counter()
    run_id = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    rejected: list[Rejected] = []
    pending_rejections: list[Rejected] = []
    counts = {"added": 0, "skipped": 0}

    def tick(n: int = 1) -> None:
        if progress is not None:
            progress(n)

    def on_skip(_: RawDocument) -> None:
        counts["skipped"] += 1
        tick()

    def on_reject(item: Rejected) -> None:
        pending_rejections.append(item)
        tick()

    # Into an empty store, stories are grouped while the workers still read: the feed places
    # articles in the order a one-shot grouping takes them, or says it could not.
    feed = OrderedFeed(StoryClusterer()) if settings.group and not store.count_articles() else None

    def write(output: BatchOutput) -> None:
        articles = [r for r in output.items if isinstance(r, Article)]
        batch_rejected = [r for r in output.items if isinstance(r, Rejected)]
        batch_rejected += pending_rejections
        store.add(articles, batch_rejected, run_id, output.features)
        if feed is not None and output.features:
            feed.add(articles, output.features)
        rejected.extend(batch_rejected)
        pending_rejections.clear()
        counts["added"] += len(articles)
        tick(len(output.items))

    work = partial(process_batch, embedder=settings.embedder if settings.group else None)

    documents = iter_documents(paths, IngestSettings(max_bytes=settings.max_bytes))
    batches = _batches(documents, store, settings.batch_size, on_skip, on_reject)
    first = next(batches, None)
    second = next(batches, None) if first is not None else None
    if second is None or settings.worker_count() == 1:
        # Small inputs are not worth starting worker processes for.
        for batch in _chain(first, second, batches):
            write(work(batch))
    else:
        _run_in_workers(
            _chain(first, second, batches),
            settings.worker_count(),
            work,
            write,
            _prepare_ingest_worker,
        )
    if pending_rejections:
        write(BatchOutput([], []))
    phases = {"ingest": time.perf_counter() - started}
    stories: list[Story] = []
    if feed is not None and feed.finish():
        stories = save_stories(store, feed.clusterer)
    elif settings.group:
        if feed is not None:
            log.info("articles came too far out of time order to group while reading")
        stories = group_stories(store, settings.embedder)
    feed = None  # the clusterer's state is not needed by the story analysis
    phases["group"] = time.perf_counter() - started - phases["ingest"]
    if stories:
        # Sentence vectors a story's provenance computes are cached, so the compare share is
        # its own work on top of them.
        phases.update(analyse_stories(store, stories, settings.embedder, settings.worker_count()))
        phases["analyse"] = time.perf_counter() - started - phases["ingest"] - phases["group"]
    return RunResult(
        run_id=run_id,
        added=counts["added"],
        skipped=counts["skipped"],
        rejected=tuple(rejected),
        seconds=time.perf_counter() - started,
        stories=len(stories),
        phase_seconds={name: round(seconds, 3) for name, seconds in phases.items()},
    )


# Articles are read back from the store this many at a time to be grouped.
GROUPING_CHUNK = 1000


def group_stories(store: Store, embedder: str = "use") -> list[Story]:
    """Group every stored article into stories and store them; returns the stories.

    The articles are read twice, never all held at once: first for their event times (the
    canonical order), then in that order, a chunk at a time. Articles stored without features
    for this embedder (stored by an older version, or with grouping off) are represented now.
    """
    clusterer = StoryClusterer()
    order = clusterer.canonical_order((a.id, event_window(a)) for a in store.articles())
    if not order:
        store.save_stories([])
        return []
    model = make_embedder(embedder)
    isolated = {article_id for article_id, alone in order if alone}
    for start in range(0, len(order), GROUPING_CHUNK):
        ids = [article_id for article_id, _ in order[start : start + GROUPING_CHUNK]]
        articles = [a for a in map(store.article, ids) if a is not None]
        known = store.features_of(model.name, ids)
        missing = [a for a in articles if a.id not in known]
        if missing:
            computed = features(missing, model)
            store.add([], [], "represent", computed)
            known.update((f.article_id, f) for f in computed)
        clusterer.fit_in_order(articles, [known[a.id] for a in articles], isolated)
    return save_stories(store, clusterer)


def save_stories(store: Store, clusterer: StoryClusterer) -> list[Story]:
    """Refine what ``clusterer`` grouped, keep the stored stories' ids, store and return them."""
    stories = carry_over_ids(clusterer.refine().stories(), store.stories())
    store.save_stories(stories)
    return stories


# Bump when provenance or comparison output changes shape or meaning: stored results of an
# older version are then recomputed instead of reused.
STORY_ANALYSIS_VERSION = "3"


class StoreCachedEmbed:
    """An ``embed`` callable for the story stages that remembers every vector in the store.

    Provenance and comparison both embed a story's sentences; the second asks for what the first
    already computed, and a later run asks again for the unchanged stories' texts. Vectors are
    keyed by the model and a hash of the text.
    """

    def __init__(self, store: Store, embedder: Embedder) -> None:
        self.store = store
        self.embedder = embedder
        self.embedded = 0

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        keys = [hashlib.blake2b(t.encode("utf-8"), digest_size=16).hexdigest() for t in texts]
        known = self.store.text_vectors(self.embedder.name, keys)
        missing = {key: text for key, text in zip(keys, texts, strict=True) if key not in known}
        if missing:
            fresh = normalise_rows(self.embedder.embed(list(missing.values())))
            computed = dict(zip(missing, fresh.astype(np.float32), strict=True))
            self.store.add_text_vectors(self.embedder.name, computed)
            known.update(computed)
            self.embedded += len(computed)
        return np.vstack([known[key] for key in keys])


@dataclass(frozen=True, slots=True)
class _StoryWork:
    """One story to analyse, as it travels to a worker (articles as JSON, cheap to pickle)."""

    story_id: str
    members_hash: str
    articles: tuple[bytes, ...]


@dataclass(frozen=True, slots=True)
class _StoryOutcome:
    story_id: str
    members_hash: str
    provenance: dict[str, Any] | None
    comparison: dict[str, Any]
    seconds: tuple[float, float]  # provenance, compare


def _analyse_story(
    story_id: str,
    articles: Sequence[Article],
    embed: Callable[[Sequence[str]], np.ndarray],
    model: Embedder,
    members_hash: str,
) -> _StoryOutcome:
    provenance_payload, origin_of, traced = _trace_story(story_id, articles, embed, model)
    started = time.perf_counter()
    comparison = compare_story(articles, embed, origin_of, story_id=story_id, model=model.name)
    seconds = (traced, time.perf_counter() - started)
    return _StoryOutcome(
        story_id, members_hash, provenance_payload, comparison_to_dict(comparison), seconds
    )


def _trace_story(
    story_id: str,
    articles: Sequence[Article],
    embed: Callable[[Sequence[str]], np.ndarray],
    model: Embedder,
) -> tuple[dict[str, Any] | None, dict[str, str] | None, float]:
    """The story's provenance payload, its articles' origins and the seconds it took."""
    # A lone article has no provenance to trace, but its quotes are still worth listing.
    if len(articles) < 2:
        return None, {articles[0].id: articles[0].id} if articles else None, 0.0
    started = time.perf_counter()
    provenance = trace_provenance(
        articles, embed, story_id, model.name, getattr(model, "languages", None)
    )
    payload = provenance_to_dict(provenance)
    return payload, provenance.origin_of(), time.perf_counter() - started


class _MemoryCachedEmbed:
    """A worker's ``embed``: vectors remembered by text for the stories of one task."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder
        self.vectors: dict[str, np.ndarray] = {}

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        missing = [text for text in dict.fromkeys(texts) if text not in self.vectors]
        if missing:
            fresh = normalise_rows(self.embedder.embed(missing)).astype(np.float32)
            self.vectors.update(zip(missing, fresh, strict=True))
        return np.vstack([self.vectors[text] for text in texts])


def _analyse_in_worker(works: Sequence[_StoryWork], embedder: str) -> list[_StoryOutcome]:
    model = make_embedder(embedder)
    embed = _MemoryCachedEmbed(model)
    stories = [[article_from_dict(orjson.loads(raw)) for raw in work.articles] for work in works]
    traced = [
        _trace_story(work.story_id, articles, embed, model)
        for work, articles in zip(works, stories, strict=True)
    ]
    # The task's stories are compared together: the texts they need go to the encoder in two
    # batches instead of two per story. Their seconds are shared out by article count.
    started = time.perf_counter()
    comparisons = compare_stories(
        [
            (work.story_id, articles, origin_of)
            for work, articles, (_, origin_of, _) in zip(works, stories, traced, strict=True)
        ],
        embed,
        model.name,
    )
    share = (time.perf_counter() - started) / max(sum(map(len, stories)), 1)
    return [
        _StoryOutcome(
            work.story_id,
            work.members_hash,
            payload,
            comparison_to_dict(comparison),
            (seconds, share * len(articles)),
        )
        for work, articles, (payload, _, seconds), comparison in zip(
            works, stories, traced, comparisons, strict=True
        )
    ]


# Stories are sent to workers in tasks of about this many articles: enough to amortise the
# round trip, few enough that both workers stay busy to the end.
ANALYSIS_TASK_ARTICLES = 200


def analyse_stories(
    store: Store, stories: Sequence[Story], embedder: str = "use", workers: int = 1
) -> dict[str, float]:
    """Trace provenance of every story with two or more articles and compare every story's
    sources (a one-article story still gets its quotes listed).

    A story whose articles (and their contents) are unchanged since the stored result keeps it;
    results are found by the members' fingerprint, so a story whose id changed is not redone.
    With ``workers`` > 1 stories are analysed in that many processes (each with its own vector
    cache); in one process sentence vectors are cached in the store for later runs. Returns the
    seconds spent tracing provenance and comparing, summed over the processes.
    """
    model_name = make_embedder(embedder).name
    parts = ("provenance", "comparison")
    # Fingerprints only: the payloads of a big store do not fit in memory all at once.
    story_of: dict[str, dict[str, str]] = {}
    for part in parts:
        hashes = store.story_detail_hashes(part)
        story_of[part] = {members_hash: story_id for story_id, members_hash in hashes.items()}
    # Only the stories and fingerprints are kept: their articles are read again when analysed.
    todo: list[tuple[Story, str]] = []
    # Unchanged stories whose id changed keep their results under the new id.
    moved: dict[str, list[StoryDetail]] = {part: [] for part in parts}
    for story in stories:
        members_hash = _members_hash(_stored_articles(store, story), model_name)
        found = {part: story_of[part].get(members_hash) for part in parts}
        alone = len(story.members) < 2
        if found["comparison"] is None or (found["provenance"] is None and not alone):
            todo.append((story, members_hash))
            continue
        for part, old_id in found.items():
            if old_id is not None and old_id != story.id:
                detail = store.story_detail(part, old_id)
                if detail is not None:
                    moved[part].append(StoryDetail(story.id, members_hash, detail.payload))
    for part, details in moved.items():
        store.update_story_details(part, details)
    seconds = [0.0, 0.0]

    def save(outcomes: Sequence[_StoryOutcome]) -> None:
        store.update_story_details(
            "provenance",
            [
                StoryDetail(o.story_id, o.members_hash, o.provenance)
                for o in outcomes
                if o.provenance is not None
            ],
        )
        store.update_story_details(
            "comparison",
            [StoryDetail(o.story_id, o.members_hash, o.comparison) for o in outcomes],
        )
        for outcome in outcomes:
            seconds[0] += outcome.seconds[0]
            seconds[1] += outcome.seconds[1]

    if workers > 1 and sum(len(story.members) for story, _ in todo) > ANALYSIS_TASK_ARTICLES:
        _analyse_in_pool(store, todo, embedder, workers, save)
    elif todo:
        # One process: the encoder may use every core, and vectors are kept in the store.
        model = (
            USEEmbedder(threads=os.cpu_count() or 1)
            if embedder == "use"
            else make_embedder(embedder)
        )
        embed = StoreCachedEmbed(store, model)
        for story, members_hash in todo:
            articles = _stored_articles(store, story)
            save([_analyse_story(story.id, articles, embed, model, members_hash)])
    store.keep_story_details([story.id for story in stories])
    log.info("story analysis: %d stories, %d analysed", len(stories), len(todo))
    return {"provenance": seconds[0], "compare": seconds[1]}


def _stored_articles(store: Store, story: Story) -> list[Article]:
    return [a for a in map(store.article, story.article_ids) if a is not None]


def _analyse_in_pool(
    store: Store,
    todo: Sequence[tuple[Story, str]],
    embedder: str,
    workers: int,
    save: Callable[[Sequence[_StoryOutcome]], None],
) -> None:
    def tasks() -> Iterator[list[_StoryWork]]:
        task: list[_StoryWork] = []
        size = 0
        for story, members_hash in todo:
            articles = _stored_articles(store, story)
            raw = tuple(orjson.dumps(article_to_dict(a)) for a in articles)
            task.append(_StoryWork(story.id, members_hash, raw))
            size += len(articles)
            if size >= ANALYSIS_TASK_ARTICLES:
                yield task
                task, size = [], 0
        if task:
            yield task

    work = partial(_analyse_in_worker, embedder=embedder)
    _run_in_workers(tasks(), workers, work, save, _one_blas_thread)


def _members_hash(articles: Sequence[Article], model_name: str) -> str:
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{STORY_ANALYSIS_VERSION}|{model_name}".encode())
    for article in sorted(articles, key=lambda a: a.id):
        digest.update(f"|{article.id}:{article.content_hash}".encode())
    return digest.hexdigest()


def carry_over_ids(stories: list[Story], previous: list[Story]) -> list[Story]:
    """Give each new story the id of the stored story it shares most articles with."""
    old_story_of = {m.article_id: story.id for story in previous for m in story.members}
    # Only the (new, old) pairs that share an article: linear in the articles, not in
    # new stories x old stories.
    overlaps = sorted(
        (
            (shared, old_id, index)
            for index, story in enumerate(stories)
            for old_id, shared in Counter(
                old_story_of[m.article_id] for m in story.members if m.article_id in old_story_of
            ).items()
        ),
        key=lambda item: (-item[0], item[1], item[2]),
    )
    renamed: dict[int, str] = {}
    used: set[str] = set()
    for _, old_id, index in overlaps:
        if index not in renamed and old_id not in used:
            renamed[index] = old_id
            used.add(old_id)
    result = []
    for index, story in enumerate(stories):
        if index in renamed:
            result.append(replace(story, id=renamed[index]))
        elif story.id in used:  # its founder-based id went to the story it split from
            result.append(replace(story, id=f"{story.id}-{index}"))
        else:
            result.append(story)
    return result


def _chain(
    first: list[RawDocument] | None,
    second: list[RawDocument] | None,
    rest: Iterator[list[RawDocument]],
) -> Iterator[list[RawDocument]]:
    if first is not None:
        yield first
    if second is not None:
        yield second
    yield from rest


def _one_blas_thread() -> None:
    """Worker initializer: one BLAS thread per worker process. There is a worker per core, and
    BLAS threads of two processes spinning on the same cores over small matrices cost more than
    they give (the comparison's matrices: 3.1 -> 1.0 ms CPU an article on one thread)."""
    threadpool_limits(limits=1)


def _prepare_ingest_worker() -> None:
    _one_blas_thread()
    _pickle_records_by_fields()


def _pickle_records_by_fields() -> None:
    """Worker initializer: pickle storyline's records as their class and field values.

    dataclasses pickle a frozen slotted record through Python-level ``__getstate__`` and
    ``__setstate__`` calls per object; a batch's articles carry hundreds of removed lines,
    sentences and dates each, so sending them back cost ~0.7 ms an article in the worker and as
    much in the writing process. Pickled as ``(class, field values)`` they are read back by the
    plain constructor (every field is an ``__init__`` argument), about half the cost on each
    side. Registered in worker processes only, which storyline owns.
    """
    records = [
        value
        for value in vars(model).values()
        if isinstance(value, type) and dataclasses.is_dataclass(value)
    ]
    for record in [*records, BatchOutput]:
        names = [f.name for f in dataclasses.fields(record)]
        if all(f.init for f in dataclasses.fields(record)) and names:
            copyreg.pickle(record, partial(_record_by_fields, fields=attrgetter(*names)))
    # An article's removed lines and sentences go as columns and are rebuilt in one map each.
    copyreg.pickle(Article, _article_by_columns)


def _record_by_fields(record: object, fields: attrgetter[Any]) -> tuple[type, tuple[object, ...]]:
    values = fields(record)
    return type(record), values if isinstance(values, tuple) else (values,)


_ARTICLE_FIELDS = attrgetter(*(f.name for f in dataclasses.fields(Article)))
_ARTICLE_REMOVED = [f.name for f in dataclasses.fields(Article)].index("removed")
_ARTICLE_SENTENCES = [f.name for f in dataclasses.fields(Article)].index("sentences")
_REMOVED_COLUMNS = [attrgetter(f.name) for f in dataclasses.fields(RemovedLine)]
_SENTENCE_COLUMNS = [attrgetter(f.name) for f in dataclasses.fields(Sentence)]


def _article_by_columns(
    article: Article,
) -> tuple[Callable[..., Article], tuple[object, ...]]:
    values = list(_ARTICLE_FIELDS(article))
    values[_ARTICLE_REMOVED] = [list(map(c, article.removed)) for c in _REMOVED_COLUMNS]
    values[_ARTICLE_SENTENCES] = [list(map(c, article.sentences)) for c in _SENTENCE_COLUMNS]
    return _article_from_columns, tuple(values)


def _article_from_columns(*values: Any) -> Article:
    fields = list(values)
    fields[_ARTICLE_REMOVED] = tuple(map(RemovedLine, *fields[_ARTICLE_REMOVED]))
    fields[_ARTICLE_SENTENCES] = tuple(map(Sentence, *fields[_ARTICLE_SENTENCES]))
    return Article(*fields)


def _run_in_workers(
    tasks: Iterable[TaskT],
    workers: int,
    work: Callable[[TaskT], ResultT],
    write: Callable[[ResultT], None],
    initializer: Callable[[], None],
) -> None:
    """Run ``work`` on each task in ``workers`` processes and ``write`` the results in order."""
    # forkserver: the parent may run a progress-bar thread, and forking a threaded process can
    # deadlock the child; the server preloads storyline so workers start fast.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["storyline.pipeline"])
    in_flight: deque[Future[ResultT]] = deque()
    # Results are written in input order, and at most two tasks per worker wait in memory.
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=initializer
    ) as pool:
        for task in tasks:
            in_flight.append(pool.submit(work, task))
            if len(in_flight) >= 2 * workers:
                write(in_flight.popleft().result())
        while in_flight:
            write(in_flight.popleft().result())
