"""Read what a page says about itself: title, author, site, canonical URL, publication date.

The sources, in the order they are trusted:

1. ``<meta>`` tags (Open Graph ``og:*``, ``article:*``, Twitter cards, Dublin Core, ``author``)
   and ``<link rel="canonical">``: publishers write them for machines, so they are the most
   reliable.
2. JSON-LD (``<script type="application/ld+json">``): ``headline``, ``author``, ``publisher``.
3. Visible markup: ``<title>``, the first ``<h1>``, a ``rel=author`` or ``byline`` element.

The date comes from htmldate, which reads the same meta tags and JSON-LD first and then the
markup (``<time>``, ``<abbr>``, date-like classes). Its *extensive* search, which scans the whole
text for anything that looks like a date, is switched off: it costs as much as the body
extraction itself (measured in ``bench/clean_html.py``) and dates written in the text are the
analyze stage's job, where they are kept with their evidence.

Why not ``trafilatura.extract_metadata``: it also extracts categories, tags, licence and image,
and runs its extensive date and author searches; together that made the HTML path ~1.5x slower
than the body extraction alone, which the speed budget of the clean stage does not allow.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit

from htmldate import find_date
from lxml.html import HtmlElement

from storyline.model import PageMetadata

logger = logging.getLogger(__name__)

TITLE_KEYS = ("og:title", "twitter:title", "dc.title", "dcterms.title", "headline")
AUTHOR_KEYS = (
    "author",
    "article:author",
    "dc.creator",
    "dcterms.creator",
    "parsely-author",
    "sailthru.author",
    "byl",
    "twitter:creator",
)
SITE_KEYS = ("og:site_name", "application-name", "publisher", "dc.publisher")
CANONICAL_META_KEYS = ("og:url", "twitter:url")

# A byline element holds a name, not a paragraph; longer text is a bio or a teaser.
MAX_BYLINE_CHARS = 80
BYLINE_PREFIX = re.compile(r"^\s*(by|von|par|por|di|door|av|af)\s*[:\-]?\s+", re.IGNORECASE)
# Marked-up author links first: a byline element also holds the job title or the place.
AUTHOR_XPATHS = (
    "//*[@rel='author' or @itemprop='author']",
    "//*[contains(@class, 'byline') or contains(@class, 'author-name')]",
)
# "Headline | Site", "Headline - Site", "Headline — Site": the page <title> often ends so.
TITLE_SITE_SEPARATORS = " |-–—·:»"
JSON_LD_XPATH = "//script[@type='application/ld+json']"
WHITESPACE = re.compile(r"\s+")


def read_page_metadata(tree: HtmlElement, page_url: str | None = None) -> PageMetadata:
    """Collect the page's own metadata from a parsed tree; the tree is not modified.

    ``page_url`` is where the page was fetched from, if known: it resolves a relative canonical
    link and lets htmldate read a date out of the URL path (``/2024/03/05/…``).
    """
    meta = _meta_tags(tree)
    linked_data = list(_json_ld_objects(tree))

    canonical = _canonical_url(tree, meta, page_url)
    site = _first(meta, SITE_KEYS) or _ld_publisher(linked_data)
    title = _first(meta, TITLE_KEYS) or _ld_value(linked_data, "headline") or _markup_title(tree)
    published = find_date(
        tree,
        url=canonical or page_url,
        original_date=True,
        extensive_search=False,
    )
    return PageMetadata(
        title=without_site_name(title, site),
        author=_author(tree, meta, linked_data),
        site=site,
        canonical_url=canonical,
        published=published,
    )


def without_site_name(title: str | None, site: str | None) -> str | None:
    """Drop a trailing " | Site" from a title; the site is a field of its own."""
    if not title or not site or not title.endswith(site):
        return title
    head = title[: -len(site)]
    stripped = head.rstrip(TITLE_SITE_SEPARATORS)
    # Only a separator may stand between headline and site name: "Visit Rome" keeps "Rome".
    if stripped == head.rstrip() or not stripped:
        return title
    return stripped


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    cleaned = WHITESPACE.sub(" ", value).strip()
    return cleaned or None


def _meta_tags(tree: HtmlElement) -> dict[str, str]:
    """Map each meta key (property, name or itemprop, lower-cased) to its first non-empty value."""
    found: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop")
        value = _clean(element.get("content"))
        if key and value:
            found.setdefault(key.strip().lower(), value)
    return found


def _first(meta: dict[str, str], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        if key in meta:
            return meta[key]
    return None


def _json_ld_objects(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    """Yield every JSON object in the page's JSON-LD blocks, ``@graph`` members included."""
    for script in tree.xpath(JSON_LD_XPATH):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            # Broken JSON-LD is common (trailing commas, HTML entities); it is only a hint.
            logger.debug("skipping JSON-LD block that is not valid JSON")
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                yield item
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph)


def _names(value: Any) -> list[str]:
    """The person or organisation names in a JSON-LD ``author``/``publisher`` value."""
    if isinstance(value, str):
        cleaned = _clean(value)
        return [cleaned] if cleaned and not cleaned.startswith("http") else []
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [name for item in value for name in _names(item)]
    return []


def _ld_value(objects: list[dict[str, Any]], key: str) -> str | None:
    for item in objects:
        value = item.get(key)
        if isinstance(value, str) and (cleaned := _clean(value)):
            return cleaned
    return None


def _ld_publisher(objects: list[dict[str, Any]]) -> str | None:
    for item in objects:
        names = _names(item.get("publisher"))
        if names:
            return names[0]
    return None


def _author(tree: HtmlElement, meta: dict[str, str], objects: list[dict[str, Any]]) -> str | None:
    meta_author = _first(meta, AUTHOR_KEYS)
    # article:author is often a profile URL, twitter:creator a @handle: neither is a name.
    if meta_author and not meta_author.startswith(("http", "@")):
        return BYLINE_PREFIX.sub("", meta_author) or None
    for item in objects:
        names = _names(item.get("author"))
        if names:
            return ", ".join(dict.fromkeys(names))
    for xpath in AUTHOR_XPATHS:
        for element in tree.xpath(xpath):
            text = _clean(element.text_content()) if isinstance(element, HtmlElement) else None
            if text and len(text) <= MAX_BYLINE_CHARS:
                return BYLINE_PREFIX.sub("", text) or None
    return None


def _markup_title(tree: HtmlElement) -> str | None:
    title = tree.find(".//title")
    if title is not None and (text := _clean(title.text_content())):
        return text
    heading = tree.find(".//h1")
    if heading is not None:
        return _clean(heading.text_content())
    return None


def _canonical_url(tree: HtmlElement, meta: dict[str, str], page_url: str | None) -> str | None:
    link = tree.find(".//link[@rel='canonical']")
    href = _clean(link.get("href")) if link is not None else None
    href = href or _first(meta, CANONICAL_META_KEYS)
    if not href:
        return None
    if page_url:
        return urljoin(page_url, href)
    # A relative link with no page URL to resolve it against names no page at all.
    return href if urlsplit(href).scheme in ("http", "https") else None
