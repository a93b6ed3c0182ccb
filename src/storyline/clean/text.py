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
from itertools import compress
from operator import not_

import numpy as np
import numpy.typing as npt

from storyline.clean.text_features import (
    OWN_FEATURES,
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
IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

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


# Reasons for a dropped line: one per condition of TextCleaner._reasons, in its order (the first
# that holds wins), then one per marker category, then the two that override all others.
_MARKED_CHOICE = 3
_CHOICE_LABELS = (
    REASONS["credits"],
    REASONS["comment_form"],
    REASONS["comment"],
    "",  # _MARKED_CHOICE: replaced by the line's marker category
    "title",
    "navigation",
    "related-links",
    "short-fragment",
    "boilerplate",
    *(REASONS[name] for name in MARKER_CATEGORIES),
    "repeated-across-source",
    "caption-repeat",
)
_MARKER_CHOICES = _CHOICE_LABELS.index("boilerplate") + 1
_REPEATED_CHOICE = len(_CHOICE_LABELS) - 2
_DOUBLED_CHOICE = len(_CHOICE_LABELS) - 1


@dataclass(frozen=True, slots=True)
class _LineFacts:
    """Per-line tests the layout rules ask about, computed once for a whole chunk of lines.

    Asking them per document cost more in numpy call overhead than the tests themselves.
    """

    words: IntArray
    chars: FloatArray
    doubled: BoolArray
    unmarked: BoolArray
    credit: BoolArray  # any credit marker word
    short_credit: BoolArray  # "(c)UNIAN 2021", "Source: aajtak", "Foto: dpa"
    closing_credit: BoolArray  # "(Reporting by ..., editing by ...)"
    chrome: BoolArray  # a line of a few words, every one a chrome marker
    lead_prose: BoolArray  # an unmarked line of sentence prose, long enough to be a lead
    title_shaped: BoolArray
    ends_sentence: BoolArray
    bullet: BoolArray
    comment_signal: BoolArray  # "Reply", "Liked by 4 people"
    related_heading: BoolArray  # "Top Stories", "Mehr zum Thema"
    after_comment: BoolArray
    after_comment_form: BoolArray

    @classmethod
    def of(cls, features: LineFeatures) -> _LineFacts:
        markers = features.markers
        words = features.words
        marker_hits = markers.sum(axis=1)
        unmarked = marker_hits == 0
        credit = markers[:, _CREDITS] > 0
        ends_sentence = features.matrix[:, _ENDS_SENTENCE] > 0
        doubled = features.self_doubled
        return cls(
            words=words,
            chars=features.chars,
            doubled=doubled,
            unmarked=unmarked,
            credit=credit,
            short_credit=credit & (words <= _CREDIT_LINE_WORDS),
            closing_credit=(markers[:, _CREDITS] >= 2) & (words >= 4) & (words <= 30),
            chrome=(words <= _CHROME_LINE_WORDS) & (marker_hits >= words),
            lead_prose=ends_sentence & (words >= _LEAD_MIN_WORDS) & unmarked & ~doubled,
            title_shaped=(words >= _TITLE_WORDS[0]) & (words <= _TITLE_WORDS[1]) & ~ends_sentence,
            ends_sentence=ends_sentence,
            bullet=features.matrix[:, _BULLET] > 0,
            comment_signal=(markers[:, _COMMENT] > 0) & (words <= 6),
            related_heading=(markers[:, _RELATED] > 0) & (words <= 5),
            after_comment=features.matrix[:, _AFTER_COMMENT] > 0,
            after_comment_form=features.matrix[:, _AFTER_COMMENT_FORM] > 0,
        )


@dataclass(frozen=True, slots=True)
class _BodyBounds:
    """Per document of a chunk: first and last kept line, start of the comment section
    (chunk line indices; first = end and last = start - 1 when nothing is kept)."""

    doc_of_line: IntArray
    first_kept: IntArray
    last_kept: IntArray
    comments_from: IntArray

    @classmethod
    def empty(cls, documents: int, doc_of_line: IntArray) -> _BodyBounds:
        return cls(
            doc_of_line,
            np.zeros(documents, dtype=np.int64),
            np.zeros(documents, dtype=np.int64),
            np.zeros(documents, dtype=np.int64),
        )

    def record(self, d: int, start: int, keep: BoolArray, comments_from: int) -> None:
        kept_positions = np.flatnonzero(keep)
        if kept_positions.size:
            self.first_kept[d] = start + int(kept_positions[0])
            self.last_kept[d] = start + int(kept_positions[-1])
        else:
            self.first_kept[d] = start + keep.size
            self.last_kept[d] = start - 1
        self.comments_from[d] = start + comments_from


def _first_true(values: BoolArray) -> int | None:
    """Index of the first True (argmax stops at it; flatnonzero would scan the whole array)."""
    if values.size == 0:
        return None
    first = int(np.argmax(values))
    return first if values[first] else None


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
        if not batch.lines:
            return [self._no_article(document) for document in documents]
        features = line_features(batch)
        body_probability = self.model.score(features.matrix, batch.doc_starts, features.chars)
        facts = _LineFacts.of(features)
        keep = body_probability >= self.threshold
        keep &= ~features.self_doubled
        repeated = np.zeros(keep.size, dtype=bool)
        bounds = _BodyBounds.empty(len(documents), batch.doc_of_line)
        starts = batch.doc_starts.tolist()
        for d, document in enumerate(documents):
            start, end = starts[d], starts[d + 1]
            doc_keep = keep[start:end]
            comments_from = self._decide(
                doc_keep,
                facts,
                start,
                batch.lines[start:end],
                document,
                boilerplate,
                repeated[start:end],
            )
            bounds.record(d, start, doc_keep, comments_from)
        reasons = self._reasons(features, facts, keep, repeated, bounds)
        dropped = ~keep
        scores = np.round(1.0 - body_probability[dropped], 4).tolist()
        dropped_before = np.concatenate([[0], np.cumsum(dropped)])[batch.doc_starts].tolist()
        outcomes: list[CleanedDocument | NoArticleError] = []
        for d, document in enumerate(documents):
            start, end = starts[d], starts[d + 1]
            first, last = dropped_before[d], dropped_before[d + 1]
            outcomes.append(
                self._assemble(
                    document,
                    batch.lines[start:end],
                    batch.line_numbers[start:end],
                    keep[start:end].tolist(),
                    reasons[first:last],
                    scores[first:last],
                )
            )
        return outcomes

    def _decide(
        self,
        keep: BoolArray,
        facts: _LineFacts,
        start: int,
        lines: list[str],
        document: RawDocument,
        boilerplate: set[tuple[str, str]],
        repeated: BoolArray,
    ) -> int:
        """Apply the layout rules to one document's ``keep`` (a view, changed in place).

        Marks the lines dropped as repeated across the source in ``repeated``; returns the
        offset where a comment section starts (the document's size when there is none).
        """
        end = start + keep.size
        self._extend_body_upwards(keep, facts, start)
        keep &= ~facts.short_credit[start:end]
        # "Share", "Teilen", "Leave a Reply", "Top Stories": every word a chrome marker.
        keep &= ~facts.chrome[start:end]
        self._fill_body_gaps(keep, facts, start)
        keep &= ~facts.doubled[start:end]
        headline = self._headline(keep, facts, start)
        if headline is not None:
            keep[headline] = False
        comments_from = self._cut_comment_section(keep, facts, start)
        self._cut_related_section(keep, facts, start)
        self._keep_closing_credit(keep, facts, start)
        if boilerplate and document.source:
            source = document.source
            repeated[:] = [(source, line) in boilerplate for line in lines]
            if (keep & ~repeated).any():  # a footer rule must not erase a whole article
                keep &= ~repeated
            else:
                repeated[:] = False
        return comments_from

    @staticmethod
    def _extend_body_upwards(keep: BoolArray, facts: _LineFacts, start: int) -> None:
        """Keep full paragraphs directly above the body: a news article's lead belongs to it.

        The model, trained on pages whose hand-made body often leaves out the teaser under the
        headline, tends to drop the first paragraph of a news story; a news reader wants it.
        Only unmarked lines of sentence prose qualify, so a caption or "Share" stops the walk.
        """
        first_kept = _first_true(keep)
        if first_kept is None:
            return
        offset = first_kept - 1
        while offset >= 0 and facts.lead_prose[start + offset]:
            keep[offset] = True
            offset -= 1

    @staticmethod
    def _headline(keep: BoolArray, facts: _LineFacts, start: int) -> int | None:
        """The first kept line when it is a headline above the body: it goes to the page title.

        A headline is not body (the benchmarks' hand-made bodies leave it out too): a first kept
        line of 3-25 unmarked words, not ending like a sentence, followed by kept prose.
        """
        kept_positions = np.flatnonzero(keep)
        if kept_positions.size < 2:
            return None
        first = int(kept_positions[0])
        line = start + first
        words = int(facts.words[line])
        next_line = start + int(kept_positions[1])
        if (
            facts.title_shaped[line]
            and facts.unmarked[line]
            and facts.ends_sentence[next_line]
            and facts.words[next_line] > words
        ):
            return first
        return None

    @staticmethod
    def _fill_body_gaps(keep: BoolArray, facts: _LineFacts, start: int) -> None:
        """Inside the body, keep unmarked lines that sit between kept lines.

        A body is contiguous: a line the model doubts between two kept paragraphs is far more
        likely a short paragraph or a section heading than chrome, unless it carries markers.
        (Keeping every doubtful line inside the body instead lowered F1 on WCXB dev.)
        """
        kept_positions = np.flatnonzero(keep)
        if kept_positions.size < 2:
            return
        first, last = int(kept_positions[0]), int(kept_positions[-1])
        inside = keep[first : last + 1]
        lines = slice(start + first, start + last + 1)
        # A line between kept lines (a credit line like "Source: ..." may sit between them too):
        # a short paragraph or a section heading.
        before_kept = inside[:-2] | facts.credit[lines][:-2]
        between = np.zeros(inside.size, dtype=bool)
        between[1:-1] = inside[2:] & before_kept
        inside |= facts.unmarked[lines] & between

    @staticmethod
    def _cut_comment_section(keep: BoolArray, facts: _LineFacts, start: int) -> int:
        """Once a comment thread starts after the body, everything after it is comments.

        The thread is recognised by its signals ("Liked by 4 people", "Reply", "Leave a Reply");
        it starts at the article's closing credit ("(c)UNIAN 2021") if there is one before the
        first signal, else at the first bulleted line after the body, else at the signal's line
        before it. Guarded so a "12 comments" link under the headline cannot cut the article.
        """
        size = keep.size
        first_kept = _first_true(keep)
        if first_kept is None:
            return size
        signals = np.flatnonzero(facts.comment_signal[start + first_kept + 1 : start + size])
        if signals.size < _THREAD_SIGNALS:
            return size
        first_signal = first_kept + 1 + int(signals[0])
        cut = max(first_signal - 1, first_kept + 1)
        closing = np.flatnonzero(facts.short_credit[start + first_kept + 1 : start + first_signal])
        if closing.size:
            cut = first_kept + 1 + int(closing[-1])
        else:
            for offset in range(first_kept + 1, first_signal):
                if facts.bullet[start + offset] and not keep[offset - 1]:
                    cut = offset
                    break
        kept_chars = facts.chars[start : start + size] * keep
        if kept_chars[cut:].sum() >= kept_chars[:cut].sum():
            return size
        keep[cut:] = False
        return cut

    @staticmethod
    def _cut_related_section(keep: BoolArray, facts: _LineFacts, start: int) -> None:
        """A "Top Stories" / "Read more" / "Mehr zum Thema" heading after the body ends it.

        Only a short heading line counts, and only when what follows it is small next to the
        body before it, so an inline "Read more: ..." link in the middle of an article cannot
        cut the article in two.
        """
        size = keep.size
        first_kept = _first_true(keep)
        if first_kept is None:
            return
        heading = facts.related_heading[start + first_kept + 1 : start + size]
        if not heading.any():  # the common case: no such heading, nothing to weigh
            return
        if np.count_nonzero(keep) < 2:
            return
        kept_chars = facts.chars[start : start + size] * keep
        total = kept_chars.sum()
        before = (np.cumsum(kept_chars) - kept_chars)[first_kept + 1 :]
        candidates = np.flatnonzero(heading & (total - before < _RELATED_TAIL_SHARE * before))
        if candidates.size:
            keep[first_kept + 1 + int(candidates[0]) :] = False

    @staticmethod
    def _keep_closing_credit(keep: BoolArray, facts: _LineFacts, start: int) -> None:
        """Keep a wire credit that closes the body, e.g. "(Reporting by ..., editing by ...)".

        It belongs to the article (and names its provenance); a lone "(c)UNIAN 2021" does not
        count here: it needs two credit words in a line of at least four words.
        """
        kept_positions = np.flatnonzero(keep)
        if kept_positions.size == 0 or kept_positions[-1] + 1 >= keep.size:
            return
        following = int(kept_positions[-1]) + 1
        if facts.closing_credit[start + following]:
            keep[following] = True

    @staticmethod
    def _reasons(
        features: LineFeatures,
        facts: _LineFacts,
        keep: BoolArray,
        repeated: BoolArray,
        bounds: _BodyBounds,
    ) -> list[str]:
        """A label for each dropped line of the chunk saying why: its markers first, then its
        place. In line order, for the lines where ``keep`` is False."""
        dropped = np.flatnonzero(~keep)
        doc = bounds.doc_of_line[dropped]
        markers = features.markers[dropped]
        short = facts.words[dropped] <= _SHORT_LINE_WORDS
        after_body = dropped > bounds.last_kept[doc]
        before_body = dropped < bounds.first_kept[doc]
        after_comment = facts.after_comment[dropped]
        conditions = np.stack(
            [
                short & (markers[:, _CREDITS] > 0) & ~after_comment,
                facts.after_comment_form[dropped] | ((markers[:, _COMMENT_FORM] > 0) & after_body),
                (dropped >= bounds.comments_from[doc])
                | (after_body & (after_comment | (markers[:, _COMMENT] > 0))),
                short & ~facts.unmarked[dropped],
                before_body & facts.title_shaped[dropped],
                before_body,
                after_body,
                short,
                np.ones(dropped.size, dtype=bool),
            ]
        )
        choice = np.argmax(conditions, axis=0)
        # A short line with markers is named after its first marker category.
        choice = np.where(
            choice == _MARKED_CHOICE, _MARKER_CHOICES + np.argmax(markers, axis=1), choice
        )
        choice[repeated[dropped]] = _REPEATED_CHOICE
        choice[facts.doubled[dropped]] = _DOUBLED_CHOICE
        return list(map(_CHOICE_LABELS.__getitem__, choice.tolist()))

    def _assemble(
        self,
        document: RawDocument,
        lines: list[str],
        line_numbers: list[int],
        keep: list[bool],
        reasons: list[str],
        scores: list[float],
    ) -> CleanedDocument | NoArticleError:
        """One document's result; ``reasons`` and ``scores`` are its dropped lines', in order."""
        kept = list(compress(lines, keep))
        if sum(map(len, kept)) < self.min_body_chars:
            return self._no_article(document)
        dropped = list(map(not_, keep))
        removed_lines = list(compress(lines, dropped))
        title: str | None = None
        if "title" in reasons:
            # Only the first headline-shaped line above the body is the title, and only when the
            # input named none; any other such line was navigation.
            titles = [i for i, reason in enumerate(reasons) if reason == "title"]
            reasons = list(reasons)
            for i in titles:
                reasons[i] = "navigation"
            if document.title is None:
                reasons[titles[0]] = "title"
                title = removed_lines[titles[0]]
        removed = tuple(
            map(RemovedLine, removed_lines, reasons, compress(line_numbers, dropped), scores)
        )
        return CleanedDocument(
            raw=document,
            text="\n".join(kept),
            removed=removed,
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
