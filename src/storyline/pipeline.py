"""The only place that runs the stages in order and hands their records to the store.

ingest -> clean -> language -> analyze -> Article -> store

Raw documents are read in the calling process (reading is I/O bound and cheap), grouped into
batches, and each batch goes through clean/language/analyze in a worker process, so the CPU-bound
stages use every core. A batch's articles are written to the store in one transaction; a run killed
half-way leaves whole batches behind, and the next run skips what is already stored.
"""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing
import os
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from storyline.analyze import (
    choose_publication_date,
    find_dates,
    resolve_relative,
    split_sentences,
)
from storyline.clean import clean_batch
from storyline.errors import InputError
from storyline.ingest import IngestSettings, iter_documents
from storyline.language import default_detector
from storyline.model import (
    Article,
    CleanedDocument,
    DateMention,
    LanguageTag,
    PublicationDate,
    RawDocument,
    Rejected,
    Stage,
)
from storyline.store import Store, StoredState

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int], None]

# Lines the cleaner drops as credits ("(c)UNIAN 2021") still date the article.
_DATED_REMOVED_REASONS = frozenset({"credits", "byline", "dateline"})


@dataclass(frozen=True, slots=True)
class RunSettings:
    """How a run reads and processes its inputs."""

    max_bytes: int = IngestSettings().max_bytes
    workers: int = 0  # 0: one per CPU core
    batch_size: int = 128

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
    out_dir: Path | None = None
    files: dict[str, str] = field(default_factory=dict)


def process_batch(documents: Sequence[RawDocument]) -> list[Article | Rejected]:
    """Clean, tag and analyse one batch; runs in a worker process, touches no store."""
    detector = default_detector()
    results: list[Article | Rejected] = []
    for cleaned in clean_batch(documents):
        if isinstance(cleaned, Rejected):
            results.append(cleaned)
            continue
        try:
            tag = detector.detect(cleaned.text, hint=cleaned.raw.lang_hint)
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


def _dates_in_removed_credits(cleaned: CleanedDocument, lang: str) -> list[DateMention]:
    found: list[DateMention] = []
    for line in cleaned.removed:
        if line.reason in _DATED_REMOVED_REASONS:
            found.extend(find_dates(line.text, lang))
    return found


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

    def write(results: list[Article | Rejected]) -> None:
        articles = [r for r in results if isinstance(r, Article)]
        batch_rejected = [r for r in results if isinstance(r, Rejected)] + pending_rejections
        store.add(articles, batch_rejected, run_id)
        rejected.extend(batch_rejected)
        pending_rejections.clear()
        counts["added"] += len(articles)
        tick(len(results))

    documents = iter_documents(paths, IngestSettings(max_bytes=settings.max_bytes))
    batches = _batches(documents, store, settings.batch_size, on_skip, on_reject)
    first = next(batches, None)
    second = next(batches, None) if first is not None else None
    if second is None or settings.worker_count() == 1:
        # Small inputs are not worth starting worker processes for.
        for batch in _chain(first, second, batches):
            write(process_batch(batch))
    else:
        _run_in_workers(_chain(first, second, batches), settings.worker_count(), write)
    if pending_rejections:
        write([])
    return RunResult(
        run_id=run_id,
        added=counts["added"],
        skipped=counts["skipped"],
        rejected=tuple(rejected),
        seconds=time.perf_counter() - started,
    )


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


def _run_in_workers(
    batches: Iterator[list[RawDocument]],
    workers: int,
    write: Callable[[list[Article | Rejected]], None],
) -> None:
    # forkserver: the parent may run a progress-bar thread, and forking a threaded process can
    # deadlock the child; the server preloads storyline so workers start fast.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["storyline.pipeline"])
    in_flight: deque[Future[list[Article | Rejected]]] = deque()
    # Results are written in input order, and at most two batches per worker wait in memory.
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for batch in batches:
            in_flight.append(pool.submit(process_batch, batch))
            if len(in_flight) >= 2 * workers:
                write(in_flight.popleft().result())
        while in_flight:
            write(in_flight.popleft().result())
