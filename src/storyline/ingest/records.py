"""Read article records from JSON and JSON Lines, one record at a time.

A record is a JSON object with these fields (all optional except the body):

``id``         string or integer; missing → ``<file stem>:<line number>`` (JSONL) or
               ``<file stem>:<position>`` (a JSON list) or the file stem (a JSON file of one object)
``text``       the article as plain text → ``ContentKind.TEXT``
``html``       the article page as HTML → ``ContentKind.HTML``; when a record has both, the HTML
               wins, because the cleaner can also read the page's own metadata from it
``url``, ``source``, ``title``  strings
``published``  string, passed through as declared (the pipeline validates ISO 8601)
``lang``       string, kept as ``lang_hint``: a hint, never trusted over the text itself

Other fields are ignored. Empty strings count as missing; a field of the wrong JSON type rejects
the record. ``content_hash`` is the sha256 of the record's canonical JSON (sorted keys, no
whitespace, UTF-8), so the same record hashes the same however it was formatted.

JSON Lines are read one line at a time with a bounded ``readline``: a line longer than
``max_bytes`` is skipped without being held in memory, and a 1 GB file streams. Blank lines are
skipped; JSON Lines must be UTF-8 (a BOM on the first line is tolerated).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterator
from typing import NamedTuple, Protocol

import orjson

from storyline.errors import MalformedRecordError
from storyline.ingest.files import GZIP_ERRORS, human_size
from storyline.model import ContentKind, RawDocument, Rejected, Stage

logger = logging.getLogger(__name__)

BODY_FIELDS = ("html", "text")  # in order of preference when a record has both
METADATA_FIELDS = ("url", "source", "title", "published", "lang")
FIELD_HINTS = {"published": " (an ISO 8601 date)"}
UTF8_BOM = b"\xef\xbb\xbf"
DRAIN_CHUNK_BYTES = 1024 * 1024


class LineSource(Protocol):
    """A binary stream read line by line: a file, a gzip stream, ``sys.stdin.buffer``."""

    def readline(self, size: int = -1, /) -> bytes: ...


def is_article_record(value: object) -> bool:
    return isinstance(value, dict) and any(name in value for name in BODY_FIELDS)


def record_to_document(record: object, *, default_id: str, origin: str) -> RawDocument | Rejected:
    """Validate one parsed JSON value as an article record."""

    def reject(
        reason: str, article_id: str = default_id, content_hash: str | None = None
    ) -> Rejected:
        return Rejected(article_id, origin, Stage.INGEST, reason, content_hash)

    if not isinstance(record, dict):
        return reject(f"record is a JSON {json_type(record)}, not an object")
    try:
        content_hash = hashlib.sha256(canonical_json(record)).hexdigest()
    except UnicodeEncodeError:
        return reject("record contains an invalid \\u escape (a lone UTF-16 surrogate)")
    except (ValueError, RecursionError):  # NaN is fine for json.dumps; only deep nesting fails
        return reject("record is nested too deeply to read")

    raw_id = record.get("id")
    if raw_id is None:
        article_id = default_id
    elif isinstance(raw_id, str) and raw_id.strip():
        article_id = raw_id
    elif isinstance(raw_id, int) and not isinstance(raw_id, bool):
        article_id = str(raw_id)
    else:
        what = "empty" if isinstance(raw_id, str) else f"a JSON {json_type(raw_id)}"
        return reject(f"field 'id' must be a non-empty string or an integer, got {what}")

    body: str | None = None
    kind = ContentKind.TEXT
    empty_fields = []
    for name in BODY_FIELDS:
        value = record.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            return reject(
                f"field '{name}' must be a string, got a JSON {json_type(value)}",
                article_id,
                content_hash,
            )
        if not value or value.isspace():  # isspace stops at the first letter; strip copies
            empty_fields.append(name)
        elif body is None:
            body, kind = value, ContentKind(name)
    if body is None:
        if empty_fields:
            reason = f"the record's '{empty_fields[-1]}' field is empty"
        else:
            reason = "record has neither a 'text' nor an 'html' field"
        return reject(reason, article_id, content_hash)

    metadata: dict[str, str | None] = {}
    for name in METADATA_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            return reject(
                f"field '{name}' must be a string{FIELD_HINTS.get(name, '')}, "
                f"got a JSON {json_type(value)}",
                article_id,
                content_hash,
            )
        metadata[name] = None if not value or value.isspace() else value
    return RawDocument(
        id=article_id,
        origin=origin,
        kind=kind,
        body=body,
        content_hash=content_hash,
        url=metadata["url"],
        source=metadata["source"],
        title=metadata["title"],
        published=metadata["published"],
        lang_hint=metadata["lang"],
        encoding=None,
    )


def canonical_json(record: dict[str, object]) -> bytes:
    """The record as UTF-8 JSON with sorted keys and no whitespace: what its hash is taken of.

    Byte for byte ``json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",",
    ":")).encode()``. orjson writes the same bytes for string fields several times faster (the
    article text dominates ingest's time otherwise); records with other values, or strings
    orjson refuses (lone surrogates), take the json module's path, which also raises the errors
    the caller reports.
    """
    if all(type(value) is str for value in record.values()):
        try:
            return orjson.dumps(record, option=orjson.OPT_SORT_KEYS)
        except orjson.JSONEncodeError:
            pass
    text = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8")


def iter_jsonl(
    stream: LineSource, *, stem: str, origin_prefix: str, max_bytes: int
) -> Iterator[RawDocument | Rejected]:
    """Yield one document or rejection per non-blank line of a JSON Lines stream."""
    line_number = 0
    while True:
        try:
            line = stream.readline(max_bytes + 1)
            if not line:
                return
            line_number += 1
            oversize = 0
            if len(line) > max_bytes and not line.endswith(b"\n"):
                oversize = len(line) + _skip_rest_of_line(stream)
        except (*GZIP_ERRORS, OSError) as exc:
            if line_number == 0:
                reason = f"cannot read the input: {exc}"
            else:
                reason = f"input is broken after line {line_number}, the rest was not read: {exc}"
            origin = f"{origin_prefix}:line {line_number + 1}"
            yield Rejected(stem, origin, Stage.INGEST, reason)
            return
        default_id = f"{stem}:{line_number}"
        origin = f"{origin_prefix}:line {line_number}"
        if oversize:
            reason = (
                f"line is {human_size(oversize)}, larger than the {human_size(max_bytes)} limit "
                "(IngestSettings.max_bytes)"
            )
            yield Rejected(default_id, origin, Stage.INGEST, reason)
            continue
        if line_number == 1 and line.startswith(UTF8_BOM):
            line = line[len(UTF8_BOM) :]
        if not line.strip():
            continue
        yield _line_to_document(line, default_id=default_id, origin=origin)


def _skip_rest_of_line(stream: LineSource) -> int:
    skipped = 0
    while True:
        chunk = stream.readline(DRAIN_CHUNK_BYTES)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def _line_to_document(line: bytes, *, default_id: str, origin: str) -> RawDocument | Rejected:
    # orjson reads the common record, an object of strings, faster. Anything else goes the json
    # module's way below: it words the errors, and numbers stay exactly as json reads them
    # (orjson turns integers beyond 64 bits into floats).
    try:
        record = orjson.loads(line)
    except orjson.JSONDecodeError:
        pass
    else:
        if type(record) is dict and all(type(value) is str for value in record.values()):
            return record_to_document(record, default_id=default_id, origin=origin)
    try:
        text = line.rstrip(b"\r\n").decode("utf-8")  # the line end would confuse error columns
    except UnicodeDecodeError:
        return Rejected(
            default_id, origin, Stage.INGEST, "line is not UTF-8 text (JSON Lines must be UTF-8)"
        )
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        return Rejected(
            default_id,
            origin,
            Stage.INGEST,
            f"line is not valid JSON: {exc.msg} (column {exc.colno})",
        )
    except RecursionError:
        return Rejected(default_id, origin, Stage.INGEST, "line is JSON nested too deeply to read")
    return record_to_document(record, default_id=default_id, origin=origin)


class JsonContent(NamedTuple):
    records: list[object]  # empty when the file holds no article records
    single: bool  # the file is one object rather than a list


def load_json_records(raw: bytes) -> JsonContent:
    """Parse a .json file: its article records, or none when it holds none.

    Raises ``MalformedRecordError`` when the bytes are not JSON at all.
    """
    try:
        value = json.loads(raw)  # bytes: json detects UTF-8 (with or without BOM), -16 and -32
    except json.JSONDecodeError as exc:
        raise MalformedRecordError(
            f"file is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None
    except UnicodeDecodeError:
        raise MalformedRecordError("file is not UTF-8 text (JSON must be UTF-8)") from None
    except RecursionError:
        raise MalformedRecordError("file is JSON nested too deeply to read") from None
    if isinstance(value, list):
        has_articles = any(is_article_record(item) for item in value)
        return JsonContent(value if has_articles else [], single=False)
    return JsonContent([value] if is_article_record(value) else [], single=True)


def json_type(value: object) -> str:
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    if isinstance(value, str):
        return "string"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    return "null"
