"""Clean an HTML page: keep the article body, drop the chrome and the reader comments.

``clean_html(raw)`` parses the page once and hands the same tree to trafilatura (body) and to
``html_metadata`` (title, author, site, canonical URL and, through htmldate, the date).

What storyline adds to trafilatura, and why (each step was measured on the WCXB dev split, see
``bench/clean_html.py``; ScrapingHub and WCXB test were only used to report):

- Reader comments are left out (trafilatura's default keeps them at the end of the text).
- When trafilatura's text is short next to the page's own paragraph text, a second, recall-mode
  run is tried and kept if clearly longer (``FALLBACK_*`` below).
- trafilatura's text marks tables and lists up as Markdown (``| a | b |``, ``|---|``, ``- item``).
  The cleaned text is plain paragraphs, so a table row becomes its cells separated by tabs, the
  separator rows go, and list items lose their bullet.
- A paragraph that comes again word for word is dropped: pages that ship the article twice (an
  AMP or print copy, a preview block) otherwise double every sentence.
- A first paragraph that is the headline goes: the title is a field of its own.
- A page whose "body" is mostly the text of its own links is an index or a navigation page, not
  an article, and raises ``NoArticleError``.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import trafilatura
from lxml.html import HtmlElement

from storyline.clean.html_metadata import read_page_metadata
from storyline.errors import NoArticleError
from storyline.model import CleanedDocument, ContentKind, PageMetadata, RawDocument

logger = logging.getLogger(__name__)

# Bump when the post-processing below changes what text comes out, so that articles cleaned by
# two revisions are told apart even with the same trafilatura.
POSTPROCESS_REVISION = 1
CLEANER_NAME = f"html:trafilatura-{trafilatura.__version__}+sl{POSTPROCESS_REVISION}"


@dataclass(frozen=True, slots=True)
class ExtractionSettings:
    """The trafilatura settings of one extraction run."""

    # Reader comments are never article text (trafilatura's default keeps them).
    include_comments: bool = False
    include_tables: bool = True
    favor_precision: bool = False
    favor_recall: bool = False
    fast: bool = False
    deduplicate: bool = False


# Everything but comments at trafilatura's defaults: favor_precision (F1 0.900), favor_recall
# (0.922), deduplicate (0.923, no change) and no tables (0.917) all scored no better than the
# defaults (0.923) on WCXB dev.
EXTRACTION_SETTINGS = ExtractionSettings()
RECALL_FALLBACK_SETTINGS = ExtractionSettings(favor_recall=True, fast=True)
# Fallback when the text is under a fifth of the page's paragraph text, kept when 10% longer.
# On WCXB dev a fifth triggers on 4% of pages for half the gain that a half (18%) brings; the
# half costs more time than the speed budget has.
FALLBACK_BELOW_PARAGRAPH_SHARE = 0.2
FALLBACK_MIN_GAIN = 1.1

# Shorter paragraphs (headings such as "Conclusion", table cells, code braces) may rightly repeat.
MIN_DEDUPLICATED_CHARS = 40
# An index page's extracted text is mostly headlines that are links; an article's is not.
# On the 710 WCXB dev articles it extracts, the highest share is 0.35.
MAX_LINK_TEXT_SHARE = 0.5
MIN_ARTICLE_WORDS = 10
# A headline is a link; a paragraph of running text longer than this never is.
MAX_LINK_TEXT_CHARS = 200

TABLE_SEPARATOR_ROW = re.compile(r"^\|(\s*:?-+:?\s*\|)+$")
TABLE_CELL_BORDER = re.compile(r"(?<!\\)\|")
LIST_BULLETS = "-*•"
LIST_BULLET = re.compile(r"^[-*•]\s+")


def clean_html(raw: RawDocument) -> CleanedDocument:
    """Extract the article body and the page metadata from one HTML page.

    Raises ``NoArticleError`` with a reason when the page holds no article: it is empty, cannot
    be parsed, or its main text is too short or mostly links (an index or navigation page).
    """
    if raw.kind is not ContentKind.HTML:
        raise ValueError(f"clean_html needs an HTML document, got kind={raw.kind!r}")
    if not raw.body.strip():
        raise NoArticleError("the page is empty", article_id=raw.id, stage="clean")

    tree = _parse(raw)
    text = _extract_body(tree, raw)
    page = _page_metadata(tree, raw)
    text = without_leading_title(text, page.title)
    _check_is_article(text, tree, raw)
    return CleanedDocument(raw=raw, text=text, removed=(), page=page, cleaner=CLEANER_NAME)


def _parse(raw: RawDocument) -> HtmlElement:
    try:
        tree = trafilatura.load_html(raw.body)
    except Exception as error:  # lxml raises a variety of errors on hostile input
        raise NoArticleError(
            f"the page could not be parsed as HTML ({type(error).__name__}: {error})",
            article_id=raw.id,
            stage="clean",
        ) from None
    if tree is None:
        raise NoArticleError(
            "the page could not be parsed as HTML: no document tree came out of it",
            article_id=raw.id,
            stage="clean",
        )
    return tree


def _extract_body(tree: HtmlElement, raw: RawDocument) -> str:
    extracted = _trafilatura_text(tree, raw, EXTRACTION_SETTINGS)
    # trafilatura's balanced mode sometimes keeps only part of the article. When its text is
    # short next to the page's own paragraphs, a recall-mode run is tried and kept if it is
    # clearly longer. Recall's fast mode: the full one scored the same on WCXB dev and costs
    # more of the speed budget.
    if len(extracted) < FALLBACK_BELOW_PARAGRAPH_SHARE * _paragraph_text_length(tree):
        recalled = _trafilatura_text(tree, raw, RECALL_FALLBACK_SETTINGS)
        if len(recalled) > FALLBACK_MIN_GAIN * len(extracted):
            logger.debug(
                "%s: recall fallback kept (%d > %d chars)", raw.id, len(recalled), len(extracted)
            )
            extracted = recalled
    text = plain_paragraphs(extracted)
    if not text:
        raise NoArticleError(
            "no article body found: the page has no block of running text "
            "(an index, navigation or media-only page?)",
            article_id=raw.id,
            stage="clean",
        )
    return text


def _trafilatura_text(tree: HtmlElement, raw: RawDocument, settings: ExtractionSettings) -> str:
    try:
        # bare_extraction copies a tree it is given, so ``tree`` stays intact for the metadata.
        document = trafilatura.bare_extraction(
            tree,
            url=raw.url,
            include_comments=settings.include_comments,
            include_tables=settings.include_tables,
            favor_precision=settings.favor_precision,
            favor_recall=settings.favor_recall,
            fast=settings.fast,
            deduplicate=settings.deduplicate,
        )
    except Exception as error:
        # A library bug on one odd page must not stop the batch: the page becomes a Rejected.
        logger.warning("trafilatura failed on %s", raw.origin, exc_info=True)
        raise NoArticleError(
            f"the body extractor failed on this page ({type(error).__name__}: {error})",
            article_id=raw.id,
            stage="clean",
        ) from None
    return str(getattr(document, "text", None) or "")


def _paragraph_text_length(tree: HtmlElement) -> int:
    """Characters of text in the page's paragraphs and list items, chrome included."""
    return sum(len(" ".join(element.text_content().split())) for element in tree.iter("p", "li"))


def plain_paragraphs(extracted: str) -> str:
    """Turn trafilatura's text into plain paragraphs, one per line, each said once."""
    paragraphs: list[str] = []
    seen: set[str] = set()
    for line in extracted.splitlines():
        paragraph = _plain_line(line)
        if not paragraph:
            continue
        if len(paragraph) >= MIN_DEDUPLICATED_CHARS:
            key = paragraph.casefold()
            if key in seen:
                continue
            seen.add(key)
        paragraphs.append(paragraph)
    return "\n".join(paragraphs)


def _plain_line(line: str) -> str:
    stripped = line.strip()
    first = stripped[:1]
    if first == "|" and stripped.endswith("|") and len(stripped) > 1:
        if TABLE_SEPARATOR_ROW.match(stripped):
            return ""
        cells = TABLE_CELL_BORDER.split(stripped[1:-1])
        return "\t".join(
            " ".join(cell.replace("\\|", "|").split()) for cell in cells if cell.strip()
        )
    if first in LIST_BULLETS:
        stripped = LIST_BULLET.sub("", stripped)
    return " ".join(stripped.split())


def without_leading_title(text: str, title: str | None) -> str:
    """Drop the headline when the body starts with it: the title is a field of its own."""
    if not title:
        return text
    first, _, rest = text.partition("\n")
    if _normalised(first) == _normalised(title):
        return rest
    return text


def _check_is_article(text: str, tree: HtmlElement, raw: RawDocument) -> None:
    words = len(text.split())
    if words < MIN_ARTICLE_WORDS:
        raise NoArticleError(
            f"no article body found: the main text has only {words} words",
            article_id=raw.id,
            stage="clean",
        )
    # Collecting the page's link texts is a pass over every <a>. A long paragraph is never a
    # whole link, so when long paragraphs carry most of the text the check cannot fail: skip it.
    if short_paragraph_share(text) <= MAX_LINK_TEXT_SHARE:
        return
    share = link_text_share(text, tree)
    if share > MAX_LINK_TEXT_SHARE:
        raise NoArticleError(
            f"no article body found: {share:.0%} of the main text is link text "
            "(an index or navigation page)",
            article_id=raw.id,
            stage="clean",
        )


def short_paragraph_share(text: str) -> float:
    """The share of the text's characters in paragraphs short enough to be a headline."""
    lengths = [len(paragraph) for paragraph in text.split("\n")]
    total = sum(lengths)
    return sum(n for n in lengths if n <= MAX_LINK_TEXT_CHARS) / total if total else 0.0


def link_text_share(text: str, tree: HtmlElement) -> float:
    """The share of the text's characters in paragraphs that are, word for word, a link's text."""
    link_texts = {_normalised(anchor.text_content()) for anchor in tree.iter("a")}
    link_texts.discard("")
    paragraphs = text.split("\n")
    total = sum(len(paragraph) for paragraph in paragraphs)
    linked = sum(len(p) for p in paragraphs if _normalised(p) in link_texts)
    return linked / total if total else 0.0


def _normalised(value: str) -> str:
    return " ".join(value.split()).casefold()


def _page_metadata(tree: HtmlElement, raw: RawDocument) -> PageMetadata:
    try:
        return read_page_metadata(tree, raw.url)
    except Exception:
        # Metadata is a bonus: a page whose body came out fine is still an article without it.
        logger.warning("could not read the page metadata of %s", raw.origin, exc_info=True)
        return PageMetadata()
