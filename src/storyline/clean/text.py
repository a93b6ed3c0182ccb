"""Clean already-extracted text: drop page chrome and reader comments line by line.

The input is text someone scraped from a page: the article plus navigation ("Skip to main
content"), share buttons, doubled photo captions, "Top Stories" lists, comment threads and comment
forms. No markup survives, so the cleaner decides from the lines themselves:

1. ``text_features`` describes every non-blank line with language-independent numbers (length,
   punctuation, capitalisation, position, repetition, term overlap with the document's prose,
   multilingual marker words, the same for its neighbours).
2. ``text_model`` scores each line (probability of article body) in two passes; the second pass
   sees the first-pass scores around the line and the document's densest run of body.
3. Rules on top of the scores, each for a layout fact the line model cannot see on its own:
   a line that says the same thing twice (a caption rendered twice) goes; full paragraphs right
   above the body are the lead and stay; short credit lines ("(c)UNIAN 2021", "Source: aajtak")
   go as credits; unmarked lines between kept lines (section headings) stay; a headline-shaped
   first line goes to ``page.title``; a comment thread (two or more "Reply" / "Liked by" lines
   after the body) and a "Top Stories" / "Mehr zum Thema" heading after the body end it; a wire
   credit closing the body ("(Reporting by ..., editing by ...)") stays; a line that recurs across
   documents of the same source in the batch (a footer) goes whatever the score.

Policy choices: the headline is not body (it is removed with reason "title" and offered as the
page title when the input had none), and "Source: ..." lines are credits, removed from the text
but kept in ``removed`` where provenance can read them.

Every dropped line becomes a ``RemovedLine`` with a reason label, so nothing is lost: the date
stage reads "(c)UNIAN 2021" from the removed credits, provenance reads "Source: ..." lines there.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from storyline.clean.text_features import (
    OWN_FEATURES,
    BatchLines,
    LineFeatures,
    line_features,
    split_batch,
)
from storyline.clean.text_markers import MARKER_CATEGORIES, REASONS
from storyline.clean.text_model import LineModel, load_model
from storyline.errors import ConfigurationError, NoArticleError
from storyline.model import (
    CleanedDocument,
    ContentKind,
    PageMetadata,
    RawDocument,
    Rejected,
    RemovedLine,
    Stage,
)

log = logging.getLogger(__name__)

BoolArray = npt.NDArray[np.bool_]

_COMMENT = MARKER_CATEGORIES.index("comment")
_COMMENT_FORM = MARKER_CATEGORIES.index("comment_form")
_CREDITS = MARKER_CATEGORIES.index("credits")
_RELATED = MARKER_CATEGORIES.index("related")
_RELATED_TAIL_SHARE = 0.5  # kept text after a related-links heading, relative to before it
_AFTER_COMMENT = OWN_FEATURES.index("after_comment_heading")
_AFTER_COMMENT_FORM = OWN_FEATURES.index("after_comment_form_heading")
_ENDS_SENTENCE = OWN_FEATURES.index("ends_sentence")
_THREAD_SIGNALS = 2  # one "Comments" link is navigation; a thread repeats "Reply", "Liked by"
_BULLET = OWN_FEATURES.index("starts_with_bullet")
_SHORT_LINE_WORDS = 8
_TITLE_WORDS = (3, 25)
_LEAD_MIN_WORDS = 15
_CHROME_LINE_WORDS = 3
_CREDIT_LINE_WORDS = 4  # "(c)UNIAN 2021", "Source: aajtak", "Foto: dpa"


@dataclass(frozen=True, slots=True)
class _Decision:
    keep: npt.NDArray[np.bool_]
    reasons: npt.NDArray[np.object_]  # why each line would be dropped (read for dropped lines)
    scores: npt.NDArray[np.float64]  # probability that the line is not article body


class TextCleaner:
    """Line classifier for plain text with chrome; see the module docstring.

    ``threshold``: keep a line when its body probability reaches it (default: the trained one).
    ``source_repeat_min_docs`` / ``source_repeat_share``: a line found in at least this many
    documents, and this share of the documents, of one source in a batch is boilerplate.
    ``min_body_chars``: fewer kept characters than this means no article remains.
    ``chunk_size``: documents scored together: enough to amortise numpy's per-call cost, few
    enough that the arrays stay in cache (8 was fastest on whole pages of ~22 kB).
    """

    def __init__(
        self,
        *,
        threshold: float | None = None,
        source_repeat_min_docs: int = 3,
        source_repeat_share: float = 0.5,
        min_body_chars: int = 40,
        chunk_size: int = 8,
    ) -> None:
        self.model: LineModel = load_model()
        self.threshold = self.model.threshold if threshold is None else threshold
        self.source_repeat_min_docs = source_repeat_min_docs
        self.source_repeat_share = source_repeat_share
        self.min_body_chars = min_body_chars
        self.chunk_size = chunk_size

    @property
    def name(self) -> str:
        return f"text:{self.model.version}"

    def clean_batch(self, documents: Sequence[RawDocument]) -> list[CleanedDocument | Rejected]:
        """Clean a batch; lines repeated across documents of one source count as boilerplate."""
        boilerplate = self._source_boilerplate(documents)
        results: list[CleanedDocument | Rejected] = []
        for start in range(0, len(documents), self.chunk_size):
            chunk = documents[start : start + self.chunk_size]
            for document, outcome in zip(chunk, self._clean_chunk(chunk, boilerplate), strict=True):
                if isinstance(outcome, NoArticleError):
                    results.append(
                        Rejected(
                            id=document.id,
                            origin=document.origin,
                            stage=Stage.CLEAN,
                            reason=outcome.reason,
                            content_hash=document.content_hash,
                        )
                    )
                else:
                    results.append(outcome)
        return results

    def clean(self, document: RawDocument) -> CleanedDocument:
        """Clean one document on its own (no cross-document statistics); raise NoArticleError."""
        outcome = self._clean_chunk([document], set())[0]
        if isinstance(outcome, NoArticleError):
            raise outcome
        return outcome

    def _source_boilerplate(self, documents: Sequence[RawDocument]) -> set[tuple[str, str]]:
        """(source, line) pairs that recur in enough documents of that source."""
        by_source: dict[str, list[RawDocument]] = defaultdict(list)
        for document in documents:
            if document.source:
                by_source[document.source].append(document)
        repeated: set[tuple[str, str]] = set()
        for source, members in by_source.items():
            if len(members) < self.source_repeat_min_docs:
                continue
            counts: Counter[str] = Counter()
            # The same article sent twice must not turn its own paragraphs into boilerplate.
            for body in {document.body for document in members}:
                counts.update({line.strip() for line in body.splitlines()} - {""})
            needed = max(self.source_repeat_min_docs, self.source_repeat_share * len(members))
            repeated.update((source, line) for line, count in counts.items() if count >= needed)
        return repeated

    def _clean_chunk(
        self, documents: Sequence[RawDocument], boilerplate: set[tuple[str, str]]
    ) -> list[CleanedDocument | NoArticleError]:
        for document in documents:
            if document.kind is not ContentKind.TEXT:
                raise ConfigurationError(
                    f"TextCleaner cleans text, got a {document.kind} document: {document.id}"
                )
        batch = split_batch([document.body for document in documents])
        outcomes: list[CleanedDocument | NoArticleError] = []
        if not batch.lines:
            return [self._no_article(document) for document in documents]
        features = line_features(batch)
        body_probability = self.model.score(features.matrix, batch.doc_starts, features.chars)
        for d, document in enumerate(documents):
            start, end = int(batch.doc_starts[d]), int(batch.doc_starts[d + 1])
            decision = self._decide(
                batch, features, body_probability, start, end, document, boilerplate
            )
            outcomes.append(self._assemble(document, batch, decision, start, end))
        return outcomes

    def _decide(
        self,
        batch: BatchLines,
        features: LineFeatures,
        body_probability: npt.NDArray[np.float64],
        start: int,
        end: int,
        document: RawDocument,
        boilerplate: set[tuple[str, str]],
    ) -> _Decision:
        probability = body_probability[start:end]
        keep = probability >= self.threshold
        keep &= ~features.self_doubled[start:end]
        self._extend_body_upwards(keep, features, start)
        credit_lines = (features.markers[start:end, _CREDITS] > 0) & (
            features.words[start:end] <= _CREDIT_LINE_WORDS
        )
        keep &= ~credit_lines
        # "Share", "Teilen", "Leave a Reply", "Top Stories": every word a chrome marker.
        marker_hits = features.markers[start:end].sum(axis=1)
        words = features.words[start:end]
        keep &= ~((words <= _CHROME_LINE_WORDS) & (marker_hits >= words))
        self._fill_body_gaps(keep, features, start)
        keep &= ~features.self_doubled[start:end]
        headline = self._headline(keep, features, start)
        if headline is not None:
            keep[headline] = False
        comments_from = self._cut_comment_section(keep, features, start)
        self._cut_related_section(keep, features, start)
        self._keep_closing_credit(keep, features, start)
        size = end - start
        doubled = features.self_doubled[start:end]
        repeated = np.zeros(size, dtype=bool)
        if boilerplate and document.source:
            source = document.source
            repeated[:] = [(source, line) in boilerplate for line in batch.lines[start:end]]
            if (keep & ~repeated).any():  # a footer rule must not erase a whole article
                keep &= ~repeated
            else:
                repeated[:] = False
        reasons = self._reasons(features, start, end, keep, comments_from)
        reasons[doubled] = "caption-repeat"
        reasons[repeated & ~doubled] = "repeated-across-source"
        return _Decision(keep, reasons, 1.0 - probability)

    @staticmethod
    def _extend_body_upwards(
        keep: npt.NDArray[np.bool_], features: LineFeatures, start: int
    ) -> None:
        """Keep full paragraphs directly above the body: a news article's lead belongs to it.

        The model, trained on pages whose hand-made body often leaves out the teaser under the
        headline, tends to drop the first paragraph of a news story; a news reader wants it.
        Only unmarked lines of sentence prose qualify, so a caption or "Share" stops the walk.
        """
        kept_positions = np.flatnonzero(keep)
        if kept_positions.size == 0:
            return
        offset = int(kept_positions[0]) - 1
        while offset >= 0:
            line = start + offset
            prose = (
                features.matrix[line, _ENDS_SENTENCE] > 0
                and features.words[line] >= _LEAD_MIN_WORDS
                and not features.markers[line].any()
                and not features.self_doubled[line]
            )
            if not prose:
                return
            keep[offset] = True
            offset -= 1

    @staticmethod
    def _headline(keep: npt.NDArray[np.bool_], features: LineFeatures, start: int) -> int | None:
        """The first kept line when it is a headline above the body: it goes to the page title.

        A headline is not body (the benchmarks' hand-made bodies leave it out too): a first kept
        line of 3-25 unmarked words, not ending like a sentence, followed by kept prose.
        """
        kept_positions = np.flatnonzero(keep)
        if kept_positions.size < 2:
            return None
        first = int(kept_positions[0])
        line = start + first
        words = int(features.words[line])
        shaped = (
            _TITLE_WORDS[0] <= words <= _TITLE_WORDS[1]
            and not features.matrix[line, _ENDS_SENTENCE]
            and not features.markers[line].any()
        )
        next_line = start + int(kept_positions[1])
        if (
            shaped
            and features.matrix[next_line, _ENDS_SENTENCE]
            and features.words[next_line] > words
        ):
            return first
        return None

    def _fill_body_gaps(
        self,
        keep: npt.NDArray[np.bool_],
        features: LineFeatures,
        start: int,
    ) -> None:
        """Inside the body, keep unmarked lines that sit between kept lines.

        A body is contiguous: a line the model doubts between two kept paragraphs is far more
        likely a short paragraph or a section heading than chrome, unless it carries markers.
        (Keeping every doubtful line inside the body instead lowered F1 on WCXB dev.)
        """
        kept_positions = np.flatnonzero(keep)
        if kept_positions.size < 2:
            return
        first, last = int(kept_positions[0]), int(kept_positions[-1])
        inside = np.arange(first, last + 1)
        lines = start + inside
        unmarked = features.markers[lines].sum(axis=1) == 0
        # A line between kept lines (a credit line like "Source: ..." may sit between them too):
        # a short paragraph or a section heading.
        before_kept = keep[inside[:-2]] | (features.markers[lines[:-2], _CREDITS] > 0)
        between = np.zeros(inside.size, dtype=bool)
        between[1:-1] = keep[inside[2:]] & before_kept
        keep[inside] |= unmarked & between

    @staticmethod
    def _cut_comment_section(
        keep: npt.NDArray[np.bool_], features: LineFeatures, start: int
    ) -> int:
        """Once a comment thread starts after the body, everything after it is comments.

        The thread is recognised by its signals ("Liked by 4 people", "Reply", "Leave a Reply");
        it starts at the article's closing credit ("(c)UNIAN 2021") if there is one before the
        first signal, else at the first bulleted line after the body, else at the signal's line
        before it. Guarded so a "12 comments" link under the headline cannot cut the article.
        """
        size = keep.size
        kept_positions = np.flatnonzero(keep)
        if kept_positions.size == 0:
            return size
        first_kept = int(kept_positions[0])
        lines = start + np.arange(size)
        signal = (features.markers[lines, _COMMENT] > 0) & (features.words[lines] <= 6)
        signal[: first_kept + 1] = False
        signals = np.flatnonzero(signal)
        if signals.size < _THREAD_SIGNALS:
            return size
        first_signal = int(signals[0])
        cut = max(first_signal - 1, first_kept + 1)
        credits = (features.markers[lines, _CREDITS] > 0) & (features.words[lines] <= 4)
        closing = np.flatnonzero(credits[first_kept + 1 : first_signal])
        if closing.size:
            cut = first_kept + 1 + int(closing[-1])
        else:
            for offset in range(first_kept + 1, first_signal):
                if features.matrix[start + offset, _BULLET] and not keep[offset - 1]:
                    cut = offset
                    break
        kept_chars = features.chars[start : start + size] * keep
        if kept_chars[cut:].sum() >= kept_chars[:cut].sum():
            return size
        keep[cut:] = False
        return cut

    @staticmethod
    def _cut_related_section(
        keep: npt.NDArray[np.bool_], features: LineFeatures, start: int
    ) -> None:
        """A "Top Stories" / "Read more" / "Mehr zum Thema" heading after the body ends it.

        Only a short heading line counts, and only when what follows it is small next to the
        body before it, so an inline "Read more: ..." link in the middle of an article cannot
        cut the article in two.
        """
        size = keep.size
        lines = start + np.arange(size)
        kept_positions = np.flatnonzero(keep)
        if kept_positions.size < 2:
            return
        heading = (features.markers[lines, _RELATED] > 0) & (features.words[lines] <= 5)
        heading[: int(kept_positions[0]) + 1] = False
        kept_chars = features.chars[lines] * keep
        total = kept_chars.sum()
        before = np.cumsum(kept_chars) - kept_chars
        candidates = np.flatnonzero(heading & (total - before < _RELATED_TAIL_SHARE * before))
        if candidates.size:
            keep[int(candidates[0]) :] = False

    @staticmethod
    def _keep_closing_credit(
        keep: npt.NDArray[np.bool_], features: LineFeatures, start: int
    ) -> None:
        """Keep a wire credit that closes the body, e.g. "(Reporting by ..., editing by ...)".

        It belongs to the article (and names its provenance); a lone "(c)UNIAN 2021" does not
        count here: it needs two credit words in a line of at least four words.
        """
        kept_positions = np.flatnonzero(keep)
        if kept_positions.size == 0 or kept_positions[-1] + 1 >= keep.size:
            return
        following = int(kept_positions[-1]) + 1
        line = start + following
        if features.markers[line, _CREDITS] >= 2 and 4 <= features.words[line] <= 30:
            keep[following] = True

    @staticmethod
    def _reasons(
        features: LineFeatures, start: int, end: int, keep: BoolArray, comments_from: int
    ) -> npt.NDArray[np.object_]:
        """A label per line saying why it would be dropped: its markers first, then its place."""
        size = end - start
        markers = features.markers[start:end]
        row = features.matrix[start:end]
        words = features.words[start:end]
        offset = np.arange(size)
        kept_positions = np.flatnonzero(keep)
        first_kept = int(kept_positions[0]) if kept_positions.size else size
        last_kept = int(kept_positions[-1]) if kept_positions.size else -1
        short = words <= _SHORT_LINE_WORDS
        after_body = offset > last_kept
        after_comment = row[:, _AFTER_COMMENT] > 0
        marker_reason = np.array([REASONS[name] for name in MARKER_CATEGORIES], dtype=object)
        title_shaped = (
            (words >= _TITLE_WORDS[0]) & (words <= _TITLE_WORDS[1]) & (row[:, _ENDS_SENTENCE] == 0)
        )
        conditions = [
            short & (markers[:, _CREDITS] > 0) & ~after_comment,
            (row[:, _AFTER_COMMENT_FORM] > 0) | ((markers[:, _COMMENT_FORM] > 0) & after_body),
            (offset >= comments_from) | (after_body & (after_comment | (markers[:, _COMMENT] > 0))),
            short & markers.any(axis=1),
            (offset < first_kept) & title_shaped,
            offset < first_kept,
            after_body,
            short,
        ]
        choices = [
            REASONS["credits"],
            REASONS["comment_form"],
            REASONS["comment"],
            marker_reason[np.argmax(markers, axis=1)] if size else marker_reason[:0],
            "title",
            "navigation",
            "related-links",
            "short-fragment",
        ]
        reasons: npt.NDArray[np.object_] = np.select(conditions, choices, default="boilerplate")
        return reasons

    def _assemble(
        self,
        document: RawDocument,
        batch: BatchLines,
        decision: _Decision,
        start: int,
        end: int,
    ) -> CleanedDocument | NoArticleError:
        lines = batch.lines[start:end]
        numbers = batch.line_numbers[start:end]
        kept = [line for line, keep in zip(lines, decision.keep.tolist(), strict=True) if keep]
        scores = np.round(decision.scores, 4).tolist()
        title: str | None = None
        removed: list[RemovedLine] = []
        for offset in np.flatnonzero(~decision.keep).tolist():
            reason = decision.reasons[offset]
            if reason == "title":
                if title is None and document.title is None:
                    title = lines[offset]
                else:
                    reason = "navigation"
            removed.append(RemovedLine(lines[offset], reason, numbers[offset], scores[offset]))
        text = "\n".join(kept)
        if sum(map(len, kept)) < self.min_body_chars:
            return self._no_article(document)
        return CleanedDocument(
            raw=document,
            text=text,
            removed=tuple(removed),
            page=PageMetadata(title=title),
            cleaner=self.name,
        )

    def _no_article(self, document: RawDocument) -> NoArticleError:
        log.debug("no article body left in %s", document.id)
        return NoArticleError(
            "no article body remains once page chrome and comments are removed",
            article_id=document.id,
            stage=Stage.CLEAN,
        )
